"""``--resolve HOST=ADDRESS:PORT`` (as curl has): connect to another address, keep the URL and Host header.

A district portal and its department sub-domains (``www.testqu.gov.cn``, ``jyj.testqu.gov.cn``) can then be
audited on loopback or on a staging server: the crawler, the links it stores and the report all use the real
host names, while the bytes come from ADDRESS:PORT.

Implemented as a download handler wrapping Scrapy's HTTP/1.1 one: the request sent over the wire goes to
``scheme://ADDRESS:PORT/path`` with ``Host: HOST``; the response is handed back under the original URL, so
redirects, cookies, robots.txt and the spider never see the mapping. (HTTPS to a mapped host sends no SNI for
HOST; Scrapy does not verify certificates by default, so a staging server's certificate still works.)
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Response

_RESOLVE_RE = re.compile(r"^\s*([A-Za-z0-9.\-]+)(?::(\d{1,5}))?\s*=\s*(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.\-]+):(\d{1,5})\s*$")


class ResolveError(ValueError):
    pass


def parse_resolve(values: list[str]) -> dict[str, str]:
    """``["www.x.gov.cn=127.0.0.1:8080", …]`` → ``{"www.x.gov.cn": "127.0.0.1:8080"}``.

    ``HOST:PORT=ADDRESS:PORT`` (curl's own form) is accepted too; the first port is then ignored.
    """
    mapping: dict[str, str] = {}
    for value in values:
        m = _RESOLVE_RE.match(value or "")
        if not m or not 0 < int(m.group(4)) < 65536:
            raise ResolveError(f"--resolve 的格式应为 主机名=地址:端口（如 www.example.gov.cn=127.0.0.1:8080）：{value!r}")
        mapping[m.group(1).lower()] = f"{m.group(3)}:{m.group(4)}"
    return mapping


def mapped_url(url: str, mapping: dict[str, str]) -> str | None:
    """The URL to connect to for ``url``, or None when its host is not mapped."""
    parts = urlsplit(url)
    target = mapping.get((parts.hostname or "").lower())
    if target is None:
        return None
    return urlunsplit((parts.scheme, target, parts.path or "/", parts.query, ""))


def host_header(url: str) -> str:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    host = parts.hostname or ""
    return host if parts.port in (None, default) else f"{host}:{parts.port}"


def load_mapping(settings: Any) -> dict[str, str]:
    raw = settings.get("GOVAUDIT_RESOLVE") or {}
    if isinstance(raw, str):
        raw = json.loads(raw) if raw.strip().startswith("{") else parse_resolve(raw.split(","))
    return {str(k).lower(): str(v) for k, v in dict(raw).items()}


def rewrite(request: Request, mapping: dict[str, str]) -> Request | None:
    """The request as sent to the mapped address (None: not mapped)."""
    target = mapped_url(request.url, mapping)
    if target is None:
        return None
    wire = request.replace(url=target)
    wire.headers[b"Host"] = host_header(request.url).encode("ascii")
    return wire


class ResolvingDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, connecting mapped hosts to their ``GOVAUDIT_RESOLVE`` address."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self.mapping = load_mapping(crawler.settings)

    async def download_request(self, request: Request) -> Response:
        wire = rewrite(request, self.mapping)
        if wire is None:
            return await super().download_request(request)
        response = await super().download_request(wire)
        # the latency was measured on the wire request: AutoThrottle and the stored load times read the original's
        if "download_latency" in wire.meta:
            request.meta["download_latency"] = wire.meta["download_latency"]
        return response.replace(url=request.url, request=request)
