"""extract_page end to end: robustness on hostile input, page kind, visible text, a full fixture."""

from __future__ import annotations

import logging
import time
from datetime import date
from pathlib import Path

import pytest

from crawler.extract.model import PageExtract
from crawler.extract.page import MAX_TEXT_CHARS, extract_page

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"
URL = "http://www.example.gov.cn/zwgk/index.html"

HOSTILE = [
    "",
    "   ",
    "<html",
    "<<<>>>",
    "</div></div></body>",
    "http://www.example.gov.cn/",  # looks like a URL: bs4 would warn, and warnings are errors here
    "index.html",
    '<?xml version="1.0" encoding="utf-8"?><datastore><record><![CDATA[<li>x</li>]]></record></datastore>',
    "<title><script>alert(1)</script>标题</title><body>正文</body>",
    "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>",
    "<body>\x00\x01\x02 NUL 与控制字符 \ufffe\uffff</body>",
    "<body>lone surrogate \ud800 here</body>",
    "<a href='http://[::1'>broken ipv6</a><a href='http://exa mple.gov.cn/'>space</a><a href='\\\\x'>x</a>",
    "<meta name='PubDate' content='9999-99-99'><meta name='ColumnName'><span>发布日期：0000-00-00</span>",
    "<script>createPageHTML(1e9, 'x', , )</script><div class='page'><a href='?page=99999999999999999999'>2</a></div>",
    "<script>var countPage = " + "9" * 6000 + "; index</script>",  # beyond int()'s digit limit
    "<script>createPageHTML(², ٣, 'index', 'html')</script>",  # digits int() refuses
    "<div class='page'><a href='?page=2'>" + "9" * 5000 + "</a></div>",
    "<table><tr><td>索引号</td></tr><tr><td>索引号</td><td>索引号</td></tr></table>",
    "<ul>" + "<li><a href='a.html'>标题标题</a>[02-29]</li>" * 3 + "</ul>",
    "<div>" * 3000 + "deep" + "</div>" * 3000,
    "<p>" + "当前位置：" * 2000 + "</p>",
]


@pytest.mark.parametrize("html", HOSTILE)
def test_never_raises_and_logs_no_error(html: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        page = extract_page(html, URL)
    assert isinstance(page, PageExtract)
    assert page.page_kind in ("list", "article", "other")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_hostile_title_is_kept_as_text() -> None:
    page = extract_page("<title><script>alert(1)</script>标题</title><body>正文</body>", URL)
    assert page.title == "<script>alert(1)</script>标题"
    assert page.text == "正文"


def test_bad_url_does_not_matter() -> None:
    page = extract_page("<a href='a.html'>链接</a>", "not a url")
    assert page.links == []


def test_huge_page_is_handled_in_bounded_time() -> None:
    row = "<li><a href='t20260301_{i}.html'>第{i}条工作动态的标题</a><span>2026-03-01</span></li>"
    html = "<html><body><ul>" + "".join(row.format(i=i) for i in range(8000)) + "</ul></body></html>"
    started = time.perf_counter()
    page = extract_page(html, URL, today=date(2026, 3, 20))
    assert time.perf_counter() - started < 30
    assert len(page.entries) == 8000
    assert len(page.text) == MAX_TEXT_CHARS


def test_page_deeper_than_the_parser_keeps_its_content() -> None:
    # unclosed <font> in every item nests each item in the previous one: 2,500 levels (libxml2 stops at 2,048)
    row = "<li><font><a href='t20260301_{i}.html'>第{i}条工作动态的标题</a> 2026-03-01"
    footer = "<div class='footer'>网站标识码：2101000001 主办单位：示例区人民政府办公室</div>"
    html = "<html><body><ul>" + "".join(row.format(i=i) for i in range(2500)) + "</ul>" + footer
    page = extract_page(html, URL, today=date(2026, 3, 20))
    assert len(page.links) == 2500
    assert (page.identity.site_code, page.identity.sponsor) == ("2101000001", "示例区人民政府办公室")


def test_huge_text_node_is_kept() -> None:
    html = "<html><body><p>" + "正文内容。" * 700_000 + "</p><div class='footer'>网站标识码：2101000001</div>"
    page = extract_page(html, URL, max_chars=4_000_000)  # a text node of 10.5 MB: beyond libxml2's default limit
    assert len(page.text) == MAX_TEXT_CHARS
    assert page.identity.site_code == "2101000001"


def test_content_after_the_closing_html_tag_counts() -> None:
    html = "<html><body><p>正文</p></body></html><div class='footer'><a href='/map.html'>网站地图</a></div>"
    page = extract_page(html, URL)
    assert [link.anchor for link in page.links] == ["网站地图"]


def test_visible_text() -> None:
    html = """<html><head><title>标题</title><style>p {color: red}</style></head><body>
    <script>var x = "脚本";</script><noscript>请启用脚本</noscript>
    <p>第一段   文字</p><p>第二段&nbsp;文字\u3000全角空格</p><!-- 注释 -->
    <div>数字<span>4067</span>万吨</div></body></html>"""
    assert extract_page(html, URL).text == "第一段 文字 第二段 文字 全角空格 数字4067万吨"


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        (
            '<meta name="ArticleTitle" content="某通知"><ul class="list">'
            + "<li><a href='{i}.html'>相关文章标题</a>2026-03-0{i}</li>" * 3
            + "</ul>",
            "article",
        ),
        (
            "<ul>"
            + "".join(f"<li><a href='{i}.html'>工作动态标题{i}</a>2026-03-0{i}</li>" for i in range(1, 4))
            + "</ul>",
            "list",
        ),
        ("<ul><li><a href='1.html'>只有一条的列表</a>2026-03-01</li></ul>", "other"),
        ("<div class='page'><a href='index_1.html'>下一页</a></div>", "list"),
        ("<div class='TRS_Editor'>" + "正文内容。" * 30 + "</div>", "article"),
        ("<span>发布日期：2026-03-01</span><p>" + "正文内容。" * 200 + "</p>", "article"),
        ("<span>发布日期：2026-03-01</span><p>短</p>", "other"),
        (  # a short notice: a page-level date and a named article body, however short
            "<span>发布日期：2026-03-01</span><div id='zoom'>现将2026年拟录用公务员名单予以公示，详见附件。</div>",
            "article",
        ),
        ("<div id='zoom'>现将2026年拟录用公务员名单予以公示，详见附件。</div>", "other"),  # no date of its own
        ("<span>发布日期：2026-03-01</span><div id='zoom'>详见附件。</div>", "other"),  # too short to tell
        ("<p>" + "正文内容。" * 200 + "</p>", "other"),  # long text but no date
        ("", "other"),
    ],
)
def test_page_kind(html: str, kind: str) -> None:
    assert extract_page(html, URL, today=date(2026, 3, 20)).page_kind == kind


def test_fixture_trs_list_page() -> None:
    html = (FIXTURES / "trs_list.html").read_text(encoding="utf-8")
    page = extract_page(html, "http://www.example.gov.cn/zwgk/gzdt/index.html", today=date(2026, 3, 20))
    assert page.title == "工作动态 - 示例区人民政府"
    assert page.meta == {"SiteName": "示例区人民政府", "SiteIDCode": "2101000001"}
    assert (page.column_name, page.column_path, page.column_source) == (
        "工作动态",
        ["政务公开", "工作动态"],
        "breadcrumb",
    )
    assert page.page_kind == "list"
    assert [e.date for e in page.entries] == [date(2026, 3, 15), date(2026, 3, 2), date(2025, 12, 30)]
    assert page.next_pages == [f"http://www.example.gov.cn/zwgk/gzdt/index_{i}.html" for i in range(1, 6)]
    assert page.pub_date is None  # 更新时间 in the footer is not a publication date
    identity = page.identity
    assert (identity.site_code, identity.icp, identity.police_record) == (
        "2101000001",
        "辽ICP备05000000号-1",
        "辽公网安备21120202000000号",
    )
    assert (identity.sponsor, identity.organizer, identity.phone, identity.address) == (
        "示例区人民政府办公室",
        "示例区大数据中心",
        "024-12345678",
        "示例区人民路1号",
    )
    assert identity.conac_seal is True
    assert (page.empty_list, page.script_rendered) == (False, False)


def test_fixture_article_with_index_table() -> None:
    html = (FIXTURES / "info_table_article.html").read_text(encoding="utf-8")
    page = extract_page(html, "http://www.example.gov.cn/xxgk/sf/202603/t20260302_555.html")
    assert page.page_kind == "article"
    assert page.index_no == "11210000MB0000000X/2026-00012"
    assert page.info_table == {
        "索引号": "11210000MB0000000X/2026-00012",
        "发布机构": "示例区财政局",
        "生成日期": "2026年02月27日",
        "成文日期": "2026年02月20日",
        "文号": "示财发〔2026〕3号",
        "公开方式": "主动公开",
    }
    assert [(d.source, d.value) for d in page.dates] == [
        ("table:生成日期", date(2026, 2, 27)),
        ("table:成文日期", date(2026, 2, 20)),
        ("label:发布时间", date(2026, 3, 2)),
        ("url", date(2026, 3, 2)),
    ]
    assert page.pub_date is not None and page.pub_date.source == "label:发布时间"
    assert (page.column_name, page.column_path, page.column_source) == (
        "行政事业性收费",
        ["信息公开", "行政事业性收费"],
        "breadcrumb",
    )
    attachments = [(link.anchor, link.url) for link in page.links if link.is_attachment]
    assert attachments == [
        ("收费目录清单", "http://www.example.gov.cn/files/收费目录清单.XLSX"),
        ("清单说明", "http://www.example.gov.cn/files/qd.pdf"),
    ]


def test_a_short_notice_in_layout_rows_keeps_its_publication_date() -> None:
    html = (
        "<div class='row'><a href='/'>返回首页</a></div>"
        "<div class='row'>发布时间：2026-03-15 <a href='/f/md.xlsx'>拟录用人员名单.xlsx</a></div>"
        "<div class='row'><a href='/about.html'>关于我们网站</a></div>"
    )
    page = extract_page(html, URL, today=date(2026, 3, 20))
    assert page.entries == []
    assert page.pub_date is not None and (page.pub_date.value, page.pub_date.source) == (
        date(2026, 3, 15),
        "label:发布时间",
    )
