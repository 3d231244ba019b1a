"""A stored ``findings`` row as the report shows it (``reports.model.FindingRow``), and the order findings are
listed in. Read by ``reports.build`` (this run) and ``reports.tracking`` (what an earlier run found)."""

from __future__ import annotations

import json
from typing import Any

from reports.model import SEVERITY_ORDER, STATUS_ORDER, Evidence, FindingRow


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


def _str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if not isinstance(value, list):
        return []
    return [str(v) for v in value if v is not None and v != ""]


def parse_evidence(raw: str | None) -> Evidence:
    """Evidence as stored (JSON text); anything unreadable becomes empty evidence, not an error."""
    try:
        data = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    return Evidence(
        urls=_str_list(data.get("urls")),
        dates=_str_list(data.get("dates")),
        notes=_str_list(data.get("notes")),
    )


def _rank(order: list[Any], value: str) -> int:
    return order.index(value) if value in order else len(order)


def finding_sort_key(f: FindingRow) -> tuple[int, int, str, str, str]:
    return (
        _rank(STATUS_ORDER, f.status),
        _rank(SEVERITY_ORDER, f.severity),
        f.check,
        f.department,
        f.subject,
    )


def finding_from_row(row: dict[str, Any]) -> FindingRow:
    return FindingRow(
        check=as_text(row["check_id"]),
        title=as_text(row["title"]),
        category=as_text(row["category"]),
        severity=as_text(row["severity"]),
        status=as_text(row["status"]),
        subject=as_text(row["subject"]),
        department=as_text(row["department"]),
        url=as_text(row["url"]),
        message=as_text(row["message"]),
        citation=as_text(row["citation"]),
        remediation=as_text(row["remediation"]),
        evidence=parse_evidence(row["evidence"]),
        id=int(row.get("id") or 0),
    )
