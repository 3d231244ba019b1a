"""Fail and unknown cases of the checks added with the full catalogue (issue 4), and the proof that every
check of the catalogue has a pass, a fail and an unknown case."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from checks.catalogue import CATALOGUE
from checks.model import Status
from tests import test_checks
from tests.fakecrawl import (
    BASE,
    DEPT,
    SANGONG,
    FakeCrawl,
    assert_planted_gap_fails,
    assert_unseen_is_unknown,
    complete_site,
    earlier_audit,
)


def url(path: str) -> str:
    return BASE + path.lstrip("/")


def drop_column(c: FakeCrawl, slug: str) -> None:
    path = f"/zwgk/fdzdgknr/{slug}/"
    c.delete_page(path)
    c.delete_links("to_url = ?", [url(path)])
    c.db.execute("delete from entries where list_url = ?", [url(path)])


def set_text(c: FakeCrawl, path: str, text: str) -> None:
    c.db.execute("update pages set text = ? where url = ?", [text, url(path)])


# -- planted gaps -------------------------------------------------------------------------------------

def loads_failing(c: FakeCrawl) -> None:
    for i in range(12):
        c.page(f"/slow/{i}.html", state="timeout")


def stale_news_columns(c: FakeCrawl, count: int = 5) -> None:
    for i in range(count):
        c.page(f"/dt{i}/", column=f"工作动态{i}", kind="list")
        c.entry(f"/dt{i}/", f"/dt{i}/1.html", f"动态{i}", "2026-01-05", column=f"工作动态{i}")


def ten_stale_columns(c: FakeCrawl) -> None:
    stale_news_columns(c, 10)


def five_blank_columns(c: FakeCrawl) -> None:
    for i in range(5):
        c.page(f"/kb{i}/", column=f"空白栏目{i}", kind="list", empty=True)


def no_letterbox(c: FakeCrawl) -> None:
    c.delete_page("/hdjl/ldxx/")
    c.delete_page("/hdjl/ldxx/1.html")
    c.delete_links("to_url = ?", [url("/hdjl/ldxx/")])
    c.db.execute("delete from entries where list_url = ?", [url("/hdjl/ldxx/")])


def letter_answered_after_four_months(c: FakeCrawl) -> None:
    set_text(c, "/hdjl/ldxx/", "领导信箱 标题 来信日期 回复日期 状态 关于道路维修的咨询 2026-03-01 2026-07-10 已回复 "
                               "建议增设公交站点 2026-11-01 2026-11-10 已回复")


def letter_never_answered(c: FakeCrawl) -> None:
    set_text(c, "/hdjl/ldxx/", "领导信箱 标题 来信日期 状态 关于道路维修的咨询 2026-05-01 未回复 "
                               "建议增设公交站点 2026-11-01 2026-11-10 已回复")


def quiet_letterbox(c: FakeCrawl) -> None:
    set_text(c, "/hdjl/ldxx/", "领导信箱 关于道路维修的咨询 2026-05-01 2026-05-05 已回复 "
                               "建议增设公交站点 2026-06-01 2026-06-03 已回复")
    set_text(c, "/hdjl/ldxx/1.html", "来信时间：2026-05-01 答复时间：2026-05-05")


def stale_policy_column(c: FakeCrawl) -> None:
    c.db.execute("update entries set date = '2025-01-01' where list_url = ?", [url("/zwgk/fdzdgknr/zcwj/")])


def undated_policy_column(c: FakeCrawl) -> None:
    c.db.execute("update entries set date = null where list_url = ?", [url("/zwgk/fdzdgknr/zcwj/")])
    c.db.execute("update pages set pub_date = null where url = ?", [url("/zwgk/fdzdgknr/zcwj/1.html")])


def late_publication(c: FakeCrawl) -> None:
    c.page("/zwgk/fdzdgknr/zcwj/1.html", kind="article", title="政策文件信息一则", column="政策文件", pub_date="2026-11-02",
           dates=[("table:成文日期", "2026-08-03"), ("label:发布日期", "2026-11-02")])


def footer_without_icp(c: FakeCrawl) -> None:
    c.db.execute("update pages set identity = json_set(identity, '$.icp', '') where url = ?", [BASE])


def page_without_meta(c: FakeCrawl) -> None:
    c.page("/xw/9.html", kind="article", title="无元数据的文章", pub_date="2026-11-01", meta={"SiteName": "测试区"})


def no_search(c: FakeCrawl) -> None:
    set_text(c, "/", "测试区人民政府 要闻动态 通知公告")


def com_domain(c: FakeCrawl) -> None:
    c.db["runs"].update(c.run_id, {"start_url": "http://www.test.com/"})


def department_elsewhere(c: FakeCrawl) -> None:
    c.db["departments"].insert({"run_id": c.run_id, "name": "测试区民政局", "root_url": "http://www.mzj-test.com/",
                                "source": "nav"})


def old_guide(c: FakeCrawl) -> None:
    c.db.execute("update pages set pub_date = '2023-01-01' where url = ?", [url("/zwgk/gkzn/")])


def apply_without_form(c: FakeCrawl) -> None:
    c.db.execute("delete from attachments where page_url = ?", [url("/zwgk/ysqgk/")])
    c.delete_links("from_url = ?", [url("/zwgk/ysqgk/")])


def no_procurement(c: FakeCrawl) -> None:
    drop_column(c, "zfcg")


def no_public_security(c: FakeCrawl) -> None:
    drop_column(c, "zagl")


def old_report_gone(c: FakeCrawl) -> None:
    test_checks.drop_doc(c, "测试区人民政府2022年政府信息公开工作年度报告")


def gov_report_gone(c: FakeCrawl) -> None:
    test_checks.drop_doc(c, "测试区人民政府2025年政府信息公开工作年度报告")


def gov_report_list_pager_failed(c: FakeCrawl) -> None:
    gov_report_gone(c)
    c.page("/zwgk/gknb/", column="政府信息公开年报", column_path=["政府信息公开", "政府信息公开年报"], kind="list",
           pager=["/zwgk/gknb/index_1.html"])
    c.page("/zwgk/gknb/index_1.html", state="timeout")


def report_without_heading(c: FakeCrawl) -> None:
    c.db.execute("update pages set text = replace(text, '五、存在的主要问题及改进情况', '') where url = ?",
                 [url("/zwgk/gknb/2025.html")])


def report_without_table(c: FakeCrawl) -> None:
    c.db.execute("update pages set text = replace(replace(text, '表四', ''), '结果维持', '') where url = ?",
                 [url("/zwgk/gknb/2025.html")])


def sangong_without_reception(c: FakeCrawl) -> None:
    c.db.execute("update pages set text = replace(text, '公务接待费1万元。', '') where title = ?",
                 ["测试区2026年“三公”经费预算"])


def fiscal_attachment_gone(c: FakeCrawl) -> None:
    c.db.execute("update attachments set status = 404 where anchor = ?", ["测试区2026年政府预算表.xls"])


def old_budget_gone(c: FakeCrawl) -> None:
    test_checks.drop_doc(c, "测试区2024年政府预算")


def broken_inner_link(c: FakeCrawl) -> None:
    c.link("/zwgk/", "/zwgk/old/", "旧栏目")
    c.page("/zwgk/old/", state="http_error", status=404)


def form_gone(c: FakeCrawl) -> None:
    c.db.execute("update attachments set status = 404 where page_url = ?", [url("/zwgk/ysqgk/")])


def catalogue_misses_areas(c: FakeCrawl) -> None:
    c.db.execute("update pages set text = replace(text, '税收管理', '') where url = ?", [url("/zwgk/bzml/")])


def stale_interpretation(c: FakeCrawl) -> None:
    c.db.execute("update entries set date = '2024-06-01' where list_url = ?", [url("/zwgk/fdzdgknr/zcjd/")])


def no_service_column(c: FakeCrawl) -> None:
    for path in ("/bsfw/", "/bsfw/1.html"):
        c.delete_page(path)
    c.delete_links("to_url = ?", [url("/bsfw/")])
    c.db.execute("delete from entries where list_url = ?", [url("/bsfw/")])
    # 行政许可 stays: a 法定主动公开 column, not a service column


def poor_guides(c: FakeCrawl, count: int = 5) -> None:
    for i in range(2, 2 + count):
        c.entry("/bsfw/", f"/bsfw/{i}.html", f"事项{i}办事指南", "2026-10-01", column="办事服务")
        c.page(f"/bsfw/{i}.html", column="办事服务", kind="article", title=f"事项{i}办事指南",
               text="事项名称：某事项 办理地点：政务服务中心 联系电话：0000-1", pub_date="2026-10-01")


def guide_without_fee(c: FakeCrawl) -> None:
    c.db.execute("update pages set text = replace(text, '收费标准：不收费 ', '') where url = ?", [url("/bsfw/1.html")])


def web_report_gone(c: FakeCrawl) -> None:
    c.db.execute("delete from entries where list_url = ?", [url("/wzndbb/")])


def web_report_late(c: FakeCrawl) -> None:
    c.db.execute("update entries set date = '2026-02-15' where list_url = ?", [url("/wzndbb/")])


def back_dated_entry(c: FakeCrawl) -> None:
    """Audited on 2026-10-27; by 2026-11-27 办事服务 lists a guide dated 2026-10-15 that the earlier audit did not see."""
    earlier_audit(c)
    c.entry("/bsfw/", "/bsfw/2.html", "低保申请办事指南", "2026-10-15", column="办事服务")


def date_edited_in_place(c: FakeCrawl) -> None:
    earlier_audit(c)
    c.db.execute("update entries set date = '2026-09-20', date_raw = '2026-09-20' where run_id = ? and url = ?",
                 [c.run_id, url("/bsfw/1.html")])


def first_audit(c: FakeCrawl) -> None:
    """No earlier audit of the site: nothing to compare with."""


def lists_moved(c: FakeCrawl) -> None:
    """Between the audits every entry got a new address (a CMS migration): the lists are not comparable."""
    earlier_audit(c)
    c.db.execute("update entries set url = replace(url, '.html', '.shtml') where run_id = ?", [c.run_id])
    c.entry("/bsfw/", "/bsfw/2.shtml", "低保申请办事指南", "2026-10-15", column="办事服务")


GAP_CASES: list[tuple[str, Callable[[FakeCrawl], None], str]] = [
    ("SVC-01", no_service_column, "办事服务"),
    ("SVC-02", poor_guides, "办事指南"),
    ("SVC-03", guide_without_fee, "残疾人证新办"),
    ("AVL-SITE-01", loads_failing, "站点可访问性"),
    ("UPD-VETO-A", stale_news_columns, "动态"),
    ("UPD-VETO-B", ten_stale_columns, "应更新栏目"),
    ("UPD-BLANK-02", five_blank_columns, "空白栏目"),
    ("INT-CHAN-01", no_letterbox, "咨询建言"),
    ("INT-REPLY-01", letter_answered_after_four_months, "留言办理"),
    ("INT-REPLY-01", letter_never_answered, "留言办理"),
    ("INT-RECENT-01", quiet_letterbox, "留言答复"),
    ("UPD-TYPE-01", stale_policy_column, "政策文件"),
    ("UPD-TYPE-01", undated_policy_column, "政策文件"),
    ("UPD-TIME-01", late_publication, "信息公开时限"),
    ("ID-FOOT-01", footer_without_icp, "ICP"),
    ("ID-META-01", page_without_meta, "元数据"),
    ("ID-SEARCH-01", no_search, "搜索"),
    ("ID-DOMAIN-01", com_domain, "域名"),
    ("ID-DOMAIN-02", department_elsewhere, "民政局"),
    ("GK-GUIDE-03", old_guide, "指南更新"),
    ("GK-APPLY-01", apply_without_form, "依申请公开"),
    ("GK-FDZD-01", no_procurement, "政府集中采购"),
    ("GK-FDZD-02", no_public_security, "治安管理"),
    ("GK-AR-01", gov_report_gone, "2025年"),
    ("GK-AR-03", old_report_gone, "往年年报"),
    ("GK-AR-04", report_without_heading, "六部分"),
    ("GK-AR-05", report_without_table, "统计表格"),
    ("FIS-SG-01", sangong_without_reception, "2026年预算“三公”经费"),
    ("FIS-ATT-01", fiscal_attachment_gone, "预决算附件"),
    ("FIS-HIST-01", old_budget_gone, "往年政府预决算"),
    ("LNK-SITE-01", broken_inner_link, "站内链接"),
    ("LNK-ATT-01", form_gone, "附件"),
    ("JC-CAT-01", catalogue_misses_areas, "标准目录"),
    ("AREA-01", stale_interpretation, "政策解读"),
    ("ID-NDBB-01", web_report_gone, "2025年度政府网站工作年度报表"),
    ("ID-NDBB-01", web_report_late, "2025年度政府网站工作年度报表"),
    ("DATE-BACK-01", back_dated_entry, "低保申请办事指南"),
    ("DATE-EDIT-01", date_edited_in_place, "残疾人证新办办事指南"),
]


@pytest.mark.parametrize(("check_id", "plant", "subject_part"), GAP_CASES)
def test_planted_gap_fails(check_id: str, plant: Callable[[FakeCrawl], None], subject_part: str) -> None:
    assert_planted_gap_fails(check_id, plant, subject_part)


def test_messages_tell_what_was_seen() -> None:
    crawl = complete_site()
    letter_answered_after_four_months(crawl)
    (finding,) = crawl.run("INT-REPLY-01")
    assert "2026-03-01" in " ".join(finding.evidence.notes) and "131 天" in " ".join(finding.evidence.notes)
    crawl = complete_site()
    late_publication(crawl)
    (finding,) = [f for f in crawl.run("UPD-TIME-01") if f.status == Status.FAILED]
    assert "2026-08-03" in " ".join(finding.evidence.notes)
    crawl = complete_site()
    catalogue_misses_areas(crawl)
    (finding,) = crawl.run("JC-CAT-01")
    assert "税收管理" in finding.message


# -- what could not be seen is unknown --------------------------------------------------------------

def home_unreachable(c: FakeCrawl) -> None:
    c.page("/", state="timeout", depth=0)


def few_loads(c: FakeCrawl) -> None:
    c.db.execute("delete from pages where url != ?", [BASE])


def stale_columns_and_a_script_list(c: FakeCrawl) -> None:
    stale_news_columns(c, 4)
    c.page("/dt9/", column="工作动态9", kind="list", script=True)
    c.entry("/dt9/", "/dt9/1.html", "动态9", None, column="工作动态9")


def letterbox_503(c: FakeCrawl) -> None:
    no_letterbox(c)
    c.link("/", "/hdjl/ldxx/", "领导信箱")
    c.page("/hdjl/ldxx/", state="http_error", status=503)


def letters_unreadable(c: FakeCrawl) -> None:
    set_text(c, "/hdjl/ldxx/", "领导信箱 关于道路维修的咨询 建议增设公交站点")
    c.delete_page("/hdjl/ldxx/1.html")


def policy_list_by_script(c: FakeCrawl) -> None:
    stale_policy_column(c)
    c.db.execute("update pages set script_rendered = 1 where url = ?", [url("/zwgk/fdzdgknr/zcwj/")])


def no_drafting_dates(c: FakeCrawl) -> None:
    c.db.execute("update pages set dates = '[]'")


def no_identity_stored(c: FakeCrawl) -> None:
    c.db.execute("update pages set identity = null")


def footer_loaded_by_script(c: FakeCrawl) -> None:
    """The home page's footer is a placeholder that a script fills: no number in the static page."""
    empty = {"site_code": "", "icp": "", "police_record": "", "sponsor": "", "organizer": "", "conac_seal": False,
             "phone": "", "address": "", "error_report": False, "footer_by_script": True}
    c.db.execute("update pages set identity = ? where url = ?", [json.dumps(empty), BASE])


def no_meta_stored(c: FakeCrawl) -> None:
    c.db.execute("update pages set meta = null")


def loopback_without_site_domain(c: FakeCrawl) -> None:
    c.db["runs"].update(c.run_id, {"start_url": "http://127.0.0.1:8000/"})


def no_departments(c: FakeCrawl) -> None:
    c.db.execute("delete from departments")


def undated_guide(c: FakeCrawl) -> None:
    c.db.execute("update pages set pub_date = null where url = ?", [url("/zwgk/gkzn/")])


def apply_page_blocked(c: FakeCrawl) -> None:
    c.page("/zwgk/ysqgk/", state="blocked", status=412, column="依申请公开")


def procurement_unreached(c: FakeCrawl) -> None:
    no_procurement(c)
    no_public_security(c)
    c.link("/zwgk/fdzdgknr/", "/zwgk/fdzdgknr/more/", "更多")  # linked, never fetched


def report_list_pager_failed(c: FakeCrawl) -> None:
    old_report_gone(c)
    c.page("/zwgk/gknb/", column="政府信息公开年报", column_path=["政府信息公开", "政府信息公开年报"], kind="list",
           pager=["/zwgk/gknb/index_1.html"])
    c.page("/zwgk/gknb/index_1.html", state="timeout")


def report_page_unread(c: FakeCrawl) -> None:
    c.page("/zwgk/gknb/2025.html", state="timeout")


def sangong_only_in_attachments(c: FakeCrawl) -> None:
    c.db.execute("update pages set text = replace(text, ?, '')", [SANGONG])


def attachments_unchecked(c: FakeCrawl) -> None:
    c.db.execute("update attachments set status = null, method = ''")


def attachments_behind_a_firewall(c: FakeCrawl) -> None:
    """Every file answered by a firewall's 403 stub (crawler.extract.blocking): nothing is known of the files."""
    c.db.execute("update attachments set status = 403, method = 'GET-range', error = 'blocked, HTTP 403', note = 'blocked'")


def fiscal_history_by_script(c: FakeCrawl) -> None:
    old_budget_gone(c)
    c.page("/zwgk/czyjs/", column="财政预决算", column_path=["政府信息公开", "财政预决算"], kind="list", script=True)


def fiscal_list_blocked(c: FakeCrawl) -> None:
    test_checks.drop_gov_budget(c)
    test_checks.drop_dept_final(c)
    c.page("/zwgk/czyjs/", state="blocked", status=412, column="财政预决算")


def inner_link_502(c: FakeCrawl) -> None:
    c.link("/zwgk/", "/zwgk/slow/", "慢栏目")
    c.page("/zwgk/slow/", state="http_error", status=502)


def catalogue_blocked(c: FakeCrawl) -> None:
    c.page("/zwgk/bzml/", state="blocked", status=521, column="政务公开事项标准目录")


def interpretation_unreached(c: FakeCrawl) -> None:
    drop_column(c, "zcjd")
    c.link("/zwgk/fdzdgknr/", "/zwgk/fdzdgknr/more/", "更多")


def service_blocked(c: FakeCrawl) -> None:
    c.delete_page("/bsfw/1.html")
    c.db.execute("delete from entries where list_url = ?", [url("/bsfw/")])
    c.page("/bsfw/", state="blocked", status=412, column="办事服务")


def some_guides_unread(c: FakeCrawl) -> None:
    poor_guides(c, 4)
    c.entry("/bsfw/", "/bsfw/9.html", "事项9办事指南", "2026-10-01", column="办事服务")
    c.page("/bsfw/9.html", state="timeout")


def web_report_list_blocked(c: FakeCrawl) -> None:
    web_report_gone(c)
    c.page("/wzndbb/", state="blocked", status=412, column="政府网站工作年度报表")


def web_report_link_broken(c: FakeCrawl) -> None:
    """The home page's link to the report column answers 404: LNK-HOME-01's finding, not a second one here."""
    web_report_gone(c)
    c.page("/wzndbb/", state="http_error", status=404)


UNSEEN_CASES: list[tuple[str, Callable[[FakeCrawl], None]]] = [
    ("SVC-01", service_blocked),
    ("SVC-02", some_guides_unread),
    ("SVC-03", service_blocked),
    ("AVL-SITE-01", home_unreachable),
    ("AVL-SITE-01", few_loads),
    ("UPD-VETO-A", home_unreachable),
    ("UPD-VETO-A", stale_columns_and_a_script_list),
    ("UPD-VETO-B", home_unreachable),
    ("UPD-BLANK-02", home_unreachable),
    ("INT-CHAN-01", letterbox_503),
    ("INT-REPLY-01", letters_unreadable),
    ("INT-RECENT-01", letters_unreadable),
    ("UPD-TYPE-01", policy_list_by_script),
    ("UPD-TIME-01", no_drafting_dates),
    ("ID-FOOT-01", no_identity_stored),
    ("ID-FOOT-01", home_unreachable),
    ("ID-FOOT-01", footer_loaded_by_script),
    ("ID-META-01", no_meta_stored),
    ("ID-SEARCH-01", home_unreachable),
    ("ID-DOMAIN-01", loopback_without_site_domain),
    ("ID-DOMAIN-02", no_departments),
    ("GK-GUIDE-03", undated_guide),
    ("GK-APPLY-01", apply_page_blocked),
    ("GK-FDZD-01", procurement_unreached),
    ("GK-FDZD-02", procurement_unreached),
    ("GK-AR-01", gov_report_list_pager_failed),
    ("GK-AR-03", report_list_pager_failed),
    ("GK-AR-04", report_page_unread),
    ("GK-AR-05", report_page_unread),
    ("FIS-SG-01", sangong_only_in_attachments),
    ("FIS-ATT-01", attachments_unchecked),
    ("FIS-HIST-01", fiscal_history_by_script),
    ("FIS-GOV-01", fiscal_list_blocked),
    ("FIS-DEPT-02", fiscal_list_blocked),
    ("LNK-SITE-01", inner_link_502),
    ("LNK-ATT-01", attachments_unchecked),
    ("LNK-ATT-01", attachments_behind_a_firewall),
    ("FIS-ATT-01", attachments_behind_a_firewall),
    ("JC-CAT-01", catalogue_blocked),
    ("AREA-01", interpretation_unreached),
    ("ID-NDBB-01", web_report_list_blocked),
    ("ID-NDBB-01", web_report_link_broken),
    ("ID-NDBB-01", home_unreachable),
    ("DATE-BACK-01", first_audit),
    ("DATE-EDIT-01", first_audit),
    ("DATE-BACK-01", lists_moved),
    ("DATE-EDIT-01", lists_moved),
]


@pytest.mark.parametrize(("check_id", "plant"), UNSEEN_CASES)
def test_unseen_evidence_is_unknown(check_id: str, plant: Callable[[FakeCrawl], None]) -> None:
    assert_unseen_is_unknown(check_id, plant)


def test_attachment_columns_missing_from_an_older_database_is_unknown() -> None:
    crawl = complete_site()
    facts = crawl.facts()
    facts.table_columns["attachments"].discard("method")
    from checks.catalogue import BY_ID

    (finding,) = BY_ID["LNK-ATT-01"].run(facts)
    assert finding.status == Status.UNKNOWN and "附件状态" in finding.message


def test_every_check_has_pass_fail_and_unknown_cases() -> None:
    ids = {c.id for c in CATALOGUE}  # pass: tests/test_checks.py::test_complete_site_passes runs them all
    failing = {case[0] for case in GAP_CASES + test_checks.GAP_CASES}
    unknown = {case[0] for case in UNSEEN_CASES + test_checks.UNSEEN_CASES}
    assert ids - failing == set(), "checks without a fail case"
    assert ids - unknown == set(), "checks without an unknown case"


def test_the_department_in_the_complete_site_is_scored_too() -> None:
    from checks.runner import run_checks

    crawl = complete_site()
    test_checks.drop_dept_report(crawl)
    run_checks(crawl.db, crawl.run_id, crawl.facts().profile)
    rows = {r["department"]: (r["verdict"], r["score"]) for r in crawl.db.query(
        "select * from scores where run_id = ? and scope = 'department'", [crawl.run_id])}
    assert rows[DEPT] == ("合格", 99) and rows[""] == ("合格", 100)


@pytest.mark.parametrize("source", ["meta:firstpublishedtime", "meta:publishdate", "label:公开日期", "label:发表时间"])
def test_publication_dates_other_cms_write_are_judged_against_the_drafting_date(source: str) -> None:
    crawl = complete_site()
    crawl.page("/zwgk/fdzdgknr/zcwj/1.html", kind="article", title="政策文件信息一则", column="政策文件",
               pub_date="2026-11-02", dates=[("table:成文日期", "2026-08-03"), (source, "2026-11-02")])
    (finding,) = [f for f in crawl.run("UPD-TIME-01") if f.status == Status.FAILED]
    assert "2026-08-03" in " ".join(finding.evidence.notes)
