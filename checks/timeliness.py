"""条例 第二十六条: information published within 20 working days of being formed.

Judged only where a page states both its 成文日期 and its 发布日期 (pages.dates keeps every date with its
source; ``Facts`` leaves out any later than the page's fetch). A sample, not the whole site: each finding says
how many articles were read and whether the crawl was complete. Working days are Monday to Friday, less the profile's extra holidays; a document is late only
when even that count exceeds the limit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from checks.common import crawl_scope
from checks.facts import Facts, Page
from checks.model import Evidence, Finding, Status


def working_days_between(start: date, end: date, holidays: set[date]) -> int:
    """Working days after ``start`` up to and including ``end``."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            days += 1
    return days


def _first(page: Page, sources: list[str]) -> date | None:
    found = []
    for d in page.dates:
        if d.get("source") in sources:
            try:
                found.append(date.fromisoformat(d["date"]))
            except (KeyError, ValueError):
                continue
    return min(found) if found else None


def published_in_time(facts: Facts) -> Iterator[Finding]:
    rule = facts.profile["timeliness"]
    holidays = {date.fromisoformat(str(d)) for d in rule.get("holidays") or []}
    limit = rule["working_days"]
    judged: dict[str, list[tuple[Page, date, date, int]]] = defaultdict(list)
    for page in facts.pages.values():
        if not page.ok or page.page_kind != "article":
            continue
        formed, published = _first(page, rule["formed_sources"]), _first(page, rule["published_sources"])
        if formed and published and formed <= published:
            judged[page.department].append((page, formed, published, working_days_between(formed, published, holidays)))
    articles = sum(1 for p in facts.pages.values() if p.ok and p.page_kind == "article")
    scope = crawl_scope(facts, articles, "文章页")
    if not judged:
        yield Finding(Status.UNKNOWN, "信息公开时限", "没有页面同时标明成文日期和发布日期，无法判定是否在20个工作日内公开",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url], notes=[scope]))
        return
    for dept in sorted(judged):
        rows = judged[dept]
        late = sorted((r for r in rows if r[3] > limit), key=lambda r: -r[3])
        subject = f"{facts.unit_label(dept)} 信息公开时限"
        sample = f"本单位 {len(rows)} 篇信息同时标明成文日期和发布日期，据此核对；{scope}"
        if not late:
            yield Finding(Status.PASSED, subject, f"{len(rows)} 篇标明成文日期的信息均在 {limit} 个工作日内发布", dept,
                          rows[0][0].url, Evidence(urls=[r[0].url for r in rows][:3], notes=[sample]))
            continue
        notes = [f"{p.title or p.url}：成文 {f.isoformat()}，发布 {pub.isoformat()}，相隔 {n} 个工作日"
                 for p, f, pub, n in late[: rule["examples"]]]
        notes.append("工作日按周一至周五计算" + ("，并扣除配置的节假日" if holidays else ""))
        notes.append(sample)
        yield Finding(Status.FAILED, subject,
                      f"{len(late)} 篇信息自成文之日起超过 {limit} 个工作日才发布（共核对 {len(rows)} 篇）", dept, late[0][0].url,
                      Evidence(urls=[r[0].url for r in late][: rule["examples"]],
                               dates=sorted({d.isoformat() for r in late for d in r[1:3]}), notes=notes))
