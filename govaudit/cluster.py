"""``govaudit cluster``: the districts of a sites file audited as Scrapyd jobs on several machines.

``submit`` deploys the project to every node (an egg, ``addversion.json``) and schedules one job per district
(``schedule.json``) on the node with the fewest jobs, holding back a district whose host already has a job
(one audit per host at a time, as ``--sites`` does); ``status`` lists the jobs as the nodes report them
(``listjobs.json``); ``collect`` fetches each finished job's result and installs it in ``DIR/<district>/``
(``govaudit.cluster_results``), schedules the held-back districts, and schedules again elsewhere a job whose node
cannot be reached, forgot it, or finished it without a result (at most ``MAX_ATTEMPTS`` times). With ``--wait``
it repeats until every district is collected or has failed.

The state — which district's job runs on which node, what became of it — is one JSON file, ``DIR/cluster.json``
unless ``--state`` names another, rewritten whole (temporary file and rename) after every change.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from govaudit.audit import crawl_options, crawl_order, load_profile
from govaudit.cluster_job import job_settings
from govaudit.cluster_nodes import Node, NodeError, build_egg, new_job_id
from govaudit.cluster_results import ResultError, install_result, recover
from govaudit.errors import EXIT_OK, EXIT_UNREACHABLE, UsageError
from govaudit.options import AuditOptions
from govaudit.sites import SitesError, combined_code, district_options, load_sites

MAX_ATTEMPTS = 3
STATE_FILE = "cluster.json"

# a job's state in the state file
QUEUED = "queued"  # not sent yet: another district on its host is being audited
SCHEDULED = "scheduled"  # sent to its node; the node says pending, running or finished
COLLECTED = "collected"
FAILED = "failed"  # MAX_ATTEMPTS tries gave no result


@dataclass
class State:
    path: Path
    out: Path
    nodes: list[str] = field(default_factory=list)
    version: str = ""
    jobs: list[dict[str, Any]] = field(default_factory=list)
    profiles: dict[str, Any] = field(default_factory=dict)  # hash → merged profile, shared by the jobs
    unreachable: dict[str, float] = field(default_factory=dict)  # node → since when (epoch seconds) it has not answered

    @classmethod
    def load(cls, path: Path) -> State:
        if not path.is_file():
            raise UsageError(f"找不到集群状态文件 {path}（先运行 govaudit cluster submit）")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise UsageError(f"集群状态文件 {path} 无法读取：{exc}") from exc
        return cls(path=path, out=Path(data["out"]), nodes=data["nodes"], version=data.get("version", ""),
                   jobs=data["jobs"], profiles=data.get("profiles", {}), unreachable=data.get("unreachable", {}))

    def save(self) -> None:
        data = {"out": str(self.out), "nodes": self.nodes, "version": self.version, "jobs": self.jobs,
                "profiles": self.profiles, "unreachable": self.unreachable}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)

    def active(self) -> list[dict[str, Any]]:
        return [j for j in self.jobs if j["state"] in (QUEUED, SCHEDULED)]


def state_path(out: Path | None, state: Path | None) -> Path:
    if state is not None:
        return state
    if out is None:
        raise UsageError("请给出 --out（结果目录，其中的 cluster.json 记录任务）或 --state")
    return out / STATE_FILE


def shown(url: str) -> str:
    """A node's URL as printed: without the password it may carry."""
    return Node(url).url


def reachable(urls: list[str]) -> dict[str, dict[str, Any]]:
    """Node URL → daemonstatus for every node; UsageError naming the first that cannot be reached."""
    statuses = {}
    for url in urls:
        try:
            statuses[url] = Node(url).status()
        except NodeError as exc:
            raise UsageError(str(exc)) from exc
    return statuses


def deploy(nodes: list[Node]) -> str:
    egg, version = build_egg()
    for node in nodes:
        node.deploy(egg, version)
        print(f"已部署 govaudit（版本 {version}）到 {node.url}", file=sys.stderr)
    return version


def deploy_only(nodes: list[str]) -> int:
    """``govaudit cluster deploy``: every node answers and gets this version of the project."""
    if not nodes:
        raise UsageError("请用 --node 给出至少一个 Scrapyd 节点")
    statuses = reachable(nodes)
    try:
        version = deploy([Node(u) for u in nodes])
    except NodeError as exc:
        raise UsageError(str(exc)) from exc
    for url, st in statuses.items():
        print(f"{shown(url)}：运行中 {st.get('running', 0)}，等待 {st.get('pending', 0)}，已结束 {st.get('finished', 0)}；"
              f"govaudit 版本 {version}")
    return EXIT_OK


def job_payload(options: AuditOptions, slug: str, profiles: dict[str, Any]) -> dict[str, Any]:
    """What a district's job needs: the job's settings (less its id) and the spider's arguments."""
    from govaudit.crawl import spider_arguments

    target = options.target
    if not target.startswith(("http://", "https://")):
        raise UsageError(f"集群审计只接受网址（节点上没有本机目录）：{options.name} {target!r}")
    profile = load_profile(options.profiles)
    crawl = crawl_options(options, target, crawl_order(profile))
    key = hashlib.sha256(json.dumps(profile, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    profiles.setdefault(key[:16], json.loads(json.dumps(profile, ensure_ascii=False, default=str)))
    return {"slug": slug, "name": options.name, "as_of": options.as_of, "crawl": crawl.as_dict(),
            "profile": key[:16], "args": spider_arguments(crawl)}


def host_of(job: dict[str, Any]) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(job["payload"]["crawl"]["start_url"]).hostname or "").lower()


def send(state: State, job: dict[str, Any], node: Node) -> None:
    """Schedule ``job`` on ``node`` under a new job id (deploying first if the node lacks the version)."""
    payload = job["payload"]
    job_id = new_job_id()
    settings = job_settings({"job": job_id, "slug": payload["slug"], "name": payload["name"],
                             "as_of": payload["as_of"], "crawl": payload["crawl"],
                             "profile": state.profiles[payload["profile"]]})
    try:
        node.schedule(job_id, state.version, settings, payload["args"])
    except NodeError as exc:
        if "not found" not in str(exc):  # a node set up anew has no egg (or not this version): deploy it
            raise
        state.version = _redeploy(node, state)
        node.schedule(job_id, state.version, settings, payload["args"])
    job.update(state=SCHEDULED, node=node.url, job=job_id, attempts=job.get("attempts", 0) + 1)
    job.setdefault("history", []).append({"node": node.url, "job": job_id, "at": time.strftime("%Y-%m-%dT%H:%M:%S")})
    state.save()


def _redeploy(node: Node, state: State) -> str:
    egg, version = build_egg()
    if version != state.version:
        print(f"注意：本机 govaudit 已变（{state.version} → {version}），{node.url} 部署的是新版本", file=sys.stderr)
    node.deploy(egg, version)
    return version


def pick_node(state: State, up: list[str], avoid: str = "", others: dict[str, int] | None = None) -> str | None:
    """The reachable node with the fewest jobs in progress: this submission's, and ``others`` (the jobs a node
    already ran or queued when it was asked, daemonstatus.json); ``avoid`` only if it is the only one."""
    candidates = [u for u in up if u != avoid] or [u for u in up if u == avoid]
    if not candidates:
        return None
    load = {u: (others or {}).get(u, 0) for u in candidates}
    for job in state.jobs:
        if job["state"] == SCHEDULED and job.get("node") in load:
            load[job["node"]] += 1
    return min(candidates, key=lambda u: (load[u], candidates.index(u)))


def schedule_ready(state: State, up: list[str], others: dict[str, int] | None = None) -> None:
    """Send every queued district whose host has no job in progress."""
    busy = {host_of(j) for j in state.jobs if j["state"] == SCHEDULED}
    for job in state.jobs:
        if job["state"] != QUEUED or host_of(job) in busy:
            continue
        url = pick_node(state, up, job.pop("avoid", ""), others)
        if url is None:
            return
        send(state, job, Node(url))
        busy.add(host_of(job))


def submit(sites: Path, nodes: list[str], out: Path, state_file: Path | None, template: AuditOptions) -> int:
    path = state_path(out, state_file)
    if path.is_file():
        previous = State.load(path)
        if previous.active():
            raise UsageError(f"{path} 中还有 {len(previous.active())} 个任务未收集：请先运行 "
                             f"govaudit cluster collect --out {out}（或换一个 --state）")
    if not nodes:
        raise UsageError("请用 --node 给出至少一个 Scrapyd 节点")
    try:
        specs, as_of = load_sites(sites)
    except SitesError as exc:
        raise UsageError(str(exc)) from exc
    statuses = reachable(nodes)
    others = {u: int(st.get("running", 0)) + int(st.get("pending", 0)) for u, st in statuses.items()}
    state = State(path=path, out=out, nodes=list(dict.fromkeys(nodes)))
    options = replace(template, as_of=as_of or template.as_of)
    for spec in specs:
        payload = job_payload(district_options(spec, out, options), spec.slug, state.profiles)
        state.jobs.append({"slug": spec.slug, "name": spec.name, "state": QUEUED, "payload": payload})
    try:
        state.version = deploy([Node(u) for u in state.nodes])
        state.save()
        schedule_ready(state, state.nodes, others)
    except NodeError as exc:
        state.save()
        raise UsageError(str(exc)) from exc
    sent = [j for j in state.jobs if j["state"] == SCHEDULED]
    print(f"已提交 {len(sent)} 个区县的审计任务到 {len(state.nodes)} 个节点"
          f"（{len(state.jobs) - len(sent)} 个因同一主机已有任务而排队，由 collect 稍后提交）；状态文件 {path}")
    return EXIT_OK


def node_jobs(urls: list[str]) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """({node: {job: pending|running|finished}} for the nodes that answer, {node: error} for the others)."""
    answers, errors = {}, {}
    for url in urls:
        try:
            answers[url] = Node(url).jobs()
        except NodeError as exc:
            errors[url] = str(exc)
    return answers, errors


JOB_STATE_ZH = {QUEUED: "排队", "pending": "等待", "running": "运行中", "finished": "已结束", COLLECTED: "已收集",
                FAILED: "失败", "lost": "节点上无此任务", "unreachable": "节点无法连接"}


def status(out: Path | None, state_file: Path | None) -> int:
    state = State.load(state_path(out, state_file))
    # only the nodes that hold a job in progress are asked (a finished submission needs none of them)
    answers, errors = node_jobs(sorted({j["node"] for j in state.jobs if j["state"] == SCHEDULED}))
    for message in errors.values():
        print(f"govaudit: {message}", file=sys.stderr)
    counts: dict[str, int] = {}
    for job in state.jobs:
        now = job["state"]
        if now == SCHEDULED:
            now = "unreachable" if job["node"] in errors else answers[job["node"]].get(job["job"], "lost")
        counts[now] = counts.get(now, 0) + 1
        where = f"{shown(job['node'])} 任务 {job['job']}" if job.get("job") else ""
        print(f"{job['name']}\t{JOB_STATE_ZH.get(now, now)}\t第 {job.get('attempts', 0)} 次\t{where}")
    summary = "，".join(f"{JOB_STATE_ZH.get(k, k)} {v}" for k, v in sorted(counts.items()))
    print(f"共 {len(state.jobs)} 个区县：{summary}")
    return EXIT_UNREACHABLE if errors else EXIT_OK


def retry(state: State, job: dict[str, Any], reason: str) -> None:
    """The job gave no result: queue it for another node, or give up after MAX_ATTEMPTS tries."""
    job["history"][-1]["outcome"] = reason
    if job.get("attempts", 0) >= MAX_ATTEMPTS:
        job["state"] = FAILED
        print(f"govaudit: {job['name']} 的审计任务失败 {job['attempts']} 次，不再重试：{reason}", file=sys.stderr)
    else:
        job.update(state=QUEUED, avoid=job["node"])
        print(f"{job['name']}：{reason}，改到其他节点重新审计", file=sys.stderr)
    state.save()


def collect_pass(state: State, lost_after: float = 120.0) -> list[str]:
    """One look at every node: install the results, retry what was lost, send what waits. A node that has not
    answered for ``lost_after`` seconds (over this and earlier passes) is lost: its jobs go elsewhere. Returns the
    unreachable nodes' messages."""
    recover(state.out)
    answers, errors = node_jobs(state.nodes)
    now = time.time()
    for url in state.nodes:
        if url in errors:
            state.unreachable.setdefault(url, now)
        else:
            state.unreachable.pop(url, None)
    for message in errors.values():
        print(f"govaudit: {message}", file=sys.stderr)
    for job in state.jobs:
        if job["state"] != SCHEDULED:
            continue
        if job["node"] in errors:
            silent = now - state.unreachable[job["node"]]
            if silent >= lost_after:
                retry(state, job, f"节点 {shown(job['node'])} 无法连接（已 {silent:.0f} 秒）")
            continue
        seen = answers[job["node"]].get(job["job"])
        if seen in ("pending", "running"):
            continue
        try:
            data = Node(job["node"]).fetch_result(job["job"])
        except NodeError as exc:
            retry(state, job, str(exc))
            continue
        if data is None:
            retry(state, job, "任务已结束但没有留下结果" if seen == "finished" else "节点上已没有这个任务（节点可能重启过）")
            continue
        try:
            run_id, manifest = install_result(data, state.out, job["slug"], job["job"])
        except ResultError as exc:
            retry(state, job, f"结果文件无法使用：{exc}")
            continue
        job["history"][-1]["outcome"] = "collected"
        job.update(state=COLLECTED, run_id=run_id, exit_code=manifest.get("exit_code"))
        state.save()
        print(f"{job['name']}：已收集（{shown(job['node'])}，退出码 {job.get('exit_code')}），"
              f"报告 {state.out / job['slug'] / 'report.html'}", flush=True)
    schedule_ready(state, [u for u in state.nodes if u not in errors])
    return list(errors.values())


def collect(out: Path | None, state_file: Path | None, *, wait: bool, poll: float, timeout: float,
            lost_after: float = 120.0) -> int:
    from reports.compare import write_compare

    state = State.load(state_path(out, state_file))
    started = time.monotonic()
    while True:
        try:
            collect_pass(state, lost_after)
        except NodeError as exc:  # sending a retried job failed: try again next pass
            print(f"govaudit: {exc}", file=sys.stderr)
        active = state.active()
        done = [j for j in state.jobs if j["state"] == COLLECTED]
        print(f"区县：已收集 {len(done)}，进行中 {sum(j['state'] == SCHEDULED for j in active)}，"
              f"排队 {sum(j['state'] == QUEUED for j in active)}，失败 {sum(j['state'] == FAILED for j in state.jobs)}"
              f"（用时 {time.monotonic() - started:.0f} 秒）", file=sys.stderr, flush=True)
        if not active or not wait:
            break
        if timeout and time.monotonic() - started > timeout:
            print(f"govaudit: 等待超过 {timeout:.0f} 秒，仍有 {len(active)} 个任务未完成", file=sys.stderr)
            break
        time.sleep(poll)
    done = [j for j in state.jobs if j["state"] == COLLECTED]
    if done:
        paths = write_compare([state.out / j["slug"] for j in done], state.out)
        print(f"区县对比：{paths['html']}")
    if any(j["state"] == FAILED for j in state.jobs) or state.active():
        return EXIT_UNREACHABLE
    return combined_code({j["slug"]: int(j.get("exit_code") or 0) for j in done})
