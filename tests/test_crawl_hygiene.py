"""Crawl helpers on plain values: canonical URLs, site hosts, trap guard, --resolve, Hanweb jpage, attachment
probes, script challenges, the column tree."""

from __future__ import annotations

import json

import pytest

from crawler import store
from crawler.attachments import magic_family, size_from, type_mismatch
from crawler.column_tree import build_column_tree
from crawler.extract.blocking import is_script_challenge, looks_blocked
from crawler.extract.hanweb import find_jpage, parse_dataproxy, proxy_requests
from crawler.hygiene import SiteHosts, TrapGuard, canonical, registered_domain, strip_session
from crawler.resolve import ResolveError, host_header, mapped_url, parse_resolve


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.x.gov.cn/a.html#top", "http://www.x.gov.cn/a.html"),
        ("http://www.x.gov.cn/list?b=2&a=1", "http://www.x.gov.cn/list?a=1&b=2"),
        ("http://www.x.gov.cn/a.jsp;jsessionid=0A1B2C?id=3", "http://www.x.gov.cn/a.jsp?id=3"),
        ("http://www.x.gov.cn/a.php?PHPSESSID=abc&id=3", "http://www.x.gov.cn/a.php?id=3"),
        ("http://www.x.gov.cn/a.asp?ASPSESSIONIDQQGGQDTA=XYZ&sid=9&page=2", "http://www.x.gov.cn/a.asp?page=2"),
    ],
)
def test_canonical(url: str, expected: str) -> None:
    assert canonical(url) == expected


def test_strip_session_keeps_query_order() -> None:
    assert strip_session("http://x.gov.cn/a?z=1&jsessionid=2&a=3#f") == "http://x.gov.cn/a?z=1&a=3"


@pytest.mark.parametrize(
    ("host", "domain"),
    [("www.testqu.gov.cn", "testqu.gov.cn"), ("jyj.testqu.gov.cn", "testqu.gov.cn"), ("www.example.com", "example.com"),
     ("127.0.0.1", "127.0.0.1"), ("localhost", "localhost")],
)
def test_registered_domain(host: str, domain: str) -> None:
    assert registered_domain(host) == domain


def test_site_hosts_include_the_portals_sub_domains() -> None:
    hosts = SiteHosts(["www.testqu.gov.cn"], ["http://www.testqu.gov.cn/"])
    assert "jyj.testqu.gov.cn" in hosts and "WWW.TESTQU.GOV.CN" in hosts and "testqu.gov.cn" in hosts
    assert "www.gov.cn" not in hosts and "eviltestqu.gov.cn" not in hosts
    loopback = SiteHosts(["127.0.0.1"], ["http://127.0.0.1:8000/"])
    assert "127.0.0.1" in loopback and "127.0.0.2" not in loopback


def test_trap_guard() -> None:
    guard = TrapGuard(max_variants=3, max_url_length=60)
    urls = [f"http://x.gov.cn/cal.jsp?d={i}" for i in range(5)]
    assert [guard.allows(u) for u in urls] == [True, True, True, False, False]
    assert guard.allows(urls[0]) and guard.allows("http://x.gov.cn/cal.jsp")  # seen before; no query
    assert not guard.allows("http://x.gov.cn/" + "a" * 80)
    assert guard.refused == {"query_variants": 2, "url_length": 1}


def test_resolve() -> None:
    mapping = parse_resolve(["www.x.gov.cn=127.0.0.1:8080", "JYJ.x.gov.cn:80=10.0.0.2:81"])
    assert mapping == {"www.x.gov.cn": "127.0.0.1:8080", "jyj.x.gov.cn": "10.0.0.2:81"}
    assert mapped_url("http://www.x.gov.cn/a?b=1#c", mapping) == "http://127.0.0.1:8080/a?b=1"
    assert mapped_url("http://other.gov.cn/", mapping) is None
    assert host_header("http://www.x.gov.cn/a") == "www.x.gov.cn"
    assert host_header("https://www.x.gov.cn:8443/") == "www.x.gov.cn:8443"
    for bad in ("www.x.gov.cn", "www.x.gov.cn=127.0.0.1", "=1.2.3.4:80", "h=1.2.3.4:99999"):
        with pytest.raises(ResolveError):
            parse_resolve([bad])


HANWEB = """<div id="5001"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=3&path=/&columnid=1051&unitid=5001&permissiontype=0"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2026/11/25/art_1051_0.html">关于做好惠民事项办理工作的通知</a><span>2026-11-25</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2026/11/20/art_1051_1.html">关于开展安全生产检查的通知</a><span>2026-11-20</span></li>]]></record>
</recordset></datastore></script></div>
<script>$('#5001').jpage({perPage: 10, totalRecord: 62, proxyUrl: "/module/web/jpage/dataproxy.jsp"});</script>"""


def test_find_jpage_and_ranges() -> None:
    jpage = find_jpage(HANWEB, "http://www.x.gov.cn/col/col1051/index.html")
    assert jpage is not None
    assert (jpage.proxy_url, jpage.columnid, jpage.unitid, jpage.perpage, jpage.total, jpage.inline) == (
        "http://www.x.gov.cn/module/web/jpage/dataproxy.jsp", "1051", "5001", 10, 62, 2)
    ranges = proxy_requests(jpage)
    assert [(r.start, r.end) for r in ranges] == [(3, 32), (33, 62)]
    first = ranges[0]
    assert first.url == "http://www.x.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=3&endrecord=32&perpage=10"
    assert first.form["columnid"] == "1051" and first.form["unitid"] == "5001" and first.form["webid"] == "3"
    assert "columnid=1051" in first.key and "startrecord=3" in first.key


def test_jpage_without_total_asks_one_batch_and_plain_pages_have_none() -> None:
    html = HANWEB.replace("totalRecord: 62, ", "")
    jpage = find_jpage(html, "http://www.x.gov.cn/col/col1051/index.html")
    assert jpage is not None and jpage.total is None
    assert [(r.start, r.end) for r in proxy_requests(jpage)] == [(3, 32)]
    assert find_jpage("<html><script>var a = 1;</script></html>", "http://x.gov.cn/") is None


def test_parse_dataproxy_answer() -> None:
    xml = ('<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>62</totalrecord><recordset>'
           '<record><![CDATA[<li><a href="/art/2026/03/20/art_1051_50.html">测试区人民政府2025年政府信息公开工作年度报告</a>'
           "<span>2026-03-20</span></li>]]></record></recordset></datastore>")
    entries, records = parse_dataproxy(xml, "http://www.x.gov.cn/col/col1051/index.html")
    assert records == 1
    assert [(e.title, e.url, e.date.isoformat()) for e in entries] == [
        ("测试区人民政府2025年政府信息公开工作年度报告", "http://www.x.gov.cn/art/2026/03/20/art_1051_50.html", "2026-03-20")]


def test_attachment_probe_helpers() -> None:
    assert size_from({"content-range": "bytes 0-1023/3051"}, 206) == 3051
    assert size_from({"content-length": "2048"}, 200) == 2048
    assert size_from({"content-length": "1024"}, 206) is None
    assert magic_family(b"%PDF-1.4") == "pdf" and magic_family(b"  <!DOCTYPE html>") == "html"
    assert type_mismatch(".pdf", "application/pdf") == ""
    assert type_mismatch(".xls", "application/octet-stream", b"\xd0\xcf\x11\xe0") == ""
    assert type_mismatch(".xls", "text/html; charset=utf-8").startswith("type_mismatch")
    assert type_mismatch(".pdf", "application/octet-stream", b"<html><body>404") .startswith("type_mismatch")
    assert type_mismatch(".docx", "image/png").startswith("type_mismatch")
    assert type_mismatch(".pdf", "application/octet-stream", b"PK\x03\x04").startswith("type_mismatch")


@pytest.mark.parametrize(
    ("status", "body", "blocked"),
    [
        (200, b"<html><script>var $_ts=window['$_ts'];$_ts.nsd=1;</script></html>", True),
        (200, b"<html><head><script>document.cookie='__jsl_clearance=1';location.href=location.href;</script></head></html>",
         True),
        (200, b"<html><script>document.cookie='a=1';location.reload();</script><body></body></html>", True),
        (200, ("<html><body>" + "政府信息公开" * 100 + "<script>document.cookie='a=1';location.reload();</script>"
               "</body></html>").encode(), False),
        (200, b"<html><body><p>normal</p><script>var a = 1;</script></body></html>", False),
        (412, b"", True),
    ],
)
def test_script_challenges(status: int, body: bytes, blocked: bool) -> None:
    assert looks_blocked(status, body) is blocked
    if status == 200:
        assert is_script_challenge(body) is blocked


def test_column_tree_from_stored_pages() -> None:
    db = store.open_db(":memory:")
    run = store.create_run(db, site_name="测试区", start_url="http://x.gov.cn/", as_of="2026-11-27", settings={})

    def page(url: str, path: list[str], kind: str = "list", state: str = "ok", **extra: object) -> None:
        db["pages"].insert({"run_id": run, "url": url, "fetch_state": state, "column_path": json.dumps(path),
                            "department": "", "depth": 1, "page_kind": kind, "empty_list": 0, "script_rendered": 0,
                            "pager": "[]", **extra})

    page("http://x.gov.cn/gk/", ["政府信息公开"], kind="other")
    page("http://x.gov.cn/gk/tzgg/", ["政府信息公开", "通知公告"], pager=json.dumps(["http://x.gov.cn/gk/tzgg/index_1.html"]))
    page("http://x.gov.cn/gk/tzgg/index_1.html", [], state="http_error")
    page("http://x.gov.cn/gk/yjs/", ["政府信息公开", "预决算"], script_rendered=1)
    db["entries"].insert_all([{"run_id": run, "list_url": "http://x.gov.cn/gk/tzgg/", "url": f"http://x.gov.cn/{i}.html",
                               "title": f"通知{i}", "date": f"2026-11-0{i}"} for i in range(1, 4)])
    tree = {tuple(json.loads(r["path"])): r for r in build_column_tree(db, run)}
    assert set(tree) == {("政府信息公开",), ("政府信息公开", "通知公告"), ("政府信息公开", "预决算")}
    assert (tree[("政府信息公开",)]["pages"], tree[("政府信息公开",)]["entries"]) == (3, 3)
    notices = tree[("政府信息公开", "通知公告")]
    assert (notices["url"], notices["newest_date"], notices["state"]) == ("http://x.gov.cn/gk/tzgg/", "2026-11-03",
                                                                         "unreadable")
    assert tree[("政府信息公开", "预决算")]["state"] == "script_rendered"


def test_attachment_checks_are_capped_per_audit() -> None:
    from scrapy.utils.test import get_crawler

    from crawler.extract.model import Link, PageExtract
    from crawler.spiders.portal import PortalSpider

    crawler = get_crawler(PortalSpider, {"GOVAUDIT_MAX_ATTACHMENTS": 2})
    spider = PortalSpider.from_crawler(crawler, start_url="http://www.x.gov.cn/")
    crawler.stats.open_spider()
    page = PageExtract(links=[Link(f"http://www.x.gov.cn/f{i}.pdf", f"附件{i}", True) for i in range(4)]
                       + [Link("http://other.example.com/f.pdf", "外站", True), Link("http://www.x.gov.cn/a.html", "页")])
    probes = list(spider.attachment_probes(page, "http://www.x.gov.cn/"))
    assert [(r.method, r.url) for r in probes] == [("HEAD", "http://www.x.gov.cn/f0.pdf"),
                                                    ("HEAD", "http://www.x.gov.cn/f1.pdf")]
    assert crawler.stats.get_value("govaudit/attachments_not_checked") == 2
    assert list(spider.attachment_probes(page, "http://www.x.gov.cn/b.html")) == []  # each file once per audit


def test_render_launches_the_system_chromium() -> None:
    from crawler.render import CHROMIUM_ARGS, launch_options

    options = launch_options({"www.x.gov.cn": "127.0.0.1:8080"})
    assert options["executable_path"] == "/usr/bin/chromium"
    assert CHROMIUM_ARGS == ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--no-first-run"]
    assert options["args"][:6] == CHROMIUM_ARGS
    assert options["args"][6] == "--host-resolver-rules=MAP www.x.gov.cn 127.0.0.1:8080"


def test_jump_menu_options_are_followed_and_search_forms_stored_not_fetched() -> None:
    from scrapy.http import HtmlResponse, Request
    from scrapy.utils.test import get_crawler

    from crawler.items import DepartmentItem, PageItem
    from crawler.spiders.portal import PortalSpider

    crawler = get_crawler(PortalSpider)
    spider = PortalSpider.from_crawler(crawler, start_url="http://www.x.gov.cn/", max_pages=100, max_depth=5)
    crawler.stats.open_spider()
    html = """<html><head><title>部门信息公开</title></head><body>
    <form action="/jsearch/search.do" method="post"><input type="text" name="q" placeholder="请输入关键字">
    <input type="submit" value="搜 索"></form>
    <select onchange="window.open(this.options[this.selectedIndex].value)"><option value="0">—部门网站—</option>
    <option value="http://jyj.x.gov.cn/">区教育局</option><option value="/bm/mzj/index.html">区民政局</option></select>
    </body></html>"""
    url = "http://www.x.gov.cn/bmxxgk/index.html"
    request = Request(url, meta={"ga_depth": 0, "key": url, "referer": "", "anchor": "", "t0": 0.0})
    out = list(spider.parse(HtmlResponse(url, body=html.encode(), encoding="utf-8", request=request)))
    [item] = [o for o in out if isinstance(o, PageItem)]
    assert {(lk["to_url"], lk["anchor"], lk["kind"]) for lk in item.links} == {
        ("http://www.x.gov.cn/jsearch/search.do", "搜索", "form"),
        ("http://jyj.x.gov.cn/", "区教育局", "page"),
        ("http://www.x.gov.cn/bm/mzj/index.html", "区民政局", "page"),
    }
    assert item.attachments == []
    assert {(d.name, d.root_url) for d in out if isinstance(d, DepartmentItem)} == {
        ("区教育局", "http://jyj.x.gov.cn/"), ("区民政局", "http://www.x.gov.cn/bm/mzj/")}
    requests = [o for o in out if isinstance(o, Request)]
    assert sorted(r.url for r in requests) == ["http://jyj.x.gov.cn/", "http://www.x.gov.cn/bm/mzj/index.html"]
    assert [r.meta["anchor"] for r in requests if "jyj" in r.url] == ["区教育局"]
