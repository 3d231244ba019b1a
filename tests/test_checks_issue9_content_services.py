"""Issue 9, item 5: a 办事指南 is a service guide (SVC-01/02/03).

Only pages of the service column titled as a guide, or laid out as one, are judged as guides; a notice that
happens to give a 联系电话 is none; a navigation link that leads to the home page does not make the home page the
service column.
"""

from __future__ import annotations

from checks.model import Status
from tests.fakecrawl import BASE, FakeCrawl, complete_site

NOTICE = "因系统升级，政务服务中心窗口暂停受理相关业务，恢复时间另行通知。联系电话：0000-1234500"


def url(path: str) -> str:
    return BASE + path.lstrip("/")


def notices_in_the_service_column(c: FakeCrawl, count: int = 5) -> None:
    for i in range(2, 2 + count):
        title = f"关于政务服务中心第{i}窗口暂停受理业务的通知"
        c.entry("/bsfw/", f"/bsfw/{i}.html", title, "2026-10-01", column="办事服务")
        c.page(f"/bsfw/{i}.html", column="办事服务", kind="article", title=title, text=NOTICE, pub_date="2026-10-01")


def nav_link_to_home(c: FakeCrawl, anchor: str = "政务服务") -> None:
    c.link("/zwgk/", "/", anchor)
    c.link("/zwgk/", "/index.html", "办事服务")
    c.page("/index.html", depth=1, title="测试区人民政府", kind="list", column="首页", text="测试区人民政府")


def no_service_column(c: FakeCrawl) -> None:
    for path in ("/bsfw/", "/bsfw/1.html"):
        c.delete_page(path)
    c.delete_links("to_url = ?", [url("/bsfw/")])
    c.db.execute("delete from entries where list_url = ?", [url("/bsfw/")])


def test_notices_with_a_phone_number_are_not_guides() -> None:
    crawl = complete_site()
    notices_in_the_service_column(crawl)
    [veto] = crawl.run("SVC-02")
    assert veto.status == Status.PASSED and "已读取 1 个办事指南" in veto.message, veto.message
    assert [f.status for f in crawl.run("SVC-03")] == [Status.PASSED]


def test_a_link_back_to_the_home_page_does_not_make_it_the_service_column() -> None:
    crawl = complete_site()
    nav_link_to_home(crawl)
    for i in range(2, 8):  # the home page lists notices that give a phone number
        crawl.entry("/", f"/xw/n{i}.html", f"关于第{i}批惠企政策兑现的通知", "2026-11-20", block="通知公告")
        crawl.page(f"/xw/n{i}.html", kind="article", title=f"关于第{i}批惠企政策兑现的通知", text=NOTICE, pub_date="2026-11-20")
    [veto] = crawl.run("SVC-02")
    assert veto.status == Status.PASSED and "已读取 1 个办事指南" in veto.message, veto.message
    [present] = crawl.run("SVC-01")
    assert present.status == Status.PASSED and "首页" not in present.message, present.message


def test_only_a_link_back_to_the_home_page_is_unknown_not_a_service_column() -> None:
    crawl = complete_site()
    no_service_column(crawl)
    nav_link_to_home(crawl, "办事服务")
    [present] = crawl.run("SVC-01")
    assert present.status == Status.UNKNOWN and "首页" in present.message, present.message


def test_a_guide_laid_out_as_one_is_judged_whatever_its_title() -> None:
    crawl = complete_site()
    crawl.entry("/bsfw/", "/bsfw/2.html", "城乡居民基本养老保险参保登记", "2026-10-01", column="办事服务")
    crawl.page("/bsfw/2.html", column="办事服务", kind="article", title="城乡居民基本养老保险参保登记", pub_date="2026-10-01",
               text="事项名称：城乡居民基本养老保险参保登记 办理地点：政务服务中心 联系电话：0000-1234501")
    failed = [f for f in crawl.run("SVC-03") if f.status == Status.FAILED]
    assert [f.subject for f in failed] == ["办事指南“城乡居民基本养老保险参保登记”"], failed


def test_an_information_disclosure_guide_is_no_service_guide() -> None:
    crawl = complete_site()
    crawl.entry("/bsfw/", "/bsfw/3.html", "测试区人民政府信息公开指南", "2026-10-01", column="办事服务")
    crawl.page("/bsfw/3.html", column="办事服务", kind="article", title="测试区人民政府信息公开指南", pub_date="2026-10-01",
               text="政府信息公开工作机构：区政府办公室。联系电话：0000-1234567。")
    assert [f.status for f in crawl.run("SVC-03")] == [Status.PASSED]
