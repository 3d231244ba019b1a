"""Tabbed blocks: one row of tab headings, one panel per tab (home pages, column pages, 机构 pages).

Common markup: a bar of headings (``<ul><li>``, links, spans or h3s, often under ``div.hd``/``.tab``/``.title``,
with ``onmouseover="setTab(…)"`` or one tab marked ``on``/``cur``) followed by one panel per tab: the bar's next
siblings alike (``div#con_one_1…n``, ``div.tab-con``), or the children of the next sibling (``div.bd > ul``).

A block is taken for tabs only when the bar has exactly as many headings as there are panels and something
says it is a tab bar (a script handler, a tab-ish class, one heading marked current, a hidden panel, numbered
panels): a site's menu above two layout columns is not a tab bar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from crawler.extract.dom import Doc, Element, attr_text, cached
from crawler.extract.text import text_of

_ITEM_TAGS = frozenset(
    "li a span h1 h2 h3 h4 h5 h6 dt dd td th div em b strong p font label button".split()
)
_MORE_RE = re.compile(r"^(?:更多|more|>>|》》|»|\+|＞＞|查看全部|[>＞»]+)", re.IGNORECASE)
_WORD_RE = re.compile(r"[\w\u4e00-\u9fff]")
_MAX_LABEL_CHARS = 16
_MAX_TABS = 12
_HANDLERS = ("onmouseover", "onclick", "onmouseenter", "onfocus")
_BAR_HINT_RE = re.compile(r"tab|(?<![a-z])hd(?![a-z])|title|tit(?![a-z])|head|qh|qiehuan|switch|toggle")
_CURRENT = frozenset({"on", "cur", "curr", "current", "active", "hover", "select", "selected", "now", "hot"})
_HIDDEN_RE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_NUMBERED_RE = re.compile(r"\d+$")
# The page's own header and menus are never a tab bar.
_CHROME = frozenset({"header", "head", "top", "nav", "menu", "navbar", "topbar", "banner"})
_LEVELS = 5  # the panel is the node or one of its nearest ancestors


@dataclass
class TabBlock:
    labels: list[str]
    panels: list[Element]


def _first_token(el: Element) -> str:
    cls = el.get("class")
    return cls.split()[0] if isinstance(cls, str) and cls.split() else ""


def _peers(node: Element) -> list[Element]:
    """node and its siblings of the same tag and first class, in document order."""
    parent = node.getparent()
    if parent is None:
        return [node]
    tag, token = node.tag, _first_token(node)
    return [s for s in islice(parent.iterchildren(tag), 40) if _first_token(s) == token]


def _items(bar: Element, doc: Doc) -> list[tuple[Element, str]]:
    """The headings of a bar: its items (through a chain of single children, div.hd > ul > li), 更多 left out."""
    node = bar
    for _ in range(3):
        children = [c for c in node.iterchildren() if isinstance(c.tag, str)]
        if len(children) != 1 or children[0].tag in ("a", "span", "h3", "h2", "h4"):
            break
        node = children[0]
    found = []
    for child in islice(node.iterchildren(), 40):
        if not isinstance(child.tag, str) or child.tag not in _ITEM_TAGS:
            continue
        label = text_of(child, limit=_MAX_LABEL_CHARS + 1, doc=doc)
        if not _WORD_RE.search(label) or _MORE_RE.match(label) or "more" in attr_text(child).split():
            continue
        found.append((child, label))
    return found


def _says_tabs(bar: Element, items: list[tuple[Element, str]], panels: list[Element]) -> bool:
    if any(item.get(h) is not None for item, _label in items for h in _HANDLERS):
        return True
    if any(a.get(h) is not None for item, _label in items for a in islice(item.iterdescendants("a"), 2)
           for h in _HANDLERS):
        return True
    if _BAR_HINT_RE.search(attr_text(bar)) or any(_BAR_HINT_RE.search(attr_text(item)) for item, _l in items):
        return True
    current = [item for item, _label in items if not _CURRENT.isdisjoint(attr_text(item).split())]
    if len(current) == 1:
        return True
    if any(_HIDDEN_RE.search(p.get("style") or "") for p in panels[1:]):
        return True
    return all(_NUMBERED_RE.search(p.get("id") or "") for p in panels)


def _bar_for(panels: list[Element], doc: Doc) -> list[str] | None:
    """The labels of the tab bar right before the panels (or before their container), one per panel."""
    first = panels[0]
    parent = first.getparent()
    candidates = [s for s in islice(first.itersiblings(preceding=True), 2) if isinstance(s.tag, str)]
    if not candidates and parent is not None:
        candidates = [s for s in islice(parent.itersiblings(preceding=True), 2) if isinstance(s.tag, str)]
    for bar in candidates:
        if bar.tag in ("header", "nav") or not _CHROME.isdisjoint(attr_text(bar).split()):
            continue
        items = _items(bar, doc)
        if len(items) == len(panels) and all(len(label) <= _MAX_LABEL_CHARS for _i, label in items):
            if _says_tabs(bar, items, panels):
                return [label for _item, label in items]
    return None


def tab_panel(node: Element, doc: Doc) -> tuple[TabBlock, int] | None:
    """The tabbed block one of whose panels is node or one of its nearest ancestors, and that panel's index."""
    known: dict[int, tuple[TabBlock, int] | None] = cached(doc, "tab_panels", dict)
    key = id(node)
    if key in known:
        return known[key]
    found: tuple[TabBlock, int] | None = None
    current: Element | None = node
    for _ in range(_LEVELS):
        if current is None or current.tag in ("body", "html"):
            break
        peers = _peers(current)
        if 2 <= len(peers) <= _MAX_TABS:
            labels = _bar_for(peers, doc)
            if labels is not None:
                found = TabBlock(labels, peers), peers.index(current)
                break
        current = current.getparent()
    known[key] = found
    return found


def tab_heading(node: Element, doc: Doc) -> str:
    """The heading of the tab whose panel holds node ("" when node is in no tab panel)."""
    found = tab_panel(node, doc)
    return found[0].labels[found[1]] if found else ""
