"""The test districts audited under a page budget below their size, through the CLI: the budget runs out in the
pages that decide nothing (class ``rest`` of crawler.priority), so every planted gap still fails, nothing else
does, and what is published still passes — as in their unbudgeted audits (test_realistic_district.py,
test_another_district.py)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.test_another_district import MUST_PASS as ANOTHER_MUST_PASS
from tests.test_another_district import is_gap
from tests.test_realistic_district import MUST_PASS as REALISTIC_MUST_PASS
from tests.test_realistic_district import only_planted_gaps
from tests.testsites import another, realistic

AS_OF = "2026-11-27"
# Below each district's size (realistic ≈ 405 pages, another ≈ 473), above what decides its verdict (≈ 180, ≈ 395)
BUDGETS = {"realistic": 250, "another": 420}


def budgeted_audit(tmp: Path, site) -> tuple[subprocess.CompletedProcess[str], Path]:
    district = site.build_district(tmp / "site", date.fromisoformat(AS_OF))
    out = tmp / "out"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    budget = BUDGETS[site.__name__.rsplit(".", 1)[-1]]
    with district.serve() as (_server, resolve):
        args = ["audit", site.START_URL, "--as-of", AS_OF, "--out", str(out), "--max-pages", str(budget)]
        for mapping in resolve:
            args += ["--resolve", mapping]
        proc = subprocess.run([sys.executable, "-m", "govaudit.cli", *args], capture_output=True, text=True, env=env,
                              timeout=300, check=False)
    return proc, out


def statuses(findings: list[dict]) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for f in findings:
        found.setdefault((f["check"], f["department"]), set()).add(f["status"])
    return found


def spent_on_the_rest(out: Path, budget: int) -> None:
    db = sqlite3.connect(out / "audit.db")
    (truncated, fetched, failed), = db.execute("select truncated, pages_fetched, pages_failed from runs")
    assert truncated and fetched + failed <= budget + 1
    refused = dict(db.execute("select class, count(*) from discoveries where state = 'max_pages' group by class"))
    assert set(refused) == {"rest"}, refused


@pytest.fixture(scope="module")
def realistic_audit(tmp_path_factory: pytest.TempPathFactory):
    return budgeted_audit(tmp_path_factory.mktemp("realistic"), realistic)


@pytest.fixture(scope="module")
def another_audit(tmp_path_factory: pytest.TempPathFactory):
    return budgeted_audit(tmp_path_factory.mktemp("another"), another)


def test_realistic_district_under_a_budget(realistic_audit) -> None:
    proc, out = realistic_audit
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr[-3000:]
    spent_on_the_rest(out, BUDGETS["realistic"])
    found = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    only_planted_gaps(found)
    status = statuses(found)
    wrong = {key: status.get(key) for key in REALISTIC_MUST_PASS if status.get(key) != {"passed"}}
    assert not wrong, wrong


def test_another_district_under_a_budget(another_audit) -> None:
    proc, out = another_audit
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-3000:]
    spent_on_the_rest(out, BUDGETS["another"])
    expected = another.build_district(out.parent / "again", date.fromisoformat(AS_OF)).expected
    found = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    for gap in expected["gaps"]:
        hits = [f for f in found if is_gap(f, gap)]
        assert hits and all(f["status"] == "failed" for f in hits), (gap, [(f["status"], f["message"]) for f in hits])
    unexpected = [f for f in found if f["status"] == "failed" and not any(is_gap(f, g) for g in expected["gaps"])]
    assert not unexpected, [(f["check"], f["department"], f["subject"]) for f in unexpected]
    status = statuses(f for f in found if not (f["check"] == "AREA-01" and "食品药品安全" in f["subject"]))
    wrong = {key: status.get(key) for key in ANOTHER_MUST_PASS if status.get(key) != {"passed"}}
    assert not wrong, wrong
