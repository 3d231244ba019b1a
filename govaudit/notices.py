"""``govaudit notices OUT`` and ``govaudit audit … --notices DIR``: write the 整改通知书 of finished audits.

OUT is an audit's folder (holding ``audit.db``) or a folder of district folders (``--sites``, ``demo
--districts``). Each district's notices go to ``<district>/notices/<as-of>-run<N>/`` (beside its
``runs/<as-of>-run<N>/`` report), or under ``--out DIR`` (``DIR/<district>/`` when there are several). The
issuing office is ``--issuer``, else the site configuration's ``issuer``, else 政务公开办.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from crawler import store
from govaudit.errors import EXIT_OK, UsageError
from reports.compare import district_folders
from reports.notices import write_notices

NOTICES_DIR = "notices"


def run_dir_name(as_of: str, run_id: int) -> str:
    return f"{as_of}-run{run_id}"  # as govaudit.gate.keep_run_copy names a run's copy of its report


def done_runs(db, run: int | None, all_runs: bool) -> list[dict]:
    if run is not None:
        rows = list(db.query("select * from runs where id = ?", [run]))
        if not rows:
            raise UsageError(f"数据库中没有审计记录 {run}")
        return rows
    rows = list(db.query("select * from runs where status = 'done' order by as_of, id"))
    return rows if all_runs else rows[-1:]


def notices_for(folder: Path, target: Path | None, *, run: int | None = None, all_runs: bool = False,
                issuer: str = "", deadline: str = "") -> list[Path]:
    """Write the notices of ``folder``'s latest run (or run ``run``, or every run) and return their paths."""
    db = store.open_db(folder / "audit.db")
    try:
        written = []
        for r in done_runs(db, run, all_runs):
            name = run_dir_name(r["as_of"], r["id"])
            out = folder / NOTICES_DIR / name if target is None else (target / name if all_runs else target)
            written += write_notices(db, r["id"], out, issuer=issuer, deadline=deadline)
        return written
    finally:
        db.close()


def issuer_of(args: argparse.Namespace) -> str:
    if getattr(args, "issuer", ""):
        return args.issuer
    if getattr(args, "site_config", None) is not None:
        from govaudit.siteconfig import SiteConfigError, load_site_config

        try:
            return load_site_config(args.site_config).issuer
        except SiteConfigError as exc:
            raise UsageError(str(exc)) from exc
    return ""


def cmd_notices(args: argparse.Namespace) -> int:
    folders = district_folders([args.source])
    if not folders:
        raise UsageError(f"{args.source} 中没有审计结果（audit.db）")
    issuer = issuer_of(args)
    total = 0
    for folder in folders:
        target = None if args.out is None else (args.out if len(folders) == 1 else args.out / folder.name)
        paths = notices_for(folder, target, run=args.run, all_runs=args.all_runs, issuer=issuer,
                            deadline=args.deadline or "")
        total += len(paths)
        where = "、".join(sorted({str(p.parent) for p in paths})) or "—"
        print(f"{folder.name}：整改通知书 {len(paths)} 份（{where}）")
    print(f"共 {total} 份整改通知书")
    return EXIT_OK


def after_audit(args: argparse.Namespace, out: Path) -> None:
    """``govaudit audit … --notices DIR``: the notices of the audit just done (of each district with --sites)."""
    folders = [out] if (out / "audit.db").is_file() else district_folders([out])
    issuer = issuer_of(args)
    for folder in folders:
        target = args.notices if len(folders) == 1 else args.notices / folder.name
        paths = notices_for(folder, target, issuer=issuer, deadline=args.deadline or "")
        print(f"整改通知书：{len(paths)} 份（{target}）")
