"""Exports for rectification notices: xlsx (one sheet per district), CSV and JSON, one row per gap."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from checks import baseline
from crawler.store import create_run, finish_run, open_db
from reports import export


def add_run(db: Any, name: str, as_of: str, failed: list[tuple[str, str, str]], passed: int = 2) -> int:
    run_id = create_run(db, site_name=name, start_url="http://127.0.0.1:8000/", as_of=as_of, settings={})
    finish_run(db, run_id, close_reason="finished", truncated=False)
    rows = [{"check_id": c, "status": "failed", "department": d, "subject": s} for c, d, s in failed]
    rows += [
        {"check_id": "P", "status": "passed", "department": "", "subject": f"p{i}"} for i in range(passed)
    ]
    db["findings"].insert_all(
        {
            "run_id": run_id,
            "title": "应当如此",
            "category": "类别",
            "severity": "deduct",
            "url": f"http://127.0.0.1:8000/{r['subject']}",
            "message": "说明",
            "citation": "《条例》第十二条",
            "remediation": "",
            "evidence": "{}",
            **r,
        }
        for r in rows
    )
    return run_id


def sheets(tmp_path: Path) -> list[export.Sheet]:
    a = open_db(tmp_path / "a.db")
    add_run(a, "甲区人民政府", "2026-10-27", [("GK-AR-02", "卫健委", "2025年年报")])
    run = add_run(
        a,
        "甲区人民政府",
        "2026-11-27",
        [("GK-AR-02", "卫健委", "2025年年报"), ("UPD-BLANK-01", "", "规划计划"), ("LNK-HOME-01", "", "专题")],
    )
    baseline.record(
        a,
        run,
        [
            baseline.Acceptance("UPD-BLANK-01", None, "", "2026-12-31", "改版中"),
            baseline.Acceptance("LNK-HOME-01", None, "", "2026-11-01"),
        ],
    )
    b = open_db(tmp_path / "b.db")
    run_b = add_run(b, "乙区人民政府", "2026-11-27", [("FIS-GOV-02", "", "2025年政府决算")])
    return [export.district_rows(a, run), export.district_rows(b, run_b)]


def test_xlsx_round_trips_with_one_row_per_gap_and_one_sheet_per_district(tmp_path: Path) -> None:
    data = sheets(tmp_path)
    export.write_xlsx(data, tmp_path / "gaps.xlsx")
    wb = load_workbook(tmp_path / "gaps.xlsx")
    assert wb.sheetnames == ["甲区人民政府", "乙区人民政府"]
    rows = list(wb["甲区人民政府"].iter_rows(values_only=True))
    assert rows[0] == ("单位", "问题", "依据", "证据链接", "发现日期", "整改期限", "状态")
    assert len(rows) == 1 + 3 and wb["乙区人民政府"].max_row == 1 + 1
    by_check = {r[1].split()[0]: r for r in rows[1:]}
    assert by_check["GK-AR-02"][0] == "卫健委" and by_check["GK-AR-02"][4] == "2026-10-27"
    assert by_check["GK-AR-02"][6] == "持续存在" and by_check["GK-AR-02"][2] == "《条例》第十二条"
    assert by_check["UPD-BLANK-01"][0] == "本级政府"
    assert by_check["UPD-BLANK-01"][5] == "2026-12-31" and by_check["UPD-BLANK-01"][6].startswith("已接受")
    assert by_check["LNK-HOME-01"][6] == "逾期未整改"
    assert by_check["LNK-HOME-01"][3] == "http://127.0.0.1:8000/专题"
    assert wb["甲区人民政府"].cell(4, 4).hyperlink is not None


def test_csv_and_json_have_the_same_rows(tmp_path: Path) -> None:
    data = sheets(tmp_path)
    export.write_csv(data, tmp_path / "gaps.csv")
    export.write_json(data, tmp_path / "gaps.json")
    with (tmp_path / "gaps.csv").open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == ["区县", "单位", "问题", "依据", "证据链接", "发现日期", "整改期限", "状态"]
    assert [r[0] for r in table[1:]] == ["甲区人民政府"] * 3 + ["乙区人民政府"]
    doc = json.loads((tmp_path / "gaps.json").read_text(encoding="utf-8"))
    assert doc["columns"]["first_seen"] == "发现日期"
    assert [len(d["rows"]) for d in doc["districts"]] == [3, 1]
    assert doc["districts"][1]["rows"][0]["status"] == "新发现"


def test_sheet_titles_are_made_valid_and_unique() -> None:
    taken: set[str] = set()
    assert export._sheet_title("一/二:三?", taken) == "一二三"
    long = "很" * 40
    assert export._sheet_title(long, taken) == "很" * 31
    assert export._sheet_title(long, taken) == "很" * 28 + "(2)"
