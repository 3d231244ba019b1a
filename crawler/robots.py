"""robots.txt obeyed by every request, also by those that come while it is being fetched.

Scrapy 2.19's RobotsTxtMiddleware makes the requests to a host that come while its robots.txt is on the way
await the one Deferred of that fetch; awaited as a future, a Deferred hands its result to the first of them and
``None`` (no rules: allowed) to the others. A start page with ``--extra-url`` pages or departments on the same
host, or the pages let through once a firewall's challenge is passed (crawler.challenge), would then be fetched
whatever robots.txt says. Here each waiting request gets the parser.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

SCRAPY_MIDDLEWARE = "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"
MIDDLEWARE = "crawler.robots.RobotsTxt"
ORDER = 100  # Scrapy's own place for it


class RobotsTxt(RobotsTxtMiddleware):
    async def robot_parser(self, request: Request) -> Any:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(pending, Deferred):
            mine: Deferred[Any] = Deferred()

            def share(parser: Any) -> Any:
                mine.callback(parser)
                return parser  # the next waiter gets it too

            pending.addCallback(share)
            return await maybe_deferred_to_future(mine)
        return await super().robot_parser(request)
