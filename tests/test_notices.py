"""整改通知书: one .docx per unit with a gap (a failed 单项否决 or 扣分 item), read back with python-docx the way
the receiving office reads it — addressee, each gap with its rule, citation, evidence link and dates, the
整改期限, the issuing office; unknowns only as 待核实, never as gaps."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from docx import Document

from checks.baseline import Acceptance, record
from reports.build import build_report
from reports.notices import build_notices, default_deadline, write_notices
from tests.demo_districts import AS_OF, copy_of_districts, govaudit
from tests.findings_db import SITE, audit_db, finding

EDU, HEALTH, WATER = "示例区教育局", "示例区卫生健康委员会", "示例区水利局"
ADVICE = {"ID-DOMAIN-02": "advice"}  # a profile may make a check advice: a failed advice item is no gap
GAPS_HEADER = ["序号", "问题（检查项）", "具体情况", "依据", "证据链接", "发现日期", "整改期限"]


def read(path: Path) -> dict:
    doc = Document(str(path))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    gaps = next((t for t in tables if t[0] == GAPS_HEADER), None)
    unverified = next((t for t in tables if t[0][:2] == ["序号", "检查项"] and t[0] != GAPS_HEADER), None)
    texts = [p.text for p in doc.paragraphs]
    links = [r.target_ref for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")]
    return {"texts": texts, "gaps": gaps[1:] if gaps else [], "unverified": unverified[1:] if unverified else [],
            "links": links, "body": "\n".join(texts)}


FINDINGS = [
    finding("FIS-GOV-02", "failed", f"{SITE} 2025年政府决算", url="http://www.shili.gov.cn/czyjs/",
            message="在“财政预决算”栏目中未找到2025年政府决算"),
    finding("UPD-COL-01", "failed", "首页栏目“部门动态”", url="http://www.shili.gov.cn/bmdt/",
            message="栏目已 45 天未更新", dates=["2026-10-13"]),
    finding("GK-AR-02", "failed", f"{EDU} 2025年政府信息公开工作年度报告", EDU,
            url="http://jyj.shili.gov.cn/gknb/", message="逾期发布：2026-03-10 发布"),
    finding("FIS-DEPT-01", "unknown", f"{EDU} 2026年部门预算", EDU, url="http://jyj.shili.gov.cn/yjs/",
            message="“财政预决算”栏目有页面无法获取，无法判定"),
    finding("FIS-DEPT-01", "unknown", f"{HEALTH} 2026年部门预算", HEALTH, message="页面请求超时，无法判定"),
    finding("ID-DOMAIN-02", "failed", WATER, WATER),  # advice only (ADVICE below)
    finding("GK-AR-02", "passed", f"{WATER} 2025年政府信息公开工作年度报告", WATER),
]


@pytest.fixture
def notices(tmp_path: Path) -> dict[str, dict]:
    db, run_id = audit_db(FINDINGS, severities=ADVICE)
    paths = write_notices(db, run_id, tmp_path, issuer="示例区政务公开办", deadline="2027-01-15", issued="2026-12-01")
    return {p.name: read(p) for p in paths}


def test_one_notice_per_unit_with_a_gap_the_government_first(notices: dict[str, dict]) -> None:
    # 卫生健康委员会 has only an unknown, 水利局 only advice: neither is accused of anything
    assert list(notices) == [f"整改通知书-01-{SITE}.docx", f"整改通知书-02-{EDU}.docx"]
    gov, edu = notices.values()
    assert gov["texts"][1] == f"{SITE}：" and edu["texts"][1] == f"{EDU}："
    assert "存在以下 2 项问题" in gov["body"] and "存在以下 1 项问题" in edu["body"]
    assert [row[1].split()[0] for row in gov["gaps"]] == ["FIS-GOV-02", "UPD-COL-01"]  # as the report lists them


def test_each_gap_carries_rule_citation_evidence_dates_and_deadline(notices: dict[str, dict]) -> None:
    gov = notices[f"整改通知书-01-{SITE}.docx"]
    number, rule, details, citation, link, found, deadline = gov["gaps"][1]
    assert number == "2" and rule.startswith("UPD-COL-01 ") and rule.endswith("（扣分）")
    assert details == "首页栏目“部门动态”：栏目已 45 天未更新"
    assert "国办秘函〔2019〕19号" in citation
    assert link == "http://www.shili.gov.cn/bmdt/" and link in gov["links"]
    assert found == "首次发现 2026-11-27\n新发现\n页面所见日期：2026-10-13"
    assert deadline == "2027-01-15"
    assert gov["texts"][-2:] == ["示例区政务公开办", "2026年12月1日"]
    assert "财预〔2016〕143号" in gov["gaps"][0][3]


def test_unknowns_are_listed_apart_as_to_be_verified_never_as_gaps(notices: dict[str, dict]) -> None:
    edu = notices[f"整改通知书-02-{EDU}.docx"]
    assert [row[1].split()[0] for row in edu["gaps"]] == ["GK-AR-02"]
    assert "三、待核实事项（不作为问题认定）" in edu["texts"]
    assert [(row[1].split()[0], row[2]) for row in edu["unverified"]] == [("FIS-DEPT-01", f"{EDU} 2026年部门预算")]
    assert "FIS-DEPT-01" not in "".join(row[1] for row in edu["gaps"])
    gov = notices[f"整改通知书-01-{SITE}.docx"]
    assert gov["unverified"] == [] and "待核实" not in gov["body"]


def test_the_baseline_deadline_wins_and_the_default_is_thirty_days_after_the_audit(tmp_path: Path) -> None:
    db, run_id = audit_db(FINDINGS, severities=ADVICE)
    record(db, run_id, [Acceptance("FIS-GOV-02", "", "", "2026-12-31", "已下发通知")])
    [gov, _] = build_notices(build_report(db, run_id))
    by_check = {f.check: gov.deadline_of(f) for f in gov.gaps}
    assert by_check == {"FIS-GOV-02": "2026-12-31", "UPD-COL-01": default_deadline("2026-11-27")}
    assert default_deadline("2026-11-27") == "2026-12-27"
    assert gov.issuer == "政务公开办"
    path = write_notices(db, run_id, tmp_path, deadline="2027-02-01")[0]
    rows = {r[1].split()[0]: (r[5], r[6]) for r in read(path)["gaps"]}
    assert rows["FIS-GOV-02"] == ("首次发现 2026-11-27\n已接受", "2026-12-31")
    assert rows["UPD-COL-01"][1] == "2027-02-01"


def test_an_overdue_gap_says_so_and_gets_the_new_deadline() -> None:
    db, run_id = audit_db(FINDINGS, severities=ADVICE)
    record(db, run_id, [Acceptance("FIS-GOV-02", "", "", "2026-11-01")])
    gov = build_notices(build_report(db, run_id), deadline="2027-01-15")[0]
    overdue = next(f for f in gov.gaps if f.check == "FIS-GOV-02")
    assert gov.deadline_of(overdue) == "2027-01-15" and overdue.acceptance == "overdue"


def test_scraped_text_is_plain_text_in_the_document(tmp_path: Path) -> None:
    hostile = '</w:t></w:r><w:r><w:t>注入'
    db, run_id = audit_db([finding("GK-GUIDE-01", "failed", hostile, url="javascript:alert(1)")])
    [path] = write_notices(db, run_id, tmp_path)
    doc = read(path)
    assert doc["gaps"][0][2].startswith(hostile)
    assert doc["gaps"][0][4] == "javascript:alert(1)" and doc["links"] == []  # shown, never a link


def test_rewriting_replaces_last_months_notices(tmp_path: Path) -> None:
    db, run_id = audit_db(FINDINGS, severities=ADVICE)
    write_notices(db, run_id, tmp_path)
    db2, run2 = audit_db([finding("GK-AR-02", "failed", f"{EDU} 2025年报", EDU)])
    write_notices(db2, run2, tmp_path)
    assert [p.name for p in sorted(tmp_path.glob("*.docx"))] == [f"整改通知书-01-{EDU}.docx"]


# --- govaudit notices on the demo's districts ------------------------------------------------------------------


def units_with_gaps(db_path: Path, run_id: int) -> dict[str, int]:
    db = sqlite3.connect(db_path)
    try:
        return dict(db.execute(
            "select department, count(*) from findings where run_id = ? and status = 'failed' "
            "and severity in ('veto', 'deduct') group by department", [run_id]).fetchall())
    finally:
        db.close()


def test_govaudit_notices_writes_one_notice_per_unit_with_gaps_for_each_district(tmp_path: Path) -> None:
    folder = copy_of_districts(tmp_path / "districts")
    (tmp_path / "site.yaml").write_text("start_url: http://www.nanjiang.gov.cn/\nissuer: 某市政务公开办\n",
                                        encoding="utf-8")
    proc = govaudit("notices", str(folder), "--site-config", str(tmp_path / "site.yaml"), "--all-runs")
    assert proc.returncode == 0, proc.stderr
    seen = 0
    for district in ("东湖区", "西山区", "南江区"):
        db = sqlite3.connect(folder / district / "audit.db")
        runs = db.execute("select id, as_of, site_name from runs order by as_of").fetchall()
        db.close()
        assert [r[1] for r in runs] == ["2026-10-27", AS_OF]
        for run_id, as_of, site in runs:
            expected = units_with_gaps(folder / district / "audit.db", run_id)
            docs = sorted((folder / district / "notices" / f"{as_of}-run{run_id}").glob("*.docx"))
            read_back = [read(p) for p in docs]
            addressees = [d["texts"][1].rstrip("：") for d in read_back]
            assert sorted(addressees) == sorted((dept or site) for dept in expected)
            for d, name in zip(read_back, addressees, strict=True):
                assert len(d["gaps"]) == expected["" if name == site else name]
                assert all(row[6] == default_deadline(as_of) for row in d["gaps"])
                assert d["texts"][-2] == "某市政务公开办"
                assert all(row[4] for row in d["gaps"] if "LNK-" in row[1])
            seen += len(docs)
    # 东湖区 fixed every gap this month: no notice; 西山区 broke a home-page link: one, to the government
    assert not list((folder / "东湖区" / "notices").glob(f"{AS_OF}-run*/*.docx"))
    [xishan] = (folder / "西山区" / "notices").glob(f"{AS_OF}-run*/*.docx")
    assert read(xishan)["gaps"][0][1].startswith("LNK-HOME-01") and seen > 10
    assert f"共 {seen} 份整改通知书" in proc.stdout


def test_govaudit_notices_without_results_is_a_usage_error(tmp_path: Path) -> None:
    assert govaudit("notices", str(tmp_path)).returncode == 2


def test_audit_with_notices_writes_them_beside_the_report(tmp_path: Path) -> None:
    from datetime import date

    from govaudit.demo.site import build_demo_site

    site = build_demo_site(tmp_path / "site", date.fromisoformat(AS_OF), name="缺区", articles_per_column=2)
    proc = govaudit("audit", str(site.root), "--as-of", AS_OF, "--out", str(tmp_path / "out"),
                    "--notices", str(tmp_path / "notices"), "--deadline", "2027-01-31", "--issuer", "缺区政务公开办")
    assert proc.returncode == 1, (proc.stdout + proc.stderr)[-3000:]
    docs = [read(p) for p in sorted((tmp_path / "notices").glob("*.docx"))]
    db = sqlite3.connect(tmp_path / "out" / "audit.db")
    run_id, site_name = db.execute("select id, site_name from runs").fetchone()
    db.close()
    expected = units_with_gaps(tmp_path / "out" / "audit.db", run_id)
    assert len(docs) == len(expected) > 1
    assert docs[0]["texts"][1] == f"{site_name}："
    assert {row[6] for d in docs for row in d["gaps"]} == {"2027-01-31"}
    assert all(d["texts"][-2] == "缺区政务公开办" for d in docs)



def test_the_site_configuration_names_the_issuing_office() -> None:
    from govaudit.siteconfig import SiteConfigError, parse_site_config

    assert parse_site_config({"start_url": "http://www.a.gov.cn/", "issuer": " 甲区政务公开办 "}).issuer == "甲区政务公开办"
    assert parse_site_config({"start_url": "http://www.a.gov.cn/"}).issuer == ""
    with pytest.raises(SiteConfigError, match="issuer"):
        parse_site_config({"start_url": "http://www.a.gov.cn/", "issuer": ["甲"]})


def test_govaudit_notices_out_puts_each_districts_latest_notices_in_a_folder_of_its_own(tmp_path: Path) -> None:
    from tests.demo_districts import demo_districts

    root = demo_districts()
    proc = govaudit("notices", str(root), "--out", str(tmp_path), "--deadline", "2027-01-31")
    assert proc.returncode == 0, proc.stderr
    for district in ("东湖区", "西山区", "南江区"):
        db = sqlite3.connect(root / district / "audit.db")
        (run_id,) = db.execute("select id from runs order by as_of desc, id desc limit 1").fetchone()
        db.close()
        docs = [read(p) for p in sorted((tmp_path / district).glob("*.docx"))]
        assert len(docs) == len(units_with_gaps(root / district / "audit.db", run_id))
        assert all(row[6] == "2027-01-31" for d in docs for row in d["gaps"])
