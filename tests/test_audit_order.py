"""The audit order on plain values: what a lead can decide → its class, area and priority (crawler.priority); the
page budget spent at fetch time (crawler.budget); the profile's crawl_order as the crawl takes it; coverage."""

from __future__ import annotations

import pytest

from crawler import priority as order
from crawler.extract.model import ListEntry, PageExtract
from crawler.priority import Discoveries, Lead, Order, Source, last_page, place, source_of

ORDER = Order.from_setting({
    "tree": ["政府信息公开", "信息公开", "政务公开", "法定主动公开内容", "政府信息公开指南", "政府信息公开年报"],
    "lists": {"财政预决算": ["预决算", "财政预决算"], "年报": ["年报", "年度报告"], "指南": ["政府信息公开指南"],
              "目录": ["政府信息公开目录"], "互动交流": ["领导信箱"]},
    "read_entries": ["财政预决算", "年报", "指南"],
    "sample": {"newest": 3, "oldest": 1},
})


def listing(*columns: str, first: bool = True, last: bool = False, entries: int = 20, department: bool = False) -> Source:
    names = list(columns)
    return Source(columns=names, is_list=True, first_page=first, last_page=last, entries=entries,
                  in_department=department, list_area=ORDER.list_area(names))


HOME = Source(on_home=True, is_list=True, entries=30)
NEWS = listing("要闻动态", "新闻中心")
FISCAL = listing("部门预决算", "示范区教育局", "部门信息公开", department=True)
DEPT_NEWS = listing("工作动态", "示范区教育局", "部门信息公开", department=True)
CATALOGUE = listing("政府信息公开目录", "政务公开")


@pytest.mark.parametrize(
    ("lead", "cls", "area", "kind"),
    [
        (Lead(order.START), "home", "首页", "page"),
        (Lead(order.LINK, "要闻动态", 1, HOME), "home_links", "栏目更新", "list"),
        (Lead(order.ENTRY, "区长主持召开常务会议", 1, HOME, 0), "home_links", "首页", "entry"),
        (Lead(order.LINK, "财政预决算", 1, HOME), "home_links", "财政预决算", "list"),
        (Lead(order.LINK, "法定主动公开内容", 2, NEWS), "tree", "政府信息公开", "list"),
        (Lead(order.LINK, "部门信息公开", 2, NEWS), "tree", "政府信息公开", "list"),
        (Lead(order.DEPARTMENT, "示范区教育局", 2), "tree", "部门栏目", "list"),
        (Lead(order.LINK, "部门预决算", 3, DEPT_NEWS), "lists", "财政预决算", "list"),
        (Lead(order.LINK, "领导信箱", 2, NEWS), "lists", "互动交流", "list"),
        (Lead(order.PAGER, depth=3, source=FISCAL), "lists", "财政预决算", "list"),
        (Lead(order.PAGER, depth=2, source=CATALOGUE), "lists", "目录", "list"),
        (Lead(order.LINK, "通知公告", 3, FISCAL), "first_pages", "栏目更新", "list"),
        (Lead(order.ENTRY, "示范区教育局2026年部门预算", 4, FISCAL, 12), "documents", "财政预决算", "entry"),
        (Lead(order.ENTRY, "示范区2025年政府信息公开工作年度报告", 3, NEWS, 15), "documents", "年报", "entry"),
        (Lead(order.LINK, "示范区2025年政府信息公开工作年度报告（全文）", 3, NEWS), "documents", "年报", "page"),
        (Lead(order.ENTRY, "关于印发某某办法的通知", 3, CATALOGUE, 0), "sample", "文章抽样", "entry"),
        (Lead(order.ENTRY, "区长主持召开常务会议", 3, NEWS, 2), "sample", "文章抽样", "entry"),
        (Lead(order.ENTRY, "区长主持召开常务会议", 3, NEWS, 3), "rest", "其他页面", "entry"),
        (Lead(order.ENTRY, "最老的一篇", 3, listing("要闻动态", first=False, last=True), 19), "sample", "文章抽样",
         "entry"),
        (Lead(order.ENTRY, "次老的一篇", 3, listing("要闻动态", first=False, last=True), 18), "rest", "其他页面",
         "entry"),
        (Lead(order.PAGER, depth=2, source=NEWS, is_last=True), "sample", "文章抽样", "list"),
        (Lead(order.PAGER, depth=2, source=NEWS), "rest", "其他页面", "list"),
        (Lead(order.PAGER, depth=3, source=DEPT_NEWS), "department_lists", "部门栏目", "list"),
        (Lead(order.LINK, "关于某某工作情况的一篇很长的报道标题", 4, NEWS), "rest", "其他页面", "page"),
    ],
)
def test_a_lead_takes_the_first_class_of_the_order_it_qualifies_for(lead: Lead, cls: str, area: str, kind: str) -> None:
    placement = place(lead, ORDER)
    assert (placement.cls, placement.area, placement.kind) == (cls, area, kind)


def test_priorities_follow_the_order_then_depth() -> None:
    classes = [c for c in ORDER.classes]
    priorities = [ORDER.priority(c, 1) for c in classes]
    assert priorities == sorted(priorities, reverse=True)
    assert ORDER.priority("rest", 2) > ORDER.priority("rest", 3)  # breadth-first within a class
    assert ORDER.priority("rest", 0) < ORDER.priority("department_lists", 999)


def test_the_profile_may_reorder_the_classes() -> None:
    sample_first = Order.from_setting({"order": ["home", "sample"]})
    assert sample_first.classes[:2] == ("home", "sample") and set(sample_first.classes) == set(order.CLASSES)
    lead = Lead(order.ENTRY, "区长主持召开常务会议", 1, HOME, 0)
    assert place(lead, sample_first).cls == "sample"  # it qualifies for home_links too, which now comes later
    with pytest.raises(ValueError, match="unknown classes"):
        Order.from_setting({"order": ["home", "news_first"]})


@pytest.mark.parametrize(
    ("urls", "last"),
    [
        ([f"http://x.gov.cn/a/index_{i}.html" for i in (1, 2, 10, 3)], "http://x.gov.cn/a/index_10.html"),
        (["http://x.gov.cn/list.jsp?page=2", "http://x.gov.cn/list.jsp?page=12"], "http://x.gov.cn/list.jsp?page=12"),
        (["http://x.gov.cn/a/next.html", "http://x.gov.cn/a/end.html"], "http://x.gov.cn/a/end.html"),
        ([], None),
    ],
)
def test_last_page_of_a_list(urls: list[str], last: str | None) -> None:
    assert last_page(urls) == last


def test_source_of_a_department_list() -> None:
    page = PageExtract(column_name="部门预决算", column_path=["部门信息公开", "示范区教育局", "部门预决算"],
                       page_kind="list", entries=[ListEntry("a", "http://x.gov.cn/bm/jyj/yjs/1.html", None, "")])
    source = source_of(page, ORDER, url="http://x.gov.cn/bm/jyj/yjs/index.html", on_home=False, first_page=True,
                       last_page=False, department_roots=["http://x.gov.cn/bm/jyj/"])
    assert source.in_department and source.list_area == "财政预决算" and source.entries == 1
    other = source_of(PageExtract(column_name="要闻", column_path=["新闻中心", "要闻"]), ORDER, url="http://x.gov.cn/xw/",
                      on_home=False, first_page=True, last_page=False, department_roots=["http://x.gov.cn/bm/jyj/"])
    assert not other.in_department and not other.is_list and other.list_area == ""


def test_discoveries_keep_the_best_placement_and_what_became_of_each() -> None:
    found = Discoveries()
    url = "http://x.gov.cn/a.html"
    rest = place(Lead(order.LINK, "一篇很长很长很长很长的文章标题啊", 3, NEWS), ORDER)
    documents = place(Lead(order.ENTRY, "示范区2025年政府信息公开工作年度报告", 3, NEWS, 9), ORDER)
    assert found.wants(url, rest)
    found.record(url, rest, depth=3, found_on="http://x.gov.cn/")
    assert not found.wants(url, rest)  # scheduled already
    assert found.wants(url, documents)  # a request of higher priority supersedes it
    found.record(url, documents, depth=3, found_on="http://x.gov.cn/b.html")
    assert found.get(url).cls == "documents" and found.queued()
    found.settle(url, order.FETCHED, 7)
    found.settle(url, order.MAX_PAGES)  # the superseded request refused at its turn: the page was fetched
    assert (found.get(url).state, found.get(url).fetched_as) == (order.FETCHED, 7)
    assert not found.wants(url, documents)
    deep = "http://x.gov.cn/deep.html"
    found.record(deep, rest, depth=11, found_on="", state=order.MAX_DEPTH)
    assert found.wants(deep, rest)  # found again at a depth the limit allows
    found.record("http://x.gov.cn/left.html", rest, depth=3, found_on="")
    found.refine("http://x.gov.cn/left.html", "年报")
    found.close("closespider_timeout")
    assert {r["url"]: (r["state"], r["area"]) for r in found.rows()}["http://x.gov.cn/left.html"] == (
        order.MAX_TIME, "年报")


# -- the budget, at fetch time --------------------------------------------------------------------------------


def budget_with(limit: int):
    from scrapy.utils.test import get_crawler

    from crawler.budget import PageBudget

    crawler = get_crawler(settings_dict={"GOVAUDIT_MAX_PAGES": limit})
    crawler.stats.open_spider()
    return PageBudget.from_crawler(crawler), crawler


def test_the_budget_counts_pages_as_they_reach_the_downloader() -> None:
    from scrapy import Request

    from crawler.budget import BUDGET_KEY, SPENT_FLAG, SPENT_STAT, BudgetSpent, Superseded

    budget, crawler = budget_with(2)
    page = lambda u, **m: Request(u, meta={BUDGET_KEY: u, **m})  # noqa: E731
    first = page("http://x.gov.cn/1")
    budget.process_request(first)
    assert first.meta[SPENT_FLAG] == 1  # the first page of the budget
    budget.process_request(Request("http://x.gov.cn/a.pdf", method="HEAD"))  # a probe: not a page
    budget.process_request(page("http://x.gov.cn/1", retry_times=1))  # a retry of a page counted once
    with pytest.raises(Superseded):
        budget.process_request(page("http://x.gov.cn/1"))  # a second request for a page fetched
    second = page("http://x.gov.cn/2")
    budget.process_request(second)
    assert second.meta[SPENT_FLAG] == 2 and crawler.stats.get_value(SPENT_STAT) == 2
    with pytest.raises(BudgetSpent):
        budget.process_request(page("http://x.gov.cn/3"))
    budget.process_request(page("http://x.gov.cn/2", redirect_times=1))  # a redirect of a counted page


# -- the profile's order, as govaudit hands it to the crawl -----------------------------------------------------


def test_the_national_profile_gives_the_crawl_its_order() -> None:
    from checks.profile import load_profile
    from govaudit.crawl import crawl_order_setting

    profile = load_profile()
    setting = crawl_order_setting(profile)
    assert setting["order"][0] == "home" and setting["order"][-1] == "rest"
    assert set(profile["columns"]["fiscal"]) == set(setting["lists"]["财政预决算"])
    assert set(profile["columns"]["gk_first_level"]["年报"]) == set(setting["lists"]["年报"])
    assert set(profile["columns"]["gk_root"]) <= set(setting["tree"])
    assert setting["sample"] == profile["crawl_order"]["sample"]
    built = Order.from_setting(setting)
    assert built.list_area(["部门预决算"]) == "财政预决算" and built.list_area(["政府信息公开目录"]) == "目录"
    assert built.list_area(["工作动态"]) == ""


def test_a_crawl_order_naming_a_missing_key_is_refused() -> None:
    from checks.profile import load_profile
    from govaudit.audit import crawl_order
    from govaudit.errors import UsageError

    profile = load_profile()
    profile["crawl_order"] = {**profile["crawl_order"], "lists": {"财政预决算": ["columns.budgets"]}}
    with pytest.raises(UsageError, match="columns.budgets"):
        crawl_order(profile)
    profile["crawl_order"] = {"order": ["home", "archives"]}
    with pytest.raises(UsageError, match="crawl_order"):
        crawl_order(profile)


# -- coverage ---------------------------------------------------------------------------------------------------


def test_coverage_counts_per_area_what_was_read_of_what_was_discovered() -> None:
    from crawler.store import create_run, open_db
    from reports.coverage import coverage_dict, read_coverage

    db = open_db(":memory:")
    run_id = create_run(db, site_name="示范区", start_url="http://x.gov.cn/", as_of="2026-11-27",
                        settings={"max_pages": 3, "max_depth": 10, "max_time": 0})
    assert read_coverage(db, run_id) is None  # a crawl that recorded nothing
    rows = [("http://x.gov.cn/", "home", "首页", "page", 9000, "fetched"),
            ("http://x.gov.cn/czyjs/", "lists", "财政预决算", "list", 6000, "fetched"),
            ("http://x.gov.cn/czyjs/1.html", "documents", "财政预决算", "entry", 4000, "fetched"),
            ("http://x.gov.cn/xw/9.html", "rest", "其他页面", "entry", 997, "max_pages"),
            ("http://x.gov.cn/xw/8.html", "rest", "其他页面", "entry", 997, "max_depth")]
    db["discoveries"].insert_all({"run_id": run_id, "url": u, "class": c, "area": a, "kind": k, "priority": p,
                                  "depth": 1, "found_on": "", "state": s} for u, c, a, k, p, s in rows)
    coverage = read_coverage(db, run_id)
    assert (coverage.max_pages, coverage.discovered, coverage.fetched, coverage.refused) == (3, 5, 3, 2)
    assert [a.area for a in coverage.areas] == ["首页", "财政预决算", "其他页面"]  # in the audit order
    fiscal = coverage.areas[1]
    assert fiscal.read == "1/1 列表页，1/1 条目" and fiscal.complete and fiscal.unread == "无"
    rest = coverage.areas[2]
    assert rest.read == "0/2 条目" and not rest.complete
    assert rest.unread == "页数上限（--max-pages） 1，深度上限（--max-depth） 1"
    data = coverage_dict(coverage)
    assert data["areas"][1] == {"area": "财政预决算", "read": "1/1 列表页，1/1 条目",
                                "lists": {"fetched": 1, "discovered": 1}, "entries": {"fetched": 1, "discovered": 1},
                                "refused": {}, "complete": True}
    assert [c["class"] for c in data["classes"]] == ["home", "lists", "documents", "rest"]
