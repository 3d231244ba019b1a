"""extract_page on pages laid out like the CMS families of real government portals (tests/fixtures/layouts).

Each fixture is written for this project after the structure of one family's real pages: TRS WCM (ministry
article, 2000s table layout with a countPage pager), 大汉 Hanweb (JCMS article, 信息公开 table, datastore
records as tables, span label pairs, a jpaas column drawn by script), 开普云 (gov.cn-style article and
policy table, firstpublishedtime meta), 南威 (Fujian list with a six-argument createPageHTML, 信息公开 article
with <li><strong> labels), 新点 Epoint (ewb- classes), a 中软-style department site (image separators,
时间：2026/3/5), generic 网站群 pages (dl/dt/dd 索引号 block, a home page with tabs, [03-15] and <em> dates, a
2000s table-layout home page, a 2020s list of div cards) and labels in 【】. Names and numbers are fictional.

Expected values are what a person reading the page would say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from crawler.extract.model import PageExtract
from crawler.extract.page import extract_page

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"
TODAY = date(2026, 3, 20)


@dataclass
class Expected:
    url: str
    kind: str
    pub: tuple[date, str] | None  # (publication date, its source)
    column: str
    path: list[str]
    column_source: str
    site_code: str
    icp: str
    police: str
    index_no: str = ""
    entries: list[tuple[str, date, str]] = field(default_factory=list)  # (title, date, block) on list pages
    not_dates: list[date] = field(default_factory=list)  # dates on the page that are not its own


PAGES = {
    "trs_ministry_article.html": Expected(
        "http://www.example-bm.gov.cn/ywdt/gzdt/202603/t20260312_1100245.shtml",
        "article",
        (date(2026, 3, 12), "meta:PubDate"),
        "工作动态",
        ["要闻动态", "工作动态"],
        "meta",
        "bm99000009",  # a State Council department's code
        "京ICP备05009132号",
        "京公网安备11040102700072号",
    ),
    "trs_table_list.html": Expected(
        "http://www.example.gov.cn/xxgk/xxgknb/index.html",
        "list",
        None,
        "信息公开年报",
        ["信息公开", "信息公开年报"],
        "breadcrumb",
        "1599000140",
        "蒙ICP备13000000号-2",
        "蒙公网安备15062102000000号",
        entries=[
            ("示例市2025年政府信息公开工作年度报告", date(2026, 1, 20), ""),
            ("示例市2024年政府信息公开工作年度报告", date(2025, 1, 22), ""),
            ("示例市2023年政府信息公开工作年度报告", date(2024, 1, 25), ""),
        ],
    ),
    "hanweb_article.html": Expected(
        "http://www.shili.gov.cn/art/2026/3/10/art_1230_5012345.html",
        "article",
        (date(2026, 3, 10), "meta:PubDate"),
        "部门动态",
        ["新闻中心", "部门动态"],
        "meta",
        "3399060001",
        "浙ICP备05000000号-1",
        "浙公网安备33010602000000号",
    ),
    "hanweb_xxgk_detail.html": Expected(
        "http://www.shili.gov.cn/art/2026/2/28/art_1301_5011111.html",
        "article",
        (date(2026, 2, 28), "table:生成日期"),
        "规划计划",
        ["政府信息公开", "规划计划"],
        "breadcrumb",
        "3399060001",
        "浙ICP备05000000号-1",
        "浙公网安备33010602000000号",
        index_no="001008003012/2026-12345",
    ),
    "hanweb_table_records.html": Expected(
        "http://www.shi.gov.cn/col/col1229001/index.html",
        "list",
        None,
        "政策解读",
        ["政务公开", "政策解读"],
        "meta",
        "3399000001",
        "浙ICP备05000001号",
        "浙公网安备33010002000001号",
        entries=[
            ("《示例市优化营商环境若干措施》政策解读", date(2026, 3, 16), ""),
            ("图解：示例市2026年民生实事项目", date(2026, 3, 9), ""),
        ],
    ),
    "hanweb_jpaas_column.html": Expected(  # the list is fetched by script: nothing to read, never "empty"
        "https://gxj.shi.gov.cn/xwdt/szyw/index.html",
        "list",
        None,
        "时政要闻",
        ["新闻动态", "时政要闻"],
        "meta",
        "3299000031",
        "苏ICP备05000000号-3",
        "苏公网安备32099902000000号",
    ),
    "hanweb_span_pairs_article.html": Expected(
        "http://ybj.sheng.gov.cn/art/2026/3/11/art_1003_59001.html",
        "article",  # a short notice in a zoom body, dated by its 发布日期
        (date(2026, 3, 11), "label:发布日期"),
        "通知公告",
        ["政务公开", "通知公告"],
        "meta",
        "3300000051",
        "浙ICP备05000000号",
        "浙公网安备33010602000001号",
        index_no="113300000000000000/2026-00021",
    ),
    "kaipuyun_govcn_article.html": Expected(
        "https://www.gov.example.cn/zhengce/content/2026-03/05/content_7010001.htm",
        "article",
        (date(2026, 3, 5), "meta:firstpublishedtime"),
        "最新",
        ["政策", "最新"],
        "breadcrumb",
        "bm99000001",
        "京ICP备05070000号",
        "京公网安备11010202000000号",
        not_dates=[date(2026, 2, 27)],  # the date under the signature is the document's, not a label
    ),
    "kaipuyun_policy_table.html": Expected(
        "https://www.gov.example.cn/zhengce/content/2026-03/02/content_7009001.htm",
        "article",
        (date(2026, 3, 2), "meta:firstpublishedtime"),
        "国务院政策文件库",
        ["政策", "国务院政策文件库"],
        "breadcrumb",
        "bm99000001",
        "京ICP备05070000号",
        "京公网安备11010202000000号",
        index_no="000014349/2026-00031",
    ),
    "modern_div_list.html": Expected(  # a 2020s 网站群 template: cards of divs, a big day over its year-month
        "http://www.shishi.gov.cn/xwzx/bmdt/index.html",
        "list",
        None,
        "部门动态",
        ["新闻中心", "部门动态"],  # links separated by CSS on empty <i>s
        "meta",
        "4499000001",
        "粤ICP备05000000号",
        "粤公网安备44990002000001号",
        entries=[
            ("市交通运输局部署春运收官工作", date(2026, 3, 16), ""),  # not the 3月15日 of its summary
            ("市市场监管局开展春季食品安全检查", date(2026, 3, 12), ""),
            ("市人社局举办春风行动专场招聘会", date(2026, 2, 28), ""),
        ],
    ),
    "nanwei_list.html": Expected(
        "http://www.shixian.gov.cn/zwgk/tzgg/index.htm",
        "list",
        None,
        "通知公告",
        ["政务公开", "通知公告"],
        "meta",
        "3599280001",  # written 网站识别码
        "闽ICP备05000000号-1",
        "闽公网安备35092202000000号",  # written with a colon
        entries=[
            ("示例县关于开展2026年春季植树造林活动的通知", date(2026, 3, 16), ""),
            ("示例县2026年度事业单位公开招聘工作人员公告", date(2026, 3, 11), ""),
            ("关于示例县城区部分路段临时交通管制的通告", date(2026, 2, 26), ""),
            ("示例县2026年元旦春节期间安全生产工作提示", date(2025, 12, 30), ""),
        ],
    ),
    "nanwei_xxgk_article.html": Expected(
        "http://www.shixian.gov.cn/zwgk/zfxxgkzl/zfwj/202603/t20260312_7012001.htm",
        "article",
        (date(2026, 3, 12), "meta:PubDate"),
        "政府文件",
        ["政务公开", "政府信息公开", "政府文件"],  # separated by " - "
        "meta",
        "3599280001",
        "闽ICP备05000000号-1",
        "闽公网安备35092202000000号",
        index_no="FJ35092-0200-2026-00012",
        not_dates=[date(2025, 3, 10), date(2026, 3, 31)],  # a related file's date, a deadline in the text
    ),
    "epoint_list.html": Expected(
        "http://ggzy.shili.gov.cn/xwzx/gzdt/about.html",
        "list",
        None,
        "工作动态",
        ["新闻中心", "工作动态"],
        "breadcrumb",
        "4299000015",
        "鄂ICP备12000000号-1",
        "鄂公网安备42900002000000号",
        entries=[
            ("市公共资源交易中心召开一季度工作例会", date(2026, 3, 13), "工作动态"),
            ("不见面开标系统完成升级改造", date(2026, 3, 5), "工作动态"),
            ("交易中心开展优化营商环境专题培训", date(2026, 2, 27), "工作动态"),
        ],
    ),
    "zhongruan_article.html": Expected(
        "http://czj.shili.gov.cn/zwgk/tzgg/content_1234.html",
        "other",  # a short page without an article body class: the date alone does not make an article
        (date(2026, 3, 5), "label:时间"),  # "作者：办公室  时间：2026/3/5 9:30"
        "通知公告",
        ["政务公开", "通知公告"],  # separators are <img> arrows
        "breadcrumb",
        "3699000021",  # digits split over two <span>s
        "赣ICP备10000000号",
        "赣公网安备36010202000000号",
        not_dates=[date(2026, 4, 30)],  # 申报截止日期
    ),
    "xxgk_dl_detail.html": Expected(
        "http://www.shixian.gov.cn/zfxxgk/czyjs/bmjs/202603/t20260309_120.html",
        "article",
        (date(2026, 3, 9), "label:发布日期"),
        "部门决算",
        ["政府信息公开", "财政预决算", "部门决算"],
        "meta",
        "5199230001",
        "蜀ICP备05000000号",
        "川公网安备51192302000000号",
        index_no="11519923MB0000000A/2026-00088",
        not_dates=[date(2025, 3, 10)],  # a related article's date
    ),
    "govcn_list.html": Expected(
        "https://www.gov.example.cn/zhengce/zuixin/home.htm",
        "list",
        None,
        "最新政策",
        ["政策", "最新政策"],
        "breadcrumb",
        "bm99000001",
        "京ICP备05070000号",
        "京公网安备11010202000000号",
        entries=[
            ("国务院关于示例事项的批复", date(2026, 3, 16), ""),
            ("国务院办公厅关于推进示例体系建设的意见", date(2026, 3, 13), ""),
            ("示例部关于印发示例管理办法的通知", date(2026, 3, 10), ""),
        ],
    ),
    "legacy_table_home.html": Expected(  # a 2000s table-layout county home page
        "http://www.shixian.gov.cn/index.html",
        "list",
        None,
        "示例县人民政府",  # no ColumnName, no breadcrumb: the <title>
        ["示例县人民政府"],
        "title",
        "5299000012",
        "黔ICP备05000000号",
        "黔公网安备52000002000000号",  # the footer cell is named in pinyin (dibu)
        entries=[
            ("县政府召开第九次常务会议", date(2026, 3, 18), "工作动态"),  # "·title [03-18]" in one link
            ("全县春季农业生产现场会召开", date(2026, 3, 13), "工作动态"),
            ("县领导督导检查岁末年初安全生产", date(2025, 12, 30), "工作动态"),
            ("示例县2026年度公开招聘社区工作者公告", date(2026, 3, 16), "通知公告"),  # the title attribute
            ("关于开展2026年度农村危房改造申报的通知", date(2026, 3, 9), "通知公告"),
        ],
    ),
    "portal_home.html": Expected(
        "http://www.shiliqu.gov.cn/",
        "list",
        None,
        "首页",
        ["首页"],
        "meta",
        "2199020001",
        "辽ICP备05000000号-1",
        "辽公网安备21120202000000号",
        entries=[
            ("区政府召开第十二次常务会议", date(2026, 3, 17), "政务要闻"),
            ("我区部署春季森林防火工作", date(2026, 3, 14), "政务要闻"),
            ("区教育局开展校园安全大检查", date(2026, 3, 16), "部门动态"),
            ("区卫健局召开年度工作总结会", date(2025, 12, 29), "部门动态"),  # <em>12-29</em>: last year
            ("关于公开征求示例条例修改意见的公告", date(2026, 3, 12), "通知公告"),
            ("示例区2026年第一批公开招聘教师公告", date(2026, 2, 27), "通知公告"),
        ],
    ),
    "label_variants_article.html": Expected(
        "http://www.shizhen.gov.cn/xzdt/content_8812.html",
        "article",
        (date(2026, 3, 15), "label:发布时间"),  # 【发布时间】2026-03-15 10:23
        "乡镇动态",
        ["乡镇动态"],  # "首页 → 乡镇动态 → 正文"
        "breadcrumb",
        "4399810012",
        "湘ICP备05000000号",
        "湘公网安备43098102000000号",
        not_dates=[date(2026, 4, 10), date(2026, 4, 15)],  # 报名截止日期, 活动时间
    ),
}

_CACHE: dict[str, PageExtract] = {}


def extract(name: str) -> PageExtract:
    if name not in _CACHE:
        html = (LAYOUTS / name).read_text(encoding="utf-8")
        _CACHE[name] = extract_page(html, PAGES[name].url, today=TODAY)
    return _CACHE[name]


def test_every_fixture_has_expectations() -> None:
    assert sorted(p.name for p in LAYOUTS.glob("*.html")) == sorted(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_kind_and_publication_date(name: str) -> None:
    page, want = extract(name), PAGES[name]
    assert page.page_kind == want.kind
    got = (page.pub_date.value, page.pub_date.source) if page.pub_date else None
    assert got == want.pub


@pytest.mark.parametrize("name", sorted(PAGES))
def test_dates_of_other_things_are_not_page_dates(name: str) -> None:
    page, want = extract(name), PAGES[name]
    assert not {d.value for d in page.dates} & set(want.not_dates)
    if want.kind == "list":
        # a list page's entry dates are the entries', never the page's own (a URL folder may give a month)
        assert all(d.source == "url" for d in page.dates)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_column(name: str) -> None:
    page, want = extract(name), PAGES[name]
    assert (page.column_name, page.column_path, page.column_source) == (
        want.column,
        want.path,
        want.column_source,
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_identity_numbers(name: str) -> None:
    page, want = extract(name), PAGES[name]
    got = (page.identity.site_code, page.identity.icp, page.identity.police_record)
    assert got == (want.site_code, want.icp, want.police)
    assert page.index_no == want.index_no


@pytest.mark.parametrize("name", sorted(name for name, want in PAGES.items() if want.kind == "list"))
def test_list_entries(name: str) -> None:
    page, want = extract(name), PAGES[name]
    assert [(e.title, e.date, e.block) for e in page.entries] == want.entries


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "hanweb_xxgk_detail.html",
            {
                "发布机构": "示例区发展和改革局",
                "生成日期": "2026-02-28",
                "信息分类": "规划计划",
                "公开方式": "主动公开",
            },
        ),
        (
            "kaipuyun_policy_table.html",
            {
                "主题分类": "城乡建设、环境保护\\其他",
                "发文机关": "国务院办公厅",
                "成文日期": "2026年02月20日",
                "标题": "国务院办公厅关于推进示例体系建设的意见",
                "发文字号": "国办发〔2026〕5号",
                "发布日期": "2026年03月02日",
            },
        ),
        (
            "nanwei_xxgk_article.html",
            {
                "发布机构": "示例县人民政府办公室",
                "生成日期": "2026-03-12",
                "文号": "示政办〔2026〕8号",
                "有效性": "有效",
            },
        ),
        (
            "hanweb_span_pairs_article.html",
            {"发布机构": "示例省医疗保障局", "文号": "示医保发〔2026〕3号", "发布日期": "2026-03-11"},
        ),
        (
            "xxgk_dl_detail.html",
            {
                "发布机构": "示例县财政局",
                "主题分类": "财政预决算",
                "成文日期": "2026年03月06日",
                "发布日期": "2026年03月09日",
            },
        ),
    ],
)
def test_info_table(name: str, expected: dict[str, str]) -> None:
    table = extract(name).info_table
    assert {label: table.get(label) for label in expected} == expected


def test_a_list_drawn_by_script_is_unknown_not_empty() -> None:
    page = extract("hanweb_jpaas_column.html")
    assert (page.script_rendered, page.empty_list, page.entries) == (True, False, [])


@pytest.mark.parametrize(
    ("name", "source", "value"),
    [
        (
            "kaipuyun_policy_table.html",
            "table:成文日期",
            date(2026, 2, 20),
        ),  # kept for the 20-working-day check
        ("kaipuyun_policy_table.html", "label:发布日期", date(2026, 3, 2)),
        ("xxgk_dl_detail.html", "table:成文日期", date(2026, 3, 6)),
        ("hanweb_article.html", "label:发布日期", date(2026, 3, 10)),
        ("kaipuyun_govcn_article.html", "url", date(2026, 3, 5)),  # /2026-03/05/ is a day
        ("trs_ministry_article.html", "meta:publishdate", date(2026, 3, 12)),
    ],
)
def test_date_candidates(name: str, source: str, value: date) -> None:
    assert (source, value) in [(d.source, d.value) for d in extract(name).dates]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("trs_table_list.html", ["index_1.html", "index_2.html"]),  # countPage = 3
        ("nanwei_list.html", [f"index_{i}.htm" for i in range(1, 6)]),  # createPageHTML('page-div', 6, 1, …)
        ("epoint_list.html", ["2.html", "3.html"]),
        ("govcn_list.html", ["home_1.htm"]),
        ("modern_div_list.html", ["index_2.html", "index_3.html"]),
    ],
)
def test_next_pages(name: str, expected: list[str]) -> None:
    base = PAGES[name].url.rsplit("/", 1)[0] + "/"
    assert extract(name).next_pages == [base + tail for tail in expected]


def test_identity_free_text() -> None:
    hanweb = extract("hanweb_article.html").identity
    assert (hanweb.sponsor, hanweb.organizer, hanweb.phone, hanweb.address) == (
        "示例区人民政府办公室",
        "示例区大数据中心",
        "0000-87000000",
        "示例区人民路1号",
    )
    assert hanweb.conac_seal  # the conac script written by document.write
    assert extract("trs_table_list.html").identity.phone == "0000-0000000"  # "(工作时间)" is a note
    assert extract("portal_home.html").identity.phone == "0000-3100000"
