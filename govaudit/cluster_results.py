"""A Scrapyd job's result brought into ``DIR/<district>/`` as if the district had been audited there.

A result zip (``govaudit.cluster_job.pack``) holds the job's audit database with one run. The district's folder
keeps every month's run in its own ``audit.db`` (history, ``govaudit compare``), so the job's run is copied into
it — every table's rows of that run, under a new run id — and the reports are written again from the merged
database, so they show what changed since the previous month as a local audit's do.

Never half-merged: everything is done on a copy in ``DIR/.cluster/stage-<district>/``; the finished folder then
takes the district's place by two renames (the old one goes to ``DIR/.cluster/old-<district>/`` and is removed);
``recover`` puts an old folder back if a crash fell between the two. A run already merged (its ``settings`` name
the job) is not merged twice.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

from crawler import store
from govaudit.cluster_job import EVIDENCE

WORK = ".cluster"


class ResultError(ValueError):
    """A result file that is not a complete job result."""


def read_result(data: bytes) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        bad = zf.testzip()
    except zipfile.BadZipFile as exc:
        raise ResultError(f"结果文件不是完整的 zip：{exc}") from exc
    if bad is not None:
        raise ResultError(f"结果文件中 {bad} 已损坏")
    names = set(zf.namelist())
    if not {"audit.db", "manifest.json"} <= names:
        raise ResultError("结果文件缺少 audit.db 或 manifest.json")
    return zf, json.loads(zf.read("manifest.json"))


def recover(out: Path) -> None:
    """Undo what a crash between the two renames of ``install`` left: the old folder goes back."""
    work = out / WORK
    if not work.is_dir():
        return
    for old in work.glob("old-*"):
        district = out / old.name[len("old-"):]
        if district.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.rename(district)


def _tables(con: sqlite3.Connection, schema: str) -> dict[str, list[str]]:
    rows = con.execute(f"select name from {schema}.sqlite_master where type = 'table' and name not like 'sqlite_%'")
    return {name: [c[1] for c in con.execute(f"pragma {schema}.table_info([{name}])")] for (name,) in rows}


def _auto_id(con: sqlite3.Connection, schema: str, table: str) -> bool:
    """A table whose primary key is a lone integer ``id`` (runs, findings): new rows get new ids."""
    pk = [(c[1], c[2]) for c in con.execute(f"pragma {schema}.table_info([{table}])") if c[5]]
    return len(pk) == 1 and pk[0][0] == "id" and pk[0][1].upper() == "INTEGER"


def merged_run(db_path: Path, job_id: str) -> int | None:
    """The run of ``db_path`` that came from this job, if it was merged already."""
    db = store.open_db(db_path)
    try:
        for row in db.query("select id, settings from runs"):
            try:
                if json.loads(row["settings"] or "{}").get("cluster_job") == job_id:
                    return int(row["id"])
            except (ValueError, AttributeError):
                continue
        return None
    finally:
        db.close()


def copy_run(source: Path, source_run: int, target: Path) -> int:
    """Copy one run (every table's rows of it) from ``source`` into ``target``; return its id there."""
    store.open_db(source).close()  # both at the current schema
    store.open_db(target).close()
    con = sqlite3.connect(target)
    try:
        con.execute("attach database ? as job", [str(source)])
        mine, theirs = _tables(con, "main"), _tables(con, "job")
        with con:
            cols = [c for c in mine["runs"] if c != "id" and c in theirs["runs"]]
            names = ", ".join(f"[{c}]" for c in cols)
            con.execute(f"insert into main.runs ({names}) select {names} from job.runs where id = ?", [source_run])
            run_id = con.execute("select last_insert_rowid()").fetchone()[0]
            for table, columns in mine.items():
                if table == "runs" or "run_id" not in columns or table not in theirs:
                    continue
                cols = [c for c in columns if c in theirs[table] and not (c == "id" and _auto_id(con, "main", table))]
                names = ", ".join(f"[{c}]" for c in cols)
                values = ", ".join("?" if c == "run_id" else f"[{c}]" for c in cols)
                con.execute(f"insert into main.[{table}] ({names}) select {values} from job.[{table}] "
                            "where run_id = ?", [run_id, source_run])
        con.execute("detach database job")
        return int(run_id)
    finally:
        con.close()


def _copy_db(source: Path, target: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def install_result(data: bytes, out: Path, slug: str, job_id: str) -> tuple[int, dict[str, Any]]:
    """Bring a job's result into ``out/<slug>/``; return (the run's id there, the job's manifest)."""
    from govaudit.gate import keep_run_copy
    from reports.render import write_reports

    zf, manifest = read_result(data)
    work = out / WORK
    stage = work / f"stage-{slug}"
    shutil.rmtree(stage, ignore_errors=True)
    (stage / "job").mkdir(parents=True)
    new = stage / "new"
    zf.extractall(stage / "job")
    district = out / slug
    if district.is_dir():
        shutil.copytree(district, new, ignore=shutil.ignore_patterns("audit.db", "audit.db-*"))
        if (district / "audit.db").is_file():
            _copy_db(district / "audit.db", new / "audit.db")
    else:
        new.mkdir()
    db_path = new / "audit.db"
    run_id = merged_run(db_path, job_id) if db_path.is_file() else None
    if run_id is None:
        run_id = copy_run(stage / "job" / "audit.db", int(manifest["run_id"]), db_path)
    for name in ("audit.log", EVIDENCE):  # as a local audit leaves them: this run's log and evidence
        if (stage / "job" / name).is_file():
            shutil.copyfile(stage / "job" / name, new / name)
    db = store.open_db(db_path)
    try:
        write_reports(db, run_id, new)
        as_of = db["runs"].get(run_id)["as_of"]
    finally:
        db.close()
    keep_run_copy(new, as_of, run_id)  # runs/<as-of>-run<N>/: the report as issued, as after a local audit
    (new / "cluster-job.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")
    old = work / f"old-{slug}"
    shutil.rmtree(old, ignore_errors=True)
    if district.exists():
        district.rename(old)
    new.rename(district)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(stage, ignore_errors=True)
    return run_id, manifest
