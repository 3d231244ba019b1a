"""办事服务 (19号 单项否决 “服务不实用”, 扣分指标 “办事服务”): the service column and its 办事指南.

A guide is an article page listed in (or belonging to) the service column; its key elements are looked for in
its text. Guides whose page could not be read are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.common import MAX_NOTES, readable_or_absence
from checks.facts import Facts, Located, Page
from checks.model import Evidence, Finding, Status


def service_column(facts: Facts) -> Located:
    return facts.locate(facts.profile["columns"]["service"], "", columns_only=True)


def guides(facts: Facts, located: Located) -> tuple[list[tuple[Page, list[str]]], list[str]]:
    """Readable guides with their missing elements, and the URLs of listed guides that could not be read."""
    elements = facts.profile["service"]["elements"]
    lists = facts.readable(located)
    found: dict[str, Page] = {p.url: p for p in lists if p.page_kind == "article"}
    unread = []
    for page in lists:
        for e in facts.entries_by_list.get(page.url, []):
            target = facts.pages.get(e.url)
            if target is not None and target.ok and target.page_kind == "article":
                found[target.url] = target
            elif "指南" in e.title:
                unread.append(e.url)
    out = []
    for page in sorted(found.values(), key=lambda p: p.url):
        if "指南" not in page.title and not any(n in page.text for n in elements):
            continue  # an article of the column that is no guide
        missing = [name for name, patterns in elements.items() if not any(re.search(p, page.text) for p in patterns)]
        out.append((page, missing))
    return out, sorted(set(unread))


def service_present(facts: Facts) -> Iterator[Finding]:
    """SVC-01: an 办事服务 column exists."""
    located = service_column(facts)
    pages, missing = readable_or_absence(facts, located, subject="办事服务栏目", what="办事服务栏目", where="办事服务")
    if missing:
        yield missing
        return
    yield Finding(Status.PASSED, "办事服务栏目", f"已设置“{pages[0].column_name or pages[0].anchor}”栏目",
                  url=pages[0].url, evidence=Evidence(urls=[pages[0].url]))


def guides_usable(facts: Facts) -> Iterator[Finding]:
    """SVC-02: fewer than 5 guides each missing 4 or more key elements."""
    rules = facts.profile["service"]
    located = service_column(facts)
    subject = "办事指南要素（服务实用性）"
    read, unread = guides(facts, located)
    if not read:
        yield Finding(Status.UNKNOWN, subject, "未读取到办事指南，无法判定", url=located.url,
                      evidence=Evidence(urls=[located.url] if located.url else [], notes=(located.blockers + unread)[:MAX_NOTES]))
        return
    bad = [(p, m) for p, m in read if len(m) >= rules["veto_missing"]]
    threshold = rules["veto_guides"]
    notes = [f"{p.title}：缺少{'、'.join(m)}" for p, m in bad][:MAX_NOTES]
    evidence = Evidence(urls=[p.url for p, _ in bad][:MAX_NOTES] or [located.url], notes=notes)
    if len(bad) >= threshold:
        yield Finding(Status.FAILED, subject,
                      f"{len(bad)} 个办事指南各缺少 {rules['veto_missing']} 个以上要素，达到单项否决标准（{threshold} 个）",
                      url=located.url, evidence=evidence)
    elif len(bad) + len(unread) >= threshold or located.blockers:
        evidence.notes += (located.blockers + [f"未能读取：{u}" for u in unread])[:MAX_NOTES]
        yield Finding(Status.UNKNOWN, subject, f"已读取的办事指南中 {len(bad)} 个要素严重缺失，另有指南无法读取，无法判定",
                      url=located.url, evidence=evidence)
    else:
        yield Finding(Status.PASSED, subject,
                      f"已读取 {len(read)} 个办事指南，要素严重缺失的 {len(bad)} 个，未达到单项否决标准（{threshold} 个）",
                      url=located.url, evidence=evidence)


def guide_elements(facts: Facts) -> Iterator[Finding]:
    """SVC-03: each guide gives every key element."""
    located = service_column(facts)
    read, unread = guides(facts, located)
    if not read:
        yield Finding(Status.UNKNOWN, "办事指南要素", "未读取到办事指南，无法判定", url=located.url,
                      evidence=Evidence(urls=[located.url] if located.url else [], notes=(located.blockers + unread)[:MAX_NOTES]))
        return
    complete = 0
    for page, missing in read:
        if missing:
            yield Finding(Status.FAILED, f"办事指南“{page.title.split('_')[0]}”", f"缺少要素：{'、'.join(missing)}", url=page.url,
                          evidence=Evidence(urls=[page.url]))
        else:
            complete += 1
    if complete == len(read):
        yield Finding(Status.PASSED, "办事指南要素", f"已读取的 {len(read)} 个办事指南要素齐全", url=located.url,
                      evidence=Evidence(urls=[located.url], notes=[f"未能读取 {len(unread)} 个"] if unread else []))
