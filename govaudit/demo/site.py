"""The built-in demo district: a fictional TRS-era district portal written as static files.

``build_demo_site`` writes the portal, ``_demo/manifest.json`` (what was planted: gaps that a correct
audit must report as failed, traps it must report as unknown) and ``_demo/behaviors.json`` (answers the
loopback server gives instead of a file). Everything is a function of (as_of, seed, articles_per_column,
gaps): all dates are counted from ``as_of``.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from govaudit.demo import content, portal, schedule, texts, yearly
from govaudit.demo import gaps as plant
from govaudit.demo.content import AREA_ITEMS, FD_EXTRA, KEY_AREAS, Department
from govaudit.demo.model import Attachment, Column, Item
from govaudit.demo.pages import Renderer, Sidebar

MANIFEST = Path("_demo") / "manifest.json"
BEHAVIORS = Path("_demo") / "behaviors.json"
PER_PAGE = 20

TitleFn = Callable[[random.Random, date], "str | tuple[str, str]"]


@dataclass
class DemoSite:
    root: Path
    name: str
    manifest: dict[str, Any] = field(default_factory=dict)
    behaviors: dict[str, dict[str, Any]] = field(default_factory=dict)


def build_demo_site(
    out_dir: Path,
    as_of: date,
    *,
    name: str = "示范区",
    articles_per_column: int = 12,
    seed: int = 0,
    gaps: bool = True,
) -> DemoSite:
    """Write the demo portal into ``out_dir`` (created; emptied first if it holds an earlier demo)."""
    out_dir = Path(out_dir)
    _prepare(out_dir)
    builder = _Builder(out_dir, as_of, name, max(1, articles_per_column), seed, gaps)
    builder.build()
    return DemoSite(
        root=out_dir, name=builder.r.site_name, manifest=builder.manifest, behaviors=builder.behaviors
    )


# Pages grow with articles_per_column: 21 columns scale with it (articles plus one list page per 20,
# and the 政府信息公开目录 lists five of them again); about 284 pages do not (measured with gaps off).
PAGES_PER_ARTICLE_STEP = 22.3
FIXED_PAGES = 284


def per_column_for_pages(pages: int) -> int:
    """The ``articles_per_column`` that gives about ``pages`` HTML pages (gaps off; about 5 % fewer with gaps)."""
    return max(1, round((pages - FIXED_PAGES) / PAGES_PER_ARTICLE_STEP))


def _prepare(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()):
        if not (out_dir / MANIFEST).is_file():
            raise FileExistsError(f"{out_dir} is not empty and does not hold a demo site")
        for child in out_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)


class _Builder:
    def __init__(self, out: Path, as_of: date, region: str, n: int, seed: int, gaps: bool) -> None:
        self.out, self.as_of, self.region, self.n, self.seed, self.gaps = out, as_of, region, n, seed, gaps
        self.depts = content.departments(region)
        self.dept = {d.code: d for d in self.depts}
        self.due = schedule.due_years(as_of)
        self.columns: dict[str, Column] = {}
        self.singles: list[Item] = []  # single-page articles (指南, 依申请公开)
        self.all_items: list[Item] = []
        self._id = 0
        self._dirs: set[Path] = set()
        self.pages = 0
        self.files = 0
        self.manifest: dict[str, Any] = {}
        self.behaviors: dict[str, dict[str, Any]] = {}
        self.r = Renderer(region, as_of, self._sidebars())

    # ---- small helpers

    def rng(self, key: str) -> random.Random:
        return random.Random(f"{self.seed}|{self.n}|{key}")

    def days_ago(self, n: int) -> date:
        return self.as_of - timedelta(days=n)

    def write(self, url_path: str, data: str | bytes) -> None:
        path = self.out / url_path.lstrip("/")
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        self.files += 1
        self.pages += url_path.endswith(".html")

    def column(
        self, key: str, name: str, path: str, crumbs: list[tuple[str, str]], sidebar: str, **kw: Any
    ) -> Column:
        col = Column(name=name, path=path, crumbs=crumbs, sidebar=sidebar, **kw)
        self.columns[key] = col
        return col

    def item(self, col: Column, title: str, day: date, rng: random.Random, **kw: Any) -> Item:
        self._id += 1  # provisional: renumber() gives the final ids in publication order
        time = f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        kw.setdefault("source", col.publisher or self.r.sponsor)
        if "paragraphs" not in kw:
            kw["paragraphs"] = content.paragraphs(rng, title, day, self.region)
        it = Item(id=self._id, title=title, day=day, time=time, column=col, **kw)
        self.all_items.append(it)
        if not it.fixed_path:
            col.items.append(it)
        return it

    def renumber(self) -> None:
        """Ids grow with publication time, as a CMS hands them out."""
        rng = self.rng("ids")
        next_id = 4_100_000 + rng.randint(0, 99_999)
        for it in sorted(self.all_items, key=lambda it: (it.day, it.time, it.id)):
            next_id += rng.randint(1, 9)
            it.id = next_id

    def attach(self, it: Item, label: str) -> None:
        ext = label.rsplit(".", 1)[1]
        if ext == "pdf":
            data = content.minimal_pdf()
        elif ext in ("xls", "xlsx", "et"):
            data = content.spreadsheet(label.rsplit(".", 1)[0], ("项目", "金额（万元）"), [("合计", "0.00")])
        else:
            data = content.rtf_document(label.rsplit(".", 1)[0], [it.title])
        it.attachments.append(Attachment(label=label, data=data))

    def series(
        self,
        col: Column,
        count: int,
        newest: int,
        step: tuple[int, int],
        title: TitleFn,
        *,
        attach_every: int = 0,
        source: Callable[[random.Random], str] | None = None,
    ) -> None:
        """``count`` items, the newest ``newest`` days before as_of, then going back ``step`` days each."""
        rng = self.rng(col.path)
        day = self.days_ago(newest)
        for i in range(count):
            if i:
                day -= timedelta(days=rng.randint(*step))
            made = title(rng, day)
            t, doc_no = made if isinstance(made, tuple) else (made, "")
            kw: dict[str, Any] = {"doc_no": doc_no}
            if source is not None:
                kw["source"] = source(rng)
            it = self.item(col, t, day, rng, **kw)
            if attach_every and i % attach_every == attach_every - 1:
                self.attach(it, f"{t[:40]}.pdf")

    # ---- the whole build

    def build(self) -> None:
        self.news_columns()
        self.disclosure_columns()
        yearly.add_government_fiscal(self)
        yearly.add_district_reports(self)
        self.department_columns()
        portal.add_service_columns(self)
        portal.add_single_pages(self)
        self.renumber()
        for col in self.columns.values():
            col.items.sort(key=lambda it: (it.day, it.id), reverse=True)
        if self.gaps:
            plant.mark(self)
        self.catalogue()
        self.write_columns()
        portal.write_special_pages(self)
        self.write_manifest()

    def _sidebars(self) -> dict[str, Sidebar]:
        zwgk = [
            ("政府信息公开指南", "/zwgk/gkzn/index.html", 1),
            ("政府信息公开制度", "/zwgk/gkzd/index.html", 1),
            ("法定主动公开内容", "/zwgk/fdzdgknr/index.html", 1),
            *((t, h, 2) for t, h in FDZDGKNR),
            *((t, f"/zwgk/fdzdgknr/{c}/index.html", 2) for c, t in FD_EXTRA),
            ("重点领域信息公开", "/zwgk/zdly/index.html", 1),
            *((t, f"/zwgk/zdly/{c}/index.html", 2) for c, t in KEY_AREAS),
            ("政务公开事项标准目录", "/zwgk/bzml/index.html", 1),
            ("政府信息公开年报", "/zwgk/gknb/index.html", 1),
            ("政府信息公开目录", "/zwgk/gkml/index.html", 1),
            ("依申请公开", "/zwgk/ysqgk/index.html", 1),
            ("部门信息公开", "/bmxxgk/index.html", 1),
        ]
        bars: dict[str, Sidebar] = {
            "news": ("新闻中心", [(t, f"/xwzx/{c}/index.html", 1) for c, t in NEWS]),
            "zwgk": ("政府信息公开", zwgk),
            "hdjl": ("互动交流", [("领导信箱", "/hdjl/ldxx/index.html", 1)]),
        }
        for d in self.depts:
            rows = [(t, f"{d.root}{c}/index.html", 1) for c, t in DEPT_COLUMNS]
            if not self.has_guide(d):
                rows = [r for r in rows if "gkzn" not in r[1]]
            bars[f"bm:{d.code}"] = (d.name, rows)
        return bars

    def has_guide(self, d: Department) -> bool:
        return not (self.gaps and d.code == plant.NO_GUIDE)

    # ---- columns

    def news_columns(self) -> None:
        crumbs = [("新闻中心", "/xwzx/index.html")]
        cols = {c: self.column(c, t, f"/xwzx/{c}/", crumbs, "news") for c, t in NEWS}
        region, n = self.region, self.n
        news = lambda g, d: content.news_title(g, d, region)  # noqa: E731
        notice = lambda g, d: content.notice_title(g, d, region)  # noqa: E731
        self.series(cols["ywdt"], n, 0, (0, 2), news, source=lambda g: f"{region}融媒体中心")
        self.series(cols["tzgg"], max(n, 2), 1, (1, 4), notice, attach_every=4)
        # the hostile title: a report that does not escape it runs the script
        hostile = cols["tzgg"].items[1]
        hostile.title = f"<script>alert('x')</script>关于做好{hostile.day.year}年度防汛工作的通知"
        hostile.paragraphs = content.paragraphs(self.rng("hostile"), hostile.title, hostile.day, region)

        def dept_news(g: random.Random, d: date) -> str:
            return content.department_news_title(g, d, self.depts[g.randrange(len(self.depts))])

        self.series(cols["bmdt"], n, plant.STALE_DAYS if self.gaps else 1, (1, 3), dept_news)

    def disclosure_columns(self) -> None:
        base = [("政务公开", "/zwgk/index.html")]
        fd = [*base, ("法定主动公开内容", "/zwgk/fdzdgknr/index.html")]
        region, n, sponsor = self.region, self.n, self.r.sponsor
        kw = {"gk": True, "publisher": sponsor}
        zcwj = self.column("zcwj", "政策文件", "/zwgk/zcwj/", fd, "zwgk", **kw)
        self.series(zcwj, n, 2, (3, 10), lambda g, d: content.policy_title(g, d, region), attach_every=3)
        formed = self.rng("formed")
        for it in zcwj.items:  # drafted a few days before publication: within 20 working days
            it.formed = it.day - timedelta(days=formed.randint(2, 10))
        jgzn = self.column("jgzn", "机构职能", "/zwgk/fdzdgknr/jgzn/", fd, "zwgk", **kw)
        self.series(
            jgzn, min(n, 12), 9, (20, 60), lambda g, d: content.organisation_title(g, d, region, self.depts)
        )
        ghjh = self.column("ghjh", "规划计划", "/zwgk/fdzdgknr/ghjh/", fd, "zwgk", **kw)
        self.series(ghjh, 0 if self.gaps else n, 12, (20, 45), lambda g, d: content.plan_title(g, d, region))
        zdjs = self.column("zdjsxm", "重大建设项目", "/zwgk/fdzdgknr/zdjsxm/", fd, "zwgk", **kw)
        self.series(zdjs, n, 4, (5, 15), lambda g, d: content.project_title(g, d, region), attach_every=3)
        xzzf = self.column("xzzf", "行政执法", "/zwgk/fdzdgknr/xzzf/", fd, "zwgk", **kw)
        self.series(xzzf, n, 1, (2, 6), lambda g, d: content.enforcement_title(g, d, region))
        tjxx = self.column("tjxx", "统计信息", "/zwgk/fdzdgknr/tjxx/", fd, "zwgk", **kw)
        self.series(tjxx, n, 5, (28, 33), lambda g, d: content.statistics_title(g, d, region))
        for code, name in FD_EXTRA:
            col = self.column(code, name, f"/zwgk/fdzdgknr/{code}/", fd, "zwgk", **kw)
            self.series(col, AREA_ITEMS, 3, (15, 40), lambda g, d, name=name: content.area_title(g, d, region, name))
        zdly = [*base, ("重点领域信息公开", "/zwgk/zdly/index.html")]
        for code, name in KEY_AREAS:
            col = self.column(code, name, f"/zwgk/zdly/{code}/", zdly, "zwgk", **kw)
            newest = plant.STALE_AREA_DAYS if self.gaps and code == plant.STALE_AREA else 6
            self.series(col, AREA_ITEMS, newest, (15, 40), lambda g, d, name=name: content.area_title(g, d, region, name))
        gkzd = self.column("gkzd", "政府信息公开制度", "/zwgk/gkzd/", base, "zwgk", **kw)
        rules = content.RULES
        self.series(gkzd, len(rules), 6, (30, 90), lambda g, d: f"{region}{rules[len(gkzd.items)]}")

    def department_columns(self) -> None:
        for d in self.depts:
            crumbs = [("部门信息公开", "/bmxxgk/index.html"), (d.name, d.root + "index.html")]
            kw = {"gk": True, "publisher": d.name}
            cols = {
                c: self.column(f"{d.code}/{c}", t, f"{d.root}{c}/", crumbs, f"bm:{d.code}", **kw)
                for c, t in DEPT_COLUMNS
                if c != "gkzn"
            }
            g = self.rng(d.root)
            news = lambda r, day, d=d: content.department_news_title(r, day, d)  # noqa: E731
            notices = lambda r, day, d=d: content.department_notice_title(r, day, d)  # noqa: E731
            self.series(cols["gzdt"], self.n, g.randint(0, 3), (1, 5), news)
            self.series(cols["tzgg"], self.n, g.randint(2, 6), (4, 12), notices)
            yearly.add_department_reports(self, d, cols["gknb"])
            yearly.add_department_fiscal(self, d, cols["yjs"])
            if self.has_guide(d):
                self.department_guide(d, crumbs, g)
        central = self.columns["bmyjs"]
        for d in self.depts:
            if not (self.gaps and d.code == plant.TRAP):  # else the trap would be decidable from here
                central.items.extend(self.columns[f"{d.code}/yjs"].items)

    def department_guide(self, d: Department, crumbs: list[tuple[str, str]], rng: random.Random) -> None:
        office, address = f"{d.name}办公室", f"{self.r.address}{d.short}办公楼"
        html = texts.guide_html(d.name, texts.guide_elements(office, address, d.phone, d.fax, d.email))
        col = Column("政府信息公开指南", f"{d.root}gkzn/", crumbs, f"bm:{d.code}", publisher=d.name)
        day, path = self.days_ago(rng.randint(20, 150)), f"{d.root}gkzn/index.html"
        it = self.item(col, f"{d.name}政府信息公开指南", day, rng, paragraphs=[], html=html, fixed_path=path)
        self.singles.append(it)

    def catalogue(self) -> None:
        """The 政府信息公开目录: every item the district government itself discloses, newest first."""
        col = self.column(
            "gkml", "政府信息公开目录", "/zwgk/gkml/", [("政务公开", "/zwgk/index.html")], "zwgk"
        )
        for key in ("zcwj", "jgzn", "ghjh", "zdjsxm", "xzzf", "tjxx", "gkzd", "gknb", "zfyjs"):
            col.items.extend(self.columns[key].items)
        col.items.sort(key=lambda it: (it.day, it.id), reverse=True)

    # ---- writing

    def write_columns(self) -> None:
        for col in self.columns.values():
            items = col.items
            pages = max(1, -(-len(items) // PER_PAGE))
            for k in range(pages):
                name = "index.html" if k == 0 else f"index_{k}.html"
                self.write(
                    col.path + name, self.r.list_page(col, items[k * PER_PAGE : (k + 1) * PER_PAGE], k, pages)
                )
            for it in items:
                if it.column is col:
                    self.write_item(it)
        for it in self.singles:
            self.write_item(it)

    def write_item(self, it: Item) -> None:
        self.write(it.path, self.r.article_page(it))
        for k, a in enumerate(it.attachments):
            self.write(it.attachment_path(k), a.data)

    def write_manifest(self) -> None:
        failed, unknowns, self.behaviors = plant.planted(self) if self.gaps else ([], [], {})
        self.manifest = {
            "generator": "govaudit.demo",
            "site": {
                "name": self.r.site_name,
                "region": self.region,
                "domain": content.DOMAIN,
                "site_code": content.SITE_CODE,
                "icp": content.ICP,
                "police_record": content.POLICE_RECORD,
                "sponsor": self.r.sponsor,
                "home": "/index.html",
            },
            "as_of": self.as_of.isoformat(),
            "seed": self.seed,
            "articles_per_column": self.n,
            "gaps_planted": self.gaps,
            "due_years": self.due,
            "departments": [{"name": d.name, "code": d.code, "root": d.root} for d in self.depts],
            "columns": [
                {
                    "name": c.name,
                    "path": c.href,
                    "items": len(c.items),
                    "newest": c.items[0].day.isoformat() if c.items else None,
                }
                for c in self.columns.values()
            ],
            "hostile_title": self.columns["tzgg"].items[1].title,
            "robots_disallowed": ["/admin/"],
            "gaps": failed,
            "unknowns": unknowns,
            "pages": self.pages,  # .html files
            "files": self.files + 2,  # every file, the two under _demo/ included
        }
        self.write(str(MANIFEST), json.dumps(self.manifest, ensure_ascii=False, indent=2))
        self.write(str(BEHAVIORS), json.dumps(self.behaviors, ensure_ascii=False, indent=2))


NEWS = (("ywdt", "要闻动态"), ("tzgg", "通知公告"), ("bmdt", "部门动态"))
FDZDGKNR = (
    ("机构职能", "/zwgk/fdzdgknr/jgzn/index.html"),
    ("政策文件", "/zwgk/zcwj/index.html"),
    ("规划计划", "/zwgk/fdzdgknr/ghjh/index.html"),
    ("财政预决算", "/zwgk/fdzdgknr/czyjs/index.html"),
    ("政府预决算", "/zwgk/fdzdgknr/czyjs/zfyjs/index.html"),
    ("部门预决算", "/zwgk/fdzdgknr/czyjs/bmyjs/index.html"),
    ("重大建设项目", "/zwgk/fdzdgknr/zdjsxm/index.html"),
    ("行政执法", "/zwgk/fdzdgknr/xzzf/index.html"),
    ("统计信息", "/zwgk/fdzdgknr/tjxx/index.html"),
)
DEPT_COLUMNS = (
    ("gkzn", "政府信息公开指南"),
    ("gknb", "政府信息公开年报"),
    ("yjs", "部门预决算"),
    ("gzdt", "工作动态"),
    ("tzgg", "通知公告"),
)
