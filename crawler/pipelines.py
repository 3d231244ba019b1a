"""Store crawled items in the audit database (one run per audit), in batches."""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from crawler import linkgraph, store
from crawler.cache import BYTES_STAT
from crawler.column_tree import store_column_tree
from crawler.items import AttachmentCheck, DepartmentItem, PageItem

logger = logging.getLogger(__name__)

FLUSH_EVERY = 200  # pages


class SQLitePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.db_path = settings.get("GOVAUDIT_DB")
        self.run_id: int | None = settings.getint("GOVAUDIT_RUN_ID") or None
        self.as_of = settings.get("GOVAUDIT_AS_OF") or date.today().isoformat()
        self.site_name = settings.get("GOVAUDIT_SITE_NAME") or ""
        self.buffers: dict[str, list[dict[str, Any]]] = {}
        self.links: list[tuple[str, list[tuple[str, str, str]]]] = []  # (page, its links), for the link graph
        self.link_writer: linkgraph.LinkWriter | None = None
        self.pending_pages = 0
        self.checks: list[AttachmentCheck] = []
        self.db = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SQLitePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        self.db = store.open_db(self.db_path)
        if self.run_id is None:
            spider = self.crawler.spider
            self.run_id = store.create_run(
                self.db,
                site_name=self.site_name,
                start_url=getattr(spider, "start_url", ""),
                as_of=self.as_of,
                settings={"source": "scrapy crawl"},
            )
        self.crawler.stats.set_value("govaudit/run_id", self.run_id)
        self.link_writer = linkgraph.LinkWriter(self.db.conn, self.run_id)
        # the audit date gives month-day list dates ([11-25]) their year where nothing on the page does: the run's
        # own, read by the spider from the stats (the pipeline opens before any page is parsed)
        row = next(self.db.query("select as_of from runs where id = ?", [self.run_id]), None)
        self.crawler.stats.set_value("govaudit/as_of", (row or {}).get("as_of") or self.as_of)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem):
            self._buffer("pages", [store.pack_page(dict(item.page))])
            self.links.append((item.page["url"], [(lk["to_url"], lk["anchor"], lk["kind"]) for lk in item.links]))
            self._buffer("entries", item.entries)
            self._buffer("attachments", item.attachments)
            self.pending_pages += 1
            if self.pending_pages >= FLUSH_EVERY:
                self.flush()
        elif isinstance(item, AttachmentCheck):
            self.checks.append(item)
        elif isinstance(item, DepartmentItem):
            self._buffer("departments", [{"name": item.name, "root_url": item.root_url, "source": item.source}])
        return item

    def _buffer(self, table: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.buffers.setdefault(table, []).extend({**row, "run_id": self.run_id} for row in rows)

    def flush(self) -> None:
        with self.db.conn:
            for table, rows in self.buffers.items():
                store.write_rows(self.db, table, rows)
            self.link_writer.write(self.links)
            self.apply_attachment_checks()
        self.buffers = {}
        self.links = []
        self.pending_pages = 0

    def apply_attachment_checks(self) -> None:
        """A probe's answer goes to every page's row of that attachment (rows are written before, same flush)."""
        if not self.checks:
            return
        checked_at = store.now_iso()
        self.db.conn.executemany(
            "update attachments set status = ?, size = ?, content_type = ?, error = ?, method = ?, final_url = ?, "
            "note = ?, checked_at = ? where run_id = ? and url = ?",
            [(c.status, c.size, c.content_type, c.error, c.method, c.final_url, c.note, checked_at, self.run_id, c.url)
             for c in self.checks],
        )
        self.checks = []

    def close_spider(self) -> None:
        self.flush()

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.flush()
        store_discoveries(self.db, self.run_id, spider, reason)
        attribute_departments(self.db, self.run_id)
        store_column_tree(self.db, self.run_id)
        truncated = bool(getattr(spider, "truncated", False)) or reason not in ("finished",)
        stats = getattr(getattr(spider, "crawler", None), "stats", None)
        received = stats.get_value(BYTES_STAT) if stats is not None else None
        store.finish_run(self.db, self.run_id, close_reason=reason, truncated=truncated, bytes_received=received)
        if not self.site_name:
            name_site(self.db, self.run_id)
        self.db.close()


def store_discoveries(db: Any, run_id: int, spider: Any, reason: str) -> None:
    """What the crawl discovered, in which class of the audit order, and what became of it (crawler.priority)."""
    discoveries = getattr(spider, "discoveries", None)
    if discoveries is None:
        return
    discoveries.close(reason)  # still queued: cut by the time limit, or never reached
    with db.conn:
        store.write_rows(db, "discoveries", ({**row, "run_id": run_id} for row in discoveries.rows()))


def attribute_departments(db: Any, run_id: int) -> None:
    """Give each page and list entry the department whose root URL is its longest prefix."""
    roots = sorted(
        ((r["root_url"], r["name"]) for r in db.query("select * from departments where run_id = ?", [run_id])),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )

    def owner(url: str) -> str:
        for root, name in roots:
            if url.startswith(root):
                return name
        return ""

    with db.conn:
        page_rows = [(owner(r["url"]), run_id, r["url"]) for r in db.query("select url from pages where run_id = ?", [run_id])]
        db.conn.executemany("update pages set department = ? where run_id = ? and url = ?", page_rows)
        db.execute(
            "update entries set department = coalesce((select p.department from pages p "
            "where p.run_id = entries.run_id and p.url = entries.list_url), '') where run_id = ?",
            [run_id],
        )


def name_site(db: Any, run_id: int) -> None:
    """Name the run's site from the start page's SiteName meta tag or title."""
    run = db["runs"].get(run_id)
    row = next(
        db.query(
            "select meta, packed, title from pages where run_id = ? and url = ? or (run_id = ? and depth = 0) limit 1",
            [run_id, run["start_url"], run_id],
        ),
        None,
    )
    if row is None:
        return
    meta = json.loads(store.unpack_page(dict(row))["meta"] or "{}")
    name = meta.get("SiteName") or (row["title"] or "").split("-")[0].split("_")[0].strip()
    if name:
        db["runs"].update(run_id, {"site_name": name[:100]})
