"""Many districts at once: 20 demo districts on loopback, each crawled at a per-host delay as a real portal is,
audited (a) one after the other, (b) with ``govaudit audit --sites`` on this machine, (c) on a two-node Scrapyd
cluster on loopback (``govaudit cluster submit`` / ``collect --wait``).

    python benchmarks/cluster_benchmark.py --districts 20 --delay 0.25 --out /tmp/cluster-bench

Every district is served by one loopback server under its own host name (``--resolve``), on the same port for
the three runs, so the findings of (b) and (c) are compared with those of (a) as they are. Peak memory is the
largest resident set seen (polled every 0.2 s) of one audit process in (a), of the sites runner and all its
audits in (b), of both Scrapyd nodes and all their jobs plus the collector in (c). Prints one JSON record and
writes it to OUT/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.clusternodes import PROXY_VARIABLES, ScrapydNode, serve_districts, sites_yaml  # noqa: E402

AS_OF = date(2026, 11, 27)


class PeakMemory:
    """The largest summed RSS of some processes and their descendants, polled in a thread."""

    def __init__(self, roots: list[int], interval: float = 0.2) -> None:
        self.roots, self.interval, self.peak = roots, interval, 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.poll, daemon=True)

    def poll(self) -> None:
        while not self.stop.is_set():
            total = 0
            for pid in list(self.roots):
                try:
                    proc = psutil.Process(pid)
                    procs = [proc, *proc.children(recursive=True)]
                except psutil.NoSuchProcess:
                    continue
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.NoSuchProcess:
                        pass
            self.peak = max(self.peak, total)
            self.stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def run(cmd: list[str], roots_extra: list[int] | None = None, log: Path | None = None) -> tuple[float, int, int]:
    """(seconds, exit code, peak MB) of a command (and of ``roots_extra``'s process trees beside it)."""
    started = time.monotonic()
    out = log.open("wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    with PeakMemory([proc.pid, *(roots_extra or [])]) as peak:
        code = proc.wait()
    if log:
        out.close()
    return time.monotonic() - started, code, peak.peak // 2**20


def findings(folder: Path) -> list[tuple]:
    data = json.loads((folder / "findings.json").read_text(encoding="utf-8"))
    # what each finding decides; its example URL may be another page of the same kind in another crawl (order)
    return sorted((f["check"], f["status"], f["subject"], f["department"], f["message"]) for f in data["findings"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--districts", type=int, default=20)
    ap.add_argument("--delay", type=float, default=0.25, help="seconds between two requests to one host")
    ap.add_argument("--articles", type=int, default=1, help="articles per column (1: about 300 pages)")
    ap.add_argument("--max-proc", type=int, default=10, help="jobs at once per Scrapyd node")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--modes", default="a,b,c",
                    help="a: one after the other, b: --sites, c: cluster (b and c compare with a's findings)")
    args = ap.parse_args()
    modes = set(args.modes.split(","))
    for name in PROXY_VARIABLES:
        os.environ.pop(name, None)
    args.out.mkdir(parents=True, exist_ok=True)
    cli = [sys.executable, "-m", "govaudit.cli"]
    limits = ["--delay", str(args.delay), "--timeout", "30"]
    previous = args.out / "results.json"
    record: dict = json.loads(previous.read_text(encoding="utf-8")) if previous.is_file() else {}
    record.update({"districts": args.districts, "delay": args.delay, "articles_per_column": args.articles,
                   "cpus": os.cpu_count()})

    def same_as_a(folder: Path) -> bool | None:
        if not (args.out / "a").is_dir():
            return None
        return all(findings(folder / d.slug) == findings(args.out / "a" / d.slug) for d in districts)

    def ratio(seconds: float) -> float | None:
        return round(seconds / record["a"]["slowest_s"], 2) if "a" in record else None

    with serve_districts(args.districts, AS_OF, articles_per_column=args.articles) as districts:
        sites = args.out / "sites.yaml"
        sites.write_text(sites_yaml(districts, AS_OF), encoding="utf-8")

        if "a" in modes:  # one after the other
            singles, peaks = {}, []
            started = time.monotonic()
            for d in districts:
                seconds, code, peak = run([*cli, "audit", d.url, "--resolve", d.resolve, "--name", d.name,
                                           "--as-of", AS_OF.isoformat(), "--out", str(args.out / "a" / d.slug),
                                           *limits], log=args.out / f"a-{d.slug}.log")
                singles[d.slug] = round(seconds, 1)
                peaks.append(peak)
                print(f"(a) {d.slug}: {seconds:.1f} s, exit {code}, {peak} MB", file=sys.stderr, flush=True)
            record["a"] = {"wall_s": round(time.monotonic() - started, 1), "slowest_s": max(singles.values()),
                           "fastest_s": min(singles.values()), "peak_mb": max(peaks), "per_district_s": singles}
            record["crawl_of_first"] = json.loads((args.out / "a" / districts[0].slug / "findings.json")
                                                  .read_text(encoding="utf-8"))["crawl"]

        if "b" in modes:  # --sites on this machine, every district at once
            seconds, code, peak = run([*cli, "audit", "--sites", str(sites), "--out", str(args.out / "b"),
                                       "--jobs", str(args.districts), *limits], log=args.out / "b.log")
            record["b"] = {"wall_s": round(seconds, 1), "peak_mb": peak, "exit": code,
                           "same_findings_as_a": same_as_a(args.out / "b"), "ratio_to_slowest_single": ratio(seconds)}
            print(f"(b) {record['b']}", file=sys.stderr, flush=True)

        if "c" in modes:  # two Scrapyd nodes on loopback
            with ScrapydNode(args.out / "node-1", args.max_proc) as n1, \
                    ScrapydNode(args.out / "node-2", args.max_proc) as n2:
                started = time.monotonic()
                with PeakMemory([n1.process.pid, n2.process.pid]) as node_peak:
                    s_sec, s_code, s_peak = run([*cli, "cluster", "submit", "--sites", str(sites), "--node", n1.url,
                                                 "--node", n2.url, "--out", str(args.out / "c"), *limits],
                                                log=args.out / "c-submit.log")
                    c_sec, c_code, c_peak = run([*cli, "cluster", "collect", "--out", str(args.out / "c"), "--wait",
                                                 "--poll", "1"], log=args.out / "c-collect.log")
                wall = time.monotonic() - started
            state = json.loads((args.out / "c" / "cluster.json").read_text(encoding="utf-8"))
            per_node: dict[str, int] = {}
            for job in state["jobs"]:
                per_node[job["node"]] = per_node.get(job["node"], 0) + 1
            record["c"] = {"wall_s": round(wall, 1), "submit_s": round(s_sec, 1), "collect_s": round(c_sec, 1),
                           "submit_exit": s_code, "collect_exit": c_code,
                           "peak_mb": node_peak.peak // 2**20 + max(s_peak, c_peak),
                           "jobs_per_node": sorted(per_node.values()),
                           "same_findings_as_a": same_as_a(args.out / "c"), "ratio_to_slowest_single": ratio(wall)}
            print(f"(c) {record['c']}", file=sys.stderr, flush=True)

    (args.out / "results.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(record, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
