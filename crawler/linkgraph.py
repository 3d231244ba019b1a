"""The link graph as the audit database keeps it: every URL once, and each page's links as a run of shared chunks.

A portal repeats its navigation (header menu, footer, 友情链接) on every page: stored as one row per link, a
100,000-page crawl keeps the same forty links 100,000 times. Here a page's links, in document order, are cut
into short chunks where the link's own URL says so (content-defined chunking: a cut after every link whose URL
hashes to 0 modulo ``CUT_EVERY``), so the same run of links is cut the same way on every page that shows it,
whatever comes before it. A chunk is stored once per run under the hash of what it holds; a page stores the list
of its chunks. Tables (all per run; ids are the run's own, so a run copies into another database unchanged):

- ``urls``        (run_id, id, url): every URL a link names or leaves from, once
- ``link_chunks`` (run_id, chunk, pos, to_id, anchor, kind): the links of each distinct chunk
- ``page_links``  (run_id, from_id, pos, chunk): which chunks a page shows, in order

and the view ``links`` (run_id, from_url, to_url, anchor, kind) that reads them back as one row per link.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

CUT_EVERY = 4  # a chunk ends after a link whose URL's crc32 is 0 modulo this: about 4 links a chunk
MAX_CHUNK = 16  # and after this many links at the latest

TABLES = """
create table if not exists urls (
    run_id integer not null, id integer not null, url text not null,
    primary key (run_id, id)) without rowid;
create unique index if not exists urls_run_url on urls (run_id, url);
create table if not exists link_chunks (
    run_id integer not null, chunk integer not null, pos integer not null,
    to_id integer not null, anchor text not null, kind text not null,
    primary key (run_id, chunk, pos)) without rowid;
create table if not exists page_links (
    run_id integer not null, from_id integer not null, pos integer not null, chunk integer not null,
    primary key (run_id, from_id, pos)) without rowid;
"""
VIEW = """
create view if not exists links as
    select p.run_id as run_id, f.url as from_url, t.url as to_url, c.anchor as anchor, c.kind as kind,
           p.pos as chunk_pos, c.pos as link_pos
    from page_links p
    join urls f on f.run_id = p.run_id and f.id = p.from_id
    join link_chunks c on c.run_id = p.run_id and c.chunk = p.chunk
    join urls t on t.run_id = c.run_id and t.id = c.to_id;
"""

LinkTuple = tuple[str, str, str]  # (to_url, anchor, kind)


def chunks_of(links: Sequence[LinkTuple]) -> list[list[LinkTuple]]:
    """A page's links cut into chunks where the links themselves say (see the module's docstring)."""
    chunks: list[list[LinkTuple]] = []
    current: list[LinkTuple] = []
    for link in links:
        current.append(link)
        if len(current) >= MAX_CHUNK or zlib.crc32(link[0].encode("utf-8", "surrogatepass")) % CUT_EVERY == 0:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def chunk_key(chunk: Sequence[LinkTuple]) -> int:
    """The chunk's key: a signed 64-bit hash of what it holds."""
    digest = hashlib.blake2b(digest_size=8)
    for to_url, anchor, kind in chunk:
        digest.update("\x1f".join((to_url, anchor, kind)).encode("utf-8", "surrogatepass") + b"\x1e")
    return int.from_bytes(digest.digest(), "big", signed=True)


class LinkWriter:
    """Writes pages' links for one run. It remembers the run's URL ids and stored chunks (read back when a killed
    run is continued), so each URL and each chunk is written once."""

    def __init__(self, conn: Any, run_id: int) -> None:
        self.conn = conn
        self.run_id = run_id
        self.url_ids: dict[str, int] = dict(conn.execute("select url, id from urls where run_id = ?", [run_id]))
        self.next_id = max(self.url_ids.values(), default=0) + 1
        self.chunks: set[int] = {row[0] for row in conn.execute(
            "select distinct chunk from link_chunks where run_id = ?", [run_id])}
        self.pages: set[int] = {row[0] for row in conn.execute(
            "select distinct from_id from page_links where run_id = ?", [run_id])}
        self.new_urls: list[tuple[int, int, str]] = []

    def url_id(self, url: str) -> int:
        found = self.url_ids.get(url)
        if found is None:
            found = self.url_ids[url] = self.next_id
            self.next_id += 1
            self.new_urls.append((self.run_id, found, url))
        return found

    def write(self, pages: Iterable[tuple[str, Sequence[LinkTuple]]]) -> None:
        """Store the links of these pages (from_url, [(to_url, anchor, kind), …] in document order); a page whose
        links are stored already (a continued run) is left as it is; a URL a page names twice counts once."""
        chunk_rows: list[tuple[Any, ...]] = []
        page_rows: list[tuple[int, int, int, int]] = []
        for from_url, links in pages:
            seen: set[str] = set()
            unique = [lk for lk in links if not (lk[0] in seen or seen.add(lk[0]))]
            from_id = self.url_id(from_url)
            if from_id in self.pages:
                continue
            self.pages.add(from_id)
            for pos, chunk in enumerate(chunks_of(unique)):
                key = chunk_key(chunk)
                if key not in self.chunks:
                    self.chunks.add(key)
                    chunk_rows.extend((self.run_id, key, i, self.url_id(to), anchor or "", kind or "")
                                      for i, (to, anchor, kind) in enumerate(chunk))
                page_rows.append((self.run_id, from_id, pos, key))
        self.conn.executemany("insert or ignore into urls (run_id, id, url) values (?, ?, ?)", self.new_urls)
        self.new_urls = []
        self.conn.executemany("insert or ignore into link_chunks values (?, ?, ?, ?, ?, ?)", chunk_rows)
        self.conn.executemany("insert or ignore into page_links values (?, ?, ?, ?)", page_rows)


def replace_links(conn: Any, run_id: int, from_url: str, links: Sequence[LinkTuple]) -> None:
    """Give one stored page these links in place of those it has (tests, repairs). Chunks no page shows any more
    are left: they are found from no page."""
    writer = LinkWriter(conn, run_id)
    from_id = writer.url_ids.get(from_url)
    if from_id is not None:
        conn.execute("delete from page_links where run_id = ? and from_id = ?", [run_id, from_id])
        writer.pages.discard(from_id)
    writer.write([(from_url, links)])


def create(conn: Any) -> None:
    """The tables and the ``links`` view (an older database's ``links`` table is converted: ``store.m012``)."""
    for statement in (TABLES + VIEW).split(";"):
        if statement.strip():
            conn.execute(statement)


def page_links(conn: Any, run_id: int, from_url: str) -> list[LinkTuple]:
    """One page's links as stored, in document order."""
    return [tuple(r) for r in conn.execute(
        "select to_url, anchor, kind from links where run_id = ? and from_url = ? order by chunk_pos, link_pos",
        [run_id, from_url])]
