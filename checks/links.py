"""Links (19号 “链接可用性”): broken internal links on the home page and elsewhere (404/403 count, see profile),
and attachments that cannot be downloaded (judged here for every attachment and for the fiscal ones)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.common import home_unreadable
from checks.facts import Facts
from checks.model import Evidence, Finding, Status


def home_links(facts: Facts) -> Iterator[Finding]:
    if blocked := home_unreadable(facts, "首页链接"):
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
            yield Finding(Status.FAILED, subject, f"链接失效：HTTP {target.status}",
                          url=link.to_url, evidence=evidence)
        else:
            yield Finding(Status.UNKNOWN, subject, f"链接暂时无法访问，无法判定是否失效：{target.failure()}",
                          url=link.to_url, evidence=evidence)
    if not bad:
        yield Finding(Status.PASSED, "首页链接", f"首页 {checked} 个站内链接均可访问", url=facts.home_url,
                      evidence=Evidence(urls=[facts.home_url]))


def site_links(facts: Facts) -> Iterator[Finding]:
    """LNK-SITE-01: broken internal links on the other pages, as a count with examples."""
    broken_statuses = set(facts.profile["links"]["broken_statuses"])
    examples = facts.profile["links"]["examples"]
    broken: dict[str, list[str]] = {}
    unsure: dict[str, str] = {}
    checked = set()
    on_home = {link.to_url for link in facts.links_from.get(facts.home_url, [])}  # LNK-HOME-01 reports those
    graph = facts.graph
    bad_chunks: dict[int, list[str]] = {}  # chunks (checks.graph) holding a broken link: those links
    shown = {c for url, chunks in graph.page_chunks.items() if url != facts.home_url for c in chunks}
    for chunk in shown:
        for link in graph.chunks[chunk]:
            if link.kind != "page" or link.to_url in on_home:
                continue
            target = facts.pages.get(link.to_url)
            if target is None or target.fetch_state in ("robots", "skipped"):
                continue
            checked.add(link.to_url)
            if target.ok:
                continue
            if target.fetch_state == "http_error" and target.status in broken_statuses:
                bad_chunks.setdefault(chunk, []).append(link.to_url)
            else:
                unsure[link.to_url] = target.failure()
    for url, chunk in graph.pages_showing(set(bad_chunks)):  # the pages showing each broken link, in order
        if url != facts.home_url:
            for to_url in bad_chunks[chunk]:
                broken.setdefault(to_url, []).append(url)
    subject = "站内链接（首页以外）"
    if broken:
        notes = [f"{url}（HTTP {facts.pages[url].status}），出现在 {sources[0]} 等 {len(sources)} 个页面"
                 for url, sources in sorted(broken.items())][:examples]
        yield Finding(Status.FAILED, subject, f"{len(broken)} 个站内链接失效（共核对 {len(checked)} 个）",
                      url=sorted(broken)[0], evidence=Evidence(urls=sorted(broken)[:examples], notes=notes))
    elif unsure:
        yield Finding(Status.UNKNOWN, subject,
                      f"未发现失效链接，但 {len(unsure)} 个链接暂时无法访问，无法判定是否失效", url=sorted(unsure)[0],
                      evidence=Evidence(urls=sorted(unsure)[:examples], notes=[unsure[u] for u in sorted(unsure)][:examples]))
    elif not checked:
        yield Finding(Status.UNKNOWN, subject, "没有抓取到首页以外页面的站内链接，无法判定", url=facts.home_url)
    else:
        yield Finding(Status.PASSED, subject, f"{len(checked)} 个站内链接均可访问", url=facts.home_url)


def attachment_links(facts: Facts) -> Iterator[Finding]:
    """LNK-ATT-01: attachments (files linked from pages) can be downloaded."""
    yield from judge_attachments(facts, "附件", list(facts.attachments))


def attachment_state(facts: Facts, row: dict) -> str:
    """ok | broken | unknown | unchecked, from the attachment's stored probe (if the crawl made one)."""
    status = row.get("status")
    if not row.get("method") and status is None:
        return "unchecked"
    if (row.get("note") or "").startswith("blocked"):
        return "unknown"  # a firewall answered for the file (crawler.extract.blocking): nothing known of the file
    if (row.get("note") or "").startswith("type_mismatch"):
        return "broken"  # an error page served in place of the file
    if status is not None and int(status) in facts.profile["links"]["broken_statuses"]:
        return "broken"
    if status is not None and 200 <= int(status) < 400:
        return "ok"
    return "unknown"


def _unsure_reason(row: dict) -> str:
    if (row.get("note") or "").startswith("blocked"):
        return f"被防火墙拦截（HTTP {row.get('status')}），不等于文件缺失"
    if not row.get("method") and row.get("status") is None:
        return "本次抓取未检查该附件"
    return row.get("error") or (f"HTTP {row['status']}" if row.get("status") is not None else "未获得应答")


def judge_attachments(facts: Facts, what: str, rows: list[dict]) -> Iterator[Finding]:
    """Whether the attachments ``rows`` (called ``what``) can be downloaded, from their stored probes:
    one finding for all of them (LNK-ATT-01 for every attachment, FIS-ATT-01 for the fiscal ones)."""
    if not rows:
        yield Finding(Status.UNKNOWN, what, f"未发现{what}，无法核对", url=facts.home_url)
        return
    if "method" not in facts.table_columns.get("attachments", set()) or all(
            attachment_state(facts, a) == "unchecked" for a in rows):
        yield Finding(Status.UNKNOWN, what, f"抓取未检查{what}能否下载（数据库中没有附件状态），无法判定", url=facts.home_url,
                      evidence=Evidence(notes=[f"共发现 {len(rows)} 个{what}"]))
        return
    by_state: dict[str, list[dict]] = {}
    for a in rows:
        by_state.setdefault(attachment_state(facts, a), []).append(a)
    broken, unsure = by_state.get("broken", []), by_state.get("unknown", []) + by_state.get("unchecked", [])
    examples = facts.profile["links"]["examples"]
    if broken:
        yield Finding(Status.FAILED, what, f"{len(broken)} 个{what}无法下载（共 {len(rows)} 个）", url=broken[0]["page_url"],
                      evidence=Evidence(urls=[a["url"] for a in broken][:examples],
                                        notes=[f"{a['anchor'] or a['url']}：{a.get('note') or 'HTTP ' + str(a.get('status'))}（所在页面 {a['page_url']}）"
                                               for a in broken][:examples]))
    elif unsure:
        yield Finding(Status.UNKNOWN, what, f"{len(unsure)} 个{what}未能确认能否下载，无法判定", url=unsure[0]["page_url"],
                      evidence=Evidence(urls=[a["url"] for a in unsure][:examples],
                                        notes=[f"{a['anchor'] or a['url']}：{_unsure_reason(a)}" for a in unsure][:examples]))
    else:
        yield Finding(Status.PASSED, what, f"{len(rows)} 个{what}均可下载", url=facts.home_url)
