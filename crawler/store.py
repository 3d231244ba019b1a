"""The audit database: the contract between crawl, checks and reports.

The schema lives here and only here; it is created (and later migrated) when the database opens.
Every row belongs to a run (one audit of one site). Tables:

- ``runs``        one audit: site, start URL, as-of date, crawl status and counters
- ``pages``       every URL the crawler tried, fetched or not (fetch_state says which)
- ``pages``       (its text and JSON columns ``text``, ``identity``, ``meta``, ``dates``, ``pager`` are kept
                  together, compressed, in ``packed``, and ``final_url`` only where it is not the page's own URL:
                  read a row through :func:`unpack_page`)
- ``links``       a view: every link seen on a fetched page (from, to, anchor, kind), read from ``urls``,
                  ``link_chunks`` and ``page_links``, which keep each URL once and each page's navigation once
                  (``crawler.linkgraph``)
- ``entries``     dated list items seen on pages (column, title, date, where its year came from, url)
- ``attachments`` links to files (.pdf .doc .xls …) seen on pages
- ``departments`` departments discovered or configured, with their root URL
- ``columns``     the site's column tree per unit (path, list page, pages, entries, newest date, state)
- ``findings``    check results (written by ``checks``)
- ``acceptances`` failed findings a baseline accepted until a deadline, or found overdue (``checks.baseline``)
- ``discoveries`` every URL the crawl discovered: its class, area and priority in the audit order
                  (``crawler.priority``), what became of it (fetched, or refused by which limit) and its place in
                  the page budget (``crawler.budget``); read by ``reports.coverage`` and by ``checks.facts`` (a limit
                  that cut only the ``rest`` class leaves a unit-wide absence decided)
- ``archive_records`` every response the crawl archived in its WARC (``crawler.warc``): record id, file and offset,
                  digests; the records a report cites are kept in the audit's ``evidence.warc.gz``
"""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from crawler import linkgraph

migrations = Migrations("govaudit")

# fetch_state values of ``pages``
FETCH_OK = "ok"  # 2xx with a body we could read
FETCH_HTTP_ERROR = "http_error"  # 4xx/5xx (status says which)
FETCH_BLOCKED = "blocked"  # a firewall or challenge answered instead of the page
FETCH_TIMEOUT = "timeout"
FETCH_ROBOTS = "robots"  # forbidden by robots.txt, not fetched
FETCH_ERROR = "error"  # DNS, connection refused, reset, malformed response …
FETCH_SKIPPED = "skipped"  # known but not fetched (page/depth/time limit)


@migrations()
def m001_initial(db: Database) -> None:
    db["runs"].create(
        {
            "id": int,
            "site_name": str,
            "start_url": str,
            "as_of": str,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running | done | failed
            "pages_fetched": int,
            "pages_failed": int,
            "truncated": int,  # 1 when a page/depth/time limit stopped the crawl early
            "close_reason": str,
            "settings": str,  # JSON of the crawl options
        },
        pk="id",
    )
    db["pages"].create(
        {
            "run_id": int,
            "url": str,
            "final_url": str,
            "status": int,
            "content_type": str,
            "fetch_state": str,
            "error": str,
            "title": str,
            "column_name": str,
            "column_path": str,  # JSON list, outermost first
            "column_source": str,
            "department": str,  # "" = the district government itself
            "pub_date": str,  # ISO date
            "pub_date_source": str,
            "dates": str,  # JSON list of {"date","source","raw"}; conflicting dates are all kept
            "page_kind": str,  # list | article | other
            "empty_list": int,
            "script_rendered": int,
            "identity": str,  # JSON object
            "meta": str,  # JSON object of the national meta tags
            "pager": str,  # JSON list of the pagination URLs the page links to
            "text": str,  # visible text, truncated
            "depth": int,
            "referer": str,
            "anchor": str,  # anchor text of the link the crawler followed here
            "fetched_at": str,
            "elapsed_ms": int,
        },
        pk=("run_id", "url"),
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["links"].create(
        # kind: page (on the site) | attachment | external | form (a search form's action: never fetched, see
        # crawler/extract/links.py; checks.facts keeps it apart from page links)
        {"run_id": int, "from_url": str, "to_url": str, "anchor": str, "kind": str},
        pk=("run_id", "from_url", "to_url"),
    )
    db["entries"].create(
        {
            "run_id": int,
            "list_url": str,
            "url": str,
            "title": str,
            "date": str,
            "date_raw": str,
            "block": str,  # heading of the block the item sits in (home-page columns)
            "column_name": str,
            "department": str,
        },
        pk=("run_id", "list_url", "url", "title"),
    )
    db["attachments"].create(
        {
            "run_id": int,
            "page_url": str,
            "url": str,
            "anchor": str,
            "ext": str,
            "status": int,
            "size": int,
            "content_type": str,
            "error": str,
        },
        pk=("run_id", "page_url", "url"),
    )
    db["departments"].create(
        {"run_id": int, "name": str, "root_url": str, "source": str},
        pk=("run_id", "root_url"),
    )
    db["findings"].create(
        {
            "id": int,
            "run_id": int,
            "check_id": str,
            "title": str,
            "category": str,
            "severity": str,
            "status": str,
            "subject": str,
            "department": str,
            "url": str,
            "message": str,
            "citation": str,
            "remediation": str,
            "evidence": str,  # JSON
        },
        pk="id",
    )
    db["pages"].create_index(["run_id", "column_name"])
    db["entries"].create_index(["run_id", "column_name"])
    db["links"].create_index(["run_id", "to_url"])
    db["findings"].create_index(["run_id"])


@migrations()
def m003_baseline_acceptances(db: Database) -> None:
    """Failed findings a baseline accepted (until a deadline) or found overdue, per run (checks.baseline)."""
    db["acceptances"].create(
        {
            "run_id": int,
            "finding_key": str,  # checks.history.finding_key: check | department | host-free subject
            "state": str,  # accepted | overdue
            "deadline": str,  # ISO date, 整改期限
            "note": str,
        },
        pk=("run_id", "finding_key"),
    )


@migrations()
def m004_attachment_checks(db: Database) -> None:
    """How each attachment was checked (HEAD or a ranged GET) and what was noted (type_mismatch …)."""
    db["attachments"].add_column("method", str)  # HEAD | GET-range | "" (not checked)
    db["attachments"].add_column("final_url", str)
    db["attachments"].add_column("note", str)  # e.g. "type_mismatch: .pdf 文件实际为网页（text/html）"
    db["attachments"].add_column("checked_at", str)


@migrations()
def m005_column_tree(db: Database) -> None:
    """The site's column tree per unit, derived at the end of the crawl from the pages' column paths."""
    db["columns"].create(
        {
            "run_id": int,
            "department": str,  # "" = the district government
            "path": str,  # JSON list, outermost first; the key of the column within its unit
            "name": str,  # the last element of path
            "url": str,  # the column's list page (first fetched page of the column), "" when only a path
            "pages": int,  # pages of the column (and its sub-columns) the crawl tried
            "entries": int,  # list entries seen on its pages
            "newest_date": str,  # ISO date of its newest entry or page
            "state": str,  # ok | script_rendered | empty | unreadable (some pages could not be read)
        },
        pk=("run_id", "department", "path"),
    )


@migrations()
def m006_scores(db: Database) -> None:
    """The verdict and score of a run, for the site and per unit (written by checks.scoring)."""
    db["scores"].create(
        {
            "run_id": int,
            "scope": str,  # site | department
            "department": str,  # "" = the whole site (scope site) or the district government (scope department)
            "verdict": str,  # 合格 | 不合格
            "score": float,  # null when a veto failed (nothing is scored)
            "reason": str,  # how the verdict was reached, in Chinese
            "vetoes": str,  # JSON list of the failed veto findings
            "deductions": str,  # JSON list of {check_id, title, indicator, subject, department, points, note}
            "by_indicator": str,  # JSON {indicator: points deducted}
            "unknown": int,  # findings that could not be decided (never scored)
        },
        pk=("run_id", "scope", "department"),
    )


@migrations()
def m007_dates_as_read(db: Database) -> None:
    """Dates as the page gives them (issue 9): where an entry's year comes from and what its URL says; the date a
    page shows beside the one its meta tag says."""
    entries = db["entries"]
    # list | url_year | as_of (the year was inferred from the audit date: 推定) | "" (no date)
    entries.add_column("date_source", str)
    entries.add_column("url_date", str)  # the date the entry's URL carries: ISO day, or YYYY-MM (/201807/)
    entries.add_column("date_conflict", int)  # 1: entries.date and url_date disagree (both are the page's)
    pages = db["pages"]
    pages.add_column("shown_date", str)  # ISO: the publication date the page shows (发布日期：, 日期： …)
    pages.add_column("shown_date_source", str)  # label:发布日期 | label:日期 | … | table:生成日期
    pages.add_column("meta_date", str)  # ISO: the one its meta tags say (PubDate, firstpublishedtime …)
    pages.add_column("meta_date_source", str)  # meta:PubDate | meta:firstpublishedtime | meta:publishdate
    pages.add_column("date_conflict", int)  # 1: shown_date and meta_date differ; the page shows shown_date


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) an audit database in WAL mode with the current schema."""
    db = Database(path) if str(path) != ":memory:" else Database(memory=True)
    if str(path) != ":memory:":
        db.enable_wal()
    migrations.apply(db)
    return db


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def create_run(db: Database, *, site_name: str, start_url: str, as_of: str, settings: dict[str, Any]) -> int:
    table = db["runs"]
    table.insert(
        {
            "site_name": site_name,
            "start_url": start_url,
            "as_of": as_of,
            "started_at": now_iso(),
            "status": "running",
            "pages_fetched": 0,
            "pages_failed": 0,
            "truncated": 0,
            "settings": json.dumps(settings, ensure_ascii=False),
        }
    )
    return int(table.last_pk)


def finish_run(db: Database, run_id: int, *, close_reason: str, truncated: bool, bytes_received: int | None = None) -> None:
    fetched = db.execute(
        "select count(*) from pages where run_id = ? and fetch_state = ?", [run_id, FETCH_OK]
    ).fetchone()[0]
    failed = db.execute(
        "select count(*) from pages where run_id = ? and fetch_state not in (?, ?)",
        [run_id, FETCH_OK, FETCH_SKIPPED],
    ).fetchone()[0]
    db["runs"].update(
        run_id,
        {
            "finished_at": now_iso(),
            "status": "done",
            "pages_fetched": fetched,
            "pages_failed": failed,
            "truncated": int(truncated),
            "close_reason": close_reason,
            "bytes_received": bytes_received,
            "not_modified": db.execute("select count(*) from pages where run_id = ? and not_modified = 1",
                                       [run_id]).fetchone()[0],
        },
    )


def unfinished_run(db: Database, start_url: str, as_of: str) -> tuple[int, float] | None:
    """(id, start as epoch seconds) of the latest run of this site and audit date whose crawl never finished (the
    process was killed): ``govaudit audit`` continues it rather than starting over."""
    row = next(db.query("select id, started_at from runs where status = 'running' and start_url = ? and as_of = ? "
                        "order by id desc limit 1", [start_url, as_of]), None)
    if row is None:
        return None
    return int(row["id"]), datetime.fromisoformat(row["started_at"]).timestamp()


def latest_run_id(db: Database) -> int | None:
    row = db.execute("select max(id) from runs").fetchone()
    return row[0] if row and row[0] is not None else None


def write_rows(db: Database, table: str, rows: Iterable[dict[str, Any]]) -> None:
    """Batched insert; a row already stored (same primary key) is kept, not duplicated."""
    db[table].insert_all(rows, batch_size=500, ignore=True)


@migrations()
def m008_discoveries(db: Database) -> None:
    """Every URL the crawl discovered, its place in the audit order (crawler.priority) and what became of it: the
    coverage of a budgeted audit (reports.coverage) says per area what was read of what was discovered."""
    db["discoveries"].create(
        {
            "run_id": int,
            "url": str,  # canonical, as pages.url
            "class": str,  # home | home_links | tree | lists | first_pages | documents | sample | department_lists | rest
            "area": str,  # audit area, in Chinese: 首页, 财政预决算, 年报, 栏目更新, 文章抽样, 其他页面 …
            "kind": str,  # what the crawler expected behind it: list | entry | page
            "priority": int,  # the Scrapy request priority it was given (higher: sooner)
            "depth": int,
            "found_on": str,  # the page it was first found on ("" for a start URL)
            # fetched (whatever it answered) | max_pages | max_depth | max_time | trap (a URL-trap guard) |
            # not_reached (the crawl ended otherwise before its turn)
            "state": str,
        },
        pk=("run_id", "url"),
    )
    db["discoveries"].create_index(["run_id", "area"])


@migrations()
def m009_discovery_fetch_order(db: Database) -> None:
    """The place of each fetched discovery in the page budget (1 = the first page fetched): the audit order as run."""
    db["discoveries"].add_column("fetched_as", int)  # null: not fetched, or fetched without spending (robots.txt)


@migrations()
def m010_archive_records(db: Database) -> None:
    """The crawl's WARC records (crawler.warc): where each response is archived, its record id and digests. ``file``
    names the WARC that holds it at ``offset`` (the crawl's own, then the audit's evidence.warc.gz for the records
    it keeps); null once the record was not kept, its digests still stored."""
    db["archive_records"].create(
        {
            "run_id": int,
            "record_id": str,  # WARC-Record-ID of the response record: <urn:uuid:…>
            "url": str,  # canonical, as pages.url (attachment probes: as attachments.url)
            "target_uri": str,  # the URL that answered (after redirects)
            "kind": str,  # page | probe (an attachment's HEAD or ranged GET) | render | other (robots.txt …)
            "status": int,
            "content_type": str,
            "fetched_at": str,  # ISO, UTC: when the response passed (WARC-Date)
            "file": str,  # the WARC's file name in the audit's folder; null: not kept
            "offset": int,  # of the response record's gzip member; its request record follows
            "length": int,  # bytes of both records
            "payload_digest": str,  # WARC-Payload-Digest: sha1 (base32) of the payload stored
            "body_sha256": str,  # hex, of the whole body as received (before any cap)
            "body_length": int,  # bytes received
            "stored_length": int,  # bytes archived (capped: GOVAUDIT_WARC_MAX_BODY / _MAX_FILE_BODY)
            "truncated": str,  # "" | length (WARC-Truncated)
        },
        pk=("run_id", "record_id"),
    )
    db["archive_records"].create_index(["run_id", "url"])


@migrations()
def m011_revalidation(db: Database) -> None:
    """Re-audits that fetch only what changed (crawler.cache): which pages the server said were unchanged (304,
    read from the stored answer), and what the crawl took from the network."""
    db["pages"].add_column("not_modified", int)  # 1: answered 304 to a conditional request, the stored page read
    db["runs"].add_column("bytes_received", int)  # body bytes received from the network (304s carry none)
    db["runs"].add_column("not_modified", int)  # pages answered 304


@migrations()
def m012_link_graph(db: Database) -> None:
    """The link graph without every page's navigation repeated (crawler.linkgraph): the ``links`` table's rows move
    into ``urls``, ``link_chunks`` and ``page_links``, and ``links`` becomes a view over them."""
    conn = db.conn
    for statement in linkgraph.TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    if db["links"].exists():  # a table: the schema before this migration
        runs = [r for (r,) in conn.execute("select distinct run_id from links").fetchall()]
        if runs:  # once per database; a large one takes a while (about 15 s for 700,000 links)
            print(f"audit.db: 链接表转换为新的存储格式（{len(runs)} 次审计，仅此一次）…", file=sys.stderr, flush=True)
        for run_id in runs:
            writer = linkgraph.LinkWriter(conn, run_id)
            page: list[tuple[str, str, str]] = []
            current = None
            for from_url, to_url, anchor, kind in conn.execute(
                    "select from_url, to_url, anchor, kind from links where run_id = ? order by from_url, rowid",
                    [run_id]):
                if from_url != current and current is not None:
                    writer.write([(current, page)])
                    page = []
                current = from_url
                page.append((to_url, anchor or "", kind or ""))
            if current is not None:
                writer.write([(current, page)])
        conn.execute("drop table links")
    linkgraph.create(conn)


# the columns of ``pages`` a crawl stores compressed together in ``packed`` (rows written otherwise keep them as they are)
PACKED = ("text", "identity", "meta", "dates", "pager")


def pack_page(row: dict[str, Any]) -> dict[str, Any]:
    """The row as stored: its text and JSON columns moved into ``packed`` (zlib of a JSON object of their values),
    and ``final_url`` left empty where the page answered at its own URL."""
    values = {k: row.pop(k) for k in PACKED if row.get(k) is not None}
    row["packed"] = zlib.compress(json.dumps(values, ensure_ascii=False).encode("utf-8", "surrogatepass"), 6)
    if row.get("final_url") == row.get("url"):
        row["final_url"] = None
    return row


def unpack_page(row: dict[str, Any]) -> dict[str, Any]:
    """A ``pages`` row as it was before :func:`pack_page` (a row that holds its columns itself is left as it is)."""
    packed = row.get("packed")
    if packed:
        try:
            row.update(json.loads(zlib.decompress(packed).decode("utf-8", "surrogatepass")))
        except (zlib.error, ValueError):
            pass  # a damaged value reads as the columns it left empty
    if "final_url" in row and not row["final_url"]:
        row["final_url"] = row.get("url")
    return row


@migrations()
def m013_packed_pages(db: Database) -> None:
    """A page's text and JSON columns stored compressed together (``PACKED``): what a demo page's row holds of them
    takes about a third of the room (benchmarks/RESULTS.md, "Scale")."""
    db["pages"].add_column("packed", bytes)
