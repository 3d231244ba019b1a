"""Issue 9, a search box built from an <input> and a scripted button, with no <form>, is a search box: a link of
kind "form" to the page itself, and ``Identity.search_box`` (stored in pages.identity) set."""

from __future__ import annotations

import json
from datetime import date

import pytest

from crawler.extract.page import extract_page
from crawler.spiders.portal import PortalSpider

URL = "http://www.example.gov.cn/index.html"
TODAY = date(2026, 3, 20)


def page_of(body: str):
    return extract_page(f"<html><body><a href='/zwgk/'>政务公开</a>{body}</body></html>", URL, today=TODAY)


@pytest.mark.parametrize(
    ("box", "anchor"),
    [
        ("<div class='ss'><input type='text' id='searchword' value=''>"
         "<a href='javascript:void(0)' onclick='search()'><img src='/images/ss.png' alt=''></a></div>", ""),
        ("<div><input type=text id=searchword placeholder='请输入关键字'><a onclick=\"search()\">搜 索</a></div>", "搜索"),
        ("<div class='top-search'><input name='keyword' class='txt'><button type='button' onclick='doSearch()'>"
         "检索</button></div>", "检索"),
        ("<span><input type='text' id='kw' onkeydown=\"if(event.keyCode==13) goSearch();\">"
         "<input type='button' value='搜索' onclick='goSearch()'></span>", "搜索"),
        ("<div class='box'><input type='text' id='q' placeholder='站内搜索'><img src='/img/go.png' "
         "onclick='submitSearch()'></div>", "站内搜索"),
    ],
)
def test_an_input_with_a_scripted_button_and_no_form_is_a_search_box(box: str, anchor: str) -> None:
    page = page_of(box)
    forms = [link for link in page.links if link.is_form]
    assert [(link.url, link.anchor) for link in forms] == [(URL, anchor)]
    assert page.identity.search_box is True


@pytest.mark.parametrize(
    "box",
    [
        "<div><input type='text' id='username'><input type='password' id='pwd'><a onclick='login()'>登录</a></div>",
        "<div><input type='text' id='xjcode' placeholder='请输入查询码'><a onclick='query()'>信件查询</a></div>",
        "<div><input type='text' id='email' placeholder='请输入邮箱'><a onclick='subscribe()'>订阅</a></div>",
        "<div><input type='text' id='searchword'></div>",  # no button, no key handler: nothing to start a search
    ],
)
def test_other_scripted_inputs_are_not_search_boxes(box: str) -> None:
    page = page_of(box)
    assert [link for link in page.links if link.is_form] == []
    assert page.identity.search_box is False


def test_a_search_form_sets_the_flag_too() -> None:
    page = page_of("<form action='/search/'><input name='q'><input type='submit' value='搜索'></form>")
    assert page.identity.search_box is True


def test_the_flag_survives_where_a_link_to_the_page_itself_takes_the_links_row() -> None:
    box = "<div><input type=text id=searchword><a onclick='search()'>搜索</a></div>"
    page = extract_page(f"<html><body><a href='{URL}'>首页</a>{box}</body></html>", URL, today=TODAY)
    spider = PortalSpider(start_url=URL)
    spider.text_limit = 1000
    meta = {"key": URL, "ga_depth": 0, "referer": "", "anchor": "", "t0": 0.0}
    item = spider.page_item(meta, {"final_url": URL, "status": 200, "content_type": "text/html"}, page)
    assert json.loads(item.page["identity"])["search_box"] is True


def test_a_scripted_box_inside_a_form_that_wraps_the_whole_page_is_a_search_box() -> None:
    page = page_of("<form id='form1' method='post' action='index.aspx'><textarea name='__VIEWSTATE'></textarea>"
                   "<div class='search'><input type='text' id='searchword'><a onclick='search()'>搜索</a></div>"
                   "<p>正文</p></form>")
    assert [(link.url, link.anchor) for link in page.links if link.is_form] == [(URL, "搜索")]
    assert page.identity.search_box is True
