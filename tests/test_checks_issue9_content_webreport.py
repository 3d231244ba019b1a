"""Issue 9, item 8: the 政府网站工作年度报表 (国办函〔2018〕12号), ID-NDBB-01.

The previous year's report in a prominent place of the home page (or in the 年度报表 column it links to) by
31 January; a link to it that is broken or a column that cannot be read leaves it unknown.
"""

from __future__ import annotations

import pytest

from checks.model import Finding, Status
from checks.profile import load_profile, merge
from tests.fakecrawl import BASE, FakeCrawl, complete_site


def url(path: str) -> str:
    return BASE + path.lstrip("/")


def without_column(c: FakeCrawl) -> None:
    c.delete_page("/wzndbb/")
    c.delete_links("to_url = ?", [url("/wzndbb/")])
    c.db.execute("delete from entries where list_url = ?", [url("/wzndbb/")])


def run(c: FakeCrawl, profile: dict | None = None) -> Finding:
    [finding] = c.run("ID-NDBB-01", profile)
    return finding


@pytest.mark.parametrize(("title", "day"), [
    ("测试区人民政府门户网站政府网站工作年度报表（2025年度）", "2026-01-20"),  # the year after the words
    ("2025年度报表", "2026-01-28"),  # a short title in the report column
    ("政府网站工作年度报表", "2026-01-15"),  # no year: the year before its publication
])
def test_reports_titled_as_real_sites_do_are_read(title: str, day: str) -> None:
    crawl = complete_site()
    crawl.db.execute("update entries set title = ?, date = ? where list_url = ?", [title, day, url("/wzndbb/")])
    finding = run(crawl)
    assert finding.status == Status.PASSED and day in finding.message, finding.message


def test_a_report_linked_straight_from_the_home_page_passes() -> None:
    crawl = complete_site()
    without_column(crawl)
    crawl.entry("/", "/wzndbb/2025.html", "测试区人民政府门户网站2025年度工作报表", "2026-01-10", block="网站年报")
    assert run(crawl).status == Status.PASSED


def test_the_due_year_follows_the_deadline() -> None:
    crawl = complete_site("2026-01-15")  # the 2025 report is not yet due: the 2024 one is
    finding = run(crawl)
    assert "2024年度" in finding.subject and finding.status == Status.FAILED, finding.message


def test_the_information_disclosure_report_is_not_the_web_report() -> None:
    crawl = complete_site()
    without_column(crawl)
    finding = run(crawl)  # the 政府信息公开工作年度报告 are there, in their own column
    assert finding.status == Status.FAILED and "首页未提供" in finding.message, finding.message


def test_a_report_published_elsewhere_is_not_on_the_home_page() -> None:
    crawl = complete_site()
    without_column(crawl)
    crawl.entry("/zwgk/gknb/", "/zwgk/gknb/wz2025.html", "测试区人民政府门户网站2025年度政府网站工作年度报表", "2026-01-20")
    finding = run(crawl)
    assert finding.status == Status.FAILED and "首页未提供" in finding.message and "已发布" in finding.message
    relaxed = merge(load_profile(), {"web_report": {"home_only": False}})
    assert run(crawl, relaxed).status == Status.PASSED


def test_a_broken_link_to_the_column_is_unknown_and_named() -> None:
    crawl = complete_site()
    crawl.db.execute("delete from entries where list_url = ?", [url("/wzndbb/")])
    crawl.page("/wzndbb/", state="http_error", status=404)
    finding = run(crawl)
    assert finding.status == Status.UNKNOWN and "LNK-HOME-01" in " ".join(finding.evidence.notes), finding
    assert [f.status for f in crawl.run("LNK-HOME-01") if "/wzndbb/" in f.subject] == [Status.FAILED]


def test_an_older_report_only_is_failed_and_says_which() -> None:
    crawl = complete_site()
    crawl.db.execute("update entries set title = replace(title, '2025', '2024'), date = '2025-01-20' where list_url = ?",
                     [url("/wzndbb/")])
    finding = run(crawl)
    assert finding.status == Status.FAILED and "2024 年度" in " ".join(finding.evidence.notes), finding
