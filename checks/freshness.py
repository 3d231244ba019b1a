"""Freshness: the home page and its columns updated in time; no blank columns (19号 单项否决 items)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from checks.common import column_key, home_unreadable
from checks.facts import Facts
from checks.model import Evidence, Finding, Status


def home_updated(facts: Facts) -> Iterator[Finding]:
    subject = "首页"
    if blocked := home_unreadable(facts, subject):
        yield blocked
        return
    period = facts.profile["freshness"]["home_period_days"]
    dated = [e for e in facts.entries if e.list_url == facts.home_url and e.date and e.date <= facts.as_of]
    if not dated:
        yield Finding(Status.UNKNOWN, subject, "首页未发现带日期的信息条目，无法判定更新情况",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url]))
        return
    newest = max(e.date for e in dated)
    age = (facts.as_of - newest).days
    status = Status.PASSED if age <= period else Status.FAILED
    message = (f"首页最新信息发布于 {newest.isoformat()}（{age} 天前）" if status == Status.PASSED
               else f"首页已 {age} 天未更新（最新信息 {newest.isoformat()}，要求 {period} 天内）")
    yield Finding(status, subject, message, url=facts.home_url,
                  evidence=Evidence(urls=[facts.home_url], dates=[newest.isoformat()]))


def is_of_type(kind: dict, name: str) -> bool:
    """A column name holds one of the type's keywords and none of its excluded words."""
    return any(k in name for k in kind["keywords"]) and not any(x in name for x in kind.get("exclude", []))


def column_type(facts: Facts, name: str) -> tuple[str, int] | None:
    for kind in facts.profile["freshness"]["types"]:
        if is_of_type(kind, name):
            return kind["type"], kind["period_days"]
    return None


def home_columns_updated(facts: Facts) -> Iterator[Finding]:
    """Each dated block on the home page, against its column type's period; its list page counts too."""
    if blocked := home_unreadable(facts, "首页栏目"):
        yield blocked
        return
    blocks: dict[str, list[date]] = defaultdict(list)
    for e in facts.entries:
        if e.list_url == facts.home_url and e.block and e.date and e.date <= facts.as_of:
            blocks[e.block].append(e.date)
    for name, dates in sorted(blocks.items()):
        kind = column_type(facts, name)
        if kind is None:
            continue
        type_name, period = kind
        more = [e.date for e in facts.entries if e.department == "" and e.column_name == name and e.date
                and e.date <= facts.as_of]
        newest = max(dates + more)
        age = (facts.as_of - newest).days
        subject = f"首页栏目“{name}”"
        evidence = Evidence(urls=[facts.home_url], dates=[newest.isoformat()],
                            notes=[f"栏目类型：{type_name}，更新周期 {period} 天"])
        if age <= period:
            yield Finding(Status.PASSED, subject, f"最新信息发布于 {newest.isoformat()}", url=facts.home_url,
                          evidence=evidence, item=column_key("", name))
        else:
            deadline = newest + timedelta(days=period)
            yield Finding(Status.FAILED, subject,
                          f"栏目已 {age} 天未更新（最新信息 {newest.isoformat()}，应在 {deadline.isoformat()} 前更新）",
                          url=facts.home_url, evidence=evidence, item=column_key("", name))


def blank_columns(facts: Facts) -> Iterator[Finding]:
    """A column whose list page is readable, not drawn by script, and says it holds nothing."""
    if blocked := home_unreadable(facts, "空白栏目"):
        yield blocked
        return
    blank: dict[tuple[str, str], list[str]] = defaultdict(list)
    lists = 0
    for page in facts.pages.values():
        if not page.ok or page.script_rendered or page.page_kind != "list":
            continue
        lists += 1
        if page.empty_list and not facts.entries_by_list.get(page.url):
            blank[(page.department, page.column_name or page.anchor or page.url)].append(page.url)
    for (department, name), urls in sorted(blank.items()):
        yield Finding(Status.FAILED, f"{facts.unit_label(department)} 栏目“{name}”",
                      "栏目已设置但没有任何内容（空白栏目）", department, urls[0], Evidence(urls=urls),
                      item=column_key(department, name))
    if not blank:
        yield Finding(Status.PASSED, "空白栏目", f"已检查 {lists} 个列表页，未发现空白栏目",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url]))
