"""Facts: what one crawl stored, loaded from the audit database, with the look-ups checks share.

The central idea is *coverage*: a check may say something is missing only where the crawl saw every
page that could hold it. Anything the crawl could not see (failed, blocked, robots, not reached
because of a limit, drawn by script) turns "missing" into UNKNOWN, with the reason.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database
from w3lib.url import canonicalize_url

from checks.graph import Link, LinkGraph
from checks.units import unit_matches
from crawler import store
from crawler.extract.blocking import CHALLENGE_NOT_PASSED, CHALLENGE_NOT_TRIED
from crawler.extract.model import PARSE_CUT
from crawler.hygiene import SiteHosts

FAILED_STATES_ZH = {
    "http_error": "HTTP 错误",
    "blocked": "被防火墙拦截",
    "timeout": "请求超时",
    "robots": "robots.txt 禁止抓取",
    "error": "无法连接",
    "skipped": "未抓取",
}


GONE = (404, 410)  # a page that answers "not here" has been seen: it holds nothing
COLUMN_ANCHOR_MAX = 12  # a link text longer than this names a document, not a column
HOLLOW_TEXT_CHARS = 20  # default of coverage.hollow_text_chars
# a link to another page of the same list: 下一页, 尾页, page numbers, index_2.html, ?page=3
PAGER_ANCHOR_RE = re.compile(r"^(?:下一?页|上一?页|后一?页|前一?页|尾页|末页|最后一?页|第?\d{1,4}页?|[<>«»‹›]{1,2}|next|prev(?:ious)?|last)$",
                             re.IGNORECASE)
PAGER_URL_RE = re.compile(r"(?:index|list|default|more)_\d+\.\w+$|[?&](?:page|pageno|pagenum|pageindex|curpage)=\d+",
                          re.IGNORECASE)
# Words a short column synonym hides in when it straddles two of them, so that the text holds it but the name
# does not mean it: 民政 in 人民|政府, 市政 in 市|政府, 人事 in 个人|事项, 公安 in 办公|安全, 统计 in 系统|计划,
# 就业 in 成就|业绩, 治安 in 政治|安全, 年报 in 半年|报. A match overlapping one of these words without
# containing it is not a match.
BINDING_WORDS = ("人民", "政府", "个人", "办公", "成就", "系统", "政治", "城市", "半年")


class SeenDate:
    """A date a page gives (pages.dates): read as the stored dict was, ``d["date"]``, ``d.get("source")``."""

    __slots__ = ("date", "source", "raw")

    def __init__(self, value: dict[str, Any], share: Callable[[str], str] = str) -> None:
        self.date = share(str(value.get("date") or ""))
        self.source = share(str(value.get("source") or ""))
        self.raw = share(str(value.get("raw") or ""))

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in self.__slots__ else default

    def __getitem__(self, key: str) -> str:
        if key not in self.__slots__:
            raise KeyError(key)
        return getattr(self, key)


@dataclass(slots=True)
class Page:
    url: str
    fetch_state: str
    status: int | None
    error: str
    title: str
    column_name: str
    column_path: list[str]
    department: str
    pub_date: date | None
    page_kind: str
    empty_list: bool
    script_rendered: bool
    depth: int
    referer: str
    anchor: str
    pager: tuple[str, ...]
    identity: dict[str, Any] | None = None  # None: the crawl stored no footer identity for the page
    meta: Mapping[str, Any] | None = None  # None: the crawl stored no meta tags (not an HTML page, or older crawl)
    dates: tuple[SeenDate, ...] = ()  # as stored: {"date", "source", "raw"} each
    elapsed_ms: int | None = None
    fetched: date | None = None  # the day the page was fetched (pages.fetched_at): no date it gives is later
    shown_date: date | None = None  # the publication date the page shows (发布日期：…), and its source
    shown_source: str = ""
    meta_date: date | None = None  # the one its meta tags say (often the CMS's generation time)
    meta_source: str = ""
    content_type: str = ""
    date_notes: tuple[str, ...] = ()  # how its date was read: conflicts, dates not taken
    # the visible text, read from the database when a check first asks (most pages' text is never read)
    loaded_text: str | None = None
    text_source: Callable[[str], str] | None = None

    @property
    def text(self) -> str:
        if self.loaded_text is None:
            self.loaded_text = self.text_source(self.url) if self.text_source is not None else ""
        return self.loaded_text

    @property
    def ok(self) -> bool:
        return self.fetch_state == "ok"

    def failure(self) -> str:
        """Why the page could not be read, in Chinese."""
        what = FAILED_STATES_ZH.get(self.fetch_state, self.fetch_state)
        if self.status and self.fetch_state in ("http_error", "blocked"):
            what += f"（HTTP {self.status}）"
        if self.fetch_state == "blocked" and self.error.startswith(CHALLENGE_NOT_PASSED):
            what += "：脚本验证页，浏览器中也未通过验证"
        elif self.fetch_state == "blocked" and self.error == CHALLENGE_NOT_TRIED:
            what += "：脚本验证页，可加 --render 由浏览器通过脚本验证后重试"
        return f"{self.url} {what}"


@dataclass(slots=True)
class Entry:
    list_url: str
    url: str
    title: str
    date: date | None
    block: str
    column_name: str
    department: str
    date_raw: str = ""
    # where the date's year comes from: list | url_year | as_of (inferred from the audit date: 推定) | page (the
    # entry's own page, read in place of an inferred year) | "" (no date)
    date_source: str = ""
    url_date: str = ""  # the date the entry's URL carries (ISO day or YYYY-MM)
    date_conflict: bool = False  # the list's date and the URL's disagree
    date_note: str = ""  # how the date was read, where a reader must know it (推定, a conflict, a date not taken)
    date_dropped: bool = False  # the list showed a date that cannot be its publication date (after the fetch)

    @property
    def inferred(self) -> bool:
        """The date's year was inferred from the audit date (the list shows a month and day only): 推定."""
        return self.date_source == "as_of" and self.date is not None


@dataclass(slots=True)
class Doc:
    """A document seen on the site: a list entry, an article page or an attachment link."""

    title: str
    url: str
    where: str  # the page that shows it
    dates: list[date]  # dates read from the site (a year inferred from the audit date is not one of them)
    department: str
    columns: list[str] = field(default_factory=list)  # the column names of the lists showing it, innermost first
    inferred: list[date] = field(default_factory=list)  # dates whose year was inferred (推定): notes only
    notes: list[str] = field(default_factory=list)  # how its dates were read (推定, conflicts)


@dataclass
class Located:
    """Where a column was looked for and what stands in the way of saying it is absent."""

    pages: list[Page] = field(default_factory=list)  # fetched pages of the column (and its sub-columns)
    links: list[Link] = field(default_factory=list)  # links whose text names the column (offsite ones included)
    blockers: list[str] = field(default_factory=list)  # reasons the column could not be fully seen
    offsite: list[Link] = field(default_factory=list)  # links naming the column that lead to another host

    @property
    def found(self) -> bool:
        return bool(self.pages or self.links)

    @property
    def url(self) -> str:
        return self.list_url()

    def list_url(self, department: str | None = None) -> str:
        """The column's own list page where there is one (the unit's, the shallowest), not an article filed
        under it; else the first link naming it."""
        if self.pages:
            fetched = [p for p in self.pages if p.ok] or self.pages
            return min(fetched, key=lambda p: (department is not None and p.department != department,
                                               p.page_kind != "list", len(p.column_path), p.depth, p.url)).url
        return self.links[0].to_url if self.links else ""


@lru_cache(maxsize=65536)  # the same days recur on thousands of pages and entries: one object each
def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (ValueError, TypeError):
        return None


def _json(value: str | None, default: Any) -> Any:
    try:
        return json.loads(value) if value else default
    except ValueError:
        return default


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _read_page_dates(page: Page) -> None:
    """A page's publication date is the one it shows under a label (meta PubDate is often the CMS's generation
    time; crawls stored before the extractor chose so are read the same way); no date later than the page's fetch
    is taken, and the dates it gives that disagree are noted."""
    if page.shown_date is not None and page.shown_source.startswith("label:"):  # as crawler.extract.page chooses
        page.pub_date = page.shown_date
    if page.fetched is not None:
        later = [d for d in page.dates if (_date(d.get("date")) or date.min) > page.fetched]
        if later:
            page.dates = tuple(d for d in page.dates if d not in later)
            page.date_notes += (f"{page.url} 的日期 {'、'.join(sorted({d['date'] for d in later}))} 晚于抓取日期 "
                                f"{page.fetched.isoformat()}，不作为发布日期",)
        if page.pub_date is not None and page.pub_date > page.fetched:
            page.pub_date = page.meta_date if page.meta_date and page.meta_date <= page.fetched else None
    if page.shown_date and page.meta_date and page.shown_date != page.meta_date:
        page.date_notes += (f"{page.url} 页面显示的发布日期为 {page.shown_date.isoformat()}，元数据（{page.meta_source or 'PubDate'}）"
                            f"为 {page.meta_date.isoformat()}，以页面显示为准",)


def _day(value: str | None) -> date | None:
    """The day of an ISO date or timestamp (pages.fetched_at)."""
    return _date(value[:10]) if value else None


def names_pattern(names: list[str]) -> re.Pattern[str]:
    """Any of the names anywhere in a text (document titles). Column names: :class:`NameMatcher`."""
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def stands_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word of the text, not part of longer words it straddles.

    Latin and digit names (12345) need no letter or digit beside them; a Chinese name must not overlap one of
    :data:`BINDING_WORDS` without containing it (民政 in 人民政府 overlaps 人民 and 政府: no word there)."""
    name = text[start:end]
    if not any(_is_cjk(c) for c in name):
        def latin(c: str) -> bool:
            return c.isascii() and c.isalnum()
        return not ((start and latin(text[start - 1])) or (end < len(text) and latin(text[end])))
    for word in BINDING_WORDS:
        if word in name:
            continue
        at = text.find(word, max(0, start - len(word) + 1))
        while 0 <= at < end:
            if at + len(word) > start:  # overlaps the name without containing it
                return False
            at = text.find(word, at + 1)
    return True


class NameMatcher:
    """Whether a column name (or a link's text) names one of the given columns: the synonym must stand alone
    as a word (:func:`stands_alone`), so 民政 names 民政局 and 区民政救助 but not 测试区人民政府."""

    def __init__(self, names: list[str]) -> None:
        self.names = sorted({n for n in names if n}, key=len, reverse=True)

    def search(self, text: str) -> str | None:
        """The first synonym that stands alone in ``text`` (longest first), or None."""
        for name in self.names:
            at = text.find(name)
            while at >= 0:
                if stands_alone(text, at, at + len(name)):
                    return name
                at = text.find(name, at + 1)
        return None


KEEP_TEXT_CHARS = 200  # a page's text this short is kept as loaded; a longer one is read again when a check asks


class MetaTags(Mapping):
    """A page's meta tags (pages.meta), read-only and small: the pages that carry the same tags share the tuple of
    their names, and equal values are one object (SiteName, ColumnName … repeat on every page)."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: tuple[str, ...], values: tuple[Any, ...]) -> None:
        self._names, self._values = names, values

    def __getitem__(self, key: str) -> Any:
        try:
            return self._values[self._names.index(key)]
        except ValueError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _shared_meta(meta: Any, share: Callable[[str], str], names: Callable[[tuple[str, ...]], tuple[str, ...]]) -> Any:
    if not isinstance(meta, dict):
        return meta
    return MetaTags(names(tuple(str(k) for k in meta)), tuple(share(v) if isinstance(v, str) else v for v in meta.values()))


class _Shared(dict):
    """Equal values as one object (a URL is a page's, its entries', its links', its pager's)."""

    def __call__(self, value: Any) -> Any:
        return self.setdefault(value, value)


class _PageLinks:
    """``facts.links_from.get(url, [])``: a page's links (or search forms), each naming its page."""

    def __init__(self, graph: LinkGraph, *, forms: bool) -> None:
        self.graph, self.forms = graph, forms

    def get(self, url: str, default: Any = None) -> list[Link]:
        return self.graph.of(url, forms=self.forms) or (default if default is not None else [])

    def __getitem__(self, url: str) -> list[Link]:
        return self.graph.of(url, forms=self.forms)


class Facts:
    def __init__(self, db: Database, run_id: int, profile: dict[str, Any]) -> None:
        self.db = db  # checks that compare audits (checks.integrity) read the earlier runs
        self.profile = profile
        self.run = db["runs"].get(run_id)
        self.run_id = run_id
        self.as_of = date.fromisoformat(self.run["as_of"])
        self.truncated = bool(self.run["truncated"])
        self.pages: dict[str, Page] = {}
        share = _Shared()  # a URL or a title the pages, entries and links repeat is held once
        paths: dict[str | None, list[str]] = {}  # the pages of a column share its path (read-only)
        tag_names = _Shared()  # the pages carrying the same meta tags share the tuple of their names
        pagers = _Shared()  # the pages of a list often show the same pager
        dates_seen: dict[tuple[str, str, str], SeenDate] = {}
        text_source = self._page_text

        def seen_date(value: dict[str, Any]) -> SeenDate:
            found = SeenDate(value, share)
            return dates_seen.setdefault((found.date, found.source, found.raw), found)

        identities: dict[str, Any] = {}  # the footer most pages share: one object for all of them (read-only)
        for r in db.query("select * from pages where run_id = ?", [run_id]):
            store.unpack_page(r)
            identity = r.get("identity")
            if identity and identity not in identities and len(identities) < 1000:
                identities[identity] = _json(identity, None)
            self.pages[r["url"]] = Page(
                url=share(r["url"]),
                fetch_state=share(r["fetch_state"] or "error"),
                status=r["status"],
                error=r["error"] or "",
                title=share(r["title"] or ""),
                column_name=sys.intern(r["column_name"] or ""),
                column_path=paths.get(r["column_path"]) or paths.setdefault(
                    r["column_path"], [sys.intern(c) for c in json.loads(r["column_path"] or "[]")]),
                department=sys.intern(r["department"] or ""),
                pub_date=_date(r["pub_date"]),
                page_kind=sys.intern(r["page_kind"] or "other"),
                empty_list=bool(r["empty_list"]),
                script_rendered=bool(r["script_rendered"]),
                depth=r["depth"] or 0,
                referer=share(r["referer"] or ""),
                anchor=share(r["anchor"] or ""),
                pager=pagers(tuple(share(u) for u in json.loads(r["pager"] or "[]"))),
                identity=identities[identity] if identity in identities else _json(identity, None),
                meta=_shared_meta(_json(r.get("meta"), None), share, tag_names),
                dates=tuple(seen_date(d) for d in _json(r.get("dates"), []) if isinstance(d, dict)),
                elapsed_ms=r.get("elapsed_ms"),
                fetched=_day(r.get("fetched_at")),
                shown_date=_date(r.get("shown_date")),
                shown_source=r.get("shown_date_source") or "",
                meta_date=_date(r.get("meta_date")),
                meta_source=r.get("meta_date_source") or "",
                content_type=sys.intern(r.get("content_type") or ""),
                loaded_text=r["text"] if r.get("text") and len(r["text"]) <= KEEP_TEXT_CHARS else None,
                text_source=text_source,
            )
        # the link graph as stored: each page's navigation once (checks.graph); a search form's action (kind "form",
        # never fetched) shows a search box and nothing else: kept apart, so no check takes it for a page, a column or a
        # broken link
        self.graph = LinkGraph(db, run_id, list(self.pages), share)
        self.links_from = _PageLinks(self.graph, forms=False)
        self.forms_from = _PageLinks(self.graph, forms=True)
        self._units: dict[str, list[Page]] | None = None
        self._by_column: dict[str, list[Page]] | None = None
        self._area_blockers: dict[str, list[str]] = {}
        self.memo: dict[str, Any] = {}  # what a check computes once per audit over all documents (checks.fiscal …)
        for page in self.pages.values():
            _read_page_dates(page)
        self.entries = [
            Entry(share(r["list_url"]), share(r["url"]), share(r["title"] or ""), _date(r["date"]),
                  share(r["block"] or ""), share(r["column_name"] or ""), share(r["department"] or ""),
                  date_raw=r.get("date_raw") or "",
                  date_source=r.get("date_source") or "", url_date=r.get("url_date") or "",
                  date_conflict=bool(r.get("date_conflict")))
            for r in db.query("select * from entries where run_id = ?", [run_id])
        ]
        for e in self.entries:
            self._read_entry_date(e)
        self.entry_urls = {e.url for e in self.entries}
        self.entries_by_list: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            self.entries_by_list[e.list_url].append(e)
        self.attachments = list(db.query("select * from attachments where run_id = ?", [run_id]))
        # columns as the database has them: a check whose data comes from a later migration answers UNKNOWN
        self.table_columns = {t: set(db[t].columns_dict) for t in db.table_names()}
        # URLs a limit kept from being fetched, split by the audit order (crawler.priority): those of the classes
        # that decide the verdict, and the rest (further pages of other columns, articles beyond the sample).
        # None: the crawl recorded no discoveries (stored before the audit order), so nothing is known of them.
        self.refused_deciding: int | None = None
        self.refused_rest = 0
        if "discoveries" in self.table_columns:
            total, deciding, rest = db.execute(
                "select count(*), coalesce(sum(state != 'fetched' and class != 'rest'), 0), "
                "coalesce(sum(state != 'fetched' and class = 'rest'), 0) from discoveries where run_id = ?",
                [run_id]).fetchone()
            if total:
                self.refused_deciding, self.refused_rest = deciding, rest
        self.departments: list[tuple[str, str]] = sorted(
            {(r["name"], r["root_url"]) for r in db.query("select name, root_url from departments where run_id = ?", [run_id])}
        )
        self.department_names = sorted({name for name, _ in self.departments})
        self.home_url = canonicalize_url(self.run["start_url"], keep_fragments=False)
        settings = _json(self.run.get("settings"), {})
        start_hosts = [urlsplit(u).hostname or "" for u in [self.run["start_url"], *settings.get("extra_urls", [])]]
        # the hosts this crawl visited, and the names the portal gives itself (SiteDomain): a link to either that
        # was not followed hides part of the site
        hosts, exact = settings.get("allowed_hosts") or start_hosts, bool(settings.get("exact_hosts"))
        self.site_hosts = SiteHosts(hosts, [] if exact else [self.run["start_url"]], variants=not exact)
        # the site's own spellings, visited or not (--exact-hosts visits the given hosts only)
        self.own_hosts = SiteHosts(hosts, [self.run["start_url"]])
        declared = [d for p in self.pages.values() if p.ok and (d := (p.meta or {}).get("SiteDomain", ""))]
        declared_hosts = {urlsplit(d if "//" in d else f"//{d}").hostname or "" for d in declared[:50]}
        self.declared_hosts = SiteHosts(declared_hosts, [f"http://{h}/" for h in declared_hosts if h])
        self.hollow_chars = int(profile.get("coverage", {}).get("hollow_text_chars", HOLLOW_TEXT_CHARS))
        self._attribute_by_breadcrumb()

    def _read_entry_date(self, e: Entry) -> None:
        """An entry's date as the site gives it. A month-day whose year was inferred from the audit date (as_of)
        gives way to the date its own page shows; else it stays, marked 推定, and moves back a year while it
        would be later than the list's fetch. Any other date later than that fetch is not a publication date."""
        listing = self.pages.get(e.list_url)
        fetched = listing.fetched if listing is not None else None
        article = self.pages.get(e.url)
        own = article.pub_date if article is not None and article.ok else None
        if e.date is None:
            return
        if e.date_source == "as_of":
            if own is not None:
                e.date_note = f"“{e.title}”：列表仅显示月日“{e.date_raw or e.date.strftime('%m-%d')}”，日期取自其页面 {own.isoformat()}"
                e.date, e.date_source = own, "page"
                return
            while fetched is not None and e.date > fetched:
                e.date = _year_before(e.date)
            e.date_note = (f"“{e.title}”：列表仅显示月日“{e.date_raw or e.date.strftime('%m-%d')}”，"
                           f"年份按审计日期推定为 {e.date.isoformat()}（推定）")
        elif fetched is not None and e.date > fetched:
            e.date_note = f"“{e.title}”：列表日期 {e.date.isoformat()} 晚于该列表的抓取日期 {fetched.isoformat()}，不作为发布日期"
            e.date, e.date_dropped = None, True
        elif e.date_conflict and e.url_date:
            e.date_note = f"“{e.title}”：列表日期 {e.date.isoformat()}，网址中的日期 {e.url_date}，两者不一致"

    def _attribute_by_breadcrumb(self) -> None:
        """A page the crawl gave to no unit belongs to the department its breadcrumb passes through.

        The crawl gives a page to the department whose folder holds it; CMSs such as Hanweb keep a department's
        columns and documents outside that folder (``/col/colN/``, ``/art/…``), but their breadcrumb still reads
        首页 > 部门信息公开 > 区住建局 > 政府信息公开年报. List entries follow their list page.
        """
        if not self.department_names:
            return
        region = self.profile.get("region", "")
        owners: dict[str, str] = {}

        def owner(item: str) -> str:
            if item not in owners:
                owners[item] = next((d for d in self.department_names if unit_matches(item, d, region)), "")
            return owners[item]

        for page in self.pages.values():
            if page.department:
                continue
            named = {owner(item) for item in page.column_path} - {""}
            if len(named) == 1:
                page.department = named.pop()
        for entry in self.entries:
            page = self.pages.get(entry.list_url)
            if not entry.department and page is not None and page.department:
                entry.department = page.department

    def _page_text(self, url: str) -> str:
        row = next(self.db.query("select text, packed from pages where run_id = ? and url = ?", [self.run_id, url]),
                   None)
        return (store.unpack_page(row).get("text") or "") if row is not None else ""

    # -- basic look-ups -------------------------------------------------------------------------

    @property
    def home(self) -> Page | None:
        return self.pages.get(self.home_url)

    def unit_pages(self, department: str) -> list[Page]:
        if self._units is None:
            self._units = defaultdict(list)
            for p in self.pages.values():
                self._units[p.department].append(p)
        return list(self._units.get(department, []))

    def unit_label(self, department: str) -> str:
        return department or (self.run["site_name"] or "本级政府")

    # -- coverage ---------------------------------------------------------------------------------

    def unseen(self, pages: list[Page], department: str | None = None) -> list[str]:
        """Pages of this set, or pages it links to, that the crawl could not read.

        Articles that a list already names (their titles are known) do not count: a broken article
        does not hide which documents the list holds. Nor do 404/410 answers: those were seen, and
        hold nothing; nor pages robots.txt forbids whose path shows they hold no published information
        (the profile's ``coverage.robots_ignorable_paths``: back offices, log-ins). With ``department``
        given, pages of other units do not count either. A list's pager pages that were never fetched (another
        host, a limit) count, and so do links to the site's own names on a host the crawl did not visit (the
        portal's domain written absolutely while it is audited under another name) and pager links offsite.
        """
        reasons: list[str] = []
        done = bytearray(len(self.graph.chunks))  # chunks looked at (one byte each: a portal has many)
        hiding_in: dict[int, list[Link]] = {}  # the offsite links of those chunks that hide part of a page
        for page in pages:
            if not page.ok:
                if self.hides(page):
                    reasons.append(page.failure())
                continue
            if page.script_rendered:
                reasons.append(f"{page.url} 的列表由脚本生成，静态页面中没有内容")
            if page.error.startswith(PARSE_CUT):  # read in part: what lies beyond the cut was not seen
                reasons.append(f"{page.url} {page.error}，其余部分未读取")
            if self.hollow(page):
                reasons.append(self.hollow_reason(page))
            for url in page.pager:
                if url not in self.pages:
                    reasons.append(f"{url}（{page.url} 的翻页）未抓取{self.host_reason(url)}")
            for chunk in self.graph.page_chunks.get(page.url, ()):
                if not done[chunk]:
                    done[chunk] = 1
                    if hiding := self._chunk_unseen(chunk, department, reasons):
                        hiding_in[chunk] = hiding
                for link in hiding_in.get(chunk, ()):  # a link offsite that hides part of this page
                    reasons.append(self.offsite_hides(link, page))
        return sorted(set(reasons))

    def _chunk_unseen(self, chunk: int, department: str | None, reasons: list[str]) -> list[Link]:
        """What the links of one chunk (checks.graph) keep from being seen: reasons that hold for any page showing
        it are added to ``reasons``; the links to another host that hide part of the page are returned."""
        hiding = []
        for link in self.graph.chunks[chunk]:
            if link.kind == "external":
                if self._offsite_pager(link) is not None:
                    hiding.append(link)
                continue
            if link.kind != "page" or link.to_url in self.entry_urls:
                continue
            target = self.pages.get(link.to_url)
            if target is not None and department is not None and target.department != department:
                continue
            if target is None:
                reasons.append(f"{link.to_url} 未抓取（抓取上限或防陷阱规则所致）")
            elif not target.ok and self.hides(target):
                reasons.append(target.failure())
            elif target.ok and self.hollow(target):
                reasons.append(self.hollow_reason(target))
        return hiding

    def host_reason(self, url: str) -> str:
        """Why a URL on another host was not crawled ("" for one on a host this crawl visits)."""
        host = (urlsplit(url).hostname or "").lower()
        if not host or host in self.site_hosts:
            return ""
        if self.own_hosts.same_site(host) or self.declared_hosts.same_site(host):
            return f"：位于本站自身域名的另一写法 {host}，本次审计的主机为 {urlsplit(self.home_url).hostname}，未跟随"
        return f"：位于其他主机 {host}，未抓取"

    def _offsite_pager(self, link: Link) -> bool | None:
        """Whether a link to another host hides part of the page showing it: True for a pager link, False for a
        link to one of the site's own names (SiteDomain, www./bare, http/https) the crawl did not visit; None when it
        hides nothing."""
        host = (urlsplit(link.to_url).hostname or "").lower()
        own = self.own_hosts.same_site(host) or self.declared_hosts.same_site(host)
        pager = bool(PAGER_ANCHOR_RE.match(link.anchor.strip()) or PAGER_URL_RE.search(link.to_url))
        if not (own or pager) or link.to_url in self.entry_urls:
            return None
        return pager

    def offsite_hides(self, link: Link, page: Page) -> str:
        """Why a link to another host hides part of ``page``'s column ("" when it does not): see
        :meth:`_offsite_pager`."""
        pager = self._offsite_pager(link)
        if pager is None:
            return ""
        what = "的翻页" if pager else f"中的链接“{link.anchor}”" if link.anchor else "中的链接"
        return f"{link.to_url}（{page.url} {what}）未抓取{self.host_reason(link.to_url)}"

    def hollow(self, page: Page) -> bool:
        """A fetched HTML page a reader sees nothing on: no text, no link (a script redirect that was not
        followed, a frame or a body written by script)."""
        if not page.ok or page.page_kind != "other" or self.graph.has_any(page.url):
            return False
        if page.content_type and "html" not in page.content_type.lower():
            return False
        return len(re.sub(r"\s+", "", page.text)) < self.hollow_chars

    def hollow_reason(self, page: Page) -> str:
        return f"{page.url} 没有可读内容（可能由脚本跳转或载入，跳转未能跟随），无法查看"

    def hides(self, page: Page) -> bool:
        """Whether a page the crawl could not read may hide published information."""
        if page.ok or page.status in GONE:
            return False
        if page.fetch_state == "robots":
            path = urlsplit(page.url).path or "/"
            return not any(re.search(p, path) for p in self.profile.get("coverage", {}).get("robots_ignorable_paths", []))
        return True

    def column_pages(self, names: list[str], department: str | None) -> list[Page]:
        """Fetched pages of a column (by its name, or a parent in the column path, as a word: see
        :class:`NameMatcher`) and their pager pages (fetched or not, so a failed page of a list is seen)."""
        matcher = NameMatcher(names)
        named = {n for n in self.by_column_name if matcher.search(n)}
        found = {
            p.url: p
            for p in sorted({id(p): p for n in named for p in self.by_column_name[n]}.values(),
                            key=lambda p: self.graph.rank[p.url])
            if (department is None or p.department == department) and p.ok
        }
        queue = [u for p in list(found.values()) for u in p.pager]
        while queue:
            url = queue.pop()
            if url in found:
                continue
            page = self.pages.get(url)
            if page is None:
                continue  # never fetched: :meth:`unseen` says so
            found[url] = page
            queue.extend(page.pager)
        return list(found.values())

    @property
    def by_column_name(self) -> dict[str, list[Page]]:
        """Each column name a page has (its own or one of its path), and the pages that have it."""
        if self._by_column is None:
            self._by_column = defaultdict(list)
            for p in self.pages.values():
                for name in {p.column_name, *p.column_path} - {""}:
                    self._by_column[name].append(p)
        return self._by_column

    def _links_naming(self, names: list[str], department: str | None,
                      sources: list[Page] | None) -> list[Link]:
        """The links (to a page on the site or offsite) whose text names the column, shown by one of ``sources``
        (default: the unit's pages, or all pages); each link once, from the first source showing it, in the order
        of the sources and of the links on a page."""
        names = [n for n in names if n]
        if not names:
            return []
        pattern, matcher, graph = names_pattern(names), NameMatcher(names), self.graph
        if sources is not None:
            order = {p.url: i for i, p in enumerate(sources)}
            small = len(order) < 64
        else:
            order, small = None, False

        def accept(url: str) -> bool:
            page = self.pages.get(url)
            return page is not None and (department is None or page.department == department)

        first: dict[tuple[str, str, str], tuple[tuple[int, int, int], Link]] = {}
        for anchor, places in graph.by_anchor.items():
            if not pattern.search(anchor) or not matcher.search(anchor):
                continue
            for chunk, i, link in ((c, i, lk) for c in places for i, lk in enumerate(graph.chunks[c])
                                   if lk.anchor == anchor):
                if link.kind not in ("page", "external"):
                    continue
                if small:
                    pages = [u for u in order if chunk in graph.page_chunks.get(u, ())]
                    url = min(pages, key=order.__getitem__) if pages else None
                else:
                    url = graph.first_page(chunk, accept) if order is None else min(
                        (graph.order[r] for r in graph.chunk_pages[chunk] if graph.order[r] in order),
                        key=order.__getitem__, default=None)
                if url is None:
                    continue
                at = ((order[url] if order is not None else graph.rank[url]),
                      graph.page_chunks[url].index(chunk), i)
                key = (link.to_url, link.anchor, link.kind)
                if key not in first or at < first[key][0]:
                    first[key] = (at, Link(url, link.to_url, link.anchor, link.kind))
        return [link for _, link in sorted(first.values(), key=lambda item: item[0])]

    def locate(self, names: list[str], department: str | None, *, link_sources: list[Page] | None = None,
               columns_only: bool = False) -> Located:
        """Find a column by its names among fetched pages and the link texts of ``link_sources``
        (default: all pages of the unit); record what could not be seen. With ``columns_only``, links to
        listed documents and long link texts (document titles, not column names) do not count. A link naming
        the column that leads to another host counts as found (``offsite``), and as not seen."""
        located = Located(pages=self.column_pages(names, department))
        for link in self._links_naming(names, department, link_sources):
            if columns_only and (len(link.anchor) > COLUMN_ANCHOR_MAX or link.to_url in self.entry_urls):
                continue
            if link.kind == "external":
                located.links.append(link)
                located.offsite.append(link)
                located.blockers.append(f"{link.to_url}（“{link.anchor}”）未抓取{self.host_reason(link.to_url)}")
                continue
            target = self.pages.get(link.to_url)
            if target is not None and department is not None and target.department != department:
                continue  # another unit's column: not this unit's
            located.links.append(link)
            if target is None:
                located.blockers.append(f"{link.to_url}（“{link.anchor}”）未抓取")
            elif not target.ok:
                located.blockers.append(target.failure())
            elif self.hollow(target):
                located.blockers.append(self.hollow_reason(target))
        located.blockers.extend(self.unseen(located.pages, department))
        located.blockers = sorted(set(located.blockers))
        return located

    def fetched_pages(self, located: Located) -> tuple[list[Page], list[str]]:
        """The pages of a located column that were really fetched, and notes on those that were not but hide
        nothing (404/410 answers, robots-ignorable paths, listed articles whose titles the list already gives)."""
        fetched = self.readable(located)
        notes = [f"{p.url}：{FAILED_STATES_ZH.get(p.fetch_state, p.fetch_state)}"
                 + (f"（HTTP {p.status}）" if p.status else "") + "，不影响判定"
                 for p in located.pages if not p.ok]
        listed = {e.url for p in fetched for e in self.entries_by_list.get(p.url, [])}
        unread = sorted(u for u in listed if (t := self.pages.get(u)) is None or not t.ok)
        if unread:
            notes.append(f"列表中 {len(unread)} 条信息的页面未抓取或无法获取（其标题和日期已从列表读出）")
        return fetched, notes

    def readable(self, located: Located) -> list[Page]:
        """The fetched pages of a located column: its own pages, then the pages its links lead to."""
        found: dict[str, Page] = {p.url: p for p in located.pages if p.ok and not self.hollow(p)}
        for link in located.links:
            target = self.pages.get(link.to_url)
            if target is not None and target.ok and not self.hollow(target):
                found.setdefault(target.url, target)
        return list(found.values())

    @property
    def limit_cut_only_rest(self) -> bool:
        """A limit stopped the crawl, but only after every page of the audit order's deciding classes was read:
        what it kept unread is the rest (further pages of columns that hold no required item, articles beyond
        the sample), where no required column or item is looked for."""
        return self.truncated and self.refused_deciding == 0

    def area_blockers(self, department: str) -> list[str]:
        """What the crawl could not see of a unit's pages (department "" = the government's own). A crawl a limit
        stopped blocks a unit-wide absence unless it recorded that the limit cut only the rest."""
        if department not in self._area_blockers:
            reasons = self.unseen(self.unit_pages(department), department)
            if self.truncated and not self.limit_cut_only_rest:
                reasons.append("抓取因页数、深度或时间上限提前停止")
            self._area_blockers[department] = reasons
        return list(self._area_blockers[department])

    def crawl_note(self) -> str:
        """What a unit-wide absence rests on, as to the crawl's limits."""
        if self.limit_cut_only_rest:
            return (f"抓取受上限限制提前停止，但首页、政府信息公开目录树、必查栏目（逐页）、各栏目首页及部门栏目均已全部读取；"
                    f"未读的 {self.refused_rest} 个页面为其他栏目的后续页和抽样以外的文章")
        return "抓取未受上限或错误影响"

    # -- documents --------------------------------------------------------------------------------

    def documents(self) -> list[Doc]:
        """Every titled document the crawl saw: list entries, article pages, attachment links. A date whose year
        was inferred (推定) is kept apart from the dates read (``Doc.inferred``): it never decides alone."""
        if hasattr(self, "_documents"):
            return self._documents
        by_key: dict[tuple[str, str], Doc] = {}
        for e in self.entries:
            article = self.pages.get(e.url)
            dept = article.department if article and article.ok else e.department
            doc = by_key.setdefault((e.title, e.url), Doc(e.title, e.url, e.list_url, [], dept))
            if e.inferred:
                doc.inferred.append(e.date)
            elif e.date:
                doc.dates.append(e.date)
            if article is not None and article.pub_date:
                doc.dates.append(article.pub_date)
            doc.notes += [n for n in [e.date_note, *(article.date_notes if article else [])] if n]
            listing = self.pages.get(e.list_url)
            for name in [e.column_name, *reversed(listing.column_path if listing else [])]:
                if name and name not in doc.columns:
                    doc.columns.append(name)
        for p in self.pages.values():
            if p.ok and p.page_kind == "article" and p.title:
                doc = by_key.setdefault((p.title, p.url), Doc(p.title, p.url, p.url, [], p.department))
                if p.pub_date:
                    doc.dates.append(p.pub_date)
                doc.notes += p.date_notes
        for a in self.attachments:
            page = self.pages.get(a["page_url"])
            dept = page.department if page else ""
            dates = [page.pub_date] if page and page.pub_date else []
            by_key.setdefault((a["anchor"], a["url"]), Doc(a["anchor"] or "", a["url"], a["page_url"], dates, dept))
        for doc in by_key.values():  # read-only from here: tuples (an empty one costs nothing)
            doc.dates = tuple(sorted(set(doc.dates)))
            doc.inferred = tuple(sorted(set(doc.inferred) - set(doc.dates)))
            doc.notes = tuple(dict.fromkeys(doc.notes))
        self._documents = list(by_key.values())
        return self._documents
