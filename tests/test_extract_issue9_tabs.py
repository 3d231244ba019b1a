"""Issue 9, tabbed home-page blocks: one row of tab headings, one panel per tab. Each panel's entries belong to
its own tab's heading, and a page whose text sits in tabs is not empty because one tab is."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract.dom import make_soup
from crawler.extract.lists import extract_entries
from crawler.extract.page import extract_page

TODAY = date(2026, 3, 20)
BASE = "http://www.example.gov.cn/"


def item(word: str, n: int) -> str:
    return f"<li><a href='/a/{n}.html'>{word}的第{n}条信息标题</a><span>2026-03-1{n}</span></li>"


SUPERSLIDE = f"""<div class="slideTxtBox"><div class="hd"><ul><li class="on">政务要闻</li><li>部门动态</li>
<li>乡镇动态</li></ul></div><div class="bd"><ul>{item('要闻', 1)}{item('要闻', 2)}</ul><ul>{item('部门', 3)}</ul>
<ul>{item('乡镇', 4)}</ul></div></div>"""
SET_TAB = f"""<div class="box"><ul id="tab"><li id="one1" onmouseover="setTab('one',1,3)" class="hover">通知公告</li>
<li id="one2" onmouseover="setTab('one',2,3)">政策文件</li><li id="one3" onmouseover="setTab('one',3,3)">人事信息</li>
</ul><div id="con_one_1"><ul>{item('通知', 1)}</ul></div><div id="con_one_2" style="display:none"><ul>{item('政策', 2)}
</ul></div><div id="con_one_3" style="display:none"><ul>{item('人事', 3)}</ul></div><div class="clear"></div></div>"""
LINKED_TABS = f"""<div class="tab"><ul class="tab-menu"><li class="on"><a href="/tzgg/">通知公告</a></li>
<li><a href="/zcwj/">政策文件</a></li><li class="more"><a href="/tzgg/">更多</a></li></ul>
<div class="tab-con con1 show"><ul>{item('通知', 1)}</ul></div><div class="tab-con con2"><ul>{item('政策', 2)}</ul></div>
</div>"""
SPAN_TABS = f"""<div class="news"><div class="title"><span class="cur" onclick="showTab(0)">图片新闻</span>
<span onclick="showTab(1)">视频新闻</span></div><div class="con"><ul class="list">{item('图片', 1)}</ul>
<ul class="list" style="display:none">{item('视频', 2)}</ul></div></div>"""
HEADING_TABS = f"""<div class="column"><div class="hd"><h3 class="on">工作动态</h3><h3>通知公告</h3></div>
<div class="bd"><ul>{item('动态', 1)}</ul><ul>{item('公告', 2)}</ul></div></div>"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (SUPERSLIDE, ["政务要闻", "政务要闻", "部门动态", "乡镇动态"]),
        (SET_TAB, ["通知公告", "政策文件", "人事信息"]),
        (LINKED_TABS, ["通知公告", "政策文件"]),
        (SPAN_TABS, ["图片新闻", "视频新闻"]),
        (HEADING_TABS, ["工作动态", "通知公告"]),
    ],
    ids=["superslide-hd-bd", "setTab-con_one_n", "linked-tabs-con1-con2", "span-tabs", "h3-tabs"],
)
def test_entries_of_each_tab_are_credited_to_that_tabs_heading(body: str, expected: list[str]) -> None:
    found = extract_entries(make_soup(f"<html><body>{body}</body></html>"), BASE, TODAY)
    assert [e.block for e in found] == expected


def test_two_blocks_after_a_two_item_menu_are_not_tabs() -> None:
    body = f"""<div class="top"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>
    <div class="main"><div class="left"><h3>工作动态</h3><ul>{item('动态', 1)}</ul></div>
    <div class="left"><h3>通知公告</h3><ul>{item('公告', 2)}</ul></div></div>"""
    found = extract_entries(make_soup(f"<html><body>{body}</body></html>"), BASE, TODAY)
    assert [e.block for e in found] == ["工作动态", "通知公告"]


FUNCTIONS = "负责全区经济社会发展规划的拟订和组织实施，统筹协调全区政务公开工作，指导各部门做好信息发布。" * 3


@pytest.mark.parametrize(
    "empty_tab",
    ["<p>暂无信息</p>", "<ul class='list'></ul>"],
    ids=["marker", "empty-container"],
)
def test_a_page_whose_text_sits_in_tabs_is_not_empty_because_one_tab_is(empty_tab: str) -> None:
    html = f"""<html><body><div class="tab"><ul class="tab-menu"><li class="on" onclick="showTab(1)">机构职能</li>
    <li onclick="showTab(2)">领导信息</li></ul><div class="tab-con con1"><p>{FUNCTIONS}</p></div>
    <div class="tab-con con2" style="display:none">{empty_tab}</div></div></body></html>"""
    page = extract_page(html, "http://www.example.gov.cn/jgzn/index.html", today=TODAY)
    assert page.empty_list is False


def test_a_tabbed_page_whose_every_tab_is_empty_is_empty() -> None:
    html = """<html><body><div class="tab"><ul class="tab-menu"><li class="on" onclick="showTab(1)">通知公告</li>
    <li onclick="showTab(2)">政策文件</li></ul><div class="tab-con con1"><p>暂无信息</p></div>
    <div class="tab-con con2" style="display:none"><p>暂无信息</p></div></div></body></html>"""
    page = extract_page(html, "http://www.example.gov.cn/tzgg/index.html", today=TODAY)
    assert page.empty_list is True
