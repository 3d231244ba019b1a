"""Freshness: the home page and its columns updated in time; no blank columns (19号 单项否决 items).

A column's type comes from its name, else from its ColumnType meta tag, its parent columns or what its entries
are (most titles 通知 …); a column none of these types is named, not skipped. Dates are the ones the site shows:
a month-day whose year was inferred (推定) never alone makes a column stale.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlsplit

from checks.common import MAX_NOTES, Dated, column_key, entry_dates, home_unreadable
from checks.facts import Entry, Facts, NameMatcher, Page
from checks.model import Evidence, Finding, Status

ENTRY_TYPE_MIN = 3  # entries needed before their titles may give a column its type


def home_updated(facts: Facts) -> Iterator[Finding]:
    subject = "首页"
    if blocked := home_unreadable(facts, subject):
        yield blocked
        return
    period = facts.profile["freshness"]["home_period_days"]
    dated = entry_dates(facts, [e for e in facts.entries if e.list_url == facts.home_url])
    if dated.newest is None:
        yield Finding(Status.UNKNOWN, subject, "首页未发现带日期的信息条目，无法判定更新情况",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url], notes=dated.notes[:MAX_NOTES]))
        return
    yield stale_or_fresh(facts, dated, period, subject=subject, url=facts.home_url, what="首页")


def stale_or_fresh(facts: Facts, dated: Dated, period: int, *, subject: str, url: str, what: str,
                   notes: list[str] | None = None, item: str = "") -> Finding:
    """PASSED when the newest item is within ``period`` days of the audit date; FAILED when it is older and dates
    read from the site show it; UNKNOWN when only inferred (推定) dates would make it stale."""
    newest = dated.newest
    age = (facts.as_of - newest).days
    shown = dated.shown(newest)
    evidence = Evidence(urls=[url], dates=[shown], notes=[*(notes or []), *dated.notes[:MAX_NOTES]])
    if age <= period:
        return Finding(Status.PASSED, subject, f"{what}最新信息发布于 {shown}（{age} 天前）", url=url,
                       evidence=evidence, item=item)
    if not dated.read:
        evidence.notes.append("所有日期均为推定（列表仅显示月日，年份按审计日期推定），不能据此认定未更新")
        return Finding(Status.UNKNOWN, subject, f"{what}的信息仅显示月日，年份无法确认（最新 {shown}），无法判定是否更新",
                       url=url, evidence=evidence, item=item)
    deadline = newest + timedelta(days=period)
    return Finding(Status.FAILED, subject,
                   f"{what}已 {age} 天未更新（最新信息 {shown}，应在 {deadline.isoformat()} 前更新，要求 {period} 天内）",
                   url=url, evidence=evidence, item=item)


def is_of_type(kind: dict, name: str) -> bool:
    """A column name holds one of the type's keywords as a word and none of its excluded words."""
    return bool(NameMatcher(kind["keywords"]).search(name)) and not any(x in name for x in kind.get("exclude", []))


def type_by_name(facts: Facts, name: str) -> dict | None:
    return next((kind for kind in facts.profile["freshness"]["types"] if is_of_type(kind, name)), None)


def column_type(facts: Facts, name: str) -> tuple[str, int] | None:
    kind = type_by_name(facts, name)
    return (kind["type"], kind["period_days"]) if kind else None


def infer_type(facts: Facts, name: str, pages: list[Page], entries: list[Entry]) -> tuple[dict | None, str]:
    """A column's type and where it was read: its name, else its pages' ColumnType tag, its parent columns
    (nearest first), or the type most of its entries' titles name. (None, why not) when none gives one."""
    if kind := type_by_name(facts, name):
        return kind, ""
    for tag in sorted({(p.meta or {}).get("ColumnType", "") for p in pages} - {"", name}):
        if kind := type_by_name(facts, tag):
            return kind, f"类型取自 ColumnType 元数据“{tag}”"
    parents = [c for p in pages for c in reversed(p.column_path) if c and c != name]
    for parent in dict.fromkeys(parents):
        if kind := type_by_name(facts, parent):
            return kind, f"类型取自上级栏目“{parent}”"
    titled = [e.title for e in entries if e.title]
    if len(titled) >= ENTRY_TYPE_MIN:
        votes = Counter(kind["type"] for t in titled if (kind := type_by_name(facts, t)))
        if votes:
            top, n = votes.most_common(1)[0]
            if 2 * n > len(titled):  # most of them, not half
                kind = next(k for k in facts.profile["freshness"]["types"] if k["type"] == top)
                return kind, f"类型取自栏目条目（{len(titled)} 条中 {n} 条的标题为{top}类）"
    return None, "栏目名称、ColumnType 元数据、上级栏目和条目标题均未显示栏目类型"


def home_columns_updated(facts: Facts) -> Iterator[Finding]:
    """Each dated block on the home page, against its column type's period; its list page counts too.

    A block whose type cannot be read is named, UNKNOWN, never skipped."""
    if blocked := home_unreadable(facts, "首页栏目"):
        yield blocked
        return
    blocks: dict[str, list[Entry]] = defaultdict(list)
    for e in facts.entries:
        if e.list_url == facts.home_url and e.block:
            blocks[e.block].append(e)
    for name, shown in sorted(blocks.items()):
        if not any(e.date or e.date_dropped for e in shown):
            continue  # a block of links (专题, 友情链接), not a dated list
        more = [e for e in facts.entries if e.department == "" and e.column_name == name and e.list_url != facts.home_url]
        pages = [p for u in sorted({e.list_url for e in more}) if (p := facts.pages.get(u)) is not None and p.ok]
        kind, how = infer_type(facts, name, pages, shown + more)
        subject = f"首页栏目“{name}”"
        if kind is None:
            yield Finding(Status.UNKNOWN, subject, f"未能确定栏目类型，未按更新周期判定：{how}", url=facts.home_url,
                          evidence=Evidence(urls=[facts.home_url]), item=column_key("", name))
            continue
        dated = entry_dates(facts, shown + more)
        if dated.newest is None:
            yield Finding(Status.UNKNOWN, subject, "栏目条目的日期均无法采用，无法判定更新情况", url=facts.home_url,
                          evidence=Evidence(urls=[facts.home_url], notes=dated.notes[:MAX_NOTES]), item=column_key("", name))
            continue
        notes = [f"栏目类型：{kind['type']}，更新周期 {kind['period_days']} 天", *([how] if how else [])]
        yield stale_or_fresh(facts, dated, kind["period_days"], subject=subject, url=facts.home_url, what="栏目",
                             notes=notes, item=column_key("", name))


def blank_lists(facts: Facts) -> tuple[dict[tuple[str, str], list[str]], list[str], int]:
    """Blank columns by (unit, name) with their URLs; list pages drawn by script (could be blank); lists read.

    A column is blank only when none of its list pages has an entry: a calendar's empty future months, or the
    last page of a pager, do not make a column with entries elsewhere blank. A column's pages are the list pages
    of its name and unit in one folder (index.html, index_1.html, index.jsp?month=…); a column of the same name
    in another folder is another column."""
    empty: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    filled: set[tuple[str, str, str]] = set()
    scripted: list[str] = []
    lists = 0
    for page in facts.pages.values():
        if not page.ok or page.page_kind != "list":
            continue
        if page.script_rendered:
            scripted.append(page.url)
            continue
        lists += 1
        key = (page.department, page.column_name or page.anchor or page.url, urlsplit(page.url).path.rsplit("/", 1)[0])
        if page.empty_list and not facts.entries_by_list.get(page.url):
            empty[key].append(page.url)
        else:
            filled.add(key)
    blank: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, urls in empty.items():
        if key not in filled:
            blank[key[:2]] += sorted(urls)
    return blank, scripted, lists


def blank_columns(facts: Facts) -> Iterator[Finding]:
    """A column whose list pages are readable, not drawn by script, and say they hold nothing."""
    if blocked := home_unreadable(facts, "空白栏目"):
        yield blocked
        return
    blank, _scripted, lists = blank_lists(facts)
    for (department, name), urls in sorted(blank.items()):
        yield Finding(Status.FAILED, f"{facts.unit_label(department)} 栏目“{name}”",
                      "栏目已设置但没有任何内容（空白栏目）", department, urls[0], Evidence(urls=urls),
                      item=column_key(department, name))
    if not blank:
        yield Finding(Status.PASSED, "空白栏目", f"已检查 {lists} 个列表页，未发现空白栏目",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url]))
