"""`govaudit baseline`: a baseline file written from a stored audit, read back by the gate as it is written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checks import baseline
from crawler import store
from govaudit.cli import main

FINDINGS = [
    # check, severity, status, department, subject
    ("GK-GUIDE-01", "veto", "failed", "", "http://127.0.0.1:8123/zfxxgk/zn/ 政府信息公开指南"),
    ("FIS-DEPT-01", "deduct", "failed", "区教育局", "区教育局 2026年部门预算"),
    ("FIS-DEPT-01", "deduct", "failed", "区卫健委", "区卫健委 2026年部门预算"),
    ("ID-SEARCH-01", "advice", "failed", "", "站内搜索"),
    ("FIS-GOV-01", "veto", "unknown", "", "2026年政府预算"),
    ("GK-AR-01", "deduct", "passed", "", "2025年年报"),
]


@pytest.fixture
def audit_dir(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    db = store.open_db(out / "audit.db")
    run_id = store.create_run(db, site_name="测试区", start_url="http://127.0.0.1:8123/", as_of="2026-11-27", settings={})
    db["findings"].insert_all(
        {"run_id": run_id, "check_id": c, "title": f"{c} 的标题", "severity": sev, "status": st, "department": d, "subject": s}
        for c, sev, st, d, s in FINDINGS
    )
    db.close()
    return out


def write(audit_dir: Path, target: Path, *extra: str) -> list[baseline.Acceptance]:
    assert main(["baseline", str(audit_dir), "--deadline", "2026-12-31", "--out", str(target), *extra]) == 0
    return baseline.load_baseline(target)


def test_accepts_each_failed_veto_and_deduct_finding_and_nothing_else(audit_dir: Path, tmp_path: Path) -> None:
    accepted = write(audit_dir, tmp_path / "b.yaml")
    assert sorted((a.check, a.department, a.subject) for a in accepted) == [
        ("FIS-DEPT-01", "区卫健委", "区卫健委 2026年部门预算"),
        ("FIS-DEPT-01", "区教育局", "区教育局 2026年部门预算"),
        ("GK-GUIDE-01", "", "/zfxxgk/zn/ 政府信息公开指南"),  # host-free: survives a move to staging
    ]
    assert {a.deadline for a in accepted} == {"2026-12-31"}
    assert {a.note for a in accepted} == {"FIS-DEPT-01 的标题", "GK-GUIDE-01 的标题"}


def test_each_entry_accepts_its_own_finding_only(audit_dir: Path, tmp_path: Path) -> None:
    accepted = write(audit_dir, tmp_path / "b.yaml")
    other = {"check_id": "FIS-DEPT-01", "department": "区财政局", "subject": "区财政局 2026年部门预算"}
    assert baseline.decide(accepted, other, "2026-11-27") is None
    same = {"check_id": "FIS-DEPT-01", "department": "区教育局", "subject": "区教育局 2026年部门预算"}
    assert baseline.decide(accepted, same, "2026-11-27")[0] == baseline.ACCEPTED
    assert baseline.decide(accepted, same, "2027-01-01")[0] == baseline.OVERDUE


def test_merge_keeps_existing_deadlines_and_notes_and_adds_what_is_missing(audit_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.yaml"
    target.write_text(
        yaml.safe_dump(
            {"accepted": [{"check": "GK-GUIDE-01", "deadline": "2027-03-31", "note": "已下发整改通知书"}]},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    accepted = write(audit_dir, target, "--merge", str(target), "--note", "第二批")
    assert accepted[0] == baseline.Acceptance("GK-GUIDE-01", None, "", "2027-03-31", "已下发整改通知书")
    assert sorted((a.department, a.note) for a in accepted[1:]) == [("区卫健委", "第二批"), ("区教育局", "第二批")]


def test_goes_to_standard_output_without_out(audit_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", str(audit_dir / "audit.db"), "--deadline", "2026-12-31"]) == 0
    said = capsys.readouterr()
    assert len(baseline.parse_baseline(yaml.safe_load(said.out))) == 3
    assert "3" in said.err


@pytest.mark.parametrize("args", [["--deadline", "2026-13-01"], []])
def test_a_bad_deadline_is_a_usage_error(audit_dir: Path, args: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["baseline", str(audit_dir), *args])
    assert exc.value.code == 2


def test_a_missing_audit_or_a_broken_merge_file_is_a_usage_error(audit_dir: Path, tmp_path: Path) -> None:
    assert main(["baseline", str(tmp_path / "nowhere"), "--deadline", "2026-12-31"]) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("accepted: [{check: X}]", encoding="utf-8")  # no deadline
    assert main(["baseline", str(audit_dir), "--deadline", "2026-12-31", "--merge", str(broken)]) == 2
