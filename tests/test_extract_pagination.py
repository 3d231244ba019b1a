"""Pagination: 下一页/尾页/page-number links and TRS createPageHTML / countPage scripts."""

from __future__ import annotations

import pytest

from crawler.extract.dom import make_soup
from crawler.extract.pagination import MAX_SCRIPT_PAGES, create_page_urls, next_pages

PAGE = "http://www.example.gov.cn/zwgk/gzdt/index.html"
DIR = "http://www.example.gov.cn/zwgk/gzdt/"


def pages_of(body: str, url: str = PAGE) -> list[str]:
    return next_pages(make_soup(f"<html><body>{body}</body></html>"), url)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<a href='index_1.html'>下一页</a>", [DIR + "index_1.html"]),
        ("<a href='index_9.html'> 尾页 </a><a href='index_9.html'>末页</a>", [DIR + "index_9.html"]),
        ("<a href='?page=2'>下页</a>", [PAGE + "?page=2"]),
        (
            "<div class='page'><a href='index_1.html'>2</a><a href='index_2.html'>3</a></div>",
            [DIR + "index_1.html", DIR + "index_2.html"],
        ),
        ("<span><a href='list_3.html'>[4]</a></span>", [DIR + "list_3.html"]),  # a pager-shaped href
        ("<div class='pagination'><a href='p2.html'>&gt;</a></div>", [DIR + "p2.html"]),
        (
            "<a href='index.html'>首页</a><a href='index_1.html'>上一页</a>",
            [],
        ),  # backwards: the crawler has them
        ("<div class='calendar'><a href='/day/15.html'>15</a></div>", []),  # a bare number outside a pager
        ("<a href='javascript:goPage(2)'>下一页</a>", []),
        ("<a href='index.html'>下一页</a>", []),  # the page itself
    ],
)
def test_pager_links(body: str, expected: list[str]) -> None:
    assert pages_of(body) == expected


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ('createPageHTML(4, 0, "index", "html");', [DIR + f"index_{i}.html" for i in (1, 2, 3)]),
        ("createPageHTML(3,1,'index','shtml')", [DIR + "index_1.shtml", DIR + "index_2.shtml"]),
        (
            'createPageHTML("page_div", 3, 0, "list", "htm", 45);',
            [DIR + "list_1.htm", DIR + "list_2.htm"],
        ),  # newer
        ('createPageHTML(1, 0, "index", "html");', []),  # a single page
        ('createPageHTML(0, 0, "index", "html");', []),
        ('createPageHTML(3, 0, "../x", "html");', []),  # not a file name
        (
            "var countPage = 3; var currentPage = 0; document.write('index_' + i + '.html');",
            [DIR + "index_1.html", DIR + "index_2.html"],
        ),
        ("function createPageHTML(a, b, c, d) { }", []),  # the definition, not a call
    ],
)
def test_create_page_html(script: str, expected: list[str]) -> None:
    soup = make_soup(f"<html><body><div class='page'><script>{script}</script></div></body></html>")
    assert create_page_urls(soup, PAGE) == expected


def test_script_pages_are_relative_to_the_page_url() -> None:
    soup = make_soup('<script>createPageHTML(3, 2, "index", "html");</script>')
    assert create_page_urls(soup, "http://x.gov.cn/a/b/index_2.html") == [
        "http://x.gov.cn/a/b/index_1.html",
        "http://x.gov.cn/a/b/index_2.html",
    ]
    # next_pages never lists the page itself
    assert next_pages(soup, "http://x.gov.cn/a/b/index_2.html") == ["http://x.gov.cn/a/b/index_1.html"]


def test_hostile_page_count_is_capped() -> None:
    soup = make_soup('<script>createPageHTML(99999999, 0, "index", "html");</script>')
    assert len(create_page_urls(soup, PAGE)) == MAX_SCRIPT_PAGES - 1


def test_links_and_script_are_merged_without_duplicates() -> None:
    body = """<div class="page"><a href="index_1.html">2</a><a href="index_1.html">下一页</a>
    <script>createPageHTML(3, 0, "index", "html");</script></div>"""
    assert pages_of(body) == [DIR + "index_1.html", DIR + "index_2.html"]
