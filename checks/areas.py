"""The key areas the seed report names (重大建设项目, 保障性住房 …): a column for each, updated."""

from __future__ import annotations

from collections.abc import Iterator

from checks.common import MAX_NOTES, column_key, readable_or_absence
from checks.facts import Facts
from checks.model import Evidence, Finding, Status


def areas_present(facts: Facts) -> Iterator[Finding]:
    rules = facts.profile["areas"]
    period = rules["period_days"]
    for area, names in rules["required"].items():
        subject = f"重点领域：{area}"
        located = facts.locate(names, "", columns_only=True)
        pages, missing = readable_or_absence(facts, located, subject=subject, what=f"“{area}”栏目（{'、'.join(names)}）",
                                             where=area)
        if missing:
            yield missing
            continue
        urls = {p.url for p in pages}
        column = pages[0].column_name or pages[0].anchor
        dates = [e.date for u in urls for e in facts.entries_by_list.get(u, []) if e.date and e.date <= facts.as_of]
        dates += [p.pub_date for p in pages if p.pub_date and p.pub_date <= facts.as_of]
        evidence = Evidence(urls=sorted(urls)[:MAX_NOTES], notes=[f"栏目“{column}”，要求 {period} 天内有更新（可配置）"])
        item = column_key("", column)
        if dates and (facts.as_of - max(dates)).days <= period:
            evidence.dates = [max(dates).isoformat()]
            yield Finding(Status.PASSED, subject, f"栏目“{column}”最新信息发布于 {max(dates).isoformat()}",
                          url=sorted(urls)[0], evidence=evidence, item=item)
        elif located.blockers:
            yield Finding(Status.UNKNOWN, subject, f"栏目“{column}”近期无更新，但有页面无法获取，无法判定",
                          url=sorted(urls)[0], evidence=Evidence(urls=evidence.urls, notes=located.blockers[:MAX_NOTES]),
                          item=item)
        elif dates:
            newest = max(dates)
            evidence.dates = [newest.isoformat()]
            yield Finding(Status.FAILED, subject,
                          f"栏目“{column}”已 {(facts.as_of - newest).days} 天未更新（最新信息 {newest.isoformat()}）",
                          url=sorted(urls)[0], evidence=evidence, item=item)
        else:
            yield Finding(Status.FAILED, subject, f"栏目“{column}”没有带日期的信息，视为未更新", url=sorted(urls)[0],
                          evidence=evidence, item=item)
