"""A truncated audit through the command a user runs: the demo district with a page budget below its size.

The budget is spent in the audit order (crawler.priority), so what it leaves out is the rest of the news
archives, never a page that decides the verdict; the report and findings.json say so per area (reports.coverage).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from checks.catalogue import BY_ID

AS_OF = "2026-11-27"
SHARE = 0.7  # of the demo's pages: the classes that decide the verdict fit, the news archives do not


@pytest.fixture(scope="module")
def budgeted(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path, int]:
    from govaudit.demo.site import build_demo_site

    pages = build_demo_site(tmp_path_factory.mktemp("size"), date.fromisoformat(AS_OF)).manifest["pages"]
    budget = round(pages * SHARE)
    out = tmp_path_factory.mktemp("budgeted")
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.run([sys.executable, "-m", "govaudit.cli", "audit", "--demo", "--as-of", AS_OF, "--out", str(out),
                           "--max-pages", str(budget)], capture_output=True, text=True, env=env, timeout=300, check=False)
    return proc, out, budget


def test_the_budget_is_spent_at_fetch_time(budgeted) -> None:
    proc, out, budget = budgeted
    assert proc.returncode == 1, proc.stderr[-3000:]
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    crawl = data["crawl"]
    assert crawl["truncated"]
    assert budget - 5 <= crawl["pages_fetched"] + crawl["pages_failed"] <= budget + 1  # robots.txt refusals: not spent
    db = sqlite3.connect(out / "audit.db")
    refused = dict(db.execute("select class, count(*) from discoveries where state != 'fetched' group by class"))
    assert set(refused) == {"rest"} and refused["rest"] > 0  # the budget ran out in the news archives
    (fetched,) = db.execute("select count(*) from discoveries where state = 'fetched'").fetchone()
    (pages,) = db.execute("select count(*) from pages").fetchone()
    assert fetched == pages
    # the budget's pages in the order they were fetched: each place once, and the classes in the audit order
    places = db.execute("select fetched_as, class from discoveries where fetched_as is not null order by fetched_as")
    places = list(places)
    assert [n for n, _ in places] == list(range(1, len(places) + 1)) and len(places) >= budget - 5
    assert places[0][1] == "home" and places[-1][1] == "rest"


def test_findings_json_says_per_area_what_was_read(budgeted) -> None:
    _, out, budget = budgeted
    coverage = json.loads((out / "findings.json").read_text(encoding="utf-8"))["coverage"]
    assert coverage["max_pages"] == budget and coverage["fetched"] < coverage["discovered"]
    areas = {a["area"]: a for a in coverage["areas"]}
    for area in ("首页", "政府信息公开", "财政预决算", "年报", "指南", "目录", "栏目更新", "文章抽样"):
        assert areas[area]["complete"], areas[area]
    fiscal = areas["财政预决算"]
    assert fiscal["lists"]["fetched"] == fiscal["lists"]["discovered"] > 0
    assert fiscal["entries"]["fetched"] == fiscal["entries"]["discovered"] > 0
    assert fiscal["read"] == f"{fiscal['lists']['fetched']}/{fiscal['lists']['discovered']} 列表页，" \
                             f"{fiscal['entries']['fetched']}/{fiscal['entries']['discovered']} 条目"
    rest = areas["其他页面"]
    assert not rest["complete"] and rest["refused"]["max_pages"] > 0
    assert rest["entries"]["fetched"] + rest["refused"]["max_pages"] == rest["entries"]["discovered"]


def test_report_html_shows_the_coverage_table(budgeted) -> None:
    _, out, _ = budgeted
    coverage = json.loads((out / "findings.json").read_text(encoding="utf-8"))["coverage"]
    soup = BeautifulSoup((out / "report.html").read_text(encoding="utf-8"), "html.parser")
    section = soup.find("section", id="coverage")
    assert section is not None and soup.find("a", href="#coverage") is not None
    rows = {tr["data-area"]: tr for tr in section.find("table", class_="coverage").find_all("tr", attrs={"data-area": True})}
    assert list(rows) == [a["area"] for a in coverage["areas"]]
    fiscal = [td.get_text(strip=True) for td in rows["财政预决算"].find_all("td")]
    assert fiscal[1] == next(a["read"] for a in coverage["areas"] if a["area"] == "财政预决算") and fiscal[2] == "无"
    assert rows["财政预决算"]["data-complete"] == "yes" and rows["其他页面"]["data-complete"] == "no"
    assert "页数上限（--max-pages）" in rows["其他页面"].find_all("td")[2].get_text()
    assert f"页数上限 {coverage['max_pages']} 页" in section.get_text()


def test_the_verdict_survives_the_budget(budgeted) -> None:
    """Every planted veto and fiscal gap still fails; nothing the demo does right fails; a planted gap the budget
    could not decide is unknown, never passed."""
    _, out, _ = budgeted
    manifest = json.loads((out / "demo-manifest.json").read_text(encoding="utf-8"))
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    planted = {(g["check"], g["department"]) for g in manifest["gaps"]}
    status: dict[tuple[str, str], set[str]] = {}
    for f in findings:
        status.setdefault((f["check"], f["department"]), set()).add(f["status"])
    failed = {key for key, s in status.items() if "failed" in s}
    assert failed <= planted
    decisive = {key for key in planted if BY_ID[key[0]].severity == "veto" or key[0].startswith("FIS-")}
    assert decisive and decisive <= failed
    for key in planted - failed:
        assert "unknown" in status[key], key
