"""``--render``: pages whose list is drawn by script are fetched again through Chromium (scrapy-playwright).

Only loaded when asked for: scrapy-playwright is optional, and its download handler replaces Scrapy's for http
and https (requests without ``meta["playwright"]`` still go through Scrapy's own HTTP/1.1 code). The browser is
the system Chromium (Debian's ``chromium`` package, ``/usr/bin/chromium``); ``GOVAUDIT_CHROMIUM`` names another.
With ``--resolve``, Chromium gets the same mapping as ``--host-resolver-rules``. The browser identifies itself
as the crawler does, to scripts too (``navigator.userAgent``): a firewall's script challenge (``crawler.challenge``)
may bind the cookie it sets to the User-Agent, which the crawl's plain requests then send.
"""

from __future__ import annotations

import os
import weakref
from typing import Any

from scrapy import Request
from scrapy.http import Response

from crawler import settings as crawler_settings
from crawler.resolve import load_mapping, rewrite

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
HANDLER = "crawler.render.RenderingDownloadHandler"
MAX_RELOADS = 3  # navigations of a page after its first one (a challenge's reload); more are refused


class RenderError(RuntimeError):
    pass


def chromium_path() -> str:
    return os.environ.get("GOVAUDIT_CHROMIUM") or CHROMIUM


def launch_options(resolve: dict[str, str] | None = None) -> dict[str, Any]:
    args = list(CHROMIUM_ARGS)
    if resolve:
        rules = ", ".join(f"MAP {host} {target}" for host, target in sorted(resolve.items()))
        args.append(f"--host-resolver-rules={rules}")
    return {"executable_path": chromium_path(), "headless": True, "args": args}


def render_settings(resolve: dict[str, str] | None = None) -> dict[str, Any]:
    """Scrapy settings that turn rendering on (asyncio reactor, the playwright handler, Chromium's options)."""
    try:
        import scrapy_playwright  # noqa: F401
    except ImportError as exc:
        raise RenderError("--render 需要 scrapy-playwright：pip install scrapy-playwright") from exc
    if not os.path.exists(chromium_path()):
        raise RenderError(f"--render 需要 Chromium：未找到 {chromium_path()}（Debian: apt-get install -y chromium）")
    return {
        "GOVAUDIT_RENDER": True,
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch_options(resolve),
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 4,
        "PLAYWRIGHT_CONTEXTS": {"default": {"user_agent": crawler_settings.USER_AGENT}},
        "PLAYWRIGHT_ABORT_REQUEST": "crawler.render.endless_reload",
    }


_navigations: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def endless_reload(request: Any) -> bool:
    """Refuse a page's navigation after its first and ``MAX_RELOADS`` more (a redirect is part of the one it
    answers): a script that reloads for ever — a challenge whose cookie the server never takes — would otherwise
    ask the server for the page again as fast as it answers."""
    if not request.is_navigation_request() or request.redirected_from is not None:
        return False
    frame = request.frame
    if frame.parent_frame is not None:
        return False
    count = _navigations.get(frame.page, 0) + 1
    _navigations[frame.page] = count
    return count > 1 + MAX_RELOADS


try:
    from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
except ImportError:  # pragma: no cover - rendering is optional
    ScrapyPlaywrightDownloadHandler = None  # type: ignore[assignment,misc]


if ScrapyPlaywrightDownloadHandler is not None:

    class RenderingDownloadHandler(ScrapyPlaywrightDownloadHandler):  # type: ignore[misc,valid-type]
        """scrapy-playwright's handler; plain requests to ``--resolve`` hosts are rewritten as in
        ``crawler.resolve`` (the browser resolves them itself, through --host-resolver-rules)."""

        def __init__(self, crawler: Any) -> None:
            super().__init__(crawler)
            self.mapping = load_mapping(crawler.settings)

        async def download_request(self, request: Request, *args: Any) -> Response:
            if request.meta.get("playwright") or not self.mapping:
                return await super().download_request(request, *args)
            wire = rewrite(request, self.mapping)
            if wire is None:
                return await super().download_request(request, *args)
            response = await super().download_request(wire, *args)
            return response.replace(url=request.url, request=request)
