"""List entries: dated links in <li>, <tr>, <dd>, <p> (and repeated <div>) blocks, with their block's heading.

An entry is an element holding a link (≥4 characters of title) and a date outside the title. Month-day dates
([03-15]) take their year from the entry URL (t20260315_1.html, /2026-03-15/, /202603/), and only when it has
none from ``today`` (the latest such day not after today), marked ``as_of``; a URL date that disagrees with
the list's is kept beside it (see ``read_entry_date``). The breadcrumb and the footer never give entries.

Hanweb list pages carry their first page of items as CDATA records inside ``<script type="text/xml">``; those
records are read as entries too.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import islice

from crawler.extract.columns import find_breadcrumb
from crawler.extract.dates import date_from_url, find_date, has_year, make_date
from crawler.extract.dom import Doc, Element, attr_text, cached, collapse, find_first, make_soup, tags
from crawler.extract.model import FoundDate, ListEntry
from crawler.extract.regions import DOCUMENT_ID, footer_elements, has_ancestor
from crawler.extract.tabs import tab_heading
from crawler.extract.text import iter_strings, string_of, text_of
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


def _anchor_title(a: Element, doc: Doc | None = None) -> str:
    title = a.get("title")
    if isinstance(title, str) and len(collapse(title)) >= MIN_TITLE_CHARS:
        return collapse(title)[:500]
    return text_of(a, limit=500, doc=doc)


def _in_link(owner: Element, a: Element, element: Element) -> bool:
    """Whether a string owned by owner (inside element) is part of the link a (element holds a).

    A string nested more than 10 elements below the link counts as outside it (the climb is bounded).
    """
    node: Element | None = owner
    for _ in range(11):
        if node is a:
            return True
        if node is element or node is None:
            return False  # a lies below element: climbing past it cannot meet a
        node = node.getparent()
    return False


def _date_outside(
    element: Element, a: Element, context: date, doc: Doc | None = None
) -> tuple[date, str] | None:
    """The date shown in element but not in the link's title."""
    rest = [text for text, owner in iter_strings(element, doc) if not _in_link(owner, a, element)]
    rest_text = collapse(" ".join(rest))
    if len(rest_text) > (_MAX_P_REST_CHARS if element.tag == "p" else _MAX_REST_CHARS):
        return None  # prose around a link (an article paragraph), not a list entry
    numbered = [text for text in rest if _has_digit(text)]
    if len(numbered) <= 1:  # the usual entry: one string with digits, read as it is
        return find_date(numbered[0], context.year) if numbered else None
    # A date in an element of its own beats one in a summary ("3月15日，市交通运输局召开会议…").
    for text in numbered:
        text = collapse(text)
        if _is_date_text(text, context):
            return find_date(text, context.year)
    return find_date(rest_text) or _split_day(rest) or find_date(rest_text, context.year)


_DIGIT_RE = re.compile(r"[0-9０-９]")


def _has_digit(text: str) -> bool:
    return _DIGIT_RE.search(text) is not None


_DAY_RE = re.compile(r"(\d{1,2})\s*日?")
_YEAR_MONTH_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")


def _split_day(strings: list[str]) -> tuple[date, str] | None:
    """A date drawn as a big day and its year-month in elements of their own: "15" "2026-03" (or the other
    way round)."""
    texts = [text for text in (collapse(s) for s in strings) if text]
    for first, second in zip(texts, texts[1:], strict=False):
        day, month = _DAY_RE.fullmatch(first), _YEAR_MONTH_RE.fullmatch(second)
        if day is None or month is None:
            month, day = _YEAR_MONTH_RE.fullmatch(first), _DAY_RE.fullmatch(second)
        if day is not None and month is not None:
            value = make_date(month.group(1), month.group(2), day.group(1))
            if value is not None:
                return value, f"{first} {second}"
    return None


def _date_in_link(a: Element, context: date, doc: Doc | None = None) -> tuple[str, tuple[date, str]] | None:
    """<a><span>title</span><span>2026-03-15</span></a>: (title, date) when the date is apart from the title."""
    if not len(a):
        return None  # one string at most
    strings = [text for text in (collapse(s) for s, _owner in iter_strings(a, doc)) if text]
    if len(strings) < 2 or not any(c.isdigit() for text in strings for c in text):
        return None
    # the title is the longest string that is not itself the date ("2026-03-15" outruns a short title)
    titles = [text for text in strings if not _is_date_text(text, context)] or strings
    longest = max(titles, key=len)
    found = find_date(" ".join(s for s in strings if s is not longest), context.year)
    return (longest, found) if found is not None else None


def _is_date_text(text: str, context: date) -> bool:
    """Whether a string is a date and little else ("2026-03-15", "[03-15]", "2026年3月15日 10:23")."""
    found = find_date(text, context.year)
    return found is not None and len(text) <= len(found[1]) + 4


# A date written at the end of a link's own text, bracketed or after a space: "标题 [2026-03-15]", "标题 03-15".
_TRAILING_DATE_RE = re.compile(
    r"[\[【(（]?\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*[-月]\s*\d{1,2}\s*日?)\s*[\]】)）]?$"
)


_DATE_END_CHARS = frozenset("0123456789]】)）日")


def _trailing_date(text: str, context: date) -> tuple[str, tuple[date, str]] | None:
    """<a>区政府召开常务会议 [2026-03-15]</a>: (title, date) when the link's text ends with a date set apart."""
    m = _TRAILING_DATE_RE.search(text)
    if m is None or m.start() == 0:
        return None
    head = text[: m.start()]
    if not (head.endswith(" ") or text[m.start()] in " [【(（"):
        return None  # run on ("…第2026-03-15号"): part of the title, not a date apart from it
    title = head.strip(" ·-—")
    found = find_date(m.group(1), context.year)
    if found is None or len(title) < MIN_TITLE_CHARS:
        return None
    return title, found


def _agrees(value: date, from_url: FoundDate) -> bool:
    """Whether a date agrees with a URL's, at the URL's precision (a /202603/ folder gives only the month)."""
    if from_url.precision == "month":
        return (value.year, value.month) == (from_url.value.year, from_url.value.month)
    return value == from_url.value


def _url_text(from_url: FoundDate) -> str:
    iso = from_url.value.isoformat()
    return iso[:7] if from_url.precision == "month" else iso


def read_entry_date(value: date, raw: str, entry_url: str, today: date) -> tuple[date, str, str, bool]:
    """(date, where its year comes from, the URL's date, whether the two disagree) of an entry's date.

    A full date is the list's. A month-day takes its year from the entry URL (of the years around the URL's,
    the one that puts the day nearest the URL's date, so 01-03 under /201812/ is 2019-01-03); only when the
    URL carries no date is the year inferred from ``today`` (the latest such day not after it), and marked so.
    """
    from_url = date_from_url(entry_url)
    url_text = _url_text(from_url) if from_url is not None else ""
    if has_year(raw):
        source = "list"
    elif from_url is not None:
        source = "url_year"
        anchor = from_url.value
        near = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := make_date(y, value.month, value.day))]
        value = min(near, key=lambda d: abs((d - anchor).days), default=value)
    else:
        source = "as_of"
        for year in (today.year, today.year - 1):
            candidate = make_date(year, value.month, value.day)
            if candidate is not None and candidate <= today:
                value = candidate
                break
    return value, source, url_text, from_url is not None and not _agrees(value, from_url)


def _entry_candidates(a: Element, repeated: dict[int, bool] | None = None) -> list[Element]:
    """Entry-shaped ancestors of a link (li, tr, dd, p; a <dl> of one <dt>; a <div> repeated with its class
    among its siblings), nearest first, at most four levels up. ``repeated`` memoises the divs' answers."""
    found: list[Element] = []
    node = a.getparent()
    for _ in range(4):
        if node is None:
            break
        tag = node.tag
        if tag in ENTRY_TAGS:
            found.append(node)
        elif tag == "div" and node.get("class"):
            key = id(node)
            known = repeated.get(key) if repeated is not None else None
            if known is None:
                known = _is_repeated(node)
                if repeated is not None:
                    repeated[key] = known
            if known:
                found.append(node)
        elif tag == "dl" and sum(1 for _dt in islice(node.iterchildren("dt"), 2)) == 1:
            found.append(node)
        node = node.getparent()
    return found


_MIN_REPEATS = 2  # siblings like it: three items make a list of divs


def _is_repeated(node: Element) -> bool:
    """Whether a classed element has at least two siblings of its tag and class (items of a list of divs)."""
    cls = node.get("class")
    if not cls:
        return False
    tag, count = node.tag, 0
    for siblings in (node.itersiblings(), node.itersiblings(preceding=True)):
        for sibling in islice(siblings, 10):
            if sibling.tag == tag and sibling.get("class") == cls:
                count += 1
                if count >= _MIN_REPEATS:
                    return True
    return False


def _heading_text(element: Element, list_node: Element, doc: Doc | None = None) -> str:
    """Text of a heading-like element, with 更多/more removed; for tab bars, the tab matching list_node."""
    inner = element if element.tag in HEADING_TAGS else find_first(element, HEADING_TAGS)
    if inner is not None:
        text = text_of(inner, limit=200, doc=doc)
    else:
        labels = (text_of(a, limit=50, doc=doc) for a in islice(element.iterdescendants("a"), 20))
        tabs = [label for label in labels if label and not _MORE_RE.search(label)]
        if len(tabs) >= 2:
            name, cls = list_node.tag, list_node.get("class")
            siblings = [
                s for s in list_node.itersiblings(preceding=True) if s.tag == name and s.get("class") == cls
            ]
            position = len(siblings)
            text = tabs[position] if position < len(tabs) else tabs[0]
        else:
            text = text_of(element, limit=200, doc=doc)
    text = collapse(_MORE_RE.sub(" ", text)).strip(" :：")
    return text if 0 < len(text) <= _MAX_HEADING_CHARS else ""


# The page's own header and menus (class or id exactly one of these) are never a list block's heading.
_PAGE_CHROME_NAMES = frozenset({"header", "head", "top", "nav", "menu", "navbar", "topbar", "banner"})


def _is_page_chrome(tag: Element) -> bool:
    return tag.tag in ("header", "nav") or not _PAGE_CHROME_NAMES.isdisjoint(attr_text(tag).split())


def _is_heading(tag: Element) -> bool:
    return tag.tag in HEADING_TAGS or bool(_HEADING_CLASS_RE.search(attr_text(tag)))


def block_heading(element: Element, doc: Doc | None = None) -> str:
    """Heading of the list block around an entry: nearest preceding (or contained) h1–h6 / title-like element."""
    node: Element | None = element
    for _ in range(6):
        if node is None or node.tag in LIST_TAGS:
            break
        node = node.getparent()
    if node is None or node.tag not in LIST_TAGS:
        node = element.getparent()
    if node is None:
        return ""
    if doc is None:
        return _heading_above(node)
    # the entries of one list share its heading: look once per list
    known: dict[int, str] = cached(doc, "block_headings", dict)
    key = id(node)
    if key not in known:
        known[key] = _heading_above(node, doc)
    return known[key]


def _heading_above(node: Element | None, doc: Doc | None = None) -> str:
    """The heading found among the preceding siblings of node and of its ancestors (five levels); in a tabbed
    block, the heading of the tab whose panel holds node."""
    if doc is not None and node is not None:
        tab = tab_heading(node, doc)
        if tab:
            return tab
    for level in range(5):
        if node is None or node.tag in ("body", "html"):
            return ""
        checked = 0
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue  # a comment
            checked += 1
            if checked > 4:
                break
            if _is_page_chrome(sibling):
                continue
            if _is_heading(sibling):
                text = _heading_text(sibling, node, doc)
                if text:
                    return text
            inner = find_first(sibling, HEADING_TAGS)
            if inner is None and level < 2:
                inner = _titled_inside(sibling, doc)
            if inner is not None:
                text = _heading_text(inner, node, doc)
                if text:
                    return text
        node = node.getparent()
    return ""


_HEADING_BAR_CHARS = 40


def _titled_inside(sibling: Element, doc: Doc | None = None) -> Element | None:
    """In a short bar right before the list (<table><tr><td class="lm_title">工作动态</td><td>更多</td>…),
    the element whose class names it a title."""
    if len(text_of(sibling, limit=_HEADING_BAR_CHARS + 1, doc=doc)) > _HEADING_BAR_CHARS:
        return None
    for inner in sibling.iterdescendants():
        if isinstance(inner.tag, str) and _HEADING_CLASS_RE.search(attr_text(inner)):
            return inner
    return None


def _excluded_ids(doc: Doc) -> set[int]:
    excluded = {id(el) for el in footer_elements(doc)}
    crumb = find_breadcrumb(doc).element
    if crumb is not None:
        excluded.add(DOCUMENT_ID if isinstance(crumb, Doc) else id(crumb))
    return excluded


def _is_more_link(title: str) -> bool:
    return len(collapse(_MORE_RE.sub("", title)).strip(".…")) < 2


def _entries_in(
    doc: Doc, anchors: list[Element], base_url: str, today: date, excluded: set[int]
) -> list[tuple[Element, ListEntry]]:
    # element id → (element, anchor, title, (date, raw)); one entry per element, its longest title
    chosen: dict[int, tuple[Element, Element, str, tuple[date, str]]] = {}
    order: list[int] = []
    repeated: dict[int, bool] = {}  # div id → whether it is an item of a list of divs
    # Everything inside an excluded element: a quick test before the exact (depth-bounded) one.
    near: set[int] | None = None
    if excluded and DOCUMENT_ID not in excluded:
        near = {id(inner) for el in doc.elements if id(el) in excluded for inner in el.iter()}
    for a in anchors:
        href = a.get("href")
        if not isinstance(href, str) or SKIP_HREF_RE.match(href):
            continue
        title = _anchor_title(a, doc)
        if len(title) < MIN_TITLE_CHARS or _is_more_link(title):
            continue
        in_link: tuple[str, tuple[date, str]] | None = None
        trailing: tuple[str, tuple[date, str]] | None = None
        looked_in_link = False
        for element in _entry_candidates(a, repeated):
            if excluded and (near is None or id(element) in near) and has_ancestor(element, excluded):
                break
            dated = _date_outside(element, a, today, doc)
            if dated is None:
                if not looked_in_link:
                    in_link, looked_in_link = _date_in_link(a, today, doc), True
                    if in_link is None:
                        text = title if a.get("title") is None else text_of(a, limit=500, doc=doc)
                        if text[-1:] in _DATE_END_CHARS:  # most links end otherwise: skip the regex
                            trailing = _trailing_date(text, today)
                # a paragraph's link with a date in its text is a mention in prose, not a list entry
                found_in_link = in_link or (trailing if element.tag != "p" else None)
                if found_in_link is None:
                    continue
                if not isinstance(a.get("title"), str):
                    title = found_in_link[0]
                dated = found_in_link[1]
            key = id(element)
            if key not in chosen:
                order.append(key)
                chosen[key] = (element, a, title, dated)
            elif len(title) > len(chosen[key][2]):
                chosen[key] = (element, a, title, dated)
            break
    _drop_lone_items(chosen)
    # An outer block (a menu <li>, a whole <table>) holding entries of its own is not itself an entry.
    outer: set[int] = set()
    for element, *_rest in chosen.values():
        node = element.getparent()
        for _ in range(8):
            if node is None:
                break
            outer.add(id(node))
            node = node.getparent()
    found: list[tuple[Element, ListEntry]] = []
    seen: set[tuple[str, str]] = set()
    for key in order:
        if key in outer or key not in chosen:
            continue
        element, a, title, (value, raw) = chosen[key]
        url = absolute(base_url, a.get("href"))
        if url is None or (url, title) in seen:
            continue
        seen.add((url, title))
        value, source, url_date, conflict = read_entry_date(value, raw, url, today)
        entry = ListEntry(title=title, url=url, date=value, date_raw=raw, date_source=source, url_date=url_date,
                          date_conflict=conflict)
        found.append((element, entry))
    return found


# Entries in elements that are not list items by their tag count only as a list: at least this many siblings
# alike (tag, class) must be dated entries. A bootstrap "row" holding a short notice's attachment link and its
# 发布时间 is not a list of one.
_MIN_GROUP = {"div": 3, "dl": 2}


def _drop_lone_items(chosen: dict[int, tuple[Element, Element, str, tuple[date, str]]]) -> None:
    groups: dict[tuple[int, str, str], list[int]] = {}
    for key, (element, *_rest) in chosen.items():
        if element.tag in _MIN_GROUP:
            parent = element.getparent()
            group = (id(parent), element.tag, element.get("class") or "")
            groups.setdefault(group, []).append(key)
    for (_parent, tag, _cls), keys in groups.items():
        if len(keys) < _MIN_GROUP[tag]:
            for key in keys:
                del chosen[key]


def entry_elements(doc: Doc, base_url: str, today: date) -> list[tuple[Element, ListEntry]]:
    """(element, entry) pairs of the page, cached (dates and page kind reuse them)."""
    return cached(
        doc, "entries", lambda: _entries_in(doc, tags(doc, "a"), base_url, today, _excluded_ids(doc))
    )


def _datastores(doc: Doc) -> list[Element]:
    found = []
    for script in tags(doc, "script"):
        kind = script.get("type")
        if isinstance(kind, str) and "xml" in kind.lower() and "<record" in (string_of(script) or ""):
            found.append(script)
    return found


def has_datastore(doc: Doc) -> bool:
    """Whether the page is a Hanweb list (its items in a <script type="text/xml"> datastore)."""
    return bool(_datastores(doc))


def _xml_records(doc: Doc, base_url: str, today: date) -> list[ListEntry]:
    entries: list[ListEntry] = []
    for script in _datastores(doc):
        body = string_of(script) or ""
        records = _CDATA_RE.findall(body)
        if not records:
            continue
        fragment = make_soup("<ul>" + "".join(records) + "</ul>")
        block = block_heading(script, doc)
        for _element, entry in _entries_in(fragment, tags(fragment, "a"), base_url, today, set()):
            entry.block = block
            entries.append(entry)
    return entries


def extract_entries(doc: Doc, base_url: str, today: date | None = None) -> list[ListEntry]:
    """Every dated list entry of the page, in document order, deduplicated by (url, title)."""
    today = today or date.today()
    entries: list[ListEntry] = []
    for element, entry in entry_elements(doc, base_url, today):
        entry.block = block_heading(element, doc)
        entries.append(entry)
    seen = {(e.url, e.title) for e in entries}
    for entry in _xml_records(doc, base_url, today):
        if (entry.url, entry.title) not in seen:
            seen.add((entry.url, entry.title))
            entries.append(entry)
    return entries
