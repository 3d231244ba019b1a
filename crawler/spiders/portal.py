"""The ``portal`` spider: crawl one district portal, store every page tried and what it shows.

Thin by design: extraction lives in ``crawler.extract``; storage in the pipeline. Besides links it follows
every page of a list (pager links, TRS ``createPageHTML`` pagers, Hanweb ``dataproxy.jsp`` record ranges) at
the list's own depth, probes attachments (HEAD, else a ranged GET), and with ``render`` re-fetches pages whose
list is drawn by script, and pages a firewall's script challenge stood in for (``crawler.challenge``), through a
browser (scrapy-playwright).
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import (
    CloseSpider,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    StopDownload,
)
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from crawler import attachments as probe
from crawler import challenge, robots, store
from crawler import priority as order
from crawler import settings as crawler_settings
from crawler.budget import BUDGET_KEY, SPENT_FLAG, SPENT_STAT, BudgetSpent, Superseded
from crawler.cache import BYTES_STAT
from crawler.extract.blocking import (
    looks_blocked,
)
from crawler.extract.departments import department_root, find_departments, is_department_index
from crawler.extract.dom import MAX_HTML_CHARS
from crawler.extract.encoding import cap_body, decode_html
from crawler.extract.hanweb import (
    JPage,
    ProxyRequest,
    as_list_page,
    batch_size,
    find_jpage,
    proxy_request,
    proxy_requests,
)
from crawler.extract.model import PARSE_CUT, Identity, Link, PageExtract
from crawler.extract.page import extract_page
from crawler.extract.urls import is_attachment
from crawler.hygiene import SiteHosts, TrapGuard, strip_session
from crawler.hygiene import canonical as canonical_url
from crawler.items import AttachmentCheck, DepartmentItem, PageItem
from crawler.priority import Lead, Source

BUDGET_MIDDLEWARE = "crawler.budget.PageBudget"
OWN_MEMO = 65536  # URLs whose host is_own remembers

# Not pages: media and assets (attachments are recorded, not followed, see extract.model).
SKIP_EXTENSIONS = tuple(sorted({"." + ext for ext in IGNORED_EXTENSIONS}
                               - {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar"}))


def canonical(url: str) -> str:
    return canonical_url(url)


def split_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


class PortalSpider(challenge.ChallengeSteps, scrapy.Spider):
    name = "portal"
    max_parse_chars = MAX_HTML_CHARS  # GOVAUDIT_MAX_PARSE_CHARS, read in from_crawler

    def __init__(
        self,
        start_url: str = "",
        extra_urls: Any = None,
        allowed_hosts: Any = None,
        host_variants: Any = True,
        max_pages: Any = None,
        max_depth: Any = None,
        departments: str = "",
        render: Any = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not start_url:
            raise ValueError("the portal spider needs -a start_url=URL")
        self.start_url = start_url
        self.extra_urls = split_list(extra_urls)
        hosts = split_list(allowed_hosts) or [urlsplit(u).hostname or "" for u in [start_url, *self.extra_urls]]
        # the given hosts, their www./bare twins and every sub-domain of the portal's own domain (departments on
        # jyj.<district>.gov.cn); with host_variants false (--exact-hosts) the given hosts only
        variants = str(host_variants).lower() not in ("0", "false", "no")
        self.allowed_hosts = SiteHosts(hosts, [start_url] if variants else [], variants=variants)
        self._own: dict[str, bool] = {}  # is_own's answers (the hosts are fixed for the crawl)
        self._max_pages = int(max_pages) if max_pages else None
        self._max_depth = int(max_depth) if max_depth else None
        # JSON list of {"name","root_url"} given by configuration
        self.configured_departments = json.loads(departments) if departments else []
        # every URL discovered, its place in the audit order and what became of it (crawler.priority)
        self.discoveries = order.Discoveries()
        self.department_roots = {canonical(d["root_url"]) for d in self.configured_departments}
        self.truncated = False
        self.answered = 0  # pages of the budget that answered (fetched or failed)
        self.side_requests = 0  # attachment probes and browser renders not yet answered
        self.render = str(render).lower() in ("1", "true", "yes")
        self.probed: set[str] = set()
        self.challenges = challenge.Challenges()  # firewall script challenges passed in the browser, per host

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """The ``GOVAUDIT_*`` defaults of ``crawler.settings`` (their one home) under any settings: a crawl
        that loads the project's settings keeps them, one that does not (a test's crawler) still has them."""
        super().update_settings(settings)
        for name, value in vars(crawler_settings).items():
            if name.startswith("GOVAUDIT_"):
                settings.set(name, value, priority="default")
        # the page budget is spent at fetch time, whatever settings the crawl loaded
        middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
        if BUDGET_MIDDLEWARE not in middlewares:
            middlewares = {**middlewares, BUDGET_MIDDLEWARE: 120}
        if challenge.MIDDLEWARE not in middlewares:  # before Scrapy's CookiesMiddleware (700)
            middlewares = {**middlewares, challenge.MIDDLEWARE: 690}
        if robots.SCRAPY_MIDDLEWARE not in middlewares:  # robots.txt for every request, see crawler.robots
            middlewares = {**middlewares, robots.SCRAPY_MIDDLEWARE: None, robots.MIDDLEWARE: robots.ORDER}
        settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PortalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_pages = spider._max_pages or settings.getint("GOVAUDIT_MAX_PAGES")
        spider.max_depth = spider._max_depth if spider._max_depth is not None else settings.getint("GOVAUDIT_MAX_DEPTH")
        spider.text_limit = settings.getint("GOVAUDIT_TEXT_LIMIT")
        spider.max_parse_chars = settings.getint("GOVAUDIT_MAX_PARSE_CHARS")
        spider.max_attachments = settings.getint("GOVAUDIT_MAX_ATTACHMENTS")
        spider.traps = TrapGuard(settings.getint("GOVAUDIT_MAX_QUERY_VARIANTS"),
                                 settings.getint("GOVAUDIT_MAX_URL_LENGTH"))
        spider.render = spider.render or settings.getbool("GOVAUDIT_RENDER")
        spider.order = order.Order.from_setting(settings.getdict("GOVAUDIT_CRAWL_ORDER"))
        crawler.signals.connect(spider.stop_probe_body, signal=signals.bytes_received)
        return spider

    def stop_probe_body(self, data: bytes, request: scrapy.Request, spider: Any) -> None:
        """An attachment probe needs headers and the first bytes, never the whole file; a page, no more than the
        parser reads (3 bytes a character of GOVAUDIT_MAX_PARSE_CHARS): a huge page is not held in memory whole."""
        meta = request.meta
        self.crawler.stats.inc_value(BYTES_STAT, len(data))  # what a re-audit saves (crawler.cache)
        if meta.get("govaudit_probe"):
            raise StopDownload(fail=False)
        meta["ga_received"] = received = meta.get("ga_received", 0) + len(data)
        if received > 3 * self.max_parse_chars:
            raise StopDownload(fail=False)

    async def start(self) -> AsyncIterator[Any]:
        for dept in self.configured_departments:
            yield DepartmentItem(name=dept["name"], root_url=dept["root_url"], source="config")
        for url in [self.start_url, *self.extra_urls]:
            request = self.request_for(url, Lead(order.START), referer="", anchor="")
            if request is not None:
                yield request
        for dept in self.configured_departments:  # a configured unit is visited even if no page links to it
            if self.is_own(dept["root_url"]):
                lead = Lead(order.DEPARTMENT, dept["name"], depth=1)
                request = self.request_for(dept["root_url"], lead, referer="", anchor=dept["name"])
                if request is not None:
                    yield request

    # -- requests ---------------------------------------------------------------------------------

    def request_for(
        self, url: str, lead: Lead, *, referer: str, anchor: str, key: str = "",
        placement: order.Placement | None = None, **extra: Any
    ) -> scrapy.Request | None:
        """The request for a lead, with the priority of its place in the audit order (``placement``: that place,
        where the caller knows it); None when the page is already scheduled at that priority or higher, or a
        limit refuses it (recorded in ``discoveries``)."""
        url = strip_session(url)  # the server gives a fresh session if it wants one
        key = key or canonical(url)
        known = self.discoveries.get(key)
        if known is not None and known.state not in (order.QUEUED, order.MAX_DEPTH):
            return None  # fetched, or refused for good
        placement = placement or order.place(lead, self.order)
        if not self.discoveries.wants(key, placement):
            self.discoveries.refine(key, placement.area)
            return None
        depth = lead.depth
        found = {"depth": depth, "found_on": referer}
        if not extra.get("dataproxy") and not self.traps.allows(key):
            self.crawler.stats.inc_value("govaudit/trap_refused")  # the link stays in `links`: unknown, not missing
            self.discoveries.record(key, placement, **found, state=order.TRAP)
            return None
        if depth > self.max_depth or self.budget_spent():
            self.truncated = True  # the link stays in `links`; checks see it was not crawled
            state = order.MAX_DEPTH if depth > self.max_depth else order.MAX_PAGES
            self.discoveries.record(key, placement, **found, state=state)
            return None
        self.discoveries.record(key, placement, **found)
        meta = {"ga_depth": depth, "key": key, "referer": referer, "anchor": anchor, "t0": time.monotonic(),
                BUDGET_KEY: key, "ga_class": placement.cls, "ga_pager": lead.relation == order.PAGER,
                "ga_last": lead.is_last, **extra}
        form = extra.get("form")
        if form is not None:
            return scrapy.FormRequest(url, formdata=form, callback=self.parse, errback=self.on_error, meta=meta,
                                      dont_filter=True, priority=placement.priority)
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.on_error,
            meta=meta,
            priority=placement.priority,
            dont_filter=True,  # deduplicated above, on the canonical URL
        )

    def budget_spent(self) -> bool:
        """Whether the page budget is spent (counted by crawler.budget as pages reach the downloader)."""
        return bool(self.max_pages) and (self.crawler.stats.get_value(SPENT_STAT) or 0) >= self.max_pages

    def answer(self, meta: dict[str, Any]) -> None:
        """A response or failure came: count what the close below waits for."""
        if meta.get(SPENT_FLAG):
            self.answered += 1
        if meta.get("govaudit_probe") or meta.get("rendered") or meta.get("ga_challenge"):
            self.side_requests -= 1

    def close_when_spent(self) -> None:
        """Once the budget is spent, every page of it answered and no probe pending, the queue holds only pages
        the budget refuses: close now rather than refuse them one by one."""
        if self.side_requests > 0 or not self.budget_spent() or self.answered < self.max_pages:
            return
        if self.discoveries.queued():
            self.truncated = True
            raise CloseSpider("closespider_pagecount")

    def dataproxy_request(self, pr: ProxyRequest, jpage: JPage, meta: dict[str, Any], page: PageExtract,
                          list_url: str, *, last: bool = False) -> scrapy.Request | None:
        """One record range of a Hanweb list: stored as a page of the list (same depth, same column)."""
        # the records belong to the list page: its column, title, meta tags and footer apply to them
        column = {"name": page.column_name, "path": page.column_path, "source": page.column_source,
                  "title": page.title, "meta": page.meta, "identity": asdict(page.identity)}
        lead = Lead(order.PAGER, depth=meta["ga_depth"], source=self.source_of(page, meta, list_url), is_last=last)
        return self.request_for(pr.url, lead, referer=list_url, anchor=meta["anchor"],
                                key=canonical(pr.key), dataproxy=True, form=pr.form, jpage=jpage.__dict__,
                                list_url=list_url, column=column, records=(pr.start, pr.end))

    def again(self, request: scrapy.Request, callback: Any = None, errback: Any = None, **extra: Any) -> scrapy.Request:
        """The same page again (its budget already spent), in its place in the audit order."""
        kept = ("ga_depth", "key", "referer", "anchor", "ga_class", "ga_pager", "ga_last")
        meta = {k: request.meta[k] for k in kept if k in request.meta}
        self.side_requests += 1
        meta.update(t0=time.monotonic(), **extra)
        referer = request.headers.get("Referer")  # the page that linked to it, not the one asking again
        return scrapy.Request(request.url, callback=callback or self.parse, errback=errback or self.on_error,
                              meta=meta, priority=request.priority, dont_filter=True,
                              headers={"Referer": referer} if referer else None)

    def render_request(self, response: Response) -> scrapy.Request:
        """The same page again, through the browser (scrapy-playwright), once."""
        return self.again(response.request, playwright=True, rendered=True,
                          playwright_page_goto_kwargs={"wait_until": "networkidle", "timeout": 30_000})

    def probe_request(self, url: str, page_url: str, *, ranged: bool = False, priority: int = 0) -> scrapy.Request:
        """A probe (never a page of the budget) comes when the page that links to the file comes in the order."""
        headers = {"Range": probe.RANGE} if ranged else {}
        self.side_requests += 1
        return scrapy.Request(url, method="GET" if ranged else "HEAD", headers=headers, callback=self.on_probe,
                              errback=self.on_probe_error, dont_filter=True, priority=priority,
                              meta={"govaudit_probe": True, "page_url": page_url, "ranged": ranged,
                                    "handle_httpstatus_all": True})

    def attachment_probes(self, page: PageExtract, page_url: str, priority: int = 0) -> Iterator[scrapy.Request]:
        for link in page.links:
            if not link.is_attachment or link.is_form or not self.is_own(link.url):
                continue
            key = canonical(link.url)
            if key in self.probed:
                continue
            if len(self.probed) >= self.max_attachments:
                self.crawler.stats.inc_value("govaudit/attachments_not_checked")
                continue
            self.probed.add(key)
            yield self.probe_request(link.url, page_url, priority=priority)

    def audit_date(self) -> date | None:
        """The run's as-of date (the pipeline puts it in the stats), else GOVAUDIT_AS_OF; None: today."""
        value = self.crawler.stats.get_value("govaudit/as_of") or self.crawler.settings.get("GOVAUDIT_AS_OF")
        try:
            return date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None

    def is_own(self, url: str) -> bool:
        known = self._own.get(url)
        if known is None:
            if len(self._own) >= OWN_MEMO:  # a portal's navigation and pagers repeat the same URLs on every page
                self._own.clear()
            parts = urlsplit(url)
            known = self._own[url] = (parts.scheme in ("http", "https")
                                      and (parts.hostname or "").lower() in self.allowed_hosts)
        return known

    # -- responses --------------------------------------------------------------------------------

    def page_row(self, request_meta: dict[str, Any], **fields: Any) -> dict[str, Any]:
        return {
            "url": request_meta["key"],
            "depth": request_meta["ga_depth"],
            "referer": request_meta["referer"],
            "anchor": request_meta["anchor"],
            "fetched_at": store.now_iso(),
            # Scrapy's download latency excludes the time a request waited in the crawler's own queue
            "elapsed_ms": int(1000 * request_meta.get("download_latency", time.monotonic() - request_meta["t0"])),
            "department": "",
            **fields,
        }

    def parse(self, response: Response) -> Iterator[Any]:
        self.answer(response.meta)
        yield from self.read_page(response)
        self.close_when_spent()

    def read_page(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        self.discoveries.settle(meta["key"], order.FETCHED, meta.get(SPENT_FLAG))
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        base = {"final_url": response.url, "status": response.status, "content_type": content_type,
                # answered 304 to the re-audit's conditional request: the stored answer is read (crawler.cache)
                "not_modified": int("cached" in response.flags)}
        if meta.get("dataproxy") and response.status < 400 and not looks_blocked(response.status, response.body):
            yield from self.parse_dataproxy(response, meta, base)
            return
        if looks_blocked(response.status, response.body):
            yield from self.challenged(response, base)
            return
        if response.status >= 400:
            state = store.FETCH_HTTP_ERROR
            yield PageItem(page=self.page_row(meta, **base, fetch_state=state, error=f"HTTP {response.status}"))
            return
        if not isinstance(response, TextResponse) and "html" not in content_type.lower():
            yield PageItem(page=self.page_row(meta, **base, fetch_state=store.FETCH_OK, page_kind="other"))
            return
        # a huge page is read in part (its download was stopped: stop_probe_body): at most 3 bytes a character reach
        # the decoder, cut before a "<" so that no character is split; the parser cuts again
        # (a stopped download holds more than that limit, so it is always cut here)
        body = cap_body(response.body, 3 * self.max_parse_chars)
        html, _encoding = decode_html(body, content_type)
        page = extract_page(html, response.url, today=self.audit_date(), max_chars=self.max_parse_chars)
        if len(body) < len(response.body) and not page.cut_at:
            page.cut_at = len(html)
        if page.script_rendered and self.render and not meta.get("rendered"):
            yield self.render_request(response)  # stored once, from the rendered DOM
            return
        add_entry_links(page)
        jpage = find_jpage(html, response.url)
        ranges = proxy_requests(jpage) if jpage else []
        yield self.page_item(meta, base, page, extra_pager=[canonical(pr.key) for pr in ranges])
        units = list(self.discover_departments(response.url, page, meta["anchor"]))
        yield from units
        for i, pr in enumerate(ranges):
            request = self.dataproxy_request(pr, jpage, meta, page, meta["key"], last=i == len(ranges) - 1)
            if request is not None:
                yield request
        yield from self.follow(page, meta, units=[u.root_url for u in units])
        yield from self.attachment_probes(page, meta["key"], response.request.priority)

    def source_of(self, page: PageExtract, meta: dict[str, Any], url: str) -> Source:
        records = meta.get("records")  # a Hanweb record range: the first range is the list's first page
        return order.source_of(page, self.order, url=url, on_home=meta.get("ga_class") == "home",
                               first_page=records[0] <= 1 if records else not meta.get("ga_pager"),
                               last_page=bool(meta.get("ga_last")), department_roots=self.department_roots)

    def follow(self, page: PageExtract, meta: dict[str, Any], units: list[str] | None = None) -> Iterator[scrapy.Request]:
        """Pages of the same list at the list's depth (a depth limit never cuts a list), then links; each in its
        place in the audit order (crawler.priority)."""
        source = self.source_of(page, meta, meta.get("list_url") or meta["key"])
        if source.is_list:
            self.discoveries.refine(meta["key"], source.list_area)
        pager = [url for url in page.next_pages if self.is_own(url)]
        last = order.last_page(pager) if source.first_page else None
        places: dict[bool, order.Placement] = {}  # a list's pages all have one place (its last page may differ)
        for url in pager:
            lead = Lead(order.PAGER, depth=meta["ga_depth"], source=source, is_last=url == last)
            if lead.is_last not in places:
                places[lead.is_last] = order.place(lead, self.order)
            request = self.request_for(url, lead, referer=meta["key"], anchor=meta["anchor"],
                                       placement=places[lead.is_last])
            if request is not None:
                yield request
        pager_urls = set(pager)
        listed: dict[str, int] = {}
        for i, entry in enumerate(page.entries):
            listed.setdefault(entry.url, i)
        self.department_roots.update(units or [])
        for link in page.links:
            # a search form's action is not fetched: without its parameters it often answers 400/405/500
            if link.is_attachment or link.is_form or not self.is_own(link.url) or link.url in pager_urls:
                continue
            if urlsplit(link.url).path.lower().endswith(SKIP_EXTENSIONS):
                continue
            if units and canonical(department_root(link.url)) in units:
                relation = order.DEPARTMENT
            else:
                relation = order.ENTRY if link.url in listed else order.LINK
            lead = Lead(relation, link.anchor, meta["ga_depth"] + 1, source, listed.get(link.url, 0))
            request = self.request_for(link.url, lead, referer=meta["key"], anchor=link.anchor)
            if request is not None:
                yield request

    def parse_dataproxy(self, response: Response, meta: dict[str, Any], base: dict[str, Any]) -> Iterator[Any]:
        """A Hanweb record range: its CDATA records become the list's entries; a full batch of a list with no
        known total asks for the next one."""
        xml, _encoding = decode_html(response.body, base["content_type"])
        list_url = meta["list_url"]
        page = extract_page(as_list_page(xml), list_url, today=self.audit_date())
        column = meta["column"]
        page.column_name, page.column_path, page.column_source = column["name"], column["path"], column["source"]
        page.title = column["title"]
        page.meta = column["meta"]
        page.identity = Identity(**column["identity"])
        page.page_kind = "list"
        page.links = [Link(e.url, e.title, is_attachment(e.url)) for e in page.entries]
        jpage = JPage(**meta["jpage"])
        start, end = meta["records"]
        records = xml.lower().count("<record")
        pager: list[str] = []
        follow_up: ProxyRequest | None = None
        if jpage.total is None and records >= end - start + 1:
            follow_up = proxy_request(jpage, end + 1, end + batch_size(jpage))
            pager.append(canonical(follow_up.key))
        yield self.page_item(meta, {**base, "final_url": list_url}, page, extra_pager=pager)
        if follow_up is not None:
            request = self.dataproxy_request(follow_up, jpage, meta, page, list_url)
            if request is not None:
                yield request
        yield from self.follow(page, meta)
        yield from self.attachment_probes(page, list_url, response.request.priority)

    def on_probe(self, response: Response) -> Iterator[Any]:
        self.answer(response.meta)
        yield from self.probe_answer(response)
        self.close_when_spent()

    def probe_answer(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        if not meta["ranged"] and response.status in probe.HEAD_REFUSED:
            yield self.probe_request(response.request.url, meta["page_url"], ranged=True,
                                     priority=response.request.priority)
            return
        headers = {k.decode("latin-1").lower(): response.headers.get(k, b"").decode("latin-1") for k in response.headers}
        ctype = headers.get("content-type", "")
        ext = "." + urlsplit(response.request.url).path.rsplit(".", 1)[-1].lower()
        ok = response.status < 400
        # a firewall's stub in place of the file says nothing about the file: blocked, never "broken"
        blocked = not ok and looks_blocked(response.status, response.body)
        yield AttachmentCheck(
            url=canonical(response.request.url),
            status=response.status,
            size=probe.size_from(headers, response.status) if ok else None,
            content_type=ctype[:100],
            error="" if ok else f"{'blocked, ' if blocked else ''}HTTP {response.status}",
            method="GET-range" if meta["ranged"] else "HEAD",
            final_url=response.url,
            note=probe.type_mismatch(ext, ctype, response.body[: probe.PROBE_BYTES]) if ok else ("blocked" if blocked else ""),
        )

    def on_probe_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request
        self.answer(request.meta)
        reason = str(failure.value) if failure.check(IgnoreRequest) else f"{failure.type.__name__}: {failure.getErrorMessage()}"
        yield AttachmentCheck(url=canonical(request.url), status=None, size=None, content_type="", error=reason[:300],
                              method="GET-range" if request.meta.get("ranged") else "HEAD", final_url=request.url)
        self.close_when_spent()

    def page_item(self, meta: dict[str, Any], base: dict[str, Any], page: PageExtract,
                  extra_pager: list[str] | None = None) -> PageItem:
        url = meta["key"]
        row = self.page_row(
            meta,
            **base,
            fetch_state=store.FETCH_OK,
            # a page read in part says so (checks: what lies beyond the cut is unseen)
            error=f"{PARSE_CUT}，只读取了前 {page.cut_at} 个字符" if page.cut_at else "",
            title=page.title,
            column_name=page.column_name,
            column_path=json.dumps(page.column_path, ensure_ascii=False),
            column_source=page.column_source,
            pub_date=page.pub_date.value.isoformat() if page.pub_date else None,
            pub_date_source=page.pub_date.source if page.pub_date else "",
            dates=json.dumps(
                [{"date": d.value.isoformat(), "source": d.source, "raw": d.raw} for d in page.dates],
                ensure_ascii=False,
            ),
            shown_date=page.shown_date.value.isoformat() if page.shown_date else None,
            shown_date_source=page.shown_date.source if page.shown_date else "",
            meta_date=page.meta_date.value.isoformat() if page.meta_date else None,
            meta_date_source=page.meta_date.source if page.meta_date else "",
            date_conflict=int(page.date_conflict),
            page_kind=page.page_kind,
            empty_list=int(page.empty_list),
            script_rendered=int(page.script_rendered),
            identity=json.dumps(asdict(page.identity), ensure_ascii=False),
            meta=json.dumps(page.meta, ensure_ascii=False),
            pager=json.dumps([canonical(u) for u in page.next_pages] + (extra_pager or [])),
            text=page.text[: self.text_limit],
        )
        links = []
        attachments = []
        # forms last: where a form's action and a link share a canonical URL, the stored row is the link's
        for link in sorted(page.links, key=lambda lk: lk.is_form):
            to_url = canonical(link.url)
            if link.is_form:
                kind = "form"
            else:
                kind = "attachment" if link.is_attachment else ("page" if self.is_own(link.url) else "external")
            links.append({"from_url": url, "to_url": to_url, "anchor": link.anchor[:300], "kind": kind})
            if link.is_attachment and not link.is_form:
                ext = "." + urlsplit(link.url).path.rsplit(".", 1)[-1].lower()
                attachments.append({"page_url": url, "url": to_url, "anchor": link.anchor[:300], "ext": ext})
        entries = [
            {
                "list_url": url,
                "url": canonical(e.url),
                "title": e.title[:500],
                "date": e.date.isoformat() if e.date else None,
                "date_raw": e.date_raw,
                "date_source": e.date_source,
                "url_date": e.url_date,
                "date_conflict": int(e.date_conflict),
                "block": e.block[:100],
                "column_name": page.column_name,
                "department": "",
            }
            for e in page.entries
        ]
        return PageItem(page=row, links=links, entries=entries, attachments=attachments)

    def discover_departments(self, url: str, page: PageExtract, anchor: str) -> Iterator[DepartmentItem]:
        if not is_department_index(page.column_name, page.title, anchor):
            return
        links = [link for link in page.links if not link.is_form]
        for name, root in find_departments(url, links, self.allowed_hosts):
            yield DepartmentItem(name=name, root_url=canonical(root), source="nav")

    def on_error(self, failure: Failure) -> Iterator[PageItem]:
        self.answer(failure.request.meta)
        yield from self.failed_page(failure)
        self.close_when_spent()

    def failed_page(self, failure: Failure) -> Iterator[PageItem]:
        request = failure.request
        meta = request.meta
        if failure.check(Superseded):  # fetched from a request of higher priority
            return
        if failure.check(BudgetSpent):  # its turn came after the page budget was spent: not fetched, not a page
            self.truncated = True
            self.discoveries.settle(meta["key"], order.MAX_PAGES)
            return
        self.discoveries.settle(meta["key"], order.FETCHED, meta.get(SPENT_FLAG))
        if failure.check(IgnoreRequest):
            reason = str(failure.value) or "ignored"  # robots.txt, a redirect loop, an offsite redirect …
            state = store.FETCH_ROBOTS if "robots" in reason.lower() else store.FETCH_ERROR
        elif failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
            state, reason = store.FETCH_TIMEOUT, "timeout"
        elif failure.check(DNSLookupError):
            state, reason = store.FETCH_ERROR, "DNS lookup failed"
        elif failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
            state, reason = store.FETCH_ERROR, "connection refused"
        else:
            state, reason = store.FETCH_ERROR, f"{failure.type.__name__}: {failure.getErrorMessage()}"[:300]
        yield PageItem(page=self.page_row(meta, final_url=request.url, fetch_state=state, error=reason))


def add_entry_links(page: PageExtract) -> None:
    """List entries whose links the page's markup does not hold as <a> (Hanweb datastore records in a
    script) are links too: the crawler follows them and the links table shows them."""
    known = {link.url: link for link in page.links}
    for entry in page.entries:
        link = known.get(entry.url)
        if link is not None and not link.is_form:
            continue
        known[entry.url] = Link(entry.url, entry.title, is_attachment(entry.url))
        if link is None:
            page.links.append(known[entry.url])
        else:  # a listed document at a search form's address: a page to follow after all
            page.links[page.links.index(link)] = known[entry.url]
