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


# -- jump menus: <select> options that open a site ------------------------------------------------------------------

def test_jump_menu_options_are_links() -> None:
    body = """
    <select onchange="window.open(this.value)">
      <option value="0">—部门网站—</option><option value="">请选择</option><option value="请选择">请选择</option>
      <option value="http://jyj.example.gov.cn/">区教育局</option>
      <option value="//wjw.example.gov.cn/index.html"> 区卫生 健康委 </option>
      <option value="javascript:void(0)">脚本</option>
      <option>http://www.example.gov.cn/no-value.html</option>
    </select>
    <select onchange="location.href=this.options[this.selectedIndex].value">
      <optgroup label="乡镇"><option value="/zj/dcjd/">东城街道</option></optgroup>
      <option value="../mzj/index.shtml">区民政局</option><option value="./sfj/">区司法局</option>
      <option value="fgw.jsp?id=3">区发改委</option><option value="2026">2026</option>
      <option value="/files/名录.pdf">单位名录</option>
    </select>
    """
    assert links_of(body) == [
        Link("http://jyj.example.gov.cn/", "区教育局", False),
        Link("http://wjw.example.gov.cn/index.html", "区卫生 健康委", False),
        Link("http://www.example.gov.cn/zj/dcjd/", "东城街道", False),
        Link("http://www.example.gov.cn/zwgk/mzj/index.shtml", "区民政局", False),
        Link("http://www.example.gov.cn/zwgk/tzgg/sfj/", "区司法局", False),
        Link("http://www.example.gov.cn/zwgk/tzgg/fgw.jsp?id=3", "区发改委", False),
        Link("http://www.example.gov.cn/files/名录.pdf", "单位名录", True),
    ]


def test_option_and_anchor_to_one_url_are_one_link() -> None:
    body = """<a href="http://jyj.example.gov.cn/"></a>
    <select><option value="http://jyj.example.gov.cn/">区教育局</option></select>
    <datalist id="words"><option value="/suggested/">建议词</option></datalist>"""
    assert links_of(body) == [Link("http://jyj.example.gov.cn/", "区教育局", False)]


# -- site-search forms: a link of their own kind -----------------------------------------------------------------

SEARCH = "http://www.example.gov.cn/jsearch/search.do"


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ('<form action="/jsearch/search.do" method="get"><input type="text" name="q">'
         '<input type="submit" value="搜 索"></form>', Link(SEARCH, "搜索", is_form=True)),
        ('<form action="/jsearch/search.do" method="post"><input type="hidden" name="webid" value="1">'
         '<input name="searchword"><input type="submit" value="搜　索"></form>', Link(SEARCH, "搜索", is_form=True)),
        ('<form action="/jsearch/search.do"><input type="text" name="k"><button type="submit">'
         '<img src="/images/btn.png" alt="检 索"></button></form>', Link(SEARCH, "检索", is_form=True)),
        ('<form action="/jsearch/search.do"><input type="text" placeholder="请输入关键字">'
         '<input type="image" src="/images/go.gif"></form>', Link(SEARCH, "请输入关键字", is_form=True)),
        ('<form action="/jsearch/search.do"><input type="search" title="站内 搜索"><button>GO</button></form>',
         Link(SEARCH, "站内搜索", is_form=True)),  # the button says no search word: the input's title does
        ('<form id="searchForm" action="../../jsearch/search.do"><input type="text" name="t"></form>',
         Link(SEARCH, "", is_form=True)),
        ('<form onsubmit="return doSearch()"><input type="text" name="kw"><input type="button" value="搜索"></form>',
         Link(PAGE, "搜索", is_form=True)),  # no action: the form submits to the page itself
        ('<form name="f" action="/s.jsp"><input type="text" name="kw"><a href="javascript:document.f.submit()">'
         '<span><img src="/img/b.gif" alt="搜 索"></span></a></form>', Link("http://www.example.gov.cn/s.jsp", "搜索", is_form=True)),
        # not searches: a log-in, a message, a letter looked up by its code, a button without a text box
        ('<form action="/login.do"><input type="text" name="q" placeholder="用户名"><input type="password" name="p">'
         '<input type="submit" value="登 录"></form>', None),
        ('<form action="/hdjl/save.do" method="post"><input type="text" name="title" placeholder="标题">'
         '<textarea name="content"></textarea><input type="submit" value="提交"></form>', None),
        ('<form action="/hdjl/query.do"><input type="text" name="code" placeholder="请输入查询码">'
         '<input type="submit" value="查询"></form>', None),
        ('<form action="/jsearch/search.do"><input type="submit" value="高级搜索"></form>', None),
        ('<form id="searchForm" action="/hdjl/letter.do"><input type="text" name="code" placeholder="请输入查询码">'
         '<input type="submit" value="查询"></form>', None),
        ('<form action="/search.do"><input type="text" name="q"><input type="text" name="yzm">'
         '<input type="submit" value="搜索"></form>', None),  # a captcha: a form for people only
    ],
)
def test_search_forms(form: str, expected: Link | None) -> None:
    assert [link for link in links_of(form) if link.is_form] == ([expected] if expected else [])


def test_search_form_comes_after_links_and_yields_to_one_at_its_url() -> None:
    body = """<form action="/jsearch/search.do"><input name="q"><input type="submit" value="搜索"></form>
    <a href="/index.html">首页</a>"""
    assert links_of(body) == [Link("http://www.example.gov.cn/index.html", "首页", False),
                              Link(SEARCH, "搜索", is_form=True)]
    assert links_of(body + f'<a href="{SEARCH}">高级搜索</a>')[1:] == [Link(SEARCH, "高级搜索", False)]


def test_real_portal_jump_menus_and_search_form() -> None:
    from tests.test_extract_real_pages import extract

    links = extract("handan-city/index.jsp").links
    assert Link("http://www.hd.gov.cn/fgw/", "邯郸市发展和改革委员会", False) in links
    assert Link("http://zx.hd.gov.cn/", "市政协", False) in links
    assert [link for link in links if link.is_form] == [Link("http://www.hd.gov.cn/was5/web/search", "搜索", is_form=True)]
    links = extract("handan-city/list.jsp").links  # the search scope select (all, biaoti …) names no page
    assert [link.url for link in links if link.is_form] == ["http://www.hd.gov.cn/govsearch/simp_gov_list.jsp"]
    assert not [link for link in links if link.url.endswith(("/all", "/biaoti"))]
