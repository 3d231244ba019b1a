"""The report's first screen: the result at a glance, drawn from a built ``ReportData``.

Verdict and score (as ``checks.scoring`` stored them), the counts of failed 单项否决 and 扣分 items and of
unknowns, a bar chart of the points taken per indicator (or, when nothing was scored — a veto failed, or the
run has no scores — of the failed items per category), the largest gaps and each unit's score. Nothing is
decided here: every number is read from the report's data. Unknown findings are counted, never listed as gaps.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from checks.model import Severity, Status
from reports.charts import BarChart, bar_chart
from reports.model import FindingRow, ReportData, ScoreView

GATED = (Severity.VETO, Severity.DEDUCT)


@dataclass
class TopGap:
    finding: FindingRow
    points: float | None  # points taken from the score; None for a veto (or an unscored run)


@dataclass
class UnitLine:
    name: str  # the unit as a reader sees it (本级政府 for the government itself)
    department: str
    verdict: str  # "" when the run was not scored
    score_label: str
    gaps: int  # failed veto + deduct items of the unit


@dataclass
class Glance:
    verdict: str  # 合格 / 不合格, or "" when the run was not scored
    score_label: str  # "71", "不计分（单项否决）" or ""
    score: float | None
    reason: str
    failed_veto: int
    failed_deduct: int
    unknown: int
    chart: BarChart | None
    chart_caption: str
    top_gaps: list[TopGap] = field(default_factory=list)
    more_gaps: int = 0  # gaps beyond the ones listed
    units: list[UnitLine] = field(default_factory=list)

    @property
    def badge_class(self) -> str:
        return {"合格": "pass", "不合格": "fail"}.get(self.verdict, "none")


def _points(scoring: ScoreView | None) -> dict[tuple[str, str, str], float]:
    if scoring is None:
        return {}
    taken: dict[tuple[str, str, str], float] = {}
    for d in scoring.deductions:
        key = (d.check, d.department, d.subject)
        taken[key] = taken.get(key, 0.0) + d.points
    return taken


def _chart(data: ReportData, gaps: list[FindingRow]) -> tuple[BarChart | None, str]:
    s = data.scoring
    if s is not None and s.score is not None and s.by_indicator:
        chart = bar_chart(list(s.by_indicator.items()), "扣分")
        return chart, "各指标扣分（分）：每个指标的扣分不超过其分值。"
    per_category = Counter(f.category for f in gaps)
    chart = bar_chart(list(per_category.items()), "问题数")
    why = "有单项否决项未通过，不计分；" if s is not None and s.score is None else ""
    return chart, f"{why}未通过的单项否决、扣分项按类别统计（项）。"


def _units(data: ReportData) -> list[UnitLine]:
    gaps = Counter(f.department for f in data.failed if f.severity in GATED)
    if data.unit_scores:
        return [UnitLine(u.department_label, u.department, u.verdict, u.score_label, gaps[u.department])
                for u in data.unit_scores]
    return [UnitLine(d.department_label, d.department, "", "", gaps[d.department]) for d in data.departments]


def glance(data: ReportData, top: int = 5) -> Glance:
    """What the first screen shows about the run in ``data``."""
    gaps = [f for f in data.failed if f.severity in GATED]
    taken = _points(data.scoring)

    def weight(f: FindingRow) -> tuple[int, float]:
        return (0 if f.severity == Severity.VETO else 1, -taken.get((f.check, f.department, f.subject), 0.0))

    ranked = sorted(gaps, key=weight)  # stable: the report's own order breaks ties
    top_gaps = [TopGap(f, None if f.severity == Severity.VETO else taken.get((f.check, f.department, f.subject)))
                for f in ranked[:top]]
    chart, caption = _chart(data, gaps)
    s = data.scoring
    return Glance(
        verdict=(s.verdict if s else data.verdict) or "",
        score_label=s.score_label if s else "",
        score=s.score if s else data.score,
        reason=s.reason if s else "",
        failed_veto=sum(1 for f in gaps if f.severity == Severity.VETO),
        failed_deduct=sum(1 for f in gaps if f.severity == Severity.DEDUCT),
        unknown=len(data.with_status(Status.UNKNOWN)),
        chart=chart,
        chart_caption=caption,
        top_gaps=top_gaps,
        more_gaps=max(0, len(gaps) - top),
        units=_units(data),
    )
