"""What a check is and what it finds: the check's metadata, its findings and their evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checks.facts import Facts


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    UNKNOWN = "unknown"  # the evidence could not be had: never an accusation


class Severity(StrEnum):
    VETO = "veto"  # 单项否决
    DEDUCT = "deduct"  # 扣分
    ADVICE = "advice"  # 建议


class Category(StrEnum):
    """The part of the inspection a check belongs to; the value is the Chinese name stored and shown."""

    AVAILABILITY = "站点与链接可用性"
    UPDATES = "内容更新"
    INTERACTION = "互动回应"
    SERVICES = "办事服务"
    IDENTITY = "网站标识与功能"
    PLATFORM = "政府信息公开平台"
    REPORTS = "政府信息公开年报"
    FISCAL = "财政预决算"
    GRASSROOTS = "基层政务公开"
    AREAS = "重点领域信息公开"


GOVERNMENT_LABEL = "本级政府"  # how department "" (the district government itself) is shown without its name


def department_label(department: str | None) -> str:
    """A finding's unit as a reader sees it: the department's name, or 本级政府 for the government itself."""
    return department or GOVERNMENT_LABEL


STATUS_ZH = {Status.PASSED: "通过", Status.FAILED: "未通过", Status.UNKNOWN: "无法判定"}
SEVERITY_ZH = {Severity.VETO: "单项否决", Severity.DEDUCT: "扣分", Severity.ADVICE: "建议"}


@dataclass
class Evidence:
    urls: list[str] = field(default_factory=list)  # pages that show (or should show) the item
    dates: list[str] = field(default_factory=list)  # dates seen, ISO
    notes: list[str] = field(default_factory=list)  # why it was decided so, in Chinese

    def as_dict(self) -> dict[str, list[str]]:
        return {"urls": self.urls, "dates": self.dates, "notes": self.notes}


@dataclass
class Finding:
    """One verdict of a check on one subject. Check functions leave ``check_id`` unset: the check that ran
    them stamps its id (:meth:`Check.findings`), so the id is written once, in the catalogue."""

    status: Status
    subject: str  # what is affected, in Chinese, e.g. "教育局 2026年部门预算"
    message: str  # the verdict in one Chinese sentence
    department: str = ""  # "" = the district government
    url: str = ""  # the main evidence URL
    evidence: Evidence = field(default_factory=Evidence)
    # the column or document the finding is about (scoring: an item already penalised as blank or not
    # updated is not penalised again under another check)
    item: str = ""
    check_id: str = field(default="", kw_only=True)  # stamped by the check that produced it


@dataclass(frozen=True, kw_only=True)
class Check:
    """A declared rule. ``run`` reads facts and yields one finding per subject."""

    id: str
    title: str  # Chinese, phrased as what must hold
    severity: Severity
    category: Category
    citation: str  # document and article
    remediation: str  # what to do, in Chinese
    run: Callable[[Facts], Iterator[Finding]]

    def findings(self, facts: Facts) -> list[Finding]:
        """Run the check and stamp its id on every finding it yields."""
        found = list(self.run(facts))
        for finding in found:
            finding.check_id = self.id
        return found
