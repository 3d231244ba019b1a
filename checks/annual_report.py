"""年报: each unit's report on the previous year, by its deadline (条例 第四十九、五十条)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from checks.common import MAX_NOTES, absence, day_of, iso
from checks.facts import Doc, Facts
from checks.model import Evidence, Finding, Status
from checks.titles import names_government, parse_annual_report_year
from checks.units import unit_matches


def due_year(as_of: date, deadline: str) -> int:
    """The latest year whose report was due before ``as_of`` (on the deadline day itself there is still time)."""
    return as_of.year - 1 if as_of > day_of(as_of.year, deadline) else as_of.year - 2


def reports_of(facts: Facts, department: str, year: int) -> list[Doc]:
    region = facts.profile.get("region", "")
    if "annual_reports" not in facts.memo:  # every document read as an annual report's title, once per audit
        by_year: dict[int, list[Doc]] = {}
        for doc in facts.documents():
            if (read := parse_annual_report_year(doc.title)) is not None:
                by_year.setdefault(read, []).append(doc)
        facts.memo["annual_reports"] = by_year
    found = []
    for doc in facts.memo["annual_reports"].get(year, []):
        if department:
            if unit_matches(doc.title, department, region) or (
                    doc.department == department and not names_government(doc.title)):
                found.append(doc)
        elif (doc.department == "" or names_government(doc.title)) and not any(
                unit_matches(doc.title, d, region) for d in facts.department_names):
            # the government's report, on its pages or filed in a unit's folder (often its 政府办公室's)
            found.append(doc)
    return found


def report_absence(facts: Facts, department: str, *, subject: str, what: str) -> Finding:
    """The :func:`absence` of reports looked for in the unit's 年报 column."""
    located = facts.locate(facts.profile["columns"]["gk_first_level"]["年报"], department)
    return absence(facts, located, subject=subject, what=what, where="年报", department=department)


def judge(facts: Facts, department: str, deadline_key: str) -> Finding:
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
            return Finding(Status.UNKNOWN, subject, "年报已发布，但无法确定其发布日期", department, urls[0],
                           Evidence(urls=urls, notes=notes))
        first = dates[0]
        if first <= deadline:
            return Finding(Status.PASSED, subject, f"已于 {first.isoformat()} 按时发布", department, urls[0],
                           Evidence(urls=urls, dates=iso(dates), notes=notes))
        return Finding(Status.FAILED, subject,
                       f"逾期发布：{first.isoformat()} 发布，晚于截止日期 {deadline.isoformat()}", department, urls[0],
                       Evidence(urls=urls, dates=iso(dates), notes=notes))
    finding = report_absence(facts, department, subject=subject, what=f"{year}年度报告")
    if finding.status == Status.FAILED:
        finding.message += f"（截止日期 {deadline.isoformat()} 已过）"
    return finding


def government_report(facts: Facts) -> Iterator[Finding]:
    yield judge(facts, "", "government_deadline")


def department_reports(facts: Facts) -> Iterator[Finding]:
    for department in facts.department_names:
        yield judge(facts, department, "department_deadline")


def _units(facts: Facts) -> list[str]:
    return ["", *facts.department_names]


def years_listed(facts: Facts) -> Iterator[Finding]:
    """GK-AR-03: the reports of the years before the due one stay listed (the due year is GK-AR-01/02)."""
    keep = facts.profile["annual_report"]["years_listed"]
    for dept in _units(facts):
        deadline = "department_deadline" if dept else "government_deadline"
        due = due_year(facts.as_of, facts.profile["annual_report"][deadline])
        years = list(range(due - keep + 1, due))
        subject = f"{facts.unit_label(dept)} 往年年报（{years[0]}—{years[-1]}年）" if years else f"{facts.unit_label(dept)} 往年年报"
        missing = [y for y in years if not reports_of(facts, dept, y)]
        if not missing:
            yield Finding(Status.PASSED, subject, f"{len(years)} 个往年年报均可查到", dept,
                          evidence=Evidence(notes=[f"要求保留近 {keep} 年的年报（可配置）"]))
            continue
        what = "、".join(f"{y}年" for y in missing) + "年报"
        finding = report_absence(facts, dept, subject=subject, what=what)
        finding.evidence.notes.append(f"要求保留近 {keep} 年的年报（可配置）")
        yield finding


def format_from(facts: Facts) -> int:
    """The first report year the 30号 format (headings, tables) applies to; older reports followed earlier formats."""
    return int(facts.profile["annual_report"].get("format_from_year", 2021))


def newest_reports(facts: Facts, department: str) -> Iterator[tuple[int, list[Doc]]]:
    """(year, the unit's reports of that year), newest year first, over the years the profile keeps."""
    due = due_year(facts.as_of, facts.profile["annual_report"]["department_deadline" if department else "government_deadline"])
    for year in range(due, due - facts.profile["annual_report"]["years_listed"], -1):
        docs = reports_of(facts, department, year)
        if docs:
            yield year, docs


def latest_report_text(facts: Facts, department: str) -> tuple[Doc | None, str]:
    """The newest report of the unit in the 30号 format's years, and its article's text ('' when unreadable)."""
    for year, docs in newest_reports(facts, department):
        if year < format_from(facts):
            break
        for doc in docs:
            page = facts.pages.get(doc.url)
            if page is not None and page.ok and page.page_kind == "article" and page.text:
                return doc, page.text
        return docs[0], ""
    return None, ""


def _contents(facts: Facts, key: str, what: str) -> Iterator[Finding]:
    wanted = facts.profile["annual_report"][key]
    since = format_from(facts)
    for dept in _units(facts):
        doc, text = latest_report_text(facts, dept)
        if doc is None:
            older = next(newest_reports(facts, dept), None)
            if older is not None:  # an older report: judged for presence and date only (GK-AR-01/02/03)
                year, docs = older
                yield Finding(Status.UNKNOWN, f"{facts.unit_label(dept)} 年报{what}",
                              f"找到的最新年报为{year}年度，国办公开办函〔2021〕30号格式适用于{since}年度起的年报，"
                              "该年报只核对是否发布及发布日期", dept, docs[0].url,
                              Evidence(urls=[d.url for d in docs][:MAX_NOTES],
                                       notes=[f"格式适用年度：{since}年起（可配置 annual_report.format_from_year）"]))
                continue
            yield Finding(Status.UNKNOWN, f"{facts.unit_label(dept)} 年报{what}", "未找到年报（见 GK-AR-01/02/03），无法核对",
                          dept)
            continue
        subject = f"{doc.title} {what}"
        if not text:
            yield Finding(Status.UNKNOWN, subject, "年报正文无法读取（页面未抓取或仅以附件发布），无法核对", dept, doc.url,
                          Evidence(urls=[doc.url]))
            continue
        missing = [name for name, patterns in wanted.items() if not any(re.search(p, text) for p in patterns)]
        files = [a["url"] for a in facts.attachments if a["page_url"] == doc.url]
        if len(missing) == len(wanted) and files:
            # nothing of the format in the page, and a file attached: the report is the attachment, not read
            yield Finding(Status.UNKNOWN, subject, f"年报正文在附件中（未下载读取），网页中没有{what}，无法核对", dept,
                          doc.url, Evidence(urls=[doc.url, *files][:MAX_NOTES]))
            continue
        if missing:
            yield Finding(Status.FAILED, subject, f"年报缺少{what}：{'、'.join(missing)}", dept, doc.url,
                          Evidence(urls=[doc.url], notes=["按国办公开办函〔2021〕30号格式核对"]))
        else:
            yield Finding(Status.PASSED, subject, f"年报包含全部{what}", dept, doc.url, Evidence(urls=[doc.url]))


def report_headings(facts: Facts) -> Iterator[Finding]:
    """GK-AR-04: the six headings of the 30号 format in the newest report of a year the format applies to."""
    yield from _contents(facts, "headings", "规定的六部分内容")


def report_tables(facts: Facts) -> Iterator[Finding]:
    """GK-AR-05: the statistical tables of the 30号 format in the newest report of a year the format applies to."""
    yield from _contents(facts, "tables", "统计表格")
