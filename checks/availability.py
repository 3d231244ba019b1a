"""站点无法访问 (19号 单项否决): what share of loads failed or took too long *during this crawl*.

19号 monitors a site for a week; one crawl can only say how the site answered while it was crawled, and
the finding says so. 404/410 answers are broken links, not an unavailable site; robots and skipped pages
were never loaded; a firewall's block says nothing about whether citizens can load the page.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.common import MAX_NOTES
from checks.facts import Facts
from checks.model import Evidence, Finding, Status

SINGLE_CRAWL = "仅反映本次抓取期间的情况（19号要求连续监测一周、每天不少于20次访问）"


def site_available(facts: Facts) -> Iterator[Finding]:
    veto = facts.profile["veto"]
    subject = "站点可访问性（抓取期间）"
    home = facts.home
    if home is None or not home.ok:  # the audit itself could not start: the auditor's side may be at fault
        reason = home.failure() if home else "首页未抓取"
        yield Finding(Status.UNKNOWN, subject, f"首页未能抓取，审计无法进行，无法判定：{reason}", url=facts.home_url,
                      evidence=Evidence(urls=[facts.home_url], notes=[reason, SINGLE_CRAWL]))
        return
    if "elapsed_ms" not in facts.table_columns.get("pages", set()):
        yield Finding(Status.UNKNOWN, subject, "数据库中没有页面响应时间（elapsed_ms），无法判定",
                      url=facts.home_url, evidence=Evidence(notes=[SINGLE_CRAWL]))
        return
    loads = [p for p in facts.pages.values() if p.fetch_state not in ("robots", "skipped", "blocked")]
    failed = [p for p in loads if p.fetch_state in ("timeout", "error")
              or (p.fetch_state == "http_error" and (p.status or 0) >= 500)]
    slow = [p for p in loads if p not in failed and p.elapsed_ms is not None and p.elapsed_ms >= veto["slow_ms"]
            ] if veto.get("count_slow_loads") else []
    bad = failed + slow
    share = len(bad) / len(loads) if loads else 0.0
    notes = [f"加载 {len(loads)} 次，失败 {len(failed)} 次" + (
        f"，超过 {veto['slow_ms'] / 1000:g} 秒 {len(slow)} 次" if veto.get("count_slow_loads") else
        "（未计入加载时间：数据库记录的用时含排队时间，不是页面加载时间；超时的请求计为失败）"), SINGLE_CRAWL]
    notes += [p.failure() for p in failed[:MAX_NOTES]] + [f"{p.url} 用时 {p.elapsed_ms / 1000:.1f} 秒" for p in slow[:MAX_NOTES]]
    evidence = Evidence(urls=[p.url for p in bad][:MAX_NOTES] or [facts.home_url], notes=notes)
    threshold = veto["failure_share"]
    if len(loads) < veto["min_loads"]:
        yield Finding(Status.UNKNOWN, subject,
                      f"抓取期间仅加载 {len(loads)} 次，少于判定所需的 {veto['min_loads']} 次，无法判定",
                      url=facts.home_url, evidence=evidence)
    elif share >= threshold:
        yield Finding(Status.FAILED, subject,
                      f"抓取期间 {share:.1%} 的页面加载失败或超时（不低于 {threshold:.0%}）", url=facts.home_url,
                      evidence=evidence)
    else:
        yield Finding(Status.PASSED, subject, f"抓取期间 {share:.1%} 的页面加载失败或超时（低于 {threshold:.0%}）",
                      url=facts.home_url, evidence=evidence)
