"""An in-memory audit database holding one finished run with chosen findings, stored and scored the way
``checks.runner`` stores them (catalogue metadata, the national profile's severities and points)."""

from __future__ import annotations

import json
from typing import Any

from checks.catalogue import BY_ID
from checks.model import Finding, Status
from checks.profile import load_profile
from checks.scoring import score_all, severity, store_scores
from crawler.store import create_run, finish_run, open_db

SITE = "示例区人民政府"


def finding(check: str, status: str, subject: str, department: str = "", *, url: str = "",
            message: str = "", dates: list[str] | None = None) -> Finding:
    f = Finding(Status(status), subject, message or f"{subject}：{status}", department, url, check_id=check)
    f.evidence.urls = [url] if url else []
    f.evidence.dates = dates or []
    return f


def audit_db(findings: list[Finding], *, as_of: str = "2026-11-27", site: str = SITE, db: Any = None,
             scored: bool = True, severities: dict[str, str] | None = None) -> tuple[Any, int]:
    """Store one finished run of ``site`` with ``findings`` (and its scores unless ``scored`` is False);
    ``severities`` changes a check's severity as a profile layer would (e.g. to advice)."""
    profile = load_profile()
    profile.setdefault("severities", {}).update(severities or {})
    db = db if db is not None else open_db(":memory:")
    run_id = create_run(db, site_name=site, start_url="http://www.shili.gov.cn/", as_of=as_of, settings={})
    rows = []
    for f in findings:
        check = BY_ID[f.check_id]
        rows.append({
            "run_id": run_id, "check_id": f.check_id, "title": check.title, "category": check.category.value,
            "severity": severity(profile, f.check_id), "status": f.status.value, "subject": f.subject,
            "department": f.department, "url": f.url, "message": f.message, "citation": check.citation,
            "remediation": check.remediation, "evidence": json.dumps(f.evidence.as_dict(), ensure_ascii=False),
        })
    if rows:
        db["findings"].insert_all(rows)
    if scored:
        store_scores(db, run_id, score_all(findings, profile, sorted({f.department for f in findings if f.department})))
    finish_run(db, run_id, close_reason="finished", truncated=False)
    return db, run_id
