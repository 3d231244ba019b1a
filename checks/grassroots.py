"""基层政务公开 (国办发〔2019〕54号): the 政务公开事项标准目录, covering the areas the profile lists."""

from __future__ import annotations

from collections.abc import Iterator

from checks.common import MAX_NOTES, readable_or_absence
from checks.facts import Facts
from checks.model import Evidence, Finding, Status


def standard_catalogue(facts: Facts) -> Iterator[Finding]:
    rules = facts.profile["grassroots"]
    located = facts.locate(rules["catalogue"], "", columns_only=True)
    subject = "基层政务公开标准目录"
    pages, missing = readable_or_absence(facts, located, subject=subject, what="政务公开事项标准目录", where="基层政务公开")
    if missing:
        yield missing
        return
    seen = {p.url: p for p in pages}
    for p in list(seen.values()):  # a catalogue column lists its area pages: read them too
        for e in facts.entries_by_list.get(p.url, []):
            if (target := facts.pages.get(e.url)) is not None and target.ok:
                seen[target.url] = target
    text = " ".join(p.text for p in seen.values())
    text += " ".join(lk.anchor for url in seen for lk in facts.links_from.get(url, []))
    text += " ".join(e.title for e in facts.entries if e.list_url in seen)
    synonyms = rules.get("area_synonyms", {})
    missing = [area for area in rules["areas"] if not any(n in text for n in [area, *synonyms.get(area, [])])]
    urls = sorted(seen)[:MAX_NOTES]
    if not missing:
        yield Finding(Status.PASSED, subject, f"标准目录覆盖全部 {len(rules['areas'])} 个领域", url=urls[0],
                      evidence=Evidence(urls=urls))
    elif located.blockers:
        yield Finding(Status.UNKNOWN, subject, f"未找到{'、'.join(missing)}，但目录有页面无法获取，无法判定",
                      url=urls[0], evidence=Evidence(urls=urls, notes=located.blockers[:MAX_NOTES]))
    else:
        yield Finding(Status.FAILED, subject,
                      f"标准目录未覆盖 {len(missing)} 个领域：{'、'.join(missing)}", url=urls[0],
                      evidence=Evidence(urls=urls, notes=[f"应覆盖：{'、'.join(rules['areas'])}"]))
