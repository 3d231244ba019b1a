"""Dates: every shape government pages use, URL dates, page date candidates and the best one."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract.dates import best_date, date_from_url, find_date, find_page_dates, parse_date
from crawler.extract.dom import make_soup
from crawler.extract.model import FoundDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-15", date(2026, 3, 15)),
        ("2026/03/15", date(2026, 3, 15)),
        ("2026.03.15", date(2026, 3, 15)),
        ("2026-3-5", date(2026, 3, 5)),
        ("2026年3月15日", date(2026, 3, 15)),
        ("2026年03月02日", date(2026, 3, 2)),
        ("2026 年 3 月 15 日", date(2026, 3, 15)),
        ("发布时间：2026-03-15 10:20:30", date(2026, 3, 15)),
        ("2023-08-16 10:33:59", date(2023, 8, 16)),  # PubDate meta shape
        ("２０２６－０３－１５", date(2026, 3, 15)),  # full-width digits
        ("000014348/2020-35428 邯郸市教育局 2020-08-05", date(2020, 8, 5)),  # an 索引号 is not a date
        ("2026-13-01", None),  # month 13
        ("2026-02-30", None),
        ("2026/03-15", None),  # mixed separators
        ("1989-12-31", None),  # before 1990
        ("2101-01-01", None),  # after 2100
        ("2026年3月", None),  # a month is not a day
        ("2026-13-01 then 2026-03-15", date(2026, 3, 15)),  # an impossible date is skipped, not fatal
        ("20260315", None),  # bare digits in text: not read (URLs are handled apart)
        ("", None),
        ("no date here", None),
    ],
)
def test_parse_date_full_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("[03-15]", 2026, date(2026, 3, 15)),
        ("03-15", 2026, date(2026, 3, 15)),
        ("3月15日", 2026, date(2026, 3, 15)),
        ("[03-15]", None, None),  # no year, no date
        ("[13-01]", 2026, None),
        ("[02-29]", 2025, None),
        ("2025-12-31 [03-15]", 2026, date(2025, 12, 31)),  # a full date wins
        ("2026-03-15", 2020, date(2026, 3, 15)),  # the context year never overrides a full date
    ],
)
def test_parse_date_month_day_needs_context_year(text: str, year: int | None, expected: date | None) -> None:
    assert parse_date(text, context_year=year) == expected


def test_find_date_returns_the_raw_text() -> None:
    assert find_date("发布日期：2017-05-15 10:49:00 访问量") == (date(2017, 5, 15), "2017-05-15 10:49:00")


@pytest.mark.parametrize(
    ("url", "expected", "precision"),
    [
        ("http://x.gov.cn/zwgk/202603/t20260315_123.html", date(2026, 3, 15), "day"),
        ("http://x.gov.cn/zwgk/t20260315_123.shtml", date(2026, 3, 15), "day"),
        ("http://x.gov.cn/news/20260315/abc.html", date(2026, 3, 15), "day"),
        ("http://x.gov.cn/art/2026/03/15/art_1_2.html", date(2026, 3, 15), "day"),
        ("http://x.gov.cn/news/2026-03-15/abc.html", date(2026, 3, 15), "day"),
        ("https://www.x.gov.cn/zhengce/content/2026-03/05/content_7010001.htm", date(2026, 3, 5), "day"),
        ("https://www.x.gov.cn/zhengce/content/2026-03/content_7010001.htm", date(2026, 3, 1), "month"),
        ("https://www.x.gov.cn/zhengce/2026-03/45/content_1.htm", date(2026, 3, 1), "month"),  # no day 45
        ("http://x.gov.cn/wzxrmzf/tjgb/201705/9c059bf0.shtml", date(2017, 5, 1), "month"),
        ("http://x.gov.cn/xxgk/202603/", date(2026, 3, 1), "month"),
        ("http://x.gov.cn/xxgk/202613/abc.html", None, ""),  # month 13
        ("http://x.gov.cn/col/col123456/index.html", None, ""),
        ("http://x.gov.cn/zwgk/index.html", None, ""),
        ("http://x.gov.cn/a/t20261340_1.html", None, ""),
        ("http://[broken/url", None, ""),
    ],
)
def test_date_from_url(url: str, expected: date | None, precision: str) -> None:
    found = date_from_url(url)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.value, found.source, found.precision) == (expected, "url", precision)


@pytest.mark.parametrize(
    ("snippet", "source", "expected"),
    [
        ("<p>发布日期：2026-03-15</p>", "label:发布日期", date(2026, 3, 15)),
        ("<span>发布时间：2026年3月15日 09:00</span>", "label:发布时间", date(2026, 3, 15)),
        ("<span>发文日期: 2026/03/15</span>", "label:发文日期", date(2026, 3, 15)),
        ("<span>日期：2026.03.15</span>", "label:日期", date(2026, 3, 15)),
        ("<span>时间：2026-03-15</span>", "label:时间", date(2026, 3, 15)),
        ("<span>发布日期：[2026-03-15]</span>", "label:发布日期", date(2026, 3, 15)),
        ("<span>发 布 日 期 ： 2026-03-15</span>", "label:发布日期", date(2026, 3, 15)),
        ("<span>发布日期：<b><i>2026-03-15</i></b></span>", "label:发布日期", date(2026, 3, 15)),
        ("<div>【发布时间】2026-03-15 10:23 【来源】示例镇</div>", "label:发布时间", date(2026, 3, 15)),
        ("<div>[发布日期] 2026-03-15</div>", "label:发布日期", date(2026, 3, 15)),
        ("<div>［发布日期］2026-03-15</div>", "label:发布日期", date(2026, 3, 15)),
        ("<div>发布日期：［2026-03-15］</div>", "label:发布日期", date(2026, 3, 15)),
        ("<span>发布日期:2026年03月15日</span>", "label:发布日期", date(2026, 3, 15)),
        ("<span>发布时间：&nbsp;&nbsp;2026-03-15&nbsp;10:23</span>", "label:发布时间", date(2026, 3, 15)),
        ("<span>日期：[2026-03-15]</span>", "label:日期", date(2026, 3, 15)),
        ("<div>作者：办公室&nbsp;&nbsp;时间：2026/3/5 9:30</div>", "label:时间", date(2026, 3, 5)),
        ("<p>信息索引号：XX-2026-001　公开日期：2026-03-01</p>", "label:公开日期", date(2026, 3, 1)),
        ("<div>发表时间：2026-03-15 08:00　作者：办公室</div>", "label:发表时间", date(2026, 3, 15)),
        ("<div><span>来源：区政府</span> <span>时间：2026/3/5</span></div>", "label:时间", date(2026, 3, 5)),
        (
            "<dl><dd><label>生 成 日 期：</label><div>2026-03-15</div></dd></dl>",
            "table:生成日期",
            date(2026, 3, 15),
        ),
        ("<table><tr><td>生成日期</td><td>2026-03-15</td></tr></table>", "table:生成日期", date(2026, 3, 15)),
        (
            "<table><tr><td>成文日期</td><td>2026年3月1日</td></tr></table>",
            "table:成文日期",
            date(2026, 3, 1),
        ),
    ],
)
def test_label_dates(snippet: str, source: str, expected: date) -> None:
    found = find_page_dates(make_soup(f"<html><body>{snippet}</body></html>"), "http://x.gov.cn/a.html")
    assert [(d.source, d.value) for d in found] == [(source, expected)]


@pytest.mark.parametrize(
    "snippet",
    [
        "<p>截止日期：2026-03-15</p>",  # a deadline, not a publication date
        "<p>办公时间：2026-03-15</p>",
        "<p>截止 时间：2026-03-15</p>",  # a spaced deadline label is still a deadline
        "<p>报名截止 日期：2026-03-15</p>",
        "<p>截 止 时 间：2026-03-15</p>",
        "<p>会议安排：地点：区政府三楼会议室 时间：2026年4月15日</p>",  # an event's time in the text
        "<p>发布日期 邯郸市教育局 2026-03-15</p>",  # a table header, the date is elsewhere
        "<p>发布日期：2026-13-15</p>",  # impossible
        "<!-- <p>发布日期：2026-03-15</p> -->",  # commented out
        "<script>var s = '发布日期：2026-03-15';</script>",
    ],
)
def test_not_label_dates(snippet: str) -> None:
    assert find_page_dates(make_soup(f"<html><body>{snippet}</body></html>"), "http://x.gov.cn/a.html") == []


def test_meta_pubdate_and_conflicting_label_are_both_kept() -> None:
    html = """<html><head><meta name="PubDate" content="2022-04-24 10:00:43"></head>
    <body><span>发布日期：2017-05-15 10:49:00</span><span>发布日期：2017-05-15</span></body></html>"""
    found = find_page_dates(make_soup(html), "http://x.gov.cn/tjgb/201705/abc.shtml")
    assert [(d.source, d.value) for d in found] == [
        ("meta:PubDate", date(2022, 4, 24)),
        ("label:发布日期", date(2017, 5, 15)),  # deduplicated by (value, source)
        ("url", date(2017, 5, 1)),
    ]
    assert found[0].raw == "2022-04-24 10:00:43"
    best = best_date(found)
    assert best is not None and best.source == "meta:PubDate"


def test_meta_pubdate_in_chinese_form() -> None:
    found = find_page_dates(make_soup('<meta name="pubdate" content="2020年08月02日">'), "http://x.gov.cn/")
    assert [(d.source, d.value) for d in found] == [("meta:PubDate", date(2020, 8, 2))]


def _found(source: str, day: int) -> FoundDate:
    return FoundDate(value=date(2026, 3, day), source=source, raw="")


@pytest.mark.parametrize(
    ("sources", "winner"),
    [
        (["url", "table:生成日期", "label:发布日期", "meta:PubDate"], "meta:PubDate"),
        (["url", "table:生成日期", "label:时间", "label:发布日期"], "label:发布日期"),
        (["label:日期", "label:发布时间"], "label:发布时间"),
        (["url", "table:生成日期"], "table:生成日期"),
        (["url"], "url"),
        (["table:成文日期"], None),  # the drafting date is never the publication date
        ([], None),
    ],
)
def test_best_date_priority(sources: list[str], winner: str | None) -> None:
    best = best_date([_found(s, i + 1) for i, s in enumerate(sources)])
    assert (best.source if best else None) == winner


def test_best_date_first_of_equal_sources_wins() -> None:
    dates = [_found("label:发布日期", 5), _found("label:发布日期", 9)]
    best = best_date(dates)
    assert best is not None and best.value == date(2026, 3, 5)


def test_label_dates_inside_list_entries_can_be_excluded() -> None:
    soup = make_soup(
        "<ul><li><a href='/a'>第一条新闻标题</a> 发布时间：2026-03-01</li></ul><p>发布时间：2026-03-02</p>"
    )
    li = soup.find("li")
    found = find_page_dates(soup, "http://x.gov.cn/", exclude={id(li)})
    assert [d.value for d in found] == [date(2026, 3, 2)]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # gov.cn-style pages carry no PubDate, only firstpublishedtime (date and time joined by a dash)
        ('<meta name="firstpublishedtime" content="2026-03-05-17:40:12">', [("meta:firstpublishedtime", date(2026, 3, 5))]),
        ('<meta name="publishdate" content="2026-03-12">', [("meta:publishdate", date(2026, 3, 12))]),
        (
            '<meta name="PubDate" content="2026-03-12 09:30"><meta name="publishdate" content="2026-03-11">',
            [("meta:PubDate", date(2026, 3, 12)), ("meta:publishdate", date(2026, 3, 11))],
        ),
        ('<meta name="lastmodifiedtime" content="2026-03-06-09:01:30">', []),  # a change, not the publication
        ('<meta name="firstpublishedtime" content="">', []),
    ],
)
def test_other_publication_meta_tags(head: str, expected: list[tuple[str, date]]) -> None:
    found = find_page_dates(make_soup(f"<html><head>{head}</head><body></body></html>"), "http://x.gov.cn/a.html")
    assert [(d.source, d.value) for d in found] == expected


def test_national_pubdate_outranks_the_other_meta_tags() -> None:
    html = (
        '<html><head><meta name="firstpublishedtime" content="2026-03-05-17:40:12">'
        '<meta name="PubDate" content="2026-03-06"></head><body></body></html>'
    )
    best = best_date(find_page_dates(make_soup(html), "http://x.gov.cn/a.html"))
    assert best is not None and (best.source, best.value) == ("meta:PubDate", date(2026, 3, 6))
