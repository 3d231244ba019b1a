"""History and baseline: runs of one site compared (new / persisting / fixed), accepted gaps with deadlines,
the trend chart in the report. In-memory databases; findings written as the checks would."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup

from checks import baseline, history
from crawler.store import create_run, finish_run, open_db
from reports.build import build_report
from reports.render import render_html, report_dict

SITE = "示例区人民政府"


def finding(
    check: str,
    status: str,
    subject: str,
    department: str = "",
    severity: str = "deduct",
    category: str = "内容更新",
) -> dict[str, Any]:
    return {
        "check_id": check,
        "status": status,
        "subject": subject,
        "department": department,
        "severity": severity,
        "category": category,
        "title": f"{check} 标题",
        "url": "",
        "message": "说明",
        "citation": "依据",
        "remediation": "整改",
        "evidence": "{}",
    }


def add_run(
    db: Any, as_of: str, findings: list[dict[str, Any]], *, port: int = 8000, name: str = SITE
) -> int:
    run_id = create_run(db, site_name=name, start_url=f"http://127.0.0.1:{port}/", as_of=as_of, settings={})
    finish_run(db, run_id, close_reason="finished", truncated=False)
    db["findings"].insert_all({"run_id": run_id, **f} for f in findings)
    return run_id


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("首页链接“专题” http://127.0.0.1:8123/zt/index.html", "首页链接“专题” /zt/index.html"),
        ("https://www.example.gov.cn:8443/a/?x=1", "/a/?x=1"),
        ("教育局 2025年部门预算", "教育局 2025年部门预算"),
    ],
)
def test_keys_ignore_host_and_port(subject: str, expected: str) -> None:
    assert history.strip_origin(subject) == expected
    assert history.finding_key("C", "", subject) == f"C||{expected}"


def test_new_persisting_fixed_across_a_port_change() -> None:
    db = open_db(":memory:")
    first = add_run(
        db,
        "2026-10-27",
        [
            finding("LNK-HOME-01", "failed", "首页链接 http://127.0.0.1:8000/zt/"),
            finding("UPD-BLANK-01", "failed", "栏目“规划计划”"),
            finding("GK-AR-02", "failed", "卫健委 2025年年报", "卫健委"),
        ],
        port=8000,
    )
    second = add_run(
        db,
        "2026-11-27",
        [
            finding("LNK-HOME-01", "failed", "首页链接 http://127.0.0.1:9999/zt/"),  # same gap, new port
            finding("UPD-BLANK-01", "passed", "栏目“规划计划”"),  # fixed
            finding("GK-AR-02", "unknown", "卫健委 2025年年报", "卫健委"),  # cannot be verified
            finding("UPD-HOME-01", "failed", "首页", severity="veto"),  # new
        ],
        port=9999,
    )
    add_run(db, "2026-11-27", [finding("X", "failed", "x")], name="另一个区人民政府")  # another site: ignored
    assert [r["id"] for r in history.site_runs(db, second)] == [first, second]
    changes = history.changes(db, second)
    assert changes.change == {"LNK-HOME-01||首页链接 /zt/": "persisting", "UPD-HOME-01||首页": "new"}
    assert [r["check_id"] for r in changes.fixed] == ["UPD-BLANK-01"]
    assert [r["check_id"] for r in changes.unverified] == ["GK-AR-02"]
    assert changes.first_seen["LNK-HOME-01||首页链接 /zt/"] == "2026-10-27"
    assert changes.first_seen["UPD-HOME-01||首页"] == "2026-11-27"


def test_a_check_that_now_passes_as_a_whole_fixes_its_itemised_gaps() -> None:
    db = open_db(":memory:")
    add_run(db, "2026-10-27", [finding("LNK-HOME-01", "failed", "首页链接“专题” /zt/")])
    second = add_run(db, "2026-11-27", [finding("LNK-HOME-01", "passed", "首页链接")])
    assert [r["subject"] for r in history.changes(db, second).fixed] == ["首页链接“专题” /zt/"]


BASELINE = """
accepted:
  - check: GK-AR-02
    department: 卫健委
    subject: 2025年
    deadline: 2026-12-31
    note: 已下发整改通知书
  - check: UPD-BLANK-01
    deadline: 2026-11-01
"""


def test_baseline_accepts_until_the_deadline_then_overdue(tmp_path) -> None:
    path = tmp_path / "baseline.yaml"
    path.write_text(BASELINE, encoding="utf-8")
    entries = baseline.load_baseline(path)
    assert [(e.check, e.department, e.deadline) for e in entries] == [
        ("GK-AR-02", "卫健委", "2026-12-31"),
        ("UPD-BLANK-01", None, "2026-11-01"),
    ]
    db = open_db(":memory:")
    run = add_run(
        db,
        "2026-11-27",
        [
            finding("GK-AR-02", "failed", "卫健委 2025年年报", "卫健委"),
            finding("GK-AR-02", "failed", "教育局 2025年年报", "教育局"),  # other department: not accepted
            finding("UPD-BLANK-01", "failed", "栏目“规划计划”"),
        ],
    )
    assert baseline.record(db, run, entries) == 2
    states = {k: v["state"] for k, v in baseline.stored(db, run).items()}
    assert states == {
        "GK-AR-02|卫健委|卫健委 2025年年报": "accepted",
        "UPD-BLANK-01||栏目“规划计划”": "overdue",
    }
    soup = BeautifulSoup(render_html(build_report(db, run)), "html.parser")
    cells = {
        tr.select_one(".subject").get_text(): tr.select_one("td.tracking").get_text(" ", strip=True)
        for tr in soup.select("#failed tr.finding")
    }
    assert (
        "已接受，整改期限至 2026-12-31" in cells["卫健委 2025年年报"]
        and "已下发整改通知书" in cells["卫健委 2025年年报"]
    )
    assert "逾期未整改（整改期限 2026-11-01）" in cells["栏目“规划计划”"]
    assert "新发现" in cells["教育局 2025年年报"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("accepted: [{deadline: 2026-01-01}]", "check"),
        ("accepted: [{check: A}]", "deadline"),
        ("accepted: [{check: A, deadline: soon}]", "YYYY-MM-DD"),
        ("accepted: 3", "accepted"),
    ],
)
def test_bad_baselines_are_refused(tmp_path, text: str, error: str) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(baseline.BaselineError, match=error):
        baseline.load_baseline(path)


def test_report_shows_changes_and_a_trend_chart_of_every_run() -> None:
    db = open_db(":memory:")
    add_run(
        db,
        "2026-09-27",
        [finding("A", "failed", "a"), finding("B", "failed", "b"), finding("C", "failed", "c")],
    )
    add_run(db, "2026-10-27", [finding("A", "failed", "a"), finding("B", "passed", "b")])
    third = add_run(
        db, "2026-11-27", [finding("A", "failed", "a"), finding("D", "failed", "d", severity="veto")]
    )
    data = build_report(db, third)
    soup = BeautifulSoup(render_html(data), "html.parser")
    history_text = " ".join(soup.select_one("#history").get_text(" ").split())
    assert "2026-10-27" in history_text
    assert soup.select_one(".count-new").get_text() == "1"
    assert soup.select_one(".count-persisting").get_text() == "1"
    svg = soup.select_one("#history svg.trend")
    assert svg is not None and svg["data-metric"] in ("问题数", "得分")
    points = [(c["data-as-of"], float(c["data-value"])) for c in svg.select("circle.point")]
    if svg["data-metric"] == "问题数":
        assert points == [("2026-09-27", 3.0), ("2026-10-27", 1.0), ("2026-11-27", 2.0)]
    assert svg.select_one("polyline") is not None
    doc = report_dict(data)
    assert [p["as_of"] for p in doc["history"]["trend"]] == ["2026-09-27", "2026-10-27", "2026-11-27"]
    assert {f["check"]: f["change"] for f in doc["findings"] if f["status"] == "failed"} == {
        "A": "persisting",
        "D": "new",
    }


def test_first_run_says_there_is_nothing_to_compare() -> None:
    db = open_db(":memory:")
    run = add_run(db, "2026-11-27", [finding("A", "failed", "a")])
    soup = BeautifulSoup(render_html(build_report(db, run)), "html.parser")
    assert "第一次审计" in soup.select_one("#history").get_text()
