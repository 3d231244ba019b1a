"""The archive a municipal office browses: ``govaudit archive DIR`` writes ``DIR/index.html``, one
self-contained page (inline CSS and SVG, no script, no server) of every district × month under DIR.

DIR is laid out as ``govaudit audit --sites`` and ``govaudit demo --districts`` leave it: one folder per
district with its ``audit.db`` (every month's run), ``runs/<as-of>-run<N>/report.html`` (each report as
issued) and ``notices/<as-of>-run<N>/*.docx`` (``govaudit notices``). Each cell gives that month's verdict,
score and gaps with the change since the district's previous month, and links the report and the notices; each
month links its comparison and 检查情况通报, written to ``DIR/monthly/<as-of>/`` from the stored runs. Every
link is relative, so the folder can be copied or served as it is. Nothing is decided here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from checks import history
from crawler import store
from reports.bulletin import DOCX_NAME
from reports.charts import Sparkline, sparkline
from reports.compare import HTML_NAME, district_folders, write_compare

INDEX_NAME = "index.html"
MONTHLY_DIR = "monthly"
NOTICES_DIR = "notices"  # as govaudit.notices writes them
PASS_MARK = 60.0  # the foot of a score's trend line (lower scores extend it)


@dataclass
class Link:
    label: str
    href: str


@dataclass
class Cell:
    as_of: str
    run_id: int
    verdict: str
    score: float | None
    gaps: int  # failed findings (every severity), as the comparison counts them
    veto: int
    gated: int  # failed veto + deduct findings: what the notices are about
    unknown: int
    report: str  # "" when no copy of that month's report is kept
    notices: list[Link] = field(default_factory=list)
    score_change: float | None = None
    gaps_change: int | None = None

    @property
    def score_label(self) -> str:
        return "—" if self.score is None else f"{self.score:g}"


@dataclass
class Row:
    name: str
    folder: str
    latest: str  # the district's current report
    cells: dict[str, Cell] = field(default_factory=dict)  # as-of → cell
    trend: Sparkline | None = None


@dataclass
class Month:
    as_of: str
    compare: str
    bulletin: str


@dataclass
class Archive:
    months: list[Month]
    rows: list[Row]
    latest_compare: str = ""  # DIR/compare.html, when there is one


def _href(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


def _cells(folder: Path, root: Path) -> list[Cell]:
    db = store.open_db(folder / "audit.db")
    try:
        runs = list(db.query("select * from runs where status = 'done' order by as_of, id"))
        by_month = {r["as_of"]: r for r in runs}  # the last run of a day stands for it
        latest_id = runs[-1]["id"] if runs else None
        cells = []
        for as_of, run in by_month.items():
            name = f"{as_of}-run{run['id']}"
            issued = folder / "runs" / name / "report.html"
            page = issued if issued.is_file() else (folder / "report.html" if run["id"] == latest_id else None)
            gaps = history.gap_counts(db, run["id"])
            unknown = db.execute("select count(*) from findings where run_id = ? and status = 'unknown'",
                                 [run["id"]]).fetchone()[0]
            notices = sorted((folder / NOTICES_DIR / name).glob("*.docx"))
            cells.append(Cell(as_of, run["id"], history.run_verdict(db, run) or "", history.run_score(db, run),
                              gaps["total"], gaps["veto"], gaps["veto"] + gaps["deduct"], unknown, _href(page, root) if page else "",
                              [Link(_unit(p), _href(p, root)) for p in notices]))
        for before, now in zip(cells, cells[1:], strict=False):
            now.gaps_change = now.gaps - before.gaps
            if now.score is not None and before.score is not None:
                now.score_change = round(now.score - before.score, 1)
        return cells
    finally:
        db.close()


def _unit(path: Path) -> str:
    """整改通知书-02-某区教育局.docx → 某区教育局."""
    return path.stem.split("-", 2)[-1]


def _name(folder: Path) -> str:
    db = store.open_db(folder / "audit.db")
    try:
        row = db.execute("select site_name from runs where status = 'done' order by as_of desc, id desc").fetchone()
        return (row[0] if row else "") or folder.name
    finally:
        db.close()


def build_archive(root: Path, *, monthly: bool = True, issuer: str = "") -> Archive:
    """Read every district under ``root``; with ``monthly``, write each month's comparison and 通报 first."""
    rows = []
    for folder in district_folders([root]):
        row = Row(_name(folder), _href(folder, root), _href(folder / "report.html", root))
        row.cells = {c.as_of: c for c in _cells(folder, root)}
        scored = all(c.score is not None for c in row.cells.values())
        values = [(c.as_of, c.score if scored else float(c.gaps)) for c in row.cells.values()]
        row.trend = sparkline(values, "得分" if scored else "问题数", high=100.0 if scored else None,
                              low=PASS_MARK if scored else 0.0)
        rows.append(row)
    months = []
    for as_of in sorted({m for r in rows for m in r.cells}):
        target = root / MONTHLY_DIR / as_of
        if monthly:
            write_compare([root], target, as_of=as_of, issuer=issuer)
        months.append(Month(as_of, _href(target / HTML_NAME, root) if (target / HTML_NAME).is_file() else "",
                            _href(target / DOCX_NAME, root) if (target / DOCX_NAME).is_file() else ""))
    latest = _href(root / HTML_NAME, root) if (root / HTML_NAME).is_file() else ""
    return Archive(months, rows, latest)


def write_archive(root: Path, *, issuer: str = "") -> Path:
    from reports.render import environment

    archive = build_archive(root, issuer=issuer)
    path = root / INDEX_NAME
    html = environment().get_template("archive.html").render(archive=archive, generated_at=store.now_iso())
    path.write_text(html, encoding="utf-8", newline="\n")
    return path
