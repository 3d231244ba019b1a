"""One audit, end to end: serve the target if it is local, crawl it into ``OUT/audit.db``, run the checks,
write the reports, apply the CI gate and give the exit code.

``run_audit`` takes an ``AuditOptions`` (govaudit.options) and nothing from argparse; ``finish`` is the part
after the crawl, which ``govaudit check`` re-runs on a stored crawl.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from checks.profile import ProfileError
from checks.profile import load_profile as load_profile_layers
from checks.runner import run_checks
from checks.scoring import severity
from crawler import store
from govaudit.crawl import CrawlOptions, crawl_order_setting, run_crawl
from govaudit.errors import EXIT_GAPS, EXIT_OK, EXIT_UNREACHABLE, UsageError
from govaudit.gate import GateOptions
from govaudit.options import DEFAULT_TIMEOUT, DEMO_TIMEOUT, AuditOptions
from govaudit.serve import LoopbackServer
from reports.render import write_reports


def load_profile(paths: list[Path]) -> dict:
    try:
        return load_profile_layers(*paths)
    except ProfileError as exc:
        raise UsageError(str(exc)) from exc


def crawl_order(profile: dict) -> dict:
    """The profile's audit order as the crawl takes it (GOVAUDIT_CRAWL_ORDER)."""
    try:
        return crawl_order_setting(profile)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def crawl_options(options: AuditOptions, start_url: str, order: dict, timeout: float | None = None) -> CrawlOptions:
    """The crawl of one audit (also what a Scrapyd job of ``govaudit cluster`` crawls)."""
    return CrawlOptions(
        start_url=start_url,
        extra_urls=options.extra_urls,
        allowed_hosts=options.allowed_hosts,
        exact_hosts=options.exact_hosts,
        max_pages=options.limits.max_pages,
        max_depth=options.limits.max_depth,
        max_time=options.limits.max_time,
        timeout=timeout or options.limits.timeout or DEFAULT_TIMEOUT,
        delay=options.limits.delay,
        verbose=options.verbose,
        resolve=options.resolve,
        render=options.render,
        departments=options.departments,
        order=order,
    )


CACHE_DIR = "httpcache"  # in the audit folder: the answers the next audit of the same site revalidates


def prepare_cache(options: AuditOptions) -> str:
    """The audit folder's HTTP cache (crawler.cache); emptied first with --full (every page fetched whole)."""
    folder = options.out / CACHE_DIR
    if options.full and folder.exists():
        shutil.rmtree(folder)
    return str(folder.resolve())


def run_audit(options: AuditOptions) -> int:
    if options.render:
        from crawler.render import RenderError, render_settings  # scrapy-playwright: only when asked for

        try:
            render_settings()
        except RenderError as exc:
            raise UsageError(str(exc)) from exc
    if options.demo == bool(options.target):
        raise UsageError("请给出要审计的网址或静态站点目录，或使用 --demo（二者选一）")
    profile = load_profile(options.profiles)
    order = crawl_order(profile)
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "audit.db"
    name = options.name
    with ExitStack() as stack:
        timeout = options.limits.timeout
        if options.demo:
            from govaudit.demo.site import build_demo_site

            site_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="govaudit-demo-")))
            demo = build_demo_site(site_dir, date.fromisoformat(options.as_of))
            server = stack.enter_context(LoopbackServer(demo.root, demo.behaviors))
            start_url, name = server.base_url, name or demo.name
            (out / "demo-manifest.json").write_text(
                json.dumps(demo.manifest, ensure_ascii=False, indent=2), encoding="utf-8")
            timeout = timeout or DEMO_TIMEOUT
            print(f"示范区站点已在本机启动：{start_url}", file=sys.stderr)
        elif Path(options.target).is_dir():
            server = stack.enter_context(LoopbackServer(Path(options.target)))
            start_url = server.base_url
            print(f"静态站点目录 {options.target} 已在本机启动：{start_url}", file=sys.stderr)
        elif options.target.startswith(("http://", "https://")):
            start_url = options.target
        else:
            raise UsageError(f"{options.target!r} 既不是 http(s) 网址，也不是存在的目录")
        crawl = crawl_options(options, start_url, order, timeout)
        if not options.demo:  # the demo's site is new each time: nothing to revalidate
            crawl.cache_dir = prepare_cache(options)
        db = store.open_db(db_path)
        killed = store.unfinished_run(db, start_url, options.as_of) if crawl.cache_dir and not options.full else None
        if killed is not None:  # the same audit was killed: go on where it stopped (crawler.cache)
            run_id, crawl.resume_since = killed[0], killed[1] - 1
            print(f"继续上次未完成的审计（第 {run_id} 次运行）：已抓取的页面从本地读取，不再向网站请求", file=sys.stderr)
        else:
            run_id = store.create_run(db, site_name=name, start_url=start_url, as_of=options.as_of,
                                      settings=crawl.as_dict())
        db.close()
        print(f"开始抓取 {start_url}（检查基准日 {options.as_of}）", file=sys.stderr)
        run_crawl(str(db_path), run_id, crawl)
        if name:  # the crawl names the site from its SiteName tag when it has no name; a given name wins
            db = store.open_db(db_path)
            db["runs"].update(run_id, {"site_name": name})
            db.close()
    return finish(db_path, run_id, profile, out, options.gate, archive=options.archive)


def audit_code(db, run_id: int, findings: list, profile: dict) -> int:
    """0: no failed veto or deduct finding; 1: some; 3: the start page could not be fetched."""
    start = db.execute("select fetch_state from pages where run_id = ? and depth = 0 order by rowid limit 1",
                       [run_id]).fetchone()
    if start is None or start[0] != "ok":
        return EXIT_UNREACHABLE
    gaps = [f for f in findings if f.status == "failed" and severity(profile, f.check_id) in ("veto", "deduct")]
    return EXIT_GAPS if gaps else EXIT_OK


def finish(db_path: Path, run_id: int, profile: dict, out: Path, gate: GateOptions | None = None,
           archive: str = "cited") -> int:
    """Check a stored crawl, keep the evidence it cites (OUT/evidence.warc.gz), write the reports, print where, and
    give the exit code."""
    from govaudit.evidence import keep_evidence

    db = store.open_db(db_path)
    findings = run_checks(db, run_id, profile)
    keep_evidence(db, Path(db_path), run_id, out, archive)
    if gate is not None:
        gate.record_baseline(db, run_id)
    paths = write_reports(db, run_id, out)
    run = db["runs"].get(run_id)
    code = audit_code(db, run_id, findings, profile)
    db.close()
    failed = [f for f in findings if f.status == "failed"]
    unknown = [f for f in findings if f.status == "unknown"]
    reachable = code != EXIT_UNREACHABLE
    if gate is not None:
        code = gate.apply(db_path, run_id, code, out)
    # the summary and where the reports are come last, after any gate lines
    print(f"抓取页面 {run['pages_fetched']} 个（失败 {run['pages_failed']} 个）；"
          f"检查结果：未通过 {len(failed)} 项，无法判定 {len(unknown)} 项，共 {len(findings)} 项")
    print(f"报告：{paths['html']}")
    print(f"数据：{paths['json']}  {db_path}")
    if not reachable:
        print("govaudit: 站点首页无法抓取，审计无法进行（退出码 3）", file=sys.stderr)
    return code
