"""Issue 9, item 4: key areas (AREA-01) and 第二十条/第二十一条 items (GK-FDZD-01/02) by what is published.

One vocabulary (profile ``topics``) serves both checks; an area is covered by a column named for it or by
documents about it in a broader column of the disclosure tree; only when neither is found anywhere in the tree is
it failed, and the message says what was looked for and where.
"""

from __future__ import annotations

import pytest

from checks.model import Status
from tests.fakecrawl import FakeCrawl, complete_site


def url(path: str) -> str:
    return "http://www.test.gov.cn/" + path.lstrip("/")


def drop_column(c: FakeCrawl, slug: str) -> None:
    path = f"/zwgk/fdzdgknr/{slug}/"
    c.delete_page(path)
    c.delete_links("to_url = ?", [url(path)])
    c.db.execute("delete from entries where list_url = ?", [url(path)])


def add_column(c: FakeCrawl, slug: str, name: str, titles: list[str], day: str = "2026-11-02") -> None:
    path = f"/zwgk/fdzdgknr/{slug}/"
    c.link("/zwgk/fdzdgknr/", path, name)
    c.page(path, column=name, column_path=["政府信息公开", "法定主动公开内容", name], kind="list", anchor=name)
    for i, title in enumerate(titles):
        c.entry(path, f"{path}{i}.html", title, day, column=name)


def status_of(crawl: FakeCrawl, check_id: str, part: str) -> list[Status]:
    return [f.status for f in crawl.run(check_id) if part in f.subject]


def test_dibao_notices_under_social_assistance_cover_the_area() -> None:
    crawl = complete_site()
    drop_column(crawl, "shbz")  # no 社会保障 column
    crawl.entry("/zwgk/fdzdgknr/shjz/", "/zwgk/fdzdgknr/shjz/2.html", "关于调整2026年城乡低保标准的公示", "2026-10-20",
                column="社会救助")
    [finding] = [f for f in crawl.run("AREA-01") if "社保低保" in f.subject]
    assert finding.status == Status.PASSED, finding.message
    assert "社会救助" in finding.message and url("/zwgk/fdzdgknr/shjz/2.html") in finding.evidence.urls


def test_school_fee_notices_under_education_cover_the_area() -> None:
    crawl = complete_site()
    drop_column(crawl, "jysf")  # no 教育收费 column …
    add_column(crawl, "jy", "教育", ["城关中学2026年秋季学期收费公示", "关于做好2026年义务教育招生工作的通知"])
    assert status_of(crawl, "AREA-01", "教育收费") == [Status.PASSED]


@pytest.mark.parametrize(("slug", "old", "new", "area", "item"), [
    ("zdxm", "重大建设项目", "建设项目", "重大建设项目", "重大建设项目"),
    ("shjz", "社会救助", "民政信息", "民政救助", "社会救助"),
])
def test_both_checks_read_one_vocabulary(slug: str, old: str, new: str, area: str, item: str) -> None:
    """A column one check passes is never one the other calls missing."""
    crawl = complete_site()
    drop_column(crawl, slug)
    add_column(crawl, slug + "2", new, [f"{new}信息一则"])
    area_status = status_of(crawl, "AREA-01", area)
    fdzd = crawl.run("GK-FDZD-01") + crawl.run("GK-FDZD-02")
    item_status = [f.status for f in fdzd if f.subject.endswith(item)]
    assert area_status == item_status == [Status.PASSED], (area_status, item_status)


def test_documents_outside_the_disclosure_tree_do_not_cover_an_area() -> None:
    crawl = complete_site()
    drop_column(crawl, "shbz")
    crawl.entry("/", "/xw/9.html", "区民政局开展低保核查工作", "2026-11-20", block="要闻动态")  # news, not disclosure
    assert status_of(crawl, "AREA-01", "社保低保") == [Status.FAILED]


def test_a_missing_item_says_what_was_looked_for_and_where() -> None:
    crawl = complete_site()
    drop_column(crawl, "zfcg")
    [finding] = [f for f in crawl.run("GK-FDZD-01") if "政府集中采购" in f.subject]
    assert finding.status == Status.FAILED
    assert "未找到“法定主动公开内容”栏目" not in finding.message  # the column exists
    assert "政府采购" in finding.message and "政府信息公开" in finding.message, finding.message
    assert any("采购" in note for note in finding.evidence.notes)


def test_a_missing_area_says_what_was_looked_for_and_where() -> None:
    crawl = complete_site()
    drop_column(crawl, "aqsc")
    [finding] = [f for f in crawl.run("AREA-01") if "安全生产" in f.subject]
    assert finding.status == Status.FAILED
    assert "未找到“安全生产”栏目，也未找到" not in finding.message
    assert "安全生产" in finding.message and "政府信息公开" in finding.message, finding.message


def test_documents_about_a_stale_area_fail_as_not_updated() -> None:
    crawl = complete_site()
    drop_column(crawl, "shbz")
    crawl.entry("/zwgk/fdzdgknr/shjz/", "/zwgk/fdzdgknr/shjz/2.html", "关于调整2024年城乡低保标准的公示", "2024-03-01",
                column="社会救助")
    [finding] = [f for f in crawl.run("AREA-01") if "社保低保" in f.subject]
    assert finding.status == Status.FAILED and "2024-03-01" in finding.message, finding.message


def test_pages_without_a_breadcrumb_reached_from_the_tree_are_in_it() -> None:
    crawl = complete_site()
    drop_column(crawl, "shbz")
    crawl.page("/zwgk/mz/", column="", column_path=[], kind="list", anchor="民生", depth=3)
    crawl.db.execute("update pages set referer = ? where url = ?", [url("/zwgk/fdzdgknr/"), url("/zwgk/mz/")])
    crawl.entry("/zwgk/mz/", "/zwgk/mz/1.html", "2026年城乡低保资金发放情况", "2026-11-01")
    assert status_of(crawl, "AREA-01", "社保低保") == [Status.PASSED]


def test_nothing_found_and_part_of_the_tree_unseen_is_unknown() -> None:
    crawl = complete_site()
    drop_column(crawl, "zfcg")
    crawl.link("/zwgk/fdzdgknr/", "/zwgk/fdzdgknr/more/", "更多")
    crawl.page("/zwgk/fdzdgknr/more/", state="http_error", status=503)
    [finding] = [f for f in crawl.run("GK-FDZD-01") if "政府集中采购" in f.subject]
    assert finding.status == Status.UNKNOWN and "HTTP 503" in " ".join(finding.evidence.notes), finding


def test_a_topic_word_inside_a_longer_word_of_a_title_covers_nothing() -> None:
    # 民政 is a word of the 社会救助 vocabulary; 人民政府 holds it only across two words
    crawl = complete_site()
    drop_column(crawl, "shjz")
    add_column(crawl, "tzgg", "通知公告", ["测试区人民政府关于印发2026年工作要点的通知", "区人民政府办公室关于春节放假的通知"])
    assert status_of(crawl, "AREA-01", "民政救助") == [Status.FAILED]
    assert status_of(crawl, "GK-FDZD-02", "社会救助") == [Status.FAILED]
    add_column(crawl, "mz", "工作动态", ["区民政局开展2026年冬季救助走访"])
    assert status_of(crawl, "AREA-01", "民政救助") == [Status.PASSED]
