"""Helpers shared by checks: when an absence may be called "missing" and when it is UNKNOWN, the home page
that cannot be read, and dates (a profile's MM-DD days, ISO lists)."""

from __future__ import annotations

from datetime import date

from checks.facts import Facts, Located, Page
from checks.model import Evidence, Finding, Status

MAX_NOTES = 8


def absence(
    facts: Facts,
    located: Located,
    *,
    subject: str,
    what: str,
    where: str,
    department: str = "",
    area_blockers: list[str] | None = None,
) -> Finding:
    """A finding for something not seen: FAILED only where everything that could hold it was seen.

    ``area_blockers`` (what the crawl could not see where the column could be) defaults to the unit's."""
    if area_blockers is None:
        area_blockers = facts.area_blockers(department)
    if located.found and not located.blockers:
        return Finding(
            Status.FAILED, subject, f"在“{where}”栏目中未找到{what}", department, located.url,
            Evidence(urls=[p.url for p in located.pages][:MAX_NOTES] or [located.url],
                     notes=[f"已检查“{where}”栏目的全部 {len(located.pages)} 个页面"]),
        )
    if located.found:
        return Finding(
            Status.UNKNOWN, subject, f"未找到{what}，但“{where}”栏目有页面无法获取，无法判定",
            department, located.url, Evidence(urls=[located.url], notes=located.blockers[:MAX_NOTES]),
        )
    if area_blockers:
        return Finding(
            Status.UNKNOWN, subject, f"未找到“{where}”栏目及{what}，但部分页面无法获取，无法判定",
            department, "", Evidence(notes=area_blockers[:MAX_NOTES]),
        )
    return Finding(
        Status.FAILED, subject, f"未找到“{where}”栏目，也未找到{what}", department, "",
        Evidence(notes=["已抓取的页面中既无该栏目，也无该信息；抓取未受上限或错误影响"]),
    )


def readable_or_absence(
    facts: Facts, located: Located, *, subject: str, what: str, where: str, department: str = "",
) -> tuple[list[Page], Finding | None]:
    """The readable pages of a located column, or (none readable) no pages and the :func:`absence` finding."""
    pages = facts.readable(located)
    if pages:
        return pages, None
    return [], absence(facts, located, subject=subject, what=what, where=where, department=department)


def home_unreadable(facts: Facts, subject: str) -> Finding | None:
    """The UNKNOWN finding of a check that reads the home page, when the home page cannot be read."""
    home = facts.home
    if home is None or not home.ok:
        reason = home.failure() if home else "首页未抓取"
        return Finding(Status.UNKNOWN, subject, f"首页无法获取，无法判定：{reason}", url=facts.home_url,
                       evidence=Evidence(urls=[facts.home_url], notes=[reason]))
    if home.script_rendered:
        return Finding(Status.UNKNOWN, subject, "首页信息列表由脚本生成，静态页面中无法判定",
                       url=home.url, evidence=Evidence(urls=[home.url]))
    return None


def column_key(department: str, name: str) -> str:
    """What scoring uses to tell that two findings are about the same column."""
    return f"{department}/{name}"


def day_of(year: int, month_day: str) -> date:
    """The day of ``year`` that a profile's ``MM-DD`` names (deadlines, expected-by days)."""
    month, day = map(int, month_day.split("-"))
    return date(year, month, day)


def iso(dates: list[date]) -> list[str]:
    return [d.isoformat() for d in dates]
