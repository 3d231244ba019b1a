"""Add history (new / persisting / fixed, the trend) and baseline states to a built report.

Reads what ``checks.history`` and ``checks.baseline`` stored or derive from the audit database; the
findings' statuses themselves are never changed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlite_utils import Database

from checks import baseline, history
from reports import svg
from reports.rows import finding_from_row, finding_sort_key

if TYPE_CHECKING:
    from reports.model import ReportData


def annotate(db: Database, data: ReportData) -> ReportData:
    changes = history.changes(db, data.run_id)
    accepted = baseline.stored(db, data.run_id)
    for f in data.findings:
        if f.status != "failed":
            continue
        key = history.finding_key(f.check, f.department, f.subject)
        f.change = changes.change.get(key, history.NEW)
        f.first_seen = changes.first_seen.get(key, data.as_of)
        acc = accepted.get(key)
        if acc:
            f.acceptance, f.deadline, f.note = acc["state"], acc["deadline"], acc["note"] or ""
    data.previous_as_of = (changes.previous or {}).get("as_of") or ""
    data.fixed = sorted((finding_from_row(r) for r in changes.fixed), key=finding_sort_key)
    data.unverified = sorted((finding_from_row(r) for r in changes.unverified), key=finding_sort_key)
    runs = [
        svg.Run(
            r["id"],
            r["as_of"] or "",
            sum(history.gap_counts(db, r["id"])[k] for k in ("veto", "deduct")),
            history.run_score(db, r),
        )
        for r in history.site_runs(db, data.run_id)
    ]
    data.trend = svg.trend_chart(runs)
    return data


CHANGE_ZH = history.CHANGE_ZH
ACCEPTANCE_ZH = baseline.STATE_ZH
