"""预决算 in detail (143号): 三公经费 and its split, fiscal attachments reachable, earlier years still online."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.common import MAX_NOTES
from checks.facts import Doc, Facts
from checks.fiscal import KIND_ZH, due_years, fiscal_absence, matching
from checks.links import judge_attachments
from checks.model import Evidence, Finding, Status
from checks.titles import parse_fiscal_title
from checks.units import unit_matches


def _units(facts: Facts) -> list[str]:
    return ["", *facts.department_names]


def sangong_documents(facts: Facts, *, kind: str, year: int, department: str) -> list[Doc]:
    """The unit's 三公 documents of that year and kind, and its budget/final-accounts documents (which hold 三公 too)."""
    region = facts.profile.get("region", "")
    docs = list(matching(facts, kind=kind, year=year, department=department))
    for doc in facts.documents():
        parsed = parse_fiscal_title(doc.title)
        if not parsed.sangong or parsed.kind != kind or parsed.year != year:
            continue
        if department and (doc.department == department or unit_matches(doc.title, department, region)):
            docs.append(doc)
        elif not department and parsed.scope == "government":
            docs.append(doc)
    return docs


def sangong_split(facts: Facts) -> Iterator[Finding]:
    """FIS-SG-01: the 三公经费 of the due budget and final accounts, split into its three parts."""
    parts = facts.profile["fiscal"]["sangong_parts"]
    years = due_years(facts.as_of, facts.profile)
    for dept in _units(facts):
        for kind in ("budget", "final"):
            year = years[kind]
            subject = f"{facts.unit_label(dept)} {year}年{KIND_ZH[kind]}“三公”经费"
            docs = sangong_documents(facts, kind=kind, year=year, department=dept)
            if not docs:
                yield Finding(Status.UNKNOWN, subject, f"未找到{year}年{KIND_ZH[kind]}文件（见 FIS-GOV/FIS-DEPT），无法核对“三公”经费",
                              dept)
                continue
            pages = [p for d in docs if (p := facts.pages.get(d.url)) is not None and p.ok and p.text]
            text = " ".join(p.text for p in pages)
            urls = sorted({d.url for d in docs})[:MAX_NOTES]
            if "三公" not in text:
                yield Finding(Status.UNKNOWN, subject,
                              "“三公”经费情况不在已读取的网页正文中（可能只在附件表格中），无法核对", dept, urls[0], Evidence(urls=urls))
                continue
            missing = [name for name, patterns in parts.items() if not any(re.search(p, text) for p in patterns)]
            # a split gives amounts; prose (“严控公务接待和公务用车支出”) names parts but splits nothing
            amounts = [name for name, patterns in parts.items()
                       if any(re.search(f"(?:{p})[^。；;！!？?]{{0,30}}?\\d", text) for p in patterns)]
            if not amounts:  # no part given with an amount: the split is likely in the attached tables
                yield Finding(Status.UNKNOWN, subject,
                              "网页正文未列出“三公”经费分项金额（可能只在附件表格中），无法核对", dept, urls[0], Evidence(urls=urls))
            elif missing:
                yield Finding(Status.FAILED, subject, f"“三公”经费未分项列明：缺少{'、'.join(missing)}", dept,
                              pages[0].url, Evidence(urls=[p.url for p in pages][:MAX_NOTES]))
            else:
                yield Finding(Status.PASSED, subject, "“三公”经费已按因公出国（境）费、公务用车购置及运行费、公务接待费分项公开",
                              dept, pages[0].url, Evidence(urls=[p.url for p in pages][:MAX_NOTES]))


def fiscal_attachments(facts: Facts) -> list[dict]:
    fiscal_pages = {d.url for d in facts.documents() if parse_fiscal_title(d.title).kind or parse_fiscal_title(d.title).sangong}
    return [a for a in facts.attachments if a["page_url"] in fiscal_pages or parse_fiscal_title(a["anchor"] or "").kind]


def attachments_reachable(facts: Facts) -> Iterator[Finding]:
    """FIS-ATT-01: the tables of budgets and final accounts (attachments) can be downloaded."""
    rows = fiscal_attachments(facts)
    yield from judge_attachments(facts, "预决算附件", rows)


def past_years(facts: Facts) -> Iterator[Finding]:
    """FIS-HIST-01: budgets and final accounts of the earlier years stay online (the due year is FIS-GOV/DEPT)."""
    keep = facts.profile["fiscal"]["past_years"]
    due = due_years(facts.as_of, facts.profile)
    for dept in _units(facts):
        wanted = [(kind, y) for kind in ("budget", "final") for y in range(due[kind] - keep + 1, due[kind])]
        missing = [(k, y) for k, y in wanted if not matching(facts, kind=k, year=y, department=dept)]
        label = "部门" if dept else "政府"
        subject = f"{facts.unit_label(dept)} 往年{label}预决算（近 {keep} 年）"
        if not missing:
            yield Finding(Status.PASSED, subject, "往年预算、决算均可查到", dept,
                          evidence=Evidence(notes=[f"已核对：{'、'.join(f'{y}年{KIND_ZH[k]}' for k, y in wanted)}"]))
            continue
        what = "、".join(f"{y}年{label}{KIND_ZH[k]}" for k, y in missing)
        yield fiscal_absence(facts, dept, subject=subject, what=what)
