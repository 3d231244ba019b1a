"""Scrapyd nodes as ``govaudit cluster`` talks to them: the HTTP API, the project's egg, the job's result file.

Only Scrapyd's own API is used (``daemonstatus.json``, ``addversion.json``, ``schedule.json``,
``listjobs.json``, ``cancel.json``) and its logs folder, which it serves over HTTP (``/logs/``): a job leaves its
result there (``govaudit.cluster_job``). Every failure to reach a node is a ``NodeError`` whose message, in
Chinese, names the node.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import io
import json
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any
from urllib import error, request
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

from govaudit import __version__
from govaudit.cluster_job import RESULTS_FOLDER

PROJECT = "govaudit"  # scrapy.cfg [deploy] project
SPIDER = "portal"
PACKAGES = ("crawler", "checks", "reports", "govaudit")
SETTINGS_MODULE = "crawler.settings"  # scrapy.cfg [settings] default


class NodeError(RuntimeError):
    """A node could not be reached, or answered with an error."""


def build_egg() -> tuple[bytes, str]:
    """The project as a Scrapy egg (its packages with their data files, and the ``scrapy`` entry point naming
    the settings module), and a version naming its content: (egg bytes, version)."""
    files: list[tuple[str, bytes]] = []
    for package in PACKAGES:
        root = Path(importlib.import_module(package).__file__).parent
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
                files.append((f"{package}/{path.relative_to(root).as_posix()}", path.read_bytes()))
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + data)
    version = f"{__version__}-{digest.hexdigest()[:12]}".replace(".", "_")
    meta = {
        "EGG-INFO/PKG-INFO": f"Metadata-Version: 1.1\nName: {PROJECT}\nVersion: {__version__}\n",
        "EGG-INFO/entry_points.txt": f"[scrapy]\nsettings = {SETTINGS_MODULE}\n",
        "EGG-INFO/top_level.txt": "\n".join(PACKAGES) + "\n",
        "EGG-INFO/not-zip-safe": "\n",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        for name, text in meta.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)
    return buffer.getvalue(), version


def new_job_id() -> str:
    return uuid.uuid4().hex


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = f"govaudit-{uuid.uuid4().hex}"
    out = io.BytesIO()
    for key, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    for key, (filename, data) in files.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
                  "Content-Type: application/octet-stream\r\n\r\n".encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


class Node:
    """One Scrapyd server, by its base URL (``http://host:6800/``)."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        if not url.startswith(("http://", "https://")):
            raise NodeError(f"节点地址应为 http(s) 网址：{url!r}")
        parts = urlsplit(url)
        self.headers: dict[str, str] = {}
        if parts.username is not None:  # Scrapyd's username/password: http://user:secret@host:6800/
            token = base64.b64encode(f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"
            parts = parts._replace(netloc=parts.netloc.rsplit("@", 1)[1])
        self.url = urlunsplit(parts).rstrip("/") + "/"
        self.timeout = timeout
        host = parts.hostname or ""
        handlers = [request.ProxyHandler({})] if host in ("127.0.0.1", "localhost", "::1") else []
        self.opener = request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"Node({self.url!r})"

    def _open(self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None,
              timeout: float | None = None) -> bytes:
        req = request.Request(self.url + path, data=data, headers={**self.headers, **(headers or {})})
        try:
            with self.opener.open(req, timeout=timeout or self.timeout) as resp:
                return resp.read()
        except error.HTTPError as exc:
            raise NodeError(f"Scrapyd 节点 {self.url} 返回 HTTP {exc.code}（{path}）") from exc
        except (error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise NodeError(f"无法连接 Scrapyd 节点 {self.url}：{reason}") from exc

    def _api(self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None,
             timeout: float | None = None) -> dict[str, Any]:
        body = self._open(path, data, headers, timeout)
        try:
            answer = json.loads(body)
        except ValueError as exc:
            raise NodeError(f"Scrapyd 节点 {self.url} 的应答不是 JSON（{path}）") from exc
        if answer.get("status") != "ok":
            raise NodeError(f"Scrapyd 节点 {self.url} 报错（{path}）：{answer.get('message', answer)}")
        return answer

    def status(self) -> dict[str, Any]:
        """daemonstatus.json: pending, running, finished counts."""
        return self._api("daemonstatus.json", timeout=min(self.timeout, 10.0))

    def deploy(self, egg: bytes, version: str) -> dict[str, Any]:
        body, kind = _multipart({"project": PROJECT, "version": version}, {"egg": (f"{PROJECT}.egg", egg)})
        # Scrapyd lists the egg's spiders (a `scrapy list` in a subprocess) before it answers
        return self._api("addversion.json", body, {"Content-Type": kind}, timeout=max(self.timeout, 120.0))

    def schedule(self, job_id: str, version: str, settings: dict[str, str], args: dict[str, Any]) -> None:
        fields: list[tuple[str, str]] = [("project", PROJECT), ("spider", SPIDER), ("jobid", job_id),
                                         ("_version", version)]
        fields += [("setting", f"{k}={v}") for k, v in settings.items()]
        fields += [(k, _argument(v)) for k, v in args.items()]
        self._api("schedule.json", urlencode(fields).encode(), timeout=max(self.timeout, 120.0))

    def jobs(self) -> dict[str, str]:
        """listjobs.json for the project: job id → pending | running | finished."""
        try:
            answer = self._api(f"listjobs.json?project={PROJECT}")
        except NodeError as exc:
            if "not found" in str(exc):  # the project is not deployed (a node set up anew)
                return {}
            raise
        states: dict[str, str] = {}
        for state in ("finished", "pending", "running"):  # a later state wins
            for job in answer.get(state, []):
                states[str(job.get("id"))] = state
        return states

    def cancel(self, job_id: str) -> None:
        self._api("cancel.json", urlencode({"project": PROJECT, "job": job_id}).encode())

    def result_url(self, job_id: str) -> str:
        return f"{self.url}logs/{PROJECT}/{RESULTS_FOLDER}/{job_id}.zip"

    def fetch_result(self, job_id: str) -> bytes | None:
        """The job's result zip, or None when the node has none (yet)."""
        try:
            return self._open(f"logs/{PROJECT}/{RESULTS_FOLDER}/{job_id}.zip", timeout=max(self.timeout, 120.0))
        except NodeError as exc:
            if "HTTP 404" in str(exc):
                return None
            raise


def _argument(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def wait_until_up(node: Node, seconds: float) -> None:
    """Poll daemonstatus.json until the node answers (a node just started), or raise its NodeError."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            node.status()
            return
        except NodeError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
