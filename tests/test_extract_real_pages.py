"""extract_page on every saved real page in ../shared/real-pages (see its PROVENANCE.md).

Expected values were read from the files themselves. URLs are the pages' original addresses: the "saved from
url" comment of the .html files; for the 邯郸 .jsp files, the addresses their own links and pager point to.
"""

from __future__ import annotations

import logging
import random
import re
from datetime import date

import pytest

from crawler.extract.model import PageExtract
from crawler.extract.page import extract_page
from tests.shared_data import REAL_PAGES, require

TODAY = date(2026, 3, 20)


@pytest.fixture(autouse=True)
def _real_pages() -> None:
    require(REAL_PAGES)

HANDAN_IDENTITY = (
    "1304000009",
    "冀ICP备05029117号-1",
    "冀公网安备13042002000523号",
    "邯郸市人民政府办公室",
    "",
)
WANZAI_IDENTITY = (
    "3609220011",
    "赣ICP备11002306号-1",
    "赣公网安备36092202000105号",
    "万载县人民政府",
    "万载县人民政府办公室",
)
YICHUN_IDENTITY = (
    "3609000002",
    "赣ICP备06000141号",
    "赣公网安备36090202000004号",
    "宜春市人民政府",
    "宜春市人民政府办公室",
)
YICHUN_PATH = ["政务公开", "信息公开", "法定主动公开内容", "结果公开", "统计数据", "统计公报"]

# file, url, page kind, (pub date, its source) or None, column name, column path, identity, 索引号
PAGES = [
    (
        "handan-city/index.jsp",
        "http://hdzfxxgk.hd.gov.cn/",
        "list",
        None,
        "邯郸市政府信息公开",
        ["邯郸市政府信息公开"],
        HANDAN_IDENTITY,
        "",
    ),
    (
        "handan-city/list.jsp",
        "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/",
        "list",
        None,
        "邯郸市政府信息公开",
        ["政府文件", "近期信息公开"],  # the TRS channel path; the ColumnName meta is the site-wide one
        HANDAN_IDENTITY,
        "",
    ),
    (
        "handan-city/gkzn.jsp",
        "http://hdzfxxgk.hd.gov.cn/zfxxgkzn/",
        "other",  # the guide's body text was removed by the repository's author
        None,
        "政府信息公开指南",
        ["政府信息公开指南"],
        HANDAN_IDENTITY,
        "",
    ),
    (
        "handan-city/details.jsp",
        "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html",
        "article",
        (date(2020, 8, 2), "meta:PubDate"),
        "部门信息公开",
        ["部门信息公开"],
        HANDAN_IDENTITY,
        "000014348/2020-35147",
    ),
    (
        "wanzai-county/tjgb-2015-article.html",
        "http://www.wanzai.gov.cn/wzxrmzf/tjgb/201705/9c059bf058ef4db8b3c8f920e22186fe.shtml",
        "article",
        (date(2017, 5, 15), "label:发布日期"),  # the date it shows; PubDate (2022) is the CMS regenerating it
        "统计公报",
        ["数据开放", "政府数据", "统计信息", "统计公报"],
        WANZAI_IDENTITY,
        "",
    ),
    (
        "wanzai-county/bmxxgkml-tjj-2022-article.html",
        "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml",
        "article",
        (date(2023, 8, 16), "meta:PubDate"),
        "统计数据",
        ["政务公开", "部门信息公开目录", "统计局", "法定主动公开内容", "工作动态", "统计数据"],
        WANZAI_IDENTITY,
        "014742224A/2023-0043406",
    ),
    (
        "yichun-city/xxgk-tjgb-2022-article.html",
        "https://www.yichun.gov.cn/ycsrmzf/tjgb/202305/36796cdc82d04268913f2884cf2fe579.shtml",
        "article",
        (date(2023, 5, 16), "meta:PubDate"),
        "统计公报",
        YICHUN_PATH,
        YICHUN_IDENTITY,
        "014717475N/2023-0040295",
    ),
    (
        "yichun-city/xxgk-tjgb-2022-province-article.html",
        "https://www.yichun.gov.cn/ycsrmzf/tjgb/202304/3f093ec317ba4609b241d0c79175c7cd.shtml",
        "article",
        (date(2023, 5, 16), "meta:PubDate"),
        "统计公报",
        YICHUN_PATH,
        YICHUN_IDENTITY,
        "014717475N/2023-0032866",
    ),
]
URLS = {name: url for name, url, *_rest in PAGES}

_JSP_RE = re.compile(r"<%--.*?--%>|<%.*?%>|<jsp:include[^>]*/>", re.DOTALL)


def read_page(name: str) -> str:
    """The saved page as HTML: the JSP comments and directives the repository's author added are removed."""
    require(REAL_PAGES)
    html = (REAL_PAGES / name).read_text(encoding="utf-8")
    return _JSP_RE.sub("", html) if name.endswith(".jsp") else html


def extract(name: str) -> PageExtract:
    return extract_page(read_page(name), URLS[name], today=TODAY)


def test_every_real_page_is_covered() -> None:
    on_disk = sorted(
        str(p.relative_to(REAL_PAGES)) for p in REAL_PAGES.glob("*/*") if p.suffix in (".html", ".jsp")
    )
    assert on_disk == sorted(URLS)


@pytest.mark.parametrize(
    ("name", "url", "kind", "pub", "column", "path", "identity", "index_no"),
    PAGES,
    ids=[p[0] for p in PAGES],
)
def test_real_page(
    name: str,
    url: str,
    kind: str,
    pub: tuple[date, str] | None,
    column: str,
    path: list[str],
    identity: tuple[str, ...],
    index_no: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        page = extract_page(read_page(name), url, today=TODAY)
    assert [r.getMessage() for r in caplog.records] == []
    assert page.page_kind == kind
    assert (page.pub_date.value, page.pub_date.source) == pub if pub else page.pub_date is None
    assert (page.column_name, page.column_path, page.column_source) == (column, path, "meta")
    found = page.identity
    assert (found.site_code, found.icp, found.police_record, found.sponsor, found.organizer) == identity
    assert found.conac_seal is True
    assert found.error_report is True
    assert page.index_no == index_no
    assert page.meta["SiteIDCode"] == identity[0]  # the meta tag agrees with the footer on every page
    assert page.text and page.links
    assert page.script_rendered is False and page.empty_list is False


def test_handan_list_entry_and_pager() -> None:
    page = extract("handan-city/list.jsp")
    assert [(e.title, e.url, e.date, e.date_raw, e.block) for e in page.entries] == [
        (
            "邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知",
            "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html",
            date(2020, 8, 5),
            "2020-08-05",
            "近期信息公开",
        )
    ]
    # the saved pager links first (pages 2–6, 下一页, 尾页), then the rest from the countPage=56 pager script
    base = "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_{}.html"
    assert page.next_pages[:6] == [base.format(i) for i in (1, 2, 3, 4, 5, 55)]
    assert sorted(page.next_pages) == sorted(base.format(i) for i in range(1, 56))


def test_handan_index_entries_by_tab() -> None:
    page = extract("handan-city/index.jsp")
    assert [(e.date, e.block) for e in page.entries] == [
        (date(2020, 7, 29), "市政府文件"),
        (date(2020, 7, 27), "市政府办公室文件"),
        (date(2020, 1, 23), "市政府令"),
        (date(2020, 4, 24), "修订废止"),
    ]
    # the 近期信息公开 item opens by onclick, with no link: not an entry
    assert all("全市教育系统安全专项整治" not in e.title for e in page.entries)


def test_handan_details_date_and_index_table() -> None:
    page = extract("handan-city/details.jsp")
    assert [(d.source, d.value) for d in page.dates] == [
        ("meta:PubDate", date(2020, 8, 2)),
        ("label:发布日期", date(2020, 8, 2)),
        ("url", date(2020, 8, 2)),
    ]
    assert page.info_table == {
        "索引号": "000014348/2020-35147",
        "发布机构": "邯郸市教育局",
        "名称": "邯郸市教育局关于印发《全市教育系统安全专项整治三年行动实施方案》的通知",
        "文号": "无",
        "主题分类": "教育",
        "发布日期": "2020年08月02日",
    }
    # 成文日期 is commented out in the page: not a candidate
    assert all(d.source != "table:成文日期" for d in page.dates)


def test_wanzai_article_keeps_the_conflicting_dates() -> None:
    page = extract("wanzai-county/tjgb-2015-article.html")
    assert [(d.source, d.value, d.precision) for d in page.dates] == [
        ("meta:PubDate", date(2022, 4, 24), "day"),  # the CMS regenerated the page in 2022
        ("label:发布日期", date(2017, 5, 15), "day"),  # what the reader sees
        ("url", date(2017, 5, 1), "month"),  # /201705/
    ]
    assert page.pub_date is not None and page.pub_date.source == "label:发布日期"  # what the reader sees
    assert page.meta_date is not None and page.meta_date.value == date(2022, 4, 24)


def test_wanzai_catalogue_page_generation_date() -> None:
    page = extract("wanzai-county/bmxxgkml-tjj-2022-article.html")
    assert ("table:生成日期", date(2023, 5, 11)) in [(d.source, d.value) for d in page.dates]
    assert page.info_table == {
        "索引号": "014742224A/2023-0043406",
        "生成日期": "2023-05-11",
        "公开方式": "主动公开",
        "公开时限": "常年公开",
        "公开范围": "面向全社会",
        "责任部门": "万载县统计局",
    }
    # the related-document box holds one dated link; the page stays an article
    assert [(e.title, e.date, e.block) for e in page.entries] == [
        ("图文解读：《万载县2022年国民经济和社会发展统计公报》", date(2023, 7, 12), "关联稿件")
    ]


@pytest.mark.parametrize(
    ("name", "issued"),
    [
        ("yichun-city/xxgk-tjgb-2022-article.html", date(2023, 4, 18)),
        ("yichun-city/xxgk-tjgb-2022-province-article.html", date(2023, 3, 31)),
    ],
)
def test_yichun_issue_date_in_index_table(name: str, issued: date) -> None:
    page = extract(name)
    assert ("label:发文日期", issued) in [(d.source, d.value) for d in page.dates]
    assert page.info_table["发布机构"] == "宜春市统计局"


def test_mutated_real_pages_never_raise(caplog: pytest.LogCaptureFixture) -> None:
    """Cut and splice the real pages at random (seeded): extraction must neither raise nor log a failure."""
    rng = random.Random(2026)
    pieces = [
        "<",
        ">",
        "</div>",
        "<li>",
        '<a href="',
        "发布日期：",
        "<script>",
        "<!--",
        "索引号：",
        "当前位置：",
        "{{",
    ]
    names = sorted(URLS)
    with caplog.at_level(logging.WARNING):
        for _ in range(40):
            html = read_page(rng.choice(names))
            for _ in range(rng.randrange(1, 20)):
                at = rng.randrange(len(html) + 1)
                if rng.random() < 0.5:
                    html = html[:at] + rng.choice(pieces) + html[at:]
                else:
                    html = html[:at] + html[at + rng.randrange(1, 3000) :]
            page = extract_page(html, rng.choice(["http://www.example.gov.cn/a/index.html", "", "http://["]))
            assert page.page_kind in ("list", "article", "other")
    assert [r.getMessage() for r in caplog.records] == []
