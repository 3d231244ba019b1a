"""Gather one run's findings from the audit database into plain dataclasses.

Nothing here decides a result: statuses and severities are copied from the ``findings`` table (written
by ``checks``) and only counted and ordered. Rendering lives in ``reports.render``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

import govaudit
from checks.model import SEVERITY_ZH, STATUS_ZH, Severity, Status
from govaudit.store import now_iso

TOOL_NAME = "govaudit"
GOVERNMENT_LABEL = "本级政府"  # how department "" (the district government itself) is shown

STATUS_ORDER = [Status.FAILED, Status.UNKNOWN, Status.PASSED]
SEVERITY_ORDER = [Severity.VETO, Severity.DEDUCT, Severity.ADVICE]
CRAWL_STATUS_ZH = {"done": "已完成", "running": "未完成（进行中或已中断）", "failed": "失败"}


@dataclass
class Site:
    name: str
    url: str


@dataclass
class Crawl:
    pages_fetched: int
    pages_failed: int
    truncated: bool  # a page/depth/time limit stopped the crawl early
    started_at: str
    finished_at: str
    close_reason: str
    status: str  # runs.status: running | done | failed

    @property
    def status_label(self) -> str:
        return CRAWL_STATUS_ZH.get(self.status, self.status)


@dataclass
class Evidence:
    urls: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class FindingRow:
    check: str
    title: str
    category: str
    severity: str
    status: str
    subject: str
    department: str  # "" = the district government
    url: str
    message: str
    citation: str
    remediation: str
    evidence: Evidence
    # filled by reports.tracking for failed findings: change since the previous run, baseline state
    change: str = ""  # new | persisting
    first_seen: str = ""  # as-of date of the first run in which it kept failing
    acceptance: str = ""  # accepted | overdue | "" (not in the baseline)
    deadline: str = ""  # 整改期限 from the baseline
    note: str = ""

    @property
    def change_label(self) -> str:
        from govaudit.history import CHANGE_ZH

        return CHANGE_ZH.get(self.change, self.change)

    @property
    def status_label(self) -> str:
        return STATUS_ZH.get(self.status, self.status)

    @property
    def severity_label(self) -> str:
        return SEVERITY_ZH.get(self.severity, self.severity)

    @property
    def department_label(self) -> str:
        return self.department or GOVERNMENT_LABEL

    @property
    def urls(self) -> list[str]:
        """The main URL then the evidence URLs, without repeats."""
        return list(dict.fromkeys(u for u in [self.url, *self.evidence.urls] if u))


@dataclass
class Counts:
    failed: int = 0
    unknown: int = 0
    passed: int = 0

    @property
    def total(self) -> int:
        return self.failed + self.unknown + self.passed

    def add(self, status: str) -> None:
        if status == Status.FAILED:
            self.failed += 1
        elif status == Status.UNKNOWN:
            self.unknown += 1
        elif status == Status.PASSED:
            self.passed += 1


@dataclass
class SeverityCounts:
    severity: str
    counts: Counts

    @property
    def label(self) -> str:
        return SEVERITY_ZH.get(self.severity, self.severity)


@dataclass
class Summary:
    total: int  # every finding, including any with a status outside passed/failed/unknown
    by_status: Counts
    by_severity: list[SeverityCounts]  # veto, deduct, advice, in that order

    def severity(self, severity: str) -> Counts:
        return next((s.counts for s in self.by_severity if s.severity == severity), Counts())

    @property
    def failed_veto(self) -> int:
        return self.severity(Severity.VETO).failed

    @property
    def failed_deduct(self) -> int:
        return self.severity(Severity.DEDUCT).failed


@dataclass
class DepartmentRow:
    department: str  # "" = the district government
    counts: Counts
    url: str = ""  # root URL from the ``departments`` table, when known

    @property
    def label(self) -> str:
        return self.department or GOVERNMENT_LABEL


@dataclass
class HistoryPoint:
    """One earlier run of the same site (for a trend chart; not filled yet)."""

    run_id: int
    as_of: str
    counts: Counts


@dataclass
class Deduction:
    check: str
    title: str
    indicator: str
    subject: str
    department: str
    points: float
    note: str

    @property
    def department_label(self) -> str:
        return self.department or GOVERNMENT_LABEL


@dataclass
class ScoreView:
    """A verdict and score as ``checks.scoring`` stored them (the site's, or one unit's)."""

    scope: str  # site | department
    department: str
    verdict: str  # 合格 / 不合格
    score: float | None  # None when a veto failed
    reason: str
    vetoes: list[str] = field(default_factory=list)
    deductions: list[Deduction] = field(default_factory=list)
    by_indicator: dict[str, float] = field(default_factory=dict)
    unknown: int = 0

    @property
    def label(self) -> str:
        return self.department or GOVERNMENT_LABEL

    @property
    def score_label(self) -> str:
        return "不计分（单项否决）" if self.score is None else f"{self.score:g}"


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
        deductions = [Deduction(_text(d.get("check_id")), _text(d.get("title")), _text(d.get("indicator")),
                                _text(d.get("subject")), _text(d.get("department")), float(d.get("points") or 0),
                                _text(d.get("note"))) for d in load(r["deductions"], []) if isinstance(d, dict)]
        views.append(ScoreView(_text(r["scope"]), _text(r["department"]), _text(r["verdict"]),
                               None if r["score"] is None else float(r["score"]), _text(r["reason"]),
                               [str(v) for v in load(r["vetoes"], [])], deductions, load(r["by_indicator"], {}),
                               int(r["unknown"] or 0)))
    return views


@dataclass
class ReportData:
    run_id: int
    site: Site
    as_of: str
    generated_at: str
    tool_name: str
    tool_version: str
    crawl: Crawl
    summary: Summary
    findings: list[FindingRow]  # sorted: status, severity, check, department, subject
    departments: list[DepartmentRow]  # 本级政府 first, then by name
    # Slots for later steps; None / empty means "not computed" and nothing is shown.
    verdict: str | None = None  # 合格 / 不合格, from a scoring step
    score: float | None = None
    scoring: ScoreView | None = None  # the site's verdict, score and deductions (checks.scoring)
    unit_scores: list[ScoreView] = field(default_factory=list)  # 本级政府 and each department
    history: list[HistoryPoint] = field(default_factory=list)
    # filled by reports.tracking: the previous run of the same site and what changed since
    previous_as_of: str = ""
    fixed: list[FindingRow] = field(default_factory=list)  # failed in the previous run, passed now
    unverified: list[FindingRow] = field(default_factory=list)  # failed in the previous run, unknown now
    trend: Any = None  # reports.svg.TrendChart
    columns: list[ColumnRow] = field(default_factory=list)  # the site's column tree (crawler.column_tree)

    def with_status(self, status: str) -> list[FindingRow]:
        return [f for f in self.findings if f.status == status]

    @property
    def failed(self) -> list[FindingRow]:
        return self.with_status(Status.FAILED)

    @property
    def unknown(self) -> list[FindingRow]:
        return self.with_status(Status.UNKNOWN)

    @property
    def passed(self) -> list[FindingRow]:
        return self.with_status(Status.PASSED)


def _text(value: Any) -> str:
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


def _finding(row: dict[str, Any]) -> FindingRow:
    return FindingRow(
        check=_text(row["check_id"]),
        title=_text(row["title"]),
        category=_text(row["category"]),
        severity=_text(row["severity"]),
        status=_text(row["status"]),
        subject=_text(row["subject"]),
        department=_text(row["department"]),
        url=_text(row["url"]),
        message=_text(row["message"]),
        citation=_text(row["citation"]),
        remediation=_text(row["remediation"]),
        evidence=parse_evidence(row["evidence"]),
    )


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


COLUMN_STATE_ZH = {"ok": "正常", "script_rendered": "脚本生成（无法判定）", "empty": "空白", "unreadable": "部分页面无法获取"}


@dataclass
class ColumnRow:
    """One column of a unit's column tree, as the crawl saw it."""

    department: str
    path: list[str]
    url: str
    pages: int
    entries: int
    newest_date: str
    state: str

    @property
    def department_label(self) -> str:
        return self.department or GOVERNMENT_LABEL

    @property
    def level(self) -> int:
        return max(0, len(self.path) - 1)

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def state_label(self) -> str:
        return COLUMN_STATE_ZH.get(self.state, self.state)


def read_columns(db: Database, run_id: int) -> list[ColumnRow]:
    """The stored column tree, 本级政府 first, each unit's columns in path order ([] when not stored)."""
    if "columns" not in db.table_names():
        return []
    rows = []
    for r in db.query("select * from columns where run_id = ?", [run_id]):
        try:
            path = [_text(p) for p in json.loads(r["path"] or "[]")]
        except ValueError:
            path = []
        rows.append(ColumnRow(_text(r["department"]), path, _text(r["url"]), int(r["pages"] or 0),
                              int(r["entries"] or 0), _text(r["newest_date"]), _text(r["state"])))
    return sorted(rows, key=lambda c: (c.department != "", c.department, c.path))


def build_report(db: Database, run_id: int) -> ReportData:
    """Everything the report shows about one run, read from the audit database."""
    runs = list(db.query("select * from runs where id = ?", [run_id]))
    if not runs:
        raise LookupError(f"no run {run_id} in the audit database")
    run = runs[0]
    rows = db.query("select * from findings where run_id = ? order by id", [run_id])
    findings = sorted((_finding(r) for r in rows), key=finding_sort_key)
    roots: dict[str, str] = {}
    for d in db.query("select name, root_url from departments where run_id = ? order by root_url", [run_id]):
        roots.setdefault(_text(d["name"]), _text(d["root_url"]))
    data = ReportData(
        run_id=run_id,
        site=Site(name=_text(run["site_name"]), url=_text(run["start_url"])),
        as_of=_text(run["as_of"]),
        generated_at=now_iso(),
        tool_name=TOOL_NAME,
        tool_version=govaudit.__version__,
        crawl=Crawl(
            pages_fetched=int(run["pages_fetched"] or 0),
            pages_failed=int(run["pages_failed"] or 0),
            truncated=bool(run["truncated"]),
            started_at=_text(run["started_at"]),
            finished_at=_text(run["finished_at"]),
            close_reason=_text(run["close_reason"]),
            status=_text(run["status"]),
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
    from reports.tracking import annotate

    return annotate(db, data)
