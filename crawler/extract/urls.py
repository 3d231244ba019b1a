"""URL helpers: absolute links, the page's <base>, attachments."""

from __future__ import annotations

import re
from urllib.parse import unquote, urldefrag, urljoin, urlparse, urlsplit

from crawler.extract.dom import Doc, tags
from crawler.extract.model import ATTACHMENT_EXTENSIONS

SKIP_HREF_RE = re.compile(r"^\s*(?:javascript:|mailto:|tel:|data:|#)", re.IGNORECASE)
_ATTACHMENT_HINT_RE = re.compile(
    "|".join(re.escape(ext) for ext in ATTACHMENT_EXTENSIONS) + r"|[%\t\n\r]", re.IGNORECASE
)


def absolute(base: str, href: str) -> str | None:
    """Absolute http(s) URL of href, fragment removed; None for javascript:, mailto:, broken URLs …"""
    if not isinstance(href, str):
        return None
    href = href.strip().replace("\n", "").replace("\r", "").replace("\t", "")
    if not href or SKIP_HREF_RE.match(href):
        return None
    key = _shared_key(base, href)
    if key is None:
        return _join(base, href)
    if key in _SHARED:
        return _SHARED[key]
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.clear()
    url = _SHARED[key] = _join(base, href)
    return url


def _join(base: str, href: str) -> str | None:
    try:
        url = urldefrag(urljoin(base, href))[0]
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None


# urljoin costs some 10 µs and a site's pages repeat the same navigation hrefs, so answers are shared across
# pages where they provably depend on part of the base only (RFC 3986 resolution, as urljoin does it): a full
# URL on the base's scheme; an absolute path on its scheme and host; a relative path on those and the base
# path's directory. A reference without a path ("?page=2", "", "http:") may use all of the base: not shared.
_SHARED: dict[tuple[str, ...], str | None] = {}
_SHARED_MAX = 10_000
_MAX_SHARED_CHARS = 300
_BASES: dict[str, tuple[str, str, str] | None] = {}  # base → (scheme, host, directory) as urljoin splits it
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")  # urlsplit's test for a scheme
_WITH_HOST_RE = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*:)?//[^/?#]")


def clear_shared_cache() -> None:
    """Forget the answers shared across pages (benchmarks start each pass cold with it)."""
    _SHARED.clear()
    _BASES.clear()


def _base_parts(base: str) -> tuple[str, str, str] | None:
    if base in _BASES:
        return _BASES[base]
    parts: tuple[str, str, str] | None = None
    if isinstance(base, str) and base.startswith(("http://", "https://")) and len(base) <= _MAX_SHARED_CHARS:
        try:
            split = urlparse(base)
        except ValueError:
            split = None
        if split is not None:
            directory = split.path.split("/")
            if directory[-1] != "":
                del directory[-1]
            parts = (split.scheme, split.netloc, "/".join(directory))
    if len(_BASES) >= _SHARED_MAX:
        _BASES.clear()
    _BASES[base] = parts
    return parts


def _shared_key(base: str, href: str) -> tuple[str, ...] | None:
    """The part of base that absolute(base, href) depends on, with href; None when not shared."""
    if len(href) > _MAX_SHARED_CHARS or href[0] in "?#" or href[0] <= " " or not isinstance(base, str):
        return None  # no path (or a control character urlsplit would strip first)
    parts = _base_parts(base)
    if parts is None:
        return None
    scheme, host, directory = parts
    if _WITH_HOST_RE.match(href):
        return ("url", scheme, href)  # a host of its own: only the default scheme comes from the base
    if href[0] == "/":
        return None if href[1:2] == "/" else ("path", scheme, host, href)  # "//" without a host: not shared
    if _SCHEME_RE.match(href):
        return None  # "http:x", "mailto:": scheme-relative forms urljoin treats specially
    return ("relative", scheme, host, directory, href)


def is_attachment(url: str) -> bool:
    """Whether the URL's path ends with one of ATTACHMENT_EXTENSIONS (case-insensitive)."""
    if not _ATTACHMENT_HINT_RE.search(url):
        return False  # the path cannot end with an extension the URL does not contain (nor encode)
    try:
        path = unquote(urlsplit(url).path).lower()
    except ValueError:
        return False
    return path.endswith(ATTACHMENT_EXTENSIONS)


def base_url_of(doc: Doc, page_url: str) -> str:
    """The URL relative links resolve against: <base href> when the page sets one."""
    for base in tags(doc, "base"):
        href = base.get("href")
        if isinstance(href, str) and href.strip():
            try:
                joined = urljoin(page_url, href.strip())
            except ValueError:
                continue
            if joined.startswith(("http://", "https://")):
                return joined
    return page_url
