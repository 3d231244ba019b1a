"""Benchmark: the audit order under a page budget, on the demo district generated at real-portal size.

Usage:  python benchmarks/audit_order_benchmark.py [--pages 30000] [--budgets 10 5] [--out benchmarks/RESULTS.md]

The demo district is generated with its planted gaps at about ``--pages`` HTML pages and served on loopback with
its planted behaviours (an answer 503, a list that hangs, a 404 attachment); no throttling on loopback. It is
audited through the command a user runs (``govaudit audit URL``, a subprocess each) fully and with budgets of the
given percentages of its pages (``--max-pages``). For each audit: pages fetched, and against the full audit: its
failed findings still failed, turned unknown or passed, and new failures (false failures). The requests needed
to reach the full audit's verdict are measured on prefixes of the full audit's own crawl (its pages in fetch
order, which is the audit order): the smallest prefix whose checks fail what the full audit fails, and decide
every veto and fiscal item as it does. A polite estimate for a real portal multiplies requests (pages and
attachment probes) by one second, the crawl's polite rate (DOWNLOAD_DELAY 1 s, per host).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
AS_OF = date(2026, 11, 27)
FISCAL = re.compile(r"^FIS-")


def audit(url: str, out: Path, name: str, max_pages: int | None, *, reuse: bool = False) -> dict:
    timing = out / "benchmark.json"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    if reuse and timing.is_file() and (out / "audit.db").is_file():
        # the crawl is kept; its checks and reports are re-run by the current code (govaudit check)
        proc = subprocess.run([sys.executable, "-m", "govaudit.cli", "check", str(out / "audit.db")],
                              capture_output=True, text=True, env=env, cwd=ROOT, check=False)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"check failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
        return {**json.loads(timing.read_text(encoding="utf-8")), **read_audit(out)}
    shutil.rmtree(out, ignore_errors=True)
    args = [sys.executable, "-m", "govaudit.cli", "audit", url, "--as-of", AS_OF.isoformat(), "--out", str(out),
            "--name", name, "--timeout", "5", "--max-depth", "50",
            *(["--max-pages", str(max_pages)] if max_pages is not None else [])]
    t0 = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 1) or not (out / "findings.json").is_file():
        raise SystemExit(f"audit failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    timing.write_text(json.dumps({"seconds": seconds}), encoding="utf-8")
    return {"seconds": seconds, **read_audit(out)}


def _key(f: dict) -> tuple[str, str, str]:
    return f["check"], f["department"], re.sub(r"https?://127\.0\.0\.1:\d+", "", f["subject"])


def read_audit(out: Path) -> dict:
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    db = sqlite3.connect(out / "audit.db")
    (fetched, failed, truncated, reason), = db.execute(
        "select pages_fetched, pages_failed, truncated, close_reason from runs order by id desc limit 1")
    probes = db.execute("select count(distinct url) + count(distinct case when method = 'GET-range' then url end) "
                        "from attachments where method != ''").fetchone()[0]
    classes = dict(db.execute("select class, count(*) from discoveries where state = 'fetched' group by class"))
    refused = dict(db.execute("select class, count(*) from discoveries where state != 'fetched' group by class"))
    return {"pages": fetched + failed, "probes": probes, "truncated": bool(truncated), "close_reason": reason,
            "statuses": {_key(f): f["status"] for f in data["findings"]},
            "severity": {_key(f): f["severity"] for f in data["findings"]},
            "verdict": data["verdict"], "fetched_by_class": classes,
            "refused_by_class": refused, "coverage": data.get("coverage")}


def compare(full: dict, run: dict) -> dict:
    """The run's findings against the full audit's."""
    failed = [k for k, s in full["statuses"].items() if s == "failed"]
    got = run["statuses"]
    decided = [k for k, s in full["statuses"].items() if s != "unknown"
               and (full["severity"][k] == "veto" or FISCAL.match(k[0]))]
    return {
        "still_failed": sum(got.get(k) == "failed" for k in failed),
        "failed_total": len(failed),
        "turned_unknown": sorted(k for k in failed if got.get(k) == "unknown"),
        "turned_passed": sorted(k for k in failed if got.get(k) == "passed"),
        "new_failures": sorted(k for k, s in got.items() if s == "failed" and full["statuses"].get(k) != "failed"),
        "vetoes_fiscal": len(decided),
        "vetoes_fiscal_same": sum(got.get(k) == full["statuses"][k] for k in decided),
    }


# -- checks on a stored crawl ---------------------------------------------------------------------------


def statuses(db, profile: dict) -> dict:
    from checks.runner import run_checks
    from crawler import store

    findings = run_checks(db, store.latest_run_id(db), profile)
    return {_key({"check": f.check_id, "department": f.department, "subject": f.subject}): str(f.status)
            for f in findings}


# -- prefixes of the full crawl ---------------------------------------------------------------------------


class Prefixes:
    """The full crawl's first ``n`` pages in the order they were fetched (discoveries.fetched_as: their place in
    the budget; a slow page's answer comes late, its place does not), as a crawl truncated there: their links,
    entries and attachments, the column tree; the discoveries fetched up to there and refused by the budget after."""

    def __init__(self, source: Path) -> None:
        from crawler import store

        src = store.open_db(source)
        run_id = store.latest_run_id(src)
        self.run = src["runs"].get(run_id)
        places = {r["url"]: r["fetched_as"] for r in src.query(
            "select url, fetched_as from discoveries where run_id = ? and fetched_as is not null", [run_id])}
        pages = list(src.query("select * from pages where run_id = ? order by rowid", [run_id]))
        # pages fetched without spending the budget (refused by robots.txt) keep their place among the answers
        place = {p["url"]: places.get(p["url"], i + 0.5) for i, p in enumerate(pages)}
        self.pages = sorted(pages, key=lambda p: place[p["url"]])
        self.rows = {t: list(src.query(f"select * from {t} where run_id = ?", [run_id]))
                     for t in ("links", "entries", "attachments", "departments", "discoveries")}
        src.close()

    def db(self, n: int):
        from crawler import store
        from crawler.column_tree import store_column_tree
        from crawler.pipelines import attribute_departments

        db = store.open_db(":memory:")
        db["runs"].insert({**self.run, "id": 1, "truncated": 1, "pages_fetched": n})
        pages = self.pages[:n]
        kept = {p["url"] for p in pages}
        db["pages"].insert_all(({**p, "run_id": 1} for p in pages), batch_size=500)
        for table, column in (("links", "from_url"), ("entries", "list_url"), ("attachments", "page_url")):
            db[table].insert_all(({**r, "run_id": 1} for r in self.rows[table] if r[column] in kept), batch_size=500)
        db["departments"].insert_all(({**r, "run_id": 1} for r in self.rows["departments"]), batch_size=500)
        db["discoveries"].insert_all(({**r, "run_id": 1, "state": "fetched" if r["url"] in kept else "max_pages"}
                                      for r in self.rows["discoveries"]), batch_size=500)
        attribute_departments(db, 1)
        store_column_tree(db, 1)
        return db


CRITERIA = ("vetoes_fiscal", "all_failed")


def reached(full: dict, got: dict) -> dict[str, bool]:
    c = compare(full, {"statuses": got})
    vetoes = c["vetoes_fiscal_same"] == c["vetoes_fiscal"] and not c["new_failures"]
    return {"vetoes_fiscal": vetoes, "all_failed": vetoes and c["still_failed"] == c["failed_total"]}


def requests_needed(full_out: Path, full: dict, high: int, coarse: int = 200, fine: int = 25) -> dict:
    """The smallest prefix of the full crawl meeting each criterion, to ``fine`` pages: a coarse pass every
    ``coarse`` pages, then a fine pass below the first prefix that met it."""
    from checks.profile import load_profile

    profile = load_profile()
    prefixes = Prefixes(full_out / "audit.db")
    cache: dict[int, dict[str, bool]] = {}

    def judge(n: int) -> dict[str, bool]:
        if n not in cache:
            cache[n] = reached(full, statuses(prefixes.db(n), profile))
        return cache[n]

    found: dict[str, int | None] = dict.fromkeys(CRITERIA)
    for n in range(coarse, high + 1, coarse):
        for name, ok in judge(n).items():
            if ok and found[name] is None:
                found[name] = n
        if all(v is not None for v in found.values()):
            break
    for name in CRITERIA:
        if found[name] is None:
            continue
        for n in range(found[name] - coarse + fine, found[name], fine):
            if judge(n)[name]:
                found[name] = n
                break
    return {**found, "step": fine, "high": high}


# -- the report ---------------------------------------------------------------------------------------------


def fmt_keys(keys: list[tuple[str, str, str]]) -> str:
    return "、".join(f"{c}（{d or '本级政府'}）" for c, d, _ in keys)


def row(label: str, run: dict, c: dict, *, timing: bool = True) -> str:
    requests = run["pages"] + run["probes"]
    unknown = f"{len(c['turned_unknown'])} {fmt_keys(c['turned_unknown'])}".strip()
    return (f"| {label} | {run['pages']} | {requests} | {c['still_failed']}/{c['failed_total']} | {unknown} | "
            f"{len(c['turned_passed'])} | {len(c['new_failures'])} | {c['vetoes_fiscal_same']}/{c['vetoes_fiscal']} | "
            + (f"{run['seconds']:.0f} | {requests / 3600:.1f} h |" if timing else "— | — |"))


def pages(needed: dict, criterion: str) -> str:
    n = needed[criterion]
    return f"**{n}** pages" if n else f"**not reached** below {needed['high']} pages"


def section(args: argparse.Namespace, site_pages: int, runs: list[tuple[str, dict]], needed: dict) -> str:
    full = runs[0][1]
    failed = sum(1 for s in full["statuses"].values() if s == "failed")
    lines = [
        "",
        "# Audit order: a real-size portal within a page budget",
        "",
        f"Run {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores (shared with other work), Python "
        f"{platform.python_version()}, by `python benchmarks/audit_order_benchmark.py --pages {args.pages}`. Site: the "
        f"demo district generated with its planted gaps, {site_pages} HTML pages, served on loopback with its planted "
        "behaviours (no throttling on loopback); each audit is `govaudit audit URL --max-pages N` in its own process."
        + (" With `--reuse`: the crawls of an earlier run (their times as measured then), re-checked by the current "
           "code (`govaudit check`)." if args.reuse else ""),
        "",
        f"| audit | pages fetched | requests (pages + attachment probes) | full audit's {failed} failed: still failed "
        "| turned unknown | turned passed | new false failures | veto + fiscal findings decided as in full "
        "| crawl + checks + report (s) | polite estimate (requests × 1 s) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [row(label, run, compare(full, run)) for label, run in runs]
    for label, run in runs[1:]:
        c = compare(full, run)
        lines.append("")
        lines.append(
            f"{label}: every item the full audit fails still failed: {'yes' if c['still_failed'] == c['failed_total'] else 'no'}; "
            f"none turned unknown: {'yes' if not c['turned_unknown'] else 'no'}; no new false failure: "
            f"{'yes' if not c['new_failures'] else 'no'}; every veto and fiscal item decided as in the full audit: "
            f"{'yes' if c['vetoes_fiscal_same'] == c['vetoes_fiscal'] else 'no'}.")
    lines += [
        "",
        "A limit that stopped the crawl blocks an absence judged over a whole unit (`checks.facts.Facts.area_blockers`) "
        "only when it refused pages of a class that decides the verdict (any class but `rest`, read from the "
        "discoveries table); an absence decided under a limit that cut only the rest says so in its evidence.",
        "",
        "Requests needed to reach the full audit's verdict, measured on prefixes of the full audit's own crawl (its "
        f"pages in fetch order, which is the audit order), to {needed['step']} pages:",
        f"- every veto and fiscal finding decided as in the full audit, no false failure: {pages(needed, 'vetoes_fiscal')};",
        f"- and every failed finding of the full audit failed: {pages(needed, 'all_failed')}.",
        "",
        "Fetched by class (crawler/priority.py): "
        + "; ".join(f"{label}: " + ", ".join(f"{k} {v}" for k, v in sorted(run["fetched_by_class"].items(),
                                                                            key=lambda kv: CLASS_ORDER.index(kv[0])))
                    for label, run in runs) + ".",
        "",
        "Polite estimate: requests × 1 s, the crawl's polite rate on one host (DOWNLOAD_DELAY 1 s with autothrottle, "
        "which only slows down from there); a real portal answering slowly takes longer.",
        "",
    ]
    return "\n".join(lines)


def default_budget(args: argparse.Namespace, work: Path, pages: int) -> str:
    """The CLI's default budget on a larger demo district, judged against what the demo planted (the full audit of
    a demo district fails exactly its planted gaps: tests/test_e2e.py)."""
    from govaudit.demo.site import build_demo_site, per_column_for_pages
    from govaudit.options import Limits
    from govaudit.serve import LoopbackServer

    site = build_demo_site(work / "site-default", AS_OF, articles_per_column=per_column_for_pages(pages))
    out = work / f"audit-default-{pages}"
    with LoopbackServer(site.root, site.behaviors) as server:
        print(f"default budget at {site.manifest['pages']} pages …", file=sys.stderr, flush=True)
        run = audit(server.base_url, out, site.name, None, reuse=args.reuse)
    planted = {(g["check"], g["department"]) for g in site.manifest["gaps"]}
    status: dict[tuple[str, str], set[str]] = {}
    for (check, dept, _), value in run["statuses"].items():
        status.setdefault((check, dept), set()).add(value)
    failed = {k for k in planted if "failed" in status.get(k, set())}
    unknown = sorted(k for k in planted - failed if "unknown" in status.get(k, set()))
    false = sorted(k for k, v in status.items() if "failed" in v and k not in planted)
    deciding = sum(n for c, n in run["fetched_by_class"].items() if c != "rest")
    refused = {c: n for c, n in run["refused_by_class"].items() if c != "rest"}
    requests = run["pages"] + run["probes"]
    return "\n".join([
        "",
        f"The default budget (`--max-pages {Limits().max_pages}`, no option given) on the demo district generated at "
        f"{site.manifest['pages']} pages: {run['pages']} pages fetched, {run['probes']} "
        f"attachment probes, {requests} requests ≈ {requests / 60:.0f} minutes at the polite rate. The classes that "
        f"decide the verdict took {deciding} pages"
        + (f" (refused: {refused})" if refused else ", all of them fetched") + f", the rest {run['fetched_by_class'].get('rest', 0)}. "
        f"Of the {len(planted)} planted gaps {len(failed)} failed"
        + (f", {len(unknown)} unknown ({fmt_keys([(*k, '') for k in unknown])})" if unknown else "")
        + f"; {len(false)} false failures.",
        "",
    ])


CLASS_ORDER = ["home", "home_links", "tree", "lists", "first_pages", "documents", "sample", "department_lists", "rest"]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--pages", type=int, default=30_000, help="approximate size of the generated site")
    p.add_argument("--budgets", type=float, nargs="*", default=[10, 5], help="budgets in percent of the site's pages")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md", help="append the section here")
    p.add_argument("--work", type=Path, default=None, help="keep the site and the audits here (default: temporary)")
    p.add_argument("--reuse", action="store_true", help="with --work: take the audits already finished there")
    p.add_argument("--default-at", type=int, nargs="*", default=[36_000, 50_000],
                   help="also audit demo districts of about these many pages with the default budget")
    args = p.parse_args()

    from govaudit.demo.site import build_demo_site, per_column_for_pages
    from govaudit.serve import LoopbackServer

    work = args.work or Path(tempfile.mkdtemp(prefix="govaudit-order-"))
    work.mkdir(parents=True, exist_ok=True)
    site = build_demo_site(work / "site", AS_OF, articles_per_column=per_column_for_pages(args.pages))
    site_pages = int(site.manifest["pages"])
    runs: list[tuple[str, dict]] = []
    outs: list[Path] = []
    with LoopbackServer(site.root, site.behaviors) as server:
        plan = [("full audit", site_pages * 10),
                *((f"{b:g} % budget (--max-pages {round(site_pages * b / 100)})", round(site_pages * b / 100))
                  for b in args.budgets)]
        for label, budget in plan:
            out = work / f"audit-{budget}"
            print(f"{label}: --max-pages {budget} …", file=sys.stderr, flush=True)
            runs.append((label, audit(server.base_url, out, site.name, budget, reuse=args.reuse)))
            outs.append(out)
            print(f"  {runs[-1][1]['pages']} pages in {runs[-1][1]['seconds']:.0f} s", file=sys.stderr, flush=True)
    print("prefixes of the full crawl …", file=sys.stderr, flush=True)
    needed = requests_needed(outs[0], runs[0][1], high=round(site_pages * 0.12))
    text = section(args, site_pages, runs, needed)
    for pages in args.default_at:
        text += default_budget(args, work, pages)
    if any(n > 36_000 for n in args.default_at):
        text += ("\nAbove about 36,000 pages the demo dates its oldest department notices and policy files before "
                 "1990, which the date extractor does not read (crawler/extract/dates.py: 1990–2100): the last pages "
                 "of those lists then show no entries, so their article links count as pages of the unit the crawl "
                 "did not read, and an absence judged over that unit stays unknown in any truncated crawl.\n")
    with args.out.open("a", encoding="utf-8") as fh:
        fh.write(text)
    print(text)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
