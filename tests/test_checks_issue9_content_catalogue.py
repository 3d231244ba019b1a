"""Issue 9, item 7: the 目录 is a catalogue (条例 第十二条), GK-CAT-01.

Present when a 目录 column or page exists, or when the disclosure items carry catalogue metadata (an 索引号 table
with its 生成日期, which the crawler keeps in ``pages.dates`` as ``table:生成日期``); a 法定主动公开内容 column
without either is not a catalogue, unless a profile says so (``columns.catalogue_as``).
"""

from __future__ import annotations

from checks.model import Status
from checks.profile import load_profile, merge
from tests.fakecrawl import FakeCrawl, complete_site

INFO_TABLE = "索引号：11330109MB0000000X/2026-{n:05d} 发布机构：测试区人民政府办公室 生成日期：2026-10-2{n} 公开方式：主动公开"


def without_catalogue_column(c: FakeCrawl) -> None:
    c.delete_page("/zwgk/gkml/")
    c.delete_links("to_url like '%/zwgk/gkml/'")


def catalogued(c: FakeCrawl, count: int, *, date_source: str = "table:生成日期", column: str = "法定主动公开内容") -> None:
    """``count`` articles of the disclosure tree, each with an 索引号 metadata table."""
    for n in range(count):
        path = f"/zwgk/xxgk/{n}.html"
        c.page(path, kind="article", title=f"公开信息{n}", column="政策文件", column_path=["政府信息公开", column, "政策文件"],
               pub_date=f"2026-10-2{n}", text=INFO_TABLE.format(n=n) + f" 公开信息{n}正文",
               dates=[(date_source, f"2026-10-2{n}"), ("label:发布日期", f"2026-10-2{n}")])


def run(c: FakeCrawl, profile: dict | None = None) -> tuple[Status, str, list[str]]:
    [finding] = c.run("GK-CAT-01", profile)
    return finding.status, finding.message, finding.evidence.notes


def test_a_statutory_content_column_alone_is_no_catalogue() -> None:
    crawl = complete_site()
    without_catalogue_column(crawl)  # 法定主动公开内容 stays; its items carry no 索引号
    status, message, notes = run(crawl)
    assert status == Status.FAILED, message
    assert "索引号" in message and "目录" in message
    assert any("法定主动公开内容" in n and "不是目录" in n for n in notes), notes


def test_items_that_carry_an_index_table_are_a_catalogue() -> None:
    crawl = complete_site()
    without_catalogue_column(crawl)
    crawl.delete_page("/zwgk/fdzdgknr/")  # nor a 法定主动公开内容 column: the items' metadata is the catalogue
    crawl.delete_links("to_url like '%/zwgk/fdzdgknr/'")
    catalogued(crawl, 3, column="政务公开")
    status, message, _ = run(crawl)
    assert status == Status.PASSED and "索引号" in message, message


def test_a_drafting_date_in_the_table_serves_as_its_date() -> None:
    crawl = complete_site()
    without_catalogue_column(crawl)
    catalogued(crawl, 3, date_source="table:成文日期")
    assert run(crawl)[0] == Status.PASSED


def test_too_few_or_dateless_index_tables_are_no_catalogue() -> None:
    crawl = complete_site()
    without_catalogue_column(crawl)
    catalogued(crawl, 2)  # fewer than columns.catalogue_metadata.min_items
    assert run(crawl)[0] == Status.FAILED
    crawl = complete_site()
    without_catalogue_column(crawl)
    catalogued(crawl, 3, date_source="label:发布日期")  # an 索引号 but no 生成日期 / 成文日期
    assert run(crawl)[0] == Status.FAILED


def test_a_province_may_accept_the_statutory_content_column() -> None:
    crawl = complete_site()
    without_catalogue_column(crawl)
    profile = merge(load_profile(), {"columns": {"catalogue_as": ["法定主动公开内容"]}})
    status, message, _ = run(crawl, profile)
    assert status == Status.PASSED and "法定主动公开内容" in message, message


def test_unseen_disclosure_pages_make_a_missing_catalogue_unknown() -> None:
    crawl = complete_site()
    without_catalogue_column(crawl)
    crawl.link("/zwgk/fdzdgknr/", "/zwgk/fdzdgknr/zcwj/index_1.html", "下一页")
    crawl.page("/zwgk/fdzdgknr/zcwj/index_1.html", state="timeout")
    status, message, notes = run(crawl)
    assert status == Status.UNKNOWN and any("超时" in n for n in notes), (message, notes)
