"""Items published on a yearly schedule: annual reports, budgets and final accounts.

The planted yearly gaps live here: a missing and a late department report, a missing department
budget, missing government final accounts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govaudit.demo import gaps, schedule, texts
from govaudit.demo.content import Department
from govaudit.demo.model import Column

if TYPE_CHECKING:
    from datetime import date
    from random import Random

    from govaudit.demo.site import _Builder

REPORTS_KEPT = 5


def _fiscal(
    b: _Builder, col: Column, title: str, day: date, rng: Random, files: list[str], dept: bool
) -> None:
    it = b.item(col, title, day, rng, paragraphs=texts.fiscal_paragraphs(rng, title, b.region, dept))
    for label in files:
        b.attach(it, label)


def add_government_fiscal(b: _Builder) -> None:
    cz = [
        ("政务公开", "/zwgk/index.html"),
        ("法定主动公开内容", "/zwgk/fdzdgknr/index.html"),
        ("财政预决算", "/zwgk/fdzdgknr/czyjs/index.html"),
    ]
    finance = f"{b.region}财政局"
    gov = b.column(
        "zfyjs", "政府预决算", "/zwgk/fdzdgknr/czyjs/zfyjs/", cz, "zwgk", gk=True, publisher=finance
    )
    b.column("bmyjs", "部门预决算", "/zwgk/fdzdgknr/czyjs/bmyjs/", cz, "zwgk", gk=True, publisher=finance)
    rng, r, as_of = b.rng("zfyjs"), b.region, b.as_of
    for y in schedule.budget_years(as_of):
        day = schedule.budget_day(rng, y)
        if day <= as_of:
            files = [
                f"{r}{y}年一般公共预算收支表.xls",
                f"{r}{y}年政府性基金预算收支表.xls",
                f"{r}{y}年政府预算编制说明.pdf",
            ]
            _fiscal(b, gov, f"{r}{y}年政府预算", day, rng, files, False)
            _fiscal(b, gov, f"{r}{y}年“三公”经费预算", day, rng, [f"{r}{y}年“三公”经费预算表.xls"], False)
    missing = b.due["government_final_accounts"] if b.gaps else as_of.year + 1
    for y in schedule.final_years(as_of):
        day = schedule.final_accounts_day(rng, y)
        if day <= as_of and y < missing:
            files = [f"{r}{y}年一般公共预算收支决算表.xls", f"{r}{y}年政府决算说明.pdf"]
            _fiscal(b, gov, f"{r}{y}年政府决算", day, rng, files, False)
            _fiscal(b, gov, f"{r}{y}年“三公”经费决算", day, rng, [f"{r}{y}年“三公”经费决算表.xls"], False)


def add_department_fiscal(b: _Builder, d: Department, col: Column) -> None:
    rng, as_of = b.rng(f"{d.root}yjs"), b.as_of
    missing = b.due["department_budget"] if b.gaps and d.code == gaps.MISSING_BUDGET else as_of.year + 1
    for y in schedule.budget_years(as_of):
        day = schedule.budget_day(rng, y)
        if day <= as_of and y < missing:
            files = [f"{d.name}{y}年部门预算公开表.xls", f"{d.name}{y}年部门预算情况说明.pdf"]
            _fiscal(b, col, f"{d.name}{y}年部门预算", day, rng, files, True)
    for y in schedule.final_years(as_of):
        day = schedule.final_accounts_day(rng, y)
        if day <= as_of:
            files = [f"{d.name}{y}年部门决算公开表.xls", f"{d.name}{y}年部门决算情况说明.pdf"]
            _fiscal(b, col, f"{d.name}{y}年部门决算", day, rng, files, True)


def add_district_reports(b: _Builder) -> None:
    owner = b.r.site_name
    crumbs = [("政务公开", "/zwgk/index.html")]
    col = b.column("gknb", "政府信息公开年报", "/zwgk/gknb/", crumbs, "zwgk", gk=True, publisher=b.r.sponsor)
    rng = b.rng("gknb")
    days = [(y, schedule.district_report_day(rng, y)) for y in schedule.report_years(b.as_of)]
    for y, day in [(y, day) for y, day in days if day <= b.as_of][:REPORTS_KEPT]:
        html = texts.annual_report_html(rng, owner, y)
        it = b.item(col, f"{owner}{y}年政府信息公开工作年度报告", day, rng, paragraphs=[], html=html)
        b.attach(it, f"{it.title}.pdf")
    # the 政府网站工作年度报表 (国办函〔2018〕12号), due in January like department reports
    web = b.column("wzndbb", "政府网站工作年度报表", "/wzndbb/", [], "", publisher=b.r.sponsor)
    for y in schedule.report_years(b.as_of):
        day = schedule.department_report_day(rng, y)
        if day <= b.as_of:
            b.item(web, f"{owner}门户网站政府网站工作年度报表（{y}年度）", day, rng)


def add_department_reports(b: _Builder, d: Department, col: Column) -> None:
    rng, due = b.rng(f"{d.root}gknb"), b.due["department_annual_report"]
    published = []
    for y in schedule.report_years(b.as_of):
        day = schedule.department_report_day(rng, y)
        if b.gaps and d.code == gaps.LATE_REPORT and y == due:
            day = schedule.late_department_report_day(y, b.as_of)
        if b.gaps and d.code == gaps.MISSING_REPORT and y >= due:
            continue
        if day <= b.as_of:
            published.append((y, day))
    for y, day in published[:REPORTS_KEPT]:
        html = texts.annual_report_html(rng, d.name, y)
        it = b.item(col, f"{d.name}{y}年政府信息公开工作年度报告", day, rng, paragraphs=[], html=html)
        b.attach(it, f"{it.title}.pdf")
