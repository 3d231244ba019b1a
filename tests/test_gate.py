"""The CI gate through the command a CI job runs: ``govaudit audit ./public --baseline … --fail-on new``.

A static build folder (the demo district written to disk, every gap of a first audit baselined) passes;
the same folder with one more gap (a home-page link whose target was deleted) fails with exit 1 and the
JUnit file names the new gap; an accepted gap past its deadline fails too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import yaml

from govaudit.demo.site import build_demo_site

AS_OF = "2026-11-27"
NEW_GAP_PAGE = "wzndbb/index.html"  # linked from the home page as 政府网站工作年度报表


def start(*args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.Popen(
        [sys.executable, "-m", "govaudit.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture(scope="module")
def gate_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, Path]]:
    """A first audit to baseline from, then three side by side: baselined, new gap planted, one gap overdue."""
    tmp = tmp_path_factory.mktemp("gate")
    public = build_demo_site(tmp / "public", date.fromisoformat(AS_OF), articles_per_column=3)
    planted = build_demo_site(tmp / "public-new", date.fromisoformat(AS_OF), articles_per_column=3)
    (planted.root / NEW_GAP_PAGE).unlink()
    first = start("audit", str(public.root), "--as-of", AS_OF, "--out", str(tmp / "first"))
    log = "".join(first.communicate(timeout=300))
    assert first.returncode == 1, log[-3000:]
    failed = [
        f
        for f in json.loads((tmp / "first" / "findings.json").read_text(encoding="utf-8"))["findings"]
        if f["status"] == "failed"
    ]
    assert {"UPD-BLANK-01", "GK-GUIDE-01"} <= {f["check"] for f in failed}  # planted by the demo
    # Accept every gap of the first audit, as a team adopting the gate would, with the tool's own command ...
    files = {"baseline": tmp / "baseline.yaml", "overdue": tmp / "overdue.yaml"}
    written = start("baseline", str(tmp / "first"), "--deadline", "2026-12-31", "--out", str(files["baseline"]))
    said = written.communicate(timeout=60)
    assert written.returncode == 0, said
    # ... and, in a copy edited by hand, one of them already past its deadline.
    edited = yaml.safe_load(files["baseline"].read_text(encoding="utf-8"))
    assert len(edited["accepted"]) == len(
        {(f["check"], f["department"], f["subject"]) for f in failed if f["severity"] in ("veto", "deduct")}
    )
    for entry in edited["accepted"]:
        if entry["check"] == "UPD-BLANK-01":
            entry["deadline"] = "2026-11-01"
    files["overdue"].write_text(yaml.safe_dump(edited, allow_unicode=True), encoding="utf-8")
    scenarios = {
        "baselined": (public.root, files["baseline"]),
        "new": (planted.root, files["baseline"]),
        "overdue": (public.root, files["overdue"]),
    }
    procs = {}
    for name, (site, base) in scenarios.items():
        out = tmp / f"out-{name}"
        procs[name] = (
            start(
                "audit",
                str(site),
                "--as-of",
                AS_OF,
                "--out",
                str(out),
                "--baseline",
                str(base),
                "--fail-on",
                "new",
                "--junit",
                str(out / "junit.xml"),
                "--summary-md",
                str(out / "summary.md"),
                "--xlsx",
                str(out / "gaps.xlsx"),
            ),
            out,
        )
    results = {"first": (first.returncode, log, tmp / "first")}
    for name, (proc, out) in procs.items():
        stdout, stderr = proc.communicate(timeout=300)
        results[name] = (proc.returncode, stdout + stderr, out)
    return results


def junit_cases(path: Path) -> list[ET.Element]:
    return ET.parse(path).getroot().findall("./testsuite/testcase")


def test_passes_when_every_gap_is_baselined(gate_runs) -> None:
    code, log, out = gate_runs["baselined"]
    assert code == 0, log[-3000:]
    cases = junit_cases(out / "junit.xml")
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert len(cases) == len(findings)  # one testcase per finding
    assert not [c for c in cases if c.find("failure") is not None]
    accepted = [
        c
        for c in cases
        if (s := c.find("skipped")) is not None and s.get("message", "").startswith("accepted until")
    ]
    first = [
        f
        for f in json.loads((gate_runs["first"][2] / "findings.json").read_text(encoding="utf-8"))["findings"]
        if f["status"] == "failed"
    ]
    assert len(accepted) == len(first) >= 9
    assert {f["acceptance"] for f in findings if f["status"] == "failed"} == {"accepted"}
    assert "✅" in (out / "summary.md").read_text(encoding="utf-8")


def test_fails_with_exit_1_on_a_new_gap_and_names_it(gate_runs) -> None:
    code, log, out = gate_runs["new"]
    assert code == 1, log[-3000:]
    failures = [
        (c.get("name"), c.find("failure"))
        for c in junit_cases(out / "junit.xml")
        if c.find("failure") is not None
    ]
    assert len(failures) == 1, failures
    name, failure = failures[0]
    assert name.startswith("LNK-HOME-01") and "政府网站工作年度报表" in name
    assert "/wzndbb/index.html" in name and "127.0.0.1" not in name
    assert failure.get("message", "").startswith("[new]")
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "❌" in summary and "政府网站工作年度报表" in summary


def test_fails_when_an_accepted_gap_is_overdue(gate_runs) -> None:
    code, log, out = gate_runs["overdue"]
    assert code == 1, log[-3000:]
    failures = [c for c in junit_cases(out / "junit.xml") if c.find("failure") is not None]
    assert [c.get("name").split()[0] for c in failures] == ["UPD-BLANK-01"]
    assert failures[0].find("failure").get("message", "").startswith("[overdue]")
    soup_text = (out / "report.html").read_text(encoding="utf-8")
    assert "逾期未整改（整改期限 2026-11-01）" in soup_text


def test_xlsx_of_a_gate_run_has_one_row_per_gap(gate_runs) -> None:
    from openpyxl import load_workbook

    _, _, out = gate_runs["new"]
    failed = [
        f
        for f in json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
        if f["status"] == "failed"
    ]
    wb = load_workbook(out / "gaps.xlsx")
    (ws,) = wb.worksheets
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("单位", "问题", "依据", "证据链接", "发现日期", "整改期限", "状态")
    assert len(rows) - 1 == len(failed) >= 10
    states = sorted(r[6] for r in rows[1:])
    assert states.count("新发现") == 1 and sum(s.startswith("已接受") for s in states) == len(failed) - 1
    new = [r for r in rows[1:] if r[6] == "新发现"][0]
    assert new[0] == "本级政府" and "政府网站工作年度报表" in new[1] and new[3].endswith("/wzndbb/index.html")
    assert new[4] == AS_OF and new[5] is None


@pytest.mark.parametrize(
    "text", ["accepted: [{check: GK-AR-02}]", "accepted: [{check: A, deadline: 明年}]", "[: bad"]
)
def test_a_bad_baseline_is_a_usage_error_before_any_crawl(tmp_path: Path, text: str) -> None:
    path = tmp_path / "baseline.yaml"
    path.write_text(text, encoding="utf-8")
    proc = start("audit", "http://127.0.0.1:9/", "--baseline", str(path), "--out", str(tmp_path / "out"))
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 2, stderr
    assert "基线" in stderr or "整改期限" in stderr
    assert not (tmp_path / "out" / "audit.db").exists()
