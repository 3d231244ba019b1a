"""Facts: what one crawl stored, loaded from the audit database, with the look-ups checks share.

The central idea is *coverage*: a check may say something is missing only where the crawl saw every
page that could hold it. Anything the crawl could not see (failed, blocked, robots, not reached
because of a limit, drawn by script) turns "missing" into UNKNOWN, with the reason.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database
from w3lib.url import canonicalize_url

from checks.units import unit_matches

FAILED_STATES_ZH = {
    "http_error": "HTTP 错误",
    "blocked": "被防火墙拦截",
    "timeout": "请求超时",
    "robots": "robots.txt 禁止抓取",
    "error": "无法连接",
    "skipped": "未抓取",
}


GONE = (404, 410)
COLUMN_ANCHOR_MAX = 12  # a link text longer than this names a document, not a column  # a page that answers "not here" has been seen: it holds nothing


@dataclass
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
    text: str
    depth: int
    referer: str
    anchor: str
    pager: list[str]
    identity: dict[str, Any] | None = None  # None: the crawl stored no footer identity for the page
    meta: dict[str, str] | None = None  # None: the crawl stored no meta tags (not an HTML page, or older crawl)
    dates: list[dict[str, str]] = field(default_factory=list)  # {"date", "source", "raw"}
    elapsed_ms: int | None = None

    @property
    def ok(self) -> bool:
        return self.fetch_state == "ok"

    def failure(self) -> str:
        """Why the page could not be read, in Chinese."""
        what = FAILED_STATES_ZH.get(self.fetch_state, self.fetch_state)
        if self.status and self.fetch_state in ("http_error", "blocked"):
            what += f"（HTTP {self.status}）"
        return f"{self.url} {what}"


@dataclass
class Entry:
    list_url: str
    url: str
    title: str
    date: date | None
    block: str
    column_name: str
    department: str


@dataclass
class Link:
    from_url: str
    to_url: str
    anchor: str
    kind: str


@dataclass
class Doc:
    """A document seen on the site: a list entry, an article page or an attachment link."""

    title: str
    url: str
    where: str  # the page that shows it
    dates: list[date]
    department: str
    columns: list[str] = field(default_factory=list)  # the column names of the lists showing it, innermost first


@dataclass
class Located:
    """Where a column was looked for and what stands in the way of saying it is absent."""

    pages: list[Page] = field(default_factory=list)  # fetched pages of the column (and its sub-columns)
    links: list[Link] = field(default_factory=list)  # links whose text names the column
    blockers: list[str] = field(default_factory=list)  # reasons the column could not be fully seen

    @property
    def found(self) -> bool:
        return bool(self.pages or self.links)

    @property
    def url(self) -> str:
        if self.pages:
            return self.pages[0].url
        return self.links[0].to_url if self.links else ""


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _json(value: str | None, default: Any) -> Any:
    try:
        return json.loads(value) if value else default
    except ValueError:
        return default


def names_pattern(names: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


class Facts:
    def __init__(self, db: Database, run_id: int, profile: dict[str, Any]) -> None:
        self.profile = profile
        self.run = db["runs"].get(run_id)
        self.run_id = run_id
        self.as_of = date.fromisoformat(self.run["as_of"])
        self.truncated = bool(self.run["truncated"])
        self.pages: dict[str, Page] = {}
        for r in db.query("select * from pages where run_id = ?", [run_id]):
            self.pages[r["url"]] = Page(
                url=r["url"],
                fetch_state=r["fetch_state"] or "error",
                status=r["status"],
                error=r["error"] or "",
                title=r["title"] or "",
                column_name=r["column_name"] or "",
                column_path=json.loads(r["column_path"] or "[]"),
                department=r["department"] or "",
                pub_date=_date(r["pub_date"]),
                page_kind=r["page_kind"] or "other",
                empty_list=bool(r["empty_list"]),
                script_rendered=bool(r["script_rendered"]),
                text=r["text"] or "",
                depth=r["depth"] or 0,
                referer=r["referer"] or "",
                anchor=r["anchor"] or "",
                pager=json.loads(r["pager"] or "[]"),
                identity=_json(r.get("identity"), None),
                meta=_json(r.get("meta"), None),
                dates=_json(r.get("dates"), []),
                elapsed_ms=r.get("elapsed_ms"),
            )
        self.links = [Link(r["from_url"], r["to_url"], r["anchor"] or "", r["kind"]) for r in db.query(
            "select from_url, to_url, anchor, kind from links where run_id = ?", [run_id])]
        # a search form's action (kind "form", never fetched) shows a search box and nothing else: kept apart, so no
        # check takes it for a page, a column or a broken link
        self.forms_from: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            if link.kind == "form":
                self.forms_from[link.from_url].append(link)
        self.links = [link for link in self.links if link.kind != "form"]
        self.links_from: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            self.links_from[link.from_url].append(link)
        self.entries = [
            Entry(r["list_url"], r["url"], r["title"] or "", _date(r["date"]), r["block"] or "",
                  r["column_name"] or "", r["department"] or "")
            for r in db.query("select * from entries where run_id = ?", [run_id])
        ]
        self.entry_urls = {e.url for e in self.entries}
        self.entries_by_list: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            self.entries_by_list[e.list_url].append(e)
        self.attachments = list(db.query("select * from attachments where run_id = ?", [run_id]))
        # columns as the database has them: a check whose data comes from a later migration answers UNKNOWN
        self.table_columns = {t: set(db[t].columns_dict) for t in db.table_names()}
        self.departments: list[tuple[str, str]] = sorted(
            {(r["name"], r["root_url"]) for r in db.query("select name, root_url from departments where run_id = ?", [run_id])}
        )
        self.department_names = sorted({name for name, _ in self.departments})
        self.home_url = canonicalize_url(self.run["start_url"], keep_fragments=False)
        self._attribute_by_breadcrumb()

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

    # -- basic look-ups -------------------------------------------------------------------------

    @property
    def home(self) -> Page | None:
        return self.pages.get(self.home_url)

    def unit_pages(self, department: str) -> list[Page]:
        return [p for p in self.pages.values() if p.department == department]

    def unit_label(self, department: str) -> str:
        return department or (self.run["site_name"] or "本级政府")

    # -- coverage ---------------------------------------------------------------------------------

    def unseen(self, pages: list[Page], department: str | None = None) -> list[str]:
        """Pages of this set, or pages it links to, that the crawl could not read.

        Articles that a list already names (their titles are known) do not count: a broken article
        does not hide which documents the list holds. Nor do 404/410 answers: those were seen, and
        hold nothing; nor pages robots.txt forbids whose path shows they hold no published information
        (the profile's ``coverage.robots_ignorable_paths``: back offices, log-ins). With ``department``
        given, pages of other units do not count either.
        """
        reasons = []
        for page in pages:
            if not page.ok:
                if self.hides(page):
                    reasons.append(page.failure())
                continue
            if page.script_rendered:
                reasons.append(f"{page.url} 的列表由脚本生成，静态页面中没有内容")
            for link in self.links_from.get(page.url, []):
                if link.kind != "page" or link.to_url in self.entry_urls:
                    continue
                target = self.pages.get(link.to_url)
                if target is not None and department is not None and target.department != department:
                    continue
                if target is None:
                    reasons.append(f"{link.to_url} 未抓取（抓取上限或防陷阱规则所致）")
                elif not target.ok and self.hides(target):
                    reasons.append(target.failure())
        return sorted(set(reasons))

    def hides(self, page: Page) -> bool:
        """Whether a page the crawl could not read may hide published information."""
        if page.ok or page.status in GONE:
            return False
        if page.fetch_state == "robots":
            path = urlsplit(page.url).path or "/"
            return not any(re.search(p, path) for p in self.profile.get("coverage", {}).get("robots_ignorable_paths", []))
        return True

    def column_pages(self, names: list[str], department: str | None) -> list[Page]:
        """Fetched pages of a column (by its name, or a parent in the column path) and their pager pages."""
        pattern = names_pattern(names)
        found = {
            p.url: p
            for p in self.pages.values()
            if (department is None or p.department == department)
            and p.ok
            and (pattern.search(p.column_name) or any(pattern.search(c) for c in p.column_path))
        }
        queue = [u for p in list(found.values()) for u in p.pager]
        while queue:  # follow pagers, fetched or not, so a failed page of a list is seen
            url = queue.pop()
            if url in found:
                continue
            page = self.pages.get(url)
            if page is None:
                continue
            found[url] = page
            queue.extend(page.pager)
        return list(found.values())

    def locate(self, names: list[str], department: str | None, *, link_sources: list[Page] | None = None,
               columns_only: bool = False) -> Located:
        """Find a column by its names among fetched pages and the link texts of ``link_sources``
        (default: all pages of the unit); record what could not be seen. With ``columns_only``, links to
        listed documents and long link texts (document titles, not column names) do not count."""
        located = Located(pages=self.column_pages(names, department))
        pattern = names_pattern(names)
        sources = link_sources if link_sources is not None else (
            self.unit_pages(department) if department is not None else list(self.pages.values()))
        for source in sources:
            for link in self.links_from.get(source.url, []):
                if link.kind != "page" or not pattern.search(link.anchor):
                    continue
                if columns_only and (len(link.anchor) > COLUMN_ANCHOR_MAX or link.to_url in self.entry_urls):
                    continue
                target = self.pages.get(link.to_url)
                if target is not None and department is not None and target.department != department:
                    continue  # another unit's column: not this unit's
                located.links.append(link)
                if target is None:
                    located.blockers.append(f"{link.to_url}（“{link.anchor}”）未抓取")
                elif not target.ok:
                    located.blockers.append(target.failure())
        located.blockers.extend(self.unseen(located.pages, department))
        located.blockers = sorted(set(located.blockers))
        return located

    def readable(self, located: Located) -> list[Page]:
        """The fetched pages of a located column: its own pages, then the pages its links lead to."""
        found: dict[str, Page] = {p.url: p for p in located.pages if p.ok}
        for link in located.links:
            target = self.pages.get(link.to_url)
            if target is not None and target.ok:
                found.setdefault(target.url, target)
        return list(found.values())

    def area_blockers(self, department: str) -> list[str]:
        """What the crawl could not see of a unit's pages (department "" = the government's own)."""
        reasons = self.unseen(self.unit_pages(department), department)
        if self.truncated:
            reasons.append("抓取因页数、深度或时间上限提前停止")
        return reasons

    # -- documents --------------------------------------------------------------------------------

    def documents(self) -> list[Doc]:
        """Every titled document the crawl saw: list entries, article pages, attachment links."""
        if hasattr(self, "_documents"):
            return self._documents
        by_key: dict[tuple[str, str], Doc] = {}
        for e in self.entries:
            article = self.pages.get(e.url)
            dates = [d for d in (e.date, article.pub_date if article else None) if d]
            dept = article.department if article and article.ok else e.department
            doc = by_key.setdefault((e.title, e.url), Doc(e.title, e.url, e.list_url, [], dept))
            doc.dates.extend(dates)
            listing = self.pages.get(e.list_url)
            for name in [e.column_name, *reversed(listing.column_path if listing else [])]:
                if name and name not in doc.columns:
                    doc.columns.append(name)
        for p in self.pages.values():
            if p.ok and p.page_kind == "article" and p.title:
                doc = by_key.setdefault((p.title, p.url), Doc(p.title, p.url, p.url, [], p.department))
                if p.pub_date:
                    doc.dates.append(p.pub_date)
        for a in self.attachments:
            page = self.pages.get(a["page_url"])
            dept = page.department if page else ""
            dates = [page.pub_date] if page and page.pub_date else []
            by_key.setdefault((a["anchor"], a["url"]), Doc(a["anchor"] or "", a["url"], a["page_url"], dates, dept))
        for doc in by_key.values():
            doc.dates = sorted(set(doc.dates))
        self._documents = list(by_key.values())
        return self._documents
