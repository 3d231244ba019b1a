"""Visible text of elements and of the page (see ``crawler.extract.dom`` for the text semantics).

``text_of(el, doc=doc)`` is a slice of the page's precomputed text stream; elements outside the stream (inside
skipped tags) and calls without the Doc walk the subtree instead. ``page_text`` maps character offsets of the
body's text back to the elements holding them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from crawler.extract.dom import (
    ASCII_SPACES,
    BLOCK_TAGS,
    CODE_TAGS,
    PRESERVE_TAGS,
    SKIP_TAGS,
    Doc,
    Element,
    cached,
    collapse,
)

_WS_RE = re.compile(r"\s+")


def _size(piece: str, preserve: bool) -> int:
    return 1 if not preserve and not piece.strip(ASCII_SPACES) else len(piece)


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
                child_preserve = preserve or name in PRESERVE_TAGS
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
    for piece, owner, _size in _walk(root, _inside(root, CODE_TAGS), _inside(root, PRESERVE_TAGS)):
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
    for piece, _owner, piece_size in _walk(tag, _inside(tag, CODE_TAGS), _inside(tag, PRESERVE_TAGS)):
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

