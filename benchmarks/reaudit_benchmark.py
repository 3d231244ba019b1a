"""Benchmark: the second audit of an unchanged site, and of a site with one article changed in place.

Usage:  python benchmarks/reaudit_benchmark.py [--pages 5000] [--out benchmarks/RESULTS.md]

The demo district is generated at about ``--pages`` HTML pages and served on loopback as static files (one
server for all runs, so the URLs stay the same). It is audited three times into one ``--out`` through the command
a user runs (``govaudit audit URL``): a first audit, a second one of the unchanged site, a third after one
department guide lost its fax number in place. For each: pages, pages answered 304, body bytes received, time,
and whether its findings equal the previous audit's (the checks that compare a run with earlier ones, DATE-*,
left out: on a first audit they have nothing to compare).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
AS_OF = date(2026, 11, 27)


def audit(url: str, out: Path) -> float:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "govaudit.cli", "audit", url, "--as-of", AS_OF.isoformat(), "--out",
                           str(out), "--max-pages", "100000"], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"audit failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return time.perf_counter() - t0


def verdicts(db: sqlite3.Connection, run_id: int) -> set[tuple]:
    return set(db.execute("select check_id, department, subject, status, message from findings where run_id = ? and "
                          "check_id not like 'DATE-%'", [run_id]))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--pages", type=int, default=5000)
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md", help="append the section here")
    args = p.parse_args()
    from govaudit.demo.site import build_demo_site, per_column_for_pages
    from govaudit.serve import LoopbackServer

    work = Path(tempfile.mkdtemp(prefix="govaudit-reaudit-"))
    site = build_demo_site(work / "site", AS_OF, articles_per_column=per_column_for_pages(args.pages))
    out = work / "out"
    seconds = []
    changed_url = ""
    with LoopbackServer(site.root) as server:
        for run in (1, 2, 3):
            if run == 3:  # one department guide loses its fax number, in place
                with sqlite3.connect(out / "audit.db") as db:
                    (changed_url,) = db.execute(
                        "select url from findings where run_id = 2 and check_id = 'GK-GUIDE-02' and department != '' "
                        "and status = 'passed' order by department limit 1").fetchone()
                path = site.root / urlsplit(changed_url).path.lstrip("/")
                path = path / "index.html" if path.is_dir() else path
                time.sleep(1.1)
                path.write_text(re.sub(r"传真[^<]*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
            print(f"audit {run} …", file=sys.stderr, flush=True)
            seconds.append(audit(server.base_url, out))
    db = sqlite3.connect(out / "audit.db")
    runs = db.execute("select id, pages_fetched + pages_failed, not_modified, bytes_received from runs order by id").fetchall()
    guide = [db.execute("select status from findings where run_id = ? and check_id = 'GK-GUIDE-02' and url = ?",
                        [r, changed_url]).fetchone()[0] for r in (2, 3)]
    same = [verdicts(db, 2) == verdicts(db, 1), None]
    differ = verdicts(db, 3) ^ verdicts(db, 2)
    first_bytes = runs[0][3] or 1
    lines = [
        "",
        "# Re-audit: what a second audit fetches",
        "",
        f"Run {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores (shared with other work), Python "
        f"{platform.python_version()}, by `python benchmarks/reaudit_benchmark.py --pages {args.pages}`. Site: the demo "
        f"district generated at {site.manifest['pages']} HTML pages, served on loopback as static files (nginx-like "
        "ETag and Last-Modified, 304 to a conditional request); three audits into one `--out`, unthrottled.",
        "",
        "| audit | pages | answered 304 | body bytes received | share of the first audit's bytes | seconds | findings |",
        "|---|---|---|---|---|---|---|",
    ]
    labels = ["first audit", "second audit, site unchanged", "third audit, one guide changed in place"]
    results = ["—", "identical to the first" if same[0] else "DIFFERENT",
               f"{len(differ) // 2} finding changed: GK-GUIDE-02 of the changed guide {guide[0]} → {guide[1]}"]
    for (_, pages, not_modified, received), label, secs, result in zip(runs, labels, seconds, results, strict=True):
        lines.append(f"| {label} | {pages} | {not_modified or 0} | {received or 0:,} | {100 * (received or 0) / first_bytes:.1f} % "
                     f"| {secs:.0f} | {result} |")
    lines += ["", f"Every page is asked again (the home page and the lists too, so new entries are seen); the HTTP cache "
              f"(OUT/httpcache) holds {sum(f.stat().st_size for f in (out / 'httpcache').rglob('*') if f.is_file()) / 1e6:.1f} MB.",
              ""]
    text = "\n".join(lines)
    with args.out.open("a", encoding="utf-8") as fh:
        fh.write(text)
    print(text)


if __name__ == "__main__":
    main()
