"""List entries: dated links in <li>, <tr>, <dd> or <p> blocks, with the heading of the block they sit in.

An entry is an element holding a link (≥4 characters of title) and a date outside the title. Month-day dates
([03-15]) take their year from the entry URL when it carries the same month (t20260315_1.html), else from
``today``: the latest such day not after today. The breadcrumb and the footer never give entries.

Hanweb list pages carry their first page of items as CDATA records inside ``<script type="text/xml">``; those
records are read as entries too.
"""

from __future__ import annotations

import re
from datetime import date

from bs4 import NavigableString, Tag

from crawler.extract.columns import find_breadcrumb
from crawler.extract.dates import date_from_url, find_date, has_year, make_date
from crawler.extract.dom import (
    attr_text,
    cached,
    collapse,
    footer_elements,
    has_ancestor,
    make_soup,
    tags,
    text_of,
)
from crawler.extract.model import ListEntry
from crawler.extract.urls import SKIP_HREF_RE, absolute

ENTRY_TAGS = ("li", "tr", "dd", "p")
LIST_TAGS = frozenset({"ul", "ol", "table", "tbody", "dl"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
MIN_TITLE_CHARS = 4
_HEADING_CLASS_RE = re.compile(r"title|tit(?![a-z])|(?<![a-z])hd(?![a-z])|head|name|lanmu|column")
_MORE_RE = re.compile(r"更多|more|>>|》》|»|\+|＞＞|查看全部", re.IGNORECASE)
_MAX_HEADING_CHARS = 30
# Text of an entry besides its title: a date, a source, an index number, at most a short summary.
_MAX_REST_CHARS = 300
_MAX_P_REST_CHARS = 60
_CDATA_RE = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)


def _anchor_title(a: Tag) -> str:
    title = a.get("title")
    if isinstance(title, str) and len(collapse(title)) >= MIN_TITLE_CHARS:
        return collapse(title)[:500]
    return text_of(a, limit=500)


def _date_outside(element: Tag, a: Tag, context: date) -> tuple[date, str] | None:
    """The date shown in element but not in the link's title."""
    rest: list[str] = []
    for node in element.descendants:
        if type(node) is NavigableString and not has_ancestor(node, {id(a)}, stop=12):
            parent = node.parent
            if parent is not None and parent.name in ("script", "style"):
                continue
            rest.append(str(node))
    rest_text = collapse(" ".join(rest))
    if len(rest_text) > (_MAX_P_REST_CHARS if element.name == "p" else _MAX_REST_CHARS):
        return None  # prose around a link (an article paragraph), not a list entry
    return find_date(rest_text, context.year)


def _date_in_link(a: Tag, context: date) -> tuple[str, tuple[date, str]] | None:
    """<a><span>title</span><span>2026-03-15</span></a>: (title, date) when the date is apart from the title."""
    strings = [text for text in (collapse(s) for s in a.strings) if text]
    if len(strings) < 2 or not any(c.isdigit() for text in strings for c in text):
        return None
    longest = max(strings, key=len)
    found = find_date(" ".join(s for s in strings if s is not longest), context.year)
    return (longest, found) if found is not None else None


def _resolve_year(value: date, raw: str, entry_url: str, today: date) -> date:
    """Give a month-day date its year: the entry URL's if it agrees, else the latest not after today."""
    if has_year(raw):
        return value
    from_url = date_from_url(entry_url)
    if from_url is not None and from_url.value.month == value.month:
        candidate = make_date(from_url.value.year, value.month, value.day)
        if candidate is not None:
            return candidate
    for year in (today.year, today.year - 1):
        candidate = make_date(year, value.month, value.day)
        if candidate is not None and candidate <= today:
            return candidate
    return value


def _entry_candidates(a: Tag) -> list[Tag]:
    """Entry-shaped ancestors of a link (li, tr, dd, p), nearest first, at most four levels up."""
    found: list[Tag] = []
    node = a.parent
    for _ in range(4):
        if node is None:
            break
        if node.name in ENTRY_TAGS:
            found.append(node)
        node = node.parent
    return found


def _heading_text(element: Tag, list_node: Tag) -> str:
    """Text of a heading-like element, with 更多/more removed; for tab bars, the tab matching list_node."""
    inner = element if element.name in HEADING_TAGS else element.find(HEADING_TAGS)
    if inner is not None:
        text = text_of(inner, limit=200)
    else:
        labels = (text_of(a, limit=50) for a in element.find_all("a", limit=20))
        tabs = [label for label in labels if label and not _MORE_RE.search(label)]
        if len(tabs) >= 2:
            siblings = [
                s
                for s in list_node.find_previous_siblings(list_node.name)
                if s.get("class") == list_node.get("class")
            ]
            position = len(siblings)
            text = tabs[position] if position < len(tabs) else tabs[0]
        else:
            text = text_of(element, limit=200)
    text = collapse(_MORE_RE.sub(" ", text)).strip(" :：")
    return text if 0 < len(text) <= _MAX_HEADING_CHARS else ""


def _is_heading(tag: Tag) -> bool:
    return tag.name in HEADING_TAGS or bool(_HEADING_CLASS_RE.search(attr_text(tag)))


def block_heading(element: Tag) -> str:
    """Heading of the list block around an entry: nearest preceding (or contained) h1–h6 / title-like element."""
    node: Tag | None = element
    for _ in range(6):
        if node is None or node.name in LIST_TAGS:
            break
        node = node.parent
    if node is None or node.name not in LIST_TAGS:
        node = element.parent
    for _ in range(5):
        if node is None or node.name in ("body", "html", "[document]"):
            return ""
        checked = 0
        for sibling in node.previous_siblings:
            if not isinstance(sibling, Tag):
                continue
            checked += 1
            if checked > 4:
                break
            if _is_heading(sibling):
                text = _heading_text(sibling, node)
                if text:
                    return text
            inner = sibling.find(HEADING_TAGS)
            if inner is not None:
                text = _heading_text(inner, node)
                if text:
                    return text
        node = node.parent
    return ""


def _excluded_ids(soup: Tag) -> set[int]:
    excluded = {id(el) for el in footer_elements(soup)}
    crumb = find_breadcrumb(soup).element
    if crumb is not None:
        excluded.add(id(crumb))
    return excluded


def _is_more_link(title: str) -> bool:
    return len(collapse(_MORE_RE.sub("", title)).strip(".…")) < 2


def _entries_in(
    root: Tag, anchors: list[Tag], base_url: str, today: date, excluded: set[int]
) -> list[tuple[Tag, ListEntry]]:
    # element id → (element, anchor, title, (date, raw)); one entry per element, its longest title
    chosen: dict[int, tuple[Tag, Tag, str, tuple[date, str]]] = {}
    order: list[int] = []
    for a in anchors:
        href = a.get("href")
        if not isinstance(href, str) or SKIP_HREF_RE.match(href):
            continue
        title = _anchor_title(a)
        if len(title) < MIN_TITLE_CHARS or _is_more_link(title):
            continue
        in_link: tuple[str, tuple[date, str]] | None = None
        looked_in_link = False
        for element in _entry_candidates(a):
            if has_ancestor(element, excluded):
                break
            dated = _date_outside(element, a, today)
            if dated is None:
                if not looked_in_link:
                    in_link, looked_in_link = _date_in_link(a, today), True
                if in_link is None:
                    continue
                if not isinstance(a.get("title"), str):
                    title = in_link[0]
                dated = in_link[1]
            key = id(element)
            if key not in chosen:
                order.append(key)
                chosen[key] = (element, a, title, dated)
            elif len(title) > len(chosen[key][2]):
                chosen[key] = (element, a, title, dated)
            break
    # An outer block (a menu <li>, a whole <table>) holding entries of its own is not itself an entry.
    outer: set[int] = set()
    for element, *_rest in chosen.values():
        node = element.parent
        for _ in range(8):
            if node is None:
                break
            outer.add(id(node))
            node = node.parent
    found: list[tuple[Tag, ListEntry]] = []
    seen: set[tuple[str, str]] = set()
    for key in order:
        element, a, title, (value, raw) = chosen[key]
        if key in outer:
            continue
        url = absolute(base_url, a.get("href"))
        if url is None or (url, title) in seen:
            continue
        seen.add((url, title))
        value = _resolve_year(value, raw, url, today)
        found.append((element, ListEntry(title=title, url=url, date=value, date_raw=raw)))
    return found


def entry_elements(soup: Tag, base_url: str, today: date) -> list[tuple[Tag, ListEntry]]:
    """(element, entry) pairs of the page, cached (dates and page kind reuse them)."""
    return cached(
        soup, "entries", lambda: _entries_in(soup, tags(soup, "a"), base_url, today, _excluded_ids(soup))
    )


def _datastores(soup: Tag) -> list[Tag]:
    found = []
    for script in tags(soup, "script"):
        kind = script.get("type")
        if isinstance(kind, str) and "xml" in kind.lower() and "<record" in (script.string or ""):
            found.append(script)
    return found


def has_datastore(soup: Tag) -> bool:
    """Whether the page is a Hanweb list (its items in a <script type="text/xml"> datastore)."""
    return bool(_datastores(soup))


def _xml_records(soup: Tag, base_url: str, today: date) -> list[ListEntry]:
    entries: list[ListEntry] = []
    for script in _datastores(soup):
        body = script.string or ""
        records = _CDATA_RE.findall(body)
        if not records:
            continue
        fragment = make_soup("<ul>" + "".join(records) + "</ul>")
        block = block_heading(script)
        for _element, entry in _entries_in(fragment, fragment.find_all("a"), base_url, today, set()):
            entry.block = block
            entries.append(entry)
    return entries


def extract_entries(soup: Tag, base_url: str, today: date | None = None) -> list[ListEntry]:
    """Every dated list entry of the page, in document order, deduplicated by (url, title)."""
    today = today or date.today()
    entries: list[ListEntry] = []
    for element, entry in entry_elements(soup, base_url, today):
        entry.block = block_heading(element)
        entries.append(entry)
    seen = {(e.url, e.title) for e in entries}
    for entry in _xml_records(soup, base_url, today):
        if (entry.url, entry.title) not in seen:
            seen.add((entry.url, entry.title))
            entries.append(entry)
    return entries
