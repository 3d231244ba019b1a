"""Real Scrapyd nodes and served demo districts on loopback, for the cluster tests and benchmark.

``ScrapydNode`` starts ``python -m scrapyd`` in a folder of its own (its scrapyd.conf, eggs, logs and dbs
there) on a free loopback port, in a process group of its own so that stopping it ends the jobs it started too.
``serve_districts`` builds small demo districts and serves them on one loopback port, each under its own host
name (``www.<slug>.gov.cn``), reached with ``--resolve``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib import error, request

from govaudit.demo.multi import plan
from govaudit.demo.site import build_demo_site
from govaudit.serve import LoopbackServer

PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ScrapydNode:
    def __init__(self, folder: Path, max_proc: int = 4, auth: tuple[str, str] | None = None) -> None:
        self.folder = Path(folder)
        self.max_proc = max_proc
        self.auth = auth
        self.port = 0
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, wait: float = 30.0) -> ScrapydNode:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        (self.folder / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            f"bind_address = 127.0.0.1\nhttp_port = {self.port}\n"
            "eggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\nitems_dir =\n"
            f"max_proc = {self.max_proc}\npoll_interval = 0.2\njobs_to_keep = 1000\nfinished_to_keep = 1000\n"
            + (f"username = {self.auth[0]}\npassword = {self.auth[1]}\n" if self.auth else ""),
            encoding="utf-8",
        )
        env = {k: v for k, v in os.environ.items() if k not in PROXY_VARIABLES}
        self.log = (self.folder / "scrapyd.out").open("wb")
        self.process = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=self.folder, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + wait
        opener = request.build_opener(request.ProxyHandler({}))
        while True:
            try:
                with opener.open(self.url + "daemonstatus.json", timeout=2) as resp:
                    if b'"ok"' in resp.read():
                        return self
            except error.HTTPError as exc:
                if exc.code == 401:  # up, and asking for the password
                    return self
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"scrapyd did not start: {(self.folder / 'scrapyd.out').read_text()[-2000:]}")
            time.sleep(0.1)

    def stop(self) -> None:
        """End Scrapyd and every job it started (its process group)."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        self.process = None
        self.log.close()

    def __enter__(self) -> ScrapydNode:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class District:
    slug: str
    name: str
    host: str
    url: str
    resolve: str  # HOST=127.0.0.1:PORT


@contextmanager
def serve_districts(count: int, as_of: date, *, articles_per_column: int = 1) -> Iterator[list[District]]:
    """``count`` demo districts (the multi-district demo's names and seeds, every planted gap), on one loopback
    port under their own host names. The slow trap becomes a 503, as in ``govaudit demo --districts``."""
    with ExitStack() as stack:
        hosts: dict[str, Path] = {}
        districts: list[tuple[str, str, str]] = []
        behaviors: dict[str, dict] = {}
        for k in range(count):
            p = plan(k)
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="govaudit-district-")))
            site = build_demo_site(root, as_of, name=p.region, seed=p.seed,
                                   articles_per_column=articles_per_column, gaps=True)
            for path, b in site.behaviors.items():
                behaviors[path] = {"status": 503} if "delay" in b else b
            slug = f"d{k:02d}"
            host = f"www.{slug}.gov.cn"
            hosts[host] = root
            districts.append((slug, site.name, host))
        server = stack.enter_context(LoopbackServer(next(iter(hosts.values())), behaviors, hosts=hosts))
        yield [District(slug, name, host, f"http://{host}/", f"{host}=127.0.0.1:{server.port}")
               for slug, name, host in districts]


def sites_yaml(districts: list[District], as_of: date) -> str:
    lines = [f"as_of: {as_of.isoformat()}", "sites:"]
    for d in districts:
        lines += [f"  - name: {d.name}", f"    slug: {d.slug}", f"    url: {d.url}", f"    resolve: [{d.resolve}]"]
    return "\n".join(lines) + "\n"
