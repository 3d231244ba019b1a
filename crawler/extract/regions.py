"""Page regions: whether an element sits inside given others, and the footer."""

from __future__ import annotations

import re

from crawler.extract.dom import Doc, Element, attr_text, cached, tags

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


# dibu (底部) and weibu (尾部) are the pinyin some templates name the footer with.
_CHROME_RE = re.compile(r"foot|copyright|bottom|banquan|\bbq\b|dibu|weibu")


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

