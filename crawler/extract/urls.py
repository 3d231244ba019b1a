"""URL helpers: absolute links, the page's <base>, attachments."""

from __future__ import annotations

import re
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from bs4 import Tag

from crawler.extract.dom import tags
from crawler.extract.model import ATTACHMENT_EXTENSIONS

SKIP_HREF_RE = re.compile(r"^\s*(?:javascript:|mailto:|tel:|data:|#)", re.IGNORECASE)


def absolute(base: str, href: str) -> str | None:
    """Absolute http(s) URL of href, fragment removed; None for javascript:, mailto:, broken URLs …"""
    if not isinstance(href, str):
        return None
    href = href.strip().replace("\n", "").replace("\r", "").replace("\t", "")
    if not href or SKIP_HREF_RE.match(href):
        return None
    try:
        url = urldefrag(urljoin(base, href))[0]
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None


def is_attachment(url: str) -> bool:
    """Whether the URL's path ends with one of ATTACHMENT_EXTENSIONS (case-insensitive)."""
    try:
        path = unquote(urlsplit(url).path).lower()
    except ValueError:
        return False
    return path.endswith(ATTACHMENT_EXTENSIONS)


def base_url_of(soup: Tag, page_url: str) -> str:
    """The URL relative links resolve against: <base href> when the page sets one."""
    for base in tags(soup, "base"):
        href = base.get("href")
        if isinstance(href, str) and href.strip():
            try:
                joined = urljoin(page_url, href.strip())
            except ValueError:
                continue
            if joined.startswith(("http://", "https://")):
                return joined
    return page_url
