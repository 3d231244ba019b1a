"""The loopback server's hooks for realistic sites: virtual hosts and dynamic handlers (GET, HEAD, POST)."""

from __future__ import annotations

import http.client
from pathlib import Path

from govaudit.serve import DynamicRequest, LoopbackServer


def ask(server: LoopbackServer, method: str, path: str, host: str, body: bytes | None = None,
        headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        conn.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def test_hosts_and_handlers(tmp_path: Path) -> None:
    www, sub = tmp_path / "www", tmp_path / "sub"
    www.mkdir()
    sub.mkdir()
    (www / "index.html").write_text("portal", encoding="utf-8")
    (sub / "index.html").write_text("department", encoding="utf-8")
    seen: list[DynamicRequest] = []

    def echo(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        seen.append(request)
        return 200, {"Content-Type": "text/plain"}, f"{request.method} {request.params.get('a')} {request.params.get('b')}".encode()

    def only_sub(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        return 201, {}, b"sub"

    hosts = {"www.test.gov.cn": www, "sub.test.gov.cn": sub}
    handlers = {"/api": echo, "sub.test.gov.cn/only": only_sub}
    with LoopbackServer(www, hosts=hosts, handlers=handlers) as server:
        assert ask(server, "GET", "/", "www.test.gov.cn") == (200, b"portal")
        assert ask(server, "GET", "/", "sub.test.gov.cn:80") == (200, b"department")
        assert ask(server, "GET", "/", "unknown.test.gov.cn") == (200, b"portal")  # the default root
        assert ask(server, "GET", "/api?a=1", "www.test.gov.cn") == (200, b"GET 1 None")
        assert ask(server, "POST", "/api?a=1", "sub.test.gov.cn", b"b=2",
                   {"Content-Type": "application/x-www-form-urlencoded"}) == (200, b"POST 1 2")
        assert ask(server, "HEAD", "/api", "www.test.gov.cn") == (200, b"")
        assert ask(server, "GET", "/only", "sub.test.gov.cn") == (201, b"sub")
        assert ask(server, "GET", "/only", "www.test.gov.cn")[0] == 404
        assert ask(server, "POST", "/index.html", "www.test.gov.cn", b"x=1")[0] == 405
    assert [r.host for r in seen] == ["www.test.gov.cn", "sub.test.gov.cn", "www.test.gov.cn"]
