"""预决算 in detail (143号): 三公经费 and its split, fiscal attachments reachable, earlier years still online."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.common import MAX_NOTES, absence
from checks.facts import Doc, Facts
from checks.fiscal import KIND_ZH, due_years, fiscal_columns, matching
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
                yield Finding("FIS-SG-01", Status.UNKNOWN, subject, f"未找到{year}年{KIND_ZH[kind]}文件（见 FIS-GOV/FIS-DEPT），无法核对“三公”经费",
                              dept)
                continue
            pages = [p for d in docs if (p := facts.pages.get(d.url)) is not None and p.ok and p.text]
            text = " ".join(p.text for p in pages)
            urls = sorted({d.url for d in docs})[:MAX_NOTES]
            if "三公" not in text:
                yield Finding("FIS-SG-01", Status.UNKNOWN, subject,
                              "“三公”经费情况不在已读取的网页正文中（可能只在附件表格中），无法核对", dept, urls[0], Evidence(urls=urls))
                continue
            missing = [name for name, patterns in parts.items() if not any(re.search(p, text) for p in patterns)]
            # a split gives amounts; prose (“严控公务接待和公务用车支出”) names parts but splits nothing
            amounts = [name for name, patterns in parts.items()
                       if any(re.search(f"(?:{p})[^。；;！!？?]{{0,30}}?\\d", text) for p in patterns)]
            if not amounts:  # no part given with an amount: the split is likely in the attached tables
                yield Finding("FIS-SG-01", Status.UNKNOWN, subject,
                              "网页正文未列出“三公”经费分项金额（可能只在附件表格中），无法核对", dept, urls[0], Evidence(urls=urls))
            elif missing:
                yield Finding("FIS-SG-01", Status.FAILED, subject, f"“三公”经费未分项列明：缺少{'、'.join(missing)}", dept,
                              pages[0].url, Evidence(urls=[p.url for p in pages][:MAX_NOTES]))
            else:
                yield Finding("FIS-SG-01", Status.PASSED, subject, "“三公”经费已按因公出国（境）费、公务用车购置及运行费、公务接待费分项公开",
                              dept, pages[0].url, Evidence(urls=[p.url for p in pages][:MAX_NOTES]))


def attachment_state(facts: Facts, row: dict) -> str:
    """ok | broken | unknown | unchecked, from the attachment's stored probe (if the crawl made one)."""
    status = row.get("status")
    if not row.get("method") and status is None:
        return "unchecked"
    if (row.get("note") or "").startswith("blocked"):
        return "unknown"  # a firewall answered for the file (crawler.extract.blocking): nothing known of the file
    if (row.get("note") or "").startswith("type_mismatch"):
        return "broken"  # an error page served in place of the file
    if status is not None and int(status) in facts.profile["links"]["broken_statuses"]:
        return "broken"
    if status is not None and 200 <= int(status) < 400:
        return "ok"
    return "unknown"


def _unsure_reason(row: dict) -> str:
    if (row.get("note") or "").startswith("blocked"):
        return f"被防火墙拦截（HTTP {row.get('status')}），不等于文件缺失"
    if not row.get("method") and row.get("status") is None:
        return "本次抓取未检查该附件"
    return row.get("error") or (f"HTTP {row['status']}" if row.get("status") is not None else "未获得应答")


def fiscal_attachments(facts: Facts) -> list[dict]:
    fiscal_pages = {d.url for d in facts.documents() if parse_fiscal_title(d.title).kind or parse_fiscal_title(d.title).sangong}
    return [a for a in facts.attachments if a["page_url"] in fiscal_pages or parse_fiscal_title(a["anchor"] or "").kind]


def attachments_reachable(facts: Facts) -> Iterator[Finding]:
    """FIS-ATT-01: the tables of budgets and final accounts (attachments) can be downloaded."""
    rows = fiscal_attachments(facts)
    yield from judge_attachments(facts, "FIS-ATT-01", "预决算附件", rows)


def judge_attachments(facts: Facts, check_id: str, what: str, rows: list[dict]) -> Iterator[Finding]:
    if not rows:
        yield Finding(check_id, Status.UNKNOWN, what, f"未发现{what}，无法核对", url=facts.home_url)
        return
    if "method" not in facts.table_columns.get("attachments", set()) or all(
            attachment_state(facts, a) == "unchecked" for a in rows):
        yield Finding(check_id, Status.UNKNOWN, what, f"抓取未检查{what}能否下载（数据库中没有附件状态），无法判定", url=facts.home_url,
                      evidence=Evidence(notes=[f"共发现 {len(rows)} 个{what}"]))
        return
    by_state: dict[str, list[dict]] = {}
    for a in rows:
        by_state.setdefault(attachment_state(facts, a), []).append(a)
    broken, unsure = by_state.get("broken", []), by_state.get("unknown", []) + by_state.get("unchecked", [])
    examples = facts.profile["links"]["examples"]
    if broken:
        yield Finding(check_id, Status.FAILED, what, f"{len(broken)} 个{what}无法下载（共 {len(rows)} 个）", url=broken[0]["page_url"],
                      evidence=Evidence(urls=[a["url"] for a in broken][:examples],
                                        notes=[f"{a['anchor'] or a['url']}：{a.get('note') or 'HTTP ' + str(a.get('status'))}（所在页面 {a['page_url']}）"
                                               for a in broken][:examples]))
    elif unsure:
        yield Finding(check_id, Status.UNKNOWN, what, f"{len(unsure)} 个{what}未能确认能否下载，无法判定", url=unsure[0]["page_url"],
                      evidence=Evidence(urls=[a["url"] for a in unsure][:examples],
                                        notes=[f"{a['anchor'] or a['url']}：{_unsure_reason(a)}" for a in unsure][:examples]))
    else:
        yield Finding(check_id, Status.PASSED, what, f"{len(rows)} 个{what}均可下载", url=facts.home_url)


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
            yield Finding("FIS-HIST-01", Status.PASSED, subject, "往年预算、决算均可查到", dept,
                          evidence=Evidence(notes=[f"已核对：{'、'.join(f'{y}年{KIND_ZH[k]}' for k, y in wanted)}"]))
            continue
        what = "、".join(f"{y}年{label}{KIND_ZH[k]}" for k, y in missing)
        blockers = facts.area_blockers(dept) + (facts.area_blockers("") if dept else [])
        yield absence("FIS-HIST-01", subject=subject, department=dept, what=what, where="财政预决算",
                      located=fiscal_columns(facts, dept), area_blockers=sorted(set(blockers)))
