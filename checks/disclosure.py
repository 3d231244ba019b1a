"""政府信息公开 beyond the four columns: the 指南's age, the 依申请公开 channel, 法定主动公开内容 (条例)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.common import MAX_NOTES, entry_dates, readable_or_absence
from checks.facts import Facts, Located
from checks.model import Evidence, Finding, Status
from checks.platform import guide_text, locate_guide, units
from checks.topics import listed_in, look_for, not_found


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
        listed = entry_dates(facts, [e for e in facts.entries if e.url in urls])
        dates += listed.read  # a year inferred (推定) from the audit date does not date a guide
        if not dates:
            why = ("指南的日期仅见于只显示月日的列表（年份为推定），无法判定是否及时更新" if listed.inferred
                   else "指南未标明发布或更新日期，无法判定是否及时更新")
            yield Finding(Status.UNKNOWN, subject, why, dept, urls[0], Evidence(urls=urls, notes=listed.notes[:MAX_NOTES]))
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
    """Each item covered by a column named for it, or by documents about it in the disclosure tree
    (``checks.topics``, the vocabulary AREA-01 uses too)."""
    for item, refs in facts.profile["disclosure"][key].items():
        coverage = look_for(facts, refs)
        subject = f"法定主动公开内容（{article}）：{item}"
        if coverage.located.found:
            yield Finding(Status.PASSED, subject, f"已设置相关栏目：{_name(coverage.located)}", url=coverage.located.url,
                          evidence=Evidence(urls=[coverage.located.url]))
        elif coverage.docs:
            docs = coverage.docs
            columns = "、".join(dict.fromkeys(listed_in(facts, d) for d in docs[:3]))
            yield Finding(Status.PASSED, subject, f"未设置专门栏目，“{columns}”栏目中有相关信息 {len(docs)} 条",
                          url=docs[0].url, evidence=Evidence(urls=[d.url for d in docs][:MAX_NOTES],
                                                             notes=[d.title for d in docs[:3]]))
        else:
            yield not_found(facts, coverage, subject=subject, what=item)


def _name(located: Located) -> str:
    if located.pages:
        return located.pages[0].column_name
    return located.links[0].anchor


def article_20(facts: Facts) -> Iterator[Finding]:
    """GK-FDZD-01: 条例 第二十条, the items every agency discloses: a column for each, or its documents in the tree."""
    yield from _items(facts, "article_20", "第二十条")


def article_21(facts: Facts) -> Iterator[Finding]:
    """GK-FDZD-02: 条例 第二十一条, the items county and district governments add."""
    yield from _items(facts, "article_21", "第二十一条")
