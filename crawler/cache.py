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
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Response

POLICY = "crawler.cache.RevalidatePolicy"
STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
BYTES_STAT = "govaudit/bytes_received"  # body bytes received from the network (the spider counts them)


class RevalidatePolicy(RFC2616Policy):
    """RFC 2616's validators, without its freshness: every cached page is asked again, a 304 alone reuses it."""

    def should_cache_request(self, request: Request) -> bool:
        meta: dict[str, Any] = request.meta
        if request.method != "GET" or meta.get("govaudit_probe") or meta.get("playwright"):
            return False
        return super().should_cache_request(request)

    def should_cache_response(self, response: Response, request: Request) -> bool:
        # a page without validators cannot be revalidated: storing it would only cost disk
        return response.status == 200 and super().should_cache_response(response, request)

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse: Response, response: Response, request: Request) -> bool:
        return response.status == 304
