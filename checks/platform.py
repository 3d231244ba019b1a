"""The 政府信息公开 platform: the column, its first-level columns, the 指南 and the 目录 (61号, 条例)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from checks.common import MAX_NOTES, absence
from checks.facts import Facts, Located, Page, names_pattern
from checks.model import Evidence, Finding, Status
from checks.titles import names_government
from checks.topics import tree
from checks.units import unit_matches


def gk_root(facts: Facts) -> tuple[Located, Page | None]:
    """The 政府信息公开 column, looked for among the home page's links and the government's pages."""
    home = facts.home
    names = facts.profile["columns"]["gk_root"]
    located = facts.locate(names, "", link_sources=[home] if home and home.ok else [])
    page = next((p for p in located.pages if p.ok and not p.column_path[:-1]), None) or next(
        (facts.pages[link.to_url] for link in located.links if facts.pages.get(link.to_url) and facts.pages[link.to_url].ok),
        None,
    )
    return located, page


def first_level_columns(facts: Facts) -> Iterator[Finding]:
    home = facts.home
    if home is None or not home.ok:
        reason = home.failure() if home else "首页未抓取"
        yield Finding(Status.UNKNOWN, "政府信息公开栏目", f"首页无法获取，无法判定：{reason}",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url], notes=[reason]))
        return
    root, root_page = gk_root(facts)
    if root_page is None:
        yield absence(facts, Located(pages=[home]), subject="政府信息公开栏目", what="“政府信息公开”栏目", where="首页",
                      area_blockers=[b for b in root.blockers] + ([home.failure()] if not home.ok else []))
        return
    yield Finding(Status.PASSED, "政府信息公开栏目", "已设置“政府信息公开”栏目", url=root_page.url,
                  evidence=Evidence(urls=[root_page.url]))
    for name, synonyms in facts.profile["columns"]["gk_first_level"].items():
        found = facts.locate(synonyms, "", link_sources=[root_page])
        subject = f"政府信息公开 > {name}"
        if found.found:
            yield Finding(Status.PASSED, subject, f"已设置“{name}”一级栏目", url=found.url,
                          evidence=Evidence(urls=[found.url]))
        elif root_page.script_rendered:
            yield Finding(Status.UNKNOWN, subject, "政府信息公开栏目页由脚本生成，无法判定",
                          url=root_page.url, evidence=Evidence(urls=[root_page.url]))
        else:
            yield Finding(Status.FAILED, subject, f"政府信息公开栏目中未设置“{name}”一级栏目",
                          url=root_page.url,
                          evidence=Evidence(urls=[root_page.url], notes=[f"该页面的链接中没有：{'、'.join(synonyms)}"]))


def units(facts: Facts) -> list[str]:
    return ["", *facts.department_names]


def locate_guide(facts: Facts, department: str) -> Located:
    return facts.locate(facts.profile["columns"]["gk_first_level"]["指南"], department)


def guides_elsewhere(facts: Facts, department: str) -> list[Page]:
    """A unit's guide published on another unit's pages, newest first: a document titled as a guide that names
    the unit (关于印发《…司法局政府信息公开指南》的通知 in the government's 制度 column), or for the government one
    that names the government (临江区人民政府政府信息公开指南 filed in its 政府办公室's folder)."""
    names = names_pattern(facts.profile["columns"]["gk_first_level"]["指南"])
    region = facts.profile.get("region", "")

    def names_unit(title: str) -> bool:
        if department:
            return unit_matches(title, department, region)
        return names_government(title) and not any(unit_matches(title, d, region) for d in facts.department_names)

    found = {}
    for doc in facts.documents():
        page = facts.pages.get(doc.url)
        if (page is not None and page.ok and page.page_kind == "article" and page.department != department
                and names.search(doc.title) and names_unit(doc.title)):
            found[page.url] = page
    return sorted(found.values(), key=lambda p: p.pub_date or date.min, reverse=True)


def guide_present(facts: Facts) -> Iterator[Finding]:
    for dept in units(facts):
        located = locate_guide(facts, dept)
        subject = f"{facts.unit_label(dept)} 政府信息公开指南"
        ok_pages = [p for p in located.pages if p.ok]
        elsewhere = guides_elsewhere(facts, dept)
        if ok_pages or (located.found and not located.blockers):
            yield Finding(Status.PASSED, subject, "已发布政府信息公开指南", dept, located.url,
                          Evidence(urls=[located.url]))
        elif elsewhere:
            yield Finding(Status.PASSED, subject, f"已发布政府信息公开指南（见“{elsewhere[0].title}”）", dept,
                          elsewhere[0].url, Evidence(urls=[p.url for p in elsewhere][:MAX_NOTES]))
        else:
            yield absence(facts, located, subject=subject, what="政府信息公开指南", where="政府信息公开",
                          department=dept)


def guide_text(facts: Facts, located: Located, department: str) -> tuple[str, list[str]]:
    """The unit's guide text: its own page, or the newest document listed in its guide column, or else the
    newest guide of the unit published on another unit's pages."""
    region = facts.profile.get("region", "")

    def own(page: Page) -> bool:  # not another unit's guide (关于印发《…司法局政府信息公开指南》的通知)
        return not any(unit_matches(page.title, d, region) for d in facts.department_names if d != department)

    pages = [p for p in facts.readable(located) if p.department == department]
    # a page listing entries is a list, however short (a one-entry 指南 list is no guide text)
    articles = [p for p in pages if p.page_kind != "list" and not facts.entries_by_list.get(p.url) and own(p)]
    if not articles:
        listed = [facts.pages.get(e.url) for e in facts.entries if e.list_url in {p.url for p in pages}]
        articles = sorted((p for p in listed if p and p.ok and own(p)), key=lambda p: p.pub_date or facts.as_of,
                          reverse=True)[:1]
    if not articles:
        articles = guides_elsewhere(facts, department)[:1]
    return " ".join(p.text for p in articles), [p.url for p in articles]


def guide_elements(facts: Facts) -> Iterator[Finding]:
    elements = facts.profile["guide"]["elements"]
    for dept in units(facts):
        located = locate_guide(facts, dept)
        subject = f"{facts.unit_label(dept)} 政府信息公开指南要素"
        text, urls = guide_text(facts, located, dept)
        if not text:
            reason = "未找到可读取的指南页面" + (f"：{located.blockers[0]}" if located.blockers else "")
            yield Finding(Status.UNKNOWN, subject, reason, dept, located.url,
                          Evidence(urls=[located.url] if located.url else [], notes=located.blockers[:MAX_NOTES]))
            continue
        missing = [name for name, patterns in elements.items() if not any(re.search(p, text) for p in patterns)]
        files = [a["url"] for a in facts.attachments if a["page_url"] in urls]
        if files and len(missing) * 2 > len(elements):
            # most of a guide's text is absent and a file is attached: the guide is the file (not read)
            yield Finding(Status.UNKNOWN, subject, "指南正文在附件中（未下载读取），网页中缺少大部分要素，无法核对",
                          dept, urls[0], Evidence(urls=[*urls, *files][:MAX_NOTES], notes=[f"网页中未出现：{'、'.join(missing)}"]))
        elif missing:
            yield Finding(Status.FAILED, subject, f"指南缺少要素：{'、'.join(missing)}", dept, urls[0],
                          Evidence(urls=urls, notes=[f"未出现：{'、'.join(missing)}"]))
        else:
            yield Finding(Status.PASSED, subject, "指南包含全部要求的联系要素", dept, urls[0],
                          Evidence(urls=urls))


def catalogued_items(facts: Facts) -> tuple[list[Page], list[Page]]:
    """Articles of the disclosure tree that carry catalogue metadata (条例 第十二条: 索引, 名称, 内容概述, 生成日期):
    an 索引号 and a date of the profile's ``columns.catalogue_metadata.dates`` (the crawler keeps the metadata table's
    dates as ``table:生成日期`` …), and the articles read that carry none."""
    rules = facts.profile["columns"].get("catalogue_metadata") or {}
    index = re.compile("|".join(rules.get("index") or [r"索\s*引\s*号"]))
    sources = set(rules.get("dates") or ["table:生成日期"])
    carrying, bare = [], []
    for page in tree(facts).pages.values():
        if not page.ok or page.page_kind != "article":
            continue
        if index.search(page.text) and any(d.get("source") in sources for d in page.dates):
            carrying.append(page)
        else:
            bare.append(page)
    return sorted(carrying, key=lambda p: p.url), bare


def catalogue_present(facts: Facts) -> Iterator[Finding]:
    """GK-CAT-01: a 目录 column or page, or disclosure items that carry catalogue metadata (索引号, 生成日期)."""
    columns = facts.profile["columns"]
    located = facts.locate(columns["catalogue"], "")
    subject = "政府信息公开目录"
    if located.found:
        yield Finding(Status.PASSED, subject, "已提供政府信息公开目录", url=located.url,
                      evidence=Evidence(urls=[located.url]))
        return
    rules = columns.get("catalogue_metadata") or {}
    wanted = int(rules.get("min_items", 3))
    carrying, bare = catalogued_items(facts)
    labels = "、".join(d.split(":")[-1] for d in rules.get("dates") or ["table:生成日期"])
    if len(carrying) >= wanted:
        yield Finding(Status.PASSED, subject, f"公开信息附有索引号和{labels}等目录信息（{len(carrying)} 篇），按目录编排",
                      url=carrying[0].url, evidence=Evidence(urls=[p.url for p in carrying][:MAX_NOTES],
                                                            notes=["未设置名为“目录”的栏目"]))
        return
    platform_names = columns.get("catalogue_as") or []  # a province may accept a column by name (configurable)
    platform = facts.readable(facts.locate(platform_names, "", columns_only=True)) if platform_names else []
    if platform:
        named = names_pattern(platform_names)
        top = next((p for p in platform if named.search(p.column_name)), platform[0])
        name = top.column_name or top.anchor
        yield Finding(Status.PASSED, subject, f"以“{name}”栏目作为政府信息公开目录（按类别编排）",
                      url=top.url, evidence=Evidence(urls=[p.url for p in platform][:MAX_NOTES],
                                                     notes=["未设置名为“目录”的栏目（可配置 columns.catalogue_as）"]))
        return
    looked = f"未找到名为{'、'.join(columns['catalogue'])}的栏目或页面"
    seen = f"已读取的 {len(carrying) + len(bare)} 篇公开信息中附有索引号和{labels}的 {len(carrying)} 篇（至少 {wanted} 篇，可配置）"
    blockers = sorted(set(located.blockers + facts.unseen(list(tree(facts).pages.values())) + facts.area_blockers("")))
    if blockers:
        yield Finding(Status.UNKNOWN, subject, f"{looked}，公开信息中也未见足够的目录信息，但部分页面无法获取，无法判定",
                      evidence=Evidence(notes=[seen, *blockers][:MAX_NOTES]))
        return
    notes = [seen, *([facts.crawl_note()] if facts.limit_cut_only_rest else [])]
    statutory = facts.locate(columns["gk_first_level"]["法定主动公开内容"], "", columns_only=True)
    if statutory.found:
        notes.append(f"“{statutory.links[0].anchor if statutory.links else statutory.pages[0].column_name}”栏目本身不是目录："
                     "目录应列明每条信息的索引、名称、内容概述和生成日期（条例第十二条）")
    yield Finding(Status.FAILED, subject, f"{looked}，公开信息也未附索引号、{labels}等目录信息",
                  url=statutory.url, evidence=Evidence(urls=[p.url for p in bare][:MAX_NOTES], notes=notes))
