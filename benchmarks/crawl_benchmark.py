"""Benchmark: the audit crawl against a bare Scrapy spider, on the same generated demo district.

Usage:  python benchmarks/crawl_benchmark.py [--pages 5000] [--out benchmarks/RESULTS.md]

Both crawls run in their own subprocess (fresh reactor, own peak memory) against one loopback server,
one after the other. The bare spider follows links and does nothing else: no extraction, no storage.
The audit crawl is govaudit's real crawl (spider + extraction + SQLite pipeline) into a fresh database;
the checks and reports that follow are timed separately.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 27)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def bare_crawl(url: str) -> dict:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    host = url.split("/")[2]
    count = {"pages": 0}

    class Bare(scrapy.Spider):
        name = "bare"
        start_urls = [url]

        def parse(self, response):
            count["pages"] += 1
            if not hasattr(response, "css"):
                return
            for href in response.css("a::attr(href)").getall():
                target = response.urljoin(href)
                if target.split("/")[2:3] == [host] and not target.lower().endswith((".pdf", ".xls", ".xlsx", ".doc", ".docx")):
                    yield scrapy.Request(target, callback=self.parse)

    from crawler import settings as audit_settings

    process = CrawlerProcess({
        # the engine settings the audit crawl runs with (CONCURRENT_ITEMS: see crawler/settings.py), so the ratio
        # measures what extraction and storage cost, not a difference of Scrapy's configuration
        "CONCURRENT_ITEMS": audit_settings.CONCURRENT_ITEMS,
        "LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "DOWNLOAD_DELAY": 0, "TELNETCONSOLE_ENABLED": False,
        "HTTPERROR_ALLOW_ALL": True,
    })
    process.crawl(Bare)
    t0 = time.perf_counter()
    process.start()
    return {"pages": count["pages"], "seconds": time.perf_counter() - t0, "peak_mb": peak_rss_mb()}


def audit_crawl(url: str) -> dict:
    from checks.profile import load_profile
    from checks.runner import run_checks
    from crawler import store
    from govaudit.crawl import CrawlOptions, run_crawl
    from reports.render import write_reports

    out = Path(tempfile.mkdtemp(prefix="govaudit-bench-"))
    db_path = out / "audit.db"
    db = store.open_db(db_path)
    options = CrawlOptions(start_url=url, max_pages=100_000, max_depth=50, progress_interval=0)
    run_id = store.create_run(db, site_name="bench", start_url=url, as_of=AS_OF.isoformat(), settings={})
    db.close()
    t0 = time.perf_counter()
    run_crawl(str(db_path), run_id, options)
    crawl_seconds = time.perf_counter() - t0
    crawl_peak = peak_rss_mb()
    db = store.open_db(db_path)
    pages = db.execute("select count(*) from pages where run_id = ?", [run_id]).fetchone()[0]
    t1 = time.perf_counter()
    run_checks(db, run_id, load_profile())
    write_reports(db, run_id, out)
    return {"pages": pages, "seconds": crawl_seconds, "peak_mb": crawl_peak,
            "checks_report_seconds": time.perf_counter() - t1, "peak_mb_with_checks": peak_rss_mb(),
            "db_mb": db_path.stat().st_size / 1e6}


def child(mode: str, url: str) -> None:
    result = bare_crawl(url) if mode == "bare" else audit_crawl(url)
    print("RESULT " + json.dumps(result))


def run_child(mode: str, url: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "no_proxy": "*", "http_proxy": "", "https_proxy": ""}
    proc = subprocess.run([sys.executable, __file__, "--child", mode, url], capture_output=True, text=True,
                          env=env, cwd=ROOT, check=False)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"{mode} crawl failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(line[len("RESULT "):])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--pages", type=int, default=5000, help="approximate size of the generated site")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    p.add_argument("--child", nargs=2, metavar=("MODE", "URL"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(*args.child)
        return

    sys.path.insert(0, str(ROOT))
    from govaudit.demo.site import build_demo_site, per_column_for_pages
    from govaudit.serve import LoopbackServer

    with tempfile.TemporaryDirectory(prefix="govaudit-bench-site-") as tmp:
        t0 = time.perf_counter()
        site = build_demo_site(Path(tmp), AS_OF, articles_per_column=per_column_for_pages(args.pages), gaps=False)
        generated = time.perf_counter() - t0
        files = sum(1 for f in Path(tmp).rglob("*.html"))
        with LoopbackServer(site.root) as server:
            bare = run_child("bare", server.base_url)
            audit = run_child("audit", server.base_url)

    bare_rate = bare["pages"] / bare["seconds"]
    audit_rate = audit["pages"] / audit["seconds"]
    ratio = audit_rate / bare_rate
    lines = [
        "# Crawl benchmark: audit crawl vs bare Scrapy spider",
        "",
        f"Run {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"by `python benchmarks/crawl_benchmark.py --pages {args.pages}`.",
        f"Site: the demo district generated with gaps off, {files} HTML files ({generated:.1f} s to generate), "
        "served by govaudit's threaded loopback server; both crawls unthrottled, 16 concurrent requests.",
        "",
        "| crawl | pages | seconds | pages/s | peak memory (MB) |",
        "|---|---|---|---|---|",
        f"| bare spider (follow links only) | {bare['pages']} | {bare['seconds']:.1f} | {bare_rate:.1f} | {bare['peak_mb']:.0f} |",
        f"| audit crawl (extract + store) | {audit['pages']} | {audit['seconds']:.1f} | {audit_rate:.1f} | {audit['peak_mb']:.0f} |",
        "",
        f"**Ratio: the audit crawl runs at {ratio:.0%} of the bare spider's rate** (target ≥ 70 %); "
        f"peak memory of the audit crawl {audit['peak_mb']:.0f} MB (target < 300 MB).",
        "",
        f"Checks and reports over the stored crawl took {audit['checks_report_seconds']:.1f} s more "
        f"(peak memory then {audit['peak_mb_with_checks']:.0f} MB); the database is {audit['db_mb']:.1f} MB.",
        "",
    ]
    text = "\n".join(lines)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
