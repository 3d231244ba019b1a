"""The ``govaudit`` command: crawl → check → report, or each stage alone.

This is the edge: argparse lives here and nowhere else. Each command turns its arguments into plain
values (``govaudit.options.AuditOptions`` for an audit) and calls the module that does the work. Exit codes
and ``UsageError``: ``govaudit.errors``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from govaudit.errors import EXIT_CLOSED_PIPE, EXIT_OK, EXIT_USAGE, UsageError
from govaudit.gate import FAIL_ON


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
    audit.add_argument("--exact-hosts", action="store_true",
                       help="visit only the given hosts (--allowed-host, the start URLs' hosts): not their www./bare twins nor other "
                            "sub-domains of the portal's domain; links there make an absence unknown (default: follow them)")
    audit.add_argument("--max-pages", type=int, default=None, help="pages to fetch, in audit order (default 3000: about an hour at the polite rate)")
    audit.add_argument("--max-depth", type=int, default=None, help="follow links this deep (default 10)")
    audit.add_argument("--max-time", type=int, default=None, help="stop the crawl after this many seconds (default: no limit)")
    audit.add_argument("--timeout", type=float, default=None, help="seconds before a request is abandoned (default 30; demo 5)")
    audit.add_argument("--delay", type=float, default=None, help="seconds between requests to a host (default: polite autothrottle; none on loopback)")
    audit.add_argument("--profile", action="append", default=[], type=Path, help="a profile YAML layered on the national one (repeatable)")
    audit.add_argument("-v", "--verbose", action="store_true", help="show Scrapy's log")
    audit.add_argument("--resolve", action="append", default=[], metavar="HOST=ADDRESS:PORT",
                       help="connect to ADDRESS:PORT for HOST, keeping URLs and the Host header (as curl; repeatable)")
    audit.add_argument("--site-config", type=Path, default=None,
                       help="site configuration YAML: district name, start URL, hosts, departments, limits")
    audit.add_argument("--full", action="store_true",
                       help="fetch every page whole: ignore the answers an earlier audit into the same --out kept "
                            "(by default pages are asked again with their validators; a 304 reuses the stored page)")
    audit.add_argument("--archive", choices=("cited", "all"), default="cited",
                       help="what OUT/evidence.warc.gz keeps: the responses behind failed and unknown findings "
                            "(cited, default) or every response of the crawl (all)")
    audit.add_argument("--render", action="store_true",
                       help="fetch pages whose list is drawn by script again in Chromium (scrapy-playwright)")
    audit.add_argument("--department", action="append", default=[], metavar="NAME=URL",
                       help="a department and its root URL, when the portal does not list it (repeatable)")
    audit.add_argument("--sites", type=Path, help="YAML list of districts to audit, each into OUT/<slug>/")
    audit.add_argument("--jobs", type=int, default=4, help="with --sites: districts audited at once (default 4; one at a time per host)")
    audit.add_argument("--baseline", type=Path, help="YAML of accepted gaps with deadlines (整改期限)")
    audit.add_argument("--fail-on", choices=FAIL_ON, default="any",
                       help="which failed findings make the exit code 1: any (default), new, veto")
    audit.add_argument("--junit", type=Path, help="write JUnit XML (one testcase per finding) to this file")
    audit.add_argument("--summary-md", type=Path,
                       help="write a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)")
    audit.add_argument("--xlsx", type=Path, help="write the gaps as an Excel workbook (rectification notice shape)")
    audit.add_argument("--csv", type=Path, help="write the gaps as CSV (same columns as --xlsx)")
    audit.add_argument("--json", type=Path, help="write the gaps as JSON (same fields as --xlsx)")
    audit.add_argument("--notices", type=Path, help="write a 整改通知书 (.docx) per unit with a gap into this folder")
    audit.add_argument("--deadline", type=iso_date, help="with --notices: 整改期限 of the gaps the baseline does not date")
    audit.add_argument("--issuer", default="", help="with --notices: the issuing office (default: the site configuration's issuer, else 政务公开办)")

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
    compare.add_argument("--issuer", default="", help="the office issuing the 检查情况通报 (default 政务公开办)")

    archive = sub.add_parser("archive", help="write DIR/index.html: every district × month with its reports, comparisons and notices")
    archive.add_argument("dir", type=Path, help="a folder holding district folders (audit --sites, demo --districts)")
    archive.add_argument("--issuer", default="", help="the office issuing the monthly 检查情况通报 (default 政务公开办)")

    notices = sub.add_parser("notices", help="write the 整改通知书 (.docx, one per unit with a gap) of finished audits")
    notices.add_argument("source", type=Path, help="an audit's folder, or one holding district folders")
    notices.add_argument("--out", type=Path, default=None,
                         help="where the notices go (default: <district>/notices/<as-of>-run<N>/)")
    notices.add_argument("--deadline", type=iso_date, help="整改期限 of the gaps the baseline does not date (default: as-of + 30 days)")
    notices.add_argument("--issuer", default="", help="the issuing office (default: the site configuration's issuer, else 政务公开办)")
    notices.add_argument("--site-config", type=Path, default=None, help="a site configuration to read the issuer from")
    notices.add_argument("--run", type=int, default=None, help="run id (default: the latest)")
    notices.add_argument("--all-runs", action="store_true", help="write the notices of every run, one folder each")

    evidence = sub.add_parser("evidence", help="print the archived responses behind a finding (from evidence.warc.gz)")
    evidence.add_argument("source", type=Path, help="an audit's output folder, or its audit.db")
    evidence.add_argument("finding", help="the finding's id (findings.json \"id\"), or a check id with one such finding")
    evidence.add_argument("--url", default="", help="only this evidence URL of the finding")
    evidence.add_argument("--out", type=Path, default=None, help="save the (first) record's body to this file")
    evidence.add_argument("--run", type=int, default=None, help="run id (default: the latest)")

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
    add_cluster_parser(sub)
    return p


def add_cluster_parser(sub: argparse._SubParsersAction) -> None:
    cluster = sub.add_parser("cluster", help="audit the districts of a sites file as Scrapyd jobs on several machines (docs/cluster.md)")
    actions = cluster.add_subparsers(dest="action", required=True)
    submit = actions.add_parser("submit", help="deploy to the nodes and schedule one job per district")
    submit.add_argument("--sites", type=Path, required=True, help="YAML list of districts (as for audit --sites)")
    submit.add_argument("--node", action="append", default=[], required=True, metavar="URL",
                        help="a Scrapyd node, e.g. http://10.0.0.2:6800/ (repeatable)")
    submit.add_argument("--as-of", type=iso_date, default=date.today().isoformat())
    for flag, kind in (("--max-pages", int), ("--max-depth", int), ("--max-time", int), ("--timeout", float),
                       ("--delay", float)):
        submit.add_argument(flag, type=kind, default=None, help=f"as for audit {flag}")
    submit.add_argument("--profile", action="append", default=[], type=Path)
    deploy = actions.add_parser("deploy", help="check the nodes and deploy this version of the project to them")
    deploy.add_argument("--node", action="append", default=[], required=True, metavar="URL")
    for action in (submit, actions.add_parser("status", help="list the jobs and what the nodes say of them"),
                   collect := actions.add_parser("collect", help="bring the finished jobs' results into OUT/<district>/")):
        action.add_argument("--out", type=Path, default=None, help="results folder (its cluster.json holds the jobs)")
        action.add_argument("--state", type=Path, default=None, help="the state file (default: OUT/cluster.json)")
    collect.add_argument("--wait", action="store_true", help="repeat until every district is collected or failed")
    collect.add_argument("--poll", type=float, default=5.0, help="with --wait: seconds between looks (default 5)")
    collect.add_argument("--timeout", type=float, default=0, help="with --wait: give up after this many seconds")
    collect.add_argument("--lost-after", type=float, default=120.0,
                         help="a node silent this many seconds is lost: its jobs go to the others (default 120)")


def cmd_cluster(args: argparse.Namespace) -> int:
    from govaudit import cluster

    if args.action == "submit":
        from govaudit.options import AuditOptions, Limits

        limits = Limits(**{k: v for k in ("max_pages", "max_depth", "max_time", "timeout", "delay")
                           if (v := getattr(args, k)) is not None})
        template = AuditOptions(as_of=args.as_of, limits=limits, profiles=list(args.profile))
        out = args.out or (args.state.parent if args.state else None)
        if out is None:
            raise UsageError("请给出 --out（收集结果的目录）")
        return cluster.submit(args.sites, args.node, out, args.state, template)
    if args.action == "deploy":
        return cluster.deploy_only(args.node)
    if args.action == "status":
        return cluster.status(args.out, args.state)
    return cluster.collect(args.out, args.state, wait=args.wait, poll=args.poll, timeout=args.timeout,
                           lost_after=args.lost_after)


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
            return cmd_compare(args)
        if args.command == "checks":
            return cmd_checks(args)
        if args.command == "evidence":
            from govaudit.evidence import cmd_evidence

            return cmd_evidence(args)
        if args.command == "archive":
            from govaudit.archive import cmd_archive

            return cmd_archive(args)
        if args.command == "notices":
            from govaudit.notices import cmd_notices

            return cmd_notices(args)
        if args.command == "inspect":
            from govaudit.inspect import cmd_inspect

            return cmd_inspect(args)
        if args.command == "cluster":
            return cmd_cluster(args)
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


def cmd_audit(args: argparse.Namespace) -> int:
    from govaudit.audit import run_audit
    from govaudit.options import from_namespace
    from govaudit.sites import audit_sites

    options = from_namespace(args)
    code = audit_sites(options) if options.sites else run_audit(options)
    if args.notices is not None:
        from govaudit.notices import after_audit

        after_audit(args, options.out)
    return code


def cmd_check(args: argparse.Namespace) -> int:
    from govaudit.audit import finish, load_profile

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
        return cmd_demo_districts(args)

    demo = build_demo_site(args.out, date.fromisoformat(args.as_of))
    print(f"示范区站点已生成：{demo.root}（预置问题清单：{demo.root / '_demo' / 'manifest.json'}）")
    return EXIT_OK


def cmd_demo_districts(args: argparse.Namespace) -> int:
    from govaudit.demo.multi import run_demo
    from reports.compare import write_compare

    if args.districts < 1 or args.months < 1:
        raise UsageError("--districts 和 --months 应为正整数")
    record = run_demo(args.out, date.fromisoformat(args.as_of), args.districts, args.months)
    slugs = [d["slug"] for d in record["districts"]]
    paths = write_compare([args.out / s for s in slugs], args.out)
    print(f"区县对比：{paths['html']}（govaudit compare {args.out} 可重新生成）")
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from reports.compare import district_folders, write_compare

    if not district_folders(args.dirs):
        raise UsageError("给出的目录中没有审计结果（audit.db）")
    paths = write_compare(args.dirs, args.out or args.dirs[0], xlsx=args.xlsx, issuer=args.issuer)
    print(f"区县对比：{paths['html']}\n通报：{paths['docx']}\n数据：{paths['json']}")
    return EXIT_OK


def cmd_checks(args: argparse.Namespace) -> int:
    from checks.docs import catalogue_rows
    from checks.model import SEVERITY_ZH
    from govaudit.audit import load_profile

    rows = catalogue_rows(load_profile(args.profile))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        print(f"{row['id']:<13} [{SEVERITY_ZH[row['severity']]}] {row['category']}：{row['title']}")
        print(f"{'':<13} 依据：{row['citation']}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
