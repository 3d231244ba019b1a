"""The ``portal`` spider: crawl one district portal, store every page tried and what it shows.

Thin by design: extraction lives in ``crawler.extract``; storage in the pipeline.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from crawler.extract.blocking import looks_blocked
from crawler.extract.departments import find_departments, is_department_index
from crawler.extract.encoding import decode_html
from crawler.extract.model import PageExtract
from crawler.extract.page import extract_page
from crawler.items import DepartmentItem, PageItem
from govaudit import store

# Not pages: media and assets (attachments are recorded, not followed, see extract.model).
SKIP_EXTENSIONS = {"." + ext for ext in IGNORED_EXTENSIONS} - {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar"}


def canonical(url: str) -> str:
    return canonicalize_url(url, keep_fragments=False)


def split_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(
        self,
        start_url: str = "",
        extra_urls: Any = None,
        allowed_hosts: Any = None,
        max_pages: Any = None,
        max_depth: Any = None,
        departments: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not start_url:
            raise ValueError("the portal spider needs -a start_url=URL")
        self.start_url = start_url
        self.extra_urls = split_list(extra_urls)
        hosts = split_list(allowed_hosts) or [urlsplit(u).hostname or "" for u in [start_url, *self.extra_urls]]
        self.allowed_hosts = {h.lower() for h in hosts if h}
        self._max_pages = int(max_pages) if max_pages else None
        self._max_depth = int(max_depth) if max_depth else None
        # JSON list of {"name","root_url"} given by configuration
        self.configured_departments = json.loads(departments) if departments else []
        self.seen: set[str] = set()
        self.truncated = False

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PortalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_pages = spider._max_pages or settings.getint("GOVAUDIT_MAX_PAGES")
        spider.max_depth = spider._max_depth if spider._max_depth is not None else settings.getint("GOVAUDIT_MAX_DEPTH")
        spider.text_limit = settings.getint("GOVAUDIT_TEXT_LIMIT")
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for dept in self.configured_departments:
            yield DepartmentItem(name=dept["name"], root_url=dept["root_url"], source="config")
        for url in [self.start_url, *self.extra_urls]:
            request = self.request_for(url, depth=0, referer="", anchor="")
            if request is not None:
                yield request

    # -- requests ---------------------------------------------------------------------------------

    def request_for(self, url: str, *, depth: int, referer: str, anchor: str) -> scrapy.Request | None:
        key = canonical(url)
        if key in self.seen:
            return None
        if len(self.seen) >= self.max_pages or depth > self.max_depth:
            self.truncated = True  # the link stays in `links`; checks see it was not crawled
            return None
        self.seen.add(key)
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.on_error,
            meta={"depth": depth, "key": key, "referer": referer, "anchor": anchor, "t0": time.monotonic()},
            dont_filter=True,  # deduplicated above, on the canonical URL
        )

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and (parts.hostname or "").lower() in self.allowed_hosts

    # -- responses --------------------------------------------------------------------------------

    def page_row(self, request_meta: dict[str, Any], **fields: Any) -> dict[str, Any]:
        return {
            "url": request_meta["key"],
            "depth": request_meta["depth"],
            "referer": request_meta["referer"],
            "anchor": request_meta["anchor"],
            "fetched_at": store.now_iso(),
            "elapsed_ms": int((time.monotonic() - request_meta["t0"]) * 1000),
            "department": "",
            **fields,
        }

    def parse(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        base = {"final_url": response.url, "status": response.status, "content_type": content_type}
        if looks_blocked(response.status, response.body):
            yield PageItem(page=self.page_row(meta, **base, fetch_state=store.FETCH_BLOCKED, error="blocked"))
            return
        if response.status >= 400:
            state = store.FETCH_HTTP_ERROR
            yield PageItem(page=self.page_row(meta, **base, fetch_state=state, error=f"HTTP {response.status}"))
            return
        if not isinstance(response, TextResponse) and "html" not in content_type.lower():
            yield PageItem(page=self.page_row(meta, **base, fetch_state=store.FETCH_OK, page_kind="other"))
            return
        html, _encoding = decode_html(response.body, content_type)
        page = extract_page(html, response.url)
        yield self.page_item(meta, base, page)
        yield from self.discover_departments(response.url, page, meta["anchor"])
        for link in page.links:
            if link.is_attachment or not self.is_own(link.url):
                continue
            if any(urlsplit(link.url).path.lower().endswith(ext) for ext in SKIP_EXTENSIONS):
                continue
            request = self.request_for(link.url, depth=meta["depth"] + 1, referer=meta["key"], anchor=link.anchor)
            if request is not None:
                yield request

    def page_item(self, meta: dict[str, Any], base: dict[str, Any], page: PageExtract) -> PageItem:
        url = meta["key"]
        row = self.page_row(
            meta,
            **base,
            fetch_state=store.FETCH_OK,
            error="",
            title=page.title,
            column_name=page.column_name,
            column_path=json.dumps(page.column_path, ensure_ascii=False),
            column_source=page.column_source,
            pub_date=page.pub_date.value.isoformat() if page.pub_date else None,
            pub_date_source=page.pub_date.source if page.pub_date else "",
            dates=json.dumps(
                [{"date": d.value.isoformat(), "source": d.source, "raw": d.raw} for d in page.dates],
                ensure_ascii=False,
            ),
            page_kind=page.page_kind,
            empty_list=int(page.empty_list),
            script_rendered=int(page.script_rendered),
            identity=json.dumps(asdict(page.identity), ensure_ascii=False),
            meta=json.dumps(page.meta, ensure_ascii=False),
            pager=json.dumps([canonical(u) for u in page.next_pages]),
            text=page.text[: self.text_limit],
        )
        links = []
        attachments = []
        for link in page.links:
            to_url = canonical(link.url)
            kind = "attachment" if link.is_attachment else ("page" if self.is_own(link.url) else "external")
            links.append({"from_url": url, "to_url": to_url, "anchor": link.anchor[:300], "kind": kind})
            if link.is_attachment:
                ext = "." + urlsplit(link.url).path.rsplit(".", 1)[-1].lower()
                attachments.append({"page_url": url, "url": to_url, "anchor": link.anchor[:300], "ext": ext})
        entries = [
            {
                "list_url": url,
                "url": canonical(e.url),
                "title": e.title[:500],
                "date": e.date.isoformat() if e.date else None,
                "date_raw": e.date_raw,
                "block": e.block[:100],
                "column_name": page.column_name,
                "department": "",
            }
            for e in page.entries
        ]
        return PageItem(page=row, links=links, entries=entries, attachments=attachments)

    def discover_departments(self, url: str, page: PageExtract, anchor: str) -> Iterator[DepartmentItem]:
        if not is_department_index(page.column_name, page.title, anchor):
            return
        for name, root in find_departments(url, page.links, self.allowed_hosts):
            yield DepartmentItem(name=name, root_url=canonical(root), source="nav")

    def on_error(self, failure: Failure) -> Iterator[PageItem]:
        request = failure.request
        meta = request.meta
        if failure.check(IgnoreRequest):
            reason = str(failure.value) or "ignored"  # robots.txt, a redirect loop, an offsite redirect …
            state = store.FETCH_ROBOTS if "robots" in reason.lower() else store.FETCH_ERROR
        elif failure.check(TimeoutError, TCPTimedOutError):
            state, reason = store.FETCH_TIMEOUT, "timeout"
        elif failure.check(DNSLookupError):
            state, reason = store.FETCH_ERROR, "DNS lookup failed"
        elif failure.check(ConnectionRefusedError):
            state, reason = store.FETCH_ERROR, "connection refused"
        else:
            state, reason = store.FETCH_ERROR, f"{failure.type.__name__}: {failure.getErrorMessage()}"[:300]
        yield PageItem(page=self.page_row(meta, final_url=request.url, fetch_state=state, error=reason))
