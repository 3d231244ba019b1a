"""Issue 11, item 1: monthly re-audits that fetch only what changed. The second audit of a site into the same
--out asks every page again with its validators; an unchanged page answers 304 and its stored answer is read, so
the findings are those of the first audit; a page changed in place is fetched whole and read again, and its
finding follows; --full fetches everything whole."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from govaudit.demo.site import build_demo_site
from govaudit.serve import LoopbackServer

AS_OF = "2026-11-27"
HISTORY_CHECKS = ("DATE-BACK-01", "DATE-EDIT-01")  # compare a run with the earlier ones: not the same on a first run


def audit(url: str, out: Path, *extra: str) -> None:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.run([sys.executable, "-m", "govaudit.cli", "audit", url, "--as-of", AS_OF, "--out", str(out),
                           "--timeout", "10", *extra], capture_output=True, text=True, env=env, timeout=600, check=False)
    assert proc.returncode in (0, 1), proc.stdout[-2000:] + proc.stderr[-3000:]


def query(out: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(out / "audit.db") as db:
        return db.execute(sql, params).fetchall()


def verdicts(out: Path, run_id: int) -> set[tuple]:
    return set(query(out, "select check_id, department, subject, status, message from findings where run_id = ? "
                          f"and check_id not in ({', '.join('?' * len(HISTORY_CHECKS))})", run_id, *HISTORY_CHECKS))


@pytest.fixture(scope="module")
def reaudited(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("reaudit")
    site = build_demo_site(tmp / "site", date.fromisoformat(AS_OF))
    out = tmp / "out"
    with LoopbackServer(site.root) as server:
        audit(server.base_url, out)
        audit(server.base_url, out)
        # one department's guide loses its fax number in place (same URL); the file's validators change with it
        (url,) = query(out, "select url from findings where run_id = 2 and check_id = 'GK-GUIDE-02' and department != '' "
                            "and status = 'passed' order by department limit 1")[0]
        path = site.root / urlsplit(url).path.lstrip("/")
        if path.is_dir() or url.endswith("/"):
            path = path / "index.html"
        html = path.read_text(encoding="utf-8")
        changed = re.sub(r"传真[^<]*", "", html)
        assert changed != html
        time.sleep(1.1)  # a new modification second: Last-Modified and the ETag change
        path.write_text(changed, encoding="utf-8")
        audit(server.base_url, out)
        audit(server.base_url, out, "--full")
    return out, url


def test_an_unchanged_site_is_revalidated_not_fetched_again(reaudited) -> None:
    out, _ = reaudited
    (first, second) = query(out, "select pages_fetched, bytes_received, not_modified from runs where id in (1, 2) order by id")
    assert first[2] == 0 and first[1] > 0
    assert second[0] == first[0]
    assert second[2] >= 0.9 * second[0]  # nearly every page answered 304 …
    assert second[1] <= 0.1 * first[1]  # … so the second audit took at most a tenth of the bytes
    assert verdicts(out, 2) == verdicts(out, 1)


def test_a_page_changed_in_place_is_read_again_and_its_finding_follows(reaudited) -> None:
    out, url = reaudited
    assert query(out, "select not_modified from pages where run_id = 3 and url = ?", url) == [(0,)]
    assert query(out, "select status from findings where run_id = 2 and check_id = 'GK-GUIDE-02' and url = ?", url) == [
        ("passed",)]
    assert query(out, "select status from findings where run_id = 3 and check_id = 'GK-GUIDE-02' and url = ?", url) == [
        ("failed",)]
    (unchanged,) = query(out, "select count(*) from pages where run_id = 3 and not_modified = 1")[0]
    (pages,) = query(out, "select count(*) from pages where run_id = 3 and fetch_state = 'ok'")[0]
    assert unchanged >= pages - 5  # the guide, and what lists it, at most


def test_full_fetches_every_page_whole(reaudited) -> None:
    out, _ = reaudited
    (full,) = query(out, "select not_modified, bytes_received from runs where id = 4")
    (first,) = query(out, "select bytes_received from runs where id = 1")[0]
    assert full[0] == 0 and full[1] >= 0.9 * first
    assert verdicts(out, 4) == verdicts(out, 3)
