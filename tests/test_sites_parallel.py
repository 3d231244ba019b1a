"""``govaudit audit --sites``: many districts at once, one at a time per host, with progress over all of them."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from crawler import store
from govaudit.sites import Progress, SitesError, SiteSpec, load_sites, pages_in_log
from tests.clusternodes import PROXY_VARIABLES, serve_districts

AS_OF = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_a_district_may_carry_its_own_resolve(tmp_path: Path) -> None:
    sites = tmp_path / "sites.yaml"
    sites.write_text("sites:\n"
                     "  - {name: 甲区, url: 'http://www.jia.gov.cn/', resolve: ['www.jia.gov.cn=127.0.0.1:8001']}\n"
                     "  - {name: 乙区, url: 'http://www.yi.gov.cn/', resolve: 'www.yi.gov.cn=127.0.0.1:8001'}\n"
                     "  - {name: 丙区, url: 'http://www.bing.gov.cn/'}\n", encoding="utf-8")
    specs, _ = load_sites(sites)
    assert [s.resolve for s in specs] == [{"www.jia.gov.cn": "127.0.0.1:8001"}, {"www.yi.gov.cn": "127.0.0.1:8001"}, {}]
    assert [s.host for s in specs] == ["www.jia.gov.cn", "www.yi.gov.cn", "www.bing.gov.cn"]

    sites.write_text("sites:\n  - {name: 甲区, url: 'http://www.jia.gov.cn/', resolve: ['www.jia.gov.cn']}\n",
                     encoding="utf-8")
    with pytest.raises(SitesError, match="站点清单第1项：--resolve 的格式"):
        load_sites(sites)


def test_progress_counts_sites_and_pages_over_all_of_them(tmp_path: Path) -> None:
    specs = [SiteSpec(name=n, url=f"http://www.{n}.gov.cn/", slug=n) for n in ("a", "b", "c", "d")]
    for slug, text in (("a", "已抓取 40 页，失败 0\n抓取页面 120 个（失败 1 个）；检查结果"),
                       ("b", "已抓取 10 页，失败 0，1.0 页/秒\n已抓取 35 页，失败 1，1.2 页/秒\n")):
        (tmp_path / slug).mkdir()
        (tmp_path / slug / "audit.log").write_text(text, encoding="utf-8")
    assert pages_in_log(tmp_path / "a" / "audit.log") == 121  # the summary: fetched and failed, as the progress
    assert pages_in_log(tmp_path / "c" / "audit.log") == 0  # not started: no log
    progress = Progress(specs, tmp_path)
    progress.done.add("a")
    progress.running.update({"b", "c"})
    line = progress.line()
    assert line.startswith("区县：完成 1，进行中 2，排队 1；共抓取 156 页，")


def test_districts_run_at_once_but_one_at_a_time_per_host(tmp_path: Path) -> None:
    with serve_districts(2, AS_OF) as (d0, d1):
        sites = tmp_path / "sites.yaml"
        # d0 twice (one host: one after the other), d1 beside them
        sites.write_text(f"as_of: {AS_OF.isoformat()}\nsites:\n"
                         f"  - {{name: {d0.name}, slug: first, url: '{d0.url}', resolve: ['{d0.resolve}']}}\n"
                         f"  - {{name: {d0.name}, slug: again, url: '{d0.url}', resolve: ['{d0.resolve}']}}\n"
                         f"  - {{name: {d1.name}, slug: other, url: '{d1.url}', resolve: ['{d1.resolve}']}}\n",
                         encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "govaudit.cli", "audit", "--sites", str(sites), "--out",
                                 str(tmp_path / "out"), "--jobs", "3", "--timeout", "30"],
                                capture_output=True, text=True, timeout=180,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert result.returncode == 1, result.stderr  # demo gaps
    assert "区县：完成 3，进行中 0，排队 0；共抓取" in result.stderr

    def span(slug: str) -> tuple[datetime, datetime]:
        db = store.open_db(tmp_path / "out" / slug / "audit.db")
        run = db["runs"].get(store.latest_run_id(db))
        db.close()
        assert run["start_url"].startswith("http://www.d0")  # the host name, not the loopback address
        return datetime.fromisoformat(run["started_at"]), datetime.fromisoformat(run["finished_at"])

    def overlap(x: tuple[datetime, datetime], y: tuple[datetime, datetime]) -> bool:
        return x[0] < y[1] and y[0] < x[1]

    first, again, other = span("first"), span("again"), span("other")
    assert not overlap(first, again)  # one host: one after the other
    assert overlap(other, first) or overlap(other, again)  # another host: at the same time


def test_a_resolved_host_keeps_its_autothrottled_delay_and_true_load_times(tmp_path: Path) -> None:
    """--resolve must not hide the latency from AutoThrottle: else every host of a sites file crawled through
    a mapping stays at AUTOTHROTTLE_START_DELAY (1 s) whatever --delay says, and a page's stored load time is
    its time in the queue."""
    with serve_districts(1, AS_OF) as (d0,):
        result = subprocess.run([sys.executable, "-m", "govaudit.cli", "audit", d0.url, "--resolve", d0.resolve,
                                 "--out", str(tmp_path / "out"), "--as-of", AS_OF.isoformat(), "--delay", "0.1",
                                 "--max-time", "6"], capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    db = store.open_db(tmp_path / "out" / "audit.db")
    pages, slowest = db.execute("select count(*), max(elapsed_ms) from pages where fetch_state = 'ok'").fetchone()
    db.close()
    assert pages >= 25  # one request every 0.1–0.15 s (jitter, 2 at a time), not one a second
    assert slowest < 3000  # loopback answers in milliseconds; the 0.1 s waits in the queue are not load time
