"""The realistic test district (govaudit.testsites) audited through the CLI, its real host names mapped to
loopback with --resolve: every page of every list is reached, nothing published is called missing, and the
list drawn by script is UNKNOWN without --render and checked with it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from govaudit.testsites.realistic import START_URL, build_district

AS_OF = "2026-11-27"
CHROMIUM = "/usr/bin/chromium"


def audit(tmp: Path, *extra: str, timeout: float = 300) -> tuple[subprocess.CompletedProcess[str], Path, dict]:
    district = build_district(tmp / "site", date.fromisoformat(AS_OF))
    out = tmp / "out"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    with district.serve() as (_server, resolve):
        args = ["audit", START_URL, "--as-of", AS_OF, "--out", str(out), *extra]
        for mapping in resolve:
            args += ["--resolve", mapping]
        proc = subprocess.run([sys.executable, "-m", "govaudit.cli", *args], capture_output=True, text=True,
                              env=env, timeout=timeout, check=False)
    return proc, out, district.expected


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def findings(out: Path) -> list[dict]:
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]


@pytest.fixture(scope="module")
def static_audit(tmp_path_factory: pytest.TempPathFactory):
    return audit(tmp_path_factory.mktemp("district"))


def test_nothing_published_is_called_missing(static_audit) -> None:
    proc, out, _ = static_audit
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    failed = [f for f in findings(out) if f["status"] == "failed"]
    assert failed == [], failed


def test_every_page_of_every_list_is_reached(static_audit) -> None:
    _, out, expected = static_audit
    db = out / "audit.db"
    for key in ("trs_pages", "tjj_pages"):
        for url in expected[key]:
            assert rows(db, "select fetch_state from pages where url = ?", url) == [("ok",)], url
    ranges = rows(db, "select url from pages where url like '%dataproxy.jsp%' and fetch_state = 'ok'")
    assert len(ranges) == len(expected["dataproxy_ranges"]) == 2
    assert sorted((c[1], c[2]) for c in expected["proxy_calls"]) == expected["dataproxy_ranges"]
    assert {c[0] for c in expected["proxy_calls"]} == {"POST"}
    lists = [expected["tzgg_list"], *(u for (u,) in ranges)]
    marks = ",".join("?" * len(lists))
    (count,) = rows(db, f"select count(distinct url) from entries where list_url in ({marks})", *lists)[0]
    assert count == expected["tzgg_total"] == 62
    # the records' articles were followed too (they exist only in CDATA and dataproxy answers)
    (articles,) = rows(db, "select count(*) from pages where url like '%/art/%' and fetch_state = 'ok'")[0]
    assert articles == 62


def test_departments_on_a_sub_domain_and_in_gbk(static_audit) -> None:
    _, out, expected = static_audit
    db = out / "audit.db"
    found = dict(rows(db, "select name, root_url from departments"))
    assert found == expected["departments"]
    (jyj,) = rows(db, "select count(*) from pages where url like 'http://jyj.testqu.gov.cn/%' and fetch_state = 'ok' "
                      "and department = '测试区教育局'")[0]
    assert jyj >= 10
    titles = [t for (t,) in rows(db, "select title from pages where url like '%/bm/czj/%' and page_kind != 'other'")]
    assert len(titles) >= 10 and all("\ufffd" not in t for t in titles)
    assert any("财政局2025年部门决算" in t for t in titles)
    columns = [c for (c,) in rows(db, "select column_name from pages where url like '%/bm/czj/%'")]
    assert "政府信息公开年报" in columns and "部门预决算" in columns  # mislabelled meta, mislabelled header


def test_script_drawn_column_is_unknown_with_the_reason(static_audit) -> None:
    _, out, expected = static_audit
    by_check = {f["check"]: f for f in findings(out) if f["check"] in ("FIS-GOV-01", "FIS-GOV-02")}
    assert set(by_check) == {"FIS-GOV-01", "FIS-GOV-02"}
    for finding in by_check.values():
        assert finding["status"] == "unknown"
        assert any("脚本生成" in note for note in finding["evidence"]["notes"]), finding
    state = rows(out / "audit.db", "select state from columns where url = ?", expected["script_list"])
    assert state == [("script_rendered",)]


def test_attachments_are_probed_not_downloaded(static_audit) -> None:
    _, out, _ = static_audit
    probed = {url: rest for url, *rest in rows(
        out / "audit.db", "select url, method, status, size, content_type, note from attachments")}
    assert probed["http://jyj.testqu.gov.cn/uploads/jyj_2026_ys.pdf"][:3] == ["GET-range", 206, 3051]
    assert probed["http://www.testqu.gov.cn/bm/czj/yjs/P020260210_ys.pdf"][:3] == ["HEAD", 200, 3051]
    assert probed["http://jyj.testqu.gov.cn/uploads/jyj_2026_ys.xls"][4].startswith("type_mismatch")
    assert all(not rest[4] for url, rest in probed.items() if "jyj_2026_ys.xls" not in url)


def test_column_tree_is_stored(static_audit) -> None:
    _, out, _ = static_audit
    tree = {(d, tuple(json.loads(p))): (pages, entries, state) for d, p, pages, entries, state in rows(
        out / "audit.db", "select department, path, pages, entries, state from columns")}
    assert tree[("", ("新闻中心", "工作动态"))][1] == 60
    assert tree[("", ("通知公告",))][1] == 62
    assert tree[("测试区教育局", ("测试区教育局", "部门预决算"))][2] == "ok"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (Debian: apt-get install -y chromium)")
@pytest.mark.skipif(shutil.which("true") is None, reason="needs a POSIX system")
def test_render_checks_the_script_drawn_column(tmp_path: Path) -> None:
    pytest.importorskip("scrapy_playwright", reason="scrapy-playwright is not installed")
    proc, out, expected = audit(tmp_path, "--render")
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    statuses = {f["check"]: f["status"] for f in findings(out) if f["check"] in ("FIS-GOV-01", "FIS-GOV-02")}
    assert statuses == {"FIS-GOV-01": "passed", "FIS-GOV-02": "passed"}
    assert [f for f in findings(out) if f["status"] == "failed"] == []
    state = rows(out / "audit.db", "select state, entries from columns where url = ?", expected["script_list"])
    assert state == [("ok", 2)]
