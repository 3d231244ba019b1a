"""检查情况通报: the .docx ``govaudit compare`` writes beside compare.html, read back with python-docx — the
ranking, the gaps by category, the change since last month and the problems common to several districts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from docx import Document

from crawler.store import open_db
from reports.bulletin import DOCX_NAME
from reports.compare import write_compare
from tests.demo_districts import AS_OF, demo_districts, govaudit
from tests.findings_db import audit_db, finding

RANKING = ["名次", "区县", "结论", "得分", "单项否决", "扣分", "问题合计", "无法判定", "得分变化", "问题数变化", "名次变化"]


def read(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs], [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables]


def section(texts: list[str], heading: str) -> list[str]:
    start = texts.index(heading) + 1
    end = next((i for i in range(start, len(texts)) if texts[i][:2] in ("一、", "二、", "三、", "四、", "五、")), len(texts))
    return texts[start:end]


def signed(v) -> str:
    return "—" if v is None else (f"+{v:g}" if v > 0 else f"{v:g}" if v < 0 else "±0")


def test_compare_writes_the_bulletin_of_the_demo_districts(tmp_path: Path) -> None:
    proc = govaudit("compare", str(demo_districts()), "--out", str(tmp_path), "--issuer", "某市政务公开办")
    assert proc.returncode == 0, proc.stderr
    assert f"通报：{tmp_path / DOCX_NAME}" in proc.stdout
    texts, tables = read(tmp_path / DOCX_NAME)
    doc = json.loads((tmp_path / "compare.json").read_text(encoding="utf-8"))
    assert texts[0] == "关于2026年11月政府网站检查情况的通报" and texts[-2:][0] == "某市政务公开办"
    ranking, categories = tables
    assert ranking[0] == RANKING
    assert ranking[1:] == [
        [str(d["rank"]), d["name"], d["verdict"], f"{d['score']:g}", str(d["gaps"]["veto"]), str(d["gaps"]["deduct"]),
         str(d["gaps"]["total"]), str(d["unknown"]), signed(d["score_change"]), signed(d["gaps_change"]),
         signed(d["rank_change"])]
        for d in doc["districts"]
    ]
    assert [r[1] for r in ranking[1:]] == ["东湖区人民政府", "西山区人民政府", "南江区人民政府"]
    # the category table counts gaps only: each row adds up to the district's gaps, unknowns apart
    assert [sum(map(int, row[1:])) for row in categories[1:]] == [d["gaps"]["total"] for d in doc["districts"]]
    total = sum(d["gaps"]["total"] for d in doc["districts"])
    unknown = sum(d["unknown"] for d in doc["districts"])
    [overview] = section(texts, "一、总体情况")
    assert f"共发现问题 {total} 项" in overview and f"另有 {unknown} 项" in overview and "合格 3 个" in overview
    assert "与上次检查（2026年10月27日）相比" in overview


def failed_checks(folder: Path) -> set[str]:
    db = sqlite3.connect(folder / "audit.db")
    try:
        (run_id,) = db.execute("select id from runs order by as_of desc, id desc limit 1").fetchone()
        return {c for (c,) in db.execute(
            "select distinct check_id from findings where run_id = ? and status = 'failed'", [run_id])}
    finally:
        db.close()


def test_the_common_problems_are_the_checks_failed_in_two_districts_or_more(tmp_path: Path) -> None:
    root = demo_districts()
    write_compare([root], tmp_path)
    texts, _ = read(tmp_path / DOCX_NAME)
    per_district = {d: failed_checks(root / d) for d in ("东湖区", "西山区", "南江区")}
    shared = {c for c in set().union(*per_district.values()) if sum(c in s for s in per_district.values()) >= 2}
    listed = section(texts, "四、共性问题")
    assert shared == {"LNK-HOME-01"}  # 西山区 and 南江区 both broke a home-page link; 东湖区 fixed everything
    assert [line.split("（")[1].split("）")[0] for line in listed] == sorted(shared)
    assert "2 个区县存在" in listed[0] and "西山区人民政府、南江区人民政府" in listed[0]


def test_an_unknown_in_every_district_is_no_common_problem(tmp_path: Path) -> None:
    for slug, site, failed in (("a", "甲区人民政府", "GK-GUIDE-01"), ("b", "乙区人民政府", "FIS-GOV-02")):
        (tmp_path / slug).mkdir()
        db = open_db(tmp_path / slug / "audit.db")
        audit_db([finding(failed, "failed", "对象"), finding("FIS-DEPT-01", "unknown", "某局 2026年部门预算")],
                 site=site, db=db)
        db.close()
    write_compare([tmp_path], tmp_path / "out")
    texts, tables = read(tmp_path / "out" / DOCX_NAME)
    assert section(texts, "四、共性问题") == ["本次检查未发现两个以上区县共有的问题。"]
    assert [row[7] for row in tables[0][1:]] == ["1", "1"]  # counted as unknown, apart from the gaps
    assert "FIS-DEPT-01" not in "\n".join(texts)
    assert "请各区县对照本通报" in section(texts, "五、整改要求")[0]


def test_the_demo_command_leaves_the_bulletin_beside_the_comparison() -> None:
    texts, _ = read(demo_districts() / DOCX_NAME)
    assert texts[0] == f"关于{AS_OF[:4]}年{int(AS_OF[5:7])}月政府网站检查情况的通报"
