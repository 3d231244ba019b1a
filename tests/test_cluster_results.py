"""A cluster job's result merged into a district's folder that already holds earlier months (no Scrapyd here:
the result zip is packed from a local audit, as ``govaudit.cluster_job`` packs a job's)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from crawler import store
from govaudit.cluster_job import pack
from govaudit.cluster_results import ResultError, install_result, recover
from tests.clusternodes import PROXY_VARIABLES, serve_districts

AS_OF = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def job_result(audit_db: Path, work: Path, job: str, as_of: str) -> bytes:
    """The zip a job leaves, made from a local audit's database: its run relabelled as the job's, a month on."""
    work.mkdir(parents=True)
    shutil.copyfile(audit_db, work / "audit.db")
    db = store.open_db(work / "audit.db")
    run = db["runs"].get(store.latest_run_id(db))
    db["runs"].update(run["id"], {"as_of": as_of, "settings": json.dumps({**json.loads(run["settings"]),
                                                                         "cluster_job": job})})
    db.close()
    pack(work, work.parent / f"{job}.zip", {"job": job, "run_id": run["id"], "exit_code": 1})
    return (work.parent / f"{job}.zip").read_bytes()


def counts(db_path: Path) -> dict[int, tuple[int, int, int]]:
    db = store.open_db(db_path)
    try:
        return {r["id"]: tuple(db.execute(f"select count(*) from {t} where run_id = ?", [r["id"]]).fetchone()[0]
                               for t in ("pages", "findings", "discoveries"))
                for r in db.query("select id from runs order by id")}
    finally:
        db.close()


def test_a_job_run_joins_the_districts_history_once(tmp_path: Path) -> None:
    out = tmp_path / "results"
    with serve_districts(1, AS_OF) as (d0,):
        result = subprocess.run([sys.executable, "-m", "govaudit.cli", "audit", d0.url, "--resolve", d0.resolve,
                                 "--as-of", AS_OF.isoformat(), "--out", str(out / d0.slug), "--timeout", "30"],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    before = counts(out / d0.slug / "audit.db")
    assert list(before) == [1]

    data = job_result(out / d0.slug / "audit.db", tmp_path / "node" / "job-1.work", "job-1", "2026-12-27")
    run_id, manifest = install_result(data, out, d0.slug, "job-1")
    assert (run_id, manifest["exit_code"]) == (2, 1)
    after = counts(out / d0.slug / "audit.db")
    assert after == {1: before[1], 2: before[1]}  # every table's rows of the job's run, under a new id
    report = json.loads((out / d0.slug / "findings.json").read_text(encoding="utf-8"))
    assert report["as_of"] == "2026-12-27"
    assert report["history"]["previous_as_of"] == AS_OF.isoformat()  # last month's run is its history
    assert [p["as_of"] for p in report["history"]["trend"]] == [AS_OF.isoformat(), "2026-12-27"]
    assert {f["change"] for f in report["findings"] if f["status"] == "failed"} == {"persisting"}
    assert (out / d0.slug / "runs" / "2026-12-27-run2" / "report.html").is_file()  # as issued
    assert (out / d0.slug / "runs" / f"{AS_OF.isoformat()}-run1" / "report.html").is_file()  # last month's stays

    install_result(data, out, d0.slug, "job-1")  # collected again (a crash before the state was saved)
    assert counts(out / d0.slug / "audit.db") == after
    assert not list((out / ".cluster").iterdir())


def test_a_broken_result_changes_nothing_and_an_interrupted_swap_is_undone(tmp_path: Path) -> None:
    out = tmp_path / "results"
    (out / "d00").mkdir(parents=True)
    (out / "d00" / "marker").write_text("last month", encoding="utf-8")
    with pytest.raises(ResultError, match="不是完整的 zip"):
        install_result(b"PK\x03\x04 cut short", out, "d00", "job-2")
    assert (out / "d00" / "marker").read_text(encoding="utf-8") == "last month"

    # a crash between the two renames: the old folder moved aside, the new one not yet in place
    (out / ".cluster").mkdir(exist_ok=True)
    (out / "d00").rename(out / ".cluster" / "old-d00")
    recover(out)
    assert (out / "d00" / "marker").read_text(encoding="utf-8") == "last month"


def test_jobs_go_to_the_node_with_the_fewest_jobs(tmp_path: Path) -> None:
    from govaudit.cluster import QUEUED, SCHEDULED, State, pick_node

    a, b = "http://10.0.0.2:6800/", "http://10.0.0.3:6800/"
    state = State(path=tmp_path / "cluster.json", out=tmp_path, nodes=[a, b])
    assert pick_node(state, [a, b]) == a  # equal: the first given
    assert pick_node(state, [a, b], others={a: 3, b: 1}) == b  # a node's own queue counts too
    state.jobs = [{"state": SCHEDULED, "node": b}, {"state": SCHEDULED, "node": b}, {"state": QUEUED}]
    assert pick_node(state, [a, b], others={a: 1}) == a
    assert pick_node(state, [a, b], avoid=a, others={a: 0}) == b  # a job lost on a goes elsewhere …
    assert pick_node(state, [a], avoid=a) == a  # … unless a is all there is
    assert pick_node(state, []) is None
