"""Gather one run's findings from the audit database into the dataclasses of ``reports.model``.

Nothing here decides a result: statuses and severities are copied from the ``findings`` table (written
by ``checks``) and only counted and ordered. Rendering lives in ``reports.render``.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from typing import Any

from sqlite_utils import Database

from checks.model import Severity
from crawler.extract.blocking import CHALLENGE_NOT_PASSED, CHALLENGE_NOT_TRIED, CHALLENGE_PASSED
from crawler.store import now_iso
from reports.coverage import read_coverage
from reports.evidence import attach_archive
from reports.model import (
    SEVERITY_ORDER,
    TOOL_NAME,
    ColumnRow,
    Counts,
    Crawl,
    Deduction,
    DepartmentRow,
    FindingRow,
    ReportData,
    ScoreView,
    SeverityCounts,
    Site,
    Summary,
)
from reports.rows import as_text, finding_from_row, finding_sort_key
from reports.tracking import annotate


def read_scores(db: Database, run_id: int) -> list[ScoreView]:
    """The stored scores of a run, site first ([] when the run was not scored)."""
    if "scores" not in db.table_names():
        return []
    views = []
    for r in db.query("select * from scores where run_id = ? order by scope = 'department', department", [run_id]):
        def load(raw: Any, default: Any) -> Any:
            try:
                return json.loads(raw) if raw else default
            except ValueError:
                return default
        deductions = [Deduction(as_text(d.get("check_id")), as_text(d.get("title")), as_text(d.get("indicator")),
                                as_text(d.get("subject")), as_text(d.get("department")), float(d.get("points") or 0),
                                as_text(d.get("note"))) for d in load(r["deductions"], []) if isinstance(d, dict)]
        views.append(ScoreView(as_text(r["scope"]), as_text(r["department"]), as_text(r["verdict"]),
                               None if r["score"] is None else float(r["score"]), as_text(r["reason"]),
                               [str(v) for v in load(r["vetoes"], [])], deductions, load(r["by_indicator"], {}),
                               int(r["unknown"] or 0)))
    return views


def summarize(findings: list[FindingRow]) -> Summary:
    by_status = Counts()
    by_severity = {s: Counts() for s in SEVERITY_ORDER}
    for f in findings:
        by_status.add(f.status)
        if f.severity in by_severity:
            by_severity[Severity(f.severity)].add(f.status)
    return Summary(
        total=len(findings),
        by_status=by_status,
        by_severity=[SeverityCounts(str(s), c) for s, c in by_severity.items()],
    )


def by_department(findings: list[FindingRow], roots: dict[str, str]) -> list[DepartmentRow]:
    counts: dict[str, Counts] = {}
    for f in findings:
        counts.setdefault(f.department, Counts()).add(f.status)
    names = sorted(counts, key=lambda d: (d != "", d))
    return [DepartmentRow(d, counts[d], roots.get(d, "")) for d in names]


def read_columns(db: Database, run_id: int) -> list[ColumnRow]:
    """The stored column tree, 本级政府 first, each unit's columns in path order ([] when not stored)."""
    if "columns" not in db.table_names():
        return []
    rows = []
    for r in db.query("select * from columns where run_id = ?", [run_id]):
        try:
            path = [as_text(p) for p in json.loads(r["path"] or "[]")]
        except ValueError:
            path = []
        rows.append(ColumnRow(as_text(r["department"]), path, as_text(r["url"]), int(r["pages"] or 0),
                              int(r["entries"] or 0), as_text(r["newest_date"]), as_text(r["state"])))
    return sorted(rows, key=lambda c: (c.department != "", c.department, c.path))


def read_challenges(db: Database, run_id: int) -> dict[str, int]:
    """How many pages a firewall's script challenge stood in for, by what became of them (pages.error)."""
    counts: dict[str, int] = {}
    for r in db.query("select error, count(*) as n from pages where run_id = ? and error like ? group by error",
                      [run_id, CHALLENGE_NOT_TRIED + "%"]):
        error = as_text(r["error"])
        kind = ("passed" if error == CHALLENGE_PASSED else "not_tried" if error == CHALLENGE_NOT_TRIED
                else "not_passed" if error.startswith(CHALLENGE_NOT_PASSED) else "")
        if kind:
            counts[kind] = counts.get(kind, 0) + int(r["n"])
    return counts


def build_report(db: Database, run_id: int) -> ReportData:
    """Everything the report shows about one run, read from the audit database."""
    runs = list(db.query("select * from runs where id = ?", [run_id]))
    if not runs:
        raise LookupError(f"no run {run_id} in the audit database")
    run = runs[0]
    rows = db.query("select * from findings where run_id = ? order by id", [run_id])
    findings = sorted((finding_from_row(r) for r in rows), key=finding_sort_key)
    attach_archive(db, run_id, findings)
    roots: dict[str, str] = {}
    for d in db.query("select name, root_url from departments where run_id = ? order by root_url", [run_id]):
        roots.setdefault(as_text(d["name"]), as_text(d["root_url"]))
    data = ReportData(
        run_id=run_id,
        site=Site(name=as_text(run["site_name"]), url=as_text(run["start_url"])),
        as_of=as_text(run["as_of"]),
        generated_at=now_iso(),
        tool_name=TOOL_NAME,
        tool_version=version("govaudit"),
        crawl=Crawl(
            pages_fetched=int(run["pages_fetched"] or 0),
            pages_failed=int(run["pages_failed"] or 0),
            truncated=bool(run["truncated"]),
            started_at=as_text(run["started_at"]),
            finished_at=as_text(run["finished_at"]),
            close_reason=as_text(run["close_reason"]),
            status=as_text(run["status"]),
            challenges=read_challenges(db, run_id),
        ),
        summary=summarize(findings),
        findings=findings,
        departments=by_department(findings, roots),
    )
    scores = read_scores(db, run_id)
    data.scoring = next((s for s in scores if s.scope == "site"), None)
    data.unit_scores = [s for s in scores if s.scope != "site"]
    if data.scoring is not None:
        data.verdict, data.score = data.scoring.verdict, data.scoring.score
    data.columns = read_columns(db, run_id)
    data.coverage = read_coverage(db, run_id)
    return annotate(db, data)
