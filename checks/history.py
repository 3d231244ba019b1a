"""Every audit of a site is kept: find a run's predecessors and say what changed since the previous one.

All runs of a site live in one audit database (``--out DIR`` → ``DIR/audit.db``; each audit adds a run).
Runs are "of the same site" when they share a site name, or else the start URL with its host and port
stripped (a loopback demo gets a new port every time). A finding is matched across runs by its *key*:
check id, department and subject, with any ``scheme://host:port`` removed from the subject.

Nothing here decides whether something is a gap: statuses come from the ``findings`` table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

NEW, PERSISTING, FIXED, UNVERIFIED = "new", "persisting", "fixed", "unverified"
CHANGE_ZH = {NEW: "新发现", PERSISTING: "持续存在", FIXED: "已整改", UNVERIFIED: "本次无法核实"}

_ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://[^/\s?#]+", re.IGNORECASE)


def strip_origin(text: str) -> str:
    """``http://127.0.0.1:8123/bm/a/`` → ``/bm/a/``: keys survive a host or port change."""
    return _ORIGIN.sub("", text or "").strip()


def finding_key(check_id: str, department: str, subject: str) -> str:
    return "|".join((check_id or "", department or "", strip_origin(subject)))


def key_of(row: dict[str, Any]) -> str:
    return finding_key(
        row.get("check_id") or row.get("check") or "", row.get("department") or "", row.get("subject") or ""
    )


def _site_match(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("site_name") and b.get("site_name"):
        return a["site_name"] == b["site_name"]
    return strip_origin(a.get("start_url") or "") == strip_origin(b.get("start_url") or "") and bool(
        a.get("start_url")
    )


def site_runs(db: Database, run_id: int) -> list[dict[str, Any]]:
    """Runs of the same site as ``run_id`` up to and including it, oldest first (by as-of date, then id)."""
    runs = list(db.query("select * from runs order by as_of, id"))
    this = next((r for r in runs if r["id"] == run_id), None)
    if this is None:
        return []
    same = [r for r in runs if r["id"] == run_id or (_site_match(r, this) and r["status"] == "done")]
    same = [r for r in same if (r["as_of"] or "", r["id"]) <= (this["as_of"] or "", this["id"])]
    return same


def previous_run(db: Database, run_id: int) -> dict[str, Any] | None:
    runs = site_runs(db, run_id)
    return runs[-2] if len(runs) >= 2 else None


def findings_by_key(db: Database, run_id: int) -> dict[str, dict[str, Any]]:
    return {key_of(r): r for r in db.query("select * from findings where run_id = ? order by id", [run_id])}


@dataclass
class Changes:
    """How one run's findings relate to the previous run of the same site."""

    previous: dict[str, Any] | None
    change: dict[str, str] = field(default_factory=dict)  # key of a failed finding → new | persisting
    fixed: list[dict[str, Any]] = field(default_factory=list)  # previous failed rows now passed
    unverified: list[dict[str, Any]] = field(default_factory=list)  # previous failed rows now unknown/absent
    first_seen: dict[str, str] = field(
        default_factory=dict
    )  # key of a failed finding → as-of it began failing


def changes(db: Database, run_id: int) -> Changes:
    runs = site_runs(db, run_id)
    previous = runs[-2] if len(runs) >= 2 else None
    now = findings_by_key(db, run_id)
    failed_now = {k: r for k, r in now.items() if r["status"] == "failed"}
    result = Changes(previous=previous)
    before = findings_by_key(db, previous["id"]) if previous else {}
    failed_before = {k for k, r in before.items() if r["status"] == "failed"}
    for key in failed_now:
        result.change[key] = PERSISTING if key in failed_before else NEW
    for key in sorted(failed_before - set(failed_now)):
        row = dict(before[key])
        current = now.get(key)
        if current is not None:
            is_fixed = current["status"] == "passed"
        else:
            # a passing check often reports one subject for what failed item by item (e.g. "首页链接"):
            # fixed when the same check for the same department now only passes
            same = [
                r["status"]
                for r in now.values()
                if r["check_id"] == row["check_id"] and (r["department"] or "") == (row["department"] or "")
            ]
            is_fixed = bool(same) and all(s == "passed" for s in same)
        (result.fixed if is_fixed else result.unverified).append(row)
    # first seen: walk back while the finding kept failing run after run
    failing_in = {
        r["id"]: {k for k, f in findings_by_key(db, r["id"]).items() if f["status"] == "failed"}
        for r in runs[:-1]
    }
    this_as_of = runs[-1]["as_of"] if runs else ""
    for key in failed_now:
        seen = this_as_of
        for r in reversed(runs[:-1]):
            if key not in failing_in[r["id"]]:
                break
            seen = r["as_of"]
        result.first_seen[key] = seen
    return result


def _site_score_row(db: Database, run_id: int) -> dict[str, Any] | None:
    """The site-wide row of the ``scores`` table (written by checks.scoring), when there is one."""
    if "scores" not in db.table_names():
        return None
    rows = list(db.query("select * from scores where run_id = ? and scope = 'site' limit 1", [run_id]))
    return rows[0] if rows else None


def run_score(db: Database, run: dict[str, Any]) -> float | None:
    """The run's score as the scoring step stored it; None when it is not scored (or a veto failed)."""
    row = _site_score_row(db, run["id"])
    try:
        return None if row is None or row.get("score") is None else float(row["score"])
    except (TypeError, ValueError):
        return None


def run_verdict(db: Database, run: dict[str, Any]) -> str | None:
    """合格 / 不合格 as the scoring step stored it, else None."""
    row = _site_score_row(db, run["id"])
    return str(row["verdict"]) if row and row.get("verdict") else None


def gap_counts(db: Database, run_id: int) -> dict[str, int]:
    """Failed findings of a run by severity (veto, deduct, advice) and in total."""
    counts = {"veto": 0, "deduct": 0, "advice": 0}
    for severity, n in db.execute(
        "select severity, count(*) from findings where run_id = ? and status = 'failed' group by severity",
        [run_id],
    ).fetchall():
        counts[severity] = n
    counts["total"] = sum(counts.values())
    return counts
