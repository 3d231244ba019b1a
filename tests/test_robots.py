"""robots.txt binds every request, also the ones sent while it is being fetched (crawler.robots): Scrapy 2.19 hands
the rules to the first waiting request only, so pages asked for together at the start went out unchecked."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from govaudit.serve import LoopbackServer

AS_OF = "2026-11-27"
HOME = ("<html><head><meta charset='utf-8'><title>某区人民政府</title></head><body>"
        "<a href='/xwzx/'>新闻中心</a></body></html>")


def test_pages_requested_together_at_the_start_obey_robots_txt(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "private").mkdir(parents=True)
    (site / "xwzx").mkdir()
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    (site / "index.html").write_text(HOME, encoding="utf-8")
    (site / "xwzx" / "index.html").write_text(HOME.replace("某区人民政府", "新闻中心"), encoding="utf-8")
    private = [f"/private/{n}.html" for n in ("a", "b", "c", "d")]
    for path in private:
        (site / path.lstrip("/")).write_text(HOME, encoding="utf-8")
    asked: list[str] = []

    def logged(path: str):
        def answer(request):
            asked.append(request.path)
            return 200, {"Content-Type": "text/html; charset=utf-8"}, HOME.encode("utf-8")
        return answer

    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    with LoopbackServer(site, handlers={path: logged(path) for path in private}) as server:
        extra = [arg for path in private for arg in ("--extra-url", server.url(path))]
        proc = subprocess.run([sys.executable, "-m", "govaudit.cli", "audit", server.base_url, *extra,
                               "--as-of", AS_OF, "--out", str(out)],
                              capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode in (0, 1, 3), proc.stderr[-3000:]
    assert asked == []  # none of the disallowed pages was fetched
    with sqlite3.connect(out / "audit.db") as db:
        states = dict(db.execute("select url, fetch_state from pages where url like '%/private/%'"))
    assert states == {server.url(path): "robots" for path in private}
