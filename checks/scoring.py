"""Scoring as the national inspection does it (国办秘函〔2019〕19号).

Any failed veto (单项否决) ⇒ 不合格 and nothing is scored. Otherwise the 扣分 part starts at the profile's
total (100) and each failed deduct finding takes its check's points; a check never takes more than its
``max``, an indicator never more than its points, and a column already penalised as blank or not updated
is not penalised again under another check. Below the pass mark ⇒ 不合格. Unknown findings are never
scored: they are counted and listed with their reasons. A score is computed for the whole site and for
each unit (the district government's own pages and each department) on that unit's findings.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlite_utils import Database

from checks.catalogue import BY_ID, CATALOGUE
from checks.model import Finding, Status

PASS, FAIL = "合格", "不合格"
SITE = "site"
UNIT = "department"
ORDER = {check.id: i for i, check in enumerate(CATALOGUE)}


@dataclass
class Deduction:
    check_id: str
    title: str
    indicator: str
    subject: str
    department: str
    points: float  # taken from the score (0 when capped or already penalised)
    note: str = ""  # why fewer points were taken than the check sets


@dataclass
class Score:
    scope: str  # site | department
    department: str  # "" for the site (scope site) or the district government (scope department)
    verdict: str  # 合格 | 不合格
    score: float | None  # None when a veto failed
    reason: str  # how the verdict was reached, in Chinese
    vetoes: list[str] = field(default_factory=list)  # failed veto findings: "check subject"
    deductions: list[Deduction] = field(default_factory=list)
    by_indicator: dict[str, float] = field(default_factory=dict)
    unknown: int = 0


def severity(profile: dict[str, Any], check_id: str) -> str:
    default = BY_ID[check_id].severity.value if check_id in BY_ID else "advice"
    return str(profile.get("severities", {}).get(check_id, default))


def score(findings: list[Finding], profile: dict[str, Any], *, scope: str = SITE, department: str = "") -> Score:
    rules = profile["scoring"]
    vetoes = [f for f in findings if f.status == Status.FAILED and severity(profile, f.check_id) == "veto"]
    unknown = sum(1 for f in findings if f.status == Status.UNKNOWN)
    if vetoes:
        names = [f"{f.check_id} {f.subject}" for f in vetoes]
        return Score(scope, department, FAIL, None, f"单项否决：{'；'.join(names)}，不再计分", names, unknown=unknown)
    failed = sorted((f for f in findings if f.status == Status.FAILED and severity(profile, f.check_id) == "deduct"),
                    key=lambda f: (ORDER.get(f.check_id, len(ORDER)), f.department, f.subject))
    once = set(rules.get("once_per_item") or [])
    penalised: set[str] = set()
    # the blank / not-updated checks come first, so another check on the same column sees it penalised
    failed.sort(key=lambda f: f.check_id not in once)
    per_check: dict[str, float] = defaultdict(float)
    per_indicator: dict[str, float] = defaultdict(float)
    deductions = []
    for f in failed:
        spec = rules["checks"].get(f.check_id)
        title = BY_ID[f.check_id].title if f.check_id in BY_ID else f.check_id
        if spec is None:
            deductions.append(Deduction(f.check_id, title, "", f.subject, f.department, 0, "配置中未设置分值，不扣分"))
            continue
        indicator = spec["indicator"]
        wanted = float(spec["points"])
        note = ""
        if f.item and f.item in penalised:
            wanted, note = 0.0, "该栏目已按空白或未更新扣分，不重复扣分"
        if f.check_id in once and f.item:
            penalised.add(f.item)
        room_check = float(spec.get("max", wanted + per_check[f.check_id])) - per_check[f.check_id]
        room_indicator = float(rules["indicators"][indicator]["points"]) - per_indicator[indicator]
        points = max(0.0, min(wanted, room_check, room_indicator))
        if points < wanted and not note:
            note = "已达本检查项扣分上限" if room_check <= room_indicator else f"已达“{indicator}”指标分值上限"
        per_check[f.check_id] += points
        per_indicator[indicator] += points
        deductions.append(Deduction(f.check_id, title, indicator, f.subject, f.department, points, note))
    value = round(float(rules["total"]) - sum(per_indicator.values()), 1)
    verdict = PASS if value >= rules["pass_mark"] else FAIL
    reason = (f"无单项否决项；{rules['total']} 分扣除 {round(sum(per_indicator.values()), 1):g} 分，得 {value:g} 分，"
              f"{'不低于' if verdict == PASS else '低于'} {rules['pass_mark']} 分")
    if unknown:
        reason += f"；另有 {unknown} 项无法判定，未计入评分"
    deductions.sort(key=lambda d: (ORDER.get(d.check_id, len(ORDER)), d.department, d.subject))
    return Score(scope, department, verdict, value, reason, [], deductions, dict(per_indicator), unknown)


def score_all(findings: list[Finding], profile: dict[str, Any], departments: list[str]) -> list[Score]:
    """The site's score, then one per unit: the district government ("") and each department."""
    scores = [score(findings, profile)]
    for dept in ["", *sorted(set(departments) | {f.department for f in findings if f.department})]:
        scores.append(score([f for f in findings if f.department == dept], profile, scope=UNIT, department=dept))
    return scores


def store_scores(db: Database, run_id: int, scores: list[Score]) -> None:
    rows = [{
        "run_id": run_id, "scope": s.scope, "department": s.department, "verdict": s.verdict, "score": s.score,
        "reason": s.reason, "vetoes": json.dumps(s.vetoes, ensure_ascii=False),
        "deductions": json.dumps([asdict(d) for d in s.deductions], ensure_ascii=False),
        "by_indicator": json.dumps(s.by_indicator, ensure_ascii=False), "unknown": s.unknown,
    } for s in scores]
    with db.conn:
        db.execute("delete from scores where run_id = ?", [run_id])
        db["scores"].insert_all(rows, pk=("run_id", "scope", "department"))
