"""Every link of a page, absolute, with its anchor text and whether it points at an attachment."""

from __future__ import annotations

from itertools import islice

from crawler.extract.dom import Doc, Element, collapse, tags
from crawler.extract.model import Link
from crawler.extract.text import text_of
from crawler.extract.urls import absolute, is_attachment

MAX_ANCHOR_CHARS = 300


def anchor_text(a: Element, doc: Doc | None = None) -> str:
    """Visible text of a link, else its title (or alt), else the alt of an image inside it."""
    text = text_of(a, limit=MAX_ANCHOR_CHARS, doc=doc)
    if text:
        return text
    for attr in ("title", "alt"):  # alt: an <area> of an image map
        value = a.get(attr)
        if isinstance(value, str) and collapse(value):
            return collapse(value)[:MAX_ANCHOR_CHARS]
    for img in islice(a.iterdescendants("img"), 3):
        alt = img.get("alt")
        if isinstance(alt, str) and collapse(alt):
            return collapse(alt)[:MAX_ANCHOR_CHARS]
    return ""


# Older portals embed a column (often the 政府信息公开 platform) as a frame: its page is linked too.
_FRAME_TAGS = frozenset({"iframe", "frame"})


def _frame_name(frame: Element) -> str:
    for attr in ("title", "name"):
        value = frame.get(attr)
        if isinstance(value, str) and collapse(value):
            return collapse(value)[:MAX_ANCHOR_CHARS]
    return ""


def extract_links(doc: Doc, base_url: str) -> list[Link]:
    """All <a href> links and <iframe>/<frame> sources (http/https only), in document order, one per URL
    (first non-empty anchor wins; a frame's anchor is its title or name)."""
    by_url: dict[str, Link] = {}
    for a in tags(doc, "a", "area", "iframe", "frame"):
        frame = a.tag in _FRAME_TAGS
        url = absolute(base_url, a.get("src") if frame else a.get("href"))
        if url is None:
            continue
        existing = by_url.get(url)
        if existing is None:
            anchor = _frame_name(a) if frame else anchor_text(a, doc)
            by_url[url] = Link(url=url, anchor=anchor, is_attachment=is_attachment(url))
        elif not existing.anchor:
            existing.anchor = _frame_name(a) if frame else anchor_text(a, doc)
    return list(by_url.values())
