"""Helpers shared by checks: when an absence may be called "missing" and when it is UNKNOWN, a channel linked
on another host, the home page that cannot be read, how much of the crawl a sampling check looked at, and dates
(an entry's date as read or inferred, a profile's MM-DD days, ISO lists)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from checks.facts import COLUMN_ANCHOR_MAX, Entry, Facts, Located, Page
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
        fetched, not_fetched = facts.fetched_pages(located)
        url = located.list_url(department)  # the list searched, not an article filed under it
        searched = sorted(fetched, key=lambda p: (p.url != url, p.page_kind != "list", p.url))
        return Finding(
            Status.FAILED, subject, f"在“{where}”栏目中未找到{what}", department, url,
            Evidence(urls=[p.url for p in searched][:MAX_NOTES] or [url],
                     notes=[f"已检查“{where}”栏目已抓取的全部 {len(fetched)} 个页面", *not_fetched][:MAX_NOTES]),
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
        Evidence(notes=[f"已抓取的页面中既无该栏目，也无该信息；{facts.crawl_note()}"]),
    )


def readable_or_absence(
    facts: Facts, located: Located, *, subject: str, what: str, where: str, department: str = "",
) -> tuple[list[Page], Finding | None]:
    """The readable pages of a located column, or (none readable) no pages and the :func:`absence` finding."""
    pages = facts.readable(located)
    if pages:
        return pages, None
    return [], absence(facts, located, subject=subject, what=what, where=where, department=department)


def channel_or_absence(
    facts: Facts, located: Located, *, subject: str, what: str, where: str, department: str = "",
) -> tuple[list[Page], Finding | None]:
    """:func:`readable_or_absence` for a channel (领导信箱, 12345, 政务服务) that many sites host on another
    domain: a link to it there, named as the channel, is the evidence that it is provided (PASSED, the link as
    evidence); only where no such link exists does the absence decide."""
    pages = facts.readable(located)
    if pages:
        return pages, None
    named = [lk for lk in located.offsite if len(lk.anchor) <= COLUMN_ANCHOR_MAX]
    if named:
        link = named[0]
        return [], Finding(
            Status.PASSED, subject, f"已设置“{link.anchor}”，链接至其他网站 {link.to_url}", department, link.to_url,
            Evidence(urls=[link.to_url, link.from_url],
                     notes=[f"{link.from_url} 上的链接“{link.anchor}”指向 {link.to_url}（其他主机，未抓取；以链接为证）"]),
        )
    return [], absence(facts, located, subject=subject, what=what, where=where, department=department)


def crawl_scope(facts: Facts, looked_at: int, what: str = "页面") -> str:
    """How much of the site a sampling check looked at, and whether the crawl saw all of it."""
    failed = sum(1 for p in facts.pages.values() if not p.ok and facts.hides(p))
    said = f"共检查已抓取的 {looked_at} 个{what}"
    if facts.limit_cut_only_rest:
        return said + f"；抓取受上限限制提前停止，其他栏目的后续页和抽样以外的文章共 {facts.refused_rest} 个页面未检查"
    if facts.truncated:
        return said + "；抓取因页数、深度或时间上限提前停止，未抓取的页面未检查"
    if failed:
        return said + f"；另有 {failed} 个页面未能获取，未检查"
    return said + "；抓取完整（未受上限影响，所有发现的页面均已获取）"


@dataclass
class Dated:
    """The dates of a set of items as a check may use them: read ones decide, inferred ones (推定) only add."""

    read: list[date] = field(default_factory=list)
    inferred: list[date] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def newest(self) -> date | None:
        return max(self.read + self.inferred, default=None)

    @property
    def newest_read(self) -> date | None:
        return max(self.read, default=None)

    @property
    def newest_is_inferred(self) -> bool:
        return bool(self.inferred) and (not self.read or max(self.inferred) > max(self.read))

    def shown(self, day: date) -> str:
        """A date as a finding shows it: 推定 when its year was inferred."""
        return f"{day.isoformat()}（推定）" if day in self.inferred and day not in self.read else day.isoformat()


def entry_dates(facts: Facts, entries: list[Entry], *, until: date | None = None) -> Dated:
    """The dates of list entries (their own page's where the list gives none), up to ``until`` (the audit date),
    with the notes a reader needs (推定, conflicting dates, dates not taken)."""
    until = until or facts.as_of
    dated = Dated()
    for e in entries:
        article = facts.pages.get(e.url)
        own = article.pub_date if article is not None and article.ok else None
        day, inferred = (e.date, e.inferred) if e.date else (own, False)
        if e.date_note:
            dated.notes.append(e.date_note)
        if day is not None and not e.date and article is not None:
            dated.notes += article.date_notes
        if day is None or day > until:
            continue
        (dated.inferred if inferred else dated.read).append(day)
    dated.notes = list(dict.fromkeys(dated.notes))
    return dated


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
