"""Issue 9, item 3: channels on other hosts count. A 领导信箱 / 县长信箱 / 12345 / 政务服务 linked on another
domain, a search form posting to another host, a search box built without a form: provided, never "not found"."""

from __future__ import annotations

import json

import pytest

from checks.model import Status
from tests.fakecrawl import BASE, FakeCrawl, complete_site


def without_the_letterbox() -> FakeCrawl:
    crawl = complete_site()
    crawl.db.execute("delete from entries where list_url like ?", [BASE + "hdjl/%"])
    crawl.db.execute("delete from pages where url like ?", [BASE + "hdjl/%"])
    crawl.delete_links("to_url like ?", [BASE + "hdjl/%"])
    return crawl


@pytest.mark.parametrize(("anchor", "url"), [
    ("县长信箱", "http://zxxx.jxzwfww.gov.cn/letter/index.do?unit=3609"),
    ("12345", "https://12345.jiangxi.gov.cn/"),
    ("领导信箱", "http://www.test-letters.cn/ldxx/"),
])
def test_a_letterbox_on_another_host_is_provided(anchor: str, url: str) -> None:
    crawl = without_the_letterbox()
    assert [f.status for f in crawl.run("INT-CHAN-01")] == [Status.FAILED]  # no channel at all: a gap
    crawl.link("/", url, anchor, kind="external")
    (finding,) = crawl.run("INT-CHAN-01")
    assert finding.status == Status.PASSED, finding.message
    assert finding.url == url and url in finding.evidence.urls and anchor in finding.message
    # its letters were not crawled: unknown, never an accusation
    for check in ("INT-REPLY-01", "INT-RECENT-01"):
        assert [f.status for f in crawl.run(check)] == [Status.UNKNOWN], check


def test_a_long_link_text_naming_a_channel_on_another_host_is_not_taken_for_it() -> None:
    crawl = without_the_letterbox()
    crawl.link("/", "http://news.other.cn/a.html", "关于开通县长信箱和12345热线的通知全文", kind="external")
    (finding,) = crawl.run("INT-CHAN-01")
    assert finding.status == Status.UNKNOWN, finding.message  # linked, not seen: never "not found"


def test_a_service_portal_on_another_host_is_not_called_missing() -> None:
    crawl = complete_site()
    crawl.db.execute("delete from entries where list_url like ?", [BASE + "bsfw/%"])
    crawl.db.execute("delete from pages where url like ?", [BASE + "bsfw/%"])
    crawl.delete_links("to_url like ?", [BASE + "bsfw/%"])
    assert [f.status for f in crawl.run("SVC-01")] == [Status.FAILED]
    crawl.link("/", "http://www.jxzwfww.gov.cn/", "政务服务", kind="external")
    (finding,) = crawl.run("SVC-01")
    assert finding.status == Status.PASSED, finding.message  # provided there: the link is the evidence
    assert finding.url == "http://www.jxzwfww.gov.cn/" and "政务服务" in finding.message


def no_search_on_the_home_page(crawl: FakeCrawl) -> None:
    crawl.db.execute("update pages set text = '测试区人民政府 要闻动态 通知公告' where url = ?", [BASE])


def test_a_search_form_posting_to_another_host_is_a_search_box() -> None:
    crawl = complete_site()
    no_search_on_the_home_page(crawl)
    assert [f.status for f in crawl.run("ID-SEARCH-01")] == [Status.FAILED]
    crawl.link("/", "http://zs.jiangxi.gov.cn/cse?siteid=3609", "GO", kind="form")
    (finding,) = crawl.run("ID-SEARCH-01")
    assert finding.status == Status.PASSED and finding.url == "http://zs.jiangxi.gov.cn/cse?siteid=3609"
    assert "zs.jiangxi.gov.cn" in " ".join(finding.evidence.notes)


def test_a_search_box_without_a_form_is_a_search_box() -> None:
    crawl = complete_site()
    no_search_on_the_home_page(crawl)
    identity = json.loads(next(crawl.db.query("select identity from pages where url = ?", [BASE]))["identity"])
    crawl.db.execute("update pages set identity = ? where url = ?",
                     [json.dumps({**identity, "search_box": True}, ensure_ascii=False), BASE])
    (finding,) = crawl.run("ID-SEARCH-01")
    assert finding.status == Status.PASSED, finding.message
