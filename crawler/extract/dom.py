"""The parsed page: one lxml parse per page into a ``Doc``, its visible text as one stream, element queries.

``make_soup`` parses a page with lxml's HTML parser (again with html5lib, the WHATWG algorithm browsers follow,
when libxml2's recovery nested what a browser keeps apart: ``lost_structure``) into a ``Doc``: the top-level elements (libxml2 puts
anything after ``</html>`` into further top-level ``<html>`` elements), every element in document order,
elements by tag name, a per-page cache, and the page's visible text as one stream of pieces in document order,
each with the element it sits in, plus each element's span in that stream (``crawler.extract.text`` reads
text from it; ``crawler.extract.regions`` finds the footer and tests ancestry).

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
from collections.abc import Callable
from html import escape as html_escape
from typing import Any, TypeVar

from lxml import etree

T = TypeVar("T")

Element = etree._Element

# A page larger than this is cut before parsing (GOVAUDIT_MAX_PARSE_CHARS): real pages are far smaller, and it
# bounds the time and memory one pathological page can take. Memory goes with the elements more than with the
# characters (about 1 KB an element, parsed and indexed), so the cut also comes at the MAX_HTML_TAGS-th tag (a
# flood of tiny elements; a list page of 8,000 entries has about 50,000 tags, opening and closing).
MAX_HTML_CHARS = 2_000_000
MAX_HTML_TAGS = 100_000

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
PRESERVE_TAGS = frozenset({"pre", "textarea"})
ASCII_SPACES = " \n\t\x0c\r"

# Characters lxml refuses or that only appear in broken pages.
_BAD_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def collapse(text: str | None) -> str:
    """Collapse every run of whitespace (ASCII, NBSP, ideographic space …) to one space and strip."""
    if not text:
        return ""
    return " ".join(text.split())  # str.split() and re's \s agree on what whitespace is


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
        self.cut = False  # the page was longer than the parse cap: only its beginning is here (make_soup)
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
        skip, block, code_tags, preserve_tags = SKIP_TAGS, BLOCK_TAGS, CODE_TAGS, PRESERVE_TAGS
        spaces = ASCII_SPACES
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


def cut_html(html: str, max_chars: int = MAX_HTML_CHARS) -> tuple[str, bool]:
    """(the part of ``html`` that is parsed, whether it was cut): at most ``max_chars`` characters and
    :data:`MAX_HTML_TAGS` tags (opening or closing)."""
    cut = len(html) > max_chars
    if cut:
        html = html[:max_chars]
    at, tags = -1, MAX_HTML_TAGS
    if html.count("<") > tags:
        for _ in range(tags + 1):
            at = html.find("<", at + 1)
        html, cut = html[:at], True
    return html, cut


def make_soup(html: str, max_chars: int = MAX_HTML_CHARS) -> Doc:
    """Parse with lxml into a Doc; never raises (empty or unparsable markup gives an empty Doc). A page beyond
    ``max_chars`` (:func:`cut_html`) is parsed in part; ``Doc.cut`` says so.

    (The name is historical: the page used to be a BeautifulSoup tree.)
    """
    if not isinstance(html, str):
        html = str(html or "")
    html, cut = cut_html(html, max_chars)
    html = _BAD_CHARS_RE.sub(" ", html)
    if html.startswith("\ufeff"):
        html = html[1:]
    try:
        root, too_deep = _parse(html)
        if too_deep:  # libxml2 stops building the tree at depth 2048: parse a flattened copy instead
            root, _too_deep = _parse(_flatten(html))
        elif root is not None and len(html) <= MAX_HTML5_CHARS and any(
                lost_structure(top) for top in (root, *root.itersiblings(etree.Element))):
            browser = _parse_html5(html)
            root = browser if browser is not None else root
    except Exception:  # never seen; a parser failure must not cost more than this page's extraction
        root = None
    doc = Doc([root, *root.itersiblings(etree.Element)] if root is not None else [])
    doc.cut = cut
    return doc


# html5lib builds the tree a browser builds, about 25 times slower than libxml2: only for pages whose lxml tree
# lost structure a browser keeps, and only up to this size
MAX_HTML5_CHARS = 1_000_000
# the nearest of these above an <li> must be a list; above a <tr>, a table (or a table section)
_LIST_SCOPE = frozenset({"li", "ul", "ol", "menu", "dir"})
_ROW_SCOPE = frozenset({"tr", "table", "tbody", "thead", "tfoot"})


def lost_structure(root: Element) -> bool:
    """Whether libxml2's recovery nested what a browser keeps apart: a list item inside another item with no list
    between them (``<li><div>…</li><li>``: libxml2 ignores the ``</li>`` while the ``<div>`` is open, browsers
    close both), a table row inside a row, a link inside a link (browsers never nest links)."""
    for tag, scope in (("li", _LIST_SCOPE), ("tr", _ROW_SCOPE)):
        for el in root.iter(tag):
            for up in el.iterancestors(*scope):
                if up.tag == tag:
                    return True
                break
    return any(next(a.iterancestors("a"), None) is not None for a in root.iter("a"))


def _parse_html5(html: str) -> Element | None:
    """The tree a browser builds (the WHATWG parsing algorithm, html5lib), as lxml elements without namespaces."""
    import warnings

    import html5lib

    with warnings.catch_warnings():  # names and comments XML cannot hold are coerced, as they should be
        warnings.simplefilter("ignore")
        tree = html5lib.parse(html, treebuilder="lxml", namespaceHTMLElements=False)
    return tree.getroot()


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


def find_first(root: Element, names: frozenset[str] | set[str] | tuple[str, ...] | str) -> Element | None:
    """The first descendant (root excluded) with one of the names, in document order."""
    if isinstance(names, str):
        names = (names,)
    for el in root.iterdescendants(*names):
        return el
    return None
