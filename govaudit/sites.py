"""Many districts in one command: ``govaudit audit --sites sites.yaml --out DIR``.

```yaml
as_of: 2026-11-27            # optional; else --as-of
sites:
  - name: 示范区               # required; also the results folder DIR/<slug>/ unless slug is given
    url: https://www.example.gov.cn/     # a start URL, or a folder of static files
    slug: shifanqu           # optional
    departments:             # optional: departments the portal does not list itself
      - {name: 教育局, url: https://www.example.gov.cn/bm/jyj/}
    profile: profiles/zhejiang.yaml      # optional, relative to this file (a string or a list)
    extra_urls: []           # optional
    resolve: [www.example.gov.cn=10.0.0.5:80]   # optional: --resolve HOST=ADDRESS:PORT for this district
```

Each district is audited by its own ``govaudit audit`` process (one Twisted reactor per process), into
``DIR/<slug>/`` where its audit database keeps every month's run. Districts run concurrently, up to
``--jobs`` at once, but districts on the same host run one after another, and each crawl keeps its own
per-host politeness (robots.txt, delay, 2 requests at a time). A district's crawl waits on its host (one
request a second), not on this machine, so many run at once: each is a process of about 100 MB whose memory
is its own site's (benchmarks/RESULTS.md, *Many districts at once*). While they run, a line every
``progress_interval`` seconds says how many are done, running and queued, and the pages per second of all of
them. At the end ``DIR/compare.html`` ranks them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from checks.yamlfile import read_yaml
from crawler.resolve import ResolveError, parse_resolve
from govaudit.errors import EXIT_GAPS, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE, UsageError
from govaudit.options import AuditOptions
from reports.compare import write_compare


class SitesError(ValueError):
    pass


@dataclass
class SiteSpec:
    name: str
    url: str  # start URL or folder
    slug: str
    departments: list[dict[str, str]] = field(default_factory=list)  # {"name", "url"}
    profiles: list[Path] = field(default_factory=list)
    extra_urls: list[str] = field(default_factory=list)
    resolve: dict[str, str] = field(default_factory=dict)  # host → "address:port"

    @property
    def host(self) -> str:
        """The server a crawl of this district talks to: host and port (loopback servers differ by port)."""
        return (urlsplit(self.url).netloc.lower() or self.url) if "://" in self.url else f"folder:{self.url}"


def slugify(name: str) -> str:
    slug = re.sub(r"[\s/\\:*?\"<>|]+", "-", name).strip("-.")
    return slug or "site"


def load_sites(path: Path) -> tuple[list[SiteSpec], str | None]:
    """(districts, as_of or None) from a sites file; SitesError when it is malformed."""
    data = read_yaml(path, "站点清单", SitesError)
    items = data.get("sites") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise SitesError(f"站点清单 {path} 应含非空的 sites 列表")
    base = Path(path).parent
    specs: list[SiteSpec] = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict) or not item.get("name") or not item.get("url"):
            raise SitesError(f"站点清单第{i}项：需要 name 和 url")
        url = str(item["url"])
        if "://" not in url:
            folder = (base / url) if not Path(url).is_absolute() else Path(url)
            if not folder.is_dir():
                raise SitesError(f"站点清单第{i}项：{url!r} 既不是网址，也不是存在的目录")
            url = str(folder)
        profiles = item.get("profile") or []
        profiles = [profiles] if isinstance(profiles, str) else list(profiles)
        depts = []
        for d in item.get("departments") or []:
            if not isinstance(d, dict) or not d.get("name") or not (d.get("url") or d.get("root_url")):
                raise SitesError(f"站点清单第{i}项：departments 每项需要 name 和 url")
            depts.append({"name": str(d["name"]), "url": str(d.get("url") or d.get("root_url"))})
        resolve = item.get("resolve") or []
        try:
            mapping = parse_resolve([resolve] if isinstance(resolve, str) else [str(r) for r in resolve])
        except ResolveError as exc:
            raise SitesError(f"站点清单第{i}项：{exc}") from exc
        specs.append(
            SiteSpec(
                name=str(item["name"]),
                url=url,
                slug=slugify(str(item.get("slug") or item["name"])),
                departments=depts,
                profiles=[base / p for p in profiles],
                extra_urls=[str(u) for u in item.get("extra_urls") or []],
                resolve=mapping,
            )
        )
    slugs = [s.slug for s in specs]
    if len(set(slugs)) != len(slugs):
        raise SitesError("站点清单中有重复的名称或 slug")
    as_of = data.get("as_of") if isinstance(data, dict) else None
    return specs, (str(as_of) if as_of else None)


def district_options(spec: SiteSpec, out: Path, template: AuditOptions) -> AuditOptions:
    """The options of one district's audit: the sites command's, with the district's own entry."""
    return template.for_district(
        name=spec.name,
        url=spec.url,
        out=out / spec.slug,
        departments=[{"name": d["name"], "root_url": d["url"]} for d in spec.departments],
        profiles=spec.profiles,
        extra_urls=spec.extra_urls,
        resolve=spec.resolve,
    )


def audit_command(options: AuditOptions) -> list[str]:
    return [sys.executable, "-m", "govaudit.cli", "audit", *options.argv()]


# the crawl's progress line counts every page tried; the audit's summary, pages fetched and failed apart
_PAGES_LINE = re.compile(r"(?:已抓取 (\d+) 页|抓取页面 (\d+) 个（失败 (\d+) 个）)")


def pages_in_log(path: Path) -> int:
    """Pages a district's audit has fetched so far, from the last progress line of its log (0 if none)."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 8192))
            tail = fh.read().decode("utf-8", "replace")
    except OSError:
        return 0
    found = _PAGES_LINE.findall(tail)
    if not found:
        return 0
    progress, fetched, failed = found[-1]
    return int(progress) if progress else int(fetched) + int(failed)


class Progress:
    """Sites done / running / queued and the pages per second of all of them, for the sites runner."""

    def __init__(self, specs: list[SiteSpec], out: Path) -> None:
        self.logs = {s.slug: out / s.slug / "audit.log" for s in specs}
        self.running: set[str] = set()
        self.done: set[str] = set()
        self.started = time.monotonic()
        self.lock = threading.Lock()

    def line(self) -> str:
        with self.lock:
            running, done = set(self.running), set(self.done)
        queued = len(self.logs) - len(running) - len(done)
        pages = sum(pages_in_log(self.logs[slug]) for slug in running | done)
        elapsed = time.monotonic() - self.started
        rate = pages / elapsed if elapsed > 0 else 0.0
        return (f"区县：完成 {len(done)}，进行中 {len(running)}，排队 {queued}；"
                f"共抓取 {pages} 页，{rate:.1f} 页/秒，用时 {elapsed:.0f} 秒")


def run_all(
    specs: list[SiteSpec],
    out: Path,
    template: AuditOptions,
    *,
    jobs: int = 4,
    quiet: bool = False,
    progress_interval: float = 10.0,
) -> dict[str, int]:
    """Audit every district (each in its own process) with ``template``'s limits, profiles and gate rule;
    return slug → exit code."""
    out.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[SiteSpec]] = {}
    for spec in specs:
        groups.setdefault(spec.host, []).append(spec)
    codes: dict[str, int] = {}
    lock = threading.Lock()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    progress = Progress(specs, out)
    finished = threading.Event()

    def run_group(group: list[SiteSpec]) -> None:
        for spec in group:  # one host, one district at a time
            (out / spec.slug).mkdir(parents=True, exist_ok=True)
            log = out / spec.slug / "audit.log"
            with progress.lock:
                progress.running.add(spec.slug)
            with log.open("w", encoding="utf-8") as fh:
                code = subprocess.run(
                    audit_command(district_options(spec, out, template)),
                    stdout=fh,
                    stderr=subprocess.STDOUT,
                    env=env,
                    check=False,
                ).returncode
            with progress.lock:
                progress.running.discard(spec.slug)
                progress.done.add(spec.slug)
            with lock:
                codes[spec.slug] = code
                if not quiet:
                    print(
                        f"{spec.name}：退出码 {code}，报告 {out / spec.slug / 'report.html'}（日志 {log}）",
                        flush=True,
                    )

    def report() -> None:
        while not finished.wait(progress_interval):
            print(progress.line(), file=sys.stderr, flush=True)

    reporter = None
    if not quiet and progress_interval > 0:
        reporter = threading.Thread(target=report, name="govaudit-sites-progress", daemon=True)
        reporter.start()
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for _ in pool.map(run_group, groups.values()):
                pass
    finally:
        finished.set()
        if reporter is not None:
            reporter.join(timeout=5)
    if not quiet:
        print(progress.line(), file=sys.stderr, flush=True)
    return codes


def merge_ci_files(specs: list[SiteSpec], out: Path, junit: Path | None, summary_md: Path | None) -> None:
    """One JUnit file with a testsuite per district; one Markdown summary with a section per district."""
    if junit:
        from xml.etree import ElementTree as ET

        root = ET.Element("testsuites", name="govaudit")
        for spec in specs:
            path = out / spec.slug / "junit.xml"
            if path.is_file():
                root.extend(ET.parse(path).getroot().findall("testsuite"))
        root.set("tests", str(sum(int(s.get("tests", 0)) for s in root)))
        root.set("failures", str(sum(int(s.get("failures", 0)) for s in root)))
        junit.parent.mkdir(parents=True, exist_ok=True)
        junit.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
    if summary_md:
        parts = [
            (out / s.slug / "summary.md").read_text(encoding="utf-8")
            for s in specs
            if (out / s.slug / "summary.md").is_file()
        ]
        summary_md.parent.mkdir(parents=True, exist_ok=True)
        with summary_md.open("a", encoding="utf-8") as fh:
            fh.write("\n".join(parts))


def combined_code(codes: dict[str, int]) -> int:
    """2 if any district had a usage error, else 3 if any was unreachable, else 1 if any had gaps, else 0."""
    values = set(codes.values())
    for code in (EXIT_USAGE, EXIT_UNREACHABLE, EXIT_GAPS):
        if code in values:
            return code
    return EXIT_OK if values <= {EXIT_OK} else max(values)


def audit_sites(options: AuditOptions) -> int:
    if options.target or options.demo:
        raise UsageError("--sites 不能与网址、目录或 --demo 同时使用")
    try:
        specs, as_of = load_sites(options.sites)
    except SitesError as exc:
        raise UsageError(str(exc)) from exc
    out = options.out
    template = replace(options, as_of=as_of or options.as_of)
    # each district writes its own CI files; they are merged into the ones asked for below
    for spec in specs:
        for name in ("junit.xml", "summary.md"):
            (out / spec.slug / name).unlink(missing_ok=True)
    codes = run_all(specs, out, template, jobs=options.jobs)
    merge_ci_files(specs, out, options.gate.junit, options.gate.summary_md)
    paths = write_compare([out / s.slug for s in specs], out, xlsx=options.gate.xlsx,
                          csv_path=options.gate.csv, json_path=options.gate.json)
    print(f"区县对比：{paths['html']}")
    return combined_code(codes)
