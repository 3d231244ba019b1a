"""The site's column tree, per unit, derived from what the crawl stored (``columns`` table).

Each fetched page carries a column path (ColumnName meta, breadcrumb, title). Every path and each of its
prefixes is a node of its unit's tree. A node counts the pages of the column and its sub-columns, the list
entries they show and the newest date read there (a list's month-day whose year was only inferred is not one). Its state says what a reader may conclude:

- ``script_rendered``: a list page of the column is drawn by script and shows nothing statically;
- ``unreadable``: a page of the column's lists (a pager page, a dataproxy range) could not be read;
- ``empty``: its list pages say they hold nothing and show no entries;
- ``ok``: otherwise.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from crawler import store


@dataclass
class Node:
    department: str
    path: tuple[str, ...]
    url: str = ""
    url_depth: int = 1 << 30
    pages: set[str] = field(default_factory=set)
    entries: int = 0
    newest: str = ""
    script_rendered: bool = False
    unreadable: bool = False
    empty_lists: int = 0
    lists: int = 0

    def state(self) -> str:
        if self.script_rendered and not self.entries:
            return "script_rendered"
        if self.unreadable:
            return "unreadable"
        if self.lists and self.empty_lists == self.lists and not self.entries:
            return "empty"
        return "ok"

    def row(self, run_id: int) -> dict[str, Any]:
        return {
            "run_id": run_id,
            "department": self.department,
            "path": json.dumps(list(self.path), ensure_ascii=False),
            "name": self.path[-1],
            "url": self.url,
            "pages": len(self.pages),
            "entries": self.entries,
            "newest_date": self.newest or None,
            "state": self.state(),
        }


_COLUMNS = ("url", "fetch_state", "column_path", "department", "depth", "page_kind", "empty_list", "script_rendered",
            "pub_date")


def _slim(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its pager read from ``packed`` (crawler.store), and the rest of what that holds let go."""
    pager = store.unpack_page(row).get("pager")
    return {k: row.get(k) for k in _COLUMNS} | {"pager": pager}


def build_column_tree(db: Any, run_id: int) -> list[dict[str, Any]]:
    """Rows of the ``columns`` table for one run (not written)."""
    pages = {r["url"]: _slim(r) for r in db.query(
        f"select {', '.join(_COLUMNS)}, pager, packed from pages where run_id = ?", [run_id])}
    entries: dict[str, list[str | None]] = defaultdict(list)
    has_source = "date_source" in db["entries"].columns_dict
    for r in db.query("select list_url, date" + (", date_source" if has_source else "") + " from entries where run_id = ?",
                      [run_id]):
        # a month-day whose year was inferred from the audit date (as_of) was not read: it is no newest date
        # (the entry's own page, where fetched, gives its date to the column as an article of it)
        entries[r["list_url"]].append(None if r.get("date_source") == "as_of" else r["date"])
    nodes: dict[tuple[str, tuple[str, ...]], Node] = {}
    for url, page in pages.items():
        if page["fetch_state"] != "ok":
            continue
        path = tuple(p for p in json.loads(page["column_path"] or "[]") if p)
        if not path:
            continue
        dept = page["department"] or ""
        dates = [d for d in entries.get(url, []) if d]
        if page["pub_date"] and page["page_kind"] != "list":
            dates.append(page["pub_date"])
        failed_pager = any(pages.get(u) is not None and pages[u]["fetch_state"] != "ok"
                           for u in json.loads(page["pager"] or "[]"))
        for n in range(1, len(path) + 1):
            node = nodes.setdefault((dept, path[:n]), Node(dept, path[:n]))
            node.pages.add(url)
            node.entries += len(entries.get(url, []))
            if dates:
                node.newest = max([node.newest, *dates])
            if n == len(path):
                if page["page_kind"] == "list":
                    node.lists += 1
                    node.empty_lists += int(bool(page["empty_list"]))
                    depth = page["depth"] if page["depth"] is not None else 1 << 29
                    if depth < node.url_depth:
                        node.url, node.url_depth = url, depth
                node.script_rendered |= bool(page["script_rendered"])
                node.unreadable |= failed_pager
    for node in nodes.values():
        if not node.url:  # no list page: the shallowest page of the column
            best = min(node.pages, key=lambda u: (pages[u]["depth"] or 0, u))
            node.url = best
    return [node.row(run_id) for _key, node in sorted(nodes.items())]


def store_column_tree(db: Any, run_id: int) -> int:
    rows = build_column_tree(db, run_id)
    with db.conn:
        db.execute("delete from columns where run_id = ?", [run_id])
        if rows:
            db["columns"].insert_all(rows, batch_size=500)
    return len(rows)
