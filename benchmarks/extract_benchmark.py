"""Benchmark: extract_page milliseconds per page on the demo district's pages.

Usage:  python benchmarks/extract_benchmark.py [--demo /tmp/demo1] [--pages 300] [--rounds 3]

Generates the demo district (``govaudit demo --as-of 2026-11-27``) into --demo when it is missing, then times
``extract_page(decode_html(bytes)[0], url)`` over the first --pages ``*.html`` files (rglob, sorted). Decoding
is done before timing; the best of --rounds passes is reported (the machine's noise only ever adds time),
as wall-clock and as CPU time of the process (steadier on a busy machine). Each pass starts with the URL
cache that extraction shares across pages emptied, as a crawl does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.extract.encoding import decode_html  # noqa: E402
from crawler.extract.page import extract_page  # noqa: E402
from crawler.extract.urls import clear_shared_cache  # noqa: E402

AS_OF = "2026-11-27"


def ensure_demo(out: Path) -> None:
    if out.is_dir() and any(out.rglob("*.html")):
        return
    subprocess.run(
        [sys.executable, "-c", "import sys; from govaudit.cli import main; sys.exit(main())"]
        + ["demo", "--out", str(out), "--as-of", AS_OF],
        check=True,
        cwd=ROOT,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", type=Path, default=Path("/tmp/demo1"))
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ensure_demo(args.demo)
    files = sorted(args.demo.rglob("*.html"))[: args.pages]
    pages = [
        (decode_html(f.read_bytes())[0], "http://www.shifan.gov.cn/" + f.relative_to(args.demo).as_posix())
        for f in files
    ]
    today = date.fromisoformat(AS_OF)
    size = sum(len(html.encode("utf-8")) for html, _url in pages) / max(len(pages), 1)
    best_wall = best_cpu = float("inf")
    for _ in range(max(args.rounds, 1)):
        clear_shared_cache()
        wall, cpu = time.perf_counter(), time.process_time()
        for html, url in pages:
            extract_page(html, url, today=today)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    count = max(len(pages), 1)
    print(
        f"{len(pages)} pages, {size / 1024:.1f} KB average: {best_wall * 1000 / count:.2f} ms/page "
        f"({best_cpu * 1000 / count:.2f} ms CPU; best of {args.rounds})"
    )


if __name__ == "__main__":
    main()
