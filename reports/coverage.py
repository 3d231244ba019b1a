"""Coverage of a crawl: per audit area, what was read of what was discovered, and which limit kept the rest.

Read from the ``discoveries`` table (crawler.store, written by the crawl: one row per URL discovered, with its
class in the audit order, its area and what became of it). A budgeted audit (``--max-pages``) spends its pages
in the audit order, so the table says where the budget went and, for an item the checks could not decide, which
limit it waited on. Counts only; nothing here decides a result.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

KIND_ZH = {"list": "列表页", "entry": "条目", "page": "页面"}
LIMIT_ZH = {
    "max_pages": "页数上限（--max-pages）",
    "max_depth": "深度上限（--max-depth）",
    "max_time": "时间上限（--max-time）",
    "trap": "防陷阱规则",
    "not_reached": "抓取提前结束",
}
CLASS_ZH = {
    "home": "首页",
    "home_links": "首页链接",
    "tree": "政府信息公开目录树与部门栏目",
    "lists": "必查列表（逐页）",
    "first_pages": "其他栏目首页",
    "documents": "须通读的文件",
    "sample": "文章抽样",
    "department_lists": "部门其他列表（逐页）",
    "rest": "其余页面",
}


@dataclass
class Share:
    fetched: int = 0
    discovered: int = 0

    @property
    def complete(self) -> bool:
        return self.fetched == self.discovered


@dataclass
class AreaCoverage:
    area: str
    shares: dict[str, Share] = field(default_factory=dict)  # kind (list | entry | page) → fetched of discovered
    refused: dict[str, int] = field(default_factory=dict)  # limit → URLs it kept from being fetched
    priority: int = 0  # the highest priority of its URLs: areas are shown in the audit order

    @property
    def read(self) -> str:
        """E.g. 11/11 列表页，62/62 条目."""
        return "，".join(f"{s.fetched}/{s.discovered} {KIND_ZH.get(k, k)}" for k, s in self.shares.items()
                        if s.discovered)

    @property
    def unread(self) -> str:
        return "，".join(f"{LIMIT_ZH.get(k, k)} {n}" for k, n in self.refused.items()) or "无"

    @property
    def complete(self) -> bool:
        return not self.refused


@dataclass
class ClassCoverage:
    cls: str
    fetched: int
    discovered: int

    @property
    def label(self) -> str:
        return CLASS_ZH.get(self.cls, self.cls)


@dataclass
class Coverage:
    max_pages: int | None
    max_depth: int | None
    max_time: int | None
    discovered: int
    fetched: int
    areas: list[AreaCoverage]
    classes: list[ClassCoverage]

    @property
    def refused(self) -> int:
        return sum(n for a in self.areas for n in a.refused.values())


def _limit_rank(limit: str) -> int:
    return list(LIMIT_ZH).index(limit) if limit in LIMIT_ZH else len(LIMIT_ZH)


def _limits(settings: str | None) -> dict[str, Any]:
    try:
        value = json.loads(settings) if settings else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def read_coverage(db: Database, run_id: int) -> Coverage | None:
    """The coverage of a run, or None when its crawl recorded no discoveries (stored before they were)."""
    if "discoveries" not in db.table_names():
        return None
    rows = list(db.query(
        "select area, kind, class, state, count(*) as n, max(priority) as top from discoveries where run_id = ? "
        "group by area, kind, class, state", [run_id]))
    if not rows:
        return None
    areas: dict[str, AreaCoverage] = {}
    classes: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # fetched, discovered, top priority
    for r in rows:
        area = areas.setdefault(r["area"] or "", AreaCoverage(r["area"] or ""))
        share = area.shares.setdefault(r["kind"] or "page", Share())
        share.discovered += r["n"]
        fetched = r["state"] == "fetched"
        share.fetched += r["n"] if fetched else 0
        if not fetched:
            area.refused[r["state"]] = area.refused.get(r["state"], 0) + r["n"]
        area.priority = max(area.priority, r["top"] or 0)
        counts = classes[r["class"] or ""]
        counts[0] += r["n"] if fetched else 0
        counts[1] += r["n"]
        counts[2] = max(counts[2], r["top"] or 0)
    for area in areas.values():
        area.shares = {k: area.shares[k] for k in ("list", "entry", "page") if k in area.shares}
        area.refused = {k: area.refused[k] for k in sorted(area.refused, key=_limit_rank)}
    run = next(db.query("select settings from runs where id = ?", [run_id]), {})
    limits = _limits(run.get("settings"))
    return Coverage(
        max_pages=limits.get("max_pages"),
        max_depth=limits.get("max_depth"),
        max_time=limits.get("max_time") or None,
        discovered=sum(c[1] for c in classes.values()),
        fetched=sum(c[0] for c in classes.values()),
        areas=sorted(areas.values(), key=lambda a: (-a.priority, a.area)),
        classes=[ClassCoverage(cls, c[0], c[1]) for cls, c in sorted(classes.items(), key=lambda kv: -kv[1][2])],
    )


def coverage_dict(coverage: Coverage | None) -> dict[str, Any] | None:
    """The ``coverage`` key of findings.json."""
    if coverage is None:
        return None
    return {
        "max_pages": coverage.max_pages,
        "max_depth": coverage.max_depth,
        "max_time": coverage.max_time,
        "discovered": coverage.discovered,
        "fetched": coverage.fetched,
        "areas": [
            {
                "area": a.area,
                "read": a.read,
                **{KIND_PLURAL[k]: {"fetched": s.fetched, "discovered": s.discovered} for k, s in a.shares.items()},
                "refused": dict(a.refused),
                "complete": a.complete,
            }
            for a in coverage.areas
        ],
        "classes": [{"class": c.cls, "label": c.label, "fetched": c.fetched, "discovered": c.discovered}
                    for c in coverage.classes],
    }


KIND_PLURAL = {"list": "lists", "entry": "entries", "page": "pages"}
