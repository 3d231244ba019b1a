"""Issue 11, item 2: an audit killed with SIGKILL mid-crawl and started again with the same command continues
where it stopped. The pages the killed process fetched are read from the audit folder's store (crawler.cache:
each answer is written whole, then renamed into place), not asked of the site again; the run goes on under the
same id; nothing stored is lost; the database is sound; the findings are those of an uninterrupted audit."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from govaudit.demo.site import build_demo_site
from govaudit.serve import LoopbackServer

AS_OF = "2026-11-27"
IN_FLIGHT = 16  # CONCURRENT_REQUESTS on loopback: what a kill may leave answered but not yet stored
HISTORY_CHECKS = ("DATE-BACK-01", "DATE-EDIT-01")


def command(url: str, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "govaudit.cli", "audit", url, "--as-of", AS_OF, "--out", str(out), "--timeout", "10",
            *extra]


SLOW: tuple[str, ...] = ()  # unthrottled on loopback (16 at once): still crawling when 150 answers are stored


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}


def stored_answers(out: Path) -> int:
    cache = out / "httpcache"
    return sum(1 for _ in cache.rglob("*.pickle.gz")) if cache.exists() else 0


def verdicts(out: Path) -> set[tuple]:
    with sqlite3.connect(out / "audit.db") as db:
        return set(db.execute("select check_id, department, subject, status, message from findings where check_id not in "
                              f"({', '.join('?' * len(HISTORY_CHECKS))})", HISTORY_CHECKS))


@pytest.fixture(scope="module")
def resumed(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("resume")
    site = build_demo_site(tmp / "site", date.fromisoformat(AS_OF))
    with LoopbackServer(site.root, log=True) as server:
        whole = tmp / "whole"
        done = subprocess.run(command(server.base_url, whole), capture_output=True, text=True, env=env(), timeout=600)
        assert done.returncode in (0, 1), done.stderr[-3000:]
        server.log.clear()
        out = tmp / "out"
        killed = subprocess.Popen(command(server.base_url, out, *SLOW), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=env())
        deadline = time.monotonic() + 300
        while stored_answers(out) < 150 and killed.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert killed.poll() is None, "the crawl ended before it could be killed"
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
        before = list(server.log)
        again = subprocess.run(command(server.base_url, out, *SLOW), capture_output=True, text=True, env=env(), timeout=600)
        assert again.returncode in (0, 1), again.stderr[-3000:]
        after = list(server.log[len(before):])
    return whole, out, before, after, again


def test_the_killed_audit_is_continued_under_the_same_run(resumed) -> None:
    _, out, before, _, again = resumed
    assert "继续上次未完成的审计" in again.stderr
    with sqlite3.connect(out / "audit.db") as db:
        assert db.execute("pragma integrity_check").fetchone() == ("ok",)
        assert db.execute("select id, status from runs").fetchall() == [(1, "done")]
    assert sum(1 for method, _, status in before if method == "GET" and status == 200) >= 150


def test_no_page_is_fetched_again_beyond_those_in_flight(resumed) -> None:
    _, _, before, after, _ = resumed
    answered = {path for method, path, status in before if method == "GET" and status == 200}
    again = {path for method, path, _ in after if method == "GET" and path in answered} - {"/robots.txt"}
    assert len(again) <= IN_FLIGHT, sorted(again)[:20]
    assert len(answered) >= 150


def test_nothing_is_lost_and_the_findings_are_those_of_an_uninterrupted_audit(resumed) -> None:
    whole, out, _, _, _ = resumed
    with sqlite3.connect(whole / "audit.db") as db:
        pages = set(db.execute("select url, fetch_state from pages"))
    with sqlite3.connect(out / "audit.db") as db:
        assert set(db.execute("select url, fetch_state from pages")) == pages
    assert verdicts(out) == verdicts(whole)
