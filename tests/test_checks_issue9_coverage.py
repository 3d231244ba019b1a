"""Issue 9, item 2 (and the script redirect of item 13): what the crawl did not see is unknown, wherever the reason
lies — a pager on another host or beyond a limit, a column linked on another host, the portal's own domain
written absolutely while it is audited under another name, a page that only redirects by script."""

from __future__ import annotations

import json

from checks.model import Status
from crawler.hygiene import SiteHosts
from tests.fakecrawl import BASE, DEPT, FakeCrawl, complete_site

REPORT = f"{DEPT}2025年政府信息公开工作年度报告"
GKNB = BASE + "bm/jyj/gknb/"


def without_the_report() -> FakeCrawl:
    crawl = complete_site()
    crawl.db.execute("delete from entries where title = ?", [REPORT])
    crawl.db.execute("delete from pages where title = ?", [REPORT])
    return crawl


def dept_report(crawl: FakeCrawl):
    (finding,) = [f for f in crawl.run("GK-AR-02") if f.department == DEPT]
    return finding


def notes(finding) -> str:
    return " ".join(finding.evidence.notes)


def test_the_gap_is_failed_when_the_whole_list_was_seen() -> None:
    finding = dept_report(without_the_report())
    assert finding.status == Status.FAILED and finding.url == GKNB


def test_a_pager_on_another_host_makes_the_absence_unknown() -> None:
    crawl = without_the_report()
    crawl.db.execute("update pages set pager = ? where url = ?",
                     [json.dumps(["http://gk.other-cms.cn/bm/jyj/gknb/index_1.html"]), GKNB])
    finding = dept_report(crawl)
    assert finding.status == Status.UNKNOWN, finding.message
    assert "gk.other-cms.cn" in notes(finding) and "其他主机" in notes(finding)


def test_a_pager_page_never_fetched_makes_the_absence_unknown() -> None:
    crawl = without_the_report()
    crawl.db.execute("update pages set pager = ? where url = ?", [json.dumps([GKNB + "index_1.html"]), GKNB])
    finding = dept_report(crawl)
    assert finding.status == Status.UNKNOWN and GKNB + "index_1.html" in notes(finding)


def test_a_next_page_link_to_another_host_makes_the_absence_unknown() -> None:
    crawl = without_the_report()
    crawl.link("/bm/jyj/gknb/", "https://www.test.gov.cn.cdn.example/bm/jyj/gknb/index_2.html", "下一页",
               kind="external")
    assert dept_report(crawl).status == Status.UNKNOWN


def test_a_link_to_the_portals_own_domain_under_another_name_makes_the_absence_unknown() -> None:
    # audited on one name (www.test.gov.cn), the pages say they are www.realqu.gov.cn and link there absolutely
    crawl = without_the_report()
    crawl.db.execute("update pages set meta = json_set(meta, '$.SiteDomain', 'www.realqu.gov.cn') where meta is not null")
    crawl.link("/bm/jyj/gknb/", "http://realqu.gov.cn/bm/jyj/gknb/more.html", "更多", kind="external")
    finding = dept_report(crawl)
    assert finding.status == Status.UNKNOWN, finding.message
    assert "本站自身域名的另一写法 realqu.gov.cn" in notes(finding)


def test_other_hosts_links_that_are_no_pager_and_not_the_site_hide_nothing() -> None:
    crawl = without_the_report()
    crawl.link("/bm/jyj/gknb/", "https://beian.miit.gov.cn/", "京ICP备05000000号-1", kind="external")
    crawl.link("/bm/jyj/gknb/", "http://www.gov.cn/", "中国政府网", kind="external")
    assert dept_report(crawl).status == Status.FAILED


def test_a_column_linked_on_another_host_is_unknown_not_missing() -> None:
    crawl = without_the_report()
    crawl.db.execute("delete from entries where list_url = ?", [GKNB])
    crawl.db.execute("delete from pages where url like ?", [GKNB + "%"])
    crawl.delete_links("to_url = ?", [GKNB])
    crawl.link("/bm/jyj/", "http://xxgk.other.gov.cn/jyj/gknb/", "政府信息公开年报", kind="external")
    finding = dept_report(crawl)
    assert finding.status == Status.UNKNOWN, finding.message
    assert "http://xxgk.other.gov.cn/jyj/gknb/" in notes(finding)


def test_all_pages_checked_counts_only_the_pages_fetched_and_says_what_was_not() -> None:
    crawl = without_the_report()
    crawl.page("/bm/jyj/gknb/index_1.html", state="http_error", status=404, department=DEPT)
    crawl.db.execute("update pages set pager = ? where url = ?", [json.dumps([GKNB + "index_1.html"]), GKNB])
    finding = dept_report(crawl)
    assert finding.status == Status.FAILED  # a 404 page holds nothing: seen
    # the list and its 4 reports were fetched; the 404 page was not read and is named
    assert "已抓取的全部 5 个页面" in notes(finding), notes(finding)
    assert GKNB + "index_1.html" in notes(finding) and "404" in notes(finding)


def test_a_column_reached_only_through_a_script_redirect_is_unknown() -> None:
    crawl = complete_site()
    for year in range(2021, 2026):
        crawl.db.execute("delete from pages where title = ?", [f"测试区人民政府{year}年政府信息公开工作年度报告"])
    crawl.db.execute("delete from entries where list_url = ?", [BASE + "zwgk/gknb/"])
    # /zwgk/gknb/ is fetched, but holds only <script>location.href=…</script>: no text, no link
    crawl.page("/zwgk/gknb/", column="", column_path=[], kind="other", text="")
    (finding,) = crawl.run("GK-AR-01")
    assert finding.status == Status.UNKNOWN, finding.message
    assert "没有可读内容" in notes(finding)


def test_site_hosts_follow_the_www_and_bare_twins_of_a_configured_host() -> None:
    hosts = SiteHosts(["www.copy-of-portal.example.org"], ["http://127.0.0.1:8000/"])
    assert "copy-of-portal.example.org" in hosts and "www.copy-of-portal.example.org" in hosts
    assert "other.example.org" not in hosts
    strict = SiteHosts(["www.copy-of-portal.example.org"], [], variants=False)
    assert "copy-of-portal.example.org" not in strict
    assert strict.same_site("copy-of-portal.example.org")  # not followed, but known as the site's own
    portal = SiteHosts(["www.testqu.gov.cn"], ["http://www.testqu.gov.cn/"])
    assert portal.same_site("testqu.gov.cn") and portal.same_site("jyj.testqu.gov.cn")
    assert not portal.same_site("www.gov.cn")
