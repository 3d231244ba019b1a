"""Progress of a crawl: a live line on a terminal, plain log lines elsewhere (CI, cron)."""

from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.items import PageItem


class Progress:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.pages = 0
        self.errors = 0
        self.started = time.monotonic()
        self.live = sys.stderr.isatty()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("GOVAUDIT_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, PageItem):
            self.pages += 1
            if item.page.get("fetch_state") != "ok":
                self.errors += 1

    def spider_opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(1.0 if self.live else self.interval, now=False)

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        rate = self.pages / elapsed if elapsed > 0 else 0.0
        return f"已抓取 {self.pages} 页，失败 {self.errors}，{rate:.1f} 页/秒，用时 {elapsed:.0f} 秒"

    def report(self) -> None:
        if self.live:
            sys.stderr.write("\r" + self.line() + " " * 4)
            sys.stderr.flush()
        else:
            print(self.line(), file=sys.stderr, flush=True)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        end = "\r" if self.live else ""
        sys.stderr.write(end + self.line() + "\n")
        sys.stderr.flush()
