"""The ``govaudit`` command: crawl → check → report, or each stage alone.

Exit codes (also in the README):
  0  audit done, no failed veto or deduct finding
  1  audit done, gaps found (a failed veto or deduct finding)
  2  usage or configuration error
  3  the site could not be crawled at all (its start page could not be fetched)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from contextlib import ExitStack
from datetime import date
from pathlib import Path

EXIT_OK, EXIT_GAPS, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3
EXIT_CLOSED_PIPE = 141  # stdout closed by its reader, as `yes | head` ends


class UsageError(Exception):
    pass


def iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式：{value!r}") from exc


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="govaudit", description="政府网站合规审计：抓取、检查、出具报告。")
    sub = p.add_subparsers(dest="command", required=True)

    audit = sub.add_parser("audit", help="audit a site: crawl it, run the checks, write the reports")
    audit.add_argument("target", nargs="?", help="start URL of the portal, or a folder of static files to serve on loopback")
    audit.add_argument("--demo", action="store_true", help="generate the built-in demo district, serve it on loopback and audit it")
    audit.add_argument("--as-of", type=iso_date, default=date.today().isoformat(),
                       help="judge every 'current', 'stale' and 'late' against this date (default: today)")
    audit.add_argument("--out", type=Path, default=Path("govaudit-out"), help="output folder (default: ./govaudit-out)")
    audit.add_argument("--name", default="", help="site name for the report (default: the site's SiteName meta tag)")
    audit.add_argument("--extra-url", action="append", default=[], help="another start URL (repeatable)")
    audit.add_argument("--allowed-host", action="append", default=[], help="host to stay on (repeatable; default: the start URLs' hosts)")
    audit.add_argument("--max-pages", type=int, default=5000, help="stop after this many pages (default 5000)")
    audit.add_argument("--max-depth", type=int, default=10, help="follow links this deep (default 10)")
    audit.add_argument("--max-time", type=int, default=0, help="stop the crawl after this many seconds (default: no limit)")
    audit.add_argument("--timeout", type=float, default=None, help="seconds before a request is abandoned (default 30; demo 5)")
    audit.add_argument("--delay", type=float, default=None, help="seconds between requests to a host (default: polite autothrottle; none on loopback)")
    audit.add_argument("--profile", action="append", default=[], type=Path, help="a profile YAML layered on the national one (repeatable)")
    audit.add_argument("-v", "--verbose", action="store_true", help="show Scrapy's log")
    audit.add_argument("--resolve", action="append", default=[], metavar="HOST=ADDRESS:PORT",
                       help="connect to ADDRESS:PORT for HOST, keeping URLs and the Host header (as curl; repeatable)")
    audit.add_argument("--site-config", type=Path, default=None,
                       help="site configuration YAML: district name, start URL, hosts, departments, limits")
    audit.add_argument("--render", action="store_true",
                       help="fetch pages whose list is drawn by script again in Chromium (scrapy-playwright)")
    audit.add_argument("--department", action="append", default=[], metavar="NAME=URL",
                       help="a department and its root URL, when the portal does not list it (repeatable)")
    audit.add_argument("--sites", type=Path, help="YAML list of districts to audit, each into OUT/<slug>/")
    audit.add_argument("--jobs", type=int, default=4, help="with --sites: districts audited at once (default 4; one at a time per host)")
    from govaudit.gate import add_arguments as add_gate_arguments

    add_gate_arguments(audit)

    check = sub.add_parser("check", help="re-run the checks on a stored crawl (e.g. last month's audit.db)")
    check.add_argument("db", type=Path)
    check.add_argument("--run", type=int, default=None, help="run id (default: the latest)")
    check.add_argument("--profile", action="append", default=[], type=Path)

    report = sub.add_parser("report", help="write report.html and findings.json from a stored audit")
    report.add_argument("db", type=Path)
    report.add_argument("--run", type=int, default=None)
    report.add_argument("--out", type=Path, required=True)

    base = sub.add_parser("baseline", help="write a baseline file accepting the failed gaps of a stored audit")
    base.add_argument("source", type=Path, help="an audit's output folder, or its audit.db")
    base.add_argument("--deadline", type=iso_date, required=True, help="整改期限 for every accepted gap (YYYY-MM-DD)")
    base.add_argument("--note", default="", help="note for every new entry (default: the check's title)")
    base.add_argument("--run", type=int, default=None, help="run id (default: the latest)")
    base.add_argument("--merge", type=Path, default=None,
                      help="an existing baseline: its entries stay as they are, gaps it lacks are added")
    base.add_argument("--out", type=Path, default=None, help="write here (default: standard output)")

    demo = sub.add_parser("demo", help="generate the demo district's static files (to inspect or serve)")
    demo.add_argument("--out", type=Path, required=True)
    demo.add_argument("--as-of", type=iso_date, default=date.today().isoformat())
    demo.add_argument("--districts", type=int, default=0,
                      help="audit this many demo districts (month by month, see --months) into OUT/<district>/")
    demo.add_argument("--months", type=int, default=1, help="with --districts: monthly audits ending at --as-of")

    compare = sub.add_parser("compare", help="compare districts: ranking, heat map, change since the previous month")
    compare.add_argument("dirs", nargs="+", type=Path, help="result folders (a district's, or one holding districts)")
    compare.add_argument("--out", type=Path, default=None, help="where compare.html goes (default: the first folder)")
    compare.add_argument("--xlsx", type=Path, help="also write every district's gaps to this workbook")

    checks = sub.add_parser("checks", help="list the check catalogue")
    checks.add_argument("--json", action="store_true", help="print the catalogue as JSON (with the profile's points)")
    checks.add_argument("--profile", action="append", default=[], type=Path)

    inspect = sub.add_parser("inspect", help="show what the auditor extracts from one page (a URL or a saved file)")
    inspect.add_argument("target", help="URL, or a saved .html/.jsp file")
    inspect.add_argument("--json", action="store_true", help="print JSON instead of text")
    inspect.add_argument("--url", default="", help="with a file: the page's original URL (resolves its links)")
    inspect.add_argument("--resolve", action="append", default=[], metavar="HOST=ADDRESS:PORT")
    inspect.add_argument("--timeout", type=float, default=30.0)
    inspect.add_argument("--as-of", type=iso_date, default=None, help="year for month-day list dates (default: today)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "audit":
            return cmd_audit(args)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "report":
            return cmd_report(args)
        if args.command == "demo":
            return cmd_demo(args)
        if args.command == "baseline":
            return cmd_baseline(args)
        if args.command == "compare":
            from reports.compare import cmd_compare

            return cmd_compare(args)
        if args.command == "checks":
            return cmd_checks(args)
        if args.command == "inspect":
            from govaudit.inspect import cmd_inspect

            return cmd_inspect(args)
    except UsageError as exc:
        print(f"govaudit: 错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return closed_stdout()
    return EXIT_USAGE


def closed_stdout() -> int:
    """`govaudit checks | head`: the reader left, so end quietly, as shell tools do (128 + SIGPIPE).

    SIGPIPE itself stays ignored: the demo's loopback server runs in this process, and a crawler that
    drops a connection mid-answer must cost that one answer, never the whole run.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # Python's own flush at exit would raise again
    return EXIT_CLOSED_PIPE


def load_profile(paths: list[Path]) -> dict:
    from checks.profile import ProfileError
    from checks.profile import load_profile as load

    try:
        return load(*paths)
    except ProfileError as exc:
        raise UsageError(str(exc)) from exc


def open_existing(path: Path):
    from crawler import store

    if not path.is_file():
        raise UsageError(f"找不到数据库文件 {path}")
    return store.open_db(path)


def pick_run(db, run: int | None) -> int:
    from crawler import store

    run_id = run if run is not None else store.latest_run_id(db)
    if run_id is None or not db["runs"].count_where("id = ?", [run_id]):
        raise UsageError(f"数据库中没有审计记录 {run_id if run is not None else ''}".strip())
    return run_id


def departments(values: list[str]) -> list[dict[str, str]]:
    result = []
    for value in values:
        name, sep, url = value.partition("=")
        if not (sep and name.strip() and url.strip().startswith(("http://", "https://"))):
            raise UsageError(f"--department 应为 名称=网址：{value!r}")
        result.append({"name": name.strip(), "root_url": url.strip()})
    return result


def resolve_option(values: list[str]) -> dict[str, str]:
    from crawler.resolve import ResolveError, parse_resolve

    try:
        return parse_resolve(values)
    except ResolveError as exc:
        raise UsageError(str(exc)) from exc


def cmd_audit(args: argparse.Namespace) -> int:
    from crawler import store
    from govaudit.crawl import CrawlOptions, run_crawl
    from govaudit.serve import LoopbackServer

    if args.sites:
        from govaudit.sites import audit_sites

        return audit_sites(args)
    if args.site_config is not None:
        from govaudit.siteconfig import SiteConfigError, apply_to_args, load_site_config

        try:
            apply_to_args(load_site_config(args.site_config), args)
        except SiteConfigError as exc:
            raise UsageError(str(exc)) from exc
    resolve = resolve_option(args.resolve)
    if args.render:
        from crawler.render import RenderError, render_settings

        try:
            render_settings()
        except RenderError as exc:
            raise UsageError(str(exc)) from exc
    if bool(args.demo) == bool(args.target):
        raise UsageError("请给出要审计的网址或静态站点目录，或使用 --demo（二者选一）")
    profile = load_profile(args.profile)
    gate = gate_options(args)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "audit.db"
    name = args.name
    with ExitStack() as stack:
        timeout = args.timeout
        if args.demo:
            from govaudit.demo.site import build_demo_site

            site_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="govaudit-demo-")))
            demo = build_demo_site(site_dir, date.fromisoformat(args.as_of))
            server = stack.enter_context(LoopbackServer(demo.root, demo.behaviors))
            start_url, name = server.base_url, name or demo.name
            (out / "demo-manifest.json").write_text(
                json.dumps(demo.manifest, ensure_ascii=False, indent=2), encoding="utf-8")
            timeout = timeout or 5.0
            print(f"示范区站点已在本机启动：{start_url}", file=sys.stderr)
        elif Path(args.target).is_dir():
            server = stack.enter_context(LoopbackServer(Path(args.target)))
            start_url = server.base_url
            print(f"静态站点目录 {args.target} 已在本机启动：{start_url}", file=sys.stderr)
        elif args.target.startswith(("http://", "https://")):
            start_url = args.target
        else:
            raise UsageError(f"{args.target!r} 既不是 http(s) 网址，也不是存在的目录")
        options = CrawlOptions(
            start_url=start_url,
            extra_urls=args.extra_url,
            allowed_hosts=args.allowed_host,
            max_pages=args.max_pages,
            max_depth=args.max_depth,
            max_time=args.max_time,
            timeout=timeout or 30.0,
            delay=args.delay,
            verbose=args.verbose,
            resolve=resolve,
            render=args.render,
            departments=departments(args.department),
        )
        db = store.open_db(db_path)
        run_id = store.create_run(db, site_name=name, start_url=start_url, as_of=args.as_of, settings=options.as_dict())
        db.close()
        print(f"开始抓取 {start_url}（检查基准日 {args.as_of}）", file=sys.stderr)
        run_crawl(str(db_path), run_id, options)
        if name:  # the crawl names the site from its SiteName tag when it has no name; a given name wins
            db = store.open_db(db_path)
            db["runs"].update(run_id, {"site_name": name})
            db.close()
    return finish(db_path, run_id, profile, out, gate)


def gate_options(args: argparse.Namespace):
    """The CI gate's options, with the baseline file read now (a bad file is a usage error, before the crawl)."""
    from checks.baseline import BaselineError
    from govaudit.gate import GateOptions

    try:
        return GateOptions.from_args(args)
    except BaselineError as exc:
        raise UsageError(str(exc)) from exc


def finish(db_path: Path, run_id: int, profile: dict, out: Path, gate=None) -> int:
    """Check a stored crawl, write the reports, print where, and give the exit code."""
    from checks.runner import run_checks
    from crawler import store
    from reports.render import write_reports

    db = store.open_db(db_path)
    findings = run_checks(db, run_id, profile)
    if gate is not None:
        gate.record_baseline(db, run_id)
    paths = write_reports(db, run_id, out)
    run = db["runs"].get(run_id)
    start = db.execute("select fetch_state from pages where run_id = ? and depth = 0 order by rowid limit 1",
                       [run_id]).fetchone()
    db.close()
    failed = [f for f in findings if f.status == "failed"]
    unknown = [f for f in findings if f.status == "unknown"]
    reachable = start is not None and start[0] == "ok"
    if reachable:
        from checks.scoring import severity

        gaps = [f for f in failed if severity(profile, f.check_id) in ("veto", "deduct")]
        code = EXIT_GAPS if gaps else EXIT_OK
    else:
        code = EXIT_UNREACHABLE
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


def cmd_check(args: argparse.Namespace) -> int:
    profile = load_profile(args.profile)
    db = open_existing(args.db)
    run_id = pick_run(db, args.run)
    db.close()
    return finish(args.db, run_id, profile, args.db.parent)


def cmd_report(args: argparse.Namespace) -> int:
    from reports.render import write_reports

    db = open_existing(args.db)
    run_id = pick_run(db, args.run)
    paths = write_reports(db, run_id, args.out)
    print(f"报告：{paths['html']}\n数据：{paths['json']}")
    return EXIT_OK


def cmd_baseline(args: argparse.Namespace) -> int:
    from checks import baseline

    existing = []
    if args.merge is not None:
        try:
            existing = baseline.load_baseline(args.merge)
        except baseline.BaselineError as exc:
            raise UsageError(str(exc)) from exc
    path = args.source / "audit.db" if args.source.is_dir() else args.source
    db = open_existing(path)
    run_id = pick_run(db, args.run)
    run = db["runs"].get(run_id)
    new = baseline.entries_from_run(db, run_id, args.deadline, args.note)
    entries = baseline.merge(existing, new) if args.merge is not None else new
    added = len(entries) - len(existing)
    header = (
        f"govaudit 基线：{run['site_name'] or run['start_url']} {run['as_of']} 审计（第 {run_id} 次）的未通过问题，"
        f"共 {len(new)} 项；新增 {added} 项，整改期限 {args.deadline}。\n"
        "每项可改期限与备注；逾期未整改的问题在审计时重新计为未通过。"
    )
    text = baseline.dump(entries, header)
    if args.out is None:
        sys.stdout.write(text)
        print(f"基线：接受 {len(entries)} 项（新增 {added} 项）", file=sys.stderr)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"基线已写入 {args.out}：接受 {len(entries)} 项（新增 {added} 项）")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from govaudit.demo.site import build_demo_site

    if args.districts:
        from govaudit.demo.multi import cmd_demo_districts

        return cmd_demo_districts(args)

    demo = build_demo_site(args.out, date.fromisoformat(args.as_of))
    print(f"示范区站点已生成：{demo.root}（预置问题清单：{demo.root / '_demo' / 'manifest.json'}）")
    return EXIT_OK


def cmd_checks(args: argparse.Namespace) -> int:
    from checks.docs import catalogue_rows
    from checks.model import SEVERITY_ZH

    rows = catalogue_rows(load_profile(args.profile))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        print(f"{row['id']:<13} [{SEVERITY_ZH[row['severity']]}] {row['category']}：{row['title']}")
        print(f"{'':<13} 依据：{row['citation']}")
    return EXIT_OK


if __name__ == "__main__":
    # run as the imported module, so that govaudit.cli.UsageError raised elsewhere is the one caught here
    from govaudit.cli import main as module_main

    sys.exit(module_main())
