"""Issue 9, dates: read, never invented.

A list date without a year takes its year from the entry's own URL, from the audit date only when nothing else
gives one (and is then marked ``as_of``); an entry whose URL date and list date disagree keeps both. A page
that shows a date in its body (发布日期：, 日期： …) and says another in its PubDate meta tag keeps both, and
the date it shows is recorded as the date it shows (``shown_date``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from crawler import store
from crawler.extract.dom import make_soup
from crawler.extract.lists import extract_entries
from crawler.extract.page import extract_page
from crawler.spiders.portal import PortalSpider

TODAY = date(2026, 3, 20)
BASE = "http://www.example.gov.cn/zwgk/gzdt/index.html"
REAL_PAGES = Path(__file__).resolve().parents[2] / "shared" / "real-pages"


def entry(href: str, shown: str):
    body = f"<ul><li><a href='{href}'>区政府召开第十次常务会议</a><span>{shown}</span></li></ul>"
    found = extract_entries(make_soup(f"<html><body>{body}</body></html>"), BASE, TODAY)
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(
    ("href", "shown", "expected"),
    [
        # the year of the entry's own URL, whatever today is: a date folder, a TRS name, a month folder
        ("/2018-07-11/6361.html", "07-11", (date(2018, 7, 11), "url_year", "2018-07-11", False)),
        ("/zwgk/201807/t20180711_123.html", "[07-11]", (date(2018, 7, 11), "url_year", "2018-07-11", False)),
        ("/zwgk/201807/abc123.shtml", "07-11", (date(2018, 7, 11), "url_year", "2018-07", False)),
        # the URL's month differs: its year still, the nearest such day to the URL's, and the conflict kept
        ("/zwgk/201807/t20180711_123.html", "[11-25]", (date(2018, 11, 25), "url_year", "2018-07-11", True)),
        ("/zwgk/201812/t20181228_9.html", "01-03", (date(2019, 1, 3), "url_year", "2018-12-28", True)),
        # nothing but the audit date: the latest such day not after it, marked as inferred
        ("/zwgk/gzdt/6361.html", "[11-25]", (date(2025, 11, 25), "as_of", "", False)),
        ("/zwgk/gzdt/6361.html", "03-15", (date(2026, 3, 15), "as_of", "", False)),
        # a full date is the list's; a URL date that disagrees is kept beside it
        ("/zwgk/201807/t20180711_123.html", "2024-05-30", (date(2024, 5, 30), "list", "2018-07-11", True)),
        ("/zwgk/201807/t20180711_123.html", "2018-07-11", (date(2018, 7, 11), "list", "2018-07-11", False)),
        ("/zwgk/202405/abc.html", "2024-05-30", (date(2024, 5, 30), "list", "2024-05", False)),
        ("/zwgk/202404/abc.html", "2024-05-30", (date(2024, 5, 30), "list", "2024-04", True)),
        ("/zwgk/gzdt/6361.html", "2024-05-30", (date(2024, 5, 30), "list", "", False)),
    ],
)
def test_list_date_year_comes_from_the_entry_url_else_is_marked_as_of(href: str, shown: str, expected) -> None:
    found = entry(href, shown)
    assert (found.date, found.date_source, found.url_date, found.date_conflict) == expected


def page(label: str, pub_meta: str = "2025-01-02 09:30:00") -> str:
    article = "区政府召开常务会议，研究部署近期重点工作。" * 20
    return (
        f"<html><head><meta name='PubDate' content='{pub_meta}'><meta name='ArticleTitle' content='区政府召开常务会议'>"
        f"</head><body><h1>区政府召开常务会议</h1><div class='info'>{label}2024-05-30 来源：区政府办</div>"
        f"<div class='TRS_Editor'>{article}</div></body></html>"
    )


@pytest.mark.parametrize(
    ("label", "source"),
    [("日期：", "label:日期"), ("发布时间：", "label:发布时间"), ("发布日期：", "label:发布日期")],
)
def test_a_body_date_and_a_different_pubdate_meta_are_both_kept_the_shown_one_apart(label: str, source: str) -> None:
    found = extract_page(page(label), "http://www.example.gov.cn/zwgk/gzdt/6361.html", today=TODAY)
    assert {(d.value, d.source) for d in found.dates} == {(date(2024, 5, 30), source), (date(2025, 1, 2), "meta:PubDate")}
    assert found.shown_date is not None and (found.shown_date.value, found.shown_date.source) == (date(2024, 5, 30), source)
    assert found.meta_date is not None and (found.meta_date.value, found.meta_date.source) == (date(2025, 1, 2), "meta:PubDate")
    assert found.date_conflict is True


def test_a_body_date_that_agrees_with_pubdate_is_no_conflict() -> None:
    found = extract_page(page("发布日期：", "2024-05-30"), "http://www.example.gov.cn/a/1.html", today=TODAY)
    assert found.shown_date is not None and found.shown_date.value == date(2024, 5, 30)
    assert found.date_conflict is False


def test_an_issue_date_is_not_the_date_a_page_shows_as_published() -> None:
    # 发文日期 is the day the document was issued (like 成文日期), not the day it went online
    found = extract_page(page("发文日期："), "http://www.example.gov.cn/a/1.html", today=TODAY)
    assert found.shown_date is None and found.date_conflict is False


def test_stored_rows_carry_the_dates_as_read() -> None:
    html = (
        "<html><head><meta name='PubDate' content='2025-01-02'></head><body><div>日期：2024-05-30</div><ul>"
        "<li><a href='/zwgk/201807/t20180711_1.html'>二〇一八年的一条工作动态</a><span>[11-25]</span></li>"
        "<li><a href='/zwgk/gzdt/2.html'>没有年份的一条工作动态</a><span>[03-15]</span></li>"
        "<li><a href='/zwgk/gzdt/3.html'>有完整日期的一条工作动态</a><span>2026-03-01</span></li>"
        "</ul></body></html>"
    )
    url = "http://www.example.gov.cn/zwgk/gzdt/index.html"
    extracted = extract_page(html, url, today=TODAY)
    spider = PortalSpider(start_url=url)
    spider.text_limit = 1000
    meta = {"key": url, "ga_depth": 0, "referer": "", "anchor": "", "t0": 0.0}
    item = spider.page_item(meta, {"final_url": url, "status": 200, "content_type": "text/html"}, extracted)
    db = store.open_db(":memory:")
    run = store.create_run(db, site_name="", start_url=url, as_of="2026-03-20", settings={})
    store.write_rows(db, "pages", [{**item.page, "run_id": run}])
    store.write_rows(db, "entries", [{**row, "run_id": run} for row in item.entries])
    row = next(db.query("select pub_date, shown_date, shown_date_source, meta_date, meta_date_source, date_conflict "
                        "from pages"))
    assert row == {"pub_date": "2024-05-30", "shown_date": "2024-05-30", "shown_date_source": "label:日期",
                   "meta_date": "2025-01-02", "meta_date_source": "meta:PubDate", "date_conflict": 1}
    rows = db.query("select date, date_raw, date_source, url_date, date_conflict from entries order by url")
    assert list(rows) == [
        {"date": "2018-11-25", "date_raw": "11-25", "date_source": "url_year", "url_date": "2018-07-11",
         "date_conflict": 1},
        {"date": "2026-03-15", "date_raw": "03-15", "date_source": "as_of", "url_date": "", "date_conflict": 0},
        {"date": "2026-03-01", "date_raw": "2026-03-01", "date_source": "list", "url_date": "", "date_conflict": 0},
    ]
    assert json.loads(item.page["dates"])  # every candidate is still there


def test_real_page_shows_one_date_and_its_meta_tag_says_another() -> None:
    if not REAL_PAGES.is_dir():
        pytest.skip("../shared/real-pages is not here")
    html = (REAL_PAGES / "wanzai-county" / "tjgb-2015-article.html").read_text(encoding="utf-8")
    url = "http://www.wanzai.gov.cn/wzxrmzf/tjgb/201705/9c059bf058ef4db8b3c8f920e22186fe.shtml"
    found = extract_page(html, url, today=TODAY)
    assert found.shown_date is not None and (found.shown_date.value, found.shown_date.source) == (
        date(2017, 5, 15), "label:发布日期")
    assert found.meta_date is not None and found.meta_date.value == date(2022, 4, 24)
    assert found.date_conflict is True


def test_a_time_line_inside_the_article_text_is_an_events_not_the_pages() -> None:
    html = (
        "<html><body><h1>关于召开全区安全生产工作会议的通知</h1><div class='TRS_Editor'><p>各有关单位：</p>"
        "<p>地点：区政府三楼会议室</p><p>时间：2026年4月15日</p></div></body></html>"
    )
    found = extract_page(html, "http://www.example.gov.cn/a/1.html", today=TODAY)
    assert found.dates == [] and found.shown_date is None


def test_a_crawl_gives_month_day_dates_the_year_of_its_runs_as_of_date_not_the_clocks(tmp_path: Path) -> None:
    from scrapy.http import HtmlResponse, Request
    from scrapy.utils.test import get_crawler

    from crawler.items import PageItem
    from crawler.pipelines import SQLitePipeline

    db_path = str(tmp_path / "audit.db")
    db = store.open_db(db_path)
    run = store.create_run(db, site_name="", start_url=BASE, as_of="2019-02-01", settings={})
    db.close()
    crawler = get_crawler(PortalSpider, {"GOVAUDIT_DB": db_path, "GOVAUDIT_RUN_ID": run})
    spider = PortalSpider.from_crawler(crawler, start_url=BASE)
    crawler.spider = spider
    crawler.stats.open_spider()
    pipeline = SQLitePipeline.from_crawler(crawler)
    pipeline.open_spider()
    assert spider.audit_date() == date(2019, 2, 1)
    body = ("<html><body><ul><li><a href='/zwgk/gzdt/6361.html'>没有年份的一条工作动态</a><span>[11-25]</span></li>"
            "</ul></body></html>").encode()
    meta = {"key": BASE, "ga_depth": 0, "referer": "", "anchor": "", "t0": 0.0}
    response = HtmlResponse(BASE, body=body, encoding="utf-8", request=Request(BASE, meta=meta))
    items = [i for i in spider.parse(response) if isinstance(i, PageItem)]
    pipeline.db.close()
    assert [(e["date"], e["date_source"]) for e in items[0].entries] == [("2018-11-25", "as_of")]
