"""Build a stored crawl in memory, row by row, for check tests (no crawling, no network)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from checks.catalogue import BY_ID
from checks.facts import Facts
from checks.model import Finding, Status
from checks.profile import load_profile
from crawler import linkgraph, store

BASE = "http://www.test.gov.cn/"
GUIDE_TEXT = (
    "政府信息公开工作机构：区政府办公室。办公地址：人民路1号。办公时间：工作日9:00-17:00。"
    "联系电话：0000-1234567。传真号码：0000-1234568。电子邮箱：gk@test.gov.cn。依申请公开的程序……"
)


SITE_META = ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")


class FakeCrawl:
    def __init__(self, as_of: str = "2026-11-27", start_url: str = BASE, truncated: bool = False) -> None:
        self.db = store.open_db(":memory:")
        self.run_id = store.create_run(self.db, site_name="测试区人民政府", start_url=start_url, as_of=as_of, settings={})
        self.db["runs"].update(self.run_id, {"truncated": int(truncated), "status": "done"})

    def page(self, path: str, *, state: str = "ok", status: int | None = 200, column: str = "",
             column_path: list[str] | None = None, department: str = "", kind: str = "other", text: str = "",
             title: str = "", pub_date: str | None = None, empty: bool = False, script: bool = False,
             pager: list[str] | None = None, depth: int = 1, anchor: str = "", meta: dict[str, str] | None = None,
             identity: dict[str, Any] | None = None, dates: list[tuple[str, str]] | None = None,
             elapsed_ms: int | None = 50) -> str:
        """A page row; an ok list or article page gets the national meta tags unless ``meta`` is given."""
        url = BASE + path.lstrip("/")
        if state != "ok" and status == 200:
            status = None
        if meta is None and state == "ok" and kind in ("list", "article"):
            meta = {name: column or title or "测试" for name in SITE_META}
            if kind == "article":
                meta |= {"ArticleTitle": title or "测试", "PubDate": pub_date or "2026-01-01", "ContentSource": "测试区"}
        self.db["pages"].upsert({
            "run_id": self.run_id, "url": url, "final_url": url, "status": status, "fetch_state": state,
            "error": "" if state == "ok" else state, "title": title, "column_name": column,
            "column_path": json.dumps(column_path if column_path is not None else ([column] if column else []),
                                      ensure_ascii=False),
            "department": department, "pub_date": pub_date, "page_kind": kind, "empty_list": int(empty),
            "script_rendered": int(script), "text": text, "depth": depth, "anchor": anchor,
            "pager": json.dumps([BASE + p.lstrip("/") for p in (pager or [])]),
            "meta": json.dumps(meta, ensure_ascii=False) if meta is not None else None,
            "identity": json.dumps(identity, ensure_ascii=False) if identity is not None else None,
            "dates": json.dumps([{"date": d, "source": src, "raw": d} for src, d in (dates or [])]),
            "elapsed_ms": elapsed_ms,
        }, pk=("run_id", "url"))
        return url

    def link(self, from_path: str, to_path: str, anchor: str, kind: str = "page") -> None:
        """A link on a stored page (the same target again: its anchor and kind replaced)."""
        to_url = to_path if to_path.startswith("http") else BASE + to_path.lstrip("/")
        from_url = BASE + from_path.lstrip("/")
        links = linkgraph.page_links(self.db.conn, self.run_id, from_url)
        at = next((i for i, lk in enumerate(links) if lk[0] == to_url), len(links))
        links[at:at + 1] = [(to_url, anchor, kind)]
        linkgraph.replace_links(self.db.conn, self.run_id, from_url, links)

    def _edit_links(self, where: str, params: list[Any], edit: Callable[[tuple[str, str, str]], Any]) -> None:
        """Each stored page showing a link that ``where`` (SQL over the ``links`` view) selects gets its links
        back with ``edit`` applied to those (None: the link dropped)."""
        chosen = {(r[0], r[1]) for r in self.db.execute(
            f"select from_url, to_url from links where run_id = ? and ({where})", [self.run_id, *params])}
        for from_url in sorted({f for f, _ in chosen}):
            links = [edit(lk) if (from_url, lk[0]) in chosen else lk
                     for lk in linkgraph.page_links(self.db.conn, self.run_id, from_url)]
            linkgraph.replace_links(self.db.conn, self.run_id, from_url, [lk for lk in links if lk is not None])

    def delete_links(self, where: str, params: list[Any] | None = None) -> None:
        """``delete from links where …``: the pages showing them no longer do."""
        self._edit_links(where, params or [], lambda lk: None)

    def rename_links(self, old: str, new: str) -> None:
        """Every link whose text is ``old`` reads ``new``."""
        self._edit_links("anchor = ?", [old], lambda lk: (lk[0], new, lk[2]))

    def entry(self, list_path: str, path: str, title: str, date: str | None = None, *, block: str = "",
              column: str = "", department: str = "") -> None:
        self.db["entries"].insert({"run_id": self.run_id, "list_url": BASE + list_path.lstrip("/"),
                                   "url": BASE + path.lstrip("/"), "title": title, "date": date, "date_raw": date or "",
                                   "block": block, "column_name": column, "department": department}, replace=True)

    def attachment(self, page_path: str, path: str, anchor: str, *, status: int | None = 200, method: str = "HEAD",
                   note: str = "") -> None:
        self.db["attachments"].insert({
            "run_id": self.run_id, "page_url": BASE + page_path.lstrip("/"), "url": BASE + path.lstrip("/"),
            "anchor": anchor, "ext": "." + path.rsplit(".", 1)[-1], "status": status, "method": method, "note": note,
        }, replace=True)
        self.link(page_path, path, anchor, kind="attachment")

    def department(self, name: str, root: str) -> None:
        self.db["departments"].insert({"run_id": self.run_id, "name": name, "root_url": BASE + root.lstrip("/"),
                                       "source": "nav"}, replace=True)

    def delete_page(self, path: str) -> None:
        self.db.execute("delete from pages where url = ?", [BASE + path.lstrip("/")])

    def facts(self, profile: dict[str, Any] | None = None) -> Facts:
        return Facts(self.db, self.run_id, profile or load_profile())

    def run(self, check_id: str, profile: dict[str, Any] | None = None) -> list[Finding]:
        return BY_ID[check_id].findings(self.facts(profile))  # stamped with the id, as the runner does


DEPT = "测试区教育局"
IDENTITY = {"site_code": "1200000052", "icp": "京ICP备05000000号-1", "police_record": "京公网安备11010102000001号",
            "sponsor": "测试区人民政府办公室", "organizer": "", "conac_seal": True, "phone": "0000-1234567",
            "address": "人民路1号", "error_report": False}
HEADINGS = ("一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 "
            "五、存在的主要问题及改进情况 六、其他需要报告的事项")
TABLES = "表二 信息内容 本年制发件数 表三 本年新收政府信息公开申请数量 申请人情况 表四 行政复议 结果维持 结果纠正"
SANGONG = "“三公”经费：因公出国（境）费0万元；公务用车购置及运行费5万元；公务接待费1万元。"
# 法定主动公开内容 and key-area columns of the complete site: (slug, column name)
CONTENT_COLUMNS = (
    ("zcwj", "政策文件"), ("jgzn", "机构职能"), ("ghjh", "规划计划"), ("tjxx", "统计信息"), ("xzxk", "行政许可"),
    ("xzzf", "行政执法"), ("sf", "行政事业性收费"), ("zfcg", "政府采购"), ("zdxm", "重大建设项目"), ("shbz", "社会保障"),
    ("yjgl", "应急管理"), ("jdjc", "监督检查"), ("rsxx", "人事信息"), ("szjs", "市政建设"), ("ggfw", "公共服务"),
    ("gysy", "公益事业"), ("tdzs", "土地征收"), ("fwzs", "房屋征收"), ("zagl", "治安管理"), ("shjz", "社会救助"),
    ("bzxzf", "保障性住房"), ("spyp", "食品药品安全"), ("jysf", "教育收费"), ("aqsc", "安全生产"), ("sthj", "生态环境"),
    ("jyta", "建议提案办理"), ("zcjd", "政策解读"),
)
SERVICE_GUIDE = ("事项名称：残疾人证新办 设定依据：《残疾人保障法》 申请条件：本区户籍 办理材料：申请表 办理地点：政务服务中心 "
                 "办理机构：区残联 收费标准：不收费 办理时间：工作日 联系电话：0000-1234560 办理流程：申请—受理—决定")
AREAS_26 = ("城乡规划 农村集体土地征收 重大建设项目 公共资源交易 财政预决算 安全生产 救灾 国有土地上房屋征收与补偿 保障性住房 "
            "农村危房改造 生态环境 公共文化服务 公共法律服务 社会救助 养老服务 食品药品监管 城市综合执法 市政服务 就业 社会保险 "
            "扶贫 涉农补贴 义务教育 卫生健康 户籍管理 税收管理")


def complete_site(as_of: str = "2026-11-27") -> FakeCrawl:
    """A small district where every check of the catalogue passes on 2026-11-27."""
    c = FakeCrawl(as_of)
    c.page("/", depth=0, title="测试区人民政府", kind="list", column="首页", identity=IDENTITY,
           text="测试区人民政府 站内搜索 要闻动态 通知公告")
    for i, (block, day) in enumerate([("要闻动态", "2026-11-25"), ("通知公告", "2026-11-20")]):
        c.entry("/", f"/xw/{i}.html", f"{block}条目", day, block=block)
        c.page(f"/xw/{i}.html", kind="article", title=f"{block}条目", pub_date=day)
    c.page("/zwgk/", column="政府信息公开", anchor="政府信息公开")
    c.link("/", "/zwgk/", "政府信息公开")
    gk = {"gkzn": "政府信息公开指南", "gkzd": "政府信息公开制度", "fdzdgknr": "法定主动公开内容",
          "gknb": "政府信息公开年报", "gkml": "政府信息公开目录", "czyjs": "财政预决算", "bmxxgk": "部门信息公开"}
    for slug, name in gk.items():
        c.link("/zwgk/", f"/zwgk/{slug}/", name)
        c.page(f"/zwgk/{slug}/", column=name, column_path=["政府信息公开", name], kind="list", anchor=name)
    c.page("/zwgk/gkzn/", column="政府信息公开指南", column_path=["政府信息公开", "政府信息公开指南"], kind="article",
           text=GUIDE_TEXT, title="测试区人民政府政府信息公开指南", pub_date="2026-06-01")
    for year in range(2021, 2026):
        title = f"测试区人民政府{year}年政府信息公开工作年度报告"
        c.entry("/zwgk/gknb/", f"/zwgk/gknb/{year}.html", title, f"{year + 1}-03-01", column="政府信息公开年报")
        c.page(f"/zwgk/gknb/{year}.html", kind="article", title=title, pub_date=f"{year + 1}-03-01",
               column="政府信息公开年报", text=f"{title} {HEADINGS} {TABLES}")
    fiscal = [(f"测试区{y}年政府预算", "") for y in (2024, 2025, 2026)] + [(f"测试区{y}年政府决算", "") for y in (2023, 2024, 2025)]
    fiscal += [("测试区2026年“三公”经费预算", SANGONG), ("测试区2025年“三公”经费决算", SANGONG)]
    fiscal += [(f"{DEPT}{y}年部门预算", SANGONG) for y in (2024, 2025, 2026)]
    fiscal += [(f"{DEPT}{y}年部门决算", SANGONG) for y in (2023, 2024, 2025)]
    for i, (title, text) in enumerate(fiscal):
        c.entry("/zwgk/czyjs/", f"/zwgk/czyjs/{i}.html", title, "2026-03-01", column="财政预决算")
        c.page(f"/zwgk/czyjs/{i}.html", kind="article", title=title, pub_date="2026-03-01", column="财政预决算",
               text=f"{title} {text}")
        c.attachment(f"/zwgk/czyjs/{i}.html", f"/zwgk/czyjs/{i}.xls", f"{title}表.xls")
    c.page("/zwgk/ysqgk/", column="依申请公开", column_path=["政府信息公开", "依申请公开"], kind="article",
           title="依申请公开", text="依申请公开办理流程", pub_date="2026-05-01")
    c.link("/zwgk/", "/zwgk/ysqgk/", "依申请公开")
    c.attachment("/zwgk/ysqgk/", "/zwgk/ysqgk/sqb.doc", "政府信息公开申请表.doc")
    for slug, name in CONTENT_COLUMNS:
        c.link("/zwgk/fdzdgknr/", f"/zwgk/fdzdgknr/{slug}/", name)
        c.page(f"/zwgk/fdzdgknr/{slug}/", column=name, column_path=["政府信息公开", "法定主动公开内容", name], kind="list",
               anchor=name)
        c.entry(f"/zwgk/fdzdgknr/{slug}/", f"/zwgk/fdzdgknr/{slug}/1.html", f"{name}信息一则", "2026-11-02", column=name)
    c.page("/zwgk/fdzdgknr/zcwj/1.html", kind="article", title="政策文件信息一则", column="政策文件", pub_date="2026-11-02",
           dates=[("table:成文日期", "2026-10-20"), ("label:发布日期", "2026-11-02")])
    c.page("/zwgk/bzml/", column="政务公开事项标准目录", kind="article", title="测试区政务公开事项标准目录", text=AREAS_26,
           pub_date="2026-02-01")
    c.link("/zwgk/", "/zwgk/bzml/", "政务公开事项标准目录")
    c.page("/hdjl/ldxx/", column="领导信箱", kind="list", anchor="领导信箱",
           text="领导信箱 标题 来信日期 回复日期 状态 关于道路维修的咨询 2026-10-01 2026-10-09 已回复 "
                "建议增设公交站点 2026-11-01 2026-11-10 已回复")
    c.link("/", "/hdjl/ldxx/", "领导信箱")
    c.entry("/hdjl/ldxx/", "/hdjl/ldxx/1.html", "关于道路维修的咨询", "2026-10-09", column="领导信箱")
    c.entry("/hdjl/ldxx/", "/hdjl/ldxx/2.html", "建议增设公交站点", "2026-11-10", column="领导信箱")
    c.page("/hdjl/ldxx/1.html", kind="article", title="关于道路维修的咨询", column="领导信箱",
           text="来信时间：2026-10-01 答复时间：2026-10-09")
    c.page("/bsfw/", column="办事服务", kind="list", anchor="办事服务")
    c.link("/", "/bsfw/", "办事服务")
    c.entry("/bsfw/", "/bsfw/1.html", "残疾人证新办办事指南", "2026-10-01", column="办事服务")
    c.page("/bsfw/1.html", column="办事服务", kind="article", title="残疾人证新办办事指南", text=SERVICE_GUIDE,
           pub_date="2026-10-01")
    # 政府网站工作年度报表 (国办函〔2018〕12号): the previous year's, in a column the home page links to
    c.link("/", "/wzndbb/", "政府网站工作年度报表")
    c.page("/wzndbb/", column="政府网站工作年度报表", kind="list", anchor="政府网站工作年度报表")
    c.entry("/wzndbb/", "/wzndbb/2025.html", "测试区人民政府门户网站2025年度政府网站工作年度报表", "2026-01-20",
            column="政府网站工作年度报表")
    c.department(DEPT, "/bm/jyj/")
    c.link("/zwgk/bmxxgk/", "/bm/jyj/", DEPT)
    c.page("/bm/jyj/", column=DEPT, department=DEPT, anchor=DEPT)
    c.link("/bm/jyj/", "/bm/jyj/gkzn/", "政府信息公开指南")
    c.link("/bm/jyj/", "/bm/jyj/gknb/", "政府信息公开年报")
    c.page("/bm/jyj/gkzn/", column="政府信息公开指南", department=DEPT, kind="article", text=GUIDE_TEXT,
           title=f"{DEPT}政府信息公开指南", pub_date="2026-04-01")
    c.page("/bm/jyj/gknb/", column="政府信息公开年报", department=DEPT, kind="list")
    for year in range(2021, 2026):
        title = f"{DEPT}{year}年政府信息公开工作年度报告"
        c.entry("/bm/jyj/gknb/", f"/bm/jyj/gknb/{year}.html", title, f"{year + 1}-01-20", column="政府信息公开年报",
                department=DEPT)
        c.page(f"/bm/jyj/gknb/{year}.html", kind="article", title=title, pub_date=f"{year + 1}-01-20", department=DEPT,
               column="政府信息公开年报", text=f"{title} {HEADINGS} {TABLES}")
    return c


# checks that compare this audit with earlier audits of the site: they pass on the complete site audited before
ACROSS_RUNS = {"DATE-BACK-01", "DATE-EDIT-01"}
EARLIER = "2026-10-27"


def earlier_audit(c: FakeCrawl, as_of: str = EARLIER) -> int:
    """An earlier audit of the same site in the same database: what the current run stores, as it stood on
    ``as_of`` (the entries and pages dated later were not there yet)."""
    run_id = store.create_run(c.db, site_name=c.db["runs"].get(c.run_id)["site_name"], start_url=BASE, as_of=as_of,
                              settings={})
    c.db["runs"].update(run_id, {"status": "done"})
    later = [r["url"] for r in c.db.query("select url from entries where run_id = ? and date > ?", [c.run_id, as_of])]
    pages: dict[str, list[tuple[str, str, str]]] = {}
    for r in c.db.execute("select from_url, to_url, anchor, kind from links where run_id = ? order by from_url, "
                          "chunk_pos, link_pos", [c.run_id]):
        if r[1] not in later:
            pages.setdefault(r[0], []).append(tuple(r[1:]))
    linkgraph.LinkWriter(c.db.conn, run_id).write(pages.items())
    for table in ("pages", "entries", "columns", "departments"):
        rows = [{**r, "run_id": run_id} for r in c.db.query(f"select * from [{table}] where run_id = ?", [c.run_id])]
        if table == "pages":
            rows = [r for r in rows if r["url"] not in later and not (r["pub_date"] or "") > as_of]
        elif table == "entries":
            rows = [r for r in rows if not (r["date"] or "") > as_of]
        if rows:
            c.db[table].insert_all(rows)
    return run_id


def assert_planted_gap_fails(check_id: str, plant: Callable[[FakeCrawl], None], subject_part: str) -> None:
    """The complete site with one gap planted: exactly one failed finding, about that gap."""
    crawl = complete_site()
    plant(crawl)
    findings = crawl.run(check_id)
    failed = [f for f in findings if f.status == Status.FAILED]
    assert len(failed) == 1, [(f.subject, f.status, f.message) for f in findings]
    assert subject_part in failed[0].subject, failed[0].subject
    assert failed[0].message


def assert_unseen_is_unknown(check_id: str, plant: Callable[[FakeCrawl], None]) -> None:
    """The complete site with its evidence made unreadable: unknown with a reason, never failed."""
    crawl = complete_site()
    plant(crawl)
    findings = crawl.run(check_id)
    assert Status.FAILED not in {f.status for f in findings}, [(f.subject, f.message) for f in findings]
    unknown = [f for f in findings if f.status == Status.UNKNOWN]
    assert unknown and all(f.message for f in unknown), [(f.subject, f.status, f.message) for f in findings]
