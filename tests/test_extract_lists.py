"""List entries: dated links in li/tr/dd/p blocks, their block heading, Hanweb datastore records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crawler.extract.dom import make_soup
from crawler.extract.lists import extract_entries

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"
TODAY = date(2026, 3, 20)
BASE = "http://www.example.gov.cn/zwgk/gzdt/index.html"


def entries_of(body: str, base: str = BASE, today: date = TODAY):
    return extract_entries(make_soup(f"<html><body>{body}</body></html>"), base, today)


def as_tuples(body: str, **kwargs):
    return [(e.title, e.url, e.date, e.date_raw) for e in entries_of(body, **kwargs)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # li with a span date
            "<ul><li><a href='a.html'>区政府召开常务会议</a><span>2026-03-15</span></li></ul>",
            [
                (
                    "区政府召开常务会议",
                    "http://www.example.gov.cn/zwgk/gzdt/a.html",
                    date(2026, 3, 15),
                    "2026-03-15",
                )
            ],
        ),
        (  # the title attribute wins over a shortened text
            "<ul><li><a href='/b.html' title='关于做好2026年春耕生产工作的通知'>关于做好2026年春...</a>"
            "<span>2026年3月2日</span></li></ul>",
            [
                (
                    "关于做好2026年春耕生产工作的通知",
                    "http://www.example.gov.cn/b.html",
                    date(2026, 3, 2),
                    "2026年3月2日",
                )
            ],
        ),
        (  # [03-15]: the year of today
            "<ul><li><a href='c.html'>全区安全生产工作会议召开</a><span>[03-15]</span></li></ul>",
            [
                (
                    "全区安全生产工作会议召开",
                    "http://www.example.gov.cn/zwgk/gzdt/c.html",
                    date(2026, 3, 15),
                    "03-15",
                )
            ],
        ),
        (  # a month-day after today belongs to last year
            "<ul><li><a href='d.html'>关于做好年终岁末工作的通知</a><span>[12-30]</span></li></ul>",
            [
                (
                    "关于做好年终岁末工作的通知",
                    "http://www.example.gov.cn/zwgk/gzdt/d.html",
                    date(2025, 12, 30),
                    "12-30",
                )
            ],
        ),
        (  # … unless the entry URL says which year
            "<ul><li><a href='/2024/t20240315_1.html'>两年前的一条工作动态</a><span>03-15</span></li></ul>",
            [
                (
                    "两年前的一条工作动态",
                    "http://www.example.gov.cn/2024/t20240315_1.html",
                    date(2024, 3, 15),
                    "03-15",
                )
            ],
        ),
        (  # a table row: 名称 / 索引号 / 发布机构 / 发布日期
            "<table><tr><th>名称</th><th>索引号</th><th>发布日期</th></tr>"
            "<tr><td><a href='e.html'>邯郸市学校安全考核办法</a></td><td>000014348/2020-35428</td>"
            "<td>2020-08-05</td></tr></table>",
            [
                (
                    "邯郸市学校安全考核办法",
                    "http://www.example.gov.cn/zwgk/gzdt/e.html",
                    date(2020, 8, 5),
                    "2020-08-05",
                )
            ],
        ),
        (  # dl/dd and p blocks
            "<dl><dd><a href='f.html'>政府信息公开年报</a> 2026-01-20</dd></dl>"
            "<div><p><a href='g.html'>预算公开说明</a> [2026-02-01]</p></div>",
            [
                (
                    "政府信息公开年报",
                    "http://www.example.gov.cn/zwgk/gzdt/f.html",
                    date(2026, 1, 20),
                    "2026-01-20",
                ),
                (
                    "预算公开说明",
                    "http://www.example.gov.cn/zwgk/gzdt/g.html",
                    date(2026, 2, 1),
                    "2026-02-01",
                ),
            ],
        ),
        (  # the date inside the link, apart from the title
            "<ul><li><a href='h.html'><span>关于公布收费目录的通知</span><em>2026-03-01</em></a></li></ul>",
            [
                (
                    "关于公布收费目录的通知",
                    "http://www.example.gov.cn/zwgk/gzdt/h.html",
                    date(2026, 3, 1),
                    "2026-03-01",
                )
            ],
        ),
        (  # the date of an item nested in <p> inside the <li>
            "<ul><li><p><a href='i.html'>区长主持召开专题会议</a></p><span>2026-03-03</span></li></ul>",
            [
                (
                    "区长主持召开专题会议",
                    "http://www.example.gov.cn/zwgk/gzdt/i.html",
                    date(2026, 3, 3),
                    "2026-03-03",
                )
            ],
        ),
    ],
)
def test_entries(body: str, expected: list[tuple]) -> None:
    assert as_tuples(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "<ul><li><a href='a.html'>短标题</a><span>2026-03-15</span></li></ul>",  # < 4 characters
        "<ul><li><a href='javascript:void(0)'>没有地址的条目</a><span>2026-03-15</span></li></ul>",
        "<ul><li><a href='a.html'>没有日期的条目标题</a></li></ul>",
        "<ul><li><a href='a.html'>日期不可能的条目</a><span>2026-13-15</span></li></ul>",
        "<ul><li><a href='more.html'>更多&gt;&gt;</a><span>2026-03-15</span></li></ul>",
        "<ul><li><p onclick='xq(1)'>没有链接的条目标题</p><span>2020-08-02</span></li></ul>",
        # an article paragraph that happens to hold a link and a date
        "<p>2026年3月15日，区政府召开会议，研究部署了近期的重点工作，会议要求各部门认真落实，"
        "详见<a href='n.html'>会议纪要全文</a>，并按时报送落实情况，确保各项任务按期完成。</p>",
        # the breadcrumb and the footer
        "<div class='position'>当前位置：<a href='/'>首页</a> &gt; <a href='/x/'>政务公开栏目</a> 2026-03-15</div>",
        "<div class='footer'><p><a href='/about.html'>关于我们网站</a> 更新日期：2026-03-15</p></div>",
    ],
)
def test_not_entries(body: str) -> None:
    assert entries_of(body) == []


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("区政府召开常务会议 [2026-03-15]", ("区政府召开常务会议", date(2026, 3, 15))),
        ("·全区安全生产工作会议召开（03-12）", ("全区安全生产工作会议召开", date(2026, 3, 12))),
        ("示例区2026年春季植树活动通知 2026-03-11", ("示例区2026年春季植树活动通知", date(2026, 3, 11))),
        ("关于公布第2026年3月15日停电计划的通知", None),  # the date is inside the title
        ("示政发〔2026〕03-15号文件", None),  # run on: no space, no bracket
        ("[2026-03-15]", None),  # nothing but a date
    ],
)
def test_date_at_the_end_of_the_link_text(link: str, expected: tuple[str, date] | None) -> None:
    found = [(e.title, e.date) for e in entries_of(f"<ul><li><a href='a.html'>{link}</a></li></ul>")]
    assert found == ([expected] if expected else [])


def test_the_entrys_own_date_beats_one_in_its_summary() -> None:
    body = (
        "<ul><li><a href='a.html'>市交通运输局部署工作</a><p>3月15日，市交通运输局召开会议。</p>"
        "<span>[03-16]</span></li>"
        "<li><div><span>16</span><span>2026-03</span></div><a href='b.html'>市交通运输局召开会议</a>"
        "<p>3月15日，市交通运输局召开会议。</p></li></ul>"
    )
    assert [e.date for e in entries_of(body)] == [date(2026, 3, 16), date(2026, 3, 16)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # the date, in a span of its own inside the link, is longer than the title
            "<ul><li><a href='a.html'><span>区政府常务会议</span><span>2026-03-15</span></a></li></ul>",
            [("区政府常务会议", date(2026, 3, 15))],
        ),
        (  # a <dl> per item: title in <dt>, summary and date in <dd>s
            "<dl><dt><a href='a.html'>区政府召开常务会议</a></dt><dd>会议研究部署近期工作</dd><dd>2026-03-15</dd></dl>"
            "<dl><dt><a href='b.html'>区政府召开全体会议</a></dt><dd>会议总结去年工作</dd><dd>2026-03-02</dd></dl>",
            [("区政府召开常务会议", date(2026, 3, 15)), ("区政府召开全体会议", date(2026, 3, 2))],
        ),
        (  # a big day and its year-month, each in an element of its own
            "<ul><li><div class='date'><span>15</span><span>2026-03</span></div>"
            "<div class='txt'><a href='a.html'>区政府召开常务会议</a><p>会议研究部署了近期工作。</p></div></li></ul>",
            [("区政府召开常务会议", date(2026, 3, 15))],
        ),
        (
            "<ul><li><a href='a.html'>区政府召开常务会议</a><div class='time'><b>2026.03</b><i>15</i></div></li></ul>",
            [("区政府召开常务会议", date(2026, 3, 15))],
        ),
        (  # a list of divs: items repeated with their class
            "<div class='list'>"
            + "".join(
                f"<div class='news-item'><a href='{i}.html'>区政府召开第{i}次常务会议</a><span>2026-03-1{i}</span></div>"
                for i in range(1, 4)
            )
            + "</div>",
            [(f"区政府召开第{i}次常务会议", date(2026, 3, 10 + i)) for i in range(1, 4)],
        ),
    ],
)
def test_entry_shapes(body: str, expected: list[tuple[str, date]]) -> None:
    assert [(e.title, e.date) for e in entries_of(body)] == expected


@pytest.mark.parametrize(
    "body",
    [
        # one div with a link and a date is an article's info line, not an entry: its date stays the page's
        "<div class='info'><a href='/'>返回首页</a> 发布日期：2026-03-15</div>",
        # two divs alike are not yet a list
        "".join(f"<div class='item'><a href='{i}.html'>区政府召开第{i}次会议</a><span>2026-03-1{i}</span></div>" for i in (1, 2)),
        # layout rows alike, one of them holding a short notice's attachment link and its 发布时间
        "<div class='row'><a href='/'>返回首页</a></div>"
        "<div class='row'>发布时间：2026-03-15 <a href='/f/md.xlsx'>拟录用人员名单.xlsx</a></div>"
        "<div class='row'><a href='/about.html'>关于我们网站</a></div>",
        # a single <dl> with one <dt> is no list either
        "<dl><dt><a href='/f/md.xlsx'>拟录用人员名单.xlsx</a></dt><dd>发布日期：2026-03-15</dd></dl>",
        # a lone number before a year-month in prose is no day
        "<ul><li><a href='a.html'>区政府召开常务会议</a><span>第3期 2026-03</span></li></ul>",
    ],
)
def test_not_entry_shapes(body: str) -> None:
    assert entries_of(body) == []


def test_a_date_in_a_paragraphs_link_text_is_not_an_entry() -> None:
    body = "<p>会议要求各部门认真落实，详见<a href='n.html'>会议纪要全文 [2026-03-15]</a>，并按时报送。</p>"
    assert entries_of(body) == []


def test_a_menu_item_holding_a_list_is_not_an_entry() -> None:
    body = """<ul class="menu"><li><a href="/bmdt/">部门动态栏目</a><ul>
      <li><a href="1.html">第一条部门动态</a><span>2026-03-01</span></li>
      <li><a href="2.html">第二条部门动态</a><span>2026-03-02</span></li></ul></li></ul>"""
    assert [e.title for e in entries_of(body)] == ["第一条部门动态", "第二条部门动态"]


def test_entries_are_deduplicated_by_url_and_title() -> None:
    item = "<li><a href='a.html'>同一条新闻的标题</a><span>2026-03-15</span></li>"
    assert len(entries_of(f"<ul>{item}{item}</ul>")) == 1


@pytest.mark.parametrize(
    ("body", "block"),
    [
        ("<div><h2>工作动态</h2><ul>{item}</ul></div>", "工作动态"),
        (
            "<div class='list-hd'><span>通知公告</span><a href='m'>更多&gt;&gt;</a></div><ul>{item}</ul>",
            "通知公告",
        ),
        ("<div class='tit'><a href='x'>政策解读 more</a></div><div><ul>{item}</ul></div>", "政策解读"),
        (
            "<div class='box'><h3><a href='z'>部门动态</a></h3><div class='bd'><ul>{item}</ul></div></div>",
            "部门动态",
        ),
        ("<ul>{item}</ul>", ""),
        (  # the page header's menu is not the heading of the list below it
            "<div class='header'><div class='nav'><a href='/'>首页</a><a href='/zwgk/'>政务公开</a></div></div>"
            "<div class='container'><div class='list-box'><ul class='list'>{item}</ul></div></div>",
            "",
        ),
        ("<nav><a href='/'>首页</a><a href='/zwgk/'>政务公开</a></nav><div><ul>{item}</ul></div>", ""),
        (  # a table-layout heading bar: the title cell of the short table before the list
            "<table><tr><td class='lm_title'>工作动态</td><td><a href='/gzdt/'>更多&gt;&gt;</a></td></tr></table>"
            "<table>{item}</table>",
            "工作动态",
        ),
        (  # a long block before the list is not a heading bar, whatever its cells are called
            "<table><tr><td class='lm_title'>工作动态</td><td>" + "一段很长的说明文字。" * 6 + "</td></tr></table>"
            "<table>{item}</table>",
            "",
        ),
        (  # a block's own header keeps its heading
            "<div class='card'><div class='card-header'>政策解读</div><ul>{item}</ul></div>",
            "政策解读",
        ),
    ],
)
def test_block_heading(body: str, block: str) -> None:
    item = "<li><a href='a.html'>区政府召开常务会议</a><span>2026-03-15</span></li>"
    found = entries_of(body.format(item=item))
    assert [e.block for e in found] == [block]


def test_block_heading_of_tabbed_lists_follows_the_tab() -> None:
    body = """<div class="tab-title"><a href="/a/">市政府文件</a><a href="/b/">市政府令</a>
    <a href="/a/" class="more">更多&gt;&gt;</a></div>
    <ul class="list1"><li><a href="1.html">关于某某同志任职的通知</a><span>2020-07-29</span></li></ul>
    <ul class="list1" style="display:none"><li><a href="2.html">邯郸市人民政府令第175号</a><span>2020-01-23</span></li></ul>"""
    assert [(e.title, e.block) for e in entries_of(body)] == [
        ("关于某某同志任职的通知", "市政府文件"),
        ("邯郸市人民政府令第175号", "市政府令"),
    ]


def test_fixture_trs_list() -> None:
    html = (FIXTURES / "trs_list.html").read_text(encoding="utf-8")
    found = extract_entries(make_soup(html), BASE, TODAY)
    assert [(e.date, e.date_raw, e.block) for e in found] == [
        (date(2026, 3, 15), "03-15", "工作动态"),
        (date(2026, 3, 2), "03-02", "工作动态"),
        (date(2025, 12, 30), "12-30", "工作动态"),
    ]
    assert found[0].url == "http://www.example.gov.cn/zwgk/gzdt/202603/t20260315_101.html"


def test_hanweb_datastore_records_are_entries() -> None:
    html = (FIXTURES / "hanweb_list.html").read_text(encoding="utf-8")
    found = extract_entries(make_soup(html), "http://www.example.gov.cn/col/col3003/index.html", TODAY)
    assert [(e.title, e.url, e.date, e.block) for e in found] == [
        (
            "关于印发农村人居环境整治方案的通知",
            "http://www.example.gov.cn/art/2026/3/12/art_3003_123.html",
            date(2026, 3, 12),
            "政策文件",
        ),
        (
            "关于2026年春耕生产的指导意见",
            "http://www.example.gov.cn/art/2026/2/28/art_3003_120.html",
            date(2026, 2, 28),
            "政策文件",
        ),
    ]
