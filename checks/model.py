"""What a check is and what it finds."""

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
    check_id: str
    status: Status
    subject: str  # what is affected, in Chinese, e.g. "教育局 2026年部门预算"
    message: str  # the verdict in one Chinese sentence
    department: str = ""  # "" = the district government
    url: str = ""  # the main evidence URL
    evidence: Evidence = field(default_factory=Evidence)
    # the column or document the finding is about (scoring: an item already penalised as blank or not
    # updated is not penalised again under another check)
    item: str = ""


@dataclass(frozen=True)
class Check:
    """A declared rule. ``run`` reads facts and yields one finding per subject."""

    id: str
    title: str  # Chinese, phrased as what must hold
    severity: Severity
    category: str  # Chinese category name
    citation: str  # document and article
    remediation: str  # what to do, in Chinese
    run: Callable[[Facts], Iterator[Finding]]
