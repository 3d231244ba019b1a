"""Build a stored crawl in memory, row by row, for check tests (no crawling, no network)."""

from __future__ import annotations

import json
from typing import Any

from checks.catalogue import BY_ID
from checks.facts import Facts
from checks.model import Finding
from checks.profile import load_profile
from govaudit import store

BASE = "http://www.test.gov.cn/"
GUIDE_TEXT = (
    "政府信息公开工作机构：区政府办公室。办公地址：人民路1号。办公时间：工作日9:00-17:00。"
    "联系电话：0000-1234567。传真号码：0000-1234568。电子邮箱：gk@test.gov.cn。依申请公开的程序……"
)


class FakeCrawl:
    def __init__(self, as_of: str = "2026-11-27", start_url: str = BASE, truncated: bool = False) -> None:
        self.db = store.open_db(":memory:")
        self.run_id = store.create_run(self.db, site_name="测试区人民政府", start_url=start_url, as_of=as_of, settings={})
        self.db["runs"].update(self.run_id, {"truncated": int(truncated), "status": "done"})

    def page(self, path: str, *, state: str = "ok", status: int | None = 200, column: str = "",
             column_path: list[str] | None = None, department: str = "", kind: str = "other", text: str = "",
             title: str = "", pub_date: str | None = None, empty: bool = False, script: bool = False,
             pager: list[str] | None = None, depth: int = 1, anchor: str = "") -> str:
        url = BASE + path.lstrip("/")
        if state != "ok" and status == 200:
            status = None
        self.db["pages"].upsert({
            "run_id": self.run_id, "url": url, "final_url": url, "status": status, "fetch_state": state,
            "error": "" if state == "ok" else state, "title": title, "column_name": column,
            "column_path": json.dumps(column_path if column_path is not None else ([column] if column else []),
                                      ensure_ascii=False),
            "department": department, "pub_date": pub_date, "page_kind": kind, "empty_list": int(empty),
            "script_rendered": int(script), "text": text, "depth": depth, "anchor": anchor,
            "pager": json.dumps([BASE + p.lstrip("/") for p in (pager or [])]),
        }, pk=("run_id", "url"))
        return url

    def link(self, from_path: str, to_path: str, anchor: str, kind: str = "page") -> None:
        to_url = to_path if to_path.startswith("http") else BASE + to_path.lstrip("/")
        self.db["links"].upsert({"run_id": self.run_id, "from_url": BASE + from_path.lstrip("/"), "to_url": to_url,
                                 "anchor": anchor, "kind": kind}, pk=("run_id", "from_url", "to_url"))

    def entry(self, list_path: str, path: str, title: str, date: str | None = None, *, block: str = "",
              column: str = "", department: str = "") -> None:
        self.db["entries"].insert({"run_id": self.run_id, "list_url": BASE + list_path.lstrip("/"),
                                   "url": BASE + path.lstrip("/"), "title": title, "date": date, "date_raw": date or "",
                                   "block": block, "column_name": column, "department": department}, replace=True)

    def department(self, name: str, root: str) -> None:
        self.db["departments"].insert({"run_id": self.run_id, "name": name, "root_url": BASE + root.lstrip("/"),
                                       "source": "nav"}, replace=True)

    def delete_page(self, path: str) -> None:
        self.db.execute("delete from pages where url = ?", [BASE + path.lstrip("/")])

    def facts(self, profile: dict[str, Any] | None = None) -> Facts:
        return Facts(self.db, self.run_id, profile or load_profile())

    def run(self, check_id: str, profile: dict[str, Any] | None = None) -> list[Finding]:
        return list(BY_ID[check_id].run(self.facts(profile)))


DEPT = "测试区教育局"


def complete_site(as_of: str = "2026-11-27") -> FakeCrawl:
    """A small district where every check of the catalogue passes on 2026-11-27."""
    c = FakeCrawl(as_of)
    c.page("/", depth=0, title="测试区人民政府")
    for i, (block, day) in enumerate([("要闻动态", "2026-11-25"), ("通知公告", "2026-11-20")]):
        c.entry("/", f"/xw/{i}.html", f"{block}条目", day, block=block)
        c.page(f"/xw/{i}.html", kind="article", title=f"{block}条目", pub_date=day)
    c.page("/zwgk/", column="政府信息公开", anchor="政府信息公开")
    c.link("/", "/zwgk/", "政府信息公开")
    gk = {"gkzn": "政府信息公开指南", "gkzd": "政府信息公开制度", "fdzdgknr": "法定主动公开内容",
          "gknb": "政府信息公开年报", "gkml": "政府信息公开目录", "czyjs": "财政预决算", "bmxxgk": "部门信息公开"}
    for slug, name in gk.items():
        c.link("/zwgk/", f"/zwgk/{slug}/", name)
        c.page(f"/zwgk/{slug}/", column=name, column_path=["政府信息公开", name], kind="list", anchor=name)
    c.page("/zwgk/gkzn/", column="政府信息公开指南", column_path=["政府信息公开", "政府信息公开指南"], kind="article",
           text=GUIDE_TEXT)
    c.entry("/zwgk/gknb/", "/zwgk/gknb/2025.html", "测试区人民政府2025年政府信息公开工作年度报告", "2026-03-01",
            column="政府信息公开年报")
    fiscal = ["测试区2026年政府预算", "测试区2025年政府决算", f"{DEPT}2026年部门预算", f"{DEPT}2025年部门决算"]
    for i, title in enumerate(fiscal):
        c.entry("/zwgk/czyjs/", f"/zwgk/czyjs/{i}.html", title, "2026-03-01", column="财政预决算")
    c.department(DEPT, "/bm/jyj/")
    c.link("/zwgk/bmxxgk/", "/bm/jyj/", DEPT)
    c.page("/bm/jyj/", column=DEPT, department=DEPT, anchor=DEPT)
    c.link("/bm/jyj/", "/bm/jyj/gkzn/", "政府信息公开指南")
    c.link("/bm/jyj/", "/bm/jyj/gknb/", "政府信息公开年报")
    c.page("/bm/jyj/gkzn/", column="政府信息公开指南", department=DEPT, kind="article", text=GUIDE_TEXT)
    c.page("/bm/jyj/gknb/", column="政府信息公开年报", department=DEPT, kind="list")
    c.entry("/bm/jyj/gknb/", "/bm/jyj/gknb/2025.html", f"{DEPT}2025年政府信息公开工作年度报告", "2026-01-20",
            column="政府信息公开年报", department=DEPT)
    return c
