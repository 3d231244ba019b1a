"""What a report shows about one run, as plain dataclasses with their Chinese labels.

``reports.build`` fills them from the audit database; ``reports.render`` and the exports read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from checks.model import SEVERITY_ZH, STATUS_ZH, Severity, Status, department_label

if TYPE_CHECKING:
    from reports.coverage import Coverage

TOOL_NAME = "govaudit"

STATUS_ORDER = [Status.FAILED, Status.UNKNOWN, Status.PASSED]
SEVERITY_ORDER = [Severity.VETO, Severity.DEDUCT, Severity.ADVICE]
# Scrapy's close reasons (the spider_closed signal), as the report says them.
CLOSE_REASON_ZH = {
    "finished": "正常结束",
    "closespider_timeout": "达到抓取时间上限",
    "closespider_pagecount": "达到页面数上限",
    "closespider_itemcount": "达到页面数上限",
    "closespider_errorcount": "错误过多而停止",
    "shutdown": "被中断",
    "cancelled": "被取消",
}
CRAWL_STATUS_ZH = {"done": "已完成", "running": "未完成（进行中或已中断）", "failed": "失败"}


class OfUnit:
    """A row about one unit: ``department`` is its name, "" the district government itself."""

    department: str

    @property
    def department_label(self) -> str:
        return department_label(self.department)


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
    # pages a firewall's script challenge stood in for (crawler.challenge): passed | not_passed | not_tried → count
    challenges: dict[str, int] = field(default_factory=dict)

    @property
    def challenge_label(self) -> str:
        parts = []
        if self.challenges.get("passed"):
            parts.append(f"{self.challenges['passed']} 个页面经浏览器通过验证后读取")
        if self.challenges.get("not_passed"):
            parts.append(f"{self.challenges['not_passed']} 个页面在浏览器中也未通过验证")
        if self.challenges.get("not_tried"):
            parts.append(f"{self.challenges['not_tried']} 个页面被拦截（未用浏览器重试）")
        return "；".join(parts)

    @property
    def status_label(self) -> str:
        return CRAWL_STATUS_ZH.get(self.status, self.status)

    @property
    def close_reason_label(self) -> str:
        label = CLOSE_REASON_ZH.get(self.close_reason)
        return f"{label}（{self.close_reason}）" if label else self.close_reason


@dataclass
class Evidence:
    urls: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ArchivedRecord:
    """Where the response behind an evidence URL is kept: a record of the audit's WARC file (reports.evidence)."""

    url: str
    file: str  # the WARC file, beside findings.json (evidence.warc.gz)
    record_id: str  # WARC-Record-ID of the response record
    digest: str  # WARC-Payload-Digest (sha1, base32) of the payload stored
    sha256: str  # of the whole body as received
    fetched_at: str  # ISO, UTC
    status: int | None
    truncated: str  # "" | length: the body was capped (attachments: headers and first bytes only)


@dataclass
class Unarchived:
    """An evidence URL with no archived record, and why (in Chinese)."""

    url: str
    reason: str


@dataclass
class FindingRow(OfUnit):
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
    id: int = 0  # findings.id: what ``govaudit evidence OUT ID`` takes
    # filled by reports.evidence where the run archived its responses: the records behind the evidence URLs, and
    # the URLs that have none (None: the run archived nothing, so nothing is said)
    archived: list[ArchivedRecord] = field(default_factory=list)
    unarchived: list[Unarchived] | None = None

    @property
    def change_label(self) -> str:
        from checks.history import CHANGE_ZH

        return CHANGE_ZH.get(self.change, self.change)

    @property
    def status_label(self) -> str:
        return STATUS_ZH.get(self.status, self.status)

    @property
    def severity_label(self) -> str:
        return SEVERITY_ZH.get(self.severity, self.severity)

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
class DepartmentRow(OfUnit):
    department: str  # "" = the district government
    counts: Counts
    url: str = ""  # root URL from the ``departments`` table, when known


@dataclass
class HistoryPoint:
    """One earlier run of the same site (for a trend chart; not filled yet)."""

    run_id: int
    as_of: str
    counts: Counts


@dataclass
class Deduction(OfUnit):
    check: str
    title: str
    indicator: str
    subject: str
    department: str
    points: float
    note: str


@dataclass
class ScoreView(OfUnit):
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
    def score_label(self) -> str:
        return "不计分（单项否决）" if self.score is None else f"{self.score:g}"


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
    coverage: Coverage | None = None  # per audit area, what the crawl read of what it discovered (reports.coverage)

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


COLUMN_STATE_ZH = {"ok": "正常", "script_rendered": "脚本生成（无法判定）", "empty": "空白", "unreadable": "部分页面无法获取"}


@dataclass
class ColumnRow(OfUnit):
    """One column of a unit's column tree, as the crawl saw it."""

    department: str
    path: list[str]
    url: str
    pages: int
    entries: int
    newest_date: str
    state: str

    @property
    def level(self) -> int:
        return max(0, len(self.path) - 1)

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def state_label(self) -> str:
        return COLUMN_STATE_ZH.get(self.state, self.state)
