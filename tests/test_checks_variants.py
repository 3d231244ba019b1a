"""Published, but named, placed or shaped differently than our own demo does: each must not be called missing."""

from __future__ import annotations

import pytest

from checks.model import Status
from tests.fakecrawl import DEPT, GUIDE_TEXT, HEADINGS, SANGONG, TABLES, FakeCrawl, complete_site


def statuses(crawl: FakeCrawl, check_id: str) -> dict[str, Status]:
    return {f.subject: f.status for f in crawl.run(check_id)}


# -- column names real portals use ------------------------------------------------------------------------

def rename_column(c: FakeCrawl, old: str, new: str) -> None:
    c.db.execute("update pages set column_name = ?, anchor = ?, column_path = replace(column_path, ?, ?) "
                 "where column_name = ?", [new, new, old, new, old])
    c.rename_links(old, new)
    c.db.execute("update entries set column_name = ?, title = replace(title, ?, ?) where column_name = ?",
                 [new, old, new, old])


@pytest.mark.parametrize(("check_id", "old", "new", "subject"), [
    ("GK-FDZD-01", "政策文件", "政策法规", "规章和规范性文件"),
    ("GK-FDZD-01", "行政执法", "双公示", "行政处罚和行政强制"),
    ("AREA-01", "建议提案办理", "人大建议和政协提案", "建议提案办理"),
    ("GK-FDZD-02", "公共服务", "公共文化服务", "公共服务"),
])
def test_column_under_another_real_name_passes(check_id: str, old: str, new: str, subject: str) -> None:
    crawl = complete_site()
    rename_column(crawl, old, new)
    found = {s: st for s, st in statuses(crawl, check_id).items() if subject in s}
    assert found and set(found.values()) == {Status.PASSED}, found


# -- 互动: letters that share a title ------------------------------------------------------------------------

def letters_with_one_title(c: FakeCrawl, asked_late: str, answered_late: str) -> None:
    title = "关于小区停车难问题的咨询"
    rows = [("/hdjl/ldxx/11.html", "2026-09-01", "2026-09-05"), ("/hdjl/ldxx/12.html", asked_late, answered_late),
            ("/hdjl/ldxx/13.html", "2026-10-01", "2026-10-03")]
    text = "领导信箱 标题 来信日期 回复日期 状态 " + " ".join(f"{title} {a} {b} 已回复" for _, a, b in rows)
    c.page("/hdjl/ldxx/", column="领导信箱", kind="list", anchor="领导信箱", text=text)
    c.db.execute("delete from entries where list_url like '%/hdjl/ldxx/'")
    for path, _, answered in rows:
        c.entry("/hdjl/ldxx/", path, title, answered, column="领导信箱")


def test_letters_sharing_a_title_are_each_read_from_their_own_row() -> None:
    crawl = complete_site()
    letters_with_one_title(crawl, "2026-03-02", "2026-08-20")  # the second letter waited 171 days
    [finding] = crawl.run("INT-REPLY-01")
    assert finding.status == Status.FAILED, finding.message
    assert "2026-03-02" in " ".join(finding.evidence.notes)
    crawl = complete_site()
    letters_with_one_title(crawl, "2026-08-02", "2026-08-20")
    assert [f.status for f in crawl.run("INT-REPLY-01")] == [Status.PASSED]
    assert [f.status for f in crawl.run("INT-RECENT-01")] == [Status.PASSED]


# -- 年报 published as a file ------------------------------------------------------------------------------------

REPORT_2025 = f"{DEPT}2025年政府信息公开工作年度报告"


@pytest.mark.parametrize("check_id", ["GK-AR-04", "GK-AR-05"])
def test_report_only_in_its_attachment_is_unknown(check_id: str) -> None:
    crawl = complete_site()
    crawl.db.execute("update pages set text = ? where title = ?", [f"{REPORT_2025} 详见附件。", REPORT_2025])
    crawl.attachment("/bm/jyj/gknb/2025.html", "/bm/jyj/gknb/P020260120.pdf", f"{REPORT_2025}.pdf")
    dept = [f for f in crawl.run(check_id) if f.department == DEPT]
    assert [f.status for f in dept] == [Status.UNKNOWN], [(f.status, f.message) for f in dept]
    assert "附件" in dept[0].message


@pytest.mark.parametrize("check_id", ["GK-AR-04", "GK-AR-05"])
def test_report_page_without_the_format_and_without_a_file_still_fails(check_id: str) -> None:
    crawl = complete_site()
    crawl.db.execute("update pages set text = ? where title = ?", [f"{REPORT_2025} 今年工作很好。", REPORT_2025])
    dept = [f for f in crawl.run(check_id) if f.department == DEPT]
    assert [f.status for f in dept] == [Status.FAILED]


def test_report_with_part_of_the_format_and_a_file_still_fails() -> None:
    crawl = complete_site()
    crawl.db.execute("update pages set text = ? where title = ?", [f"{REPORT_2025} 一、总体情况 {TABLES}", REPORT_2025])
    crawl.attachment("/bm/jyj/gknb/2025.html", "/bm/jyj/gknb/P020260120.pdf", f"{REPORT_2025}.pdf")
    dept = [f for f in crawl.run("GK-AR-04") if f.department == DEPT]
    assert [f.status for f in dept] == [Status.FAILED]
    assert "二、主动公开政府信息情况" in dept[0].message and HEADINGS.startswith("一、总体情况")


# -- a sub-district named as its office --------------------------------------------------------------------------

def test_sub_district_budget_named_by_its_office_is_found() -> None:
    crawl = complete_site()
    crawl.department("东城街道", "/bm/dcjd/")
    crawl.page("/bm/dcjd/", column="东城街道", department="东城街道", anchor="东城街道")
    for i, title in enumerate([f"测试区东城街道办事处{y}年部门预算" for y in (2024, 2025, 2026)]
                              + [f"东城街道办{y}年度部门决算" for y in (2023, 2024, 2025)]):
        crawl.entry("/zwgk/czyjs/", f"/zwgk/czyjs/dc{i}.html", title, "2026-03-01", column="财政预决算")
        crawl.page(f"/zwgk/czyjs/dc{i}.html", kind="article", title=title, pub_date="2026-03-01", column="财政预决算",
                   text=f"{title} {SANGONG}")
    for check_id in ("FIS-DEPT-01", "FIS-DEPT-02", "FIS-HIST-01"):
        found = [f.status for f in crawl.run(check_id) if f.department == "东城街道"]
        assert found == [Status.PASSED], (check_id, found)


# -- 指南: published on another unit's pages, or in other words ------------------------------------------------

def guide_only_as_a_notice(c: FakeCrawl, unit: str) -> None:
    c.delete_page("/bm/jyj/gkzn/")
    c.delete_links("to_url like '%/bm/jyj/gkzn/'")
    title = f"关于印发《{unit}政府信息公开指南》的通知"
    c.entry("/zwgk/gkzd/", "/zwgk/gkzd/1.html", title, "2026-05-10", column="政府信息公开制度")
    c.page("/zwgk/gkzd/1.html", kind="article", title=title, column="政府信息公开制度", pub_date="2026-05-10",
           text=f"各科室：现将《{unit}政府信息公开指南》印发给你们。{GUIDE_TEXT}")


@pytest.mark.parametrize("check_id", ["GK-GUIDE-01", "GK-GUIDE-02", "GK-GUIDE-03"])
def test_department_guide_published_in_the_governments_column_is_found(check_id: str) -> None:
    crawl = complete_site()
    guide_only_as_a_notice(crawl, DEPT)
    found = [(f.status, f.message) for f in crawl.run(check_id) if f.department == DEPT]
    assert [s for s, _ in found] == [Status.PASSED], found


def test_another_units_guide_does_not_count() -> None:
    crawl = complete_site()
    guide_only_as_a_notice(crawl, "测试区体育局")
    found = [f.status for f in crawl.run("GK-GUIDE-01") if f.department == DEPT]
    assert found == [Status.FAILED]


@pytest.mark.parametrize(("said", "instead"), [
    ("办公地址：人民路1号", "办公地点：人民路1号"),
    ("办公时间：工作日9:00-17:00", "接待时间：工作日9:00-17:00"),
    ("电子邮箱：gk@test.gov.cn", "电子信箱：gk@test.gov.cn"),
])
def test_guide_elements_in_other_words(said: str, instead: str) -> None:
    crawl = complete_site()
    assert said.rstrip("。") in GUIDE_TEXT.replace("。", "")
    crawl.db.execute("update pages set text = replace(replace(text, '。', ''), ?, ?) where url like '%/zwgk/gkzn/'",
                     [said, instead])
    [finding] = [f for f in crawl.run("GK-GUIDE-02") if f.department == ""]
    assert finding.status == Status.PASSED, finding.message


def test_application_form_called_shenqingshu() -> None:
    crawl = complete_site()
    crawl.db.execute("update attachments set anchor = '政府信息公开申请书.doc' where anchor = '政府信息公开申请表.doc'")
    crawl.rename_links("政府信息公开申请表.doc", "政府信息公开申请书.doc")
    assert [f.status for f in crawl.run("GK-APPLY-01")] == [Status.PASSED]


# -- 三公经费 named in the budget's own title -------------------------------------------------------------------

@pytest.mark.parametrize(("check_id", "old", "new"), [
    ("FIS-DEPT-01", f"{DEPT}2026年部门预算", f"{DEPT}2026年度部门预算（含三公经费）"),
    ("FIS-DEPT-02", f"{DEPT}2025年部门决算", f"{DEPT}2025年部门决算及“三公”经费决算公开"),
    ("FIS-GOV-01", "测试区2026年政府预算", "测试区2026年预算及三公经费公开"),
])
def test_budget_that_names_sangong_in_its_title_is_the_budget(check_id: str, old: str, new: str) -> None:
    crawl = complete_site()
    crawl.db.execute("update entries set title = ? where title = ?", [new, old])
    crawl.db.execute("update pages set title = ? where title = ?", [new, old])
    crawl.db.execute("update attachments set anchor = ? where anchor = ?", [f"{new}表.xls", f"{old}表.xls"])
    assert {f.status for f in crawl.run(check_id)} == {Status.PASSED}


def test_sangong_statement_alone_is_not_the_budget() -> None:
    crawl = complete_site()
    old = f"{DEPT}2026年部门预算"
    crawl.db.execute("update entries set title = ? where title = ?", [f"{DEPT}2026年“三公”经费预算", old])
    crawl.db.execute("update pages set title = ? where title = ?", [f"{DEPT}2026年“三公”经费预算", old])
    crawl.db.execute("delete from attachments where anchor = ?", [f"{old}表.xls"])
    assert [f.status for f in crawl.run("FIS-DEPT-01") if f.department == DEPT] == [Status.FAILED]


# -- a department whose columns live outside its folder (Hanweb: /col/colN/, /art/…) -----------------------------

def hanweb_department(c: FakeCrawl) -> None:
    """测试区住建局: its home is /col/col101/; its 年报 column /col/col102/ and reports /art/… carry only the
    breadcrumb 部门信息公开 > 测试区住建局 > 政府信息公开年报; the reports do not name the unit."""
    unit = "测试区住建局"
    c.department(unit, "/col/col101/")
    c.page("/col/col101/", column=unit, department=unit, column_path=["部门信息公开", unit], kind="list")
    c.link("/col/col101/", "/col/col102/", "政府信息公开年报")
    path = ["部门信息公开", unit, "政府信息公开年报"]
    c.page("/col/col102/", column="政府信息公开年报", column_path=path, kind="list")
    c.link("/col/col101/", "/col/col103/", "政府信息公开指南")
    c.page("/col/col103/", column="政府信息公开指南", column_path=["部门信息公开", unit, "政府信息公开指南"],
           kind="article", title="政府信息公开指南", text=GUIDE_TEXT, pub_date="2026-03-01")
    for year in range(2021, 2026):
        title = f"{year}年度政府信息公开工作年度报告"
        c.entry("/col/col102/", f"/art/{year + 1}/1/20/art_102_{year}.html", title, f"{year + 1}-01-20",
                column="政府信息公开年报")
        c.page(f"/art/{year + 1}/1/20/art_102_{year}.html", kind="article", title=title, column="政府信息公开年报",
               column_path=path, pub_date=f"{year + 1}-01-20", text=f"{title} {HEADINGS} {TABLES}")
        c.link("/col/col102/", f"/art/{year + 1}/1/20/art_102_{year}.html", title)


@pytest.mark.parametrize("check_id", ["GK-GUIDE-01", "GK-GUIDE-02", "GK-AR-02", "GK-AR-03", "GK-AR-04"])
def test_department_columns_outside_its_folder_are_found_by_breadcrumb(check_id: str) -> None:
    crawl = complete_site()
    hanweb_department(crawl)
    found = [(f.status, f.message) for f in crawl.run(check_id) if f.department == "测试区住建局"]
    assert [s for s, _ in found] == [Status.PASSED], found


def test_breadcrumb_attribution_leaves_other_pages_alone() -> None:
    crawl = complete_site()
    hanweb_department(crawl)
    crawl.page("/zwgk/tzgg/1.html", kind="article", title="通知", column_path=["测试区住建局", "测试区教育局"])
    facts = crawl.facts()
    assert {p.department for p in facts.pages.values() if "/art/" in p.url} == {"测试区住建局"}
    assert facts.pages["http://www.test.gov.cn/zwgk/tzgg/1.html"].department == ""  # two units named: neither
    assert facts.pages["http://www.test.gov.cn/zwgk/gknb/2025.html"].department == ""  # the government's own
    assert all(e.department == "测试区住建局" for e in facts.entries if "/col/col102/" in e.list_url)


# -- column types, catalogue areas and guide labels under other real names ---------------------------------------

def test_download_column_is_not_a_policy_document_column() -> None:
    crawl = complete_site()
    for name, slug in (("文件下载", "wjxz"), ("政府文件", "zfwj")):
        crawl.page(f"/{slug}/", column=name, kind="list", anchor=name)
        crawl.entry(f"/{slug}/", f"/{slug}/1.html", f"{name}：一则旧信息", "2025-01-10", column=name)
    found = {f.subject: f.status for f in crawl.run("UPD-TYPE-01")}
    assert not any("文件下载" in s for s in found), found  # forms to download: no update period
    assert [st for s, st in found.items() if "政府文件" in s] == [Status.FAILED]


@pytest.mark.parametrize(("instead", "status"), [("乡村振兴", Status.PASSED), ("", Status.FAILED)])
def test_catalogue_area_under_its_new_name(instead: str, status: Status) -> None:
    crawl = complete_site()
    crawl.db.execute("update pages set text = replace(text, '扶贫', ?) where url like '%/zwgk/bzml/'", [instead])
    assert [f.status for f in crawl.run("JC-CAT-01")] == [status]


def test_service_guide_labels_in_other_words() -> None:
    crawl = complete_site()
    crawl.db.execute("update pages set text = replace(replace(replace(text, '办理材料', '所需材料'), '办理机构', '办理部门'), "
                     "'设定依据', '法定依据') where url like '%/bsfw/1.html'")
    assert [f.status for f in crawl.run("SVC-03")] == [Status.PASSED]


# -- the government's reports filed in its office's folder -----------------------------------------------------------

def reports_in_the_offices_folder(c: FakeCrawl) -> None:
    office = "测试区政府办公室"
    c.department(office, "/zwgk/gknb/")
    c.db.execute("update pages set department = ? where url like '%/zwgk/gknb/%'", [office])
    c.db.execute("update entries set department = ? where list_url like '%/zwgk/gknb/%'", [office])


@pytest.mark.parametrize("check_id", ["GK-AR-01", "GK-AR-03", "GK-AR-04"])
def test_government_reports_in_a_units_folder_are_the_governments(check_id: str) -> None:
    crawl = complete_site()
    reports_in_the_offices_folder(crawl)
    found = [(f.status, f.message) for f in crawl.run(check_id) if f.department == ""]
    assert [s for s, _ in found] == [Status.PASSED], found


def test_the_office_is_not_credited_with_the_governments_report() -> None:
    crawl = complete_site()
    reports_in_the_offices_folder(crawl)
    found = [f.status for f in crawl.run("GK-AR-02") if f.department == "测试区政府办公室"]
    assert found == [Status.FAILED]


# -- veto channels under other real names ---------------------------------------------------------------------------

@pytest.mark.parametrize(("check_id", "old", "new"), [
    ("INT-CHAN-01", "领导信箱", "网上咨询"),
    ("INT-CHAN-01", "领导信箱", "在线留言"),
    ("SVC-01", "办事服务", "在线办事"),
])
def test_veto_channel_under_another_real_name(check_id: str, old: str, new: str) -> None:
    crawl = complete_site()
    rename_column(crawl, old, new)
    assert [f.status for f in crawl.run(check_id)] == [Status.PASSED]


# -- 三公经费 mentioned in prose is no split ------------------------------------------------------------------------

PROSE = "严格控制一般性支出，严控公务接待和公务用车支出，“三公”经费只减不增。"


def test_sangong_in_prose_is_unknown_not_failed() -> None:
    crawl = complete_site()
    for title in ("测试区2025年政府决算", "测试区2025年“三公”经费决算"):
        crawl.db.execute("update pages set text = ? where title = ?", [f"{title} {PROSE}", title])
    [finding] = [f for f in crawl.run("FIS-SG-01") if f.department == "" and "决算" in f.subject]
    assert finding.status == Status.UNKNOWN, finding.message


def test_sangong_split_with_amounts_but_a_part_missing_still_fails() -> None:
    crawl = complete_site()
    short = "“三公”经费：因公出国（境）费0万元；公务用车购置及运行费5万元。"
    for title in ("测试区2025年政府决算", "测试区2025年“三公”经费决算"):
        crawl.db.execute("update pages set text = ? where title = ?", [f"{title} {short}", title])
    [finding] = [f for f in crawl.run("FIS-SG-01") if f.department == "" and "决算" in f.subject]
    assert finding.status == Status.FAILED and "公务接待费" in finding.message


# -- a 61号 platform: its 法定主动公开内容 column is the catalogue only where a profile says so ---------------------------
# (issue 9: a 法定主动公开内容 column without a 目录 or catalogue metadata is no catalogue; see
# tests/test_checks_issue9_content_catalogue.py)

def test_platform_without_a_catalogue_column_uses_its_statutory_content_column() -> None:
    from checks.profile import load_profile, merge

    crawl = complete_site()
    crawl.delete_page("/zwgk/gkml/")
    crawl.delete_links("to_url like '%/zwgk/gkml/'")
    profile = merge(load_profile(), {"columns": {"catalogue_as": ["法定主动公开内容", "主动公开内容"]}})
    [finding] = crawl.run("GK-CAT-01", profile)
    assert finding.status == Status.PASSED and "法定主动公开内容" in finding.message, finding.message
    assert [f.status for f in crawl.run("GK-CAT-01")] == [Status.FAILED]  # the national profile accepts no name alone
    crawl.delete_page("/zwgk/fdzdgknr/")
    crawl.delete_links("to_url like '%/zwgk/fdzdgknr/'")
    crawl.db.execute("update pages set column_path = '[]' where url like '%/zwgk/fdzdgknr/%'")
    assert [f.status for f in crawl.run("GK-CAT-01", profile)] == [Status.FAILED]


# -- budgets listed by unit name in a column that gives the year ---------------------------------------------------

def budgets_by_unit_name(c: FakeCrawl, title: str, column: str) -> None:
    for old in (f"{DEPT}2026年部门预算", "测试区2026年政府预算"):
        c.db.execute("delete from entries where title = ?", [old])
        c.db.execute("delete from pages where title = ?", [old])
        c.db.execute("delete from attachments where anchor like ?", [f"{old}%"])
    c.page("/zwgk/czyjs/2026/", column=column, column_path=["政府信息公开", "财政预决算", column], kind="list")
    c.entry("/zwgk/czyjs/2026/", "/zwgk/czyjs/2026/1.html", title, "2026-02-20", column=column)
    c.page("/zwgk/czyjs/2026/1.html", kind="article", title=title, column=column, pub_date="2026-02-20", text=SANGONG)


@pytest.mark.parametrize(("title", "column", "check_id", "department"), [
    ("测试区教育局", "2026年部门预算公开", "FIS-DEPT-01", DEPT),
    ("教育局", "2026年度部门预算", "FIS-DEPT-01", DEPT),
    ("一般公共预算收支总表", "2026年预算公开", "FIS-GOV-01", ""),
])
def test_document_named_by_its_unit_in_a_column_of_the_year(title: str, column: str, check_id: str,
                                                             department: str) -> None:
    crawl = complete_site()
    budgets_by_unit_name(crawl, title, column)
    found = [(f.status, f.message) for f in crawl.run(check_id) if f.department == department]
    assert [s for s, _ in found] == [Status.PASSED], found


def test_column_of_the_year_does_not_make_another_unit_pass() -> None:
    crawl = complete_site()
    budgets_by_unit_name(crawl, "测试区体育局", "2026年部门预算公开")
    assert [f.status for f in crawl.run("FIS-DEPT-01") if f.department == DEPT] == [Status.FAILED]


@pytest.mark.parametrize("button", ["搜 索", "搜　索", "检\u00a0索"])
def test_search_button_spelled_with_a_space(button: str) -> None:
    crawl = complete_site()
    crawl.db.execute("update pages set text = ? where url = ?", [f"测试区人民政府 {button} 要闻动态", "http://www.test.gov.cn/"])
    assert [f.status for f in crawl.run("ID-SEARCH-01")] == [Status.PASSED]
    crawl.db.execute("update pages set text = ? where url = ?", ["测试区人民政府 要闻动态", "http://www.test.gov.cn/"])
    assert [f.status for f in crawl.run("ID-SEARCH-01")] == [Status.FAILED]


@pytest.mark.parametrize(("anchor", "action"), [("搜索", "/jsearch/search.do"), ("", "/was5/web/search"),
                                                ("请输入关键字", "/site/search/index.jsp")])
def test_search_form_on_the_home_page(anchor: str, action: str) -> None:
    crawl = complete_site()
    crawl.db.execute("update pages set text = ? where url = ?", ["测试区人民政府 要闻动态", "http://www.test.gov.cn/"])
    crawl.link("/", action, anchor, kind="form")  # <form action=…><input type="submit" value="搜 索">
    [finding] = crawl.run("ID-SEARCH-01")
    assert finding.status == Status.PASSED and finding.url == "http://www.test.gov.cn" + action, finding


def test_search_form_is_never_a_page_or_broken_link() -> None:
    crawl = complete_site()
    crawl.page("/jsearch/search.do", state="http_error", status=404)  # a search endpoint asked without its words
    crawl.link("/", "/jsearch/search.do", "搜索", kind="form")
    crawl.link("/zwgk/", "/jsearch/search.do", "政府信息公开指南", kind="form")
    for check_id in ("LNK-HOME-01", "LNK-SITE-01", "GK-COL-01", "ID-SEARCH-01"):
        assert {f.status for f in crawl.run(check_id)} == {Status.PASSED}, check_id
    facts = crawl.facts()
    pages = [facts.home_url, facts.home_url + "zwgk/"]
    assert [lk for url in pages for lk in facts.links_from.get(url, []) if lk.kind == "form"] == []
    assert [lk.anchor for url in pages for lk in facts.forms_from.get(url, [])] == ["搜索", "政府信息公开指南"]


# -- 指南 published as a file ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "status"), [
    ("测试区教育局政府信息公开指南 详见附件。 地址：人民路1号", Status.UNKNOWN),  # the guide is the file
    (GUIDE_TEXT.replace("传真号码：0000-1234568。", ""), Status.FAILED),  # a full guide on the page lacking the fax
])
def test_guide_only_in_its_attachment_is_unknown(text: str, status: Status) -> None:
    crawl = complete_site()
    crawl.db.execute("update pages set text = ? where url like '%/bm/jyj/gkzn/'", [text])
    crawl.attachment("/bm/jyj/gkzn/", "/bm/jyj/gkzn/P020260401.pdf", "测试区教育局政府信息公开指南.pdf")
    assert [f.status for f in crawl.run("GK-GUIDE-02") if f.department == DEPT] == [status]


def test_contact_shown_as_a_contact_us_link() -> None:
    crawl = complete_site()
    identity = {"site_code": "1200000052", "icp": "京ICP备05000000号-1", "police_record": "京公网安备11010102000001号",
                "sponsor": "测试区人民政府办公室", "organizer": "", "conac_seal": True, "phone": "", "address": ""}
    crawl.page("/", depth=0, title="测试区人民政府", kind="list", column="首页", identity=identity,
               text="测试区人民政府 站内搜索 要闻动态 通知公告")
    contact = [f for f in crawl.run("ID-FOOT-01") if "联系方式" in f.subject]
    assert [f.status for f in contact] == [Status.FAILED]
    crawl.link("/", "/lxwm/", "联系我们")
    contact = [f for f in crawl.run("ID-FOOT-01") if "联系方式" in f.subject]
    assert [f.status for f in contact] == [Status.PASSED]


def test_totals_after_the_last_letter_are_not_its_status() -> None:
    crawl = complete_site()
    text = ("领导信箱 标题 来信日期 状态 关于道路维修的咨询 2026-10-01 已回复 建议增设公交站点 2026-06-01 已回复 "
            "共2条 本年度受理来信120件，已回复117件，未回复3件 " + "网站地图 联系我们 " * 10)
    crawl.page("/hdjl/ldxx/", column="领导信箱", kind="list", anchor="领导信箱", text=text)
    crawl.db.execute("update entries set date = null where list_url like '%/hdjl/ldxx/'")
    crawl.db.execute("update pages set text = '建议增设公交站点 来信时间：2026-06-01' where url like '%/hdjl/ldxx/2.html'")
    crawl.page("/hdjl/ldxx/2.html", kind="article", title="建议增设公交站点", column="领导信箱",
               text="建议增设公交站点 来信时间：2026-06-01")
    [finding] = crawl.run("INT-REPLY-01")
    assert finding.status != Status.FAILED, finding.message


@pytest.mark.parametrize("check_id", ["GK-GUIDE-01", "GK-GUIDE-02", "GK-GUIDE-03"])
def test_government_guide_filed_in_its_offices_folder(check_id: str) -> None:
    crawl = complete_site()
    crawl.department("测试区政府办公室", "/zwgk/gkzn/")
    crawl.db.execute("update pages set department = '测试区政府办公室' where url like '%/zwgk/gkzn/%'")
    found = [(f.status, f.message) for f in crawl.run(check_id) if f.department == ""]
    assert [s for s, _ in found] == [Status.PASSED], found


def test_another_units_guide_is_not_read_as_the_governments() -> None:
    crawl = complete_site()
    crawl.department("测试区体育局", "/bm/tyj/")
    guide_only_as_a_notice(crawl, "测试区体育局")  # a notice with a full guide text, in the government's 制度 list
    crawl.link("/zwgk/gkzd/", "/zwgk/gkzd/1.html", "关于印发《测试区体育局政府信息公开指南》的通知")
    crawl.db.execute("update pages set text = replace(text, '传真号码：0000-1234568。', '') where url like '%/zwgk/gkzn/'")
    [finding] = [f for f in crawl.run("GK-GUIDE-02") if f.department == ""]
    assert finding.status == Status.FAILED and "传真号码" in finding.message, (finding.message, finding.evidence.urls)
    assert all("gkzd" not in url for url in finding.evidence.urls)
