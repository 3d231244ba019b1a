"""Compare districts: a ranking (verdict, score, gaps by category), a districts × categories heat map and
the change since each district's previous audit; each cell links to that district's own report.

``govaudit compare DIR…`` takes result folders: a district's own (holding ``audit.db``) or one holding
district folders (``govaudit audit --sites`` and ``govaudit demo --districts`` write that shape). The
latest run of each database is compared with the previous run of the same site. Nothing is decided here:
verdicts and scores are read from what the scoring step stored, counts from the ``findings`` table.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checks import history
from crawler import store
from reports import svg

HTML_NAME = "compare.html"
JSON_NAME = "compare.json"


@dataclass
class Snapshot:
    run_id: int
    as_of: str
    verdict: str | None
    score: float | None
    gaps: dict[str, int]  # veto, deduct, advice, total (failed findings)
    by_category: dict[str, int]  # failed findings per category
    unknown: int
    categories: list[str] = field(default_factory=list)  # every category checked, in the order the checks ran


@dataclass
class District:
    name: str
    folder: Path
    report: str  # link to its report.html, relative to the comparison's folder
    now: Snapshot
    before: Snapshot | None
    rank: int = 0
    rank_before: int | None = None

    @property
    def score_change(self) -> float | None:
        if self.before is None or self.now.score is None or self.before.score is None:
            return None
        return round(self.now.score - self.before.score, 1)

    @property
    def gaps_change(self) -> int | None:
        return None if self.before is None else self.now.gaps["total"] - self.before.gaps["total"]

    @property
    def rank_change(self) -> int | None:
        return None if self.rank_before is None else self.rank_before - self.rank  # + = moved up


@dataclass
class Cell:
    category: str
    value: int
    color: str
    href: str


@dataclass
class Comparison:
    districts: list[District]  # in rank order
    categories: list[str]
    heat: list[list[Cell]] = field(default_factory=list)  # rows follow districts
    as_of: str = ""
    previous_as_of: str = ""
    scored: bool = False  # some district has a score (else ranked by gaps alone)


def snapshot(db: Any, run: dict[str, Any]) -> Snapshot:
    cats: dict[str, int] = {}
    for category, n in db.execute(
        "select category, count(*) from findings where run_id = ? and status = 'failed' group by category",
        [run["id"]],
    ).fetchall():
        cats[category] = n
    unknown = db.execute(
        "select count(*) from findings where run_id = ? and status = 'unknown'", [run["id"]]
    ).fetchone()[0]
    order = [
        c
        for (c,) in db.execute(
            "select category from findings where run_id = ? group by category order by min(id)", [run["id"]]
        ).fetchall()
    ]
    return Snapshot(
        run["id"],
        run["as_of"] or "",
        history.run_verdict(db, run),
        history.run_score(db, run),
        history.gap_counts(db, run["id"]),
        cats,
        unknown,
        order,
    )


def district_folders(dirs: list[Path]) -> list[Path]:
    found: list[Path] = []
    for d in dirs:
        if (d / "audit.db").is_file():
            found.append(d)
        elif d.is_dir():
            found += sorted(p for p in d.iterdir() if (p / "audit.db").is_file())
    return list(dict.fromkeys(found))


def load_district(folder: Path, out: Path, as_of: str = "") -> District | None:
    """The district's latest audit (its latest up to ``as_of`` when given) and the one before it."""
    db = store.open_db(folder / "audit.db")
    try:
        latest = db.execute(
            "select id from runs where status = 'done' and (? = '' or as_of <= ?) order by as_of desc, id desc limit 1",
            [as_of, as_of],
        ).fetchone()
        if latest is None:
            return None
        runs = history.site_runs(db, latest[0])
        now = snapshot(db, runs[-1])
        before = snapshot(db, runs[-2]) if len(runs) >= 2 else None
        name = runs[-1]["site_name"] or folder.name
    finally:
        db.close()
    page = folder / "report.html"
    issued = folder / "runs" / f"{now.as_of}-run{now.run_id}" / "report.html"  # as govaudit.gate keeps it
    if as_of and issued.is_file():
        page = issued  # a past month links the report as it was issued, not the latest
    report = Path(os.path.relpath(page, out)).as_posix()
    return District(name, folder, report, now, before)


VERDICT_ORDER = {"合格": 0, "不合格": 1}


def _rank_key(scored: bool):
    """合格 before 不合格 (when verdicts are stored), then score high to low, then fewer gaps."""

    def key(pair: tuple[District, Snapshot]) -> tuple:
        d, s = pair
        verdict = VERDICT_ORDER.get(s.verdict or "", 0)
        score = -(s.score if s.score is not None else -1.0) if scored else 0.0
        return (verdict, score, s.gaps["veto"], s.gaps["deduct"], s.gaps["total"], d.name)

    return key


def compare(dirs: list[Path], out: Path, as_of: str = "") -> Comparison:
    """Rank the districts' latest audits (up to ``as_of`` when given: that month's comparison)."""
    districts = [d for d in (load_district(f, out, as_of) for f in district_folders(dirs)) if d is not None]
    scored = any(d.now.score is not None for d in districts)
    for rank, (d, _) in enumerate(sorted(((d, d.now) for d in districts), key=_rank_key(scored)), 1):
        d.rank = rank
    with_before = [(d, d.before) for d in districts if d.before is not None]
    scored_before = any(s.score is not None for _, s in with_before)
    for rank, (d, _) in enumerate(sorted(with_before, key=_rank_key(scored_before)), 1):
        d.rank_before = rank
    districts.sort(key=lambda d: d.rank)
    categories = _categories(districts)
    high = max([d.now.by_category.get(c, 0) for d in districts for c in categories] + [1])
    comparison = Comparison(districts, categories, scored=scored)
    comparison.heat = [
        [
            Cell(
                c,
                d.now.by_category.get(c, 0),
                svg.heat_color(d.now.by_category.get(c, 0), high),
                f"{d.report}#filter&category={quote(c, safe='')}&status=failed",
            )
            for c in categories
        ]
        for d in districts
    ]
    comparison.as_of = max((d.now.as_of for d in districts), default="")
    comparison.previous_as_of = max((d.before.as_of for d in districts if d.before), default="")
    return comparison


def _categories(districts: list[District]) -> list[str]:
    """Every category the latest runs checked, in the order the checks ran (the catalogue's order)."""
    order: dict[str, None] = {}
    for d in districts:
        order.update(dict.fromkeys(d.now.categories))
    return list(order)


def comparison_dict(c: Comparison) -> dict[str, Any]:
    return {
        "as_of": c.as_of,
        "previous_as_of": c.previous_as_of,
        "ranked_by": "score" if c.scored else "gaps",
        "categories": c.categories,
        "districts": [
            {
                "rank": d.rank,
                "rank_before": d.rank_before,
                "rank_change": d.rank_change,
                "name": d.name,
                "report": d.report,
                "as_of": d.now.as_of,
                "verdict": d.now.verdict,
                "score": d.now.score,
                "gaps": d.now.gaps,
                "unknown": d.now.unknown,
                "by_category": d.now.by_category,
                "previous": None
                if d.before is None
                else {
                    "as_of": d.before.as_of,
                    "verdict": d.before.verdict,
                    "score": d.before.score,
                    "gaps": d.before.gaps,
                    "by_category": d.before.by_category,
                },
                "score_change": d.score_change,
                "gaps_change": d.gaps_change,
            }
            for d in c.districts
        ],
    }


def write_compare(
    dirs: list[Path],
    out: Path,
    *,
    xlsx: Path | None = None,
    csv_path: Path | None = None,
    json_path: Path | None = None,
    as_of: str = "",
    issuer: str = "",
) -> dict[str, Path]:
    """compare.html, compare.json and the 检查情况通报 (.docx) into ``out``; the rectification lists when asked."""
    from reports.bulletin import write_bulletin
    from reports.render import environment

    out.mkdir(parents=True, exist_ok=True)
    comparison = compare(dirs, out, as_of)
    paths = {"html": out / HTML_NAME, "json": out / JSON_NAME}
    paths["docx"] = write_bulletin(comparison, out, issuer=issuer)
    html = environment().get_template(HTML_NAME).render(comparison=comparison, generated_at=store.now_iso())
    paths["html"].write_text(html, encoding="utf-8", newline="\n")
    paths["json"].write_text(
        json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    if xlsx or csv_path or json_path:
        from reports import export

        sheets = []
        for d in comparison.districts:
            db = store.open_db(d.folder / "audit.db")
            try:
                sheets.append(export.district_rows(db, d.now.run_id, d.name))
            finally:
                db.close()
        export.write_exports(sheets, xlsx=xlsx, csv_path=csv_path, json_path=json_path)
    return paths

