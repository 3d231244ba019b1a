"""Verdicts shared by checks: when an absence may be called "missing" and when it is UNKNOWN."""

from __future__ import annotations

from datetime import date

from checks.facts import Located
from checks.model import Evidence, Finding, Status

MAX_NOTES = 8


def absence(
    check_id: str,
    *,
    subject: str,
    department: str,
    what: str,
    where: str,
    located: Located,
    area_blockers: list[str],
) -> Finding:
    """A finding for something not seen: FAILED only where everything that could hold it was seen."""
    if located.found and not located.blockers:
        return Finding(
            check_id, Status.FAILED, subject, f"在“{where}”栏目中未找到{what}", department, located.url,
            Evidence(urls=[p.url for p in located.pages][:MAX_NOTES] or [located.url],
                     notes=[f"已检查“{where}”栏目的全部 {len(located.pages)} 个页面"]),
        )
    if located.found:
        return Finding(
            check_id, Status.UNKNOWN, subject, f"未找到{what}，但“{where}”栏目有页面无法获取，无法判定",
            department, located.url, Evidence(urls=[located.url], notes=located.blockers[:MAX_NOTES]),
        )
    if area_blockers:
        return Finding(
            check_id, Status.UNKNOWN, subject, f"未找到“{where}”栏目及{what}，但部分页面无法获取，无法判定",
            department, "", Evidence(notes=area_blockers[:MAX_NOTES]),
        )
    return Finding(
        check_id, Status.FAILED, subject, f"未找到“{where}”栏目，也未找到{what}", department, "",
        Evidence(notes=["已抓取的页面中既无该栏目，也无该信息；抓取未受上限或错误影响"]),
    )


def column_key(department: str, name: str) -> str:
    """What scoring uses to tell that two findings are about the same column."""
    return f"{department}/{name}"


def iso(dates: list[date]) -> list[str]:
    return [d.isoformat() for d in dates]
