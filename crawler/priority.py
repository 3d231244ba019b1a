"""Audit order: what a request can decide, and so how soon it is fetched (a Scrapy request priority).

Pure: no Scrapy. Before following a link the spider describes it as a ``Lead`` — what it knows before the
fetch: the link's text, the page it was found on (the home page? which column? a department's section? the
first or the last page of its list?), and whether it is a further page of that list, a listed document or
another link. ``place`` gives the lead a class, an audit area and a priority under the ``Order`` of the audit
(``GOVAUDIT_CRAWL_ORDER``: govaudit builds it from the profile's ``crawl_order`` and the column names of its
``columns``). A lead takes the first class of the order it qualifies for; within a class, shallower first.

The classes, in the default order (``crawl_order.order`` in the profile may change it):

- ``home``         the start pages
- ``home_links``   every link of the home page: its blocks, navigation, footer (home freshness, broken links)
- ``tree``         the 政府信息公开 tree (its root and first-level columns), the department index and each
                   department's section
- ``lists``        every page of a list that holds required items (财政预决算, 年报, 指南, 制度, 目录, 办事服务,
                   互动交流 …: ``Order.lists``), and any link whose text names one of those columns
- ``first_pages``  the first page of every other column (a short link text names a column; freshness needs only
                   the newest entries)
- ``documents``    the documents the checks read in full: the entries of those lists (``Order.read_entries``)
                   and listed documents whose titles name one (年度报告, 指南, 预决算 …)
- ``sample``       per column, the newest entries of its first page and its last page with its oldest entries
                   (dates, meta tags and time limits; old pages keep the templates of older CMS versions)
- ``department_lists``  the further pages of a department's other lists (a unit's absence is judged on them)
- ``rest``         everything else, breadth-first

``Discoveries`` keeps what the crawl discovered, with its class and what became of it (fetched, or refused by
which limit): the spider's bookkeeping, stored by the pipeline in ``discoveries`` (crawler.store).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from crawler.extract.departments import DEPARTMENT_INDEX
from crawler.extract.model import PageExtract

CLASSES = ("home", "home_links", "tree", "lists", "first_pages", "documents", "sample", "department_lists", "rest")

# relations of a lead to the page it was found on
START, DEPARTMENT, PAGER, ENTRY, LINK = "start", "department", "pager", "entry", "link"
# what the crawler expects behind a lead (discoveries.kind)
KIND_LIST, KIND_ENTRY, KIND_PAGE = "list", "entry", "page"
# what became of a discovery (discoveries.state)
QUEUED, FETCHED = "queued", "fetched"
MAX_PAGES, MAX_DEPTH, MAX_TIME, TRAP, NOT_REACHED = "max_pages", "max_depth", "max_time", "trap", "not_reached"
LIMITS = (MAX_PAGES, MAX_DEPTH, MAX_TIME, TRAP, NOT_REACHED)

# a link text this short names a column, a longer one a document (as checks.facts.COLUMN_ANCHOR_MAX)
COLUMN_NAME_MAX = 12
# the audit areas of the classes that hold no named column (the named ones take their Order.lists key)
AREA_HOME, AREA_TREE, AREA_DEPARTMENTS = "首页", "政府信息公开", "部门栏目"
AREA_FRESHNESS, AREA_SAMPLE, AREA_REST = "栏目更新", "文章抽样", "其他页面"
CLASS_AREA = {"home": AREA_HOME, "home_links": AREA_HOME, "tree": AREA_TREE, "lists": AREA_DEPARTMENTS,
              "first_pages": AREA_FRESHNESS, "documents": AREA_SAMPLE, "sample": AREA_SAMPLE,
              "department_lists": AREA_DEPARTMENTS, "rest": AREA_REST}
GENERIC_AREAS = frozenset(CLASS_AREA.values())
STEP = 1000  # priority between two classes; within one, depth is subtracted (breadth-first)


def _names(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(sorted({str(v) for v in values if str(v)}, key=len, reverse=True))


@dataclass(frozen=True)
class Order:
    """The audit order of one crawl, read from ``GOVAUDIT_CRAWL_ORDER``."""

    classes: tuple[str, ...] = CLASSES
    tree: tuple[str, ...] = ()  # names of the 政府信息公开 tree's root and first-level columns
    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # area → column names read page by page
    read_entries: frozenset[str] = frozenset()  # areas whose every entry is a document the checks read
    newest: int = 5  # entries sampled from the first page of each column
    oldest: int = 2  # entries sampled from the last page of each column

    @classmethod
    def from_setting(cls, value: Mapping[str, Any] | None) -> Order:
        value = dict(value or {})
        classes = tuple(str(c) for c in value.get("order") or CLASSES)
        unknown = sorted(set(classes) - set(CLASSES))
        if unknown:
            raise ValueError(f"GOVAUDIT_CRAWL_ORDER: unknown classes {unknown}; known: {list(CLASSES)}")
        classes = (*classes, *(c for c in CLASSES if c not in classes))  # a class left out comes last
        sample = value.get("sample") or {}
        lists = {str(area): _names(names) for area, names in (value.get("lists") or {}).items()}
        return cls(classes=classes, tree=_names(value.get("tree") or ()), lists=lists,
                   read_entries=frozenset(str(a) for a in value.get("read_entries") or ()),
                   newest=int(sample.get("newest", 5)), oldest=int(sample.get("oldest", 2)))

    def rank(self, cls: str) -> int:
        return self.classes.index(cls)

    def priority(self, cls: str, depth: int) -> int:
        return (len(self.classes) - self.rank(cls)) * STEP - min(max(depth, 0), STEP - 1)

    @cached_property
    def _list_patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(area, _pattern(names)) for area, names in self.lists.items() if names]

    @cached_property
    def _tree_pattern(self) -> re.Pattern[str] | None:
        return _pattern(self.tree) if self.tree else None

    def list_area(self, names: Iterable[str]) -> str:
        """The area of the first name (innermost first) that names a list read page by page, else ""."""
        for name in names:
            if name:
                for area, pattern in self._list_patterns:
                    if pattern.search(name):
                        return area
        return ""

    def names_tree(self, name: str) -> bool:
        return bool(name and self._tree_pattern and self._tree_pattern.search(name))


def _pattern(names: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


@dataclass
class Source:
    """The page a lead was found on, as far as its audit order goes."""

    on_home: bool = False
    columns: list[str] = field(default_factory=list)  # its column name, then its column path innermost first
    in_department: bool = False  # the page belongs to a department's section
    is_list: bool = False
    first_page: bool = True  # the first page of its list (not reached as a further page)
    last_page: bool = False  # reached as the last page of its list
    entries: int = 0  # entries listed on it
    list_area: str = ""  # the area of its column when that column's lists are read page by page (Order.lists)


def source_of(page: PageExtract, order: Order, *, url: str, on_home: bool, first_page: bool, last_page: bool,
              department_roots: Collection[str]) -> Source:
    """A fetched page as the audit order sees it, for the leads found on it."""
    columns = [page.column_name, *reversed(page.column_path)]
    return Source(
        on_home=on_home,
        columns=columns,
        in_department=any(url.startswith(root) for root in department_roots)
        or any(DEPARTMENT_INDEX.search(c) for c in page.column_path),
        is_list=page.page_kind == "list",
        first_page=first_page,
        last_page=last_page,
        entries=len(page.entries),
        list_area=order.list_area(columns),
    )


@dataclass
class Lead:
    relation: str  # start | department | pager | entry | link
    anchor: str = ""
    depth: int = 0
    source: Source = field(default_factory=Source)
    position: int = 0  # entries: place in the list (0 = the first, usually the newest)
    is_last: bool = False  # pagers: the last page of the list


@dataclass(frozen=True)
class Placement:
    cls: str
    area: str
    kind: str
    priority: int


def _column_name(anchor: str) -> bool:
    return 0 < len(anchor) <= COLUMN_NAME_MAX


def candidates(lead: Lead, order: Order) -> tuple[list[str], str, str]:
    """(the classes the lead qualifies for, its named area or "", its kind)."""
    src, anchor = lead.source, lead.anchor.strip()
    if lead.relation == START:
        return ["home"], "", KIND_PAGE
    if lead.relation == DEPARTMENT:
        return ["tree"], AREA_DEPARTMENTS, KIND_LIST
    list_area = src.list_area
    if lead.relation == PAGER:
        classes = []
        if list_area:
            classes.append("lists")
        if lead.is_last:
            classes.append("sample")
        if src.in_department:
            classes.append("department_lists")
        return classes or ["rest"], list_area or (AREA_DEPARTMENTS if src.in_department else ""), KIND_LIST
    named = order.list_area([anchor])
    classes = ["home_links"] if src.on_home else []
    if lead.relation == ENTRY:
        if list_area in order.read_entries:
            classes.append("documents")
        elif named:
            classes.append("documents")
        newest = src.first_page and lead.position < order.newest
        oldest = src.last_page and lead.position >= src.entries - order.oldest
        if src.is_list and (newest or oldest):
            classes.append("sample")
        area = list_area if list_area in order.read_entries else named
        return classes or ["rest"], area, KIND_ENTRY
    if _column_name(anchor):
        if order.names_tree(anchor) or DEPARTMENT_INDEX.search(anchor):
            classes.append("tree")
        if named:
            classes.append("lists")
        classes.append("first_pages")
        area = named or (AREA_TREE if "tree" in classes else AREA_FRESHNESS)
        return classes, area, KIND_LIST
    if named:  # a document named in a long link text (年度报告, 预决算 …)
        classes.append("documents")
    return classes or ["rest"], named, KIND_PAGE


def place(lead: Lead, order: Order) -> Placement:
    classes, area, kind = candidates(lead, order)
    cls = min(classes, key=order.rank)
    return Placement(cls, area or CLASS_AREA[cls], kind, order.priority(cls, lead.depth))


_PAGE_NUMBER = re.compile(r"(\d+)(?=\D*$)")


def last_page(urls: list[str]) -> str | None:
    """The last page among a list's further pages: the highest page number (index_66.html, ?page=66)."""
    numbered = [(int(m.group(1)), i, u) for i, u in enumerate(urls) if (m := _PAGE_NUMBER.search(u.rsplit("/", 1)[-1]))]
    if numbered:
        return max(numbered)[2]
    return urls[-1] if urls else None


@dataclass
class Discovery:
    url: str
    cls: str
    area: str
    kind: str
    priority: int
    depth: int
    found_on: str
    state: str = QUEUED
    fetched_as: int | None = None  # its place in the budget: the Nth page fetched

    def row(self) -> dict[str, Any]:
        return {"url": self.url, "class": self.cls, "area": self.area, "kind": self.kind, "priority": self.priority,
                "depth": self.depth, "found_on": self.found_on, "state": self.state, "fetched_as": self.fetched_as}


class Discoveries:
    """Every URL the crawl discovered, with its placement and what became of it."""

    def __init__(self) -> None:
        self.by_url: dict[str, Discovery] = {}

    def __len__(self) -> int:
        return len(self.by_url)

    def __contains__(self, url: object) -> bool:
        return url in self.by_url

    def get(self, url: str) -> Discovery | None:
        return self.by_url.get(url)

    def wants(self, url: str, placement: Placement) -> bool:
        """Whether a request should be scheduled: new (or refused by depth until now), or queued at a lower
        priority (the new request supersedes it; the budget fetches a page once)."""
        known = self.by_url.get(url)
        if known is None or known.state == MAX_DEPTH:
            return True
        return known.state == QUEUED and placement.priority > known.priority

    def record(self, url: str, placement: Placement, *, depth: int, found_on: str, state: str = QUEUED) -> None:
        known = self.by_url.get(url)
        if known is not None and known.state not in (QUEUED, MAX_DEPTH):
            return
        self.by_url[url] = Discovery(url, placement.cls, placement.area, placement.kind, placement.priority, depth,
                                     found_on, state)

    def refine(self, url: str, area: str) -> None:
        """A named area learnt later (another link's text, the page's own column) replaces a generic one."""
        known = self.by_url.get(url)
        if known is not None and area and area not in GENERIC_AREAS and known.area in GENERIC_AREAS:
            known.area = area

    def settle(self, url: str, state: str, fetched_as: int | None = None) -> None:
        """A queued discovery was fetched (whatever it answered; ``fetched_as``: its place in the budget), or
        refused at its turn by the page budget."""
        known = self.by_url.get(url)
        if known is not None and (known.state == QUEUED or state == FETCHED):
            known.state = state
            known.fetched_as = fetched_as or known.fetched_as

    def queued(self) -> bool:
        return any(d.state == QUEUED for d in self.by_url.values())

    def close(self, reason: str) -> None:
        """Discoveries still queued when the crawl closed: cut by the time limit, or never reached."""
        left = {"closespider_timeout": MAX_TIME, "closespider_pagecount": MAX_PAGES}.get(reason, NOT_REACHED)
        for known in self.by_url.values():
            if known.state == QUEUED:
                known.state = left

    def rows(self) -> list[dict[str, Any]]:
        return [d.row() for d in self.by_url.values()]
