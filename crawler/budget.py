"""The page budget (``--max-pages``), spent at fetch time: a downloader middleware.

Requests reach the downloader in the scheduler's order, which is the audit order (``crawler.priority`` gives
each request its priority), so the N pages of a budget are the first N of that order, not the first N links
discovered. A page counts once, when its request reaches the downloader; its retries and redirects, a page
drawn again through the browser, attachment probes and robots.txt do not count. Once N pages are spent every
further page request is refused (``BudgetSpent``), the spider stops making new ones and the crawl closes
when the queue is empty; a second request for a page already fetched (one that superseded a request of lower
priority) is dropped (``Superseded``). The spider closes the crawl itself (``closespider_pagecount``) once every
page of the budget has answered and no attachment probe is pending: what the queue still holds, the budget
would refuse one by one.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

BUDGET_KEY = "ga_budget"  # request meta: the page's key, on every request that spends the budget
SPENT_FLAG = "ga_spent"  # request meta, set here: the request's place in the budget (1 = the first page fetched)
SPENT_STAT = "govaudit/pages_spent"


class BudgetSpent(IgnoreRequest):
    """The page budget was spent before this request's turn."""


class Superseded(IgnoreRequest):
    """The page was already fetched, from a request of higher priority."""


class PageBudget:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.spent = 0
        self.sent: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageBudget:
        return cls(crawler)

    def limit(self) -> int:
        spider: Any = self.crawler.spider
        return int(getattr(spider, "max_pages", 0) or self.crawler.settings.getint("GOVAUDIT_MAX_PAGES"))

    def process_request(self, request: Request) -> None:
        key = request.meta.get(BUDGET_KEY)
        if key is None or request.meta.get("retry_times") or request.meta.get("redirect_times"):
            return
        if key in self.sent:
            raise Superseded(f"already fetched: {key}")
        limit = self.limit()
        if limit and self.spent >= limit:
            raise BudgetSpent(f"page budget of {limit} spent")
        self.sent.add(key)
        self.spent += 1
        request.meta[SPENT_FLAG] = self.spent
        self.crawler.stats.set_value(SPENT_STAT, self.spent)
