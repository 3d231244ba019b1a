"""A realistic test district, 测试区 (www.testqu.gov.cn), built the way real portals are (domain.md §7).

Not the demo: this site exists to prove the crawler survives real CMS patterns without accusing anyone.
Everything a check asks for is published somewhere — often where only a careful crawler finds it:

- 工作动态 (``/xwzx/gzdt/``): a TRS list of 6 pages whose pager is only ``createPageHTML(6, i, "index", "html")``;
- 通知公告 (``/col/col1051/index.html``): a Hanweb list, 62 records, 10 inline, the rest from
  ``/module/web/jpage/dataproxy.jsp`` (POST or GET, ``startrecord``/``endrecord``/``perpage``, XML with CDATA).
  The government's 2025 annual report is record 51: only a crawler that fetches the ranges sees it;
- 测试区统计局 (``/bm/tjj/``): one TRS 信息公开目录 of 5 pages holding its guide link, annual report, budget and
  final accounts on later pages;
- 测试区财政局 (``/bm/czj/``): GBK pages — declared gb2312, undeclared, mislabelled utf-8 in a meta tag, and
  mislabelled utf-8 by the server's header;
- 测试区教育局 on a sub-domain (``jyj.testqu.gov.cn``), reached with ``--resolve``; one of its attachments refuses
  HEAD (405), another ".xls" is in fact an HTML page;
- 财政预决算 (``/zwgk/czyjs/``): a list drawn in the browser (avalon-style template + XHR to ``list.json``):
  the government's budget and final accounts are only there, so without ``--render`` their checks are UNKNOWN;
- 政策文件 (``/zwgk/zcwj/``): 14 pages chained only by 下一页 links, longer than the default depth limit;
- 互动交流 (``/hdjl/``): a firewall's script challenge answered with status 200 (瑞数-style ``$_ts``): blocked;
- 活动日历 (``/hdrl/index.jsp?month=…``): a calendar whose 上个月/下个月 links never end (a crawler trap), and
  links carrying ``;jsessionid=`` and ``?PHPSESSID=`` session ids;
- 政府网站工作年度报表 (``/wzndbb/``): the report on 2025, linked from the home page, published 2026-01-20.

What real portals do that must not be read as a gap (issue 9), each with its expected verdict (``expected``):

- 乡镇风采 (``/xwzx/xzfc/``): a list showing ``[11-25]`` without a year, URLs without dates; each article shows its
  发布日期 while its PubDate meta is the CMS's regeneration day: dates come from the articles (passed, its type
  from its parent 新闻中心);
- 图片报道 (``/xwzx/tpbd/``): month-day dates only, picture pages with no date: the year is inferred (推定), so
  the column is never called stale (unknown);
- 政府信息公开年报 (``/zwgk/gknb/``): the pager's 下一页 leads to another host, where the 2021 report is (GK-AR-03
  unknown, not failed);
- 县长信箱 and 12345 on another host: the channel is provided (INT-CHAN-01 passed, the link as evidence);
- 政务服务 (``/zwfw/``): a page that is only a script redirect to another site (SVC-01 unknown, not failed);
- a home link 区人民政府: 民政 inside 人民政府 is no 民政 column (GK-FDZD-02 社会救助 unknown, not passed);
- the home page's footer is written by inline ``document.write('…')`` strings: identification code, ICP and
  公网安备 numbers are read from them (ID-FOOT-01 passed), the footer marked as drawn by script;
- the home page's search box has no ``<form>``: an input and a scripted 搜索 button (ID-SEARCH-01 passed).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from govaudit.serve import DynamicRequest, LoopbackServer
from tests.testsites.pages import (
    JYJ,
    WWW,
    Item,
    article_body,
    article_head,
    dataproxy_xml,
    guide_text,
    hanweb_list,
    month_day_list,
    nav,
    page,
    plain_list,
    script_list,
    script_redirect,
    trs_list,
)

HOSTS = ("www.testqu.gov.cn", "jyj.testqu.gov.cn")
START_URL = WWW + "/"
GZDT_PAGES = 6
TZGG_TOTAL, TZGG_INLINE, TZGG_PERPAGE, TZGG_COLUMN, TZGG_UNIT = 62, 10, 10, 1051, 5001
TJJ_PAGES = 5
ZCWJ_PAGES = 14
JYJ_NEWS = 25  # 5 inline, then ranges of 15 until one comes back short: 6-20, 21-35
GKNB_NEXT = "https://gk.testqu-cms.cn/zwgk/gknb/index_1.html"  # another host: never fetched
LETTERS = "http://xf.testqu-letters.cn/zxxx/index.html"  # the 县长信箱 letter system, on its own domain
HOTLINE = "http://12345.testqu-letters.cn/"
SERVICE = "http://zwfw.testqu-service.cn/"  # where /zwfw/ sends the browser by script
# 政府网站工作年度报表 on the previous year, linked from the home page before 31 January (国办函〔2018〕12号)
WEB_REPORT = Item("测试区人民政府网站2025年度工作报表", "/wzndbb/202601/t20260120_1.html", date(2026, 1, 20))
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 3000
XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2040
CHALLENGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><script type='text/javascript' r='m'>"
             "$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=84061;$_ts.cd='qoxlrrAlcGVDcsAlErEkk';</script>"
             "<script type='text/javascript' charset='utf-8' src='/hdjl/2QZyW9L1.js' r='m'></script></head><body></body></html>")
NOT_AN_XLS = "<html><head><meta charset='utf-8'></head><body>文件不存在或已被删除</body></html>".encode()


@dataclass
class District:
    root: Path  # www.testqu.gov.cn's files
    hosts: dict[str, Path]  # Host header → root folder
    handlers: dict[str, object]
    behaviors: dict[str, dict]
    as_of: date
    expected: dict[str, object] = field(default_factory=dict)

    @contextmanager
    def serve(self) -> Iterator[tuple[LoopbackServer, list[str]]]:
        """The district on one loopback port, and the ``--resolve`` arguments that reach it."""
        with LoopbackServer(self.root, self.behaviors, hosts=self.hosts, handlers=self.handlers) as server:
            yield server, [f"{host}=127.0.0.1:{server.port}" for host in HOSTS]


def _write(path: Path, text: str | bytes, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))


def _articles(root: Path, items: list[Item], column: str, crumbs: list[tuple[str, str]], *, encoding: str = "utf-8",
              home: str = WWW + "/", sponsor: str = "测试区人民政府办公室") -> None:
    for item in items:
        rel = item.url.split("://", 1)[-1].split("/", 1)[1] if "://" in item.url else item.url.lstrip("/")
        html = page(item.title, column, crumbs, article_body(item), charset=encoding, pub=item.day, home=home,
                    sponsor=sponsor)
        _write(root / rel, html, encoding)


def past_fiscal(unit: str, base: str, years: range = range(2025, 2022, -1)) -> list[Item]:
    """Earlier budgets and final accounts, kept online (at least the last three years)."""
    items = []
    for y in years:
        if unit:
            items.append(Item(f"{unit}{y}年部门预算", f"{base}/{y}02/t{y}0210_ys.html", date(y, 2, 10)))
            items.append(Item(f"{unit}{y - 1}年部门决算", f"{base}/{y}08/t{y}0820_js.html", date(y, 8, 20)))
        else:
            items.append(Item(f"关于测试区{y - 1}年预算执行情况和{y}年预算草案的报告", f"{base}/{y}02/t{y}0212_ys.html",
                              date(y, 2, 12)))
            items.append(Item(f"测试区{y - 1}年财政总决算", f"{base}/{y}08/t{y}0828_js.html", date(y, 8, 28)))
    return items


def build_district(out: Path, as_of: date) -> District:
    out = Path(out)
    www, jyj = out / "www", out / "jyj"
    d = lambda days: as_of - timedelta(days=days)  # noqa: E731
    behaviors: dict[str, dict] = {}
    expected: dict[str, object] = {}

    # 工作动态: TRS list, 6 pages of 10, pager only by createPageHTML
    gzdt = [Item(f"测试区召开第{60 - i}次工作推进会", f"/xwzx/gzdt/{d(1 + 3 * i):%Y%m}/t{d(1 + 3 * i):%Y%m%d}_{i}.html",
                 d(1 + 3 * i)) for i in range(60)]
    crumbs = [("新闻中心", "/xwzx/"), ("工作动态", "/xwzx/gzdt/")]
    for p in range(GZDT_PAGES):
        name = "index.html" if p == 0 else f"index_{p}.html"
        _write(www / "xwzx/gzdt" / name, page("工作动态", "工作动态", crumbs,
                                               trs_list(gzdt[p * 10:(p + 1) * 10], GZDT_PAGES, p)))
    _articles(www, gzdt, "工作动态", crumbs)

    # 通知公告: Hanweb list, records beyond the first 10 only through dataproxy.jsp
    tzgg = [Item(f"关于做好第{62 - i}批惠民事项办理工作的通知", f"/art/{d(2 + 5 * i):%Y/%m/%d}/art_1051_{i}.html",
                 d(2 + 5 * i)) for i in range(TZGG_TOTAL)]
    tzgg[50] = Item("测试区人民政府2025年政府信息公开工作年度报告", f"/art/{d(252):%Y/%m/%d}/art_1051_50.html", d(252))
    crumbs_tzgg = [("通知公告", "/col/col1051/index.html")]
    _write(www / "col/col1051/index.html", page("通知公告", "通知公告", crumbs_tzgg, hanweb_list(
        tzgg[:TZGG_INLINE], columnid=TZGG_COLUMN, unitid=TZGG_UNIT, total=TZGG_TOTAL, perpage=TZGG_PERPAGE)))
    _articles(www, tzgg, "通知公告", crumbs_tzgg)
    proxy_calls: list[tuple[str, int, int]] = []

    def dataproxy(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        p = request.params
        try:
            start, end = int(p["startrecord"]), int(p["endrecord"])
        except (KeyError, ValueError):
            return 400, {"Content-Type": "text/plain"}, b"bad request"
        if p.get("columnid") != str(TZGG_COLUMN):
            return 200, {"Content-Type": "text/xml; charset=UTF-8"}, dataproxy_xml([], 0).encode()
        proxy_calls.append((request.method, start, end))
        body = dataproxy_xml(tzgg[max(0, start - 1):end], TZGG_TOTAL).encode()
        return 200, {"Content-Type": "text/xml; charset=UTF-8"}, body

    # 政府信息公开 and its first-level columns
    gk = [("政府信息公开", "/zwgk/")]
    _write(www / "zwgk/index.html", page("政府信息公开", "政府信息公开", gk, nav([
        ("政府信息公开指南", "/zwgk/gkzn/"), ("政府信息公开制度", "/zwgk/gkzd/"), ("法定主动公开内容", "/zwgk/fdzdgknr/"),
        ("政府信息公开年报", "/zwgk/gknb/"), ("政府信息公开目录", "/zwgk/gkml/"), ("财政预决算", "/zwgk/czyjs/"),
        ("政策文件", "/zwgk/zcwj/")])))
    guide = Item("测试区人民政府政府信息公开指南", "/zwgk/gkzn/index.html", d(40), guide_text("测试区人民政府", 1))
    _write(www / "zwgk/gkzn/index.html", page(guide.title, "政府信息公开指南", gk + [("政府信息公开指南", "/zwgk/gkzn/")],
                                              article_body(guide), pub=guide.day))
    rules = Item("测试区政府信息公开工作制度", "/zwgk/gkzd/index.html", d(200))
    _write(www / "zwgk/gkzd/index.html", page(rules.title, "政府信息公开制度", gk + [("政府信息公开制度", "/zwgk/gkzd/")],
                                              article_body(rules), pub=rules.day))
    fdzd = [Item(f"测试区关于印发第{i + 1}号规范性文件的通知", f"/zwgk/fdzdgknr/{d(20 + 30 * i):%Y%m}/t{d(20 + 30 * i):%Y%m%d}_{i}.html",
                 d(20 + 30 * i)) for i in range(5)]
    crumbs_fd = gk + [("法定主动公开内容", "/zwgk/fdzdgknr/")]
    _write(www / "zwgk/fdzdgknr/index.html", page("法定主动公开内容", "法定主动公开内容", crumbs_fd, plain_list(fdzd)))
    _articles(www, fdzd, "法定主动公开内容", crumbs_fd)
    gknb = [Item(f"测试区人民政府{y}年政府信息公开工作年度报告", f"/zwgk/gknb/{y + 1}03/t{y + 1}0325_{y}.html",
                 date(y + 1, 3, 25)) for y in range(2024, 2018, -1)]
    crumbs_nb = gk + [("政府信息公开年报", "/zwgk/gknb/")]
    # page 1 holds 2024–2022; its 下一页 leads to the CMS's publishing host, where 2021 and earlier are listed
    _write(www / "zwgk/gknb/index.html", page("政府信息公开年报", "政府信息公开年报", crumbs_nb, plain_list(gknb[:3])
                                              + f'<div class="page"><a href="{GKNB_NEXT}">下一页</a></div>'))
    _articles(www, gknb, "政府信息公开年报", crumbs_nb)
    crumbs_ml = gk + [("政府信息公开目录", "/zwgk/gkml/")]
    _write(www / "zwgk/gkml/index.html", page("政府信息公开目录", "政府信息公开目录", crumbs_ml, plain_list(fdzd[:3] + gknb[:2])))

    # 政策文件: a chain of pages linked only by 下一页 (deeper than --max-depth: a list is never cut by depth)
    zcwj = [Item(f"测试区关于印发第{ZCWJ_PAGES * 3 - i}号政策文件的通知",
                 f"/zwgk/zcwj/{d(5 + 9 * i):%Y%m}/t{d(5 + 9 * i):%Y%m%d}_{i}.html", d(5 + 9 * i))
            for i in range(ZCWJ_PAGES * 3)]
    crumbs_zc = gk + [("政策文件", "/zwgk/zcwj/")]
    for n in range(ZCWJ_PAGES):
        name = "index.html" if n == 0 else f"list_{n}.html"
        pager = f'<div class="fenye"><a href="list_{n + 1}.html">下一页</a></div>' if n + 1 < ZCWJ_PAGES else ""
        _write(www / "zwgk/zcwj" / name, page("政策文件", "政策文件", crumbs_zc, plain_list(zcwj[3 * n:3 * n + 3]) + pager))
    _articles(www, zcwj, "政策文件", crumbs_zc)

    # 财政预决算: drawn by script from list.json
    crumbs_cz = gk + [("财政预决算", "/zwgk/czyjs/")]
    czyjs = [Item("关于测试区2025年预算执行情况和2026年预算草案的报告", "/zwgk/czyjs/202602/t20260212_1.html", date(2026, 2, 12)),
             Item("测试区2025年财政总决算", "/zwgk/czyjs/202608/t20260828_2.html", date(2026, 8, 28)),
             *past_fiscal("", "/zwgk/czyjs")]
    _write(www / "zwgk/czyjs/index.html", page("财政预决算", "财政预决算", crumbs_cz, script_list("/zwgk/czyjs/list.json")))
    _write(www / "zwgk/czyjs/list.json", json.dumps(
        [{"title": i.title, "url": i.url, "date": i.day.isoformat()} for i in czyjs], ensure_ascii=False))
    _articles(www, czyjs, "财政预决算", crumbs_cz)

    # 部门信息公开: three departments (sub-domain, GBK sub-path, TRS sub-path)
    _write(www / "bmxxgk/index.html", page("部门信息公开", "部门信息公开", [("部门信息公开", "/bmxxgk/")], nav([
        ("测试区教育局", JYJ + "/"), ("测试区财政局", "/bm/czj/index.html"), ("测试区统计局", "/bm/tjj/index.html")])))
    _department_czj(www, d, behaviors)
    _department_tjj(www, d)
    attachment_calls = _department_jyj(jyj, d, behaviors)

    def calendar(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        """An endless calendar: each month links to its days and to the months before and after."""
        try:
            year, month = (int(x) for x in request.params.get("month", f"{as_of:%Y-%m}").split("-")[:2])
        except ValueError:
            year, month = as_of.year, as_of.month
        prev = f"{year - (month == 1)}-{12 if month == 1 else month - 1:02d}"
        following = f"{year + (month == 12)}-{1 if month == 12 else month + 1:02d}"
        days = [(f"{day}日", f"/hdrl/index.jsp?date={year}-{month:02d}-{day:02d}") for day in range(1, 29)]
        body = nav([("上个月", f"/hdrl/index.jsp?month={prev}"), ("下个月", f"/hdrl/index.jsp?month={following}"), *days])
        html = page(f"活动日历 {year}年{month}月", "活动日历", [("活动日历", "/hdrl/index.jsp")], body + "<p>活动安排请关注通知公告。</p>")
        return 200, {"Content-Type": "text/html; charset=utf-8"}, html.encode()

    # home page
    home_body = (
        # a search box with no <form>: an input and a button whose script builds the search URL
        '<div class="search"><input type="text" id="searchword" placeholder="请输入关键字">'
        '<a href="javascript:void(0)" onclick="doSearch()">搜索</a></div>'
        + nav([("政府信息公开", "/zwgk/"), ("工作动态", "/xwzx/gzdt/"), ("通知公告", "/col/col1051/index.html"),
             ("部门信息公开", "/bmxxgk/"), ("财政预决算", "/zwgk/czyjs/"), ("活动日历", f"/hdrl/index.jsp?month={as_of:%Y-%m}"),
             ("互动交流", "/hdjl/"), ("信息公开指南", "/zwgk/gkzn/index.html;jsessionid=0A1B2C3D4E5F"), ("政策文件", "/zwgk/fdzdgknr/?PHPSESSID=abc123"),
             ("县长信箱", LETTERS), ("12345热线", HOTLINE), ("政务服务", "/zwfw/index.html"), ("区人民政府", "/zwgk/ldzc/index.html"),
             (WEB_REPORT.title, WEB_REPORT.url)])
        # a tabbed block (SuperSlide markup): one bar of headings, one panel per tab
        + '<div class="slideTxtBox"><div class="hd"><ul><li class="on">工作动态</li><li>通知公告</li></ul></div>'
        + '<div class="bd">' + plain_list(gzdt[:6]) + plain_list(tzgg[:6]) + "</div></div>"
    )
    # the home page's footer is written by inline document.write strings (identity read from them)
    _write(www / "index.html", page("首页", "首页", [], home_body, footer_by_script=True))
    crumbs_bb = [("政府网站工作年度报表", "/wzndbb/")]
    _write(www / "wzndbb/index.html", page("政府网站工作年度报表", "政府网站工作年度报表", crumbs_bb, plain_list([WEB_REPORT])))
    _articles(www, [WEB_REPORT], "政府网站工作年度报表", crumbs_bb)
    _write(www / "robots.txt", "User-agent: *\nDisallow: /admin/\n")
    behaviors["/hdjl/"] = {"status": 200, "headers": {"Content-Type": "text/html; charset=utf-8"}, "body": CHALLENGE}
    _write(www / "xwzx/index.html", page("新闻中心", "新闻中心", [("新闻中心", "/xwzx/")], nav([
        ("工作动态", "/xwzx/gzdt/"), ("乡镇风采", "/xwzx/xzfc/"), ("图片报道", "/xwzx/tpbd/")])))
    expected.update(_issue9_patterns(www, d, as_of))

    handlers = {"/module/web/jpage/dataproxy.jsp": dataproxy, "/hdrl/index.jsp": calendar, **attachment_calls}
    expected |= {
        "trs_pages": [f"{WWW}/xwzx/gzdt/"] + [f"{WWW}/xwzx/gzdt/index_{p}.html" for p in range(1, GZDT_PAGES)],
        "chain_pages": [f"{WWW}/zwgk/zcwj/"] + [f"{WWW}/zwgk/zcwj/list_{n}.html" for n in range(1, ZCWJ_PAGES)],
        "tjj_pages": [f"{WWW}/bm/tjj/index.html"] + [f"{WWW}/bm/tjj/index_{p}.html" for p in range(1, TJJ_PAGES)],
        "tzgg_list": f"{WWW}/col/col1051/index.html",
        "tzgg_total": TZGG_TOTAL,
        "dataproxy_ranges": [(11, 40), (41, 62)],
        "script_list": f"{WWW}/zwgk/czyjs/",
        "departments": {"测试区教育局": JYJ + "/", "测试区财政局": WWW + "/bm/czj/", "测试区统计局": WWW + "/bm/tjj/"},
        "proxy_calls": proxy_calls,
        "calendar": f"{WWW}/hdrl/index.jsp",
        "challenge": f"{WWW}/hdjl/",
        "jyj_news": (f"{JYJ}/col/col2001/index.html", JYJ_NEWS, [(6, 20), (21, 35)]),
    }
    return District(root=www, hosts={"www.testqu.gov.cn": www, "jyj.testqu.gov.cn": jyj}, handlers=handlers,
                    behaviors=behaviors, as_of=as_of, expected=expected)


def _department_czj(www: Path, d, behaviors: dict[str, dict]) -> None:
    """测试区财政局: GBK pages with every way of (mis)labelling them."""
    root = www / "bm/czj"
    unit = "测试区财政局"
    crumbs = [("部门信息公开", "/bmxxgk/"), (unit, "/bm/czj/index.html")]
    _write(root / "index.html", page(unit, unit, crumbs, nav([
        ("政府信息公开指南", "/bm/czj/gkzn/index.html"), ("政府信息公开年报", "/bm/czj/gknb/index.html"),
        ("部门预决算", "/bm/czj/yjs/index.html")]), charset="gb2312", sponsor=unit), "gbk")
    guide = Item(f"{unit}政府信息公开指南", "/bm/czj/gkzn/index.html", d(60), guide_text(unit, 2))
    _write(root / "gkzn/index.html", page(guide.title, "政府信息公开指南", crumbs + [("政府信息公开指南", "#")],
                                          article_body(guide), charset=None, sponsor=unit, pub=guide.day), "gbk")
    reports = [Item(f"{unit}{y}年政府信息公开工作年度报告", f"/bm/czj/gknb/t{y + 1}0120_{y}.html", date(y + 1, 1, 20))
               for y in range(2025, 2019, -1)]
    _write(root / "gknb/index.html", page("政府信息公开年报", "政府信息公开年报", crumbs + [("政府信息公开年报", "#")],
                                          plain_list(reports), charset="gbk", declared="utf-8", sponsor=unit), "gbk")
    _articles(www, reports, "政府信息公开年报", crumbs, encoding="gbk", sponsor=unit)
    fiscal = [
        Item(f"{unit}2026年部门预算", "/bm/czj/yjs/t20260210_1.html", date(2026, 2, 10),
             attachments=[("/bm/czj/yjs/P020260210_ys.pdf", "2026年部门预算公开表（PDF）"),
                          ("/bm/czj/yjs/P020260210_ys.xls", "2026年部门预算公开表（Excel）")]),
        Item(f"{unit}2025年部门决算", "/bm/czj/yjs/t20260820_2.html", date(2026, 8, 20),
             attachments=[("/bm/czj/yjs/P020260820_js.pdf", "2025年部门决算公开表")]),
        *past_fiscal(unit, "/bm/czj/yjs"),
    ]
    _write(root / "yjs/index.html", page("部门预决算", "部门预决算", crumbs + [("部门预决算", "#")], plain_list(fiscal),
                                         charset=None, sponsor=unit), "gbk")
    behaviors["/bm/czj/yjs/index.html"] = {"headers": {"Content-Type": "text/html; charset=utf-8"}}
    _articles(www, fiscal, "部门预决算", crumbs, encoding="gbk", sponsor=unit)
    for name in ("P020260210_ys.pdf", "P020260820_js.pdf"):
        _write(root / "yjs" / name, PDF)
    _write(root / "yjs/P020260210_ys.xls", XLS)


def _department_tjj(www: Path, d) -> None:
    """测试区统计局: one TRS 信息公开目录 of 5 pages; what the checks need sits on its later pages."""
    unit = "测试区统计局"
    crumbs = [("部门信息公开", "/bmxxgk/"), (unit, "/bm/tjj/index.html")]
    items = [Item(f"{unit}第{45 - i}期统计数据发布", f"/bm/tjj/{d(3 + 7 * i):%Y%m}/t{d(3 + 7 * i):%Y%m%d}_{i}.html",
                  d(3 + 7 * i)) for i in range(45)]
    special = [Item(f"{unit}2025年部门决算", "/bm/tjj/202608/t20260821_js.html", date(2026, 8, 21)),
               Item(f"{unit}2026年部门预算", "/bm/tjj/202602/t20260211_ys.html", date(2026, 2, 11)),
               *(Item(f"{unit}{y}年政府信息公开工作年度报告", f"/bm/tjj/{y + 1}01/t{y + 1}0119_nb.html", date(y + 1, 1, 19))
                 for y in range(2025, 2020, -1)),
               Item(f"{unit}政府信息公开指南", "/bm/tjj/gkzn/index.html", date(2025, 12, 1), guide_text(unit, 3))]
    everything = sorted(items + special + past_fiscal(unit, "/bm/tjj"), key=lambda i: i.day, reverse=True)
    per = -(-len(everything) // TJJ_PAGES)
    for p in range(TJJ_PAGES):
        name = "index.html" if p == 0 else f"index_{p}.html"
        _write(www / "bm/tjj" / name, page("信息公开目录", "信息公开目录", crumbs,
                                           trs_list(everything[p * per:(p + 1) * per], TJJ_PAGES, p), sponsor=unit))
    _articles(www, [i for i in everything if "指南" not in i.title], "信息公开目录", crumbs, sponsor=unit)
    guide = special[-1]
    _write(www / "bm/tjj/gkzn/index.html", page(guide.title, "政府信息公开指南", crumbs + [("政府信息公开指南", "#")],
                                                article_body(guide), sponsor=unit, pub=guide.day))


def _department_jyj(root: Path, d, behaviors: dict[str, dict]) -> dict[str, object]:
    """测试区教育局 on its own sub-domain; its attachments: one refuses HEAD, one is not what it says."""
    unit = "测试区教育局"
    home = JYJ + "/"
    crumbs = [(unit, home)]
    _write(root / "index.html", page(unit, unit, crumbs, nav([
        ("政府信息公开指南", f"{JYJ}/gkzn/index.html"), ("政府信息公开年报", f"{JYJ}/gknb/index.html"),
        ("部门预决算", f"{JYJ}/yjs/index.html"), ("教育动态", f"{JYJ}/col/col2001/index.html"),
        ("返回区政府门户", WWW + "/")]), home=home, sponsor=unit))
    # 教育动态: a Hanweb list whose page does not give the total: ranges are asked until one comes back short
    news = [Item(f"测试区第{JYJ_NEWS - i}期教育工作简报", f"/art/{d(4 + 6 * i):%Y/%m/%d}/art_2001_{i}.html",
                 d(4 + 6 * i)) for i in range(JYJ_NEWS)]
    crumbs_news = crumbs + [("教育动态", f"{JYJ}/col/col2001/index.html")]
    _write(root / "col/col2001/index.html", page("教育动态", "教育动态", crumbs_news, hanweb_list(
        news[:5], columnid=2001, unitid=6001, total=None, perpage=5), home=home, sponsor=unit))
    _articles(root, news, "教育动态", crumbs_news, home=home, sponsor=unit)

    def dataproxy(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        start, end = int(request.params.get("startrecord", 1)), int(request.params.get("endrecord", 15))
        body = dataproxy_xml(news[max(0, start - 1):end], JYJ_NEWS) if request.params.get("columnid") == "2001" else ""
        return 200, {"Content-Type": "text/xml; charset=UTF-8"}, (body or dataproxy_xml([], 0)).encode()

    guide = Item(f"{unit}政府信息公开指南", f"{JYJ}/gkzn/index.html", d(90), guide_text(unit, 4))
    _write(root / "gkzn/index.html", page(guide.title, "政府信息公开指南", crumbs + [("政府信息公开指南", "#")],
                                          article_body(guide), home=home, sponsor=unit, pub=guide.day))
    reports = [Item(f"{unit}{y}年政府信息公开工作年度报告", f"{JYJ}/gknb/t{y + 1}0125_{y}.html", date(y + 1, 1, 25))
               for y in range(2025, 2019, -1)]
    _write(root / "gknb/index.html", page("政府信息公开年报", "政府信息公开年报", crumbs + [("政府信息公开年报", "#")],
                                          plain_list(reports), home=home, sponsor=unit))
    _articles(root, reports, "政府信息公开年报", crumbs, home=home, sponsor=unit)
    fiscal = [
        Item(f"{unit}2026年部门预算公开", f"{JYJ}/yjs/t20260215_1.html", date(2026, 2, 15),
             attachments=[(f"{JYJ}/uploads/jyj_2026_ys.pdf", "2026年部门预算"),
                          (f"{JYJ}/uploads/jyj_2026_ys.xls", "2026年部门预算表")]),
        Item(f"{unit}2025年部门决算公开", f"{JYJ}/yjs/t20260825_2.html", date(2026, 8, 25)),
        *past_fiscal(unit, f"{JYJ}/yjs"),
    ]
    _write(root / "yjs/index.html", page("部门预决算", "部门预决算", crumbs + [("部门预决算", "#")], plain_list(fiscal),
                                         home=home, sponsor=unit))
    _articles(root, fiscal, "部门预决算", crumbs, home=home, sponsor=unit)
    _write(root / "uploads/jyj_2026_ys.xls", NOT_AN_XLS)  # a CMS "soft 404": an error page, status 200
    behaviors["/uploads/jyj_2026_ys.xls"] = {"headers": {"Content-Type": "text/html; charset=utf-8"}}

    def no_head_pdf(request: DynamicRequest) -> tuple[int, dict[str, str], bytes]:
        """A server that refuses HEAD but serves byte ranges."""
        if request.method == "HEAD":
            return 405, {"Allow": "GET", "Content-Type": "text/plain"}, b""
        wanted = request.headers.get("Range", "")
        if wanted == "bytes=0-1023":
            return 206, {"Content-Type": "application/pdf", "Content-Range": f"bytes 0-1023/{len(PDF)}"}, PDF[:1024]
        return 200, {"Content-Type": "application/pdf"}, PDF

    return {"jyj.testqu.gov.cn/uploads/jyj_2026_ys.pdf": no_head_pdf,
            "jyj.testqu.gov.cn/module/web/jpage/dataproxy.jsp": dataproxy}


def _issue9_patterns(www: Path, d, as_of: date) -> dict[str, object]:
    """Pages that real portals have and a careless audit reads as gaps (see the module's docstring)."""
    news = [("新闻中心", "/xwzx/")]
    # 乡镇风采: [MM-DD] on the list, the full date on each article, a PubDate meta of the regeneration day
    xzfc = [Item(f"测试区第{8 - i}个乡镇的特色产业", f"/xwzx/xzfc/art_{i}.html", d(2 + 4 * i)) for i in range(8)]
    crumbs = news + [("乡镇风采", "/xwzx/xzfc/")]
    _write(www / "xwzx/xzfc/index.html", page("乡镇风采", "乡镇风采", crumbs, month_day_list(xzfc)))
    for item in xzfc:
        _write(www / item.url.lstrip("/"), page(item.title, "乡镇风采", crumbs, article_body(item),
                                                extra_head=article_head(item.title, as_of)))
    # 图片报道: [MM-DD] only, and picture pages with no date at all
    tpbd = [Item(f"测试区秋季风光摄影第{4 - i}组", f"/xwzx/tpbd/pic_{i}.html", d(40 + 10 * i)) for i in range(4)]
    crumbs = news + [("图片报道", "/xwzx/tpbd/")]
    _write(www / "xwzx/tpbd/index.html", page("图片报道", "图片报道", crumbs, month_day_list(tpbd)))
    for item in tpbd:
        _write(www / item.url.lstrip("/"), page(item.title, "图片报道", crumbs,
                                                f'<img src="/images/{item.url.rsplit("/", 1)[-1]}.jpg" alt=""><p>{item.title}</p>'))
    # 政务服务: a page that only sends the browser to the province's service site by script
    _write(www / "zwfw/index.html", script_redirect(SERVICE))
    # 区人民政府: the government's leadership page (no 民政 column, whatever its link text holds)
    leaders = Item("测试区人民政府领导分工", "/zwgk/ldzc/index.html", d(30))
    _write(www / "zwgk/ldzc/index.html", page(leaders.title, "领导之窗", [("政府信息公开", "/zwgk/"), ("领导之窗", "/zwgk/ldzc/")],
                                              article_body(leaders), pub=leaders.day))
    return {
        "month_day_from_articles": (f"{WWW}/xwzx/xzfc/", [f"{WWW}{i.url}" for i in xzfc], [i.day for i in xzfc], as_of),
        "month_day_only": f"{WWW}/xwzx/tpbd/",
        "pager_offsite": (f"{WWW}/zwgk/gknb/", GKNB_NEXT),
        "channel_offsite": LETTERS,
        "script_redirect": f"{WWW}/zwfw/index.html",
        # (check, department, part of the subject) → the verdict each pattern must get
        "verdicts": [("UPD-TYPE-01", "", "乡镇风采", "passed"), ("UPD-TYPE-01", "", "图片报道", "unknown"),
                     ("GK-AR-03", "", "往年年报", "unknown"), ("INT-CHAN-01", "", "咨询建言", "passed"),
                     ("SVC-01", "", "办事服务", "unknown"), ("GK-FDZD-02", "", "社会救助", "unknown")],
    }
