"""Issue 9, item 13: words and pages as a reader sees them. A synonym names a column only as a word (民政 in
人民政府 is no 民政 column); a column whose name carries no freshness keyword is judged by its type as its
ColumnType tag, its parent or its entries give it, and the columns no type could be read for are named."""

from __future__ import annotations

import pytest

from checks.model import Status
from tests.fakecrawl import FakeCrawl, complete_site


@pytest.mark.parametrize(("synonym", "name", "names_it"), [
    # a synonym straddling two words of the name is no match
    ("民政", "测试区人民政府", False),
    ("民政", "人民政府办公室", False),
    ("市政", "市政府信息公开", False),
    ("人事", "个人事项报告", False),
    ("公安", "办公安全管理", False),
    ("统计", "系统计划", False),
    ("治安", "政治安全", False),
    ("年报", "半年报", False),
    ("12345", "0791-12345678", False),
    # whole names, names starting or ending with it, and names that hold it as a word (domain.md §8 and real sites)
    ("民政", "民政救助", True),
    ("民政", "区民政局", True),
    ("救助", "社会救助", True),
    ("规划", "报告规划", True),
    ("文件", "政府文件", True),
    ("财政资金", "财政资金信息", True),
    ("领导信箱", "领导信箱", True),
    ("动态", "乡街动态", True),
    ("新闻", "头条新闻", True),
    ("治安", "社会治安综合治理", True),
    ("低保", "农村低保对象公示", True),
    ("信息公开", "测试区人民政府信息公开", True),
    ("12345", "12345热线", True),
])
def test_a_synonym_names_a_column_only_as_a_word(synonym: str, name: str, names_it: bool) -> None:
    from checks.facts import NameMatcher

    assert bool(NameMatcher([synonym]).search(name)) is names_it


def test_a_link_text_holding_a_synonym_inside_a_longer_word_is_no_column() -> None:
    crawl = complete_site()
    crawl.page("/zwgk/ldzc/", column="领导之窗", kind="article", title="测试区人民政府领导分工", pub_date="2026-10-01")
    crawl.link("/", "/zwgk/ldzc/", "区人民政府")
    facts = crawl.facts()
    assert not facts.locate(["民政"], "", columns_only=True).found
    assert facts.locate(["民政"], "", columns_only=True, link_sources=[facts.home]).links == []
    crawl.link("/", "/zwgk/mzj/", "区民政局")
    assert crawl.facts().locate(["民政"], "", columns_only=True).found


def news_column(c: FakeCrawl, name: str, *, parent: str = "", column_type: str = "", titles: list[str] | None = None,
                day: str = "2026-09-01") -> None:
    """A list column with three entries dated ``day`` (old enough to be stale for 动态 and 通知)."""
    path = [p for p in (parent, name) if p]
    meta = {k: name for k in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords")}
    meta["ColumnType"] = column_type or name
    c.page("/lm/", column=name, column_path=path, kind="list", anchor=name, meta=meta)
    for i, title in enumerate(titles or [f"{name}第{n}期" for n in range(3)]):
        c.entry("/lm/", f"/lm/{i}.html", title, day, column=name)


@pytest.mark.parametrize(("kwargs", "source"), [
    ({"parent": "新闻中心"}, "上级栏目“新闻中心”"),
    ({"column_type": "新闻动态"}, "ColumnType 元数据“新闻动态”"),
    ({"titles": ["关于做好防汛工作的通知", "关于开展安全检查的通知", "关于调整办事时间的公告"]}, "栏目条目"),
])
def test_a_column_without_a_keyword_is_judged_by_the_type_it_is_given(kwargs: dict, source: str) -> None:
    crawl = complete_site()
    news_column(crawl, "乡镇风采", day="2026-01-10", **kwargs)
    found = [f for f in crawl.run("UPD-TYPE-01") if "乡镇风采" in f.subject]
    assert [f.status for f in found] == [Status.FAILED], [(f.status, f.message) for f in found]
    assert any(source in n for n in found[0].evidence.notes), found[0].evidence.notes


def test_the_columns_no_type_could_be_read_for_are_named() -> None:
    crawl = complete_site()
    news_column(crawl, "乡镇风采", titles=["春耕", "秋收", "冬藏"])
    assert not [f for f in crawl.run("UPD-TYPE-01") if "乡镇风采" in f.subject]  # no type: not judged …
    (veto,) = crawl.run("UPD-VETO-B")
    notes = " ".join(veto.evidence.notes)
    assert "未按更新周期判定的栏目" in notes and "乡镇风采" in notes  # … and said so


def test_a_home_block_without_a_type_is_named_not_skipped() -> None:
    crawl = complete_site()
    crawl.entry("/", "/xw/9.html", "春耕", "2026-11-01", block="乡镇风采")
    found = [f for f in crawl.run("UPD-COL-01") if "乡镇风采" in f.subject]
    assert [f.status for f in found] == [Status.UNKNOWN] and "栏目类型" in found[0].message


def test_a_freshness_keyword_is_read_as_a_word_too() -> None:
    crawl = complete_site()
    news_column(crawl, "个人事项公示")  # 人事 straddles 个人 and 事项: no 人事 column
    assert not [f for f in crawl.run("UPD-TYPE-01") if "个人事项" in f.subject]
    assert "个人事项公示" in " ".join(crawl.run("UPD-VETO-B")[0].evidence.notes)
