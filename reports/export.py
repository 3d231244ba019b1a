"""The gaps as tables for rectification notices: Excel (one sheet per district), CSV and JSON.

Columns: 单位, 问题, 依据, 证据链接, 发现日期 (as-of of the first run in which the gap kept failing),
整改期限 (from the baseline, when accepted), 状态 (新发现 / 持续存在 / 已接受 / 逾期未整改).
One row per failed finding of the run; nothing here decides what failed.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from checks import baseline, history
from checks.model import department_label

COLUMNS = ("单位", "问题", "依据", "证据链接", "发现日期", "整改期限", "状态")
KEYS = ("department", "problem", "citation", "url", "first_seen", "deadline", "status")


@dataclass
class Sheet:
    district: str
    as_of: str
    rows: list[dict[str, str]]  # keyed by KEYS


def status_label(change: str, state: str, deadline: str) -> str:
    if state == baseline.ACCEPTED:
        return f"已接受（整改期限 {deadline}）"
    if state == baseline.OVERDUE:
        return "逾期未整改"
    return history.CHANGE_ZH.get(change, change)


def district_rows(db: Database, run_id: int, district: str = "") -> Sheet:
    run = db["runs"].get(run_id)
    changes = history.changes(db, run_id)
    accepted = baseline.stored(db, run_id)
    rows = []
    for f in db.query(
        "select * from findings where run_id = ? and status = 'failed' order by check_id, department, subject",
        [run_id],
    ):
        key = history.key_of(f)
        acc = accepted.get(key) or {}
        rows.append(
            {
                "department": department_label(f["department"]),
                "problem": f"{f['check_id']} {f['title']}：{f['subject']}——{f['message']}",
                "citation": f["citation"] or "",
                "url": f["url"] or "",
                "first_seen": changes.first_seen.get(key, run["as_of"]),
                "deadline": acc.get("deadline") or "",
                "status": status_label(
                    changes.change.get(key, history.NEW), acc.get("state") or "", acc.get("deadline") or ""
                ),
            }
        )
    return Sheet(district or run["site_name"] or run["start_url"], run["as_of"], rows)


def _sheet_title(name: str, taken: set[str]) -> str:
    title = "".join(c for c in name if c not in "[]:*?/\\")[:31] or "站点"
    base, n = title, 2
    while title in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def write_xlsx(sheets: list[Sheet], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    widths = (22, 60, 40, 40, 12, 12, 22)
    for sheet in sheets:
        ws = wb.create_sheet(_sheet_title(sheet.district, taken))
        ws.append(COLUMNS)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            ws.append([row[k] for k in KEYS])
            link = ws.cell(ws.max_row, KEYS.index("url") + 1)
            if str(link.value).startswith(("http://", "https://")):
                link.hyperlink = link.value
        for i, w in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + i)].width = w
        for line in ws.iter_rows(min_row=2):
            for cell in line:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_csv(sheets: list[Sheet], path: Path) -> None:
    """UTF-8 with BOM so that Excel opens the Chinese text; a 区县 column first when there are several."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(("区县", *COLUMNS))
        for sheet in sheets:
            for row in sheet.rows:
                out.writerow((sheet.district, *(row[k] for k in KEYS)))


def write_json(sheets: list[Sheet], path: Path) -> None:
    data = {
        "columns": dict(zip(KEYS, COLUMNS, strict=True)),
        "districts": [{"district": s.district, "as_of": s.as_of, "rows": s.rows} for s in sheets],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_exports(sheets: list[Sheet], *, xlsx: Path | None = None, csv_path: Path | None = None,
                  json_path: Path | None = None) -> None:
    """Write the rectification lists to each file asked for (an Excel workbook, CSV, JSON)."""
    for path, write in ((xlsx, write_xlsx), (csv_path, write_csv), (json_path, write_json)):
        if path:
            write(sheets, path)
