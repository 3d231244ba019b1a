"""预决算: the government's and each department's budget and final accounts (143号)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from checks.common import absence, day_of, iso
from checks.facts import Doc, Facts, Located
from checks.model import Evidence, Finding, Status
from checks.titles import FiscalTitle, is_sangong_only, is_unit_name, parse_fiscal_title
from checks.units import unit_matches

KIND_ZH = {"budget": "预算", "final": "决算"}


def due_years(as_of: date, profile: dict) -> dict[str, int]:
    """The budget year and the final-accounts year expected online by ``as_of``."""
    budget = as_of.year if as_of > day_of(as_of.year, profile["fiscal"]["budget_expected_by"]) else as_of.year - 1
    final = as_of.year - 1 if as_of > day_of(as_of.year, profile["fiscal"]["final_expected_by"]) else as_of.year - 2
    return {"budget": budget, "final": final}


def read_doc(doc: Doc) -> FiscalTitle:
    """The document's title read as a fiscal title, completed by the column that lists it: a title naming only a
    unit (``区教育局``) in a column ``2026年部门预算`` is that unit's 2026 budget; ``一般公共预算收支表`` in a column
    ``2026年预算公开`` is of 2026."""
    parsed = parse_fiscal_title(doc.title)
    if parsed.year is not None and parsed.kind is not None:
        return parsed
    for name in doc.columns:
        column = parse_fiscal_title(name)
        if not column.year or not column.kind or column.unit:
            continue
        if parsed.kind is None and parsed.year is None and is_unit_name(doc.title) and column.scope == "department":
            return replace(parsed, kind=column.kind, year=column.year, scope="department")
        if parsed.kind == column.kind and parsed.year is None:
            return replace(parsed, year=column.year)
    return parsed


def _fiscal_docs(facts: Facts) -> dict[tuple[str | None, int | None], list[tuple[Doc, FiscalTitle]]]:
    """Every document read as a fiscal title, by (kind, year), once per audit; 三公-only documents left out."""
    if "fiscal_docs" not in facts.memo:
        by_key: dict[tuple[str | None, int | None], list[tuple[Doc, FiscalTitle]]] = {}
        for doc in facts.documents():
            parsed = read_doc(doc)
            if parsed.kind is not None and parsed.year is not None and not is_sangong_only(doc.title):
                by_key.setdefault((parsed.kind, parsed.year), []).append((doc, parsed))
        facts.memo["fiscal_docs"] = by_key
    return facts.memo["fiscal_docs"]


def matching(facts: Facts, *, kind: str, year: int, department: str) -> list[Doc]:
    region = facts.profile.get("region", "")
    found = []
    for doc, parsed in _fiscal_docs(facts).get((kind, year), []):
        if department:
            if parsed.scope != "government" and (
                doc.department == department or unit_matches(doc.title, department, region)
            ):
                found.append(doc)
        elif parsed.scope == "government":
            found.append(doc)
    return found


def fiscal_columns(facts: Facts, department: str) -> Located:
    """The fiscal columns that could hold a unit's documents: its own and the government's."""
    names = facts.profile["columns"]["fiscal"]
    located = facts.locate(names, "")
    if department:
        own = facts.locate(names, department)
        located = Located(own.pages + located.pages, own.links + located.links, sorted(set(own.blockers + located.blockers)))
    return located


def fiscal_absence(facts: Facts, department: str, *, subject: str, what: str) -> Finding:
    """The :func:`absence` of a unit's fiscal documents: its fiscal columns and the government's were looked in,
    so what the crawl could not see of either stands in the way."""
    blockers = facts.area_blockers(department) + (facts.area_blockers("") if department else [])
    return absence(facts, fiscal_columns(facts, department), subject=subject, what=what, where="财政预决算",
                   department=department, area_blockers=sorted(set(blockers)))


def judge(facts: Facts, *, kind: str, department: str) -> Finding:
    year = due_years(facts.as_of, facts.profile)[kind]
    label = "部门" if department else "政府"
    subject = f"{facts.unit_label(department)} {year}年{label}{KIND_ZH[kind]}"
    docs = matching(facts, kind=kind, year=year, department=department)
    if docs:
        docs.sort(key=lambda d: d.url)
        return Finding(Status.PASSED, subject, f"已公开{year}年{label}{KIND_ZH[kind]}", department, docs[0].url,
                       Evidence(urls=[d.url for d in docs][:8], dates=iso(sorted({x for d in docs for x in d.dates}))))
    return fiscal_absence(facts, department, subject=subject, what=f"{year}年{label}{KIND_ZH[kind]}")


def government_budget(facts: Facts) -> Iterator[Finding]:
    yield judge(facts, kind="budget", department="")


def government_final_accounts(facts: Facts) -> Iterator[Finding]:
    yield judge(facts, kind="final", department="")


def department_budgets(facts: Facts) -> Iterator[Finding]:
    for department in facts.department_names:
        yield judge(facts, kind="budget", department=department)


def department_final_accounts(facts: Facts) -> Iterator[Finding]:
    for department in facts.department_names:
        yield judge(facts, kind="final", department=department)
