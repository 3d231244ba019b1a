"""Serve a folder of static files on 127.0.0.1, for tests, the demo district and ``govaudit audit ./folder``.

``behaviors`` maps URL paths to answers given instead of (or before) the file, to imitate what real
portals do: ``{"status": 503}`` answers that status with a small body, ``{"delay": 30}`` waits that many
seconds first (in its own thread: other requests go on), and both can be combined; ``{"drip": 0.5}``
promises a page and sends it one byte every half second; ``{"reset": 100}`` promises a page, sends 100 bytes
and resets the connection (TCP RST). Optional ``body`` (str) and ``headers`` (dict) shape the answer further.

The server knows nothing about the demo site. It answers GET and HEAD, single byte ranges, conditional requests
(``If-None-Match`` / ``If-Modified-Since``: 304 for an unchanged file), serves
``index.html`` for directories, refuses paths that leave the root, and never rewrites file bytes.

Two optional hooks imitate what static files cannot (see ``tests.testsites``): ``hosts`` maps a Host header
(name without port, e.g. ``jyj.testqu.gov.cn``) to its own root folder, so one loopback port serves a portal and
its department sub-domains (reached with ``--resolve``); ``handlers`` maps a URL path to a function that answers
GET, HEAD and POST dynamically (``handler(DynamicRequest) -> (status, headers, body)``), e.g. a Hanweb
``/module/web/jpage/dataproxy.jsp``. A handler key may be prefixed with its host: ``"jyj.testqu.gov.cn/path"``.
"""

from __future__ import annotations

import mimetypes
import re
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

INDEX_FILES = ("index.html", "index.htm")
TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".shtml": "text/html",
    ".jsp": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".wps": "application/vnd.ms-works",
    ".et": "application/vnd.ms-excel",
    ".ofd": "application/ofd",
    ".zip": "application/zip",
    ".rar": "application/x-rar-compressed",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
}
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def content_type(path: Path, data: bytes) -> str:
    """By extension; text gets the charset its bytes declare, else utf-8 when they decode as UTF-8."""
    kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if not kind.startswith(TEXT_TYPES):
        return kind
    if kind == "text/html":
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            return f"{kind}; charset={declared.group(1).decode('ascii').lower()}"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return kind  # unknown legacy encoding: say nothing rather than something wrong
    return f"{kind}; charset=utf-8"


@dataclass
class DynamicRequest:
    """What a dynamic handler sees: method, host (no port), path, query and form fields merged, raw body."""

    method: str
    host: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[DynamicRequest], tuple[int, dict[str, str], bytes]]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = False
    request_queue_size = 128  # socketserver's default of 5 drops connections under a concurrent crawl

    def __init__(
        self,
        root: Path,
        behaviors: dict[str, dict[str, Any]],
        quiet: bool,
        hosts: dict[str, Path] | None = None,
        handlers: dict[str, Handler] | None = None,
    ) -> None:
        self.root = root
        self.behaviors = behaviors
        self.hosts = hosts or {}
        self.handlers = handlers or {}
        self.log: list[tuple[str, str, int]] | None = None  # LoopbackServer(log=True): every answer given
        self.quiet = quiet
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._handler_threads: list[threading.Thread] = []
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        t = threading.Thread(target=self.process_request_thread, args=(request, client_address), daemon=True)
        with self._lock:
            self._open.add(request)
            self._handler_threads = [x for x in self._handler_threads if x.is_alive()]
            self._handler_threads.append(t)
        t.start()

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if self.quiet or isinstance(exc, (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)

    def wake_and_drop_connections(self, wait: float) -> None:
        """Wake sleeping handlers, cut idle keep-alive connections, and let the threads finish."""
        self.stopping.set()
        with self._lock:
            sockets, threads = list(self._open), list(self._handler_threads)
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for t in threads:
            t.join(timeout=wait / max(1, len(threads)))


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "govaudit-loopback"
    sys_version = ""
    timeout = 60  # an idle keep-alive connection is dropped after this

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if self._dynamic(head=False, body=body):
            return
        self._send(405, b"405 Method Not Allowed\n", {"Content-Type": "text/plain; charset=utf-8", "Allow": "GET, HEAD"},
                   head=False)

    def _host(self) -> str:
        return (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()

    def _dynamic(self, head: bool, body: bytes = b"") -> bool:
        """Answer from a dynamic handler, if one is registered for this (host and) path."""
        handlers = self.server.handlers
        if not handlers:
            return False
        parts = urlsplit(self.path)
        host = self._host()
        handler = handlers.get(f"{host}{parts.path}") or handlers.get(parts.path)
        if handler is None:
            return False
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        if body and "urlencoded" in (self.headers.get("Content-Type") or "urlencoded"):
            params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        request = DynamicRequest(self.command, host, parts.path, params, body, dict(self.headers.items()))
        status, headers, payload = handler(request)
        self._send(status, payload, headers, head)
        return True

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    # ---- the answer

    def _answer(self, head: bool) -> None:
        if self._dynamic(head):
            return
        url_path = urlsplit(self.path).path or "/"
        behavior = self._behavior(url_path)
        delay = float(behavior.get("delay", 0) or 0)
        if delay > 0 and self.server.stopping.wait(delay):
            self.close_connection = True  # the server is stopping: give up without answering
            return
        if "drip" in behavior:
            self._drip(float(behavior["drip"]), head)
            return
        if "reset" in behavior:
            self._reset(int(behavior["reset"]))
            return
        if "status" in behavior:
            status = int(behavior["status"])
            body = str(behavior.get("body", f"{status} {_reason(status)}\n")).encode("utf-8")
            headers = {"Content-Type": "text/plain; charset=utf-8", **behavior.get("headers", {})}
            self._send(status, body, headers, head)
            return
        path = self._resolve(url_path)
        if path is None:
            self._send(403, b"403 Forbidden\n", {"Content-Type": "text/plain; charset=utf-8"}, head)
            return
        if path.is_dir():
            if not url_path.endswith("/"):
                self._send(301, b"", {"Location": url_path + "/"}, head)
                return
            path = next((path / n for n in INDEX_FILES if (path / n).is_file()), path / INDEX_FILES[0])
        elif url_path.endswith("/"):
            path = path / INDEX_FILES[0]  # a file is not a directory: this does not exist
        if not path.is_file():
            self._send(404, b"404 Not Found\n", {"Content-Type": "text/plain; charset=utf-8"}, head)
            return
        self._send_file(path, head, behavior.get("headers", {}))

    def _behavior(self, url_path: str) -> dict[str, Any]:
        b = self.server.behaviors
        if not b:
            return {}
        for key in (url_path, unquote(url_path)):
            if key in b:
                return b[key]
            if key.endswith("/") and key + "index.html" in b:
                return b[key + "index.html"]
            if key.endswith("/index.html") and key[: -len("index.html")] in b:
                return b[key[: -len("index.html")]]
        return {}

    def _resolve(self, url_path: str) -> Path | None:
        """The file for a URL path, or None when the path tries to leave the root."""
        try:
            decoded = unquote(url_path, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            return None
        if "\x00" in decoded or "\\" in decoded:
            return None
        parts = [p for p in decoded.split("/") if p not in ("", ".")]
        if any(p == ".." for p in parts):
            return None
        root = self.server.hosts.get(self._host(), self.server.root)
        path = root.joinpath(*parts) if parts else root
        try:
            if not path.resolve().is_relative_to(root):
                return None
        except (OSError, RuntimeError):
            return None
        return path

    def _send_file(self, path: Path, head: bool, extra: dict[str, str]) -> None:
        stat = path.stat()
        # validators as nginx gives them (ETag from mtime and size): a conditional request for an unchanged file
        # is answered 304 Not Modified, without its body
        etag = f'"{int(stat.st_mtime):x}-{stat.st_size:x}"'
        modified = formatdate(int(stat.st_mtime), usegmt=True)
        if self.headers.get("If-None-Match") == etag or (
                "If-None-Match" not in self.headers and self.headers.get("If-Modified-Since") == modified):
            self._send(304, b"", {"ETag": etag, "Last-Modified": modified, **extra}, head)
            return
        data = path.read_bytes()
        size = len(data)
        headers = {
            "Content-Type": content_type(path, data),
            "Last-Modified": modified,
            "ETag": etag,
            "Accept-Ranges": "bytes",
            **extra,
        }
        wanted = self.headers.get("Range")
        m = _RANGE.match(wanted.strip()) if wanted else None
        if m and (m.group(1) or m.group(2)):
            first, last = m.group(1), m.group(2)
            if first:
                start, end = int(first), min(int(last), size - 1) if last else size - 1
            else:
                start, end = max(0, size - int(last)), size - 1
            if start >= size or start > end:
                headers["Content-Range"] = f"bytes */{size}"
                self._send(416, b"", headers, head)
                return
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
            self._send(206, data[start : end + 1], headers, head)
            return
        self._send(200, data, headers, head)

    def _send(self, status: int, body: bytes, headers: dict[str, str], head: bool) -> None:
        if self.server.log is not None:
            self.server.log.append((self.command, self.path, status))
        try:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            if self.server.stopping.is_set():
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if not head and body:
                self.wfile.write(body)
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _reset(self, sent: int) -> None:
        """Promise twice ``sent`` bytes of a page, send ``sent`` of them, then reset the connection."""
        import struct

        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(2 * sent))
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"x" * max(0, sent - 12))
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except (ConnectionError, TimeoutError, OSError):
            pass
        self.close_connection = True
        try:
            self.connection.close()  # with SO_LINGER 0: an RST, not a FIN
        except OSError:
            pass

    def _drip(self, every: float, head: bool, limit: int = 1200) -> None:
        """Promise a page, then send it one byte every ``every`` seconds (at most ``limit`` bytes)."""
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(limit))
            self.send_header("Connection", "close")
            self.close_connection = True
            self.end_headers()
            if head:
                return
            for _ in range(limit):
                if self.server.stopping.wait(every):
                    return
                self.wfile.write(b" ")
                self.wfile.flush()
        except (ConnectionError, TimeoutError):
            return


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Status"


class LoopbackServer:
    """A static-file server on 127.0.0.1 and a free port, in a daemon thread. Use as a context manager."""

    def __init__(
        self,
        root: Path,
        behaviors: dict | None = None,
        quiet: bool = True,
        *,
        hosts: dict[str, Path] | None = None,
        handlers: dict[str, Handler] | None = None,
        log: bool = False,
    ) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise NotADirectoryError(str(root))
        self.behaviors: dict[str, dict[str, Any]] = dict(behaviors or {})
        self.hosts = {name.lower(): Path(folder).resolve() for name, folder in (hosts or {}).items()}
        self.handlers: dict[str, Handler] = dict(handlers or {})
        self.quiet = quiet
        self.log: list[tuple[str, str, int]] | None = [] if log else None  # (method, path, status) of every answer
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.base_url = ""

    @property
    def port(self) -> int:
        return self._server.server_address[1] if self._server else 0

    def start(self) -> LoopbackServer:
        if self._server is not None:
            return self
        self._server = _Server(self.root, self.behaviors, self.quiet, self.hosts, self.handlers)
        self._server.log = self.log
        self.base_url = f"http://127.0.0.1:{self.port}/"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="govaudit-serve",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop at once: sleeping (delayed) handlers are woken and answer nothing."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._server = self._thread = None
        server.shutdown()
        if thread is not None:
            thread.join(timeout=5)
        server.wake_and_drop_connections(wait=2.0)
        server.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def url(self, path: str = "") -> str:
        """The absolute URL of a site path, e.g. ``url("/zwgk/index.html")``."""
        return self.base_url + path.lstrip("/")
