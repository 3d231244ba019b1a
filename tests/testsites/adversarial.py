"""The adversarial site (issue 13, item 6): one route per way a government server or page goes wrong.

A small portal (某某区人民政府, a home page and a 通知公告 list) whose home page links every case. Each case says
what the crawl must record for it (``Case.state``: the stored ``pages.fetch_state``) and, where it matters, what
it must read (``Case.expect``). The server is govaudit's own loopback server, with ``behaviors`` for answers a
file cannot give and dynamic ``handlers`` for those that depend on the request.

The cases: mislabelled and missing charsets, malformed HTML, a 20 MB page, a gzip bomb, a redirect loop, an
endless calendar, a 5xx that flaps, a stalled server, robots.txt disallows, firewall answers (412 and a 200
script challenge), hostile strings in titles, column names and attachment names, javascript:/data: links, a page
with 10,000 links, non-UTF-8 URLs, an .xls served as an HTML error page, a connection reset mid-body, an empty 200.
"""

from __future__ import annotations

import itertools
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from govaudit.serve import DynamicRequest, LoopbackServer

SITE = "某某区人民政府"
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
TITLES = [("关于做好2026年冬季防火工作的通知", "2026-11-20"), ("关于开展安全生产大检查的通知", "2026-11-12"),
          ("关于2026年度重点项目推进情况的通报", "2026-10-30"), ("关于调整城乡低保标准的公示", "2026-10-15"),
          ("关于征集民生实事项目的公告", "2026-09-28")]
HUGE_BYTES = 20_000_000
MANY_LINKS = 10_000
STALL_SECONDS = 40  # longer than the test audit's --timeout (10 s)


@dataclass(frozen=True)
class Case:
    path: str  # as linked from the home page (a path, or an absolute URL for the schemes case)
    anchor: str
    state: str  # the pages.fetch_state it must get: ok | error | timeout | robots | blocked | http_error
    expect: str = ""  # what else is asserted (tests.test_adversarial)


CASES = [
    Case("/charset/mislabelled.html", "错标编码", "ok", "GBK bytes under a utf-8 header: the title reads"),
    Case("/charset/none.html", "无编码声明", "ok", "GBK bytes with no charset anywhere: the title reads"),
    Case("/malformed/list.html", "畸形网页", "ok", "five dated entries in markup libxml2 nests"),
    Case("/huge.html", "超大页面", "ok", "read in part, and says so"),
    Case("/bomb.html", "压缩炸弹", "error", "a gzip body that inflates past DOWNLOAD_MAXSIZE"),
    Case("/loop.html", "循环跳转", "error", "redirects to itself"),
    Case("/calendar.jsp?month=2026-11", "活动日历", "ok", "endless months: the trap guard stops it"),
    Case("/flap.html", "时好时坏", "ok", "503, then 200 on the retry"),
    Case("/stall.html", "无响应", "timeout", "accepts and never answers"),
    Case("/private/secret.html", "禁止抓取", "robots", "robots.txt disallows /private/"),
    Case("/waf412.html", "防火墙412", "blocked", "a 412 script challenge"),
    Case("/waf200.html", "防火墙200", "blocked", "a 200 page that is only a cookie-setting script"),
    Case("/hostile.html", "恶意字符", "ok", "script and markup in titles, column names, attachment names"),
    Case("/schemes.html", "伪链接", "ok", "javascript: and data: links are not followed"),
    Case("/many.html", "海量链接", "ok", "10,000 links"),
    Case("/gbk-links.html", "非UTF-8网址", "ok", "GBK percent-escapes and raw Chinese in hrefs"),
    Case("/reset.html", "连接重置", "error", "the connection is reset mid-body"),
    Case("/empty.html", "空白响应", "ok", "200 with no body"),
]
XLS = "/files/2026年预算表.xls"  # linked from the notices list: an HTML error page served as .xls


def page(title: str, body: str, *, column: str = "", crumbs: str = "", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{escape(title)}_{SITE}</title>'
            f'<meta name="SiteName" content="{SITE}"><meta name="ColumnName" content="{escape(column)}"></head><body>'
            f'<div class="position">当前位置：<a href="/">首页</a>{crumbs}</div><div class="main">{body}</div>'
            '<div class="footer">主办单位：某某区人民政府办公室 网站标识码：9999000001 某ICP备12345678号</div></body></html>')


def entries(rows: list[tuple[str, str]], prefix: str) -> str:
    return "<ul class='list'>" + "".join(
        f"<li><a href='{prefix}{i}.html'>{escape(t)}</a><span>{d}</span></li>" for i, (t, d) in enumerate(rows)) + "</ul>"


@dataclass
class Adversarial:
    root: Path
    behaviors: dict[str, dict[str, Any]]
    handlers: dict[str, Any]
    cases: list[Case] = field(default_factory=lambda: list(CASES))
    served: dict[str, int] = field(default_factory=dict)  # dynamic path → answers given

    @contextmanager
    def serve(self) -> Iterator[LoopbackServer]:
        with LoopbackServer(self.root, self.behaviors, handlers=self.handlers) as server:
            yield server


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def build(out: Path) -> Adversarial:
    root = out
    root.mkdir(parents=True, exist_ok=True)
    links = "".join(f"<li><a href='{escape(c.path)}'>{c.anchor}</a></li>" for c in CASES)
    home = page("首页", "<div class='nav'><a href='/tzgg/'>通知公告</a></div><ul class='cases'>" + links + "</ul>",
                column="首页")
    _write(root / "index.html", home)
    _write(root / "robots.txt", "User-agent: *\nDisallow: /private/\n")
    crumb = " &gt; <a href='/tzgg/'>通知公告</a>"
    _write(root / "tzgg/index.html", page("通知公告", entries(TITLES, "/tzgg/") + f"<a href='{XLS}'>2026年预算表.xls</a>",
                                         column="通知公告", crumbs=crumb))
    for i, (title, day) in enumerate(TITLES):
        _write(root / f"tzgg/{i}.html", page(title, f"<h1>{escape(title)}</h1><p>发布日期：{day}</p><p>正文。</p>",
                                             column="通知公告", crumbs=crumb))
    _write(root / "files/2026年预算表.xls", "<html><body>404 文件不存在</body></html>")

    gbk_page = page("政府信息公开指南", "<p>发布日期：2026-11-01</p><p>本指南说明政府信息公开的方式和程序。</p>",
                    column="政府信息公开指南", charset="gbk")
    _write(root / "charset/mislabelled.html", gbk_page.encode("gbk"))
    _write(root / "charset/none.html", gbk_page.replace('<meta charset="gbk">', "").encode("gbk"))
    broken = "<div class='main'><div class='left'><table><tr><td><form><table><tr><td></html><div class='list'><ul>" + "".join(
        f"<li><div><a href='/tzgg/{i}.html'>{escape(t)}</a><span>{d}" for i, (t, d) in enumerate(TITLES))
    _write(root / "malformed/list.html", page("通知公告（旧版）", broken, column="通知公告旧版", crumbs=crumb))
    filler = "<p>洪水</p>" * ((HUGE_BYTES - 2000) // len("<p>洪水</p>".encode()))
    _write(root / "huge.html", page("超大页面", filler))
    hostile_rows = [(f"{HOSTILE}关于测试的通知", "2026-11-18")]
    _write(root / "hostile.html", page(
        f"{HOSTILE}恶意标题", entries(hostile_rows, "/tzgg/") + f"<a href='/files/evil.pdf'>{escape(HOSTILE)}.pdf</a>",
        column=f"{HOSTILE}栏目", crumbs=f" &gt; <a href='/hostile.html'>{escape(HOSTILE)}栏目</a>"))
    _write(root / "files/evil.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    _write(root / "schemes.html", page("伪链接", "<a href='javascript:alert(1)'>脚本链接</a>"
                                              "<a href='data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;'>数据链接</a>"
                                              "<a href='vbscript:msgbox(1)'>旧脚本</a><a href='/tzgg/'>通知公告</a>"))
    _write(root / "many.html", page("海量链接", "".join(f"<a href='/item.jsp?id={i}'>条目{i}</a> " for i in range(MANY_LINKS))))
    gbk_links = page("非UTF-8网址", "<a href='/%D6%D0%CE%C4.html'>百分号GBK</a><a href='/中文.html'>原样中文</a>",
                     charset="gbk")
    _write(root / "gbk-links.html", gbk_links.encode("gbk"))
    _write(root / "中文.html", page("中文网址", "<p>以中文命名的页面。</p>"))
    _write(root / "empty.html", b"")

    waf = ("<html><head><script>document.cookie='waf_ok=1; path=/';"
           "$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=1;location.reload();</script></head><body></body></html>")
    behaviors: dict[str, dict[str, Any]] = {
        "/loop.html": {"status": 302, "headers": {"Location": "/loop.html"}, "body": ""},
        "/stall.html": {"delay": STALL_SECONDS},
        "/waf412.html": {"status": 412, "headers": {"Content-Type": "text/html"}, "body": waf},
        "/waf200.html": {"status": 200, "headers": {"Content-Type": "text/html; charset=utf-8"}, "body": waf},
        "/reset.html": {"reset": 4000},
        "/empty.html": {"status": 200, "headers": {"Content-Type": "text/html; charset=utf-8"}, "body": ""},
        "/files/2026年预算表.xls": {"headers": {"Content-Type": "text/html; charset=utf-8"}},
    }
    site = Adversarial(root, behaviors, {})
    lock = threading.Lock()
    flaps = itertools.count()
    # 200 MB of spaces, about 200 KB on the wire (compressed a megabyte at a time)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * 1_000_000
    bomb = packer.compress(b"<html><body>") + b"".join(packer.compress(chunk) for _ in range(200)) + packer.flush()

    def count(path: str) -> None:
        with lock:
            site.served[path] = site.served.get(path, 0) + 1

    def flap(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        count(request.path)
        if next(flaps) % 2 == 0:
            return 503, {"Content-Type": "text/plain"}, b"503 Service Unavailable"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page("时好时坏", "<p>这次答复正常。</p>").encode()

    def calendar(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        count(request.path)
        month = request.params.get("month", "2026-11")
        try:
            year, mon = (int(x) for x in month.split("-")[:2])
        except ValueError:
            year, mon = 2026, 11
        prev = f"{year - (mon == 1)}-{12 if mon == 1 else mon - 1:02d}"
        nxt = f"{year + (mon == 12)}-{1 if mon == 12 else mon + 1:02d}"
        body = f"<a href='/calendar.jsp?month={prev}'>上个月</a><a href='/calendar.jsp?month={nxt}'>下个月</a>"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page(f"活动日历 {month}", body, column="活动日历").encode()

    def gzip_bomb(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        count(request.path)
        return 200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, bomb

    def item(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        count(request.path)
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page("条目", "<p>条目。</p>").encode()

    def gbk_path(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        count(request.path)
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page("GBK网址", "<p>以GBK编码的网址。</p>").encode()

    site.handlers = {"/flap.html": flap, "/calendar.jsp": calendar, "/bomb.html": gzip_bomb, "/item.jsp": item,
                     "/%D6%D0%CE%C4.html": gbk_path}
    return site
