"""Shared DOM helpers: one lxml parse per page, the visible text computed once, cached per-page indexes.

``make_soup`` parses a page with lxml's HTML parser into a ``Doc``: the top-level elements (libxml2 puts
anything after ``</html>`` into further top-level ``<html>`` elements), every element in document order,
elements by tag name, a per-page cache, and the page's visible text as one stream of pieces in document order,
each with the element it sits in, plus each element's span in that stream. ``text_of(el, doc=doc)`` is then a
slice of the stream instead of a walk of the subtree.

Text semantics are those of the BeautifulSoup tree this layer used to build (bs4 with the lxml builder):

- visible text skips script, style, noscript, template, head and title; block tags separate words;
- strings inside script, style, template, rt or rp (at any depth) are never text, comments never are;
- a string made only of ASCII whitespace counts as one character for the ``limit`` of ``text_of`` (bs4 stored
  such strings as a single space or newline), except inside pre and textarea.

Everything here is iterative (no recursion), so deeply nested or malformed pages cannot blow the stack. Element
identity is ``id(element)``: a ``Doc`` keeps every element proxy alive, so ids stay stable while it lives.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from html import escape as html_escape
from typing import Any, TypeVar

from lxml import etree

T = TypeVar("T")

Element = etree._Element

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
# Strings anywhere inside these are code or annotations, never text (bs4's Script, Stylesheet, TemplateString,
# RubyTextString and RubyParenthesisString).
CODE_TAGS = frozenset({"script", "style", "template", "rt", "rp"})
# Whitespace-only strings inside these keep their length (bs4's preserve-whitespace tags).
_PRESERVE_TAGS = frozenset({"pre", "textarea"})
_ASCII_SPACES = " \n\t\x0c\r"

_WS_RE = re.compile(r"\s+")
# Characters lxml refuses or that only appear in broken pages.
_BAD_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def collapse(text: str | None) -> str:
    """Collapse every run of whitespace (ASCII, NBSP, ideographic space …) to one space and strip."""
    if not text:
        return ""
    return " ".join(text.split())  # str.split() and re's \s agree on what whitespace is


def _size(piece: str, preserve: bool) -> int:
    return 1 if not preserve and not piece.strip(_ASCII_SPACES) else len(piece)


class Doc:
    """One parsed page: top-level elements, every element in document order, indexes, cache, visible text."""

    def __init__(self, tops: list[Element]) -> None:
        self.tops = tops
        # Holding every proxy keeps id(element) stable for the life of the Doc.
        self.elements: list[Element] = [el for top in tops for el in top.iter(etree.Element)]
        by_name: dict[str, list[Element]] = {}
        for el in self.elements:
            name = el.tag
            group = by_name.get(name)
            if group is None:
                by_name[name] = [el]
            else:
                group.append(el)
        self.by_name = by_name
        self.cache: dict[str, Any] = {}
        self._stream: _Stream | None = None
        self._code_ids: set[int] | None = None

    @property
    def body(self) -> Element | None:
        """The first <body> in document order (bs4's ``soup.body``)."""
        bodies = self.by_name.get("body")
        return bodies[0] if bodies else None

    def find(self, name: str) -> Element | None:
        """The first element with this tag name, or None."""
        group = self.by_name.get(name)
        return group[0] if group else None

    @property
    def code_ids(self) -> set[int]:
        """ids of the elements that are or sit inside a code tag (script, style, template, rt, rp)."""
        if self._code_ids is None:
            ids: set[int] = set()
            for name in CODE_TAGS:
                for el in self.by_name.get(name, ()):
                    if id(el) not in ids:
                        ids.update(id(inner) for inner in el.iter(etree.Element))
            self._code_ids = ids
        return self._code_ids

    @property
    def stream(self) -> _Stream:
        if self._stream is None:
            self._stream = _Stream(self.tops)
        return self._stream


class _Stream:
    """The visible text of a document as pieces in document order, and each element's span in it.

    ``pieces[i]`` is a string or the " " of a block boundary; ``owners[i]`` the element whose text or child's
    tail the string is (None for a boundary); ``cum[i]`` the size (see module docstring) of pieces[:i].
    ``spans[id(el)]`` is (start, end) of the pieces strictly inside el (its own boundaries excluded), for
    every element outside the skipped subtrees.
    """

    def __init__(self, tops: list[Element]) -> None:
        pieces: list[str] = []
        owners: list[Element | None] = []
        sizes: list[int] = []
        spans: dict[int, tuple[int, int]] = {}
        add_piece, add_owner, add_size = pieces.append, owners.append, sizes.append
        skip, block, code_tags, preserve_tags = SKIP_TAGS, BLOCK_TAGS, CODE_TAGS, _PRESERVE_TAGS
        spaces = _ASCII_SPACES
        for top in tops:
            if top.tag in skip:
                continue
            walker = etree.iterwalk(top, events=("start", "end", "comment", "pi"))
            # per open element: the code/preserve state outside it, where its inside starts, whether a block
            frames: list[tuple[bool, bool, int, bool] | None] = []
            code = preserve = False
            for event, el in walker:
                if event == "start":
                    name = el.tag
                    if name in skip:
                        walker.skip_subtree()
                        frames.append(None)
                        continue
                    is_block = name in block
                    if is_block:
                        add_piece(" ")
                        add_owner(None)
                        add_size(1)
                    frames.append((code, preserve, len(pieces), is_block))
                    code = code or name in code_tags
                    preserve = preserve or name in preserve_tags
                    text = el.text
                    if text and not code:
                        add_piece(text)
                        add_owner(el)
                        add_size(1 if not preserve and not text.strip(spaces) else len(text))
                    continue
                if event == "end":
                    frame = frames.pop()
                    if frame is not None:
                        code, preserve, start, is_block = frame
                        spans[id(el)] = (start, len(pieces))
                        if is_block:
                            add_piece(" ")
                            add_owner(None)
                            add_size(1)
                    if not frames:
                        continue  # the top's tail is outside the document
                # the tail of a closed element, comment or processing instruction
                tail = el.tail
                if tail and not code:
                    add_piece(tail)
                    add_owner(el.getparent())
                    add_size(1 if not preserve and not tail.strip(spaces) else len(tail))
        cum = [0]
        total = 0
        for size in sizes:
            total += size
            cum.append(total)
        self.pieces = pieces
        self.owners = owners
        self.cum = cum
        self.spans = spans
        self.texts: dict[tuple[int, int], str] = {}  # collapsed text of pieces[start:end], as asked for

    def text(self, start: int, end: int) -> str:
        key = (start, end)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = collapse("".join(self.pieces[start:end]))
        return text


def _walk(root: Element, code: bool, preserve: bool) -> Iterator[tuple[str, Element | None, int]]:
    """Visible pieces under root in document order (root's own boundaries excluded): (piece, owner, size).

    The slow path of ``text_of`` for elements outside the stream (inside skipped tags). ``code``/``preserve``:
    whether root is or sits inside a code tag / a preserve-whitespace tag.
    """
    text = root.text
    if text and not code:
        yield text, root, _size(text, preserve)
    stack: list[tuple[Element, Iterator[Any], bool, bool, bool]] = [(root, iter(root), code, preserve, False)]
    while stack:
        parent, children, code, preserve, _is_block = stack[-1]
        for child in children:
            name = child.tag
            if isinstance(name, str) and name not in SKIP_TAGS:
                child_code = code or name in CODE_TAGS
                child_preserve = preserve or name in _PRESERVE_TAGS
                child_block = name in BLOCK_TAGS
                if child_block:
                    yield " ", None, 1
                text = child.text
                if text and not child_code:
                    yield text, child, _size(text, child_preserve)
                stack.append((child, iter(child), child_code, child_preserve, child_block))
                break
            tail = child.tail
            if tail and not code:
                yield tail, parent, _size(tail, preserve)
        else:
            stack.pop()
            if stack:
                if _is_block:
                    yield " ", None, 1
                # the closed element's tail belongs to the enclosing element
                tail = parent.tail
                outer = stack[-1]
                if tail and not outer[2]:
                    yield tail, outer[0], _size(tail, outer[3])


def make_soup(html: str) -> Doc:
    """Parse with lxml into a Doc; never raises (empty or unparsable markup gives an empty Doc).

    (The name is historical: the page used to be a BeautifulSoup tree.)
    """
    if not isinstance(html, str):
        html = str(html or "")
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    html = _BAD_CHARS_RE.sub(" ", html)
    if html.startswith("\ufeff"):
        html = html[1:]
    try:
        root, too_deep = _parse(html)
        if too_deep:  # libxml2 stops building the tree at depth 2048: parse a flattened copy instead
            root, _too_deep = _parse(_flatten(html))
    except Exception:  # never seen; a parser failure must not cost more than this page's extraction
        root = None
    if root is None:
        return Doc([])
    return Doc([root, *root.itersiblings(etree.Element)])


def _parse(html: str) -> tuple[Element | None, bool]:
    """(root element or None, whether the tree was cut at libxml2's depth limit)."""
    # huge_tree: text nodes over 10 MB and nesting beyond 256 levels are kept
    parser = etree.HTMLParser(huge_tree=True)
    try:
        root = etree.fromstring(html, parser)
    except ValueError:
        # lxml refuses str input with an <?xml encoding=…?> declaration; its feed parser takes it
        parser = etree.HTMLParser(huge_tree=True)
        parser.feed(html)
        root = parser.close()
    error = parser.error_log.last_error
    return root, error is not None and error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT


# When a page is too deep for libxml2 (typically unclosed <font> in every list item), its copy leaves out
# formatting tags, and tags that would sit deeper than _FLAT_DEPTH (but links); their text stays.
_FLAT_DEPTH = 1900
_FLAT_KEEP = frozenset({"a", "area"})
_FORMATTING_TAGS = frozenset("font b i u em strong small big s strike tt nobr".split())
_RAW_TEXT_TAGS = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"})


class _Flattener:
    """Parser target writing the page back out as HTML without formatting tags and without elements beyond
    _FLAT_DEPTH: their text stays in place; the content of a left-out script, style, head … goes."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.open: list[tuple[str | None, bool]] = []  # (tag if written else None, hides its content)
        self.depth = 0  # written elements open
        self.hidden = 0
        self.raw = 0  # written raw-text elements open (their text is written unescaped)

    def start(self, tag: str, attrib: dict[str, str], nsmap: Any = None) -> None:
        too_deep = self.depth >= _FLAT_DEPTH and tag not in _FLAT_KEEP
        if self.hidden or too_deep or tag in _FORMATTING_TAGS:
            hides = bool(self.hidden) or tag in SKIP_TAGS or tag in CODE_TAGS
            self.hidden += hides
            self.open.append((None, hides))
            return
        attrs = "".join(f' {name}="{html_escape(value)}"' for name, value in attrib.items())
        self.out.append(f"<{tag}{attrs}>")
        self.open.append((tag, False))
        self.depth += 1
        self.raw += tag in _RAW_TEXT_TAGS

    def end(self, tag: str) -> None:
        if not self.open:
            return
        written, hides = self.open.pop()
        self.hidden -= hides
        if written is not None:
            self.out.append(f"</{written}>")
            self.depth -= 1
            self.raw -= written in _RAW_TEXT_TAGS

    def data(self, text: str) -> None:
        if not self.hidden:
            self.out.append(text if self.raw else html_escape(text, quote=False))

    def comment(self, text: str) -> None:
        if not self.hidden:
            self.out.append(f"<!--{text}-->")

    def close(self) -> str:
        return "".join(self.out)


def _flatten(html: str) -> str:
    parser = etree.HTMLParser(target=_Flattener())
    parser.feed(html)
    return parser.close()


def cached(doc: Doc, key: str, compute: Callable[[], T]) -> T:
    """Memoise a per-page computation on the Doc (extractors share the one parse)."""
    store = doc.cache
    if key not in store:
        store[key] = compute()
    return store[key]


def tags(doc: Doc, *names: str) -> list[Element]:
    """Elements with any of the given names, in document order."""
    if len(names) == 1:
        return doc.by_name.get(names[0], [])
    wanted = frozenset(names)
    if sum(len(doc.by_name.get(n, ())) for n in wanted) * 4 < len(doc.elements):
        found = [el for n in wanted for el in doc.by_name.get(n, ())]
        position = cached(doc, "position", lambda: {id(el): i for i, el in enumerate(doc.elements)})
        found.sort(key=lambda el: position[id(el)])
        return found
    return [el for el in doc.elements if el.tag in wanted]


def all_tags(doc: Doc) -> list[Element]:
    """Every element of the page, in document order."""
    return doc.elements


def attr_text(tag: Element) -> str:
    """class and id of a tag, lower-cased, space separated (for 'does the class mention list' tests)."""
    cls = tag.get("class")
    ident = tag.get("id")
    return f"{cls or ''} {ident or ''}".lower().strip()


def _inside(el: Element, names: frozenset[str]) -> bool:
    """Whether el or one of its ancestors has one of the names."""
    node: Element | None = el
    while node is not None:
        if node.tag in names:
            return True
        node = node.getparent()
    return False


def iter_text(root: Element) -> Iterator[tuple[str, Element | None]]:
    """Visible strings under root in document order with their owner element, " " (and None) at block
    boundaries (root's own boundaries excluded)."""
    for piece, owner, _size in _walk(root, _inside(root, CODE_TAGS), _inside(root, _PRESERVE_TAGS)):
        yield piece, owner


def text_of(tag: Element | None, limit: int | None = None, doc: Doc | None = None) -> str:
    """Visible text of an element, whitespace collapsed; stops early once `limit` characters are gathered.

    With ``doc`` (the element's Doc) the text is read from the page's precomputed text stream.
    """
    if tag is None:
        return ""
    if doc is not None:
        stream = doc.stream
        span = stream.spans.get(id(tag))
        if span is not None:
            start, end = span
            if limit is None:
                return stream.text(start, end)
            cum = stream.cum
            cut = bisect_right(cum, cum[start] + limit * 2 + 200, start + 1, end + 1)
            return stream.text(start, min(cut, end))[:limit]
    parts: list[str] = []
    size = 0
    for piece, _owner, piece_size in _walk(tag, _inside(tag, CODE_TAGS), _inside(tag, _PRESERVE_TAGS)):
        parts.append(piece)
        if limit is not None:
            size += piece_size
            if size > limit * 2 + 200:
                break
    text = collapse("".join(parts))
    return text[:limit] if limit is not None else text


def document_text(doc: Doc, limit: int | None = None) -> str:
    """Visible text of the whole document (head and other skipped tags left out), like ``text_of``."""
    stream = doc.stream
    end = len(stream.pieces)
    if limit is not None:
        end = min(end, bisect_right(stream.cum, limit * 2 + 200, 1))
    text = collapse("".join(stream.pieces[:end]))
    return text[:limit] if limit is not None else text


def iter_strings(root: Element, doc: Doc | None = None) -> Iterator[tuple[str, Element]]:
    """Every string under root in document order with its owner element (comments and strings inside code
    tags excluded; skipped tags such as noscript and title included: bs4's ``.strings``)."""
    code = id(root) in doc.code_ids if doc is not None else _inside(root, CODE_TAGS)
    text = root.text
    if text and not code:
        yield text, root
    stack: list[tuple[Element, Iterator[Any], bool]] = [(root, iter(root), code)]
    while stack:
        parent, children, code = stack[-1]
        for child in children:
            name = child.tag
            if isinstance(name, str):
                child_code = code or name in CODE_TAGS
                text = child.text
                if text and not child_code:
                    yield text, child
                stack.append((child, iter(child), child_code))
                break
            tail = child.tail
            if tail and not code:
                yield tail, parent
        else:
            stack.pop()
            if stack:
                tail = parent.tail
                outer, _children, outer_code = stack[-1]
                if tail and not outer_code:
                    yield tail, outer


def string_of(el: Element) -> str | None:
    """bs4's ``.string`` for script-like elements: the text when it is the only child, else None."""
    if len(el):
        return None
    return el.text or None


class PageText:
    """The visible text of a page with a map from character offsets back to the elements holding the text."""

    def __init__(self, pieces: list[str], owners: list[Element | None]) -> None:
        # Whitespace runs collapse across pieces: the text is the collapsed join. The offset map is built
        # only as far as node_at needs it (a breadcrumb prefix sits near the top).
        self.text = collapse("".join(pieces))
        self._pieces = pieces
        self._owners = owners
        self._starts: list[int] = []  # where each kept piece starts in text
        self._nodes: list[Element | None] = []  # its owner
        self._next = 0  # next piece to map
        self._pos = 0  # where that piece would start
        self._last_space = True

    def _extend(self, offset: int) -> None:
        """Map pieces until one ends past offset (or all are mapped)."""
        pieces, owners, starts, nodes = self._pieces, self._owners, self._starts, self._nodes
        i, pos, last_space = self._next, self._pos, self._last_space
        count = len(pieces)
        sub = _WS_RE.sub
        while i < count and pos <= offset:
            piece = pieces[i]
            i += 1
            if piece.isspace():  # a block boundary or whitespace between tags
                if last_space:
                    continue
                piece = " "
            else:
                piece = sub(" ", piece)
                if last_space and piece.startswith(" "):
                    piece = piece[1:]
                if not piece:
                    continue
            starts.append(pos)
            nodes.append(owners[i - 1])
            pos += len(piece)
            last_space = piece.endswith(" ")
        self._next, self._pos, self._last_space = i, pos, last_space

    def node_at(self, offset: int) -> Element | None:
        """The element whose own text (or a child's tail) holds the character at offset; None at a boundary."""
        if offset >= self._pos:
            self._extend(offset)
        i = bisect_right(self._starts, offset) - 1
        return self._nodes[i] if 0 <= i < len(self._nodes) else None


def page_text(doc: Doc) -> PageText:
    """Visible text of the body (of the whole document when there is no body), cached."""

    def build() -> PageText:
        stream = doc.stream
        body = doc.body
        span = stream.spans.get(id(body)) if body is not None else None
        if span is not None:
            start, end = span
            return PageText(stream.pieces[start:end], stream.owners[start:end])
        if body is not None:  # a body inside a skipped element: walk it
            walked = list(iter_text(body))
            return PageText([p for p, _o in walked], [o for _p, o in walked])
        return PageText(stream.pieces, stream.owners)

    return cached(doc, "page_text", build)


# The document as a node above the top-level elements (the BeautifulSoup object was one): its id() stand-in.
DOCUMENT_ID = -1


def has_ancestor(node: Element | None, candidates: set[int], stop: int = 60) -> bool:
    """Whether node or one of its ancestors (id() in candidates) is one of the given elements; `stop` nodes
    are looked at, node included, the document (DOCUMENT_ID) above the top-level elements counting as one."""
    steps = 0
    while node is not None and steps < stop:
        if id(node) in candidates:
            return True
        node = node.getparent()
        steps += 1
    return node is None and 0 < steps < stop and DOCUMENT_ID in candidates


_CHROME_RE = re.compile(r"foot|copyright|bottom|banquan|\bbq\b")


def footer_elements(doc: Doc) -> list[Element]:
    """Outermost elements that look like the page footer (class/id mentions foot, copyright, bottom …)."""

    def build() -> list[Element]:
        found: list[Element] = []
        ids: set[int] = set()
        for tag in tags(doc, "footer", "div", "table", "section", "p", "ul", "td"):
            if tag.tag != "footer" and not _CHROME_RE.search(attr_text(tag)):
                continue
            if ids and has_ancestor(tag.getparent(), ids):
                continue
            found.append(tag)
            ids.add(id(tag))
        return found

    return cached(doc, "footer_elements", build)


def find_first(root: Element, names: frozenset[str] | set[str] | tuple[str, ...] | str) -> Element | None:
    """The first descendant (root excluded) with one of the names, in document order."""
    if isinstance(names, str):
        names = (names,)
    for el in root.iterdescendants(*names):
        return el
    return None
