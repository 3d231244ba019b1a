"""办事服务 (19号 单项否决 “服务不实用”, 扣分指标 “办事服务”): the service column and its 办事指南.

A guide is an article page listed in (or belonging to) the service column that is titled as a guide, or that is
laid out as one (several key elements); a notice of the column that happens to give a 联系电话 is no guide. Its
key elements are looked for in its text. Guides whose page could not be read are not judged. A navigation link
that leads back to the home page does not make the home page the service column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urlsplit

from checks.common import MAX_NOTES, channel_or_absence
from checks.facts import Facts, Link, Located, Page
from checks.model import Evidence, Finding, Status

HOME_PATHS = {"", "/", "/index.html", "/index.htm", "/index.shtml", "/index.jhtml", "/index.jsp", "/index.php",
              "/index.aspx", "/default.htm", "/default.html", "/default.aspx"}


def is_home(facts: Facts, url: str) -> bool:
    """The URL is the home page (the start URL, or the site root under another name)."""
    if url == facts.home_url:
        return True
    page = facts.pages.get(url)
    if page is not None and page.depth == 0:
        return True
    parts, home = urlsplit(url), urlsplit(facts.home_url)
    return parts.netloc == home.netloc and parts.path in HOME_PATHS


def service_column(facts: Facts) -> Located:
    """The service column, without the home page that a navigation link named 办事服务 may lead back to."""
    located = facts.locate(facts.profile["columns"]["service"], "", columns_only=True)
    return replace(located, pages=[p for p in located.pages if not is_home(facts, p.url)],
                   links=[lk for lk in located.links if not is_home(facts, lk.to_url)])


def home_links(facts: Facts) -> list[Link]:
    """Links named for the service column that lead to the home page."""
    located = facts.locate(facts.profile["columns"]["service"], "", columns_only=True)
    return [lk for lk in located.links if is_home(facts, lk.to_url)]


def guide_title(facts: Facts, title: str) -> bool:
    return any(re.search(p, title) for p in facts.profile["service"].get("guide_titles") or ["(?<!公开)指南"])


def is_guide(facts: Facts, page: Page, missing: list[str]) -> bool:
    """Titled as a guide, or laid out as one: at least ``service.min_elements`` key elements, and not titled as a
    notice (通知, 公告 …)."""
    rules = facts.profile["service"]
    if guide_title(facts, page.title):
        return True
    if any(re.search(p, page.title) for p in rules.get("not_guide_titles") or []):
        return False
    return len(rules["elements"]) - len(missing) >= int(rules.get("min_elements", 3))


def guides(facts: Facts, located: Located) -> tuple[list[tuple[Page, list[str]]], list[str]]:
    """Readable guides with their missing elements, and the URLs of listed guides that could not be read."""
    elements = facts.profile["service"]["elements"]
    lists = [p for p in facts.readable(located) if not is_home(facts, p.url)]
    found: dict[str, Page] = {p.url: p for p in lists if p.page_kind == "article"}
    unread = []
    for page in lists:
        for e in facts.entries_by_list.get(page.url, []):
            target = facts.pages.get(e.url)
            if target is not None and target.ok and target.page_kind == "article":
                found[target.url] = target
            elif (target is None or not target.ok) and guide_title(facts, e.title):
                unread.append(e.url)
    out = []
    for page in sorted(found.values(), key=lambda p: p.url):
        missing = [name for name, patterns in elements.items() if not any(re.search(p, page.text) for p in patterns)]
        if is_guide(facts, page, missing):
            out.append((page, missing))
    return out, sorted(set(unread))


def service_present(facts: Facts) -> Iterator[Finding]:
    """SVC-01: an 办事服务 column exists."""
    located = service_column(facts)
    subject = "办事服务栏目"
    if not located.found:
        back = home_links(facts)
        if back:
            yield Finding(Status.UNKNOWN, subject, f"导航链接“{back[0].anchor}”指向首页，静态页面中没有办事服务栏目"
                          "（可能由脚本展开），无法判定", url=back[0].to_url,
                          evidence=Evidence(urls=[back[0].to_url], notes=[f"{lk.from_url} 的链接“{lk.anchor}”指向首页"
                                                                          for lk in back][:MAX_NOTES]))
            return
    pages, missing = channel_or_absence(facts, located, subject=subject, what="办事服务栏目", where="办事服务")
    if missing:
        yield missing
        return
    yield Finding(Status.PASSED, subject, f"已设置“{pages[0].column_name or pages[0].anchor}”栏目",
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
