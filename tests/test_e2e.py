"""Whole audits through the command a user runs, in a subprocess (a fresh reactor each time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from govaudit.serve import LoopbackServer

AS_OF = "2026-11-27"


def govaudit(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.run([sys.executable, "-m", "govaudit.cli", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def demo_audit(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("demo")
    return govaudit("audit", "--demo", "--as-of", AS_OF, "--out", str(out)), out


def test_demo_audit_exits_1_and_writes_the_reports(demo_audit) -> None:
    proc, out = demo_audit
    assert proc.returncode == 1, proc.stderr[-3000:]
    for name in ("report.html", "findings.json", "audit.db", "demo-manifest.json"):
        assert (out / name).stat().st_size > 0
    assert str(out / "report.html") in proc.stdout


def test_demo_audit_fails_exactly_the_planted_gaps(demo_audit) -> None:
    _, out = demo_audit
    manifest = json.loads((out / "demo-manifest.json").read_text(encoding="utf-8"))
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    failed = [f for f in findings if f["status"] == "failed"]
    planted = manifest["gaps"]
    assert len(planted) >= 15
    assert sorted((f["check"], f["department"]) for f in failed) == sorted(
        (g["check"], g["department"]) for g in planted
    )
    for gap in planted:
        (match,) = [f for f in failed if (f["check"], f["department"]) == (gap["check"], gap["department"])]
        assert gap["subject_contains"] in match["subject"] + match["url"], (gap, match)
        assert match["citation"] and match["message"]


def test_demo_plants_a_gap_of_every_category(demo_audit) -> None:
    from checks.catalogue import BY_ID, CATALOGUE

    _, out = demo_audit
    manifest = json.loads((out / "demo-manifest.json").read_text(encoding="utf-8"))
    assert {BY_ID[g["check"]].category for g in manifest["gaps"]} == {c.category for c in CATALOGUE}


def test_demo_report_shows_the_verdict_the_score_and_how(demo_audit) -> None:
    _, out = demo_audit
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert data["verdict"] in ("合格", "不合格") and isinstance(data["score"], float)
    deducted = sum(d["points"] for d in data["scoring"]["deductions"])
    assert data["score"] == 100 - deducted
    assert {d["department"] for d in data["scoring"]["departments"]} >= {"", "示范区卫生健康委员会"}
    soup = BeautifulSoup((out / "report.html").read_text(encoding="utf-8"), "html.parser")
    section = soup.find("section", id="verdict")
    assert section.find(class_="verdict").get_text(strip=True) == data["verdict"]
    assert section.find(class_="score").get_text(strip=True) == f"{data['score']:g}"
    rows = section.find("table", class_="deductions").find_all("tr", attrs={"data-check": True})
    assert {r["data-check"] for r in rows} == {d["check"] for d in data["scoring"]["deductions"]}
    assert len(section.find("table", class_="unit-scores").find_all("tr", attrs={"data-department": True})) == 7


def test_a_profile_with_a_shorter_reply_period_turns_the_demo_verdict(demo_audit, tmp_path: Path) -> None:
    _, out = demo_audit
    (tmp_path / "audit.db").write_bytes((out / "audit.db").read_bytes())
    profile = tmp_path / "province.yaml"
    profile.write_text("veto:\n  unanswered_days: 5\n", encoding="utf-8")  # letters are answered in 1–12 days
    proc = govaudit("check", str(tmp_path / "audit.db"), "--profile", str(profile))
    assert proc.returncode == 1, proc.stderr[-3000:]
    data = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert (data["verdict"], data["score"]) == ("不合格", None)
    assert any(v.startswith("INT-REPLY-01") for v in data["scoring"]["vetoes"])


def test_demo_audit_says_unknown_where_pages_could_not_be_fetched(demo_audit) -> None:
    _, out = demo_audit
    manifest = json.loads((out / "demo-manifest.json").read_text(encoding="utf-8"))
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    status = {(f["check"], f["department"]): f["status"] for f in findings}
    assert manifest["unknowns"]
    for trap in manifest["unknowns"]:
        assert status[(trap["check"], trap["department"])] == "unknown", trap


def test_demo_report_shows_gaps_with_evidence_and_no_script(demo_audit) -> None:
    _, out = demo_audit
    html = (out / "report.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    # scraped text (the demo's hostile <script> title) never becomes an element: the only script is the
    # report's own filter script, and the hostile title shows as text
    scripts = soup.find_all("script")
    assert [s.get("id") for s in scripts] == ["govaudit-filters"]
    assert "alert(" not in scripts[0].get_text()
    manifest = json.loads((out / "demo-manifest.json").read_text(encoding="utf-8"))
    assert "<script>" in manifest["hostile_title"]
    text = soup.get_text(" ")
    assert "政府网站合规审计报告" in text and AS_OF in text
    assert "部门动态" in text and "/zt/yshj/" in text and "国办秘函〔2019〕19号" in text


def test_audit_of_a_plain_static_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "zwgk").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html><head><meta charset="utf-8"><title>某区人民政府</title></head><body>'
        '<a href="zwgk/index.html">政府信息公开</a>'
        '<ul><li><a href="zwgk/a.html">关于开展安全检查的通知</a><span>2026-11-20</span></li></ul></body></html>',
        encoding="utf-8",
    )
    (site / "zwgk" / "index.html").write_text(
        '<html><head><meta name="ColumnName" content="政府信息公开"></head><body>政府信息公开</body></html>',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with LoopbackServer(site) as server:
        proc = govaudit("audit", server.base_url, "--as-of", AS_OF, "--out", str(out))
    assert proc.returncode == 1, proc.stderr[-3000:]  # the four first-level columns are missing
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert findings["site"]["url"] == server.base_url
    by_check = {(f["check"], f["subject"]): f["status"] for f in findings["findings"]}
    assert by_check[("GK-COL-01", "政府信息公开 > 指南")] == "failed"
    assert by_check[("UPD-HOME-01", "首页")] == "passed"


def test_unreachable_site_exits_3_and_accuses_nothing(tmp_path: Path) -> None:
    with LoopbackServer(tmp_path) as server:
        url = server.base_url  # the server stops here: the port answers nothing
    proc = govaudit("audit", url, "--as-of", AS_OF, "--out", str(tmp_path / "out"), "--timeout", "3")
    assert proc.returncode == 3, proc.stderr[-3000:]
    findings = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert findings and all(f["status"] == "unknown" for f in findings)


@pytest.mark.parametrize(
    "args",
    [["audit"], ["audit", "--demo", "http://x/"], ["audit", "ftp://x/"], ["audit", "--demo", "--as-of", "2026-13-01"],
     ["check", "/nonexistent/audit.db"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    proc = govaudit(*args)
    assert proc.returncode == 2
    assert proc.stderr.strip()
