"""Monthly re-audits that fetch only what changed: Scrapy's HTTP cache, under a policy that always asks the server.

govaudit keeps one cache per audit folder (``OUT/httpcache``, Scrapy's ``FilesystemCacheStorage``, gzipped). The
next audit of the same site sends every page's request again, with the validators of the stored answer
(``If-None-Match`` with its ETag, ``If-Modified-Since`` with its Last-Modified): a 304 answer means the page did not
change, and the stored answer is read again — its extraction is what it was; any other answer is the page as it is
now (a page changed in place is re-read, unlike a skip-seen filter). Nothing is ever taken from the cache without
asking: the home page and the lists are revalidated like every other page, so new entries are seen, and an error
answer is recorded as the error it is (RFC 2616's "serve stale on 5xx" would hide an outage from the audit).

Only plain GET pages are stored: attachment probes (HEAD, ranged GETs), browser renders and POSTed data requests
are not.

The same cache resumes an audit that was killed (``GOVAUDIT_RESUME_SINCE``: the start of the run it continues): a
page stored since then was fetched by that run and is read from the store without asking again, so the resumed
crawl walks the same audit order through what was already fetched and goes on to the rest. Each answer is written
to a folder of its own and renamed into place, so a kill mid-write leaves no half-stored page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy
from scrapy.http import Response
from scrapy.settings import BaseSettings

POLICY = "crawler.cache.RevalidatePolicy"
STORAGE = "crawler.cache.AtomicFilesystemCacheStorage"
BYTES_STAT = "govaudit/bytes_received"  # body bytes received from the network (the spider counts them)


class RevalidatePolicy(RFC2616Policy):
    """RFC 2616's validators, without its freshness: every cached page is asked again, a 304 alone reuses it —
    but for a resumed run, whose pages stored since it started are read without asking."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.resume_since = settings.getfloat("GOVAUDIT_RESUME_SINCE")

    def should_cache_request(self, request: Request) -> bool:
        meta: dict[str, Any] = request.meta
        if request.method != "GET" or meta.get("govaudit_probe") or meta.get("playwright"):
            return False
        return super().should_cache_request(request)

    def should_cache_response(self, response: Response, request: Request) -> bool:
        # every page answered 200, with validators or not: a resumed run reads it again (next month, a page without
        # validators is simply fetched whole)
        return response.status == 200 and b"no-store" not in self._parse_cachecontrol(response)

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        if self.resume_since and request.meta.get("cache_timestamp", 0) >= self.resume_since:
            return True  # fetched by the run this crawl resumes
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse: Response, response: Response, request: Request) -> bool:
        return response.status == 304


class AtomicFilesystemCacheStorage(FilesystemCacheStorage):
    """Scrapy's filesystem storage, each answer written to a folder of its own and renamed into place."""

    _writing: Path | None = None

    def _get_request_path(self, spider: Spider, request: Request) -> str:
        return str(self._writing) if self._writing is not None else super()._get_request_path(spider, request)

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        final = Path(super()._get_request_path(spider, request))
        partial = final.with_name(f"{final.name}.partial{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        self._writing = partial
        try:
            super().store_response(spider, request, response)
        finally:
            self._writing = None
        shutil.rmtree(final, ignore_errors=True)  # last month's answer (a rename does not replace a folder)
        os.replace(partial, final)
