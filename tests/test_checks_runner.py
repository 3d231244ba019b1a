"""The runner stamps every finding with the id of the check that produced it, and stores what it declares."""

from __future__ import annotations

from checks.catalogue import BY_ID, CATALOGUE
from checks.model import Category, Check, Finding, Severity, Status
from checks.profile import load_profile
from checks.runner import run_checks
from tests.fakecrawl import complete_site


def test_a_finding_carries_the_id_of_the_check_that_ran_it() -> None:
    def run(facts):
        yield Finding(Status.PASSED, "对象", "通过")
        yield Finding(Status.FAILED, "对象", "未通过", check_id="SOMETHING-ELSE")

    check = Check(id="TEST-01", title="测试", severity=Severity.ADVICE, category=Category.UPDATES,
                  citation="依据", remediation="整改", run=run)
    assert [f.check_id for f in check.findings(None)] == ["TEST-01", "TEST-01"]


def test_stored_rows_and_scoring_read_the_same_stamped_id() -> None:
    site = complete_site()
    findings = run_checks(site.db, site.run_id, load_profile())
    rows = list(site.db.query("select check_id, title, category from findings where run_id = ?", [site.run_id]))
    assert [r["check_id"] for r in rows] == [f.check_id for f in findings]
    for row in rows:
        check = BY_ID[row["check_id"]]
        assert (row["title"], row["category"]) == (check.title, check.category.value)
    # every declared check answered, in catalogue order
    assert list(dict.fromkeys(r["check_id"] for r in rows)) == [c.id for c in CATALOGUE]
