"""Script-rendered lists (UNKNOWN, never empty) and genuinely empty lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crawler.extract.dom import make_soup
from crawler.extract.listing import has_article_body
from crawler.extract.page import extract_page

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"
URL = "http://www.example.gov.cn/tzgg/index.html"
ENTRY = "<li><a href='1.html'>一条静态的通知公告</a><span>2026-03-01</span></li>"


def state(body: str, head: str = "") -> tuple[bool, bool, str]:
    page = extract_page(f"<html><head>{head}</head><body>{body}</body></html>", URL, today=date(2026, 3, 20))
    return page.script_rendered, page.empty_list, page.page_kind


@pytest.mark.parametrize(
    "body",
    [
        "<ul class='list'><li ms-repeat='el in list'><a ms-attr-href='el.url'>{{el.title}}</a></li></ul>",
        "<ul class='list'><li ms-for='(i, el) in @list'><a>{{el.title}}</a></li></ul>",
        "<div id='app'><ul><li v-for='item in items' :key='item.id'>{{ item.title }}</li></ul></div>",
        "<table ng-app><tr ng-repeat='row in rows'><td>{{row.title}}</td></tr></table>",
        "<div class='newslist'>{{each list as item}}<a href='{{item.url}}'>{{item.title}}</a>{{/each}}</div>",
        "<div id='newsList'></div><script type='text/html' id='tpl'>{{each rows}}<li>{{$value.title}}</li>{{/each}}</script>",
        "<ul id='infoList'></ul><script>$.ajax({url: '/api/list', success: function (d) { $('#infoList').html(d); }});</script>",
        "<div class='wrap'><ul class='news_list'></ul><script>fetch('/api/news').then(r => r.json());</script></div>",
        "<div id='4418791'></div><script>var url = '/module/web/jpage/dataproxy.jsp';</script>",
        # Hanweb's jpaas publisher returns the list's HTML as JSON; the container need not say "list"
        "<div id='rightContent'></div><script>$.ajax({url: '/api-gateway/jpaas-publish-server/front/page/"
        "build/unit', success: function (r) { $('#rightContent').html(r.data.html); }});</script>",
        # a single-page application's shell
        "<div id='app'></div><script src='/js/chunk-vendors.3f2a.js'></script><script src='/js/app.9c1d.js'></script>",
        "<div id='__nuxt'></div><script src='/_nuxt/app.js' defer></script>",
    ],
)
def test_script_rendered(body: str) -> None:
    rendered, empty, kind = state(body)
    assert (rendered, empty, kind) == (True, False, "list")


@pytest.mark.parametrize(
    "body",
    [
        # static entries are there: whatever the scripts do, the page is read
        f"<ul class='list'>{ENTRY}</ul><script>$.ajax({{url: '/api/count'}});</script>",
        f"<ul class='list'>{ENTRY}</ul><div v-for='x in ads'></div>",
        # an ajax call that fills nothing listed on the page
        "<p>正文内容</p><script>$.post('/visit/count', {id: 1});</script>",
        # an empty list container with no script at all: empty, not script-rendered
        "<ul class='news-list'></ul>",
        # an empty mount point on a page that shows its content: not an application shell
        "<div id='app'></div><h1>关于开展春季植树活动的通知</h1><p>各单位：现就有关事项通知如下，请遵照执行。</p>"
        "<script src='/js/share.js'></script>",
        "<div id='app'></div>",  # no script to fill it
    ],
)
def test_not_script_rendered(body: str) -> None:
    assert state(body)[0] is False


@pytest.mark.parametrize(
    "body",
    [
        "<div class='main'><ul class='list'></ul><p>暂无信息</p></div>",
        "<div class='content'><span>暂无数据</span></div>",
        "<table><tr><td>没有记录</td></tr></table>",
        "<div>本栏目暂无相关信息</div>",
        "<ul class='news-list'></ul>",  # an empty list container
        "<div class='list-con'><ul></ul></div>",
    ],
)
def test_empty_list(body: str) -> None:
    assert state(body) == (False, True, "list")


@pytest.mark.parametrize(
    ("body", "head"),
    [
        (f"<ul class='list'>{ENTRY}</ul><p>暂无信息</p>", ""),  # the page has entries
        (
            "<p>关于某事项，经研究，目前暂无相关信息需要公开，特此说明，请各单位知悉并遵照执行。</p>",
            "",
        ),  # prose
        ("<div class='footer'>暂无信息</div>", ""),  # footer text is not the content
        ("<ul class='list-title'></ul><div class='page-list'></div><ul class='related-list'></ul>", ""),
        # an article whose related-documents box is empty
        ("<div class='xglist'></div><p>暂无</p>", '<meta name="ArticleTitle" content="某通知">'),
        ("<span>发布日期：2026-03-01</span><ul class='list'></ul><p>暂无数据</p>", ""),
        (
            "<ul class='list'><li ms-repeat='el in list'>{{el.title}}</li></ul><p>暂无信息</p>",
            "",
        ),  # script wins
    ],
)
def test_not_empty_list(body: str, head: str) -> None:
    assert state(body, head)[1] is False


def test_fixture_avalon_list_is_script_rendered() -> None:
    html = (FIXTURES / "avalon_list.html").read_text(encoding="utf-8")
    page = extract_page(html, "http://www.example.gov.cn/tzgg/")
    assert (page.script_rendered, page.empty_list, page.page_kind, page.entries) == (True, False, "list", [])


def test_fixture_hanweb_list_with_records_is_read_not_unknown() -> None:
    html = (FIXTURES / "hanweb_list.html").read_text(encoding="utf-8")
    page = extract_page(html, "http://www.example.gov.cn/col/col3003/index.html")
    assert (page.script_rendered, page.empty_list, page.page_kind, len(page.entries)) == (
        False,
        False,
        "list",
        2,
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<td class='b12c' id='UCAP-CONTENT'><p>{text}</p></td>", True),  # 开普云 (gov.cn-style) body
        ("<div class='TRS_Editor'><p>{text}</p></div>", True),
        ("<div id='zoom'>{text}</div>", True),
        ("<div id='UCAP-CONTENT'>短</div>", False),  # too little text
        ("<div class='sidebar'>{text}</div>", False),
    ],
)
def test_article_body(body: str, expected: bool) -> None:
    text = "各有关单位：为做好有关工作，现将事项通知如下，请认真贯彻落实。" * 5
    assert has_article_body(make_soup(f"<html><body>{body.format(text=text)}</body></html>")) is expected
