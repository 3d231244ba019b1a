"""Issue 9, item 1: dates are read, never invented.

A page's publication date is the one it shows; a month-day whose year was inferred from the audit date (推定)
gives way to its article's date and never alone makes a column stale; a date the list and the URL disagree on is
cited both ways; no finding shows a date later than the fetch of the page it came from.
"""

from __future__ import annotations

import json
from datetime import date

from checks.catalogue import CATALOGUE
from checks.model import Status
from crawler import store
from crawler.column_tree import build_column_tree
from crawler.extract.page import extract_page
from tests.fakecrawl import BASE, DEPT, FakeCrawl, complete_site

REGENERATED = (
    "<html><head><meta name='ArticleTitle' content='2015年统计公报'><meta name='PubDate' content='2022-04-24 10:00'>"
    "</head><body><h1>2015年统计公报</h1><div class='info'>发布日期：2017-05-15</div>"
    "<div class='TRS_Editor'>" + "全县国民经济和社会发展统计公报。" * 40 + "</div></body></html>"
)


def mark(c: FakeCrawl, list_path: str, *, source: str, url_date: str = "", conflict: bool = False) -> None:
    """Say where the dates of a list's entries come from (entries.date_source, m007)."""
    c.db.execute("update entries set date_source = ?, url_date = ?, date_conflict = ? where list_url = ?",
                 [source, url_date, int(conflict), BASE + list_path.lstrip("/")])


def fetched_on(c: FakeCrawl, day: str) -> None:
    c.db.execute("update pages set fetched_at = ?", [f"{day}T08:00:00+00:00"])


def stale_policy_list(c: FakeCrawl, day: str = "2026-03-01") -> None:
    """The 政策文件 column's one entry dated ``day`` (its article page shows no date)."""
    c.db.execute("update entries set date = ?, date_raw = ? where list_url = ?", [day, day[5:], BASE + "zwgk/fdzdgknr/zcwj/"])
    c.db.execute("update pages set pub_date = null, dates = '[]' where url = ?", [BASE + "zwgk/fdzdgknr/zcwj/1.html"])


def test_the_publication_date_is_the_date_the_page_shows() -> None:
    page = extract_page(REGENERATED, "http://www.x.gov.cn/tjgb/201705/a.shtml", today=date(2026, 3, 20))
    assert (page.pub_date.value, page.pub_date.source) == (date(2017, 5, 15), "label:发布日期")
    assert page.meta_date.value == date(2022, 4, 24) and page.date_conflict


def test_checks_read_the_shown_date_of_a_crawl_that_stored_the_meta_one() -> None:
    crawl = complete_site()
    crawl.db.execute("update pages set pub_date = '2026-11-25', shown_date = '2025-11-25', shown_date_source = "
                     "'label:发布日期', meta_date = '2026-11-25', meta_date_source = 'meta:PubDate', date_conflict = 1 "
                     "where url = ?", [BASE + "xw/0.html"])
    facts = crawl.facts()
    page = facts.pages[BASE + "xw/0.html"]
    assert page.pub_date == date(2025, 11, 25)
    assert any("2025-11-25" in n and "2026-11-25" in n for n in page.date_notes)  # both dates cited


def test_an_inferred_year_alone_never_makes_the_home_page_stale() -> None:
    crawl = complete_site()
    crawl.db.execute("update entries set date = '2026-09-01', date_raw = '09-01' where list_url = ?", [BASE])
    crawl.db.execute("update pages set pub_date = null where url like ?", [BASE + "xw/%"])
    mark(crawl, "/", source="as_of")
    (finding,) = crawl.run("UPD-HOME-01")
    assert finding.status == Status.UNKNOWN, finding.message
    assert "推定" in " ".join(finding.evidence.notes) and finding.evidence.dates == ["2026-09-01（推定）"]


def test_an_inferred_year_gives_way_to_the_date_its_page_shows() -> None:
    crawl = complete_site()  # the home lists 11-25 and 11-20; the pages show the year before
    mark(crawl, "/", source="as_of")
    crawl.db.execute("update pages set pub_date = '2025-11-25' where url = ?", [BASE + "xw/0.html"])
    crawl.db.execute("update pages set pub_date = '2025-11-20' where url = ?", [BASE + "xw/1.html"])
    (finding,) = crawl.run("UPD-HOME-01")
    assert finding.status == Status.FAILED and "2025-11-25" in finding.message, finding.message
    assert "日期取自其页面" in " ".join(finding.evidence.notes)


def test_a_column_stale_only_by_inferred_dates_is_unknown() -> None:
    crawl = complete_site()
    stale_policy_list(crawl)
    mark(crawl, "/zwgk/fdzdgknr/zcwj/", source="as_of")
    found = [f for f in crawl.run("UPD-TYPE-01") if "政策文件" in f.subject]
    assert [f.status for f in found] == [Status.UNKNOWN], [(f.status, f.message) for f in found]
    assert "推定" in found[0].message + " ".join(found[0].evidence.notes)


def test_a_column_stale_by_dates_read_still_fails_and_cites_a_conflict_both_ways() -> None:
    crawl = complete_site()
    stale_policy_list(crawl)
    mark(crawl, "/zwgk/fdzdgknr/zcwj/", source="list", url_date="2026-02-27", conflict=True)
    (finding,) = [f for f in crawl.run("UPD-TYPE-01") if "政策文件" in f.subject]
    assert finding.status == Status.FAILED
    notes = " ".join(finding.evidence.notes)
    assert "2026-03-01" in notes and "2026-02-27" in notes and "不一致" in notes


def test_no_finding_shows_a_date_later_than_its_page_was_fetched() -> None:
    crawl = complete_site()
    fetched_on(crawl, "2026-11-22")  # the home shows 11-25 (要闻动态) and 11-20 (通知公告)
    crawl.db.execute("update entries set date_source = 'list' where list_url = ?", [BASE])
    facts = crawl.facts()
    late = []
    for check in CATALOGUE:
        for finding in check.findings(facts):
            late += [(check.id, d) for d in finding.evidence.dates if d[:10] > "2026-11-22"]
    assert late == []
    (home,) = crawl.run("UPD-HOME-01")
    assert home.evidence.dates == ["2026-11-20"] and home.status == Status.PASSED


def test_an_inferred_year_is_never_later_than_the_fetch() -> None:
    crawl = complete_site()
    fetched_on(crawl, "2026-11-22")
    mark(crawl, "/", source="as_of")
    crawl.db.execute("update pages set pub_date = null where url like ?", [BASE + "xw/%"])
    facts = crawl.facts()
    dates = sorted(e.date for e in facts.entries if e.list_url == BASE)
    assert dates == [date(2025, 11, 25), date(2026, 11, 20)]  # 11-25 cannot be this year's: fetched on 11-22


def test_the_column_tree_counts_no_inferred_date_as_read() -> None:
    db = store.open_db(":memory:")
    run = store.create_run(db, site_name="", start_url=BASE, as_of="2026-11-27", settings={})
    store.write_rows(db, "pages", [{"run_id": run, "url": BASE + "xw/", "fetch_state": "ok", "page_kind": "list",
                                    "column_path": json.dumps(["图片报道"], ensure_ascii=False), "depth": 1}])
    store.write_rows(db, "entries", [
        {"run_id": run, "list_url": BASE + "xw/", "url": BASE + "xw/1.html", "title": "一", "date": "2026-11-20",
         "date_source": "as_of"},
        {"run_id": run, "list_url": BASE + "xw/", "url": BASE + "xw/2.html", "title": "二", "date": "2026-06-01",
         "date_source": "list"}])
    (row,) = build_column_tree(db, run)
    assert row["newest_date"] == "2026-06-01" and row["entries"] == 2


def test_a_key_area_stale_only_by_inferred_dates_is_unknown_and_by_dates_read_fails() -> None:
    zdxm = BASE + "zwgk/fdzdgknr/zdxm/"
    crawl = complete_site()
    crawl.db.execute("update entries set date = '2025-01-05' where list_url = ?", [zdxm])
    mark(crawl, "/zwgk/fdzdgknr/zdxm/", source="as_of")
    (finding,) = [f for f in crawl.run("AREA-01") if "重大建设项目" in f.subject]
    assert finding.status == Status.UNKNOWN, finding.message
    assert "推定" in finding.message + " ".join(finding.evidence.notes)
    mark(crawl, "/zwgk/fdzdgknr/zdxm/", source="list")
    (finding,) = [f for f in crawl.run("AREA-01") if "重大建设项目" in f.subject]
    assert finding.status == Status.FAILED, finding.message


def test_a_guide_dated_only_by_an_inferred_year_is_unknown() -> None:
    crawl = complete_site()
    guide = BASE + "bm/jyj/gkzn/"
    crawl.db.execute("update pages set pub_date = null where url = ?", [guide])
    crawl.entry("/bm/jyj/", "/bm/jyj/gkzn/", "政府信息公开指南", "2024-03-01", department=DEPT)
    crawl.db.execute("update entries set date_source = 'as_of' where url = ?", [guide])
    (finding,) = [f for f in crawl.run("GK-GUIDE-03") if f.department == DEPT]
    assert finding.status == Status.UNKNOWN, finding.message
    assert "推定" in finding.message
