"""``govaudit archive DIR``: one self-contained index of every district × month, each cell linking that month's
report and notices, each month its comparison and 检查情况通报 — read as HTML, and opened in Chromium."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from docx import Document

from tests.demo_districts import AS_OF, MONTHS, copy_of_districts, govaudit
from tests.test_browser import CHROMIUM, doc_screenshot

DISTRICTS = ("东湖区", "南江区", "西山区")


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_of_districts(tmp_path_factory.mktemp("archive") / "districts")
    assert govaudit("notices", str(root), "--all-runs").returncode == 0
    proc = govaudit("archive", str(root))
    assert proc.returncode == 0, proc.stderr
    return root


def soup(root: Path) -> BeautifulSoup:
    return BeautifulSoup((root / "index.html").read_text(encoding="utf-8"), "html.parser")


def runs(folder: Path) -> list[tuple[int, str]]:
    db = sqlite3.connect(folder / "audit.db")
    try:
        return db.execute("select id, as_of from runs where status = 'done' order by as_of").fetchall()
    finally:
        db.close()


def test_every_district_and_month_is_a_cell_with_what_that_months_report_says(archived: Path) -> None:
    page = soup(archived)
    assert [th["data-as-of"] for th in page.select("thead th.month")] == MONTHS
    rows = page.select("tbody tr.district")
    assert [tr["data-folder"] for tr in rows] == list(DISTRICTS)
    for tr in rows:
        folder = archived / tr["data-folder"]
        cells = tr.select("td.month")
        assert len(cells) == len(MONTHS)
        for td, (run_id, as_of) in zip(cells, runs(folder), strict=True):
            issued = json.loads((folder / "runs" / f"{as_of}-run{run_id}" / "findings.json").read_text(encoding="utf-8"))
            assert td["data-as-of"] == as_of == issued["as_of"]
            assert (td["data-verdict"], td["data-score"]) == (issued["verdict"], f"{issued['score']:g}")
            assert int(td["data-gaps"]) == issued["summary"]["by_status"]["failed"]
            assert td.select_one("a.report")["href"] == f"{tr['data-folder']}/runs/{as_of}-run{run_id}/report.html"
            notices = sorted((folder / "notices" / f"{as_of}-run{run_id}").glob("*.docx"))
            assert [a["href"] for a in td.select("a.notice")] == [p.relative_to(archived).as_posix() for p in notices]
            assert bool(notices) == (issued["summary"]["failed_veto"] + issued["summary"]["failed_deduct"] > 0)
    # 东湖区 fixed its gaps: fewer this month, and its trend line rises
    donghu = rows[0].select("td.month")[1]
    assert donghu.select_one(".gaps-change").get_text().startswith("-")
    values = [float(c["data-value"]) for c in rows[0].select("svg.spark circle")]
    assert values == sorted(values) and values[0] < values[1]
    assert page.find("script") is None


def test_every_link_is_relative_and_resolves_to_a_file(archived: Path) -> None:
    hrefs = [a["href"] for a in soup(archived).select("a[href]")]
    assert hrefs and not [h for h in hrefs if urlsplit(h).scheme or h.startswith("/")]
    missing = [h for h in hrefs if not (archived / unquote(h.split("#")[0])).is_file()]
    assert missing == []
    kinds = {Path(h).name if not h.endswith(".docx") or "整改通知书" not in h else "notice" for h in hrefs}
    assert {"report.html", "compare.html", "检查情况通报.docx", "notice"} <= kinds


def test_each_months_comparison_ranks_that_month(archived: Path) -> None:
    october = json.loads((archived / "monthly" / MONTHS[0] / "compare.json").read_text(encoding="utf-8"))
    november = json.loads((archived / "monthly" / AS_OF / "compare.json").read_text(encoding="utf-8"))
    assert {d["as_of"] for d in october["districts"]} == {MONTHS[0]}
    assert october["districts"][0]["name"] == "西山区人民政府"  # clean in October, slipped in November
    assert november["districts"][0]["name"] == "东湖区人民政府"
    html = BeautifulSoup((archived / "monthly" / MONTHS[0] / "compare.html").read_text(encoding="utf-8"), "html.parser")
    for a in html.select("table.ranking td.name a"):
        assert f"/runs/{MONTHS[0]}-run" in a["href"]  # October's reports as issued, not the latest
        assert (archived / "monthly" / MONTHS[0] / a["href"]).resolve().is_file()
    texts = [p.text for p in Document(str(archived / "monthly" / MONTHS[0] / "检查情况通报.docx")).paragraphs]
    assert texts[0] == "关于2026年10月政府网站检查情况的通报"


def test_archive_of_a_folder_without_districts_is_a_usage_error(tmp_path: Path) -> None:
    assert govaudit("archive", str(tmp_path)).returncode == 2


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_the_archive_renders_in_chromium_and_its_links_open(archived: Path) -> None:
    from playwright.sync_api import sync_playwright

    from crawler.render import CHROMIUM_ARGS

    env_proxy = {k: os.environ.pop(k) for k in list(os.environ) if "proxy" in k.lower()}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 640})
                page.goto((archived / "index.html").as_uri())
                doc_screenshot(page, "archive")
                shown = page.evaluate("""() => [...document.querySelectorAll('tbody tr.district')].map(tr => [
                    tr.querySelector('th').innerText.trim(), tr.getBoundingClientRect().height,
                    [...tr.querySelectorAll('td.month')].map(td => td.innerText.split('\\n')[0].trim())])""")
                targets = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
                report = page.evaluate("document.querySelector('tbody tr.district a.report').href")
                page.goto(report)
                opened = page.evaluate("document.querySelector('h1').innerText")
                badge = page.evaluate("document.querySelector('#glance .badge').innerText")
            finally:
                browser.close()
    finally:
        os.environ.update(env_proxy)
    assert [name for name, _, _ in shown] == ["东湖区人民政府", "南江区人民政府", "西山区人民政府"]
    assert all(height > 20 for _, height, _ in shown)
    for (_, _, cells), district in zip(shown, DISTRICTS, strict=True):
        issued = [json.loads((archived / district / "runs" / f"{as_of}-run{run_id}" / "findings.json")
                             .read_text(encoding="utf-8")) for run_id, as_of in runs(archived / district)]
        assert [c.split(" ")[:2] for c in cells] == [[f["verdict"], f"{f['score']:g}"] for f in issued]
    files = [Path(unquote(urlsplit(t).path)) for t in targets]
    assert all(t.startswith("file://") for t in targets) and all(f.is_file() for f in files)
    assert opened == "政府网站合规审计报告" and badge.startswith("合格")
