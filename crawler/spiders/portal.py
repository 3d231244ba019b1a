"""The ``portal`` spider: crawl one district portal, store every page tried and what it shows.

Thin by design: extraction lives in ``crawler.extract``; storage in the pipeline. Besides links it follows
every page of a list (pager links, TRS ``createPageHTML`` pagers, Hanweb ``dataproxy.jsp`` record ranges) at
the list's own depth, probes attachments (HEAD, else a ranged GET), and with ``render`` re-fetches pages whose
list is drawn by script through a browser (scrapy-playwright).
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
from crawler import settings as crawler_settings
from crawler import store
from crawler.extract.blocking import looks_blocked
from crawler.extract.departments import find_departments, is_department_index
from crawler.extract.encoding import decode_html
from crawler.extract.hanweb import (
    JPage,
    ProxyRequest,
    as_list_page,
    batch_size,
    find_jpage,
    proxy_request,
    proxy_requests,
)
from crawler.extract.model import Identity, Link, PageExtract
from crawler.extract.page import extract_page
from crawler.extract.urls import is_attachment
from crawler.hygiene import SiteHosts, TrapGuard, strip_session
from crawler.hygiene import canonical as canonical_url
from crawler.items import AttachmentCheck, DepartmentItem, PageItem

# Not pages: media and assets (attachments are recorded, not followed, see extract.model).
SKIP_EXTENSIONS = {"." + ext for ext in IGNORED_EXTENSIONS} - {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar"}


def canonical(url: str) -> str:
    return canonical_url(url)


def split_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(
        self,
        start_url: str = "",
        extra_urls: Any = None,
        allowed_hosts: Any = None,
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
        # the given hosts, and every sub-domain of the portal's own domain (departments on jyj.<district>.gov.cn)
        self.allowed_hosts = SiteHosts(hosts, [start_url])
        self._max_pages = int(max_pages) if max_pages else None
        self._max_depth = int(max_depth) if max_depth else None
        # JSON list of {"name","root_url"} given by configuration
        self.configured_departments = json.loads(departments) if departments else []
        self.seen: set[str] = set()
        self.truncated = False
        self.render = str(render).lower() in ("1", "true", "yes")
        self.probed: set[str] = set()

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """The ``GOVAUDIT_*`` defaults of ``crawler.settings`` (their one home) under any settings: a crawl
        that loads the project's settings keeps them, one that does not (a test's crawler) still has them."""
        super().update_settings(settings)
        for name, value in vars(crawler_settings).items():
            if name.startswith("GOVAUDIT_"):
                settings.set(name, value, priority="default")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PortalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_pages = spider._max_pages or settings.getint("GOVAUDIT_MAX_PAGES")
        spider.max_depth = spider._max_depth if spider._max_depth is not None else settings.getint("GOVAUDIT_MAX_DEPTH")
        spider.text_limit = settings.getint("GOVAUDIT_TEXT_LIMIT")
        spider.max_attachments = settings.getint("GOVAUDIT_MAX_ATTACHMENTS")
        spider.traps = TrapGuard(settings.getint("GOVAUDIT_MAX_QUERY_VARIANTS"),
                                 settings.getint("GOVAUDIT_MAX_URL_LENGTH"))
        spider.render = spider.render or settings.getbool("GOVAUDIT_RENDER")
        crawler.signals.connect(spider.stop_probe_body, signal=signals.bytes_received)
        return spider

    def stop_probe_body(self, data: bytes, request: scrapy.Request, spider: Any) -> None:
        """An attachment probe needs headers and the first bytes, never the whole file."""
        if request.meta.get("govaudit_probe"):
            raise StopDownload(fail=False)

    async def start(self) -> AsyncIterator[Any]:
        for dept in self.configured_departments:
            yield DepartmentItem(name=dept["name"], root_url=dept["root_url"], source="config")
        for url in [self.start_url, *self.extra_urls]:
            request = self.request_for(url, depth=0, referer="", anchor="")
            if request is not None:
                yield request
        for dept in self.configured_departments:  # a configured unit is visited even if no page links to it
            if self.is_own(dept["root_url"]):
                request = self.request_for(dept["root_url"], depth=1, referer="", anchor=dept["name"])
                if request is not None:
                    yield request

    # -- requests ---------------------------------------------------------------------------------

    def request_for(
        self, url: str, *, depth: int, referer: str, anchor: str, key: str = "", **extra: Any
    ) -> scrapy.Request | None:
        url = strip_session(url)  # the server gives a fresh session if it wants one
        key = key or canonical(url)
        if key in self.seen:
            return None
        if not extra.get("dataproxy") and not self.traps.allows(key):
            self.crawler.stats.inc_value("govaudit/trap_refused")  # the link stays in `links`: unknown, not missing
            return None
        if len(self.seen) >= self.max_pages or depth > self.max_depth:
            self.truncated = True  # the link stays in `links`; checks see it was not crawled
            return None
        self.seen.add(key)
        meta = {"ga_depth": depth, "key": key, "referer": referer, "anchor": anchor, "t0": time.monotonic(), **extra}
        form = extra.get("form")
        if form is not None:
            return scrapy.FormRequest(url, formdata=form, callback=self.parse, errback=self.on_error, meta=meta,
                                      dont_filter=True)
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.on_error,
            meta=meta,
            dont_filter=True,  # deduplicated above, on the canonical URL
        )

    def dataproxy_request(self, pr: ProxyRequest, jpage: JPage, meta: dict[str, Any], page: PageExtract,
                          list_url: str) -> scrapy.Request | None:
        """One record range of a Hanweb list: stored as a page of the list (same depth, same column)."""
        # the records belong to the list page: its column, title, meta tags and footer apply to them
        column = {"name": page.column_name, "path": page.column_path, "source": page.column_source,
                  "title": page.title, "meta": page.meta, "identity": asdict(page.identity)}
        return self.request_for(pr.url, depth=meta["ga_depth"], referer=list_url, anchor=meta["anchor"],
                                key=canonical(pr.key), dataproxy=True, form=pr.form, jpage=jpage.__dict__,
                                list_url=list_url, column=column, records=(pr.start, pr.end))

    def render_request(self, response: Response) -> scrapy.Request:
        """The same page again, through the browser (scrapy-playwright), once."""
        meta = {k: response.meta[k] for k in ("ga_depth", "key", "referer", "anchor") if k in response.meta}
        meta.update(playwright=True, rendered=True, t0=time.monotonic(),
                    playwright_page_goto_kwargs={"wait_until": "networkidle", "timeout": 30_000})
        return scrapy.Request(response.request.url, callback=self.parse, errback=self.on_error, meta=meta,
                              dont_filter=True)

    def probe_request(self, url: str, page_url: str, *, ranged: bool = False) -> scrapy.Request:
        headers = {"Range": probe.RANGE} if ranged else {}
        return scrapy.Request(url, method="GET" if ranged else "HEAD", headers=headers, callback=self.on_probe,
                              errback=self.on_probe_error, dont_filter=True,
                              meta={"govaudit_probe": True, "page_url": page_url, "ranged": ranged,
                                    "handle_httpstatus_all": True})

    def attachment_probes(self, page: PageExtract, page_url: str) -> Iterator[scrapy.Request]:
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
            yield self.probe_request(link.url, page_url)

    def audit_date(self) -> date | None:
        """The run's as-of date (the pipeline puts it in the stats), else GOVAUDIT_AS_OF; None: today."""
        value = self.crawler.stats.get_value("govaudit/as_of") or self.crawler.settings.get("GOVAUDIT_AS_OF")
        try:
            return date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and (parts.hostname or "").lower() in self.allowed_hosts

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
        meta = response.meta
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        base = {"final_url": response.url, "status": response.status, "content_type": content_type}
        if meta.get("dataproxy") and response.status < 400 and not looks_blocked(response.status, response.body):
            yield from self.parse_dataproxy(response, meta, base)
            return
        if looks_blocked(response.status, response.body):
            yield PageItem(page=self.page_row(meta, **base, fetch_state=store.FETCH_BLOCKED, error="blocked"))
            return
        if response.status >= 400:
            state = store.FETCH_HTTP_ERROR
            yield PageItem(page=self.page_row(meta, **base, fetch_state=state, error=f"HTTP {response.status}"))
            return
        if not isinstance(response, TextResponse) and "html" not in content_type.lower():
            yield PageItem(page=self.page_row(meta, **base, fetch_state=store.FETCH_OK, page_kind="other"))
            return
        html, _encoding = decode_html(response.body, content_type)
        page = extract_page(html, response.url, today=self.audit_date())
        if page.script_rendered and self.render and not meta.get("rendered"):
            yield self.render_request(response)  # stored once, from the rendered DOM
            return
        add_entry_links(page)
        jpage = find_jpage(html, response.url)
        ranges = proxy_requests(jpage) if jpage else []
        yield self.page_item(meta, base, page, extra_pager=[canonical(pr.key) for pr in ranges])
        yield from self.discover_departments(response.url, page, meta["anchor"])
        for pr in ranges:
            request = self.dataproxy_request(pr, jpage, meta, page, meta["key"])
            if request is not None:
                yield request
        yield from self.follow(page, meta)
        yield from self.attachment_probes(page, meta["key"])

    def follow(self, page: PageExtract, meta: dict[str, Any]) -> Iterator[scrapy.Request]:
        """Pages of the same list first, at the list's depth (a depth limit never cuts a list), then links."""
        for url in page.next_pages:
            if self.is_own(url):
                request = self.request_for(url, depth=meta["ga_depth"], referer=meta["key"], anchor=meta["anchor"])
                if request is not None:
                    yield request
        for link in page.links:
            # a search form's action is not fetched: without its parameters it often answers 400/405/500
            if link.is_attachment or link.is_form or not self.is_own(link.url):
                continue
            if any(urlsplit(link.url).path.lower().endswith(ext) for ext in SKIP_EXTENSIONS):
                continue
            request = self.request_for(link.url, depth=meta["ga_depth"] + 1, referer=meta["key"], anchor=link.anchor)
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
        yield from self.attachment_probes(page, list_url)

    def on_probe(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        if not meta["ranged"] and response.status in probe.HEAD_REFUSED:
            yield self.probe_request(response.request.url, meta["page_url"], ranged=True)
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
        reason = str(failure.value) if failure.check(IgnoreRequest) else f"{failure.type.__name__}: {failure.getErrorMessage()}"
        yield AttachmentCheck(url=canonical(request.url), status=None, size=None, content_type="", error=reason[:300],
                              method="GET-range" if request.meta.get("ranged") else "HEAD", final_url=request.url)

    def page_item(self, meta: dict[str, Any], base: dict[str, Any], page: PageExtract,
                  extra_pager: list[str] | None = None) -> PageItem:
        url = meta["key"]
        row = self.page_row(
            meta,
            **base,
            fetch_state=store.FETCH_OK,
            error="",
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
        request = failure.request
        meta = request.meta
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
