"""Publication-date integrity across audits of one site: back-dated entries (倒签) and dates edited in place.

国办秘函〔2019〕19号 counts forged publication dates among the 严重问题. One audit cannot see a forged date; two
can: an entry that appears in a list after an earlier audit read that part of the list without it, yet claims a
date before that audit, was put there with a date it did not have (DATE-BACK-01). An entry listed by both audits
under two different dates had its date edited in place (DATE-EDIT-01). Both are advice (提示), never a veto.

Runs relate as ``checks.history`` says (same site name, else the same start URL without its origin); entries
are matched by their URL without its origin, so a loopback port or a change of scheme keeps them. What keeps
this from accusing on missing evidence:

- an earlier audit "read the list without it" only where it read the whole list (every page its pagers link to
  fetched), or where the list's first page lists newest first and the entry's date is not older than the oldest
  entry of that first page (a back-dated entry newer than those would have been on it);
- the entry is new only if no earlier audit saw it anywhere (in any list, as a page or a link) nor listed an entry
  of the same title (a document moved to a new address, or published again, is not a new one);
- a list whose entries the earlier audit saw are mostly gone from the same span of dates (the site moved to new
  addresses, a CMS migration) is not compared at all (``date_integrity.min_continuity``);
- dates whose year was inferred from the audit date (推定) are never used, nor dates later than the list's fetch;
- a date a few days before the earlier audit may be a document's approval date, published after that crawl
  (``date_integrity.grace_days``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from checks.history import site_runs, strip_origin
from checks.model import Evidence, Finding, Status, department_label
from crawler import store

if TYPE_CHECKING:
    from checks.facts import Facts

SUBJECT = "各栏目信息的发布日期"
MIN_SORTED = 3  # dated entries a first page needs before its order (newest first) is trusted


@dataclass
class Listed:
    key: str  # the entry's URL without its origin (or its title, where it has no page of its own)
    url: str
    title: str
    date: date | None
    date_raw: str
    date_source: str
    url_date: str
    list_url: str


@dataclass
class ColumnRead:
    """What one audit read of one column: its entries, whether it read every page, its first page."""

    department: str
    path: list[str]
    entries: list[Listed] = field(default_factory=list)
    full: bool = True
    first_url: str = ""
    first_oldest: date | None = None  # oldest date of the first page, when that page lists newest first

    @property
    def name(self) -> str:
        return " > ".join(self.path)

    def covers(self, day: date) -> bool:
        """Whether an entry dated ``day`` would have been among what was read."""
        return bool(self.entries) and (self.full or (self.first_oldest is not None and day >= self.first_oldest))


@dataclass
class Snapshot:
    """One audit of the site, as these checks compare it."""

    run: dict[str, Any]
    day: date  # when it read the site: its as-of date, or its crawl's start if earlier
    columns: dict[tuple[str, str], ColumnRead]
    seen: set[str]  # keys of every entry it listed, anywhere, of every page it tried and every URL linked
    by_key: dict[str, tuple[ColumnRead, Listed]]  # an entry's first listing in a column
    titles: set[str]  # titles of every entry it listed

    @property
    def label(self) -> str:
        return f"第 {self.run['id']} 次审计（检查基准日 {self.run['as_of']}）"


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _key(url: str, list_url: str, title: str) -> str:
    if not url or url == list_url:
        return "title:" + title
    return strip_origin(url)


def snapshot(db: Any, run: dict[str, Any]) -> Snapshot:
    run_id = run["id"]
    started = _day(run.get("started_at"))
    as_of = _day(run["as_of"]) or date.min
    day = min(as_of, started) if started else as_of
    pages = {r["url"]: r for r in db.query(
        "select url, fetch_state, page_kind, column_path, department, pager, depth, fetched_at from pages "
        "where run_id = ?", [run_id])}
    if any(r["pager"] is None for r in pages.values()):  # packed (crawler.store.pack_page): read from there
        packed = {r["url"]: store.unpack_page(r).get("pager") for r in db.query(
            "select url, pager, packed from pages where run_id = ? and pager is null", [run_id])}
        for url, pager in packed.items():
            pages[url]["pager"] = pager
    seen = {strip_origin(u) for u in pages}  # a page tried, or linked (below), existed then
    seen.update(strip_origin(r[0]) for r in db.execute("select url from urls where run_id = ?", [run_id]))  # linked
    columns: dict[tuple[str, str], ColumnRead] = {}

    def column_of(page: dict[str, Any]) -> ColumnRead | None:
        path = json.loads(page["column_path"] or "[]")
        if not path or page["depth"] == 0:  # the home page's blocks repeat the columns' newest entries
            return None
        key = (page["department"] or "", json.dumps(path, ensure_ascii=False))
        if key not in columns:
            columns[key] = ColumnRead(page["department"] or "", path)
        return columns[key]

    for page in pages.values():
        if page["page_kind"] != "list":
            continue
        column = column_of(page)
        if column is None:
            continue
        if page["fetch_state"] != "ok":
            column.full = False
            continue
        for other in json.loads(page["pager"] or "[]"):
            target = pages.get(other)
            if target is None or target["fetch_state"] != "ok":
                column.full = False
    first_pages = {(r["department"] or "", r["path"]): r["url"] for r in db.query(
        "select department, path, url from columns where run_id = ?", [run_id])}
    by_key: dict[str, tuple[ColumnRead, Listed]] = {}
    titles: set[str] = set()
    first_dates: dict[str, list[date | None]] = defaultdict(list)
    for r in db.query("select * from entries where run_id = ? order by rowid", [run_id]):
        seen.add(_key(r["url"], r["list_url"], r["title"] or ""))
        titles.add((r["title"] or "").strip())
        page = pages.get(r["list_url"])
        if page is None or page["page_kind"] != "list":  # an article's 相关信息 block is no list of the column
            continue
        column = column_of(page)
        if column is None:
            continue
        entry_date = _day(r["date"])
        fetched = _day(page.get("fetched_at"))
        if r.get("date_source") == "as_of" or (entry_date and fetched and entry_date > fetched):
            entry_date = None  # 推定, or later than the list's fetch: not a date the site claims
        listed = Listed(_key(r["url"], r["list_url"], r["title"] or ""), r["url"], r["title"] or "", entry_date,
                        r.get("date_raw") or "", r.get("date_source") or "", r.get("url_date") or "", r["list_url"])
        column.entries.append(listed)
        by_key.setdefault(listed.key, (column, listed))
        if r["list_url"] == first_pages.get((column.department, json.dumps(column.path, ensure_ascii=False))):
            first_dates[r["list_url"]].append(entry_date)
    for column in columns.values():
        column.first_url = first_pages.get((column.department, json.dumps(column.path, ensure_ascii=False)), "")
        dated = [d for d in first_dates.get(column.first_url, []) if d is not None]
        if len(dated) >= MIN_SORTED and all(a >= b for a, b in zip(dated, dated[1:], strict=False)):
            column.first_oldest = dated[-1]
    return Snapshot(run, day, columns, seen, by_key, titles)


def continuity(before: ColumnRead, now: ColumnRead) -> float | None:
    """Of the entries the earlier audit listed in the span of dates this one read, the share still listed; None
    when that span holds none of them (nothing to say whether the list kept its addresses)."""
    dated = [e.date for e in now.entries if e.date is not None]
    if not dated:
        return None
    since = min(dated)
    window = {e.key for e in before.entries if e.date is not None and e.date >= since}
    if not window:
        return None
    return len(window & {e.key for e in now.entries}) / len(window)


@dataclass
class History:
    now: Snapshot
    earlier: list[Snapshot]  # oldest first
    grace: timedelta
    min_continuity: float

    def comparable(self, snap: Snapshot, key: tuple[str, str]) -> ColumnRead | None:
        before, now = snap.columns.get(key), self.now.columns.get(key)
        if before is None or now is None or not before.entries:
            return None
        share = continuity(before, now)
        return before if share is not None and share >= self.min_continuity else None


def load_history(facts: Facts) -> History | None:
    """This audit and the earlier audits of the same site; None when there is none before it (read once for both
    checks)."""
    if "date_history" not in facts.memo:
        facts.memo["date_history"] = _load_history(facts)
    return facts.memo["date_history"]


def _load_history(facts: Facts) -> History | None:
    settings = facts.profile.get("date_integrity") or {}
    runs = site_runs(facts.db, facts.run_id)
    if len(runs) < 2:
        return None
    return History(snapshot(facts.db, runs[-1]), [snapshot(facts.db, r) for r in runs[:-1]],
                   timedelta(days=int(settings.get("grace_days", 1))), float(settings.get("min_continuity", 0.5)))


def first_audit() -> Finding:
    return Finding(Status.UNKNOWN, SUBJECT, "本站首次审计，此前没有同一站点的审计记录可比对，无法判定信息的发布日期是否倒签；"
                   "下次审计时与本次比对",
                   evidence=Evidence(notes=["信息首次出现的时间需两次以上审计才能确定"]))


def back_dated(facts: Facts) -> Iterator[Finding]:
    history = load_history(facts)
    if history is None:
        yield first_audit()
        return
    now = history.now
    compared: set[tuple[str, str]] = set()
    undecided = relisted = 0
    flagged = 0
    seen_before = set().union(*(s.seen for s in history.earlier))
    titles_before = set().union(*(s.titles for s in history.earlier))
    for key, column in sorted(now.columns.items()):
        reads = [(snap, history.comparable(snap, key)) for snap in history.earlier]
        reads = [(snap, read) for snap, read in reads if read is not None]
        if reads:
            compared.add(key)
        done: set[str] = set()
        for entry in column.entries:
            if entry.key in seen_before or entry.key in done or entry.date is None:
                continue
            done.add(entry.key)
            if entry.title.strip() in titles_before:  # listed before under another address: moved, maybe re-dated
                relisted += 1
                continue
            claimed_before = [(snap, read) for snap, read in reads if entry.date < snap.day - history.grace]
            covering = [(snap, read) for snap, read in claimed_before if read.covers(entry.date)]
            if not covering:
                if any(entry.date < snap.day - history.grace for snap in history.earlier):
                    undecided += 1
                continue
            snap, read = covering[-1]  # the latest audit that read this part of the list without it
            flagged += 1
            yield back_dated_finding(now, column, entry, snap, read, len(history.earlier))
    if not compared:
        yield Finding(Status.UNKNOWN, SUBJECT,
                      "以往审计读取的栏目与本次无法比对（栏目未重复读取，或栏目中的信息网址大多已变化，可能是网站改版），"
                      "无法判定是否倒签",
                      evidence=Evidence(notes=[f"比对的以往审计：{'、'.join(s.label for s in history.earlier)}"]))
        return
    if flagged:
        return
    previous = history.earlier[-1]
    notes = [f"与{previous.label}等 {len(history.earlier)} 次以往审计比对了 {len(compared)} 个栏目"]
    if relisted:
        notes.append(f"{relisted} 条信息网址变了而标题以往已列出过（迁移或重新发布），不按新信息判定")
    if undecided:
        notes.append(f"另有 {undecided} 条新出现的信息标注日期早于以往审计，但那次审计未读到该栏目相应的部分"
                     "（只读了部分页面），不作判定")
    yield Finding(Status.PASSED, SUBJECT, "以往审计读过的栏目中，新出现的信息没有标注早于那次审计的发布日期",
                  url=now.run["start_url"] or "", evidence=Evidence(dates=[previous.run["as_of"], now.run["as_of"]],
                                                                    notes=notes))


def back_dated_finding(now: Snapshot, column: ColumnRead, entry: Listed, snap: Snapshot, read: ColumnRead,
                       earlier: int) -> Finding:
    claimed = entry.date.isoformat() if entry.date else ""
    how = (f"读取了该栏目的全部 {len({e.list_url for e in read.entries})} 个列表页" if read.full else
           f"读取了该栏目第一页（按日期从新到旧排列，最早一条为 {read.first_oldest}），标注 {claimed} 的信息应在其中")
    neighbours = sorted((e for e in read.entries if e.date is not None), key=lambda e: abs((e.date - entry.date).days))[:3]
    around = "；".join(f"{e.date} “{e.title}”" for e in sorted(neighbours, key=lambda e: e.date, reverse=True))
    notes = [
        f"{snap.label}于 {snap.day} 读取栏目“{column.name}”（{department_label(column.department)}，"
        f"{read.first_url or read.entries[0].list_url}）：{how}，"
        f"其中没有这条信息" + (f"；当时该栏目日期相近的信息：{around}" if around else ""),
        f"本次审计（检查基准日 {now.run['as_of']}）在 {entry.list_url} 列出“{entry.title}”，"
        f"标注发布日期 {claimed}，早于{snap.label}读取该栏目的 {snap.day}",
        f"以往 {earlier} 次审计在任何列表、页面和链接中都未见这条信息：它首次出现于本次审计",
    ]
    if entry.url_date and not claimed.startswith(entry.url_date[:7]):
        notes.append(f"该信息网址中的日期为 {entry.url_date}，与标注的发布日期不一致")
    return Finding(
        Status.FAILED,
        f"“{entry.title}”（标注 {claimed}）",
        f"疑似倒签：该信息在{snap.label}之后才出现在“{column.name}”栏目，却标注了早于那次审计的发布日期 {claimed}",
        department=column.department,
        url=entry.url or entry.list_url,
        evidence=Evidence(urls=list(dict.fromkeys(u for u in (entry.list_url, entry.url,
                                                              read.first_url or read.entries[0].list_url) if u)),
                          dates=[claimed, snap.run["as_of"], now.run["as_of"]], notes=notes),
        item=column.name,
    )


def dates_edited(facts: Facts) -> Iterator[Finding]:
    history = load_history(facts)
    if history is None:
        yield first_audit()
        return
    now = history.now
    common = 0
    edited = 0
    done: set[str] = set()
    for _key, column in sorted(now.columns.items()):
        for entry in column.entries:
            if entry.key in done or entry.date is None:
                continue
            # the latest earlier audit that listed it with a date the site gave
            before = next(((snap, snap.by_key[entry.key]) for snap in reversed(history.earlier)
                           if entry.key in snap.by_key and snap.by_key[entry.key][1].date is not None), None)
            if before is None:
                continue
            done.add(entry.key)
            common += 1
            snap, (old_column, old) = before
            if old.date == entry.date or old.date_raw == entry.date_raw:
                continue  # the same text read another way is the reader's change, not the site's
            edited += 1
            first = next(s for s in history.earlier if entry.key in s.by_key)
            yield Finding(
                Status.FAILED,
                f"“{entry.title}”（{old.date} → {entry.date}）",
                f"已发布信息的发布日期被改动：{snap.label}列出时为 {old.date}，本次为 {entry.date}",
                department=column.department,
                url=entry.url or entry.list_url,
                evidence=Evidence(
                    urls=list(dict.fromkeys(u for u in (entry.list_url, entry.url, old.list_url) if u)),
                    dates=[old.date.isoformat(), entry.date.isoformat(), snap.run["as_of"], now.run["as_of"]],
                    notes=[f"{snap.label}在 {old.list_url} 列出，日期“{old.date_raw or old.date}”",
                           f"本次审计在 {entry.list_url} 列出，日期“{entry.date_raw or entry.date}”",
                           f"该信息首次出现于{first.label}，当时日期 {first.by_key[entry.key][1].date}"]),
                item=column.name,
            )
    if edited:
        return
    if not common:
        yield Finding(Status.UNKNOWN, SUBJECT, "本次与以往审计没有共同列出的信息，无法比对发布日期是否被改动",
                      evidence=Evidence(notes=[f"比对的以往审计：{'、'.join(s.label for s in history.earlier)}"]))
        return
    yield Finding(Status.PASSED, SUBJECT, f"本次与以往审计都列出的 {common} 条信息，发布日期均未改动",
                  url=now.run["start_url"] or "",
                  evidence=Evidence(dates=[history.earlier[-1].run["as_of"], now.run["as_of"]]))
