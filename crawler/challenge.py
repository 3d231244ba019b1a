"""Firewall script challenges passed once in the browser (``--render``), their cookies kept for the host.

A 瑞数 412, a 加速乐 521 or a 200 page that only sets a cookie and reloads (``extract.blocking.is_challenge``)
stands in for the page. With ``--render`` the spider asks the browser for that URL once: Chromium runs the
script, reloads, and the page it then shows is stored (read as a rendered page). The browser context's cookies
for the host go to Scrapy's cookie jar (``ChallengeCookies``, before Scrapy's CookiesMiddleware), so the rest of
the host is crawled with plain requests. Pages challenged while the browser works on their host wait for it
(parked), then go again with the cookies; a page challenged although it carried them (the firewall changed its
key) goes to the browser too. One browser attempt per URL, and a host whose challenge the browser could not pass
is not tried again: its challenged pages stay blocked, with the reason.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import render, store
from crawler.extract.blocking import (
    CHALLENGE_NOT_PASSED,
    CHALLENGE_NOT_TRIED,
    CHALLENGE_PASSED,
    is_challenge,
    looks_blocked,
)
from crawler.items import PageItem

MIDDLEWARE = "crawler.challenge.ChallengeCookies"
QUIET_SECONDS = 5.0  # a challenge that has not navigated this long after its page loaded will not pass
SETTLE_SECONDS = 20.0  # at most this long in the browser for one challenge
MAX_RELOADS = render.MAX_RELOADS  # a challenge still there after this many reloads will not pass

BROWSER, PARK, RETRY, BLOCKED = "browser", "park", "retry", "blocked"


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


@dataclass
class Passed:
    """What the browser showed once past the challenge."""

    url: str
    status: int
    html: str
    cookies: list[dict[str, Any]]


@dataclass
class Challenges:
    """Per host: the cookies that pass its challenge, the pages waiting for its browser attempt, its failure."""

    cookies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    undelivered: set[str] = field(default_factory=set)  # hosts whose cookies Scrapy's jar has not yet taken
    pending: dict[str, list[Any]] = field(default_factory=dict)  # host → pages parked during its browser attempt
    failed: dict[str, str] = field(default_factory=dict)  # host → the URL the browser could not pass
    tried: set[str] = field(default_factory=set)  # page keys fetched in the browser for a challenge
    robots_challenged: set[str] = field(default_factory=set)  # netlocs whose robots.txt was answered by a challenge

    def decide(self, url: str, key: str, *, retried: bool, sent: str = "") -> str:
        """What to do with a challenged page: ask the browser, wait for the host's attempt, go again with the
        host's cookies (it was sent before they came), or leave it blocked. ``sent``: its Cookie header; a page
        challenged although it carried the host's cookies (they expired) goes to the browser."""
        host = host_of(url)
        if key in self.tried:
            return BLOCKED
        if host in self.pending:
            return PARK
        if host in self.cookies and not retried and not self.carried(host, sent):
            return RETRY
        if host in self.failed:
            return BLOCKED
        return BROWSER

    def carried(self, host: str, sent: str) -> bool:
        given = {part.strip() for part in sent.split(";")}
        return all(f"{c['name']}={c['value']}" in given for c in self.cookies.get(host, []))

    def start(self, url: str, key: str) -> None:
        self.tried.add(key)
        self.pending[host_of(url)] = []

    def park(self, url: str, page: Any) -> None:
        self.pending[host_of(url)].append(page)

    def passed(self, url: str, cookies: list[dict[str, Any]]) -> list[Any]:
        """The browser passed the host's challenge: keep its cookies; the parked pages go again."""
        host = host_of(url)
        if cookies:
            self.cookies[host] = cookies
            self.undelivered.add(host)
        self.failed.pop(host, None)
        return self.pending.pop(host, [])

    def not_passed(self, url: str) -> list[Any]:
        host = host_of(url)
        self.failed[host] = url
        self.cookies.pop(host, None)  # they no longer pass it
        self.undelivered.discard(host)
        return self.pending.pop(host, [])

    def deliver(self, url: str) -> list[dict[str, Any]]:
        """The host's cookies for Scrapy's jar, once (after that the jar keeps them, and the server's renewals)."""
        host = host_of(url)
        if host not in self.undelivered:
            return []
        self.undelivered.discard(host)
        return self.cookies[host]


def scrapy_cookies(browser_cookies: list[dict[str, Any]], host: str) -> list[dict[str, Any]]:
    """The browser's cookies for ``host`` as ``Request.cookies``: host-only ones without a domain (the jar then
    keeps them for that host, an IP address included), domain cookies with theirs."""
    kept = []
    for c in browser_cookies:
        domain = str(c.get("domain") or "").lower()
        bare = domain.lstrip(".")
        if bare and host != bare and not host.endswith("." + bare):
            continue
        cookie = {"name": c["name"], "value": c["value"], "path": c.get("path") or "/"}
        if domain.startswith(".") and host != bare:
            cookie["domain"] = domain
        kept.append(cookie)
    return kept


class ChallengeCookies:
    """Downloader middleware: the first plain request to a host after the browser passed its challenge carries
    the browser's cookies, which Scrapy's CookiesMiddleware (after this one) keeps in its jar for the host. It
    also notes a robots.txt the challenge stood in for: Scrapy read no rules from it, so it is read again once
    the host is passed (``reread_robots``)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChallengeCookies:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        challenges = getattr(self.crawler.spider, "challenges", None)
        if challenges is None or not challenges.undelivered or request.meta.get("playwright"):
            return
        cookies = challenges.deliver(request.url)
        if cookies:
            given = request.cookies if isinstance(request.cookies, list) else [
                {"name": k, "value": v} for k, v in dict(request.cookies or {}).items()]
            names = {c["name"] for c in cookies}
            request.cookies = [*(c for c in given if c.get("name") not in names), *cookies]
            self.crawler.stats.inc_value("govaudit/challenge/cookies_delivered")

    def process_response(self, request: Request, response: Response) -> Response:
        challenges = getattr(self.crawler.spider, "challenges", None)
        parts = urlsplit(request.url)
        if (challenges is not None and parts.path == "/robots.txt" and request.meta.get("dont_obey_robotstxt")
                and is_challenge(response.status, response.body)):
            challenges.robots_challenged.add(parts.netloc)
            self.crawler.stats.inc_value("govaudit/challenge/robots_challenged")
        return response


def reread_robots(crawler: Crawler, url: str) -> bool:
    """Have Scrapy's RobotsTxtMiddleware fetch the host's robots.txt again (now with the cookies that pass the
    challenge) before its next request, instead of keeping the rules it read from the challenge page: none."""
    from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware

    netloc = urlsplit(url).netloc
    for middleware in crawler.engine.downloader.middleware.middlewares:
        parsers = getattr(middleware, "_parsers", None) if isinstance(middleware, RobotsTxtMiddleware) else None
        if isinstance(parsers, dict) and netloc in parsers and not hasattr(parsers[netloc], "callback"):
            del parsers[netloc]  # a parser read, not a fetch in flight (a Deferred)
            crawler.stats.inc_value("govaudit/challenge/robots_reread")
            return True
    return False


async def settle(page: Any, *, quiet: float = QUIET_SECONDS, limit: float = SETTLE_SECONDS,
                 reloads: int = MAX_RELOADS) -> Passed | None:
    """Wait in the browser until the page is no longer a challenge (its script set the cookie and reloaded):
    what it then shows, with the context's cookies for the page's host; None if it stays a challenge (no
    navigation for ``quiet`` seconds, more than ``reloads`` navigations, or ``limit`` seconds in all)."""
    from playwright.async_api import Error as PlaywrightError

    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    navigated = asyncio.Event()
    navigations = 0

    def on_navigation(frame: Any) -> None:
        nonlocal navigations
        if frame == page.main_frame:
            navigations += 1
            navigated.set()

    page.on("framenavigated", on_navigation)
    while True:
        if navigations > reloads:
            return None  # a challenge that reloads for ever: the caller closes the page
        navigated.clear()  # before reading: a navigation from now on wakes the wait below
        html, status = None, 200
        try:
            await page.wait_for_load_state("load", timeout=max(1.0, deadline - loop.time()) * 1000)
            html = await page.content()
            status = int(await page.evaluate(
                "() => (performance.getEntriesByType('navigation')[0] || {}).responseStatus || 200") or 200)
        except PlaywrightError:
            pass  # the page is navigating: read it again once it loaded
        # a refused navigation leaves the browser's own error page (chrome-error://): not the site's
        shown = html is not None and urlsplit(page.url).scheme in ("http", "https")
        if shown and not looks_blocked(status, html.encode("utf-8")):
            cookies = await page.context.cookies(page.url)
            return Passed(page.url, status, html, scrapy_cookies(cookies, host_of(page.url)))
        left = deadline - loop.time()
        if left <= 0:
            return None
        try:
            await asyncio.wait_for(navigated.wait(), min(quiet if html is not None else 1.0, left))
        except TimeoutError:
            if html is not None:
                return None


class ChallengeSteps:
    """The spider's part (mixed into crawler.spiders.portal.PortalSpider, whose ``page_row``, ``again``,
    ``read_page``, ``answer`` and ``close_when_spent`` it uses): what a challenged response becomes."""

    challenges: Challenges
    render: bool
    crawler: Any

    def challenged(self, response: Response, base: dict[str, Any]) -> Iterator[Any]:
        """A firewall answered instead of the page. A script challenge, with ``render``, goes to the browser once
        (crawler.challenge); otherwise the page is stored blocked, saying whether the browser may pass it."""
        meta, request = response.meta, response.request
        if not is_challenge(response.status, response.body):
            yield self.blocked(meta, base, "blocked")
            return
        if not self.render or request.method != "GET":
            yield self.blocked(meta, base, CHALLENGE_NOT_TRIED)
            return
        sent = request.headers.get("Cookie", b"").decode("latin-1")
        decision = self.challenges.decide(request.url, meta["key"], retried=bool(meta.get("ga_challenge")),
                                          sent=sent)
        if decision == PARK:
            self.challenges.park(request.url, (request, base))
        elif decision == RETRY:  # sent before the host's cookies came
            self.crawler.stats.inc_value("govaudit/challenge/retried_with_cookies")
            yield self.again(request, ga_challenge=True)
        elif decision == BROWSER:
            self.challenges.start(request.url, meta["key"])
            self.crawler.stats.inc_value("govaudit/challenge/browser_attempts")
            yield self.again(request, callback=self.on_challenge_page, errback=self.on_challenge_error,
                             playwright=True, playwright_include_page=True, ga_challenge=True,
                             playwright_page_goto_kwargs={"wait_until": "load", "timeout": 30_000})
        else:
            yield self.blocked(meta, base, CHALLENGE_NOT_PASSED)

    def blocked(self, meta: dict[str, Any], base: dict[str, Any], error: str) -> PageItem:
        return PageItem(page=self.page_row(meta, **base, fetch_state=store.FETCH_BLOCKED, error=error))

    async def on_challenge_page(self, response: Response) -> AsyncIterator[Any]:
        """The browser's attempt at a challenge: the page it shows once past it is stored, as a rendered page."""
        self.answer(response.meta)
        page = response.meta.pop("playwright_page", None)
        passed = None
        try:
            if page is not None:
                passed = await settle(page)
        finally:
            if page is not None:
                await page.close()
        for item in self.after_challenge(response, passed):
            yield item
        self.close_when_spent()

    def after_challenge(self, response: Response, passed: Passed | None) -> Iterator[Any]:
        request, meta = response.request, response.meta
        if passed is None:
            self.crawler.stats.inc_value("govaudit/challenge/not_passed")
            content_type = response.headers.get("Content-Type", b"").decode("latin-1")
            yield self.blocked(meta, {"final_url": response.url, "status": response.status,
                                      "content_type": content_type}, CHALLENGE_NOT_PASSED)
            for parked, base in self.challenges.not_passed(request.url):
                yield self.blocked(parked.meta, base, CHALLENGE_NOT_PASSED)
            return
        self.crawler.stats.inc_value("govaudit/challenge/passed")
        if urlsplit(request.url).netloc in self.challenges.robots_challenged:
            reread_robots(self.crawler, request.url)
        for parked, _base in self.challenges.passed(request.url, passed.cookies):
            yield self.again(parked, ga_challenge=True)  # now with the host's cookies
        meta["rendered"] = True  # what the browser shows, its scripts run: not rendered again
        shown = response.replace(url=passed.url, status=passed.status, body=passed.html.encode("utf-8"),
                                 headers={"Content-Type": "text/html; charset=utf-8"}, encoding="utf-8")
        for item in self.read_page(shown):
            if isinstance(item, PageItem) and item.page["url"] == meta["key"] and item.page["fetch_state"] == "ok":
                item.page["error"] = CHALLENGE_PASSED  # how it was read, for the record
            yield item

    def on_challenge_error(self, failure: Failure) -> Iterator[Any]:
        """The browser failed on the challenge (a timeout, a crash): the page and the parked ones stay blocked."""
        request = failure.request
        page = request.meta.pop("playwright_page", None)
        if page is not None:
            asyncio.ensure_future(page.close())
        self.answer(request.meta)
        self.crawler.stats.inc_value("govaudit/challenge/not_passed")
        yield self.blocked(request.meta, {"final_url": request.url},
                           f"{CHALLENGE_NOT_PASSED} ({failure.type.__name__})")
        for parked, base in self.challenges.not_passed(request.url):
            yield self.blocked(parked.meta, base, CHALLENGE_NOT_PASSED)
        self.close_when_spent()

