"""The demo report in a real browser: Debian's Chromium, headless, as CI installs it (.ci/run).

Chromium saves a screenshot (kept next to the report, and copied to $GOVAUDIT_SCREENSHOT_DIR when set, for
CI artifacts) and dumps the DOM after scripts ran: the summary and the findings table are rendered, the
filter bar is shown by its script, and a ``#filter&…`` link preselects a filter that hides rows.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from crawler.render import CHROMIUM_ARGS

AS_OF = "2026-11-27"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
)

FLAGS = [*CHROMIUM_ARGS, "--window-size=1280,2000"]  # the flags --render launches Chromium with


def chromium(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["HOME"] = str(home)  # a profile of its own, nothing from the machine's user
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={home / 'profile'}", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "govaudit.cli",
            "audit",
            "--demo",
            "--as-of",
            AS_OF,
            "--out",
            str(out),
            "--timeout",
            "3",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr[-3000:]
    return out / "report.html"


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_screenshot_of_the_demo_report(demo_report: Path, tmp_path: Path) -> None:
    shot = demo_report.parent / "report.png"
    proc = chromium(f"--screenshot={shot}", demo_report.as_uri(), home=tmp_path)
    assert shot.is_file(), proc.stderr[-2000:]
    assert png_size(shot) == (1280, 2000)
    assert shot.stat().st_size > 50_000  # a page of text and tables, not a blank image
    if os.environ.get("GOVAUDIT_SCREENSHOT_DIR"):
        target = Path(os.environ["GOVAUDIT_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target / "report.png")


def rendered(url: str, home: Path) -> BeautifulSoup:
    proc = chromium("--dump-dom", url, home=home)
    assert "<html" in proc.stdout, proc.stderr[-2000:]
    return BeautifulSoup(proc.stdout, "html.parser")


def test_summary_and_findings_table_are_rendered_and_filters_work(demo_report: Path, tmp_path: Path) -> None:
    soup = rendered(demo_report.as_uri(), tmp_path)
    assert soup.select_one("h1").get_text() == "政府网站合规审计报告"
    summary = soup.select_one("#summary table.summary")
    assert summary is not None and summary.select("tbody tr")
    failed_rows = soup.select("#failed table.findings tr.finding")
    assert failed_rows and all(tr["data-status"] == "failed" for tr in failed_rows)
    form = soup.select_one("form#filters")
    assert form is not None and not form.has_attr("hidden")  # the script ran and showed the filter bar
    total = len(soup.select("tr.finding"))
    assert form.select_one(".shown").get_text() == f"显示 {total} / {total} 项"
    assert not soup.select("tr.finding[hidden]")

    veto = rendered(demo_report.as_uri() + "#filter&status=failed&severity=deduct", tmp_path)
    shown = [tr for tr in veto.select("tr.finding") if not tr.has_attr("hidden")]
    assert shown and all(tr["data-status"] == "failed" and tr["data-severity"] == "deduct" for tr in shown)
    assert len(shown) < total
    assert veto.select_one("form#filters .shown").get_text() == f"显示 {len(shown)} / {total} 项"


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_report_fits_the_screen_width_without_sideways_scrolling(demo_report: Path, width: int) -> None:
    """Long evidence URLs wrap inside their cells: a reader never scrolls sideways to see 整改建议."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(demo_report.as_uri())
            widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            cut = page.evaluate(
                """() => [...document.querySelectorAll('table.findings th')]
                     .filter(th => th.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                     .map(th => th.textContent.trim())"""
            )
        finally:
            browser.close()
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window; cut off: {cut}"


def doc_screenshot(page, name: str, selector: str = "") -> None:
    """With GOVAUDIT_DOC_SCREENSHOTS=1, keep the screenshot (of ``selector``, else the viewport) for
    docs/monthly.md as docs/img/NAME.png."""
    if os.environ.get("GOVAUDIT_DOC_SCREENSHOTS") == "1":
        target = Path(__file__).resolve().parents[1] / "docs" / "img"
        target.mkdir(parents=True, exist_ok=True)
        (page.locator(selector) if selector else page).screenshot(path=str(target / f"{name}.png"))


def test_the_first_screen_says_the_result_at_a_glance(demo_report: Path) -> None:
    """At 1280×800 the opening screen shows the verdict badge with the score, the counts and the bar chart."""
    from playwright.sync_api import sync_playwright

    findings = json.loads((demo_report.parent / "findings.json").read_text(encoding="utf-8"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(demo_report.as_uri())
            shot = demo_report.parent / "first-screen.png"
            page.screenshot(path=str(shot))
            doc_screenshot(page, "report-first-screen", "#glance")
            seen = page.evaluate(
                """() => {
                  const inView = el => { const r = el.getBoundingClientRect();
                    return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; };
                  const all = sel => [...document.querySelectorAll(sel)];
                  return {
                    badge: all('#glance .badge').filter(inView).map(e => e.innerText.replace(/\\s+/g, ' ').trim()),
                    counts: all('#glance li.count').filter(inView).map(e => [e.className, +e.dataset.count]),
                    bars: all('#glance svg.bars rect.bar').filter(inView).map(e => [e.dataset.label, +e.dataset.value,
                                                                                  e.getBoundingClientRect().width]),
                    gaps: all('#glance li.top-gap').filter(inView).length,
                  };
                }"""
            )
        finally:
            browser.close()
    assert png_size(shot) == (1280, 800)
    summary = findings["summary"]
    assert findings["verdict"] == "合格"  # the demo's planted gaps are deductions, no veto
    assert seen["badge"] == [f"合格 {findings['score']:g} 分"]
    assert seen["counts"] == [
        ["count count-veto", summary["failed_veto"]],
        ["count count-deduct", summary["failed_deduct"]],
        ["count count-unknown", summary["by_status"]["unknown"]],
    ]
    by_indicator = findings["scoring"]["by_indicator"]
    assert sorted((label, value) for label, value, _ in seen["bars"]) == sorted(
        (k, v) for k, v in by_indicator.items() if v > 0)
    assert all(width > 1 for _, _, width in seen["bars"])
    assert seen["gaps"] >= 3  # the largest gaps are on the same screen


def test_the_first_screen_prints_on_the_first_a4_page(demo_report: Path, tmp_path: Path) -> None:
    """Printed (A4 landscape, 12 mm margins: 273 × 186 mm), the glance fits the first page and the details follow."""
    from playwright.sync_api import sync_playwright

    mm = 96 / 25.4  # CSS pixels per millimetre
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": round(273 * mm), "height": round(186 * mm)})
            page.goto(demo_report.as_uri())
            page.emulate_media(media="print")
            glance = page.evaluate("""() => { const g = document.querySelector('#glance');
                return [g.getBoundingClientRect().bottom, getComputedStyle(g).breakAfter,
                        getComputedStyle(document.querySelector('form.filters')).display]; }""")
            pdf = page.pdf(path=str(tmp_path / "report.pdf"), prefer_css_page_size=True)
        finally:
            browser.close()
    bottom, break_after, filters = glance
    assert bottom <= 186 * mm, f"the glance ends {bottom / mm:.0f} mm down the first page"
    assert break_after == "page" and filters == "none"
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 2
