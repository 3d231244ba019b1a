"""The loopback server: files, statuses, slow answers, ranges, and nothing outside its root."""

from __future__ import annotations

import http.client
import threading
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import ProxyHandler, Request, build_opener

import pytest

from govaudit.serve import LoopbackServer, content_type

OPENER = build_opener(ProxyHandler({}))  # never through a proxy, whatever the environment says
GBK_PAGE = (
    '<html><head><meta charset="gbk"><title>公告</title></head><body>示范区政府信息公开</body></html>'.encode(
        "gbk"
    )
)
PDF = b"%PDF-1.4\n" + bytes(range(256)) + b"\n%%EOF\n"


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None, timeout: float = 5.0):
    """(status, headers, body) for any status; error responses are closed properly."""
    req = Request(url, method=method, headers=headers or {})
    try:
        with OPENER.open(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except HTTPError as err:
        with err:
            return err.code, err.headers, err.read()


def raw(server: LoopbackServer, path: str, method: str = "GET") -> tuple[int, bytes]:
    """A request with the path sent exactly as given (urllib would not send some of these)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "sub").mkdir(parents=True)
    (root / "index.html").write_text("<html><body>首页 home</body></html>", encoding="utf-8")
    (root / "sub" / "index.html").write_text("<html><body>sub index</body></html>", encoding="utf-8")
    (root / "sub" / "page.html").write_text("<html><body>子页面</body></html>", encoding="utf-8")
    (root / "gbk.html").write_bytes(GBK_PAGE)
    (root / "file.pdf").write_bytes(PDF)
    (root / "table.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)
    (root / "slow.html").write_text("slow", encoding="utf-8")
    (root / "down.html").write_text("never served", encoding="utf-8")
    (root / "empty").mkdir()
    (tmp_path / "secret.txt").write_text("TOP-SECRET", encoding="utf-8")
    return root


def test_serves_files_and_directory_index(site: Path) -> None:
    with LoopbackServer(site) as server:
        assert server.base_url == f"http://127.0.0.1:{server.port}/"
        status, headers, body = fetch(server.base_url)
        assert status == 200 and "首页".encode() in body
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert fetch(server.url("/index.html"))[2] == body
        assert fetch(server.url("/sub/"))[2] == b"<html><body>sub index</body></html>"
        assert "子页面".encode() in fetch(server.url("/sub/page.html?x=1#frag"))[2]
        status, headers, body = fetch(server.url("/file.pdf"))
        assert (status, headers["Content-Type"], body) == (200, "application/pdf", PDF)
        status, headers, _ = fetch(server.url("/table.xls"))
        assert (status, headers["Content-Type"]) == (200, "application/vnd.ms-excel")


def test_directory_without_slash_redirects(site: Path) -> None:
    with LoopbackServer(site) as server:
        status, body = raw(server, "/sub")
        assert status == 301
        assert fetch(server.url("/sub"))[2] == b"<html><body>sub index</body></html>"  # urllib follows


@pytest.mark.parametrize("path", ["/missing.html", "/sub/missing/", "/empty/", "/file.pdf/", "/nothing"])
def test_missing_paths_are_404(site: Path, path: str) -> None:
    with LoopbackServer(site) as server:
        assert fetch(server.url(path))[0] == 404


def test_status_behavior(site: Path) -> None:
    behaviors = {"/down.html": {"status": 503}, "/sub/": {"status": 403}, "/gone.html": {"status": 404}}
    with LoopbackServer(site, behaviors) as server:
        status, _, body = fetch(server.url("/down.html"))
        assert status == 503 and b"never served" not in body and body
        assert fetch(server.url("/sub/index.html"))[0] == 403  # a directory's key covers its index
        assert fetch(server.url("/gone.html"))[0] == 404
        assert fetch(server.url("/sub/page.html"))[0] == 200


def test_delay_does_not_block_other_requests(site: Path) -> None:
    slow_result: dict[str, object] = {}

    def slow() -> None:
        start = time.monotonic()
        slow_result["status"] = fetch(server.url("/slow.html"), timeout=10)[0]
        slow_result["elapsed"] = time.monotonic() - start

    with LoopbackServer(site, {"/slow.html": {"delay": 1.5}}) as server:
        t = threading.Thread(target=slow)
        t.start()
        time.sleep(0.2)
        start = time.monotonic()
        assert fetch(server.url("/index.html"), timeout=5)[0] == 200
        assert time.monotonic() - start < 1.0
        t.join(timeout=10)
    assert slow_result["status"] == 200
    assert 1.4 <= slow_result["elapsed"] < 8  # type: ignore[operator]


def test_stop_does_not_hang_on_a_sleeping_handler(site: Path) -> None:
    errors: list[BaseException] = []

    def hang() -> None:
        try:
            fetch(server.url("/slow.html"), timeout=10)
        except (URLError, OSError, http.client.HTTPException) as exc:
            errors.append(exc)

    server = LoopbackServer(site, {"/slow.html": {"delay": 30}}).start()
    t = threading.Thread(target=hang)
    t.start()
    time.sleep(0.3)
    start = time.monotonic()
    server.stop()
    assert time.monotonic() - start < 3
    t.join(timeout=10)
    assert not t.is_alive()
    assert errors  # the sleeper was cut off, not answered after 30 s


def test_client_timeout_on_delay(site: Path) -> None:
    with LoopbackServer(site, {"/slow.html": {"delay": 5}}) as server:
        with pytest.raises((TimeoutError, URLError)):
            fetch(server.url("/slow.html"), timeout=0.5)


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/../../secret.txt",
        "/sub/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/%ff%fe",
    ],
)
def test_path_traversal_is_refused(site: Path, path: str) -> None:
    with LoopbackServer(site) as server:
        status, body = raw(server, path)
        assert status in (400, 403, 404)
        assert b"TOP-SECRET" not in body


def test_symlink_out_of_root_is_refused(site: Path) -> None:
    (site / "link.txt").symlink_to(site.parent / "secret.txt")
    with LoopbackServer(site) as server:
        status, body = raw(server, "/link.txt")
        assert status in (403, 404) and b"TOP-SECRET" not in body


def test_head_sends_headers_only(site: Path) -> None:
    with LoopbackServer(site, {"/down.html": {"status": 503}}) as server:
        status, headers, body = fetch(server.url("/file.pdf"), method="HEAD")
        assert (status, body) == (200, b"")
        assert int(headers["Content-Length"]) == len(PDF)
        assert headers["Content-Type"] == "application/pdf"
        assert fetch(server.url("/down.html"), method="HEAD")[:3:2] == (503, b"")
        assert fetch(server.url("/missing.html"), method="HEAD")[0] == 404


@pytest.mark.parametrize(
    ("header", "status", "want", "content_range"),
    [
        ("bytes=0-8", 206, PDF[:9], f"bytes 0-8/{len(PDF)}"),
        ("bytes=10-", 206, PDF[10:], f"bytes 10-{len(PDF) - 1}/{len(PDF)}"),
        ("bytes=-7", 206, PDF[-7:], f"bytes {len(PDF) - 7}-{len(PDF) - 1}/{len(PDF)}"),
        ("bytes=0-99999", 206, PDF, f"bytes 0-{len(PDF) - 1}/{len(PDF)}"),
        (f"bytes={len(PDF) + 5}-", 416, b"", f"bytes */{len(PDF)}"),
        ("bytes=0-1,4-5", 200, PDF, None),  # several ranges: the whole file, as RFC 9110 allows
    ],
)
def test_range_requests(site: Path, header: str, status: int, want: bytes, content_range: str | None) -> None:
    with LoopbackServer(site) as server:
        got_status, headers, body = fetch(server.url("/file.pdf"), headers={"Range": header})
        assert (got_status, body) == (status, want)
        assert headers.get("Content-Range") == content_range


def test_gbk_bytes_are_served_untouched(site: Path) -> None:
    with LoopbackServer(site) as server:
        status, headers, body = fetch(server.url("/gbk.html"))
    assert status == 200
    assert body == GBK_PAGE
    assert headers["Content-Type"] == "text/html; charset=gbk"  # what the page declares, not utf-8


@pytest.mark.parametrize(
    ("name", "data", "want"),
    [
        ("a.html", "<p>中文</p>".encode(), "text/html; charset=utf-8"),
        (
            "a.html",
            b"<meta http-equiv='Content-Type' content='text/html; charset=GB2312'>",
            "text/html; charset=gb2312",
        ),
        ("a.html", "<p>中文</p>".encode("gbk"), "text/html"),  # undeclared legacy bytes: no charset claimed
        ("a.css", b"body{}", "text/css; charset=utf-8"),
        ("a.docx", b"PK", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("a.xlsx", b"PK", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("a.doc", b"\xd0\xcf", "application/msword"),
        ("a.unknownext", b"\x00", "application/octet-stream"),
    ],
)
def test_content_type(name: str, data: bytes, want: str) -> None:
    assert content_type(Path(name), data) == want


def test_many_concurrent_requests(site: Path) -> None:
    results: list[int] = []
    lock = threading.Lock()

    def get() -> None:
        status = fetch(server.url("/sub/page.html"))[0]
        with lock:
            results.append(status)

    with LoopbackServer(site) as server:
        threads = [threading.Thread(target=get) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
    assert results == [200] * 20


def test_keep_alive_connection_does_not_hold_stop(site: Path) -> None:
    server = LoopbackServer(site).start()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        conn.request("GET", "/index.html")
        resp = conn.getresponse()
        assert resp.status == 200 and resp.getheader("Connection") != "close"
        resp.read()
        start = time.monotonic()
        server.stop()
        assert time.monotonic() - start < 3
    finally:
        conn.close()


def test_start_stop_are_idempotent_and_root_must_exist(site: Path) -> None:
    server = LoopbackServer(site)
    server.stop()
    server.start()
    port = server.port
    server.start()
    assert server.port == port
    server.stop()
    server.stop()
    with pytest.raises(NotADirectoryError):
        LoopbackServer(site / "index.html")
