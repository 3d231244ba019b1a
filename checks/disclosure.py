"""政府信息公开 beyond the four columns: the 指南's age, the 依申请公开 channel, 法定主动公开内容 (条例)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.common import MAX_NOTES, absence, readable_or_absence
from checks.facts import Facts
from checks.model import Evidence, Finding, Status
from checks.platform import guide_text, locate_guide, units


def guide_age(facts: Facts) -> Iterator[Finding]:
    """GK-GUIDE-03: each unit's 指南 updated within the profile's period (及时更新)."""
    limit = facts.profile["guide"]["max_age_days"]
    for dept in units(facts):
        located = locate_guide(facts, dept)
        subject = f"{facts.unit_label(dept)} 政府信息公开指南更新"
        text, urls = guide_text(facts, located, dept)
        if not text:
            reason = "未找到可读取的指南页面（见 GK-GUIDE-01）"
            yield Finding(Status.UNKNOWN, subject, reason, dept, located.url,
                          Evidence(urls=[located.url] if located.url else [], notes=located.blockers[:MAX_NOTES]))
            continue
        dates = [p.pub_date for u in urls if (p := facts.pages.get(u)) and p.pub_date]
        dates += [e.date for e in facts.entries if e.url in urls and e.date]
        if not dates:
            yield Finding(Status.UNKNOWN, subject, "指南未标明发布或更新日期，无法判定是否及时更新", dept, urls[0],
                          Evidence(urls=urls))
            continue
        newest = max(dates)
        age = (facts.as_of - newest).days
        evidence = Evidence(urls=urls, dates=[newest.isoformat()], notes=[f"要求 {limit} 天内更新（可配置）"])
        if age <= limit:
            yield Finding(Status.PASSED, subject, f"指南发布于 {newest.isoformat()}", dept, urls[0], evidence)
        else:
            yield Finding(Status.FAILED, subject, f"指南已 {age} 天未更新（{newest.isoformat()} 发布）", dept,
                          urls[0], evidence)


def apply_channel(facts: Facts) -> Iterator[Finding]:
    """GK-APPLY-01: a 依申请公开 column with an application form (download or online)."""
    columns = facts.profile["columns"]
    located = facts.locate(columns["apply"], "", columns_only=True)
    subject = "依申请公开渠道"
    pages, missing = readable_or_absence(facts, located, subject=subject, what="依申请公开栏目", where="政府信息公开")
    if missing:
        yield missing
        return
    words = columns["apply_form"]
    seen = {p.url for p in pages}
    forms = [a["anchor"] or a["url"] for a in facts.attachments if a["page_url"] in seen and any(w in (a["anchor"] or "") for w in words)]
    forms += [lk.anchor for p in pages for lk in facts.links_from.get(p.url, []) if any(w in lk.anchor for w in words)]
    forms += [w for p in pages for w in words if w in p.text]
    page = pages[0]
    if forms:
        yield Finding(Status.PASSED, subject, f"已设置依申请公开栏目并提供申请方式：{forms[0]}", url=page.url,
                      evidence=Evidence(urls=sorted(seen)[:MAX_NOTES]))
    else:
        yield Finding(Status.FAILED, subject, "依申请公开栏目未提供申请表下载或在线申请", url=page.url,
                      evidence=Evidence(urls=sorted(seen)[:MAX_NOTES], notes=[f"页面中没有：{'、'.join(words)}"]))


def _items(facts: Facts, key: str, article: str) -> Iterator[Finding]:
    for item, names in facts.profile["disclosure"][key].items():
        located = facts.locate(names, "", columns_only=True)
        subject = f"法定主动公开内容（{article}）：{item}"
        if located.found:
            yield Finding(Status.PASSED, subject, f"已设置相关栏目：{_name(facts, located)}", url=located.url,
                          evidence=Evidence(urls=[located.url]))
        else:
            yield absence(facts, located, subject=subject, what=f"“{item}”相关栏目（{'、'.join(names)}）",
                          where="法定主动公开内容")


def _name(facts: Facts, located) -> str:
    if located.pages:
        return located.pages[0].column_name
    return located.links[0].anchor


def article_20(facts: Facts) -> Iterator[Finding]:
    """GK-FDZD-01: 条例 第二十条, the items every agency discloses, by column names."""
    yield from _items(facts, "article_20", "第二十条")


def article_21(facts: Facts) -> Iterator[Finding]:
    """GK-FDZD-02: 条例 第二十一条, the items county and district governments add."""
    yield from _items(facts, "article_21", "第二十一条")
