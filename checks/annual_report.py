"""年报: each unit's report on the previous year, by its deadline (条例 第四十九、五十条)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checks.common import absence, iso
from checks.facts import Doc, Facts
from checks.model import Evidence, Finding, Status
from checks.profile import day_of
from checks.titles import parse_annual_report_year, unit_matches


def due_year(as_of: date, deadline: str) -> int:
    """The latest year whose report was due before ``as_of`` (on the deadline day itself there is still time)."""
    return as_of.year - 1 if as_of > day_of(as_of.year, deadline) else as_of.year - 2


def reports_of(facts: Facts, department: str, year: int) -> list[Doc]:
    region = facts.profile.get("region", "")
    found = []
    for doc in facts.documents():
        if parse_annual_report_year(doc.title) != year:
            continue
        if department:
            if doc.department == department or unit_matches(doc.title, department, region):
                found.append(doc)
        elif doc.department == "" and not any(unit_matches(doc.title, d, region) for d in facts.department_names):
            found.append(doc)
    return found


def judge(facts: Facts, check_id: str, department: str, deadline_key: str) -> Finding:
    deadline_md = facts.profile["annual_report"][deadline_key]
    year = due_year(facts.as_of, deadline_md)
    deadline = day_of(year + 1, deadline_md)
    subject = f"{facts.unit_label(department)} {year}年政府信息公开工作年度报告"
    docs = reports_of(facts, department, year)
    if docs:
        dates = sorted({d for doc in docs for d in doc.dates})
        urls = sorted({doc.url for doc in docs})
        notes = [f"截止日期 {deadline.isoformat()}"]
        if len(dates) > 1:
            notes.append("页面上出现多个日期，按最早日期认定：" + "、".join(iso(dates)))
        if not dates:
            return Finding(check_id, Status.UNKNOWN, subject, "年报已发布，但无法确定其发布日期", department, urls[0],
                           Evidence(urls=urls, notes=notes))
        first = dates[0]
        if first <= deadline:
            return Finding(check_id, Status.PASSED, subject, f"已于 {first.isoformat()} 按时发布", department, urls[0],
                           Evidence(urls=urls, dates=iso(dates), notes=notes))
        return Finding(check_id, Status.FAILED, subject,
                       f"逾期发布：{first.isoformat()} 发布，晚于截止日期 {deadline.isoformat()}", department, urls[0],
                       Evidence(urls=urls, dates=iso(dates), notes=notes))
    located = facts.locate(facts.profile["columns"]["gk_first_level"]["年报"], department)
    finding = absence(check_id, subject=subject, department=department, what=f"{year}年度报告", where="年报",
                      located=located, area_blockers=facts.area_blockers(department))
    if finding.status == Status.FAILED:
        finding.message += f"（截止日期 {deadline.isoformat()} 已过）"
    return finding


def government_report(facts: Facts) -> Iterator[Finding]:
    yield judge(facts, "GK-AR-01", "", "government_deadline")


def department_reports(facts: Facts) -> Iterator[Finding]:
    for department in facts.department_names:
        yield judge(facts, "GK-AR-02", department, "department_deadline")
