"""Links: absolute URLs without fragments, anchors, attachments."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

import pytest

from crawler.extract.dom import make_soup
from crawler.extract.links import extract_links
from crawler.extract.model import Link
from crawler.extract.urls import absolute, base_url_of, is_attachment

PAGE = "http://www.example.gov.cn/zwgk/tzgg/index.html"


def links_of(body: str, head: str = "") -> list[Link]:
    soup = make_soup(f"<html><head>{head}</head><body>{body}</body></html>")
    return extract_links(soup, base_url_of(soup, PAGE))


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("a.html", "http://www.example.gov.cn/zwgk/tzgg/a.html"),
        ("../b.html#top", "http://www.example.gov.cn/zwgk/b.html"),
        ("/c/", "http://www.example.gov.cn/c/"),
        ("//cdn.example.gov.cn/x.pdf", "http://cdn.example.gov.cn/x.pdf"),
        ("https://other.gov.cn/", "https://other.gov.cn/"),
        ("  d.html\n", "http://www.example.gov.cn/zwgk/tzgg/d.html"),
        ("javascript:void(0)", None),
        ("JavaScript:go()", None),
        ("mailto:x@example.gov.cn", None),
        ("tel:12345", None),
        ("#", None),
        ("#section", None),
        ("", None),
        ("ftp://files.example.gov.cn/a.zip", None),
        ("http://[broken", None),
    ],
)
def test_absolute(href: str, expected: str | None) -> None:
    assert absolute(PAGE, href) == expected


BASES = [
    "http://www.example.gov.cn/zwgk/tzgg/index.html",
    "http://www.example.gov.cn/zwgk/tzgg/index_1.html?x=1",
    "http://www.example.gov.cn/zwgk/gzdt/",
    "https://www.example.gov.cn/zwgk/tzgg/a;p.html",
    "http://jyj.example.gov.cn/zwgk/tzgg/index.html",
]
HREFS = [
    "a.html",
    "../b.html",
    "/c/d.html",
    "//cdn.example.gov.cn/e.pdf",
    "http://x.gov.cn/f",
    "?page=2",
    ";p",
    "g/",
]


def test_absolute_answers_shared_across_pages_use_the_right_base() -> None:
    # answers are remembered across pages where only part of the base matters: ask in both orders
    pairs = [(base, href) for base in BASES for href in HREFS]
    for base, href in pairs + pairs[::-1]:
        assert absolute(base, href) == urldefrag(urljoin(base, href))[0]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://x.gov.cn/a.pdf", True),
        ("http://x.gov.cn/a.PDF", True),
        ("http://x.gov.cn/%E6%B8%85%E5%8D%95.XLSX", True),
        ("http://x.gov.cn/a.docx?download=1", True),
        ("http://x.gov.cn/a.wps", True),
        ("http://x.gov.cn/a.et", True),
        ("http://x.gov.cn/a.ofd", True),
        ("http://x.gov.cn/a.zip", True),
        ("http://x.gov.cn/a.html", False),
        ("http://x.gov.cn/pdf/", False),
        ("http://x.gov.cn/download.jsp?file=a.pdf", False),  # only the path counts
        ("http://x.gov.cn/a.jpg", False),
    ],
)
def test_is_attachment(url: str, expected: bool) -> None:
    assert is_attachment(url) is expected


def test_extract_links() -> None:
    body = """
    <a href="a.html">  通知
       公告 </a>
    <a href="b.html" title="标题属性"></a>
    <a href="c.html"><img src="x.png" alt="图片说明"></a>
    <a href="a.html#p2">重复的链接</a>
    <a href="/files/预算.PDF">2026年部门预算</a>
    <a href="javascript:;">脚本</a>
    <a>没有地址</a>
    <map><area href="/map.html" alt="地图"></map>
    """
    assert links_of(body) == [
        Link("http://www.example.gov.cn/zwgk/tzgg/a.html", "通知 公告", False),
        Link("http://www.example.gov.cn/zwgk/tzgg/b.html", "标题属性", False),
        Link("http://www.example.gov.cn/zwgk/tzgg/c.html", "图片说明", False),
        Link("http://www.example.gov.cn/files/预算.PDF", "2026年部门预算", True),
        Link("http://www.example.gov.cn/map.html", "地图", False),
    ]


def test_empty_anchor_is_filled_by_a_later_link() -> None:
    assert links_of("<a href='a.html'></a><a href='a.html'>工作动态</a>") == [
        Link("http://www.example.gov.cn/zwgk/tzgg/a.html", "工作动态", False)
    ]


def test_base_href() -> None:
    links = links_of("<a href='x.html'>相对链接</a>", head="<base href='http://www.example.gov.cn/other/'>")
    assert [link.url for link in links] == ["http://www.example.gov.cn/other/x.html"]


def test_frames_are_links() -> None:
    body = """
    <iframe src="/xxgk/index.html" title="政府信息公开" width="980" height="1200"></iframe>
    <iframe src="about:blank"></iframe>
    <iframe src="http://tianqi.example.com/plugin/widget.htm"></iframe>
    <frameset><frame name="main" src="main.html"></frameset>
    <a href="/xxgk/index.html">信息公开</a>
    """
    assert links_of(body) == [
        Link("http://www.example.gov.cn/xxgk/index.html", "政府信息公开", False),
        Link("http://tianqi.example.com/plugin/widget.htm", "", False),  # the crawler keeps to its own hosts
        Link("http://www.example.gov.cn/zwgk/tzgg/main.html", "main", False),
    ]
