"""``govaudit cluster`` against two real Scrapyd processes on loopback (tests.clusternodes).

Several demo districts, each under its own host name on one loopback port (``--resolve``), are audited locally
with ``--sites`` and on the cluster; one node is killed right after the jobs are scheduled, so its jobs must be
scheduled again on the other; the collected findings must be those of the local audits.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.clusternodes import PROXY_VARIABLES, ScrapydNode, free_port, serve_districts, sites_yaml

pytest.importorskip("scrapyd")

AS_OF = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def govaudit(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govaudit.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def findings(folder: Path) -> list[tuple]:
    """Each finding as what it decides: check, status, subject, unit, message, and the evidence's dates and notes.
    Which page stands as the example URL of a finding can differ between any two crawls of one site (pages
    answer in another order under concurrency: the first page showing a 领导信箱 link is another article), so
    URLs are compared by host only."""
    data = json.loads((folder / "findings.json").read_text(encoding="utf-8"))
    return sorted((f["check"], f["status"], f["subject"], f["department"], f["message"], urlsplit(f["url"]).hostname,
                   json.dumps(sorted(f["evidence"].get("dates", [])), ensure_ascii=False),
                   json.dumps(sorted(f["evidence"].get("notes", [])), ensure_ascii=False))
                  for f in data["findings"])


# One Python server answers every district, while the local and the cluster audits crawl: on a loaded machine its
# answers can take seconds. How long a page took is not what this test compares (the verdict on slow loads is
# tested elsewhere), so slow loads are not counted and requests wait up to 30 s.
PROFILE = "veto:\n  count_slow_loads: false\n"


def test_cluster_gives_the_local_findings_and_survives_a_lost_node(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    common = ["--timeout", "30", "--profile", str(profile)]
    with serve_districts(3, AS_OF) as districts:
        sites = tmp_path / "sites.yaml"
        sites.write_text(sites_yaml(districts, AS_OF), encoding="utf-8")
        # the local audits run while the nodes start
        local = subprocess.Popen([sys.executable, "-m", "govaudit.cli", "audit", "--sites", str(sites), "--out",
                                  str(tmp_path / "local"), "--jobs", "3", *common],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            with ScrapydNode(tmp_path / "node-a") as a, ScrapydNode(tmp_path / "node-b") as b:
                out, lost = run_cluster(tmp_path, sites, a, b, common)
        finally:
            _, local_err = local.communicate(timeout=120)
        assert local.returncode == 1, local_err  # the demo districts plant gaps
        assert "区县：完成 3，进行中 0，排队 0" in local_err

    state = json.loads((out / "cluster.json").read_text(encoding="utf-8"))
    for job in state["jobs"]:
        assert job["state"] == "collected"
        assert job["node"] == a.url
        assert job["attempts"] == (2 if job["slug"] in lost else 1)
    for d in districts:
        assert findings(out / d.slug) == findings(tmp_path / "local" / d.slug), d.slug
        assert (out / d.slug / "report.html").is_file()
        assert (out / d.slug / "evidence.warc.gz").is_file() == (tmp_path / "local" / d.slug / "evidence.warc.gz").is_file()
    assert not list(out.glob(".cluster/*"))  # nothing left half-done
    assert (out / "compare.html").is_file()
    again = govaudit("compare", str(out))
    assert again.returncode == 0, again.stderr
    done = govaudit("cluster", "status", "--out", str(out))  # the nodes are gone, but nothing waits on them
    assert done.returncode == 0, done.stderr
    assert "共 3 个区县：已收集 3" in done.stdout


def run_cluster(tmp_path: Path, sites: Path, a: ScrapydNode, b: ScrapydNode, common: list[str]):
    """Submit to both nodes, lose node b, collect everything from node a: (results folder, slugs lost)."""
    out = tmp_path / "cluster"
    submit = govaudit("cluster", "submit", "--sites", str(sites), "--node", a.url, "--node", b.url,
                      "--out", str(out), *common)
    assert submit.returncode == 0, submit.stderr
    state = json.loads((out / "cluster.json").read_text(encoding="utf-8"))
    on = {job["slug"]: job["node"] for job in state["jobs"]}
    assert sorted(on.values()) == sorted([a.url, a.url, b.url])  # balanced: the emptier node first
    lost = [slug for slug, node in on.items() if node == b.url]

    b.stop()  # node b disappears with its job
    status = govaudit("cluster", "status", "--out", str(out))
    assert status.returncode == 3
    assert f"无法连接 Scrapyd 节点 {b.url}" in status.stderr

    collect = govaudit("cluster", "collect", "--out", str(out), "--wait", "--poll", "0.5", "--timeout", "100",
                       "--lost-after", "1")
    assert collect.returncode == 1, collect.stderr  # done; gaps found, as locally
    assert f"节点 {b.url} 无法连接（已 " in collect.stderr
    assert "秒），改到其他节点重新审计" in collect.stderr
    return out, lost


def test_an_unreachable_node_is_named_and_nothing_is_scheduled(tmp_path: Path) -> None:
    sites = tmp_path / "sites.yaml"
    sites.write_text("sites:\n  - {name: 示范区, url: 'http://www.d00.gov.cn/'}\n", encoding="utf-8")
    node = f"http://127.0.0.1:{free_port()}/"
    result = govaudit("cluster", "submit", "--sites", str(sites), "--node", node, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"无法连接 Scrapyd 节点 {node}" in result.stderr
    assert not (tmp_path / "out" / "cluster.json").exists()
    deploy = govaudit("cluster", "deploy", "--node", node)
    assert deploy.returncode == 2
    assert f"无法连接 Scrapyd 节点 {node}" in deploy.stderr


def test_a_node_with_a_password_is_reached_with_the_credentials_in_its_url(tmp_path: Path) -> None:
    from govaudit.cluster_nodes import Node, NodeError

    with ScrapydNode(tmp_path / "node", auth=("govaudit", "s3cret")) as node:
        with_password = node.url.replace("http://", "http://govaudit:s3cret@")
        assert Node(with_password).status()["status"] == "ok"
        deploy = govaudit("cluster", "deploy", "--node", with_password)
        assert deploy.returncode == 0, deploy.stderr
        assert f"{node.url}：运行中 0，等待 0，已结束 0；govaudit 版本 0_1_0-" in deploy.stdout
        assert "s3cret" not in deploy.stdout + deploy.stderr
        with pytest.raises(NodeError, match=f"Scrapyd 节点 {node.url} 返回 HTTP 401"):
            Node(node.url).status()


def test_two_districts_on_one_host_are_audited_one_after_the_other(tmp_path: Path) -> None:
    with serve_districts(1, AS_OF) as (d0,), ScrapydNode(tmp_path / "node", max_proc=4) as node:
        sites = tmp_path / "sites.yaml"
        sites.write_text(f"as_of: {AS_OF.isoformat()}\nsites:\n"
                         f"  - {{name: {d0.name}, slug: first, url: '{d0.url}', resolve: ['{d0.resolve}']}}\n"
                         f"  - {{name: {d0.name}, slug: again, url: '{d0.url}', resolve: ['{d0.resolve}']}}\n",
                         encoding="utf-8")
        out = tmp_path / "cluster"
        submit = govaudit("cluster", "submit", "--sites", str(sites), "--node", node.url, "--out", str(out),
                          "--timeout", "30")
        assert submit.returncode == 0, submit.stderr
        assert "1 个因同一主机已有任务而排队" in submit.stdout
        states = [j["state"] for j in json.loads((out / "cluster.json").read_text(encoding="utf-8"))["jobs"]]
        assert states == ["scheduled", "queued"]
        collect = govaudit("cluster", "collect", "--out", str(out), "--wait", "--poll", "0.5", "--timeout", "100")
        assert collect.returncode == 1, collect.stderr

    def span(slug: str) -> tuple[str, str]:
        db = sqlite3.connect(out / slug / "audit.db")
        row = db.execute("select started_at, finished_at from runs order by id desc limit 1").fetchone()
        db.close()
        return row

    first, again = span("first"), span("again")
    assert first[1] <= again[0]  # the second was sent only once the first was collected
