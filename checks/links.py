"""Links: broken internal links on the home page (19号; 404/403 count, see profile)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.facts import Facts
from checks.freshness import home_unreadable
from checks.model import Evidence, Finding, Status


def home_links(facts: Facts) -> Iterator[Finding]:
    if blocked := home_unreadable(facts, "LNK-HOME-01", "首页链接"):
        yield blocked
        return
    broken_statuses = set(facts.profile["links"]["broken_statuses"])
    checked = 0
    bad = 0
    for link in sorted(facts.links_from.get(facts.home_url, []), key=lambda lk: lk.to_url):
        if link.kind != "page":
            continue
        target = facts.pages.get(link.to_url)
        subject = f"首页链接“{link.anchor}” {link.to_url}"
        if target is None or target.fetch_state in ("robots", "skipped"):
            continue
        checked += 1
        if target.ok:
            continue
        bad += 1
        evidence = Evidence(urls=[facts.home_url, link.to_url], notes=[target.failure()])
        if target.fetch_state == "http_error" and target.status in broken_statuses:
            yield Finding("LNK-HOME-01", Status.FAILED, subject, f"链接失效：HTTP {target.status}",
                          url=link.to_url, evidence=evidence)
        else:
            yield Finding("LNK-HOME-01", Status.UNKNOWN, subject, f"链接暂时无法访问，无法判定是否失效：{target.failure()}",
                          url=link.to_url, evidence=evidence)
    if not bad:
        yield Finding("LNK-HOME-01", Status.PASSED, "首页链接", f"首页 {checked} 个站内链接均可访问", url=facts.home_url,
                      evidence=Evidence(urls=[facts.home_url]))


def site_links(facts: Facts) -> Iterator[Finding]:
    """LNK-SITE-01: broken internal links on the other pages, as a count with examples."""
    broken_statuses = set(facts.profile["links"]["broken_statuses"])
    examples = facts.profile["links"]["examples"]
    broken: dict[str, list[str]] = {}
    unsure: dict[str, str] = {}
    checked = set()
    on_home = {link.to_url for link in facts.links_from.get(facts.home_url, [])}  # LNK-HOME-01 reports those
    for link in facts.links:
        if link.kind != "page" or link.from_url == facts.home_url or link.to_url in on_home:
            continue
        target = facts.pages.get(link.to_url)
        if target is None or target.fetch_state in ("robots", "skipped"):
            continue
        checked.add(link.to_url)
        if target.ok:
            continue
        if target.fetch_state == "http_error" and target.status in broken_statuses:
            broken.setdefault(link.to_url, []).append(link.from_url)
        else:
            unsure[link.to_url] = target.failure()
    subject = "站内链接（首页以外）"
    if broken:
        notes = [f"{url}（HTTP {facts.pages[url].status}），出现在 {sources[0]} 等 {len(sources)} 个页面"
                 for url, sources in sorted(broken.items())][:examples]
        yield Finding("LNK-SITE-01", Status.FAILED, subject, f"{len(broken)} 个站内链接失效（共核对 {len(checked)} 个）",
                      url=sorted(broken)[0], evidence=Evidence(urls=sorted(broken)[:examples], notes=notes))
    elif unsure:
        yield Finding("LNK-SITE-01", Status.UNKNOWN, subject,
                      f"未发现失效链接，但 {len(unsure)} 个链接暂时无法访问，无法判定是否失效", url=sorted(unsure)[0],
                      evidence=Evidence(urls=sorted(unsure)[:examples], notes=[unsure[u] for u in sorted(unsure)][:examples]))
    elif not checked:
        yield Finding("LNK-SITE-01", Status.UNKNOWN, subject, "没有抓取到首页以外页面的站内链接，无法判定", url=facts.home_url)
    else:
        yield Finding("LNK-SITE-01", Status.PASSED, subject, f"{len(checked)} 个站内链接均可访问", url=facts.home_url)


def attachment_links(facts: Facts) -> Iterator[Finding]:
    """LNK-ATT-01: attachments (files linked from pages) can be downloaded."""
    from checks.fiscal_detail import judge_attachments

    yield from judge_attachments(facts, "LNK-ATT-01", "附件", list(facts.attachments))
