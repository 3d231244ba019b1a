"""Run the catalogue over one crawl, stamp each finding with its check's id, and store findings and scores."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlite_utils import Database

from checks.catalogue import CATALOGUE
from checks.facts import Facts
from checks.model import Evidence, Finding, Status
from checks.scoring import score_all, severity, store_scores

logger = logging.getLogger(__name__)


def run_checks(db: Database, run_id: int, profile: dict[str, Any]) -> list[Finding]:
    """Run every check; a check that crashes answers UNKNOWN with the error, and the others go on."""
    facts = Facts(db, run_id, profile)
    findings: list[Finding] = []
    rows = []
    for check in CATALOGUE:
        try:
            produced = check.findings(facts)  # each stamped with check.id
        except Exception as exc:  # a bug must not turn into an accusation or stop the audit
            logger.exception("check %s failed", check.id)
            produced = [Finding(Status.UNKNOWN, check.title, f"检查程序出错，无法判定：{exc!r}",
                                evidence=Evidence(notes=[repr(exc)]), check_id=check.id)]
        for finding in produced:
            findings.append(finding)
            rows.append({
                "run_id": run_id,
                "check_id": finding.check_id,
                "title": check.title,
                "category": check.category.value,
                "severity": severity(profile, finding.check_id),
                "status": finding.status.value,
                "subject": finding.subject,
                "department": finding.department,
                "url": finding.url,
                "message": finding.message,
                "citation": check.citation,
                "remediation": check.remediation,
                "evidence": json.dumps(finding.evidence.as_dict(), ensure_ascii=False),
            })
    with db.conn:
        db.execute("delete from findings where run_id = ?", [run_id])
        db["findings"].insert_all(rows, batch_size=500)
    store_scores(db, run_id, score_all(findings, profile, facts.department_names))
    return findings
