"""Issue 13, item 3: broken markup read as a browser reads it. Where libxml2's recovery nests what a browser keeps
apart (an unclosed <div> inside each list item: libxml2 ignores every </li>, browsers close both), the page is
parsed again with the WHATWG algorithm (html5lib); a breadcrumb or a dated header bar is never a list entry; a
column is blank only when none of its pages has an entry."""

from __future__ import annotations

from datetime import date

import pytest

from checks.model import Status
from crawler.extract.dom import lost_structure, make_soup
from crawler.extract.page import extract_page
from tests.fakecrawl import complete_site

TODAY = date(2026, 11, 27)
ITEMS = [("关于做好2026年冬季防火工作的通知", "2026-11-20"), ("关于开展安全生产大检查的通知", "2026-11-12"),
         ("关于2026年度重点项目推进情况的通报", "2026-10-30"), ("关于调整城乡低保标准的公示", "2026-10-15"),
         ("关于征集民生实事项目的公告", "2026-09-28")]
HEAD = ('<html><head><meta charset="utf-8"><title>通知公告_某区人民政府</title></head><body>'
        '<div class="top"><span>今天是：2026年11月27日 星期五</span><a href="/">网站首页</a></div>'
        '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a>'
        '<span class="time">2026-11-27</span></div>')


def items(shape: str) -> str:
    return "".join(shape.format(i=i, title=t, day=d) for i, (t, d) in enumerate(ITEMS))


PAGES = {
    # every item's inner <div> left open: libxml2 nests each item in the one before
    "unclosed div in each item": "<ul class='list'>" + items("<li><div class='t'><a href='/tzgg/{i}.html'>{title}</a>"
                                                             "<span>{day}</span></li>") + "</ul>",
    # an unclosed <div> swallowing the list, nested tables and forms, an early </html>, items left open
    "everything at once": "<div class='main'><div class='left'><table><tr><td><form><table><tr><td></html>"
                          "<div class='list'><ul>" + items("<li><div><a href='/tzgg/{i}.html'>{title}</a><span>{day}"),
    "items in an unclosed font": "<ul>" + items("<li><font color='red'><a href='/tzgg/{i}.html'>{title}</a>"
                                                "<span>{day}</span></li>") + "</ul>",
    "early </html>": "</body></html><div class='list'><ul>" + items("<li><a href='/tzgg/{i}.html'>{title}</a>"
                                                                     "<span>{day}</span></li>") + "</ul></div>",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_list_in_broken_markup_is_read_as_a_browser_shows_it(name: str) -> None:
    page = extract_page(HEAD + PAGES[name] + "</body></html>", "http://www.x.gov.cn/tzgg/", today=TODAY)
    assert page.page_kind == "list"
    assert [(e.title, e.date.isoformat()) for e in page.entries] == ITEMS
    assert all("/tzgg/" in e.url and e.url.endswith(".html") for e in page.entries)  # never the breadcrumb


def test_lost_structure_is_told_from_a_well_formed_page() -> None:
    broken = make_soup(HEAD + PAGES["unclosed div in each item"] + "</body></html>")
    assert lost_structure(broken.tops[0]) is False  # the tree kept is the browser's, which nests nothing
    from lxml import etree
    libxml2 = etree.fromstring(HEAD + PAGES["unclosed div in each item"] + "</body></html>", etree.HTMLParser())
    assert lost_structure(libxml2) is True
    fine = etree.fromstring("<html><body><ul><li><a href='/a'>a</a><ul><li>nested list</li></ul></li></ul>"
                            "<table><tr><td><table><tr><td>inner</td></tr></table></td></tr></table></body></html>",
                            etree.HTMLParser())
    assert lost_structure(fine) is False  # a list in an item, a table in a cell: as written


def test_a_calendars_empty_future_months_do_not_make_it_blank() -> None:
    crawl = complete_site()
    for month in ("2026-11", "2026-12", "2027-01"):
        crawl.page(f"/hdrl/index.jsp?month={month}", column="活动日历", kind="list", empty=month != "2026-11")
    crawl.entry("/hdrl/index.jsp?month=2026-11", "/hdrl/a1.html", "2026年11月政务开放日活动安排", "2026-11-02",
                column="活动日历")
    findings = crawl.run("UPD-BLANK-01")
    assert [f.status for f in findings] == [Status.PASSED], [(f.subject, f.message) for f in findings]
    # a column of the same name in another folder, with nothing in it, is blank
    crawl.page("/bm/jyj/hdrl/index.jsp?month=2026-12", column="活动日历", kind="list", empty=True)
    failed = [f for f in crawl.run("UPD-BLANK-01") if f.status == Status.FAILED]
    assert [f.url for f in failed] == ["http://www.test.gov.cn/bm/jyj/hdrl/index.jsp?month=2026-12"]
