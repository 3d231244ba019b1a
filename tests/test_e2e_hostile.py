"""A server that misbehaves: every bad answer gets a clear status, the run carries on, the report escapes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from bs4 import BeautifulSoup

from govaudit.serve import LoopbackServer
from tests.test_e2e import AS_OF, govaudit

HOME = """<html><head><meta charset="utf-8"><title>某区人民政府</title></head><body>
<a href="/loop.html">循环跳转</a> <a href="/flood.html">超大页面</a> <a href="/waf.html">防火墙</a>
<a href="/gbk.html">错标编码</a> <a href="/drip.html">慢速页面</a>
<a href="/files/guarded.pdf">防火墙后的附件</a> <a href="/files/gone.pdf">已删除的附件</a> <a href="/evil.html">恶意标题</a> <a href="/ok.html">正常页面</a>
<ul><li><a href="/ok.html">关于&lt;script&gt;alert(1)&lt;/script&gt;的通知</a><span>2026-11-20</span></li></ul>
</body></html>"""


def test_misbehaving_pages_are_recorded_and_the_audit_goes_on(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(HOME, encoding="utf-8")
    (site / "ok.html").write_text("<html><head><title>正常</title></head><body>正常页面</body></html>", encoding="utf-8")
    (site / "evil.html").write_text(
        "<html><head><title>&lt;img src=x onerror=alert(1)&gt;</title></head><body>"
        "<div class='position'>当前位置：首页 &gt; <script>alert(2)</script>栏目</div></body></html>",
        encoding="utf-8",
    )
    # GBK bytes under a page that claims to be UTF-8
    (site / "gbk.html").write_bytes(
        '<html><head><meta charset="utf-8"><title>政府信息公开指南</title></head><body>发布日期：2026-11-01 政府信息公开指南正文内容</body></html>'.encode("gbk")
    )
    behaviors = {
        "/loop.html": {"status": 302, "headers": {"Location": "/loop.html"}, "body": ""},
        "/flood.html": {"status": 200, "headers": {"Content-Type": "text/html"}, "body": "<p>洪水</p>" * 2_000_000},
        "/waf.html": {"status": 412, "body": "<script>challenge()</script>"},
        "/drip.html": {"drip": 0.5},  # a byte every half second: never done, never idle long
        "/files/guarded.pdf": {"status": 403, "body": "<html><body>Access Denied</body></html>"},  # WAF stub
    }
    out = tmp_path / "out"
    with LoopbackServer(site, behaviors) as server:
        proc = govaudit("audit", server.base_url, "--as-of", AS_OF, "--out", str(out), "--timeout", "4")
    assert proc.returncode in (0, 1), proc.stderr[-3000:]

    db = sqlite3.connect(out / "audit.db")
    states = {url.rsplit("/", 1)[-1]: (state, error) for url, state, error in
              db.execute("select url, fetch_state, error from pages")}
    assert states["loop.html"][0] == "error" and "redirect" in states["loop.html"][1].lower()
    assert states["flood.html"][0] == "error"
    assert states["waf.html"][0] == "blocked"
    assert states["drip.html"][0] == "timeout"  # the timeout bounds the whole answer, not each pause
    assert states["ok.html"][0] == "ok" and states["evil.html"][0] == "ok"
    files = {url.rsplit("/", 1)[-1]: (status, note) for url, status, note in
             db.execute("select url, status, note from attachments")}
    assert files["guarded.pdf"] == (403, "blocked") and files["gone.pdf"][0] == 404
    title = db.execute("select title from pages where url like '%gbk.html'").fetchone()[0]
    assert title == "政府信息公开指南"

    html = (out / "report.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("img")
    assert all("alert" not in (s.string or "") for s in soup.find_all("script"))
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert findings
    (attachments,) = [f for f in findings if f["check"] == "LNK-ATT-01"]
    assert attachments["status"] == "failed"  # the deleted file; the one behind the firewall is no evidence
    assert any(u.endswith("gone.pdf") for u in attachments["evidence"]["urls"])
    assert not any(u.endswith("guarded.pdf") for u in attachments["evidence"]["urls"])
