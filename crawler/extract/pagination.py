"""Pagination: the further pages of a list (下一页, 尾页, page numbers, TRS createPageHTML pagers).

TRS list pages often have no pager links at all, only a script call
``createPageHTML(total, current, "index", "html")`` that draws them; the pages are ``index_1.html`` …
``index_{total-1}.html`` next to ``index.html``. A TRS template variant sets ``var countPage = N`` instead.
"""

from __future__ import annotations

import re

from crawler.extract.dom import Doc, Element, attr_text, collapse, tags
from crawler.extract.text import string_of, text_of
from crawler.extract.urls import absolute

# A hostile or broken page may claim millions of pages; the crawler has page limits of its own.
MAX_SCRIPT_PAGES = 1000

_NEXT_WORDS = frozenset(
    {"下一页", "下页", "尾页", "末页", "最后一页", "后一页", "下一頁", "next", "last", ">", ">>", "›", "»"}
)
_PAGE_NUMBER_RE = re.compile(r"^\[?\s*(\d{1,4})\s*\]?$")
_PAGER_CONTAINER_RE = re.compile(r"page|pag|fenye|fy|pg|pager|turn")
_PAGER_HREF_RE = re.compile(
    r"(?:index|list|default|more)?_\d+\.\w+$|[?&](?:page|pageno|pageindex|pagenum|p|pn|curpage|currentpage|startrecord)=\d+",
    re.IGNORECASE,
)
_CREATE_PAGE_RE = re.compile(r"createPageHTML\s*\(([^)]{0,300})\)", re.IGNORECASE)
_COUNT_PAGE_RE = re.compile(r"\bcountPage\s*=\s*([0-9]{1,9})(?![0-9])")
_STRING_ARG_RE = re.compile(r"""^\s*["']([^"']*)["']\s*$""")


def _in_pager(a: Element) -> bool:
    node = a.getparent()
    for _ in range(3):
        if node is None:
            return False
        if _PAGER_CONTAINER_RE.search(attr_text(node)):
            return True
        node = node.getparent()
    return False


def _sibling_urls(page_url: str, prefix: str, ext: str, total: int) -> list[str]:
    """prefix_1.ext … prefix_{total-1}.ext next to the page (at most MAX_SCRIPT_PAGES)."""
    found = (absolute(page_url, f"{prefix}_{i}.{ext}") for i in range(1, min(total, MAX_SCRIPT_PAGES)))
    return [url for url in found if url is not None]


def _script_pages(script_text: str, page_url: str) -> list[str]:
    urls: list[str] = []
    for m in _CREATE_PAGE_RE.finditer(script_text):
        args = [arg.strip() for arg in m.group(1).split(",")]
        numbers = [int(arg) for arg in args if re.fullmatch(r"[0-9]{1,9}", arg)]
        strings = [sm.group(1) for arg in args if (sm := _STRING_ARG_RE.match(arg))]
        if not numbers:
            continue
        prefix, ext = (strings[-2], strings[-1]) if len(strings) >= 2 else ("index", "html")
        if not re.fullmatch(r"[\w\-]+", prefix) or not re.fullmatch(r"\w+", ext):
            continue
        total = numbers[0]
        urls.extend(_sibling_urls(page_url, prefix, ext, total))
    if not urls and "index" in script_text:
        m = _COUNT_PAGE_RE.search(script_text)
        if m:
            ext = "shtml" if "shtml" in script_text else "html"
            total = int(m.group(1))
            urls.extend(_sibling_urls(page_url, "index", ext, total))
    return urls


def create_page_urls(doc: Doc, page_url: str) -> list[str]:
    """Pages a TRS pager script (createPageHTML / countPage) would link to."""
    urls: list[str] = []
    for script in tags(doc, "script"):
        body = string_of(script) or ""
        if "createPageHTML" in body or "countPage" in body:
            urls.extend(_script_pages(body, page_url))
    return urls


def next_pages(doc: Doc, page_url: str, base_url: str | None = None) -> list[str]:
    """Pagination URLs of the page, deduplicated, in document order then script order; never the page itself."""
    base_url = base_url or page_url
    found: list[str] = []
    for a in tags(doc, "a"):
        href = a.get("href")
        if not isinstance(href, str):
            continue
        label = collapse(text_of(a, limit=20, doc=doc)).lower()
        if not label:
            title = a.get("title")
            label = collapse(title).lower() if isinstance(title, str) else ""
        if label in _NEXT_WORDS:
            if label in (">", ">>", "›", "»", "next", "last") and not (
                _in_pager(a) or _PAGER_HREF_RE.search(href)
            ):
                continue
        elif _PAGE_NUMBER_RE.match(label):
            if not (_in_pager(a) or _PAGER_HREF_RE.search(href)):
                continue
        else:
            continue
        url = absolute(base_url, href)
        if url is not None:
            found.append(url)
    found.extend(create_page_urls(doc, base_url))
    own = page_url.split("#", 1)[0]
    seen: set[str] = set()
    unique: list[str] = []
    for url in found:
        if url != own and url not in seen:
            seen.add(url)
            unique.append(url)
    return unique
