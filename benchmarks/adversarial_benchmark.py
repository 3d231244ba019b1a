"""Benchmark: peak memory and time of an audit of the adversarial site (tests/testsites/adversarial.py).

Usage:  python benchmarks/adversarial_benchmark.py [--out benchmarks/RESULTS.md]

The site has one route per fault (a 20 MB page, a gzip bomb of 200 MB, a page of 10,000 links, a stalled
server, …; see the module). It is audited through the command a user runs (``govaudit audit URL``) in a
subprocess, whose peak resident memory is read from the kernel (``RUSAGE_CHILDREN``, one audit per process), and
again with the 20 MB page replaced by a small one, to show what the huge page costs under the parse cap
(``GOVAUDIT_MAX_PARSE_CHARS``).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def audit_peak(url: str, out: Path) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of one audit in its own process (a fresh interpreter measures only itself)."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "rc = subprocess.run(sys.argv[1:]).returncode; s = time.perf_counter() - t; "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, s); sys.exit(0 if rc in (0, 1) else rc)")
    args = [sys.executable, "-c", probe, sys.executable, "-m", "govaudit.cli", "audit", url, "--as-of", "2026-11-27",
            "--out", str(out), "--timeout", "3"]
    proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"audit failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    mb, seconds = proc.stdout.split()[-2:]
    return float(mb), float(seconds)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md", help="append the section here")
    args = p.parse_args()
    from crawler.extract.dom import MAX_HTML_TAGS
    from crawler.settings import GOVAUDIT_MAX_PARSE_CHARS
    from tests.testsites.adversarial import CASES, HUGE_BYTES, build

    work = Path(tempfile.mkdtemp(prefix="govaudit-adversarial-"))
    site = build(work / "site")
    with site.serve() as server:
        full = audit_peak(server.base_url, work / "full")
    (work / "site" / "huge.html").write_text("<html><body><p>小页面</p></body></html>", encoding="utf-8")
    with site.serve() as server:
        small = audit_peak(server.base_url, work / "small")
    text = "\n".join([
        "",
        "# Adversarial audit: peak memory",
        "",
        f"Run {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores (shared with other work), Python "
        f"{platform.python_version()}, by `python benchmarks/adversarial_benchmark.py`. Site: tests/testsites/adversarial.py, "
        f"{len(CASES)} fault routes (a {HUGE_BYTES / 1e6:.0f} MB page, a gzip bomb inflating to 200 MB, 10,000 links, an endless "
        "calendar, a stalled server, …) served on loopback; each audit is `govaudit audit URL --timeout 3` in its own "
        f"process; parse cap `GOVAUDIT_MAX_PARSE_CHARS` = {GOVAUDIT_MAX_PARSE_CHARS:,} characters "
        f"(and {MAX_HTML_TAGS:,} tags).",
        "",
        "| audit | peak memory (MB) | seconds |",
        "|---|---|---|",
        f"| the adversarial site | {full[0]:.0f} | {full[1]:.1f} |",
        f"| the same, its {HUGE_BYTES / 1e6:.0f} MB page replaced by a small one | {small[0]:.0f} | {small[1]:.1f} |",
        "",
        f"**Peak memory of the adversarial audit: {full[0]:.0f} MB** (target ≤ 200 MB); the {HUGE_BYTES / 1e6:.0f} MB page "
        f"costs {full[0] - small[0]:.0f} MB of it. The seconds include the stalled route's timeout and the retries.",
        "",
    ])
    with args.out.open("a", encoding="utf-8") as fh:
        fh.write(text)
    print(text)


if __name__ == "__main__":
    main()
