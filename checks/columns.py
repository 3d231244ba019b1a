"""Every column's freshness against its type's period, and the 19号 veto counts built on it.

A column is the set of fetched list pages sharing a unit and a column name. Its newest item is the newest
date among its entries (or their article pages); items with no date count as not updated [practice]; a date
whose year was inferred (推定) never alone makes a column stale. Its type comes from its name, its ColumnType
tag, its parents or its entries (``freshness.infer_type``); the columns no type could be read for are named in
the veto findings' notes. Home-page blocks are judged by UPD-COL-01; here they count towards the veto totals only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from checks.common import MAX_NOTES, column_key, entry_dates, home_unreadable
from checks.facts import Facts, Page
from checks.freshness import blank_lists, infer_type
from checks.model import Evidence, Finding, Status


@dataclass
class ColumnAge:
    department: str
    name: str
    url: str
    type_name: str
    period: int
    first_level: bool
    on_home: bool
    status: Status
    message: str
    newest: date | None = None
    shown: str = ""  # the newest date as a finding shows it (推定 when its year was inferred)
    notes: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return column_key(self.department, self.name)


def home_blocks(facts: Facts) -> set[str]:
    return {e.block for e in facts.entries if e.list_url == facts.home_url and e.block}


def list_columns(facts: Facts) -> dict[tuple[str, str], list[Page]]:
    """Fetched list pages (not the home page) by (unit, column name), pager pages included."""
    groups: dict[tuple[str, str], list[Page]] = defaultdict(list)
    for page in facts.pages.values():
        if page.ok and page.page_kind == "list" and page.column_name and page.url != facts.home_url:
            groups[(page.department, page.column_name)].append(page)
    return groups


def column_ages(facts: Facts) -> list[ColumnAge]:
    """The freshness of every typed column of the site, home-page blocks included (cached); the columns whose
    type could not be read are kept in ``facts._untyped_columns`` (unit, name, why)."""
    if hasattr(facts, "_column_ages"):
        return facts._column_ages
    ages: list[ColumnAge] = []
    untyped: list[tuple[str, str, str]] = []
    blocks = home_blocks(facts)
    for (dept, name), pages in sorted(list_columns(facts).items()):
        urls = {p.url for p in pages}
        entries = [e for u in sorted(urls) for e in facts.entries_by_list.get(u, [])]
        if not entries:
            continue  # a blank column: UPD-BLANK-01
        kind, how = infer_type(facts, name, pages, entries)
        if kind is None:
            untyped.append((dept, name, how))
            continue
        age = _age(facts, dept, name, sorted(urls)[0], kind, entries, pages, on_home=dept == "" and name in blocks)
        if how:
            age.notes.insert(1, how)
        ages.append(age)
    for name in sorted(blocks):
        if any(a.department == "" and a.name == name for a in ages):
            continue
        entries = [e for e in facts.entries if e.list_url == facts.home_url and e.block == name]
        kind, how = infer_type(facts, name, [], entries)
        if kind is None:
            continue  # UPD-COL-01 names it
        ages.append(_age(facts, "", name, facts.home_url, kind, entries, [], on_home=True))
    facts._column_ages = ages
    facts._untyped_columns = untyped
    return ages


def untyped_notes(facts: Facts) -> list[str]:
    """The columns not judged because no type could be read for them, and why."""
    column_ages(facts)
    rows = facts._untyped_columns
    if not rows:
        return []
    names = "、".join(f"{facts.unit_label(d)}“{n}”" for d, n, _ in rows[:MAX_NOTES * 2])
    more = f" 等 {len(rows)} 个" if len(rows) > MAX_NOTES * 2 else ""
    return [f"未按更新周期判定的栏目（{rows[0][2]}）：{names}{more}"]


def _age(facts: Facts, dept: str, name: str, url: str, kind: dict, entries: list, pages: list[Page], *,
         on_home: bool) -> ColumnAge:
    period = kind["period_days"]
    dated = entry_dates(facts, entries)
    undated_unseen: list[str] = []
    undated = dropped = 0
    for e in entries:
        article = facts.pages.get(e.url)
        if e.date or (article is not None and article.ok and article.pub_date):
            continue
        if e.date_dropped:
            dropped += 1
        else:
            undated += 1
        if e.date_dropped or article is None or not article.ok:
            undated_unseen.append(e.url)
    age = ColumnAge(dept, name, url, kind["type"], period, bool(kind.get("first_level")), on_home, Status.PASSED, "")
    age.notes.append(f"栏目类型：{kind['type']}，更新周期 {period} 天")
    if undated:
        age.notes.append(f"{undated} 条信息没有日期，视为未更新")
    age.notes += dated.notes[:MAX_NOTES]
    if any(p.script_rendered for p in pages):
        age.status, age.message = Status.UNKNOWN, "栏目列表由脚本生成，无法判定更新情况"
        return age
    newest = dated.newest
    age.newest = newest
    shown = age.shown = dated.shown(newest) if newest else ""
    if newest is not None and (facts.as_of - newest).days <= period:
        age.message = f"最新信息发布于 {shown}"
    elif undated_unseen:
        age.status = Status.UNKNOWN
        age.message = f"{len(undated_unseen)} 条信息的日期无法采用且其页面无法获取，无法判定更新情况"
        age.notes += undated_unseen[:MAX_NOTES]
    elif newest is None:
        age.status, age.message = Status.FAILED, f"栏目中 {undated} 条信息均无发布日期，视为未更新"
    elif not dated.read:
        age.status = Status.UNKNOWN
        age.message = f"栏目信息仅显示月日，年份无法确认（最新 {shown}），无法判定是否更新"
        age.notes.append("所有日期均为推定（列表仅显示月日，年份按审计日期推定），不能据此认定未更新")
    else:
        days = (facts.as_of - newest).days
        age.status = Status.FAILED
        age.message = f"栏目已 {days} 天未更新（最新信息 {shown}，更新周期 {period} 天）"
    return age


def columns_updated(facts: Facts) -> Iterator[Finding]:
    """UPD-TYPE-01: every column not on the home page, against its type's period."""
    found = False
    for age in column_ages(facts):
        if age.on_home:
            continue
        found = True
        yield Finding(age.status, f"{facts.unit_label(age.department)} 栏目“{age.name}”", age.message,
                      age.department, age.url,
                      Evidence(urls=[age.url], dates=[age.shown] if age.shown else [], notes=age.notes),
                      item=age.key)
    if not found:
        yield Finding(Status.UNKNOWN, "栏目更新", "未发现可按类型判定更新周期的栏目列表页",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url], notes=untyped_notes(facts)))


def _count_verdict(subject: str, facts: Facts, failed: list[ColumnAge], unknown: list[ColumnAge],
                   threshold: int, what: str) -> Finding:
    notes = [f"{facts.unit_label(a.department)} “{a.name}”：{a.message}" for a in failed][:MAX_NOTES * 2]
    notes += [f"无法判定：{facts.unit_label(a.department)} “{a.name}”：{a.message}" for a in unknown][:MAX_NOTES]
    notes += untyped_notes(facts)
    evidence = Evidence(urls=[a.url for a in failed][:MAX_NOTES] or [facts.home_url], notes=notes)
    if len(failed) >= threshold:
        return Finding(Status.FAILED, subject, f"{what}共 {len(failed)} 个，达到单项否决标准（{threshold} 个）",
                       url=facts.home_url, evidence=evidence)
    if len(failed) + len(unknown) >= threshold:
        return Finding(Status.UNKNOWN, subject,
                       f"{what} {len(failed)} 个，另有 {len(unknown)} 个栏目无法判定，可能达到 {threshold} 个", url=facts.home_url,
                       evidence=evidence)
    return Finding(Status.PASSED, subject, f"{what} {len(failed)} 个，未达到单项否决标准（{threshold} 个）",
                   url=facts.home_url, evidence=evidence)


def veto_first_level(facts: Facts) -> Iterator[Finding]:
    """UPD-VETO-A: 动态要闻 columns > 2 weeks plus 通知公告/政策文件 columns > 6 months, together ≥ 5."""
    if blocked := home_unreadable(facts, "栏目不更新（动态、通知公告、政策文件类）"):
        yield blocked
        return
    ages = [a for a in column_ages(facts) if a.first_level]
    yield _count_verdict("栏目不更新（动态、通知公告、政策文件类）", facts,
                         [a for a in ages if a.status == Status.FAILED], [a for a in ages if a.status == Status.UNKNOWN],
                         facts.profile["veto"]["stale_first_level_columns"], "超期未更新的动态、通知公告、政策文件类栏目")


def veto_stale_columns(facts: Facts) -> Iterator[Finding]:
    """UPD-VETO-B: columns that should update and have not, ≥ 10."""
    if blocked := home_unreadable(facts, "栏目不更新（应更新栏目）"):
        yield blocked
        return
    ages = column_ages(facts)
    yield _count_verdict("栏目不更新（应更新栏目）", facts,
                         [a for a in ages if a.status == Status.FAILED], [a for a in ages if a.status == Status.UNKNOWN],
                         facts.profile["veto"]["stale_columns"], "应更新而长期未更新的栏目")


def veto_blank_columns(facts: Facts) -> Iterator[Finding]:
    """UPD-BLANK-02: ≥ 5 blank columns."""
    subject = "空白栏目数量"
    if blocked := home_unreadable(facts, subject):
        yield blocked
        return
    blank, scripted, lists = blank_lists(facts)
    threshold = facts.profile["veto"]["blank_columns"]
    names = [f"{facts.unit_label(d)} “{n}”" for d, n in sorted(blank)]
    evidence = Evidence(urls=[u[0] for u in blank.values()][:MAX_NOTES] or [facts.home_url],
                        notes=names[:MAX_NOTES * 2] + [f"列表由脚本生成：{u}" for u in scripted[:MAX_NOTES]])
    if len(blank) >= threshold:
        yield Finding(Status.FAILED, subject, f"空白栏目共 {len(blank)} 个，达到单项否决标准（{threshold} 个）",
                      url=facts.home_url, evidence=evidence)
    elif len(blank) + len(scripted) >= threshold:
        yield Finding(Status.UNKNOWN, subject,
                      f"空白栏目 {len(blank)} 个，另有 {len(scripted)} 个列表由脚本生成无法判定", url=facts.home_url,
                      evidence=evidence)
    else:
        yield Finding(Status.PASSED, subject,
                      f"已检查 {lists} 个列表页，空白栏目 {len(blank)} 个，未达到单项否决标准（{threshold} 个）",
                      url=facts.home_url, evidence=evidence)
