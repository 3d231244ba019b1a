"""Issue 9, item 11: evidence names the item. An unanswered letter names its channel, title and date; a missing
fiscal document points at the list searched, not at an article filed under it; sampling checks say how many
pages they looked at and whether the crawl was complete."""

from __future__ import annotations

from checks.model import Status
from tests.fakecrawl import BASE, DEPT, FakeCrawl, complete_site


def letter_left_unanswered(c: FakeCrawl) -> None:
    c.db.execute("update pages set text = ? where url = ?", [
        "领导信箱 标题 来信日期 状态 关于道路维修的咨询 2026-10-01 2026-10-09 已回复 "
        "建议增设公交站点 2026-11-01 2026-11-10 已回复 关于路灯长期不亮的反映 2026-05-06 未回复", BASE + "hdjl/ldxx/"])
    c.entry("/hdjl/ldxx/", "/hdjl/ldxx/3.html", "关于路灯长期不亮的反映", None, column="领导信箱")


def test_an_unanswered_letter_is_named_by_channel_title_and_date() -> None:
    crawl = complete_site()
    letter_left_unanswered(crawl)
    (finding,) = [f for f in crawl.run("INT-REPLY-01") if f.status == Status.FAILED]
    for said in (finding.subject, finding.message):
        assert "领导信箱" in said and "关于路灯长期不亮的反映" in said and "2026-05-06" in said, said
    assert finding.url == BASE + "hdjl/ldxx/3.html" and "2026-05-06" in finding.evidence.dates


def test_a_missing_fiscal_document_points_at_the_list_searched() -> None:
    crawl = complete_site()
    title = f"{DEPT}2026年部门预算"
    crawl.db.execute("delete from entries where title = ?", [title])
    crawl.db.execute("delete from pages where title = ?", [title])
    crawl.db.execute("delete from attachments where anchor like ?", [f"{title}%"])
    # the list page stored after its articles (the crawl's order): the articles must not stand for it
    crawl.delete_page("/zwgk/czyjs/")
    crawl.page("/zwgk/czyjs/", column="财政预决算", column_path=["政府信息公开", "财政预决算"], kind="list", anchor="财政预决算")
    (finding,) = [f for f in crawl.run("FIS-DEPT-01") if f.department == DEPT]
    assert finding.status == Status.FAILED
    assert finding.url == BASE + "zwgk/czyjs/" and finding.evidence.urls[0] == BASE + "zwgk/czyjs/"


def test_sampling_checks_say_how_much_they_read_and_whether_the_crawl_was_complete() -> None:
    (meta,) = complete_site().run("ID-META-01")
    notes = " ".join(meta.evidence.notes)
    assert "共检查已抓取的" in notes and "抓取完整" in notes, notes
    (timely,) = complete_site().run("UPD-TIME-01")
    notes = " ".join(timely.evidence.notes)
    assert "1 篇信息同时标明成文日期和发布日期" in notes and "抓取完整" in notes, notes


def test_sampling_checks_say_the_crawl_stopped_early() -> None:
    crawl = complete_site()
    crawl.db.execute("update runs set truncated = 1")
    for check in ("ID-META-01", "UPD-TIME-01"):
        (finding,) = crawl.run(check)
        assert "提前停止" in " ".join(finding.evidence.notes), check
