"""What the 政府信息公开 tree publishes about a topic: one vocabulary for 法定主动公开内容 (GK-FDZD-01/02) and the
key areas (AREA-01), and the tree it is looked for in.

The profile's ``topics`` name, for each topic, the columns about it (``columns``: words of a column name or a
link text) and what the title of a document about it says (``entries``: regular expressions). A disclosure item
or a key area lists topics, or plain column names. A topic is covered by a column named for it, or by documents
about it listed anywhere in the disclosure tree (低保 notices under 社会救助, school fees under 教育): only when
neither is found, and the crawl saw everything that could hold them, is it missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from weakref import WeakKeyDictionary

from checks.common import MAX_NOTES
from checks.facts import Doc, Facts, Located, Page, names_pattern, stands_alone
from checks.model import Evidence, Finding, Status


class TitleWords:
    """What a document's title says when it is about a topic: regular expressions whose match must stand alone as
    a word of the title (:func:`checks.facts.stands_alone`), so 民政 finds 区民政局关于… but not 区人民政府关于…."""

    def __init__(self, words: list[str]) -> None:
        self.patterns = [re.compile(w) for w in words]
        try:  # one scan tells most titles apart: they hold none of the words (a pattern with groups: no shortcut)
            self.any = re.compile("|".join(f"(?:{w})" for w in words)) if words and not any(
                p.groups for p in self.patterns) else None
        except re.error:
            self.any = None

    def search(self, title: str) -> re.Match[str] | None:
        if self.any is not None and not self.any.search(title):
            return None
        for pattern in self.patterns:
            m = pattern.search(title)
            while m:  # from every start, so an overlapping word (人民政府) hides no later match
                if m.end() > m.start() and stands_alone(title, m.start(), m.end()):
                    return m
                m = pattern.search(title, m.start() + 1)
        return None


@dataclass(frozen=True)
class Terms:
    columns: list[str]  # words of a column's name (or of a link text naming it)
    entries: TitleWords  # what a document's title says when it is about the topic
    words: list[str]  # the entry patterns as written (for messages)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def terms(profile: dict, refs: list[str]) -> Terms:
    """The column names and entry patterns of these topics (a name that is no topic is a plain column name)."""
    topics = profile.get("topics") or {}
    columns: list[str] = []
    words: list[str] = []
    for ref in refs:
        topic = topics.get(ref)
        if not isinstance(topic, dict):
            columns.append(ref)
            words.append(re.escape(ref))
            continue
        names = list(topic.get("columns") or [ref])
        columns += names
        words += list(topic.get("entries") or [re.escape(n) for n in names])
    columns, words = _unique(columns), _unique(words)
    return Terms(columns, TitleWords(words), words)


@dataclass
class Tree:
    """The 政府信息公开 tree: pages under a column the profile's ``disclosure.tree`` names, the pages first reached
    from them, and the documents they list."""

    pages: dict[str, Page] = field(default_factory=dict)
    docs: list[Doc] = field(default_factory=list)


_TREES: WeakKeyDictionary[Facts, Tree] = WeakKeyDictionary()


def tree(facts: Facts) -> Tree:
    if facts in _TREES:
        return _TREES[facts]
    names = names_pattern(facts.profile.get("disclosure", {}).get("tree") or facts.profile["columns"]["gk_root"])
    pages = {url: p for url, p in facts.pages.items() if url != facts.home_url and (
        names.search(p.column_name) or any(names.search(c) for c in p.column_path))}
    # pages without a breadcrumb are in the tree when the crawl first reached them from a page of the tree
    children: dict[str, list[Page]] = {}
    for p in facts.pages.values():
        children.setdefault(p.referer, []).append(p)
    queue = list(pages)
    while queue:
        for child in children.get(queue.pop(), []):
            if child.url not in pages and child.url != facts.home_url:
                pages[child.url] = child
                queue.append(child.url)
    docs = [d for d in facts.documents()
            if d.where in pages or d.url in pages or any(names.search(c) for c in d.columns)]
    _TREES[facts] = found = Tree(pages, docs)
    return found


@dataclass
class Coverage:
    """Where a topic was looked for, and what was found: columns named for it, documents about it."""

    terms: Terms
    located: Located  # columns named for it
    docs: list[Doc]  # documents about it anywhere in the tree
    tree: Tree

    @property
    def found(self) -> bool:
        return self.located.found or bool(self.docs)

    def blockers(self, facts: Facts) -> list[str]:
        """What the crawl could not see where the topic could be: the columns, the tree, the government's pages."""
        # a topic's documents may be filed in any column, also on the further pages the audit order reads last:
        # any limit blocks its absence, even one that cut only the rest
        cut = ["抓取因页数、深度或时间上限提前停止，部分栏目的后续页未读"] if facts.truncated else []
        return sorted(set(self.located.blockers + facts.unseen(list(self.tree.pages.values()))
                          + facts.area_blockers("") + cut))


def look_for(facts: Facts, refs: list[str]) -> Coverage:
    found = terms(facts.profile, refs)
    located = facts.locate(found.columns, "", columns_only=True)
    whole = tree(facts)
    by_url: dict[str, Doc] = {}
    for doc in whole.docs:  # a list entry and its article page are one document
        if doc.title and found.entries.search(doc.title):
            kept = by_url.setdefault(doc.url, doc)
            if kept is not doc:
                by_url[doc.url] = Doc(kept.title, kept.url, kept.where, sorted({*kept.dates, *doc.dates}),
                                      kept.department, kept.columns or doc.columns)
    docs = sorted(by_url.values(), key=lambda d: max(d.dates) if d.dates else date.min, reverse=True)  # newest first
    return Coverage(found, located, docs, whole)


def listed_in(facts: Facts, doc: Doc) -> str:
    """The column a document is listed in, for messages."""
    if doc.columns:
        return doc.columns[0]
    page = facts.pages.get(doc.where)
    return (page.column_name if page is not None else "") or doc.where


def not_found(facts: Facts, coverage: Coverage, *, subject: str, what: str, item: str = "") -> Finding:
    """Neither a column nor a document about the topic: UNKNOWN where the crawl could not see everything, else
    FAILED, saying what was looked for and where."""
    columns = "、".join(coverage.terms.columns)
    if coverage.located.found:  # a link names the column but its pages could not be read
        return Finding(Status.UNKNOWN, subject, f"找到“{what}”栏目的链接，但栏目页面无法获取，无法判定", url=coverage.located.url,
                       evidence=Evidence(urls=[coverage.located.url], notes=coverage.located.blockers[:MAX_NOTES]),
                       item=item)
    blockers = coverage.blockers(facts)
    pages = [p for p in coverage.tree.pages.values() if p.ok]
    roots = _roots(facts, pages)
    where = f"政府信息公开栏目（{'、'.join(roots)}）" if roots else "全站"
    looked = f"名称含{columns}的栏目"
    if blockers:
        return Finding(Status.UNKNOWN, subject,
                       f"在{where}中未找到{looked}或“{what}”相关信息，但部分页面无法获取，无法判定",
                       evidence=Evidence(notes=blockers[:MAX_NOTES]), item=item)
    notes = [f"查找的栏目名称：{columns}", f"查找的信息标题：{'、'.join(coverage.terms.words)}"[:300],
             f"已检查政府信息公开栏目的 {len(pages)} 个页面、{len(coverage.tree.docs)} 条信息；抓取未受上限或错误影响"]
    return Finding(Status.FAILED, subject, f"在{where}中未找到{looked}，也未找到“{what}”相关信息",
                   evidence=Evidence(urls=sorted(p.url for p in pages)[:MAX_NOTES], notes=notes), item=item)


def _roots(facts: Facts, pages: list[Page]) -> list[str]:
    """What the tree is called on this site: the outermost tree column of its pages, most common first."""
    names = names_pattern(facts.profile.get("disclosure", {}).get("tree") or facts.profile["columns"]["gk_root"])
    counts: dict[str, int] = {}
    for p in pages:
        name = next((c for c in [*p.column_path, p.column_name] if names.search(c)), "")
        if name:
            counts[name] = counts.get(name, 0) + 1
    return [n for n, _ in sorted(counts.items(), key=lambda kv: -kv[1])][:2]
