"""A firewall that answers every page with a script challenge until the request carries the cookie its script sets
(瑞数-style 412, or a 200 page that only sets a cookie and reloads), audited through the CLI on loopback.

Without ``--render`` every page stays blocked: nothing is called missing, and the findings say that ``--render``
may pass the challenge. With it, the browser (Debian's Chromium) passes the challenge once, on the home page, and
every other page is read by plain Scrapy requests carrying the cookie.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from crawler.challenge import BLOCKED, BROWSER, MAX_RELOADS, PARK, RETRY, Challenges, scrapy_cookies
from crawler.extract.blocking import CHALLENGE_NOT_PASSED, CHALLENGE_NOT_TRIED, CHALLENGE_PASSED, is_challenge
from govaudit.serve import DynamicRequest, LoopbackServer

AS_OF = "2026-11-27"
CHROMIUM = os.environ.get("GOVAUDIT_CHROMIUM") or "/usr/bin/chromium"
COOKIE = "waf_token"
SCRIPT = "/static/site.js"  # every real page loads it: only a browser asks for it
PRIVATE = "/private/list.html"  # linked from the home page, disallowed by the robots.txt behind the challenge



def challenge_page(version: int = 1) -> str:
    """As real firewalls do, the token is bound to the browser's User-Agent (a plain request must send the same
    one) and to the firewall's current key (``version``: a new one makes the cookies already given expire)."""
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><script>"
            f"document.cookie=\"{COOKIE}=\"+token(navigator.userAgent)+\"; path=/\";location.reload();"
            "function token(ua){var h=7;for(var i=0;i<ua.length;i++){h=(h*31+ua.charCodeAt(i))%1000003;}"
            f"return 'v{version}.'+h;}}</script></head><body></body></html>")


CHALLENGE_PAGE = challenge_page()


def token(user_agent: str, version: int = 1) -> str:
    """What the challenge's script computes from ``navigator.userAgent``."""
    h = 7
    for ch in user_agent:
        h = (h * 31 + ord(ch)) % 1000003  # JavaScript's charCodeAt: UTF-16 units, all below 0x10000 here
    return f"v{version}.{h}"

COLUMNS = {  # path → (column, entries as (day, title))
    "/xwzx/gzdt/": ("工作动态", [("2026-11-20", "区政府召开常务会议"), ("2026-11-12", "区长调研重点项目"),
                             ("2026-10-30", "全区安全生产工作会议召开")]),
    "/tzgg/": ("通知公告", [("2026-11-18", "关于开展冬季消防检查的通知"), ("2026-11-02", "关于公布区级行政许可事项的公告")]),
    "/zwgk/zcwj/": ("政策文件", [("2026-11-10", "关于印发营商环境优化方案的通知"), ("2026-09-15", "区人民政府关于城市更新的实施意见")]),
}


def page(title: str, body: str, column: str = "") -> str:
    crumb = f"<div class='position'>当前位置：<a href='/'>首页</a> &gt; {column}</div>" if column else ""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta name='SiteName' content='挑战区人民政府'><meta name='ColumnName' content='{column}'>"
            f"<script src='{SCRIPT}'></script></head><body>{crumb}{body}"
            "<div class='footer'>主办：挑战区人民政府办公室 网站标识码：1100000099 京ICP备00000099号</div></body></html>")


def article_path(column: str, i: int, day: str) -> str:
    return f"{column}t{day.replace('-', '')}_{i}.html"


def site_pages() -> dict[str, str]:
    pages = {}
    nav = "".join(f"<li><a href='{path}'>{name}</a></li>" for path, (name, _) in COLUMNS.items())
    nav += f"<li><a href='{PRIVATE}'>内部事务</a></li>"
    pages[PRIVATE] = page("内部事务", "<p>内部事务</p>")
    pages["/"] = page("挑战区人民政府", f"<h1>挑战区人民政府</h1><ul class='nav'>{nav}</ul>")
    for path, (name, entries) in COLUMNS.items():
        items = []
        for i, (day, title) in enumerate(entries, 1):
            url = article_path(path, i, day)
            items.append(f"<li><a href='{url}'>{title}</a><span>{day}</span></li>")
            pages[url] = page(title, f"<h1>{title}</h1><p>发布日期：{day}</p><p>{title}的正文内容。</p>", name)
        pages[path] = page(name, f"<ul class='list'>{''.join(items)}</ul>", name)
    return pages


@dataclass
class Firewall:
    """Answers every path with the challenge unless the request carries the cookie; logs what it answered."""

    status: int
    open_paths: set[str] = field(default_factory=set)  # answered without the challenge
    expire_after: int = 0  # after this many pages served, a new key: the cookies given so far no longer pass
    version: int = 1
    base_url: str = ""
    pages: dict[str, str] = field(default_factory=site_pages)
    log: list[dict[str, object]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        cookie = next((v for k, v in request.headers.items() if k.lower() == "cookie"), "")
        agent = next((v for k, v in request.headers.items() if k.lower() == "user-agent"), "")
        agent = agent.encode("latin-1", "replace").decode("utf-8", "replace")  # http.server reads headers as latin-1
        with self.lock:
            served = sum(1 for e in self.log if e["kind"] == "page")
            if self.expire_after and served >= self.expire_after and self.version == 1:
                self.version = 2
            version = self.version
        passed = f"{COOKIE}={token(agent, version)}" in [part.strip() for part in cookie.split(";")]
        passed = passed or request.path in self.open_paths
        if not passed:
            status, body, kind = self.status, challenge_page(version), "challenge"
        elif request.path == SCRIPT:
            status, body, kind = 200, "document.documentElement.dataset.seen = '1';", "script"
        elif request.path == "/robots.txt":
            status, body, kind = 200, "User-agent: *\nDisallow: /private/\n", "robots"
        elif request.path in self.pages:
            status, body, kind = 200, self.pages[request.path], "page"
        else:
            status, body, kind = 404, "<html></html>", "missing"
        with self.lock:
            self.log.append({"path": request.path, "cookie": passed, "status": status, "kind": kind,
                             "referer": next((v for k, v in request.headers.items() if k.lower() == "referer"), "")})
        ctype = {"script": "application/javascript", "robots": "text/plain"}.get(kind, "text/html; charset=utf-8")
        return status, {"Content-Type": ctype}, body.encode("utf-8")

    def paths(self) -> list[str]:
        return ["/robots.txt", SCRIPT, *self.pages]


def audit(tmp: Path, status: int, *extra: str, open_paths: set[str] | None = None, expire_after: int = 0,
          ) -> tuple[subprocess.CompletedProcess[str], Path, Firewall]:
    firewall = Firewall(status, open_paths or set(), expire_after)
    root = tmp / "empty"
    root.mkdir()
    out = tmp / "out"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    with LoopbackServer(root, handlers={path: firewall for path in firewall.paths()}) as server:
        firewall.base_url = server.base_url
        proc = subprocess.run(
            [sys.executable, "-m", "govaudit.cli", "audit", server.base_url, "--as-of", AS_OF, "--out", str(out),
             "--timeout", "20", *extra],
            capture_output=True, text=True, env=env, timeout=300, check=False)
    return proc, out, firewall


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def findings(out: Path) -> list[dict]:
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]


def reported(out: Path) -> tuple[dict[str, int], str]:
    """What findings.json and the report's 抓取情况 say became of the challenged pages."""
    from bs4 import BeautifulSoup

    counts = json.loads((out / "findings.json").read_text(encoding="utf-8"))["crawl"].get("challenges", {})
    shown = BeautifulSoup((out / "report.html").read_text(encoding="utf-8"), "html.parser").select_one(
        "#crawl dd.challenges")
    return counts, shown.get_text() if shown else ""


def test_the_challenge_pages_are_recognised() -> None:
    body = CHALLENGE_PAGE.encode()
    assert is_challenge(412, body) and is_challenge(200, body)
    assert not is_challenge(200, site_pages()["/"].encode())
    assert not is_challenge(412, b"412 Precondition Failed")  # a stub without a script: no browser helps
    assert not is_challenge(403, b"<html><body>Access Denied</body></html>")


def test_one_browser_attempt_per_url_and_per_host_at_a_time() -> None:
    c = Challenges()
    home, news, notes = "http://www.x.gov.cn/", "http://www.x.gov.cn/xwzx/", "http://www.x.gov.cn/tzgg/"
    assert c.decide(home, home, retried=False) == BROWSER
    c.start(home, home)
    assert c.decide(news, news, retried=False) == PARK  # the host's browser attempt is under way
    c.park(news, "news")
    assert c.decide("http://jyj.x.gov.cn/", "http://jyj.x.gov.cn/", retried=False) == BROWSER  # another host
    assert c.passed(home, [{"name": "waf_token", "value": "1", "path": "/"}]) == ["news"]
    assert c.decide(notes, notes, retried=False) == RETRY  # sent before the cookies came: again, with them
    assert c.decide(notes, notes, retried=False, sent="a=b; waf_token=1") == BROWSER  # sent with them: expired
    assert c.decide(notes, notes, retried=True) == BROWSER  # challenged with them (expired): this URL once
    c.start(notes, notes)
    assert c.not_passed(notes) == []
    assert c.decide(notes, notes, retried=True) == BLOCKED  # tried in the browser already
    assert c.decide(home, home, retried=False) == BLOCKED
    other = "http://www.x.gov.cn/zwgk/"
    assert c.decide(other, other, retried=False) == BLOCKED  # the host's last attempt failed: no more tries


def test_cookies_handed_to_scrapy_are_those_of_the_host() -> None:
    browser = [{"name": "a", "value": "1", "domain": "127.0.0.1", "path": "/"},
               {"name": "b", "value": "2", "domain": ".x.gov.cn", "path": "/zwgk/"},
               {"name": "c", "value": "3", "domain": "other.cn", "path": "/"}]
    assert scrapy_cookies(browser, "127.0.0.1") == [{"name": "a", "value": "1", "path": "/"}]
    assert scrapy_cookies(browser, "www.x.gov.cn") == [{"name": "b", "value": "2", "path": "/zwgk/",
                                                        "domain": ".x.gov.cn"}]
    c = Challenges()
    c.start("http://127.0.0.1:1/", "k")
    c.passed("http://127.0.0.1:1/", scrapy_cookies(browser, "127.0.0.1"))
    assert c.deliver("http://127.0.0.1:1/a") == [{"name": "a", "value": "1", "path": "/"}]
    assert c.deliver("http://127.0.0.1:1/b") == []  # once: the jar keeps them, and the server's renewals


@pytest.mark.parametrize("status", [412, 200])
def test_without_render_the_challenged_site_is_unknown_and_render_is_suggested(tmp_path: Path, status: int) -> None:
    proc, out, firewall = audit(tmp_path, status)
    assert proc.returncode == 3, proc.stdout + proc.stderr[-3000:]  # the start page could not be read
    db = out / "audit.db"
    assert rows(db, "select status, fetch_state, error from pages where depth = 0") == [
        (status, "blocked", CHALLENGE_NOT_TRIED)]
    assert {e["kind"] for e in firewall.log} == {"challenge"}
    assert not any(e["path"] == SCRIPT for e in firewall.log)  # no browser ran
    found = findings(out)
    assert found and not [f for f in found if f["status"] == "failed"]
    hinted = [f for f in found if any("--render" in note for note in f["evidence"]["notes"])]
    assert hinted and all(f["status"] == "unknown" for f in hinted)
    assert "可加 --render 由浏览器通过脚本验证后重试" in (out / "report.html").read_text(encoding="utf-8")
    assert reported(out) == ({"not_tried": 1}, "1 个页面被拦截（未用浏览器重试）")


def test_without_render_a_challenged_column_is_never_missing(tmp_path: Path) -> None:
    """The home page is open, the columns behind the challenge: what they could hold is unknown, never a gap."""
    proc, out, firewall = audit(tmp_path, 412, open_paths={"/", "/robots.txt"})
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr[-3000:]
    columns = [firewall.base_url + path[1:] for path in COLUMNS]
    db = out / "audit.db"
    assert rows(db, "select url, fetch_state, error from pages where fetch_state = 'blocked' order by url") == sorted(
        (url, "blocked", CHALLENGE_NOT_TRIED) for url in columns)
    cited = 0
    for f in findings(out):
        shown = " ".join([f["url"], *f["evidence"]["urls"], *f["evidence"]["notes"]])
        if any(url in shown for url in columns):
            cited += 1
            assert f["status"] != "failed", f
            assert f["status"] == "passed" or any("可加 --render" in n for n in f["evidence"]["notes"]), f
    assert cited


def needs_browser(test):
    """Skipped, saying why, where Chromium or scrapy-playwright is absent (as tests/test_browser.py is)."""
    test = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                              reason=f"{CHROMIUM} is absent (Debian: apt-get install -y chromium)")(test)
    return pytest.mark.skipif(importlib.util.find_spec("scrapy_playwright") is None,
                              reason="scrapy-playwright is not installed")(test)


@needs_browser
@pytest.mark.parametrize("status", [412, 200])
def test_with_render_the_browser_passes_the_challenge_once_and_scrapy_keeps_the_cookie(
        tmp_path: Path, status: int) -> None:
    proc, out, firewall = audit(tmp_path, status, "--render")
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr[-3000:]
    log = firewall.log
    home = firewall.base_url
    # Scrapy's robots.txt and home page, then the browser's first load of the home page; nothing after
    assert sorted(e["path"] for e in log if e["kind"] == "challenge") == ["/", "/", "/robots.txt"], log
    # the browser ran one page, the home page: after its reload with the cookie it loaded the page's script, once
    assert [(e["path"], e["referer"]) for e in log if e["kind"] == "script"] == [(SCRIPT, home)]
    served = [e["path"] for e in log if e["kind"] == "page"]
    assert served.count("/") == 1  # the browser's reload: Scrapy did not fetch the home page again
    # every other page once, by Scrapy (no script asked for), carrying the cookie the browser got
    assert sorted(p for p in served if p != "/") == sorted(set(firewall.pages) - {"/", PRIVATE})
    # robots.txt is read again once the challenge is passed, and obeyed
    assert [e["cookie"] for e in log if e["kind"] == "robots"] == [True]
    db = out / "audit.db"
    assert rows(db, "select url, fetch_state, error from pages where depth = 0") == [(home, "ok", CHALLENGE_PASSED)]
    assert rows(db, "select url, fetch_state from pages where fetch_state != 'ok'") == [(home + PRIVATE[1:], "robots")]
    for path, (_name, entries) in COLUMNS.items():
        stored = rows(db, "select title, date from entries where list_url = ? order by date desc", home + path[1:])
        assert stored == [(title, day) for day, title in entries], path
    assert not any("--render" in note for f in findings(out) for note in f["evidence"]["notes"])
    assert reported(out) == ({"passed": 1}, "1 个页面经浏览器通过验证后读取")


@needs_browser
def test_pages_challenged_while_the_browser_works_wait_for_its_cookie(tmp_path: Path) -> None:
    """The home page is open, its three columns are guarded and requested together: one goes to the browser,
    the other two wait for it and go again with its cookie; no other page sees the browser."""
    proc, out, firewall = audit(tmp_path, 412, "--render", open_paths={"/", "/robots.txt"})
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr[-3000:]
    log = firewall.log
    columns = set(COLUMNS)
    challenged = [e["path"] for e in log if e["kind"] == "challenge"]
    scripts = [e["referer"] for e in log if e["kind"] == "script"]
    assert len(scripts) == 1  # one page ran in the browser: the column that met the challenge first
    first = "/" + scripts[0].removeprefix(firewall.base_url)
    assert first in columns
    assert sorted(challenged) == sorted([*columns, first])  # each column once by Scrapy, the first also in the browser
    served = [e["path"] for e in log if e["kind"] == "page"]
    assert sorted(served) == sorted(set(firewall.pages) - {PRIVATE})  # every page once, with the cookie if guarded
    db = out / "audit.db"
    assert rows(db, "select url, fetch_state from pages where fetch_state != 'ok'") == [
        (firewall.base_url + PRIVATE[1:], "robots")]
    assert rows(db, "select url from pages where error = ?", CHALLENGE_PASSED) == [(firewall.base_url + first[1:],)]
    (entries,) = rows(db, "select count(*) from entries where list_url like ?", firewall.base_url + "%/")[0]
    assert entries == sum(len(e) for _, e in COLUMNS.values())


@needs_browser
def test_cookies_that_expire_are_renewed_in_the_browser_once(tmp_path: Path) -> None:
    """The firewall changes its key after five pages: the first page challenged although it carried the cookie
    goes to the browser (once), the others challenged meanwhile wait for it, and the crawl goes on with the new
    cookie."""
    proc, out, firewall = audit(tmp_path, 412, "--render", expire_after=5)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr[-3000:]
    log = firewall.log
    assert firewall.version == 2
    scripts = [e["referer"] for e in log if e["kind"] == "script"]
    assert len(scripts) == 2 and scripts[0] == firewall.base_url  # the home page, then the page that met the new key
    renewed = "/" + scripts[1].removeprefix(firewall.base_url)
    challenged = [e["path"] for e in log if e["kind"] == "challenge"]
    assert challenged.count(renewed) == 2  # Scrapy's request with the old cookie, the browser's first load
    assert all(challenged.count(p) == 1 for p in set(challenged) - {"/", renewed})  # then again with the new one
    served = [e["path"] for e in log if e["kind"] == "page"]
    assert sorted(served) == sorted(set(firewall.pages) - {PRIVATE})  # every page once, in the end
    db = out / "audit.db"
    assert rows(db, "select url, fetch_state from pages where fetch_state != 'ok'") == [
        (firewall.base_url + PRIVATE[1:], "robots")]
    assert sorted(u for (u,) in rows(db, "select url from pages where error = ?", CHALLENGE_PASSED)) == sorted(
        {firewall.base_url, firewall.base_url + renewed[1:]})


STUCK = "<html><head><script>var $_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=1;</script></head></html>"
ENDLESS = "<html><head><script>document.cookie='waf_token=0; path=/';location.reload();</script></head></html>"


@needs_browser
@pytest.mark.parametrize(("firewall_page", "most"), [
    (STUCK, 2),  # Scrapy's request and the browser's one load: the script never reloads
    (ENDLESS, 2 + 1 + MAX_RELOADS),  # a cookie the server never accepts: the browser gives up after a few reloads
])
def test_a_challenge_the_browser_cannot_pass_stays_blocked_with_the_reason(
        tmp_path: Path, firewall_page: str, most: int) -> None:
    root = tmp_path / "site"
    root.mkdir()
    home = site_pages()["/"].replace("<ul class='nav'>", "<ul class='nav'><li><a href='/hdjl/'>互动交流</a></li>")
    (root / "index.html").write_text(home, encoding="utf-8")
    hits: list[str] = []

    def never_passes(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        hits.append(request.path)
        return 412, {"Content-Type": "text/html; charset=utf-8"}, firewall_page.encode()

    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    with LoopbackServer(root, handlers={"/hdjl/": never_passes}) as server:
        proc = subprocess.run([sys.executable, "-m", "govaudit.cli", "audit", server.base_url, "--as-of", AS_OF,
                               "--out", str(out), "--render", "--timeout", "20"],
                              capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr[-3000:]
    assert 2 <= len(hits) <= most  # one browser attempt, for this URL only
    assert rows(out / "audit.db", "select status, fetch_state, error from pages where url like '%/hdjl/'") == [
        (412, "blocked", CHALLENGE_NOT_PASSED)]
    notes = [n for f in findings(out) for n in f["evidence"]["notes"] if "/hdjl/" in n]
    assert notes and all("浏览器中也未通过验证" in n and "--render" not in n for n in notes)
    assert reported(out) == ({"not_passed": 1}, "1 个页面在浏览器中也未通过验证")
