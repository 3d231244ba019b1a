"""Crawl hygiene: one key per page (canonical URLs), the portal's own hosts, and guards against URL traps.

- ``canonical``: fragment dropped, query sorted, session ids stripped (``;jsessionid=…`` path parameters,
  ``jsessionid``/``PHPSESSID``/``sid``/``sessionid``/``aspsessionid…`` query parameters), so the same page
  reached under two session ids is fetched once.
- ``SiteHosts``: the hosts a crawl may visit — the configured ones, their same-site twins (``www.`` and the bare
  name; either scheme, since only the host is compared) unless ``variants=False``, and every sub-domain of the
  portal's registered name (``jyj.testqu.gov.cn`` belongs to ``www.testqu.gov.cn``'s portal ``testqu.gov.cn``).
  It behaves as a set of host names for ``in`` tests, so extraction helpers taking a set accept it.
  ``same_site(host)`` says whether a host is a twin of a configured one or the portal's own registered name:
  a link there that was not followed hides part of the site (checks: UNKNOWN, never "missing").
- ``TrapGuard``: calendars and faceted searches generate endless query variants of one path; at most
  ``max_variants`` distinct queries per path are followed, and URLs longer than ``max_url_length`` never are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid", "cfid", "cftoken"})
_PATH_SESSION_RE = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^/?#]*", re.IGNORECASE)
_ASP_SESSION_RE = re.compile(r"^aspsessionid[a-z]{8}$", re.IGNORECASE)
# Suffixes shared by many registered names: the portal's own name is one label more (testqu.gov.cn).
_PUBLIC_SUFFIXES = ("gov.cn", "com.cn", "org.cn", "net.cn", "edu.cn", "ac.cn")
MAX_VARIANTS = 50
MAX_URL_LENGTH = 1000


def _is_session_param(name: str) -> bool:
    low = name.lower()
    return low in SESSION_PARAMS or bool(_ASP_SESSION_RE.match(low))


@lru_cache(maxsize=32768)  # a list's pager names the same URLs on each of its pages
def strip_session(url: str) -> str:
    """The URL without fragment and session ids (path parameter or query parameter); otherwise as given."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = _PATH_SESSION_RE.sub("", parts.path)
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not _is_session_param(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


@lru_cache(maxsize=32768)  # a portal's navigation names the same URLs on every page
def canonical(url: str) -> str:
    """The key of a URL: w3lib's canonical form (sorted query, no fragment) without session ids."""
    return canonicalize_url(strip_session(url), keep_fragments=False)


def registered_domain(host: str) -> str:
    """``www.testqu.gov.cn`` → ``testqu.gov.cn``; ``www.example.com`` → ``example.com``; IPs unchanged."""
    host = host.lower().strip(".")
    if not host or is_address(host):
        return host
    labels = host.split(".")
    for suffix in _PUBLIC_SUFFIXES:
        if host.endswith("." + suffix):
            n = suffix.count(".") + 2
            return ".".join(labels[-n:])
    return ".".join(labels[-2:])


def is_address(host: str) -> bool:
    """An IP address or localhost: no registered name, no www. twin."""
    host = host.lower().strip(".")
    return host == "localhost" or bool(re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host))


def twin(host: str) -> str:
    """The other spelling of a host on the same site: ``www.x.gov.cn`` ↔ ``x.gov.cn`` ("" for an address or a
    bare name that is itself a public suffix)."""
    host = host.lower().strip(".")
    if not host or is_address(host):
        return ""
    if host.startswith("www."):
        return host[4:]
    return "" if host in _PUBLIC_SUFFIXES or "." not in host else "www." + host


class SiteHosts:
    """The hosts of one audit: exact names (and their www./bare twins) plus every sub-domain of the portal's
    registered domains."""

    def __init__(self, hosts: Iterable[str], portal_urls: Iterable[str] = (), *, variants: bool = True) -> None:
        self.variants = variants
        self.exact = {h.lower() for h in hosts if h}
        if variants:
            self.exact |= {t for h in list(self.exact) if (t := twin(h))}
        self.domains: set[str] = set()
        for url in portal_urls:
            domain = registered_domain(urlsplit(url).hostname or "")
            if "." in domain and not is_address(domain):
                self.domains.add(domain)

    def __contains__(self, host: object) -> bool:
        if not isinstance(host, str):
            return False
        host = host.lower()
        if host in self.exact:
            return True
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def same_site(self, host: str) -> bool:
        """Whether ``host`` is one of this site's own spellings: a configured host, its twin, or the portal's
        registered name and its sub-domains (whether or not the crawl may visit it)."""
        host = (host or "").lower()
        if host in self.exact or (twin(host) and twin(host) in self.exact):
            return True
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.exact | self.domains))

    def __len__(self) -> int:
        return len(self.exact | self.domains)

    def __repr__(self) -> str:
        return f"SiteHosts(exact={sorted(self.exact)}, domains={sorted(self.domains)})"


class TrapGuard:
    """Refuse URLs that look like traps: too long, or one query variant too many for their path."""

    def __init__(self, max_variants: int = MAX_VARIANTS, max_url_length: int = MAX_URL_LENGTH) -> None:
        self.max_variants = max_variants
        self.max_url_length = max_url_length
        self.variants: dict[str, set[str]] = defaultdict(set)
        self.refused: dict[str, int] = defaultdict(int)  # reason → count

    def allows(self, url: str) -> bool:
        if len(url) > self.max_url_length:
            self.refused["url_length"] += 1
            return False
        parts = urlsplit(url)
        if not parts.query:
            return True
        path = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        seen = self.variants[path]
        if parts.query in seen:
            return True
        if len(seen) >= self.max_variants:
            self.refused["query_variants"] += 1
            return False
        seen.add(parts.query)
        return True
