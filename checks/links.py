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
