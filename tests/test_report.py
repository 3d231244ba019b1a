"""reports: build a report from an audit database, render it as HTML and JSON.

The HTML is read the way a reader sees it (BeautifulSoup). The input run is tests/gold/dataset.json;
tests/gold/report.html and findings.json pin the whole output with volatile values (generation time,
version) scrubbed. Regenerate them with ``GOVAUDIT_UPDATE_GOLD=1 pytest tests/test_report.py``.
"""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from jinja2 import StrictUndefined

from crawler.store import create_run, finish_run, open_db
from reports.build import build_report
from reports.render import TEMPLATES, environment, is_web_url, render_html, render_json, write_reports
from reports.rows import parse_evidence

GOLD = Path(__file__).parent / "gold"
HOME = "http://www.shili.gov.cn/"

DATASET = json.loads((GOLD / "dataset.json").read_text(encoding="utf-8"))
FINDINGS: list[dict[str, Any]] = DATASET["findings"]  # stored out of order on purpose: the report sorts them


def make_db(findings: list[dict[str, Any]] = FINDINGS, *, truncated: bool = True) -> tuple[Any, int]:
    """An in-memory audit database holding one finished run with the given findings."""
    run = DATASET["run"]
    db = open_db(":memory:")
    run_id = create_run(
        db, site_name=run["site_name"], start_url=run["start_url"], as_of=run["as_of"], settings={}
    )
    db["pages"].insert_all({"run_id": run_id, **page} for page in DATASET["pages"])
    db["departments"].insert_all({"run_id": run_id, **dept} for dept in DATASET["departments"])
    db["findings"].insert_all(
        [{"run_id": run_id, **f, "evidence": json.dumps(f["evidence"], ensure_ascii=False)} for f in findings]
    )
    finish_run(db, run_id, close_reason=run["close_reason"] if truncated else "finished", truncated=truncated)
    db["runs"].update(run_id, {"started_at": run["started_at"], "finished_at": run["finished_at"]})
    return db, run_id


def soup_of(db: Any, run_id: int) -> BeautifulSoup:
    return BeautifulSoup(render_html(build_report(db, run_id)), "html.parser")


def text(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ", strip=True).split())


def table_counts(table: Tag) -> dict[str, list[int]]:
    """First cell of each body row → the numbers in the other cells."""
    rows = {}
    for tr in table.select("tbody tr, tfoot tr"):
        cells = tr.find_all(["th", "td"])
        rows[text(cells[0])] = [int(text(c)) for c in cells[1:]]
    return rows


# --- build -------------------------------------------------------------------------------------------


def test_build_report_reads_run_crawl_and_counts() -> None:
    db, run_id = make_db()
    data = build_report(db, run_id)
    assert (data.site.name, data.site.url, data.as_of) == ("示例区人民政府", HOME, "2026-04-01")
    assert (data.crawl.pages_fetched, data.crawl.pages_failed) == (5, 2)
    assert data.crawl.truncated is True and data.crawl.close_reason == "closespider_pagecount"
    assert data.crawl.close_reason_label == "达到页面数上限（closespider_pagecount）"
    s = data.summary
    assert (s.total, s.by_status.failed, s.by_status.unknown, s.by_status.passed) == (7, 3, 2, 2)
    assert (s.failed_veto, s.failed_deduct) == (1, 2)
    assert [d.department_label for d in data.departments] == ["本级政府", "卫生健康局", "教育局"]
    assert data.verdict is None and data.score is None and data.history == []


def test_findings_are_sorted_by_status_severity_check_department_subject() -> None:
    db, run_id = make_db()
    order = [(f.status, f.severity, f.check, f.department) for f in build_report(db, run_id).findings]
    assert order == [
        ("failed", "veto", "GK-HOME-01", ""),
        ("failed", "deduct", "GK-BUDGET-02", "教育局"),
        ("failed", "deduct", "GK-GUIDE-01", ""),
        ("unknown", "deduct", "GK-BUDGET-02", "卫生健康局"),
        ("unknown", "advice", "GK-ANNUAL-01", ""),
        ("passed", "deduct", "GK-SEARCH-01", ""),
        ("passed", "advice", "GK-ANNUAL-01", "教育局"),
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ([], [], [])),
        ("", ([], [], [])),
        ("not json", ([], [], [])),
        ("[1, 2]", ([], [], [])),
        ('{"urls": "http://a.gov.cn/"}', (["http://a.gov.cn/"], [], [])),
        (
            '{"urls": ["http://a.gov.cn/", null], "dates": ["2026-01-01"], "notes": ["说明"]}',
            (["http://a.gov.cn/"], ["2026-01-01"], ["说明"]),
        ),
    ],
)
def test_parse_evidence_tolerates_what_is_stored(raw: str | None, expected: tuple[list[str], ...]) -> None:
    ev = parse_evidence(raw)
    assert (ev.urls, ev.dates, ev.notes) == expected


def test_build_report_for_a_missing_run_raises() -> None:
    db, run_id = make_db()
    with pytest.raises(LookupError):
        build_report(db, run_id + 1)


# --- HTML --------------------------------------------------------------------------------------------


def test_html_is_one_self_contained_chinese_file() -> None:
    db, run_id = make_db()
    html = render_html(build_report(db, run_id))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html is not None and soup.html["lang"] == "zh-CN"
    assert soup.find_all(["link", "img", "iframe", "object", "embed"]) == []
    # the one inline filter script, static text; nothing scraped ever becomes a script
    assert [s.get("id") for s in soup.find_all("script")] == ["govaudit-filters"]
    assert not soup.find("script").has_attr("src")
    assert not [t for t in soup.find_all(True) if t.has_attr("src")]
    assert len(soup.find_all("style")) == 1
    css = text(soup.style)
    assert "@import" not in css and "url(" not in css and "@media print" in css


def test_html_header_and_crawl_summary() -> None:
    soup = soup_of(*make_db())
    assert text(soup.h1) == "政府网站合规审计报告"
    site = soup.select_one("header .site")
    assert "示例区人民政府" in text(site) and site.find("a", href=HOME) is not None
    meta = {text(dt): text(dt.find_next_sibling("dd")) for dt in soup.select("dl.meta dt")}
    assert meta["检查基准日"] == "2026-04-01"
    assert meta["生成时间"]
    assert (meta["抓取页面数"], meta["失败"]) == ("5", "2")
    assert meta["是否因上限提前停止"] == "是"
    assert meta["结束原因"] == "达到页面数上限（closespider_pagecount）"


def test_html_summary_table_counts_severity_by_status() -> None:
    soup = soup_of(*make_db())
    table = soup.select_one("table.summary")
    assert [text(th) for th in table.select("thead th")] == ["严重程度", "未通过", "无法判定", "通过", "合计"]
    assert table_counts(table) == {
        "单项否决": [1, 0, 0, 1],
        "扣分": [2, 1, 1, 4],
        "建议": [0, 1, 1, 2],
        "合计": [3, 2, 2, 7],
    }


def test_html_department_table() -> None:
    soup = soup_of(*make_db())
    table = soup.select_one("table.departments")
    assert [text(tr.th) for tr in table.select("tbody tr")][0] == "本级政府"
    counts = table_counts(table)
    assert counts["本级政府"] == [2, 1, 1, 4]
    assert counts["卫生健康局"] == [0, 1, 0, 1]
    assert counts["教育局 http://jyj.shili.gov.cn/"] == [1, 0, 1, 2]


def test_html_failed_section_lists_problems_with_citation_and_evidence() -> None:
    soup = soup_of(*make_db())
    section = soup.select_one("section#failed")
    assert text(section.h2) == "发现的问题"
    rows = section.select("tr.finding")
    assert [r["data-status"] for r in rows] == ["failed"] * 3
    guide = next(r for r in rows if "GK-GUIDE-01" in text(r.select_one(".check")))
    assert text(guide.select_one(".check")) == "GK-GUIDE-01 政府信息公开指南应及时更新"
    assert text(guide.select_one(".department")) == "本级政府"
    assert text(guide.select_one(".citation")) == "《政府信息公开条例》第十二条"
    assert text(guide.select_one(".remediation")) == "按现行机构设置更新指南并标注更新日期。"
    evidence = guide.select_one(".evidence")
    link = evidence.find("a")
    assert link["href"] == HOME + "zwgk/zn/" and text(link) == HOME + "zwgk/zn/"
    assert "2019-05-20" in text(evidence) and "指南页面的发布日期" in text(evidence)
    budget = next(r for r in rows if r["data-department"] == "教育局")
    assert text(budget.select_one(".department")) == "教育局"
    assert "栏目最新条目为2025年部门预算" in text(budget.select_one(".evidence"))


def test_html_unknown_section_is_not_an_accusation() -> None:
    soup = soup_of(*make_db())
    section = soup.select_one("section#unknown")
    assert text(section.h2) == "无法判定的项目"
    assert "不作为问题认定" in text(section.select_one(".note"))
    rows = section.select("tr.finding")
    assert [r["data-status"] for r in rows] == ["unknown", "unknown"]
    reasons = [text(r.select_one(".message")) for r in rows]
    assert reasons == [
        "预决算栏目被防火墙拦截（HTTP 412），无法判定。",
        "年报列表由脚本生成，静态页面中没有条目。",
    ]
    assert "卫生健康局 2026年部门预算" not in text(soup.select_one("section#failed"))


def test_html_passed_section_is_compact() -> None:
    soup = soup_of(*make_db())
    rows = soup.select("section#passed tr.finding")
    assert [r["data-status"] for r in rows] == ["passed", "passed"]
    assert [text(r.select_one(".check")) for r in rows] == [
        "GK-SEARCH-01 网站应提供站内搜索",
        "GK-ANNUAL-01 应在1月31日前发布上一年度政府信息公开年报",
    ]
    assert rows[0].select_one(".remediation") is None and rows[0].select_one(".evidence") is None


def test_html_finding_rows_carry_filter_attributes() -> None:
    soup = soup_of(*make_db())
    rows = soup.select("tr.finding")
    assert len(rows) == len(FINDINGS)
    seen = {(r["data-status"], r["data-severity"], r["data-department"], r["data-category"]) for r in rows}
    assert seen == {(f["status"], f["severity"], f["department"], f["category"]) for f in FINDINGS}


def test_html_with_no_findings() -> None:
    db, run_id = make_db([], truncated=False)
    soup = soup_of(db, run_id)
    assert soup.select("tr.finding") == []
    assert "没有未通过的项目" in text(soup.select_one("section#failed"))
    assert table_counts(soup.select_one("table.summary"))["合计"] == [0, 0, 0, 0]
    meta = {text(dt): text(dt.find_next_sibling("dd")) for dt in soup.select("dl.meta dt")}
    assert meta["是否因上限提前停止"] == "否"


SCRIPT = "<script>alert(1)</script>"
HOSTILE = {
    "check_id": "GK-X-01",
    "title": "标题" + SCRIPT,
    "category": '类别"><b>x</b>',
    "severity": "deduct",
    "status": "failed",
    "subject": "对象" + SCRIPT,
    "department": '教育局" onmouseover="alert(1)',
    "url": "javascript:alert(1)",
    "message": SCRIPT + '<img src=x onerror="alert(1)">',
    "citation": SCRIPT,
    "remediation": SCRIPT,
    "evidence": {
        "urls": [
            "javascript:alert(2)",
            " javascript:alert(3)",
            "JAVASCRIPT:alert(4)",
            "data:text/html,<script>alert(5)</script>",
            "//evil.example/",
            'http://ok.gov.cn/a"b',
        ],
        "dates": [SCRIPT],
        "notes": [SCRIPT],
    },
}


def test_html_scraped_text_is_escaped_and_inert() -> None:
    soup = soup_of(*make_db([HOSTILE]))
    assert soup.find_all(["img", "b"]) == []
    assert [s.get("id") for s in soup.find_all("script")] == ["govaudit-filters"]
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.startswith("on")], tag
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert all(h.startswith(("http://", "https://", "#")) for h in hrefs), hrefs
    assert 'http://ok.gov.cn/a"b' in hrefs
    row = soup.select_one("section#failed tr.finding")
    assert text(row.select_one(".subject")) == "对象" + SCRIPT
    assert row["data-department"] == HOSTILE["department"]
    assert row["data-category"] == HOSTILE["category"]
    evidence = text(row.select_one(".evidence"))
    assert "javascript:alert(1)" in evidence and "javascript:alert(2)" in evidence


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("http://www.shili.gov.cn/", True),
        ("HTTPS://WWW.SHILI.GOV.CN/a?b=1#c", True),
        ("http://www.shili.gov.cn/政务公开/", True),
        ("javascript:alert(1)", False),
        (" http://www.shili.gov.cn/", False),
        ("http://www.shili.gov.cn/\njavascript:x", False),
        ("data:text/html,x", False),
        ("//www.shili.gov.cn/", False),
        ("/zwgk/", False),
        ("http://", False),
        ("", False),
    ],
)
def test_only_web_urls_become_links(url: str, linked: bool) -> None:
    assert is_web_url(url) is linked


def test_template_environment_escapes_and_is_strict() -> None:
    env = environment()
    assert env.autoescape is True and env.undefined is StrictUndefined
    for template in TEMPLATES.iterdir():
        source = template.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup", source), template.name


READABLE_CHECKS = {"checks.model", "checks.history", "checks.baseline"}


def test_reports_imports_neither_scrapy_nor_checks_logic() -> None:
    reports = Path(__file__).parent.parent / "reports"
    for module in reports.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
                if node.module in ("checks", "crawler"):  # from checks import history → checks.history
                    names = [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                assert not name.startswith("scrapy"), (module.name, name)
                # what the checks stage offers readers: the finding model, and the verdicts over runs
                # (history: what changed; baseline: accepted / overdue) — never the checks' logic
                assert not name.startswith("checks") or name in READABLE_CHECKS, (module.name, name)


# --- JSON and files ----------------------------------------------------------------------------------

COUNT_KEYS = {"passed", "failed", "unknown"}
FINDING_KEYS = {
    "id",  # findings.id: govaudit evidence OUT ID
    "check",
    "title",
    "category",
    "severity",
    "status",
    "subject",
    "department",
    "url",
    "message",
    "citation",
    "remediation",
    "evidence",
    # history and baseline (checks.history, checks.baseline); "" except on failed findings
    "change",
    "first_seen",
    "acceptance",
    "deadline",
    "note",
}


def test_findings_json_shape_and_counts() -> None:
    db, run_id = make_db()
    out = render_json(build_report(db, run_id))
    assert "\\u" not in out and "示例区人民政府" in out
    doc = json.loads(out)
    assert {"site", "as_of", "generated_at", "tool", "crawl", "summary", "findings"} <= doc.keys()
    assert doc["site"] == {"name": "示例区人民政府", "url": HOME}
    assert doc["tool"]["name"] == "govaudit" and doc["tool"]["version"]
    assert {"pages_fetched", "pages_failed", "truncated", "started_at", "finished_at", "close_reason"} <= doc[
        "crawl"
    ].keys()
    assert (doc["crawl"]["pages_fetched"], doc["crawl"]["pages_failed"], doc["crawl"]["truncated"]) == (
        5,
        2,
        True,
    )
    s = doc["summary"]
    assert {"total", "by_status", "by_severity", "failed_veto", "failed_deduct"} <= s.keys()
    assert s["total"] == 7 and s["by_status"] == {"passed": 2, "failed": 3, "unknown": 2}
    assert s["by_severity"] == {
        "veto": {"passed": 0, "failed": 1, "unknown": 0},
        "deduct": {"passed": 1, "failed": 2, "unknown": 1},
        "advice": {"passed": 1, "failed": 0, "unknown": 1},
    }
    assert (s["failed_veto"], s["failed_deduct"]) == (1, 2)
    assert all(f.keys() == FINDING_KEYS for f in doc["findings"])
    assert all(f["evidence"].keys() == {"urls", "dates", "notes"} for f in doc["findings"])
    assert [f["status"] for f in doc["findings"]] == ["failed"] * 3 + ["unknown"] * 2 + ["passed"] * 2
    guide = next(f for f in doc["findings"] if f["check"] == "GK-GUIDE-01")
    assert guide["evidence"] == {
        "urls": [HOME + "zwgk/zn/"],
        "dates": ["2019-05-20"],
        "notes": ["指南页面的发布日期"],
    }


def test_write_reports_writes_html_and_json(tmp_path: Path) -> None:
    db, run_id = make_db()
    paths = write_reports(db, run_id, tmp_path / "out")
    assert paths == {"html": tmp_path / "out" / "report.html", "json": tmp_path / "out" / "findings.json"}
    html = paths["html"].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "政府网站合规审计报告" in html
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["summary"]["total"] == 7


# --- gold --------------------------------------------------------------------------------------------


def scrub_html(html: str) -> str:
    return re.sub(r'(<span data-volatile="([a-z_]+)">)[^<]*(</span>)', r"\1[\2]\3", html)


def scrub_json(out: str) -> str:
    doc = json.loads(out)
    doc["generated_at"] = "[generated_at]"
    doc["tool"]["version"] = "[version]"
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    ("name", "render", "scrub"),
    [("report.html", render_html, scrub_html), ("findings.json", render_json, scrub_json)],
)
def test_output_matches_gold(name: str, render: Any, scrub: Any) -> None:
    db, run_id = make_db()
    actual = scrub(render(build_report(db, run_id)))
    assert "[generated_at]" in actual and "[version]" in actual
    gold = GOLD / name
    if os.environ.get("GOVAUDIT_UPDATE_GOLD") == "1":
        gold.parent.mkdir(exist_ok=True)
        gold.write_text(actual, encoding="utf-8", newline="\n")
    assert actual == gold.read_text(encoding="utf-8"), (
        f"{name} differs from the gold; see the module docstring"
    )
