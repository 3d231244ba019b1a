"""The key areas the seed report names (重大建设项目, 保障性住房 …): published, and updated.

An area is covered by a column named for it, or by documents about it listed in a broader column of the
政府信息公开 tree (低保 notices under 社会救助, school fees under 教育): the vocabulary is the one GK-FDZD uses
(``checks.topics``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checks.common import MAX_NOTES, column_key, entry_dates
from checks.facts import Facts
from checks.freshness import stale_or_fresh
from checks.model import Evidence, Finding, Status
from checks.topics import Coverage, listed_in, look_for, not_found


def areas_present(facts: Facts) -> Iterator[Finding]:
    """AREA-01: each key area has a column (or documents in the disclosure tree) updated within the period."""
    rules = facts.profile["areas"]
    for area, refs in rules["required"].items():
        subject = f"重点领域：{area}"
        coverage = look_for(facts, refs)
        pages = facts.readable(coverage.located)
        if pages:
            yield _by_column(facts, coverage, subject, rules["period_days"])
        elif coverage.docs:
            yield _by_documents(facts, coverage, subject, area, rules["period_days"])
        else:
            yield not_found(facts, coverage, subject=subject, what=area)


def _judge(facts: Facts, subject: str, dates: list[date], *, period: int, what: str, url: str, evidence: Evidence,
           blockers: list[str], item: str, latest: str = "最新信息") -> Finding:
    if dates and (facts.as_of - max(dates)).days <= period:
        evidence.dates = [max(dates).isoformat()]
        return Finding(Status.PASSED, subject, f"{what}{latest}发布于 {max(dates).isoformat()}", url=url, evidence=evidence,
                       item=item)
    if blockers:
        return Finding(Status.UNKNOWN, subject, f"{what}近期无更新，但有页面无法获取，无法判定", url=url,
                       evidence=Evidence(urls=evidence.urls, notes=blockers[:MAX_NOTES]), item=item)
    if dates:
        newest = max(dates)
        evidence.dates = [newest.isoformat()]
        return Finding(Status.FAILED, subject, f"{what}已 {(facts.as_of - newest).days} 天未更新（{latest} {newest.isoformat()}）",
                       url=url, evidence=evidence, item=item)
    return Finding(Status.FAILED, subject, f"{what}没有带日期的信息，视为未更新", url=url, evidence=evidence, item=item)


def _by_column(facts: Facts, coverage: Coverage, subject: str, period: int) -> Finding:
    pages = facts.readable(coverage.located)
    urls = sorted({p.url for p in pages})
    column = pages[0].column_name or pages[0].anchor
    # the entries' dates as read (their article's where the list gives none); a year inferred (推定) never alone
    # makes the area stale
    dated = entry_dates(facts, [e for u in urls for e in facts.entries_by_list.get(u, [])])
    dated.read += [p.pub_date for p in pages if p.pub_date and p.pub_date <= facts.as_of]
    what, item = f"栏目“{column}”", column_key("", column)
    notes = [f"栏目“{column}”，要求 {period} 天内有更新（可配置）"]
    newest = dated.newest
    if newest is not None and (not dated.read or (facts.as_of - newest).days <= period):
        return stale_or_fresh(facts, dated, period, subject=subject, url=urls[0], what=what, notes=notes, item=item)
    evidence = Evidence(urls=urls[:MAX_NOTES], notes=[*notes, *dated.notes[:MAX_NOTES]])
    return _judge(facts, subject, dated.read, period=period, what=what, url=urls[0], evidence=evidence,
                  blockers=coverage.located.blockers, item=item)


def _by_documents(facts: Facts, coverage: Coverage, subject: str, area: str, period: int) -> Finding:
    """No column named for the area: its documents in broader columns are the evidence."""
    docs = coverage.docs
    columns = list(dict.fromkeys(listed_in(facts, d) for d in docs))
    dates = [d for doc in docs for d in doc.dates if d <= facts.as_of]
    what = f"{area}相关信息（见“{'、'.join(columns[:3])}”栏目）"
    evidence = Evidence(urls=[d.url for d in docs][:MAX_NOTES], notes=[
        f"未设置名为{'、'.join(coverage.terms.columns)}的栏目；{len(docs)} 条相关信息：" + "；".join(d.title for d in docs[:3]),
        f"{area}信息要求 {period} 天内有更新（可配置）"])
    blockers = sorted(set(coverage.located.blockers + facts.unseen([facts.pages[d.where] for d in docs
                                                                    if d.where in facts.pages])))
    return _judge(facts, subject, dates, period=period, what=what, url=docs[0].url, evidence=evidence, blockers=blockers, item="",
                  latest="最新一条")
