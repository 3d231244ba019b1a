"""Shared DOM helpers: one parse per page, visible text, cached per-soup indexes.

Everything here is iterative (no recursion), so deeply nested or malformed pages cannot blow the stack.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning

T = TypeVar("T")

# A page larger than this is cut before parsing: nothing a compliance check needs lies beyond, and it bounds
# the time one pathological page can take.
MAX_HTML_CHARS = 4_000_000

# Never visible.
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
# Boundaries that separate words in the rendered page (inline tags join their text without a space).
BLOCK_TAGS = frozenset(
    "address article aside blockquote br body center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html iframe img input li main menu nav ol option p pre "
    "section select summary table tbody td tfoot th thead tr ul button label".split()
)

_WS_RE = re.compile(r"\s+")
# Characters lxml refuses or that only appear in broken pages.
_BAD_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def collapse(text: str | None) -> str:
    """Collapse every run of whitespace (ASCII, NBSP, ideographic space …) to one space and strip."""
    if not text:
        return ""
    return _WS_RE.sub(" ", text).strip()


def make_soup(html: str) -> BeautifulSoup:
    """Parse with lxml; never raises and never warns (bs4's "looks like a URL/XML" warnings are noise here)."""
    if not isinstance(html, str):
        html = str(html or "")
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    html = _BAD_CHARS_RE.sub(" ", html)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        # class stays one string (no per-tag splitting: measurably faster, and attr_text reads it as such)
        try:
            return BeautifulSoup(html, "lxml", multi_valued_attributes=None)
        except Exception:  # lxml gave up on this markup: the forgiving pure-Python parser never does
            return BeautifulSoup(html, "html.parser", multi_valued_attributes=None)


def cached(soup: Tag, key: str, compute: Callable[[], T]) -> T:
    """Memoise a per-page computation on the soup object itself (extractors share the one parse)."""
    store: dict[str, Any] | None = soup.__dict__.get("_govaudit_cache")
    if store is None:
        store = {}
        soup.__dict__["_govaudit_cache"] = store
    if key not in store:
        store[key] = compute()
    return store[key]


def _tag_index(soup: Tag) -> tuple[dict[str, list[Tag]], dict[int, int]]:
    """Tags grouped by name (document order within a name) and each tag's position; one pass, cached."""

    def build() -> tuple[dict[str, list[Tag]], dict[int, int]]:
        by_name: dict[str, list[Tag]] = {}
        position: dict[int, int] = {}
        for i, node in enumerate(soup.descendants):
            if isinstance(node, Tag):
                by_name.setdefault(node.name, []).append(node)
                position[id(node)] = i
        return by_name, position

    return cached(soup, "tag_index", build)


def tags(soup: Tag, *names: str) -> list[Tag]:
    """Tags with any of the given names, in document order."""
    by_name, position = _tag_index(soup)
    if len(names) == 1:
        return by_name.get(names[0], [])
    found = [t for n in names for t in by_name.get(n, [])]
    found.sort(key=lambda t: position.get(id(t), 0))
    return found


def all_tags(soup: Tag) -> list[Tag]:
    """Every tag of the page (grouped by name, not in document order)."""
    return [t for group in _tag_index(soup)[0].values() for t in group]


def attr_text(tag: Tag) -> str:
    """class and id of a tag, lower-cased, space separated (for 'does the class mention list' tests)."""
    cls = tag.get("class")
    if isinstance(cls, list):
        cls = " ".join(cls)
    ident = tag.get("id")
    return f"{cls or ''} {ident if isinstance(ident, str) else ''}".lower().strip()


def iter_text(root: Tag, skip: frozenset[str] = SKIP_TAGS) -> Iterator[tuple[str, NavigableString | None]]:
    """Visible strings under root in document order, with a " " piece (and None) at block boundaries."""
    stack: list[Iterator[Any]] = [iter(root.contents)]
    while stack:
        for node in stack[-1]:
            if isinstance(node, Tag):
                if node.name in skip:
                    continue
                if node.name in BLOCK_TAGS:
                    yield " ", None
                    stack.append(_closing(node.contents))
                else:
                    stack.append(iter(node.contents))
                break
            if node is _BLOCK_END:
                yield " ", None
            elif type(node) is NavigableString:  # not Comment, CData, Doctype …
                yield str(node), node
        else:
            stack.pop()


_BLOCK_END = object()


def _closing(contents: list[Any]) -> Iterator[Any]:
    yield from contents
    yield _BLOCK_END


def text_of(tag: Tag | None, limit: int | None = None) -> str:
    """Visible text of an element, whitespace collapsed; stops early once `limit` characters are gathered."""
    if tag is None:
        return ""
    if isinstance(tag, NavigableString):
        return collapse(str(tag))
    parts: list[str] = []
    size = 0
    for piece, _node in iter_text(tag):
        parts.append(piece)
        if limit is not None:
            size += len(piece)
            if size > limit * 2 + 200:
                break
    text = collapse("".join(parts))
    return text[:limit] if limit is not None else text


class PageText:
    """The visible text of a page with a map from character offsets back to the text nodes."""

    def __init__(self, root: Tag) -> None:
        parts: list[str] = []
        starts: list[int] = []
        nodes: list[NavigableString | None] = []
        pos = 0
        last_space = True
        for piece, node in iter_text(root):
            piece = _WS_RE.sub(" ", piece)
            if last_space and piece.startswith(" "):
                piece = piece[1:]
            if not piece:
                continue
            starts.append(pos)
            nodes.append(node)
            parts.append(piece)
            pos += len(piece)
            last_space = piece.endswith(" ")
        self.text = "".join(parts).rstrip()
        self._starts = starts
        self._nodes = nodes

    def node_at(self, offset: int) -> NavigableString | None:
        i = bisect_right(self._starts, offset) - 1
        return self._nodes[i] if 0 <= i < len(self._nodes) else None


def page_text(soup: Tag) -> PageText:
    """Visible text of the body (cached)."""

    def build() -> PageText:
        body = soup.body if isinstance(soup, BeautifulSoup) else None
        return PageText(body if body is not None else soup)

    return cached(soup, "page_text", build)


def has_ancestor(node: Any, candidates: set[int], stop: int = 60) -> bool:
    """Whether node or one of its ancestors (id() in candidates) is one of the given elements."""
    steps = 0
    while node is not None and steps < stop:
        if id(node) in candidates:
            return True
        node = node.parent
        steps += 1
    return False


_CHROME_RE = re.compile(r"foot|copyright|bottom|banquan|\bbq\b")


def footer_elements(soup: Tag) -> list[Tag]:
    """Outermost elements that look like the page footer (class/id mentions foot, copyright, bottom …)."""

    def build() -> list[Tag]:
        found: list[Tag] = []
        ids: set[int] = set()
        for tag in tags(soup, "footer", "div", "table", "section", "p", "ul", "td"):
            if tag.name != "footer" and not _CHROME_RE.search(attr_text(tag)):
                continue
            if has_ancestor(tag.parent, ids):
                continue
            found.append(tag)
            ids.add(id(tag))
        return found

    return cached(soup, "footer_elements", build)
