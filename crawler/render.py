"""``--render``: pages whose list is drawn by script are fetched again through Chromium (scrapy-playwright).

Only loaded when asked for: scrapy-playwright is optional, and its download handler replaces Scrapy's for http
and https (requests without ``meta["playwright"]`` still go through Scrapy's own HTTP/1.1 code). The browser is
the system Chromium (Debian's ``chromium`` package, ``/usr/bin/chromium``); ``GOVAUDIT_CHROMIUM`` names another.
With ``--resolve``, Chromium gets the same mapping as ``--host-resolver-rules``.
"""

from __future__ import annotations

import os
from typing import Any

from scrapy import Request
from scrapy.http import Response

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
    }


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
