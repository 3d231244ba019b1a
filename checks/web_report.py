"""政府网站工作年度报表 (国办函〔2018〕12号): each government website publishes its report on the previous year
in a prominent place of its home page by 31 January.

The report is looked for on the home page (its list entries and links) and in the 年度报表 column the home page
links to. A link whose target could not be read, or answers 404 (LNK-HOME-01 reports that link), leaves it unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from checks.common import MAX_NOTES, day_of, home_unreadable, iso
from checks.facts import GONE, Doc, Facts, Page, names_pattern
from checks.model import Evidence, Finding, Status
from checks.titles import normalise_title

_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def due_year(as_of: date, deadline: str) -> int:
    """The latest year whose report was due before ``as_of`` (on the deadline day itself there is still time)."""
    return as_of.year - 1 if as_of > day_of(as_of.year, deadline) else as_of.year - 2


def report_year(facts: Facts, doc: Doc, *, in_column: bool = False) -> tuple[int | None, str]:
    """The year a 年度报表 is on (None: the document is none): the year its title names nearest before (else after)
    the words that make it a report; else the year before its publication (a report on Y is published in Y+1),
    marked as inferred. In the report column a shorter title (2025年度报表) will do."""
    title = normalise_title(doc.title)
    rules = facts.profile["web_report"]
    match = _pattern(rules["titles"]).search(title) or (
        _pattern(rules["column_titles"]).search(title) if in_column else None)
    if match is None or _pattern(rules.get("not_titles") or ["(?!)"]).search(title):
        return None, ""
    years = [(m.start(), int(m.group(1))) for m in _YEAR_RE.finditer(title)]
    before = [y for at, y in years if at < match.start()]
    if before:
        return before[-1], ""
    if years:
        return years[0][1], ""
    if doc.dates:
        return min(doc.dates).year - 1, "标题未写年度，按发布日期推定"
    return None, ""


def _pattern(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _places(facts: Facts, home: Page) -> tuple[list[Page], list[str], list[str]]:
    """The home page and the report columns (or reports) it links to, what stands in the way of reading them,
    and the links that answer 404."""
    names = names_pattern(facts.profile["web_report"]["names"])
    titled = _pattern(facts.profile["web_report"]["titles"])
    places: dict[str, Page] = {home.url: home}
    blockers: list[str] = []
    gone: list[str] = []
    for link in facts.links_from.get(home.url, []):
        if link.kind != "page" or not (names.search(link.anchor) or titled.search(link.anchor)):
            continue
        target = facts.pages.get(link.to_url)
        if target is None:
            blockers.append(f"{link.to_url}（“{link.anchor}”）未抓取")
        elif target.ok:
            queue = [target]
            while queue:  # the column's further list pages
                page = queue.pop()
                if page.url in places:
                    continue
                places[page.url] = page
                queue += [p for u in page.pager if (p := facts.pages.get(u)) is not None]
        elif target.status in GONE:
            gone.append(f"首页链接“{link.anchor}” {link.to_url} 失效（HTTP {target.status}，见 LNK-HOME-01）")
        else:
            blockers.append(target.failure())
    others = [p for p in places.values() if p.url != home.url]
    blockers += [b for b in facts.unseen(others) if not b.startswith(home.url + " ")]
    return list(places.values()), sorted(set(blockers)), gone


def _reports(facts: Facts, where: set[str] | None, home: str = "") -> list[tuple[Doc, int, str]]:
    """(document, year, how the year was read) of the 年度报表 listed on these pages (None: anywhere); those of
    the report column (``where`` but the home page) may have shorter titles."""
    found = []
    for doc in facts.documents():
        if where is not None and doc.where not in where and doc.url not in where:
            continue
        in_column = where is not None and doc.where != home and doc.where in where
        year, how = report_year(facts, doc, in_column=in_column)
        if year is not None:
            found.append((doc, year, how))
    return found


def web_report_on_home(facts: Facts) -> Iterator[Finding]:
    """ID-NDBB-01: the previous year's 政府网站工作年度报表 on the home page (or its 年度报表 column) by 31 January."""
    rules = facts.profile["web_report"]
    year = due_year(facts.as_of, rules["deadline"])
    deadline = day_of(year + 1, rules["deadline"])
    subject = f"{year}年度政府网站工作年度报表"
    unreadable = home_unreadable(facts, subject)
    if unreadable is not None:
        yield unreadable
        return
    home = facts.home
    assert home is not None
    places, blockers, gone = _places(facts, home)
    listed = _reports(facts, {p.url for p in places}, home.url)
    due = [(doc, how) for doc, y, how in listed if y == year]
    notes = [f"截止日期 {deadline.isoformat()}（国办函〔2018〕12号：首页显著位置发布）"]
    if due:
        yield _judge_dates(subject, due, deadline, notes)
        return
    older = sorted({y for _, y, _ in listed if y < year}, reverse=True)
    if older:
        notes.append(f"已发布的最新报表为 {older[0]} 年度")
    if gone or blockers:
        reason = "首页的年度报表链接失效" if gone and not blockers else "年度报表栏目有页面无法获取"
        yield Finding(Status.UNKNOWN, subject, f"未找到{year}年度报表，{reason}，无法判定",
                      url=places[-1].url if len(places) > 1 else home.url,
                      evidence=Evidence(urls=[p.url for p in places][:MAX_NOTES], notes=(gone + blockers + notes)[:MAX_NOTES]))
        return
    if len(places) > 1:
        column = places[1]
        yield Finding(Status.FAILED, subject, f"“{column.column_name or column.anchor or '年度报表'}”栏目中未找到{year}年度报表"
                      f"（截止日期 {deadline.isoformat()} 已过）", url=column.url,
                      evidence=Evidence(urls=[p.url for p in places][:MAX_NOTES],
                                        notes=[*notes, f"已检查首页和年度报表栏目的 {len(places) - 1} 个页面"]))
        return
    elsewhere = [(doc, how) for doc, y, how in _reports(facts, None) if y == year]
    if elsewhere and not rules.get("home_only", True):
        yield _judge_dates(subject, elsewhere, deadline, notes)
        return
    if elsewhere:
        doc = elsewhere[0][0]
        yield Finding(Status.FAILED, subject, f"{year}年度报表已发布（{doc.title}），但首页未提供（应在首页显著位置发布）",
                      url=doc.url, evidence=Evidence(urls=[home.url, *(d.url for d, _ in elsewhere)][:MAX_NOTES],
                                                     dates=iso(sorted({x for d, _ in elsewhere for x in d.dates})),
                                                     notes=[*notes, "首页没有年度报表栏目或链接（可配置 web_report.home_only）"]))
        return
    yield Finding(Status.FAILED, subject, f"首页未提供政府网站工作年度报表，全站也未找到{year}年度报表"
                  f"（截止日期 {deadline.isoformat()} 已过）", url=home.url,
                  evidence=Evidence(urls=[home.url], notes=[*notes, "首页的链接和信息中没有："
                                                            + "、".join(rules["names"])]))


def _judge_dates(subject: str, found: list[tuple[Doc, str]], deadline: date, notes: list[str]) -> Finding:
    dates = sorted({d for doc, _ in found for d in doc.dates})
    urls = sorted({doc.url for doc, _ in found})[:MAX_NOTES]
    notes = [*notes, *sorted({how for _, how in found if how})]
    if not dates:
        return Finding(Status.UNKNOWN, subject, "已发布，但无法确定其发布日期", url=urls[0], evidence=Evidence(urls=urls, notes=notes))
    first = dates[0]
    evidence = Evidence(urls=urls, dates=iso(dates), notes=notes)
    if first <= deadline:
        return Finding(Status.PASSED, subject, f"已于 {first.isoformat()} 发布", url=urls[0], evidence=evidence)
    return Finding(Status.FAILED, subject, f"逾期发布：{first.isoformat()} 发布，晚于截止日期 {deadline.isoformat()}",
                   url=urls[0], evidence=evidence)
