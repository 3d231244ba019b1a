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


def extract_links(doc: Doc, base_url: str) -> list[Link]:
    """All <a href> links (http/https only), in document order, one per URL (first non-empty anchor wins)."""
    by_url: dict[str, Link] = {}
    for a in tags(doc, "a", "area"):
        url = absolute(base_url, a.get("href"))
        if url is None:
            continue
        existing = by_url.get(url)
        if existing is None:
            by_url[url] = Link(url=url, anchor=anchor_text(a, doc), is_attachment=is_attachment(url))
        elif not existing.anchor:
            existing.anchor = anchor_text(a, doc)
    return list(by_url.values())
