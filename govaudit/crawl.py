"""Run the ``portal`` spider for one audit, in this process (one crawl per process)."""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings


@dataclass
class CrawlOptions:
    start_url: str
    extra_urls: list[str] = field(default_factory=list)
    allowed_hosts: list[str] = field(default_factory=list)
    exact_hosts: bool = False  # no www./bare twins of the hosts (crawler.hygiene.SiteHosts variants)
    departments: list[dict[str, str]] = field(default_factory=list)  # {"name", "root_url"} from configuration
    max_pages: int = 3000
    max_depth: int = 10
    max_time: int = 0  # seconds, 0 = no limit
    timeout: float = 30.0
    delay: float | None = None  # None = polite default, 0 on loopback
    verbose: bool = False
    progress_interval: float = 10.0
    resolve: dict[str, str] = field(default_factory=dict)  # --resolve: host → "address:port"
    render: bool = False  # --render: pages whose list is drawn by script go through Chromium
    order: dict[str, Any] = field(default_factory=dict)  # GOVAUDIT_CRAWL_ORDER (crawl_order_setting); {}: the default
    resume_since: float = 0.0  # continuing a killed run that started then (epoch s): its cached pages are not asked again
    cache_dir: str = ""  # the audit folder's HTTP cache (crawler.cache): pages revalidated, not fetched again; "" = off

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


def _profile_names(profile: dict[str, Any], reference: str) -> list[str]:
    """The names under a dotted key of the profile (``columns.gk_first_level.年报``), flattened."""
    value: Any = profile
    for part in reference.split("."):
        if not isinstance(value, dict) or part not in value:
            raise ValueError(f"crawl_order: 配置文件中没有 {reference}")
        value = value[part]
    stack, names = [value], []
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, str) and item:
            names.append(item)
    return sorted(set(names))


def crawl_order_setting(profile: dict[str, Any]) -> dict[str, Any]:
    """``GOVAUDIT_CRAWL_ORDER`` from the profile's ``crawl_order``, with the column names its keys refer to
    (the crawler reads no profile: crawler/ imports nothing of checks/)."""
    section = profile.get("crawl_order")
    if not section:
        return {}
    if not isinstance(section, dict):
        raise ValueError("crawl_order 应为 key: value 映射")
    lists = section.get("lists") or {}
    if not isinstance(lists, dict):
        raise ValueError("crawl_order.lists 应为 领域: [配置项…] 的映射")
    setting = {
        "order": list(section.get("order") or []),
        "tree": sorted({n for ref in section.get("tree") or [] for n in _profile_names(profile, str(ref))}),
        "lists": {str(area): sorted({n for ref in refs or [] for n in _profile_names(profile, str(ref))})
                  for area, refs in lists.items()},
        "read_entries": [str(a) for a in section.get("read_entries") or []],
        "sample": dict(section.get("sample") or {}),
    }
    from crawler.priority import Order  # validates the classes and the sample sizes

    try:
        Order.from_setting(setting)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"crawl_order 无法使用：{exc}") from exc
    return setting


def is_loopback(url: str, resolve: dict[str, str] | None = None) -> bool:
    host = urlsplit(url).hostname or ""
    if resolve and host.lower() in resolve:
        host = resolve[host.lower()].rsplit(":", 1)[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def crawl_settings(db_path: str, run_id: int, options: CrawlOptions) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict(crawl_overrides(db_path, run_id, options), priority="cmdline")
    return settings


def crawl_overrides(db_path: str, run_id: int, options: CrawlOptions) -> dict[str, Any]:
    """The settings one audit's crawl sets over the project's (also applied by a Scrapyd job's add-on,
    govaudit.cluster_job, so a job crawls as a local audit does)."""
    overrides: dict[str, Any] = {
        "GOVAUDIT_DB": db_path,
        "GOVAUDIT_RUN_ID": run_id,
        "GOVAUDIT_MAX_PAGES": options.max_pages,
        "GOVAUDIT_MAX_DEPTH": options.max_depth,
        "GOVAUDIT_PROGRESS_INTERVAL": options.progress_interval,
        **({"GOVAUDIT_CRAWL_ORDER": options.order} if options.order else {}),
        "DOWNLOAD_TIMEOUT": options.timeout,
        "CLOSESPIDER_TIMEOUT": options.max_time,
        "LOG_LEVEL": "INFO" if options.verbose else "WARNING",
    }
    urls = [options.start_url, *options.extra_urls]
    if options.delay is not None:
        overrides["DOWNLOAD_DELAY"] = options.delay
        overrides["AUTOTHROTTLE_ENABLED"] = options.delay > 0
    if all(is_loopback(u, options.resolve) for u in urls) and options.delay in (None, 0):
        # a site served on this machine (demo, tests, a static build): no need to be gentle
        overrides.update(DOWNLOAD_DELAY=0, AUTOTHROTTLE_ENABLED=False, CONCURRENT_REQUESTS=16,
                         CONCURRENT_REQUESTS_PER_DOMAIN=16)
    if options.resolve:
        handler = "crawler.resolve.ResolvingDownloadHandler"
        overrides["GOVAUDIT_RESOLVE"] = dict(options.resolve)
        overrides["DOWNLOAD_HANDLERS"] = {"http": handler, "https": handler}
    if options.cache_dir:
        from crawler import cache

        overrides.update(HTTPCACHE_ENABLED=True, HTTPCACHE_DIR=options.cache_dir, HTTPCACHE_POLICY=cache.POLICY,
                         HTTPCACHE_STORAGE=cache.STORAGE, HTTPCACHE_EXPIRATION_SECS=0,
                         GOVAUDIT_RESUME_SINCE=options.resume_since)
    if options.render:
        from crawler.render import render_settings

        overrides.update(render_settings(options.resolve))
    return overrides


def spider_arguments(options: CrawlOptions) -> dict[str, Any]:
    """The ``portal`` spider's arguments for these options (as ``scrapy crawl -a`` or Scrapyd's schedule.json
    give them, strings work too)."""
    return {
        "start_url": options.start_url,
        "extra_urls": options.extra_urls,
        "allowed_hosts": options.allowed_hosts,
        "host_variants": not options.exact_hosts,
        "max_pages": options.max_pages,
        "max_depth": options.max_depth,
        "departments": json.dumps(options.departments, ensure_ascii=False) if options.departments else "",
        "render": options.render,
    }


def run_crawl(db_path: str, run_id: int, options: CrawlOptions) -> None:
    """Crawl the site into ``db_path`` under ``run_id``; returns when the crawl is over."""
    from crawler.spiders.portal import PortalSpider

    process = CrawlerProcess(crawl_settings(db_path, run_id, options))
    process.crawl(PortalSpider, **spider_arguments(options))
    process.start()
