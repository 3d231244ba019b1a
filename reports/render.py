"""Render a ``ReportData`` as one self-contained HTML file and as ``findings.json``.

Jinja2 runs with autoescape on and ``StrictUndefined``; the templates only display. Everything in a
report came from scraped pages or from the checks' wording about them, so none of it is marked safe.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlite_utils import Database

from reports.build import build_report
from reports.coverage import coverage_dict
from reports.model import ReportData

TEMPLATES = Path(__file__).parent / "templates"
HTML_NAME = "report.html"
JSON_NAME = "findings.json"

# Only plain web addresses become links; anything else (javascript:, data:, relative, padded with
# whitespace or control characters) is shown as text.
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def is_web_url(value: Any) -> bool:
    return isinstance(value, str) and _WEB_URL.fullmatch(value) is not None


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["web_url"] = is_web_url
    return env


def render_html(data: ReportData) -> str:
    from reports.summary import glance

    return environment().get_template(HTML_NAME).render(report=data, glance=glance(data))


def _counts(c: Any) -> dict[str, int]:
    return {"passed": c.passed, "failed": c.failed, "unknown": c.unknown}


def report_dict(data: ReportData) -> dict[str, Any]:
    """The findings.json document as a plain dict."""
    s = data.summary
    return {
        "site": {"name": data.site.name, "url": data.site.url},
        "verdict": data.verdict,
        "score": data.score,
        "scoring": _scoring(data),
        "run_id": data.run_id,
        "as_of": data.as_of,
        "generated_at": data.generated_at,
        "tool": {"name": data.tool_name, "version": data.tool_version},
        "crawl": {
            "pages_fetched": data.crawl.pages_fetched,
            "pages_failed": data.crawl.pages_failed,
            "truncated": data.crawl.truncated,
            "started_at": data.crawl.started_at,
            "finished_at": data.crawl.finished_at,
            "close_reason": data.crawl.close_reason,
            "status": data.crawl.status,
            **({"challenges": data.crawl.challenges} if data.crawl.challenges else {}),
        },
        # per audit area, what the crawl read of what it discovered (crawls that recorded it)
        **({"coverage": coverage_dict(data.coverage)} if data.coverage is not None else {}),
        "summary": {
            "total": s.total,
            "by_status": _counts(s.by_status),
            "by_severity": {sc.severity: _counts(sc.counts) for sc in s.by_severity},
            "failed_veto": s.failed_veto,
            "failed_deduct": s.failed_deduct,
            "by_department": [
                {"department": d.department, "label": d.department_label, **_counts(d.counts)} for d in data.departments
            ],
        },
        "findings": [
            {
                "id": f.id,
                "check": f.check,
                "title": f.title,
                "category": f.category,
                "severity": f.severity,
                "status": f.status,
                "subject": f.subject,
                "department": f.department,
                "url": f.url,
                "message": f.message,
                "citation": f.citation,
                "remediation": f.remediation,
                "evidence": {"urls": f.evidence.urls, "dates": f.evidence.dates, "notes": f.evidence.notes,
                             **_archive(f)},
                **_tracking(f),
            }
            for f in data.findings
        ],
        "history": {
            "previous_as_of": data.previous_as_of,
            "fixed": [{"check": f.check, "department": f.department, "subject": f.subject} for f in data.fixed],
            "unverified": [{"check": f.check, "department": f.department, "subject": f.subject}
                           for f in data.unverified],
            "trend": [{"run_id": p.run_id, "as_of": p.label, "value": p.value, "gaps": p.gaps}
                      for p in (data.trend.points if data.trend else [])],
            "trend_metric": data.trend.metric if data.trend else "",
        },
    }


def _scoring(data: ReportData) -> dict[str, Any] | None:
    """How the verdict was reached: the site's deductions and each unit's verdict and score."""
    s = data.scoring
    if s is None:
        return None
    return {
        "reason": s.reason,
        "vetoes": s.vetoes,
        "unknown": s.unknown,
        "by_indicator": s.by_indicator,
        "deductions": [{"check": d.check, "indicator": d.indicator, "subject": d.subject, "department": d.department,
                        "points": d.points, "note": d.note} for d in s.deductions],
        "departments": [{"department": u.department, "label": u.department_label, "verdict": u.verdict, "score": u.score,
                         "reason": u.reason} for u in data.unit_scores],
    }


def _archive(f: Any) -> dict[str, Any]:
    """The WARC records behind the evidence URLs, and the URLs without one (runs that archived their crawl)."""
    if f.unarchived is None:
        return {}
    return {
        "warc": [{"file": r.file, "record_id": r.record_id, "url": r.url, "digest": r.digest, "sha256": r.sha256,
                  "fetched_at": r.fetched_at, "status": r.status, "truncated": r.truncated} for r in f.archived],
        "unarchived": [{"url": u.url, "reason": u.reason} for u in f.unarchived],
    }


def _tracking(f: Any) -> dict[str, str]:
    """Change since the previous run and baseline state ("" except on failed findings)."""
    return {"change": f.change, "first_seen": f.first_seen, "acceptance": f.acceptance, "deadline": f.deadline,
            "note": f.note}


def render_json(data: ReportData) -> str:
    return json.dumps(report_dict(data), ensure_ascii=False, indent=2) + "\n"


def write_reports(db: Database, run_id: int, out_dir: Path) -> dict[str, Path]:
    """Write report.html and findings.json for one run into ``out_dir``; return {"html": …, "json": …}."""
    data = build_report(db, run_id)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"html": out_dir / HTML_NAME, "json": out_dir / JSON_NAME}
    paths["html"].write_text(render_html(data), encoding="utf-8", newline="\n")
    paths["json"].write_text(render_json(data), encoding="utf-8", newline="\n")
    return paths
