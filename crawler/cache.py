"""Monthly re-audits that fetch only what changed: Scrapy's HTTP cache, under a policy that always asks the server.

govaudit keeps one cache per audit folder (``OUT/httpcache``: Scrapy's filesystem storage, one gzipped file an answer). The
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
beside its place and renamed into it, so a kill mid-write leaves no half-stored page.
"""

from __future__ import annotations

import gzip
import os
import pickle
import time
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.response import response_from_dict
from w3lib.http import headers_dict_to_raw, headers_raw_to_dict

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
    """Scrapy's filesystem storage, one gzipped file per answer (Scrapy's writes seven), written beside its place
    and renamed into it: a kill mid-write leaves the old answer or none, never half of one."""

    def _file(self, spider: Spider, request: Request) -> Path:
        return Path(self._get_request_path(spider, request) + ".pickle.gz")

    def retrieve_response(self, spider: Spider, request: Request) -> Response | None:
        path = self._file(spider, request)
        try:
            with gzip.open(path, "rb") as f:
                stored = pickle.load(f)  # noqa: S301 - written by store_response below, in the audit's own folder
        except (OSError, EOFError, pickle.UnpicklingError):
            return None  # not stored (or unreadable: fetched again)
        if 0 < self.expiration_secs < time.time() - stored["timestamp"]:
            return None
        request.meta["cache_timestamp"] = stored["timestamp"]
        data = {"url": stored["url"], "status": stored["status"], "headers": headers_raw_to_dict(stored["headers"]),
                "body": stored["body"], **stored["data"]}
        return response_from_dict(data)

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        path = self._file(spider, request)
        path.parent.mkdir(parents=True, exist_ok=True)
        stored = {
            "url": response.url,
            "status": response.status,
            "headers": headers_dict_to_raw(response.headers),
            "body": response.body,
            "data": {k: v for k, v in response.to_dict().items() if k not in {"url", "status", "headers", "body"}},
            "timestamp": time.time(),
        }
        partial = path.with_name(f"{path.name}.partial{os.getpid()}")
        with gzip.open(partial, "wb", compresslevel=5) as f:
            pickle.dump(stored, f, protocol=4)
        os.replace(partial, path)
