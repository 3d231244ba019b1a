"""The national metadata tags of government pages (政府网站发展指引): SiteName, ColumnName, PubDate …"""

from __future__ import annotations

from crawler.extract.dom import Doc, cached, collapse, tags
from crawler.extract.text import iter_strings

NATIONAL_META = (
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnDescription",
    "ColumnKeywords",
    "ColumnType",
    "ArticleTitle",
    "PubDate",
    "ContentSource",
)
_BY_LOWER = {name.lower(): name for name in NATIONAL_META}
MAX_META_CHARS = 1000


def read_meta(doc: Doc) -> dict[str, str]:
    """The national meta tags present on the page, canonical names, first occurrence wins.

    Names are matched case-insensitively (``sitename`` is ``SiteName``); an empty content still counts as
    present (``ContentSource`` is often empty), so a check can tell "tag empty" from "tag missing".
    """

    def build() -> dict[str, str]:
        found: dict[str, str] = {}
        for tag in tags(doc, "meta"):
            name = tag.get("name")
            if not isinstance(name, str):
                continue
            canonical = _BY_LOWER.get(name.strip().lower())
            if canonical is None or canonical in found:
                continue
            content = tag.get("content")
            found[canonical] = collapse(content if isinstance(content, str) else "")[:MAX_META_CHARS]
        return found

    return cached(doc, "meta", build)


def page_title(doc: Doc) -> str:
    """The <title> text, whitespace collapsed (kept as text: callers must escape it when rendering)."""
    for tag in tags(doc, "title"):
        return collapse("".join(text for text, _owner in iter_strings(tag, doc)))[:500]
    return ""
