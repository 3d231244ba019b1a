"""A baseline: gaps a supervisor has accepted for now, each with a deadline (整改期限) and a note.

```yaml
accepted:
  - check: GK-AR-02                 # check id (required)
    department: 示范区卫生健康委员会   # omitted = any department; "" = the district government itself
    subject: 2025年                  # optional: text the finding's subject contains (host-free)
    deadline: 2026-12-31            # 整改期限 (required)
    note: 已下发整改通知书            # optional
```

A failed finding matched by an entry is *accepted until* the deadline, judged against the audit's as-of
date; after the deadline it is *overdue* and counts as a failure again. The decisions are stored with
the run (table ``acceptances``), so ``govaudit report`` shows them again without the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlite_utils import Database

from checks.history import key_of, strip_origin
from checks.yamlfile import read_yaml

ACCEPTED, OVERDUE = "accepted", "overdue"
STATE_ZH = {ACCEPTED: "已接受", OVERDUE: "逾期未整改"}


class BaselineError(ValueError):
    pass


@dataclass(frozen=True)
class Acceptance:
    check: str
    department: str | None  # None = any
    subject: str  # "" = any
    deadline: str  # ISO date
    note: str = ""

    def matches(self, row: dict[str, Any]) -> bool:
        if row.get("check_id") != self.check:
            return False
        if self.department is not None and (row.get("department") or "") != self.department:
            return False
        return not self.subject or strip_origin(self.subject) in strip_origin(row.get("subject") or "")


def _iso(value: Any, where: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise BaselineError(f"{where}：整改期限应为 YYYY-MM-DD 格式：{value!r}") from exc


def parse_baseline(data: Any, source: str = "baseline") -> list[Acceptance]:
    if data is None:
        return []
    items = data.get("accepted", []) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise BaselineError(f"{source}：应为 accepted 列表")
    result = []
    for i, item in enumerate(items, 1):
        where = f"{source} 第{i}项"
        if not isinstance(item, dict) or not item.get("check"):
            raise BaselineError(f"{where}：缺少 check（检查项编号）")
        deadline = item.get("deadline", item.get("整改期限"))
        if deadline is None:
            raise BaselineError(f"{where}：缺少 deadline（整改期限）")
        dept = item["department"] if "department" in item else None
        result.append(
            Acceptance(
                check=str(item["check"]),
                department=None if dept is None else str(dept),
                subject=str(item.get("subject") or ""),
                deadline=_iso(deadline, where),
                note=str(item.get("note") or ""),
            )
        )
    return result


def load_baseline(path: Path) -> list[Acceptance]:
    return parse_baseline(read_yaml(path, "基线文件", BaselineError), str(path))


def decide(acceptances: list[Acceptance], row: dict[str, Any], as_of: str) -> tuple[str, Acceptance] | None:
    """(accepted|overdue, the entry) for a failed finding the baseline covers, else None."""
    for entry in acceptances:
        if entry.matches(row):
            return (ACCEPTED if as_of <= entry.deadline else OVERDUE), entry
    return None


def record(db: Database, run_id: int, acceptances: list[Acceptance]) -> int:
    """Store, for each failed finding of the run, whether the baseline accepts it; return how many."""
    as_of = db["runs"].get(run_id)["as_of"]
    rows = []
    for f in db.query("select * from findings where run_id = ? and status = 'failed'", [run_id]):
        decided = decide(acceptances, f, as_of)
        if decided:
            state, entry = decided
            rows.append(
                {
                    "run_id": run_id,
                    "finding_key": key_of(f),
                    "state": state,
                    "deadline": entry.deadline,
                    "note": entry.note,
                }
            )
    with db.conn:
        db.execute("delete from acceptances where run_id = ?", [run_id])
        if rows:
            db["acceptances"].insert_all(rows, replace=True)
    return len(rows)


def stored(db: Database, run_id: int) -> dict[str, dict[str, Any]]:
    """finding key → {"state", "deadline", "note"} as recorded for the run (empty without a baseline)."""
    if "acceptances" not in db.table_names():
        return {}
    return {r["finding_key"]: r for r in db.query("select * from acceptances where run_id = ?", [run_id])}


GATED_SEVERITIES = ("veto", "deduct")  # what the CI gate fails on; advice never fails a build


def entries_from_run(db: Database, run_id: int, deadline: str, note: str = "") -> list[dict[str, Any]]:
    """Baseline entries accepting every failed veto/deduct finding of a stored run, one per finding.

    Each entry names the finding exactly (check, department, host-free subject), so a later gap of the
    same check elsewhere is not accepted by it. Without ``note`` the entry notes the finding's title.
    """
    rows = db.query(
        "select check_id, title, department, subject from findings where run_id = ? and status = 'failed' "
        f"and severity in ({', '.join('?' for _ in GATED_SEVERITIES)}) order by check_id, department, subject",
        [run_id, *GATED_SEVERITIES],
    )
    entries, seen = [], set()
    for row in rows:
        key = key_of(row)
        if key in seen:
            continue
        seen.add(key)
        entries.append(
            {
                "check": row["check_id"],
                "department": row["department"] or "",
                "subject": strip_origin(row["subject"] or ""),
                "deadline": deadline,
                "note": note or row["title"],
            }
        )
    return entries


def merge(existing: list[Acceptance], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The existing file's entries unchanged (their deadlines and notes stand), then the new ones it lacks."""
    kept = [
        {
            "check": a.check,
            **({} if a.department is None else {"department": a.department}),
            **({"subject": a.subject} if a.subject else {}),
            "deadline": a.deadline,
            **({"note": a.note} if a.note else {}),
        }
        for a in existing
    ]
    covered = [e for e in new if not any(a.matches({"check_id": e["check"], **e}) for a in existing)]
    return kept + covered


def dump(entries: list[dict[str, Any]], header: str = "") -> str:
    """The YAML text of a baseline file (Chinese kept readable), with an optional comment header."""
    shown = [{**e, "deadline": date.fromisoformat(e["deadline"])} for e in entries]  # a YAML date, unquoted
    body = yaml.safe_dump({"accepted": shown}, allow_unicode=True, sort_keys=False, width=1000)
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    return ("\n".join(lines) + "\n" if lines else "") + body
