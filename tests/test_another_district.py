"""Another district (tests.testsites.another), built unlike our demo, audited through the CLI: every planted gap
fails, nothing else does, and what the crawl could not read is unknown with its reason.

The audit runs ``python -m govaudit.cli`` (i.e. ``govaudit.cli.main``) in a subprocess, so that Scrapy's reactor is
fresh, as the other whole-crawl tests do.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.testsites.another import START_URL, build_district

AS_OF = "2026-11-27"

# Published, but named, placed or dated unlike the demo: each of these must pass.
MUST_PASS = [
    ("GK-COL-01", ""),  # 政务公开 > 信息公开指南 / 信息公开制度 / 法定主动公开内容 / 信息公开年报
    ("GK-GUIDE-01", ""), ("GK-GUIDE-02", ""),  # the guide is the one document of a list; 办公地点
    ("GK-AR-01", ""),  # 2025 report in a table list with the department reports
    ("GK-AR-03", ""),  # 2024年度…工作报告, …年报, 关于2022年…工作的年度报告
    ("FIS-GOV-01", ""), ("FIS-GOV-02", ""),  # on 区财政局's pages: 临江区2026年预算公开, 关于临江区2025年财政决算的报告
    ("FIS-HIST-01", ""),  # 临江区2025年区级预算, 临江区2024年区本级决算公开
    ("GK-FDZD-01", ""), ("GK-FDZD-02", ""),  # 政策法规, 双公示, 民生保障, 征地信息 …
    ("AREA-01", ""),  # except 食品药品安全, whose only column is blocked (unknown); 教育收费 under 教育
    ("GK-APPLY-01", ""),  # 申请书, not 申请表
    ("INT-CHAN-01", ""), ("INT-REPLY-01", ""), ("INT-RECENT-01", ""),  # 网上咨询; letters sharing a title; one 办理中
    ("SVC-01", ""), ("SVC-03", ""),  # 在线办事; 所需材料, 办理部门, 法定依据
    ("SVC-02", ""),  # notices with a 联系电话 beside the guides, a 政务服务 menu item leading to the home page: no guides
    ("JC-CAT-01", ""), ("UPD-HOME-01", ""),  # 乡村振兴 for 扶贫; home dates as [11-25]
    ("ID-SEARCH-01", ""),  # a search <form> with an <input> button
    ("GK-CAT-01", ""),  # no column named 目录: its items carry an 索引号 table (索引号, 成文日期)
    ("ID-NDBB-01", ""),  # 2025年度报表 in the column the footer links to
    ("GK-AR-02", "区教育局"), ("GK-AR-03", "区教育局"),  # only in the government's 年报 list; 【区教育局】2024年度…
    ("GK-AR-02", "区司法局"),  # published on the deadline day
    ("GK-AR-02", "东城街道"),  # titled 2025年度政府信息公开工作报告, no unit named
    ("GK-GUIDE-01", "区司法局"), ("GK-GUIDE-02", "区司法局"), ("GK-GUIDE-03", "区司法局"),  # a notice in 制度
    ("GK-GUIDE-02", "区卫健委"),  # 办公地点, 接待时间, 电子信箱, on a sub-domain whose footer has no address
    ("FIS-DEPT-01", "东城街道"), ("FIS-DEPT-01", "区市场监管局"),  # …办事处 / 市场监督管理局, in a central list
    ("FIS-DEPT-02", "区市场监管局"),  # 2026年部门预算—临江区市场监督管理局, 【区市场监管局】2025年度部门决算
    ("FIS-DEPT-01", "区政府办公室"), ("FIS-DEPT-02", "区政府办公室"),  # 临江区人民政府办公室
    ("FIS-DEPT-01", "区司法局"), ("FIS-DEPT-02", "区司法局"),  # PDF files named 2026年部门预算 on its own page
    ("FIS-DEPT-01", "区卫健委"), ("FIS-DEPT-02", "区卫健委"),  # one 信息公开目录 list on a sub-domain
    *((check, "区住建局") for check in ("GK-GUIDE-01", "GK-GUIDE-02", "GK-AR-02", "GK-AR-03", "FIS-DEPT-01", "FIS-DEPT-02",
                                      "FIS-HIST-01")),  # Hanweb /col/ and /art/ pages outside its folder, unnamed titles
    *((check, "区人力社保局") for check in ("FIS-DEPT-01", "FIS-DEPT-02", "FIS-HIST-01", "FIS-SG-01", "GK-AR-02",
                                          "GK-AR-03")),  # 关于2025年度…工作情况的报告, 政府信息公开2024年度报告
    # 人力资源和社会保障局; budgets in yearly columns (2026年部门预算 …) whose entries give only the unit's name
    *((check, unit) for unit in ("区总工会", "区妇联", "团区委", "区委党校", "区融媒体中心", "区青少年宫", "区委政法和社会工作部",
                                 "区人大常委会")
      for check in ("GK-GUIDE-01", "GK-GUIDE-02", "GK-GUIDE-03", "GK-AR-02", "GK-AR-03", "GK-AR-04", "GK-AR-05",
                    "FIS-DEPT-01", "FIS-DEPT-02", "FIS-HIST-01", "FIS-SG-01")),
    # every unit of the index, whatever its organ word; 团区委's budgets filed as 共青团临江区委员会, the 人大常委会's by
    # its 办公室, in the government's central list
]


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path, dict, list[dict]]:
    tmp = tmp_path_factory.mktemp("another")
    district = build_district(tmp / "site", date.fromisoformat(AS_OF))
    out = tmp / "out"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    with district.serve() as (_server, resolve):
        args = ["audit", START_URL, "--as-of", AS_OF, "--out", str(out)]
        for mapping in resolve:
            args += ["--resolve", mapping]
        proc = subprocess.run([sys.executable, "-m", "govaudit.cli", *args], capture_output=True, text=True, env=env,
                              timeout=300, check=False)
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-3000:]  # gaps were planted
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    return proc, out, district.expected, findings


def is_gap(finding: dict, gap: tuple[str, str, str]) -> bool:
    check, department, part = gap
    return (finding["check"] == check and finding["department"] == department
            and part in finding["subject"] + finding["message"])


def test_every_planted_gap_fails(audited) -> None:
    _, _, expected, findings = audited
    assert len(expected["gaps"]) >= 5
    for gap in expected["gaps"]:
        hits = [f for f in findings if is_gap(f, gap)]
        assert hits and all(f["status"] == "failed" for f in hits), (gap, [(f["status"], f["message"]) for f in hits])


def test_nothing_else_fails(audited) -> None:
    _, _, expected, findings = audited
    unexpected = [f for f in findings if f["status"] == "failed" and not any(is_gap(f, g) for g in expected["gaps"])]
    assert not unexpected, "\n".join(f"{f['check']} [{f['department'] or '本级'}] {f['subject']}：{f['message']} "
                                     f"{f['evidence']['notes'][:2]}" for f in unexpected)


def test_unusual_but_published_passes(audited) -> None:
    _, _, _, findings = audited
    status: dict[tuple[str, str], set[str]] = {}
    for f in findings:
        if f["check"] == "AREA-01" and "食品药品安全" in f["subject"]:
            continue
        status.setdefault((f["check"], f["department"]), set()).add(f["status"])
    wrong = {key: status.get(key) for key in MUST_PASS if status.get(key) != {"passed"}}
    assert not wrong, wrong


def test_sangong_in_the_budget_text_is_read(audited) -> None:
    _, _, _, findings = audited
    by_subject = {f["subject"]: f["status"] for f in findings if f["check"] == "FIS-SG-01" and f["department"] == ""}
    assert sorted(by_subject.values()) == ["passed", "unknown"], by_subject  # a paragraph of the budget: passed
    assert [s for subject, s in by_subject.items() if "决算" in subject] == ["unknown"]  # prose only: no split


def test_each_units_guide_is_read_from_its_own_document(audited) -> None:
    _, _, _, findings = audited
    urls = {f["department"]: f["evidence"]["urls"] for f in findings if f["check"] == "GK-GUIDE-02"}
    assert urls[""] and all("/zfb/zn/" in u for u in urls[""]), urls[""]  # filed in 区政府办公室's folder
    assert urls["区司法局"] and all("/xxgkzd/" in u for u in urls["区司法局"]), urls["区司法局"]  # a notice in 制度


def test_documents_only_in_files_are_unknown(audited) -> None:
    _, _, _, findings = audited
    by_key = {(f["check"], f["department"]): f for f in findings}
    for key in (("GK-GUIDE-02", "东城街道"), ("GK-AR-04", "区卫健委"), ("GK-AR-05", "区卫健委")):
        assert by_key[key]["status"] == "unknown" and "附件" in by_key[key]["message"], by_key[key]


def test_unread_pages_make_findings_unknown_with_a_reason(audited) -> None:
    _, out, expected, findings = audited
    unfetched: dict[str, int] = expected["unfetched"]
    for url, status in unfetched.items():
        assert rows(out / "audit.db", "select status, fetch_state from pages where url = ?", url)[0][0] == status
        touching = [f for f in findings
                    if url in " ".join([f["url"], *f["evidence"]["urls"], *f["evidence"]["notes"]])]
        assert touching, url
        assert all(f["status"] != "failed" for f in touching), [(f["check"], f["message"]) for f in touching]
        assert any(f["status"] == "unknown" and f"HTTP {status}" in " ".join(f["evidence"]["notes"]) for f in touching)
    # what only those pages hold: 区财政局's reports, the 食品安全 column
    by_key = {(f["check"], f["department"]): f for f in findings}
    for key in (("GK-AR-02", "区财政局"), ("GK-AR-03", "区财政局")):
        assert by_key[key]["status"] == "unknown" and "无法判定" in by_key[key]["message"], by_key[key]
    food = [f for f in findings if f["check"] == "AREA-01" and "食品药品安全" in f["subject"]]
    assert [f["status"] for f in food] == ["unknown"], food
    assert all(f["message"] for f in findings if f["status"] == "unknown")


def test_departments_listed_in_a_table_or_a_select_box_are_found(audited) -> None:
    _, out, expected, findings = audited
    found = dict(rows(out / "audit.db", "select name, root_url from departments"))
    name, root = expected["select_only_department"]  # only an <option> of a jump menu links to it
    assert found == {**expected["departments"], name: root}
    assert {f["status"] for f in findings if f["department"] == name} == {"passed"}


def test_reports_older_than_the_format_are_not_judged_by_it(audited, tmp_path: Path) -> None:
    """Issue 9, item 6: the 30号 headings and tables apply to reports from the profile's format_from_year on. The
    district's reports are judged by them (2025 reports, format from 2021); re-checked under a province profile
    whose format applies from 2026, the same reports are older than the format: judged for presence and date
    only (GK-AR-04/05 unknown, saying why), never failed for headings they were not written with."""
    _, out, _, findings = audited
    judged = [f for f in findings if f["check"] in ("GK-AR-04", "GK-AR-05")]
    assert any(f["status"] == "passed" for f in judged)
    db = tmp_path / "audit.db"
    db.write_bytes((out / "audit.db").read_bytes())
    profile = tmp_path / "province.yaml"
    profile.write_text("annual_report:\n  format_from_year: 2026\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.run([sys.executable, "-m", "govaudit.cli", "check", str(db), "--profile", str(profile)],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    again = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))["findings"]
    rejudged = [f for f in again if f["check"] in ("GK-AR-04", "GK-AR-05")]
    assert rejudged and all(f["status"] == "unknown" for f in rejudged), [
        (f["department"], f["status"], f["message"]) for f in rejudged if f["status"] != "unknown"]
    older = [f for f in rejudged if "2025年度" in f["message"]]
    assert older and all("2026年度起" in f["message"] for f in older)
    presence = {(f["check"], f["department"]): f["status"] for f in findings if f["check"] in ("GK-AR-01", "GK-AR-02")}
    assert presence == {(f["check"], f["department"]): f["status"] for f in again
                        if f["check"] in ("GK-AR-01", "GK-AR-02")}
