"""Benchmark: how storage, the checks and the report, and the crawl rate scale with the size of the site (issue 11).

Usage:  python benchmarks/scale_benchmark.py [--sizes 5000,20000,100000] [--out benchmarks/RESULTS.md]
                                             [--work DIR [--reuse]] [--no-bare]

For each size the demo district is generated with gaps off (about that many HTML pages) and served on loopback;
then, each in its own subprocess (fresh reactor, its own peak memory):
  - the bare Scrapy spider (follow links only; skipped with --no-bare), the same spider as crawl_benchmark's;
  - the audit crawl (govaudit.crawl.run_crawl: spider + extraction + SQLite pipeline) into a fresh audit.db;
  - the checks (checks.runner.run_checks) and the report (reports.render.write_reports) over the stored crawl.
After the crawl the WAL is checkpointed and the database measured: its size, bytes per stored page (rows of
``pages``) and, from SQLite's dbstat virtual table, what each table takes with its indexes.

Targets (issue 11), stated for the largest size: ≤ 5 kB of database per page; checks + report ≤ 5 % of the crawl
time and ≤ 500 MB peak; the audit crawl ≥ 90 % of the bare spider's rate.

The section ``# Scale: storage, checks and crawl rate by site size`` of --out is replaced (or appended); every
other section stays as it is. --work DIR keeps the sites and databases (DIR/<size>/); with --reuse an audit.db
already there is checked again by the current code, with the crawl and database figures recorded when it was
crawled (DIR/<size>/figures.json), so the checks stage can be re-measured quickly after a change.
Progress goes to stderr. kB and MB of the database are 1000 and 10^6 bytes; memory MB are MiB (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 27)
HEADING = "# Scale: storage, checks and crawl rate by site size"
TOP_TABLES = 8
HEARTBEAT = 60.0  # seconds between progress lines while a stage runs
T_START = time.perf_counter()

# targets of issue 11
MAX_BYTES_PER_PAGE = 5000
MAX_CHECKS_SHARE = 0.05
MAX_CHECKS_PEAK_MB = 500
MIN_CRAWL_RATIO = 0.90


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def current_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def progress(size: int | None, message: str) -> None:
    where = f"size {size}: " if size is not None else ""
    print(f"[{time.perf_counter() - T_START:7.0f} s] {where}{message}", file=sys.stderr, flush=True)


# --- the children: each stage in a process of its own ---------------------------------------------------------

def bare_crawl(url: str) -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from crawl_benchmark import bare_crawl as crawl  # the very spider of the crawl benchmark

    return crawl(url)


def audit_crawl(url: str, db_path: str, run_id: str, max_pages: str) -> dict:
    from govaudit.crawl import CrawlOptions, run_crawl

    options = CrawlOptions(start_url=url, max_pages=int(max_pages), max_depth=50, progress_interval=0)
    t0 = time.perf_counter()
    run_crawl(db_path, int(run_id), options)
    return {"seconds": time.perf_counter() - t0, "peak_mb": peak_rss_mb()}


def checks_and_report(db_path: str, run_id: str, out_dir: str) -> dict:
    from checks.profile import load_profile
    from checks.runner import run_checks
    from crawler import store
    from reports.render import write_reports

    db = store.open_db(db_path)
    baseline = {"baseline_rss_mb": current_rss_mb(), "baseline_peak_mb": peak_rss_mb()}
    t0 = time.perf_counter()
    findings = run_checks(db, int(run_id), load_profile())
    t1 = time.perf_counter()
    write_reports(db, int(run_id), Path(out_dir))
    t2 = time.perf_counter()
    db.close()
    return {**baseline, "checks_seconds": t1 - t0, "report_seconds": t2 - t1, "findings": len(findings),
            "peak_mb": peak_rss_mb()}


def child(mode: str, args: list[str]) -> None:
    stages = {"bare": bare_crawl, "audit": audit_crawl, "checks": checks_and_report}
    print("RESULT " + json.dumps(stages[mode](*args)), flush=True)


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "no_proxy": "*", "http_proxy": "", "https_proxy": ""}


def run_child(size: int, label: str, mode: str, args: list[str], logs: Path, watch: Path | None = None) -> dict:
    """Run one stage in a subprocess (its output in logs/<mode>.out|err); a progress line every HEARTBEAT s."""
    logs.mkdir(parents=True, exist_ok=True)
    out_path, err_path = logs / f"{mode}.out", logs / f"{mode}.err"
    progress(size, f"{label} …")
    t0 = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as out, err_path.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, __file__, "--child", mode, *args], stdout=out, stderr=err,
                                env=child_env(), cwd=ROOT, text=True)
        next_beat = t0 + HEARTBEAT
        while proc.poll() is None:
            time.sleep(0.5)
            if time.perf_counter() >= next_beat:
                next_beat += HEARTBEAT
                stored = f", about {n} pages stored" if watch and (n := rows_so_far(watch)) is not None else ""
                progress(size, f"{label}: running for {time.perf_counter() - t0:.0f} s{stored}")
    seconds = time.perf_counter() - t0
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    line = next((ln for ln in stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
        raise SystemExit(f"size {size}: {label} failed (exit {proc.returncode}):\n{stdout[-2000:]}\n{stderr[-6000:]}")
    progress(size, f"{label}: done in {seconds:.1f} s")
    return json.loads(line[len("RESULT "):])


def rows_so_far(db_path: Path) -> int | None:
    """The highest rowid of ``pages`` (a fresh database holds one run): cheap enough to ask during the crawl."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("select max(rowid) from pages").fetchone()[0] or 0
        finally:
            conn.close()
    except sqlite3.Error:
        return None


# --- the database --------------------------------------------------------------------------------------------

def measure_db(db_path: Path, run_id: int) -> dict:
    """Checkpoint the WAL, then the file size, the run's pages and what each table takes (dbstat)."""
    conn = sqlite3.connect(db_path, timeout=30)
    try:
        conn.execute("pragma wal_checkpoint(TRUNCATE)").fetchall()
        pages = conn.execute("select count(*) from pages where run_id = ?", [run_id]).fetchone()[0]
    finally:
        conn.close()
    wal = Path(f"{db_path}-wal")
    size = db_path.stat().st_size + (wal.stat().st_size if wal.is_file() else 0)
    return {"db_bytes": size, "pages": pages, "tables": table_sizes(db_path)}


def table_sizes(db_path: Path) -> dict[str, int] | None:
    """Bytes of each table with its indexes (and, for a virtual table, its shadow tables); None without dbstat."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        try:
            rows = conn.execute("select name, sum(pgsize) from dbstat group by name").fetchall()
        except sqlite3.Error:
            return None
        owner = {name: tbl for name, tbl in conn.execute("select name, tbl_name from sqlite_master")}
        virtual = [name for name, sql in conn.execute("select name, sql from sqlite_master where type = 'table'")
                   if (sql or "").lstrip().upper().startswith("CREATE VIRTUAL")]
    finally:
        conn.close()
    sizes: dict[str, int] = {}
    for name, size in rows:
        table = owner.get(name, name)
        table = next((v for v in virtual if table.startswith(v + "_")), table)
        sizes[table] = sizes.get(table, 0) + int(size or 0)
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


def warc_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.glob(".crawl-run*.warc*") if f.is_file())


# --- one size --------------------------------------------------------------------------------------------------

def fresh_db(folder: Path) -> Path:
    db_path = folder / "audit.db"
    for f in [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), *folder.glob(".crawl-run*.warc*")]:
        f.unlink(missing_ok=True)
    return db_path


def crawl_size(size: int, folder: Path, bare: bool) -> dict:
    from crawler import store
    from govaudit.demo.site import build_demo_site, per_column_for_pages
    from govaudit.serve import LoopbackServer

    progress(size, "generating the demo district …")
    t0 = time.perf_counter()
    site = build_demo_site(folder / "site", AS_OF, articles_per_column=per_column_for_pages(size), gaps=False)
    generated = time.perf_counter() - t0
    files = sum(1 for _ in (folder / "site").rglob("*.html"))
    progress(size, f"site: {files} HTML files in {generated:.1f} s")
    figures: dict = {"size": size, "html_files": files, "generate_seconds": generated, "bare": None}
    db_path = fresh_db(folder)
    with LoopbackServer(site.root) as server:
        url = server.base_url
        if bare:
            figures["bare"] = run_child(size, "bare spider", "bare", [url], folder / "logs")
            b = figures["bare"]
            progress(size, f"bare spider: {b['pages']} pages, {b['pages'] / b['seconds']:.1f} pages/s")
        db = store.open_db(db_path)
        run_id = store.create_run(db, site_name="bench", start_url=url, as_of=AS_OF.isoformat(), settings={})
        db.close()
        figures["run_id"] = run_id
        figures["audit"] = run_child(size, "audit crawl", "audit", [url, str(db_path), str(run_id), str(size * 2 + 1000)],
                                     folder / "logs", watch=db_path)
    progress(size, "measuring the database …")
    figures.update(measure_db(db_path, run_id))
    figures["warc_bytes"] = warc_bytes(folder)
    progress(size, f"audit crawl: {figures['pages']} pages, {figures['pages'] / figures['audit']['seconds']:.1f} pages/s; "
                   f"database {figures['db_bytes'] / 1e6:.1f} MB, {figures['db_bytes'] / max(1, figures['pages']):.0f} B/page")
    (folder / "figures.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return figures


def measure_size(size: int, folder: Path, *, bare: bool, reuse: bool) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    recorded = folder / "figures.json"
    if reuse and recorded.is_file() and (folder / "audit.db").is_file():
        figures = json.loads(recorded.read_text(encoding="utf-8"))
        figures["reused"] = True
        progress(size, f"reusing the crawl recorded in {recorded}")
    else:
        figures = crawl_size(size, folder, bare)
        figures["reused"] = False
    if not bare:
        figures["bare"] = None
    report_dir = folder / "report"
    shutil.rmtree(report_dir, ignore_errors=True)
    figures["checks"] = run_child(size, "checks + report", "checks",
                                  [str(folder / "audit.db"), str(figures["run_id"]), str(report_dir)], folder / "logs")
    c = figures["checks"]
    progress(size, f"checks {c['checks_seconds']:.1f} s, report {c['report_seconds']:.1f} s, peak {c['peak_mb']:.0f} MB")
    return figures


# --- the section -------------------------------------------------------------------------------------------------

def derived(f: dict) -> dict:
    pages = max(1, f["pages"])
    audit_rate = f["pages"] / f["audit"]["seconds"]
    bare_rate = f["bare"]["pages"] / f["bare"]["seconds"] if f.get("bare") else None
    checks_s = f["checks"]["checks_seconds"] + f["checks"]["report_seconds"]
    return {"bytes_per_page": f["db_bytes"] / pages, "audit_rate": audit_rate, "bare_rate": bare_rate,
            "ratio": audit_rate / bare_rate if bare_rate else None, "checks_s": checks_s,
            "share": checks_s / f["audit"]["seconds"]}


def machine() -> str:
    model = ""
    try:
        model = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                      if ln.startswith("model name")), "")
    except OSError:
        pass
    memory = ""
    try:
        kib = next(int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
                   if ln.startswith("MemTotal:"))
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{platform.machine()}{f' ({model})' if model else ''}, {os.cpu_count()} cores{memory}"


def yes_no(ok: bool) -> str:
    return "yes" if ok else "no"


def section(results: list[dict], argv: list[str]) -> str:
    command = shlex.join(["python", "benchmarks/scale_benchmark.py", *argv])
    reused = [str(f["size"]) for f in results if f.get("reused")]
    lines = [
        HEADING,
        "",
        f"Run {date.today().isoformat()} on {machine()}, Python {platform.python_version()}, by `{command}`. "
        "Site: the demo district generated with gaps off at each size, served by govaudit's threaded loopback "
        "server; the crawls unthrottled (16 concurrent requests); each stage (bare spider, audit crawl, "
        "checks + report) in its own process, so each peak memory is that stage's own. The database is measured "
        "right after the crawl (WAL checkpointed): audit.db over the rows of `pages`; kB = 1000 bytes, "
        "database MB = 10^6 bytes, memory MB = MiB (peak RSS).",
    ]
    if reused:
        lines.append(f"With `--reuse`: the crawl and database figures of size {', '.join(reused)} are those recorded "
                     "when it was crawled; its checks and report were run again by the current code.")
    lines += [
        "",
        "| size | HTML files | pages stored | DB MB | kB/page | bare pages/s | audit crawl pages/s | ratio "
        "| crawl peak MB | checks s | report s | checks + report % of crawl | checks + report peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in results:
        d, c = derived(f), f["checks"]
        bare_rate = f"{d['bare_rate']:.1f}" if d["bare_rate"] else "—"
        ratio = f"{d['ratio']:.0%}" if d["ratio"] else "—"
        lines.append(
            f"| {f['size']} | {f['html_files']} | {f['pages']} | {f['db_bytes'] / 1e6:.1f} | "
            f"{d['bytes_per_page'] / 1000:.2f} | {bare_rate} | {d['audit_rate']:.1f} | {ratio} | "
            f"{f['audit']['peak_mb']:.0f} | {c['checks_seconds']:.1f} | {c['report_seconds']:.1f} | "
            f"{d['share']:.1%} | {c['peak_mb']:.0f} |")
    lines.append("")
    details = []
    for f in results:
        d, c = derived(f), f["checks"]
        bare_part = (f"bare spider {f['bare']['pages']} pages in {f['bare']['seconds']:.1f} s "
                     f"(peak {f['bare']['peak_mb']:.0f} MB); " if f.get("bare") else "")
        details.append(
            f"- {f['size']}: site generated in {f['generate_seconds']:.1f} s; {bare_part}audit crawl "
            f"{f['audit']['seconds']:.1f} s; checks + report {d['checks_s']:.1f} s ({c['findings']} findings), "
            f"that process at {c['baseline_rss_mb']:.0f} MB right after opening the database (interpreter + imports); "
            f"the crawl's WARC beside the database (not counted above) {f.get('warc_bytes', 0) / 1e6:.1f} MB.")
    lines += ["Times and baselines:", "", *details, ""]
    for f in results:
        tables = f.get("tables")
        if tables is None:
            lines += [f"Size {f['size']}: SQLite's dbstat virtual table is not available here; no per-table breakdown.",
                      ""]
            continue
        total = sum(tables.values()) or 1
        pages = max(1, f["pages"])
        lines += [f"Size {f['size']}, what the database holds (dbstat: each table with its indexes):", "",
                  "| table | MB | bytes/page | share |", "|---|---|---|---|"]
        items = list(tables.items())
        for name, size in items[:TOP_TABLES]:
            lines.append(f"| {name} | {size / 1e6:.2f} | {size / pages:.0f} | {size / total:.0%} |")
        rest = items[TOP_TABLES:]
        if rest:
            size = sum(s for _, s in rest)
            lines.append(f"| {len(rest)} others | {size / 1e6:.2f} | {size / pages:.0f} | {size / total:.0%} |")
        lines.append("")
    largest = max(results, key=lambda f: f["size"])
    d, c = derived(largest), largest["checks"]
    if d["ratio"] is not None:
        crawl_line = f"- audit crawl ≥ 90 % of the bare spider: {yes_no(d['ratio'] >= MIN_CRAWL_RATIO)} ({d['ratio']:.0%})"
    else:
        crawl_line = "- audit crawl ≥ 90 % of the bare spider: not measured (no bare spider run: `--no-bare`)"
    lines += [
        f"Against the targets of issue 11, at the largest size ({largest['size']}, {largest['pages']} pages stored):",
        "",
        f"- ≤ 5 kB per page: {yes_no(d['bytes_per_page'] <= MAX_BYTES_PER_PAGE)} ({d['bytes_per_page'] / 1000:.2f} kB)",
        f"- checks + report ≤ 5 % of the crawl: {yes_no(d['share'] <= MAX_CHECKS_SHARE)} ({d['share']:.1%})",
        f"- checks + report peak ≤ 500 MB: {yes_no(c['peak_mb'] <= MAX_CHECKS_PEAK_MB)} ({c['peak_mb']:.0f} MB)",
        crawl_line,
        "",
    ]
    return "\n".join(lines)


def replace_section(path: Path, text: str) -> None:
    """Put the section in place of its earlier version (its heading up to the next '# ' line), else append it."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    lines = old.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.rstrip("\r\n") == HEADING), None)
    if start is None:
        prefix = old if not old or old.endswith("\n") else old + "\n"
        new = prefix + ("\n" if prefix else "") + text
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("# ")), len(lines))
        tail = "".join(lines[end:])
        new = "".join(lines[:start]) + text + ("\n" if tail else "") + tail
    path.write_text(new, encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description="storage, checks and crawl rate by site size (issue 11)")
    p.add_argument("--sizes", default="5000,20000,100000", help="approximate sizes of the sites, comma-separated")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md", help="replace or append the section here")
    p.add_argument("--work", type=Path, default=None, help="keep the sites and databases here (default: temporary)")
    p.add_argument("--no-bare", action="store_true", help="skip the bare spider (no crawl-rate ratio)")
    p.add_argument("--reuse", action="store_true", help="with --work: check an audit.db already there again, "
                                                        "with its recorded crawl figures")
    p.add_argument("--child", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(args.child[0], args.child[1:])
        return
    if args.reuse and args.work is None:
        p.error("--reuse needs --work DIR")
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        p.error("--sizes: whole numbers separated by commas")
    if not sizes or min(sizes) < 1:
        p.error("--sizes: at least one size, each ≥ 1")

    sys.path.insert(0, str(ROOT))
    work = args.work or Path(tempfile.mkdtemp(prefix="govaudit-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = []
        for size in sizes:
            results.append(measure_size(size, work / str(size), bare=not args.no_bare, reuse=args.reuse))
            progress(size, "done")
        text = section(results, sys.argv[1:])
        replace_section(args.out, text)
        print(text)
        progress(None, f"section written to {args.out}")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
