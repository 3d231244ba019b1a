"""Each check's pass / fail / unknown, on small stored crawls built row by row."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from checks.catalogue import BY_ID, CATALOGUE
from checks.model import Severity, Status
from tests.fakecrawl import (
    ACROSS_RUNS,
    DEPT,
    FakeCrawl,
    assert_planted_gap_fails,
    assert_unseen_is_unknown,
    complete_site,
    earlier_audit,
)


def statuses(crawl: FakeCrawl, check_id: str) -> set[Status]:
    return {f.status for f in crawl.run(check_id)}


# -- the complete site passes everything ------------------------------------------------------------

@pytest.mark.parametrize("check_id", [c.id for c in CATALOGUE])
def test_complete_site_passes(check_id: str) -> None:
    crawl = complete_site()
    if check_id in ACROSS_RUNS:  # judged against an earlier audit of the site
        earlier_audit(crawl)
    findings = crawl.run(check_id)
    assert findings, f"{check_id} produced no finding"
    assert {f.status for f in findings} == {Status.PASSED}, [(f.subject, f.message) for f in findings]


# -- gaps are failed ------------------------------------------------------------------------------------

def drop_doc(c: FakeCrawl, title: str) -> None:
    """The document is gone: from its list and as a page."""
    c.db.execute("delete from entries where title = ?", [title])
    c.db.execute("delete from pages where title = ?", [title])
    c.db.execute("delete from attachments where anchor like ?", [f"{title}%"])


DEPT_REPORT = f"{DEPT}2025年政府信息公开工作年度报告"


def drop_dept_report(c: FakeCrawl) -> None:
    drop_doc(c, DEPT_REPORT)


def late_dept_report(c: FakeCrawl) -> None:
    c.db.execute("update entries set date = '2026-02-15' where title = ?", [DEPT_REPORT])
    c.db.execute("update pages set pub_date = '2026-02-15' where title = ?", [DEPT_REPORT])


def drop_gov_budget(c: FakeCrawl) -> None:
    drop_doc(c, "测试区2026年政府预算")


def drop_gov_final(c: FakeCrawl) -> None:
    drop_doc(c, "测试区2025年政府决算")


def drop_dept_budget(c: FakeCrawl) -> None:
    drop_doc(c, f"{DEPT}2026年部门预算")


def drop_dept_final(c: FakeCrawl) -> None:
    drop_doc(c, f"{DEPT}2025年部门决算")


def guide_without_fax(c: FakeCrawl) -> None:
    c.db.execute("update pages set text = replace(text, '传真号码：0000-1234568。', '') where url like '%/zwgk/gkzn/'")


def drop_dept_guide(c: FakeCrawl) -> None:
    c.delete_page("/bm/jyj/gkzn/")
    c.delete_links("to_url like '%/bm/jyj/gkzn/'")


def drop_catalogue(c: FakeCrawl) -> None:
    """No 目录 column, and no 法定主动公开内容 column either (a 61号 platform's catalogue, columns.catalogue_as)."""
    c.delete_page("/zwgk/gkml/")
    c.delete_links("to_url like '%/zwgk/gkml/'")
    c.delete_page("/zwgk/fdzdgknr/")
    c.delete_links("to_url like '%/zwgk/fdzdgknr/'")
    c.db.execute("update pages set column_path = replace(column_path, '\"法定主动公开内容\", ', '') "
                 "where url like '%/zwgk/fdzdgknr/%'")


def drop_first_level_column(c: FakeCrawl) -> None:
    c.delete_page("/zwgk/gkzd/")
    c.delete_links("to_url like '%/zwgk/gkzd/'")


def stale_home(c: FakeCrawl) -> None:
    c.db.execute("update entries set date = '2026-09-01' where list_url = ?", ["http://www.test.gov.cn/"])


def stale_news_block(c: FakeCrawl) -> None:
    c.db.execute("update entries set date = '2026-10-01' where block = '要闻动态'")


def blank_column(c: FakeCrawl) -> None:
    c.page("/zwgk/ghjh/", column="规划计划", kind="list", empty=True)


def broken_home_link(c: FakeCrawl) -> None:
    c.link("/", "/zt/gone/", "专题")
    c.page("/zt/gone/", state="http_error", status=404)


GAP_CASES = [
        ("GK-AR-02", drop_dept_report, "2025年"),
        ("GK-AR-02", late_dept_report, "2025年"),
        ("FIS-GOV-01", drop_gov_budget, "2026年政府预算"),
        ("FIS-GOV-02", drop_gov_final, "2025年政府决算"),
        ("FIS-DEPT-01", drop_dept_budget, "2026年部门预算"),
        ("FIS-DEPT-02", drop_dept_final, "2025年部门决算"),
        ("GK-GUIDE-02", guide_without_fax, "指南要素"),
        ("GK-GUIDE-01", drop_dept_guide, DEPT),
        ("GK-CAT-01", drop_catalogue, "目录"),
        ("GK-COL-01", drop_first_level_column, "制度"),
        ("UPD-HOME-01", stale_home, "首页"),
        ("UPD-COL-01", stale_news_block, "要闻动态"),
        ("UPD-BLANK-01", blank_column, "规划计划"),
        ("LNK-HOME-01", broken_home_link, "/zt/gone/"),
]


@pytest.mark.parametrize(("check_id", "plant", "subject_part"), GAP_CASES)
def test_planted_gap_fails(check_id: str, plant: Callable[[FakeCrawl], None], subject_part: str) -> None:
    assert_planted_gap_fails(check_id, plant, subject_part)


def test_late_report_is_told_apart_from_missing() -> None:
    late = complete_site()
    late_dept_report(late)
    missing = complete_site()
    drop_dept_report(missing)
    late_msg = next(f.message for f in late.run("GK-AR-02") if f.status == Status.FAILED)
    missing_msg = next(f.message for f in missing.run("GK-AR-02") if f.status == Status.FAILED)
    assert "逾期" in late_msg and "2026-02-15" in late_msg and "2026-01-31" in late_msg
    assert "未找到" in missing_msg


# -- what could not be seen is unknown, never failed --------------------------------------------------

def dept_report_list_503(c: FakeCrawl) -> None:
    drop_dept_report(c)
    c.page("/bm/jyj/gknb/", state="http_error", status=503, department=DEPT)


def dept_report_list_404(c: FakeCrawl) -> None:
    drop_dept_report(c)
    c.page("/bm/jyj/gknb/", state="http_error", status=404, department=DEPT)


def dept_report_list_timeout(c: FakeCrawl) -> None:
    drop_dept_report(c)
    c.page("/bm/jyj/gknb/", state="timeout", department=DEPT)


def fiscal_pager_failed(c: FakeCrawl) -> None:
    drop_gov_final(c)
    c.page("/zwgk/czyjs/", column="财政预决算", column_path=["政府信息公开", "财政预决算"], kind="list",
           pager=["/zwgk/czyjs/index_1.html"])
    c.page("/zwgk/czyjs/index_1.html", state="timeout")


def fiscal_list_by_script(c: FakeCrawl) -> None:
    drop_dept_budget(c)
    c.page("/zwgk/czyjs/", column="财政预决算", column_path=["政府信息公开", "财政预决算"], kind="list", script=True)


def home_unreachable(c: FakeCrawl) -> None:
    c.page("/", state="timeout", depth=0)


def home_blocked(c: FakeCrawl) -> None:
    c.page("/", state="blocked", status=521, depth=0)


def guide_blocked(c: FakeCrawl) -> None:
    c.page("/bm/jyj/gkzn/", state="blocked", status=412, department=DEPT)


def home_link_5xx(c: FakeCrawl) -> None:
    c.link("/", "/zt/slow/", "专题")
    c.page("/zt/slow/", state="http_error", status=502)


def catalogue_unreached(c: FakeCrawl) -> None:
    drop_catalogue(c)
    c.link("/zwgk/", "/zwgk/more/", "更多栏目")  # linked, never fetched (page limit)


UNSEEN_CASES = [
        ("GK-AR-02", dept_report_list_503),
        ("GK-AR-02", dept_report_list_404),
        ("GK-AR-02", dept_report_list_timeout),
        ("FIS-GOV-02", fiscal_pager_failed),
        ("FIS-DEPT-01", fiscal_list_by_script),
        ("UPD-HOME-01", home_unreachable),
        ("UPD-COL-01", home_blocked),
        ("UPD-BLANK-01", home_unreachable),
        ("LNK-HOME-01", home_link_5xx),
        ("GK-COL-01", home_unreachable),
        ("GK-GUIDE-01", guide_blocked),
        ("GK-GUIDE-02", guide_blocked),
        ("GK-CAT-01", catalogue_unreached),
]


@pytest.mark.parametrize(("check_id", "plant"), UNSEEN_CASES)
def test_unseen_evidence_is_unknown(check_id: str, plant: Callable[[FakeCrawl], None]) -> None:
    assert_unseen_is_unknown(check_id, plant)


def test_truncated_crawl_makes_absence_unknown() -> None:
    crawl = complete_site()
    drop_catalogue(crawl)
    crawl.db["runs"].update(crawl.run_id, {"truncated": 1})
    (finding,) = crawl.run("GK-CAT-01")
    assert finding.status == Status.UNKNOWN
    assert any("上限" in note for note in finding.evidence.notes)


def _discovered(crawl: FakeCrawl, rows: list[tuple[str, str, str]]) -> None:
    crawl.db["discoveries"].insert_all(
        {"run_id": crawl.run_id, "url": url, "class": cls, "area": "", "kind": "page", "priority": 0, "depth": 1,
         "found_on": "", "state": state} for url, cls, state in rows)


def test_a_limit_that_cut_only_the_rest_leaves_an_absence_decided_and_says_so() -> None:
    crawl = complete_site()
    drop_dept_guide(crawl)
    crawl.db["runs"].update(crawl.run_id, {"truncated": 1})
    _discovered(crawl, [("http://gov.test/", "home", "fetched"), ("http://gov.test/gk/", "tree", "fetched"),
                        ("http://gov.test/news/index_7.html", "rest", "max_pages"),
                        ("http://gov.test/news/a1.html", "rest", "max_pages")])
    finding = next(f for f in crawl.run("GK-GUIDE-01") if f.department == DEPT)
    assert finding.status == Status.FAILED
    assert any("未读的 2 个页面为其他栏目的后续页" in note for note in finding.evidence.notes)


def test_a_limit_that_refused_a_deciding_page_keeps_the_absence_unknown() -> None:
    crawl = complete_site()
    drop_dept_guide(crawl)
    crawl.db["runs"].update(crawl.run_id, {"truncated": 1})
    _discovered(crawl, [("http://gov.test/", "home", "fetched"),
                        ("http://gov.test/bm/jyj/tzgg/index_2.html", "department_lists", "max_pages"),
                        ("http://gov.test/news/index_7.html", "rest", "max_pages")])
    finding = next(f for f in crawl.run("GK-GUIDE-01") if f.department == DEPT)
    assert finding.status == Status.UNKNOWN
    assert any("上限" in note for note in finding.evidence.notes)


def test_government_fiscal_check_ignores_department_documents() -> None:
    crawl = complete_site()
    drop_gov_budget(crawl)
    (finding,) = crawl.run("FIS-GOV-01")
    assert finding.status == Status.FAILED  # the department's 2026 budget is not the government's


@pytest.mark.parametrize(
    ("as_of", "year"),
    [("2026-11-27", 2025), ("2026-01-31", 2024), ("2026-02-01", 2025), ("2026-01-01", 2024)],
)
def test_department_report_year_follows_as_of(as_of: str, year: int) -> None:
    crawl = FakeCrawl(as_of)
    crawl.department(DEPT, "/bm/jyj/")
    (finding,) = crawl.run("GK-AR-02")
    assert f"{year}年" in finding.subject


def test_catalogue_metadata_is_complete() -> None:
    ids = [c.id for c in CATALOGUE]
    assert len(ids) == len(set(ids))
    for check in CATALOGUE:
        assert check.title and check.category and check.citation and check.remediation
        assert check.severity in set(Severity)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in check.title)
        assert "《" in check.citation
    assert BY_ID["UPD-HOME-01"].severity == Severity.VETO


def test_robots_forbidden_column_is_unknown_but_a_forbidden_back_office_is_not() -> None:
    hidden = complete_site()
    drop_dept_report(hidden)
    hidden.page("/bm/jyj/gknb/", state="robots", status=None, department=DEPT)
    (finding,) = hidden.run("GK-AR-02")
    assert finding.status == Status.UNKNOWN and "robots" in " ".join(finding.evidence.notes)

    admin = complete_site()
    drop_catalogue(admin)
    admin.link("/", "/admin/", "后台管理")
    admin.page("/admin/", state="robots", status=None)
    (finding,) = admin.run("GK-CAT-01")
    assert finding.status == Status.FAILED
