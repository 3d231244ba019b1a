"""How the audit database keeps a crawl small (issue 11): the link graph without every page's navigation repeated,
a page's bulky columns packed, and older databases converted without losing a link."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from crawler import linkgraph, store

BASE = "http://www.test.gov.cn/"
NAV = [(f"{BASE}col{i}/", f"栏目{i}", "page") for i in range(40)] + [("http://www.gov.cn/", "中国政府网", "external"),
                                                                     (f"{BASE}search", "搜索", "form")]


def page_of(n: int) -> list[tuple[str, str, str]]:
    """A page's links: the site's navigation, then links of its own (an attachment, the next article)."""
    own = [(f"{BASE}art/{n}.pdf", f"附件{n}", "attachment"), (f"{BASE}art/{n + 1}.html", f"文章{n + 1}", "page")]
    return NAV[:20] + own + NAV[20:]


def stored(db: Database, run_id: int, url: str) -> list[tuple[str, str, str]]:
    return linkgraph.page_links(db.conn, run_id, url)


def test_navigation_is_stored_once_and_every_page_reads_back_its_links_in_order() -> None:
    db = store.open_db(":memory:")
    run_id = store.create_run(db, site_name="测试区", start_url=BASE, as_of="2026-11-27", settings={})
    pages = {f"{BASE}art/{n}.html": page_of(n) for n in range(300)}
    writer = linkgraph.LinkWriter(db.conn, run_id)
    writer.write(pages.items())
    for url, links in pages.items():
        assert stored(db, run_id, url) == links
    total = sum(len(links) for links in pages.values())
    assert db.execute("select count(*) from links where run_id = ?", [run_id]).fetchone()[0] == total
    kept = db.execute("select count(*) from link_chunks where run_id = ?", [run_id]).fetchone()[0]
    # each page keeps its own 2 links and the navigation links that share their chunks (about 4 links a chunk); the
    # navigation itself is kept once, not 300 times
    assert kept < 300 * 2 * linkgraph.CUT_EVERY + 3 * len(NAV), (kept, total)
    assert kept < total / 8, (kept, total)
    assert db.execute("select count(*) from urls where run_id = ?", [run_id]).fetchone()[0] == len(
        {u for u in pages} | {lk[0] for links in pages.values() for lk in links})


def test_a_page_stored_again_keeps_its_first_links_and_a_url_named_twice_counts_once() -> None:
    db = store.open_db(":memory:")
    run_id = store.create_run(db, site_name="测试区", start_url=BASE, as_of="2026-11-27", settings={})
    url = f"{BASE}index.html"
    linkgraph.LinkWriter(db.conn, run_id).write([(url, [NAV[0], NAV[1], (NAV[0][0], "again", "page")])])
    linkgraph.LinkWriter(db.conn, run_id).write([(url, [NAV[5]])])  # a continued run meets the page again
    assert stored(db, run_id, url) == [NAV[0], NAV[1]]
    linkgraph.replace_links(db.conn, run_id, url, [NAV[5]])
    assert stored(db, run_id, url) == [NAV[5]]


def test_two_runs_keep_their_own_ids() -> None:
    db = store.open_db(":memory:")
    first = store.create_run(db, site_name="测试区", start_url=BASE, as_of="2026-10-27", settings={})
    second = store.create_run(db, site_name="测试区", start_url=BASE, as_of="2026-11-27", settings={})
    linkgraph.LinkWriter(db.conn, first).write([(BASE, page_of(1))])
    linkgraph.LinkWriter(db.conn, second).write([(BASE, page_of(2))])
    assert stored(db, first, BASE) == page_of(1) and stored(db, second, BASE) == page_of(2)


def test_an_older_database_is_converted_without_losing_a_link(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    db = Database(path)
    store.migrations.apply(db, stop_before="m012_link_graph")  # the schema of an audit stored before issue 11
    run_id = store.create_run(db, site_name="测试区", start_url=BASE, as_of="2026-10-27", settings={})
    rows = [{"run_id": run_id, "from_url": f"{BASE}p{n}.html", "to_url": to, "anchor": anchor, "kind": kind}
            for n in range(50) for to, anchor, kind in page_of(n)]
    db["links"].insert_all(rows)
    db.close()

    db = store.open_db(path)  # opening applies the migrations
    assert "links" in db.view_names()
    for n in range(50):
        assert stored(db, run_id, f"{BASE}p{n}.html") == page_of(n)
    assert db.execute("select count(*) from links").fetchone()[0] == len(rows)
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_a_page_row_is_packed_and_read_back_whole() -> None:
    row = {"url": BASE, "final_url": BASE, "title": "首页", "text": "政府信息公开" * 200, "identity": '{"icp": "京ICP备1号"}',
           "meta": '{"SiteName": "测试区人民政府"}', "dates": "[]", "pager": "[]"}
    packed = store.pack_page(dict(row))
    assert {"text", "identity", "meta", "dates", "pager"}.isdisjoint(packed)
    assert len(packed["packed"]) < len(row["text"].encode()) / 10
    assert packed["final_url"] is None  # the page answered at its own URL
    assert store.unpack_page(packed) == {**row, "packed": packed["packed"]}
    plain = dict(row)  # a row stored with its columns (an older crawl) reads as it is
    assert store.unpack_page(plain) == row
