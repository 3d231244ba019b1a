"""Point each finding's evidence URLs to their archived responses (the audit's WARC file, ``archive_records``).

Only what the store says: a URL whose response was kept gets its record (file, record id, digests, fetch time);
a failed or unknown finding's URL that has none says why — never fetched, no response, or not kept. A run that
archived nothing (an older crawl, or the archive turned off) gets no pointers and no such notes.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from reports.model import ArchivedRecord, FindingRow, Unarchived

NO_RESPONSE_ZH = {
    "timeout": "请求超时",
    "error": "无法连接",
    "robots": "robots.txt 禁止抓取",
    "skipped": "未抓取",
}


def _latest(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:  # in rowid order: the later response of a URL (a retry, the rendered page) wins
        latest[row["url"]] = row
    return latest


def attach_archive(db: Database, run_id: int, findings: list[FindingRow]) -> None:
    if "archive_records" not in db.table_names():
        return
    rows = list(db.query("select * from archive_records where run_id = ? order by rowid", [run_id]))
    if not rows:
        return
    kept = _latest([r for r in rows if r["file"]])
    seen = {r["url"] for r in rows}
    states = {r["url"]: r["fetch_state"] for r in db.query(
        "select url, fetch_state from pages where run_id = ?", [run_id])}
    for f in findings:
        f.archived, f.unarchived = [], []
        for url in f.urls:
            row = kept.get(url)
            if row is not None:
                f.archived.append(ArchivedRecord(
                    url=url, file=row["file"], record_id=row["record_id"] or "", digest=row["payload_digest"] or "",
                    sha256=row["body_sha256"] or "", fetched_at=row["fetched_at"] or "", status=row["status"],
                    truncated=row["truncated"] or ""))
            elif f.status in ("failed", "unknown"):
                f.unarchived.append(Unarchived(url, unarchived_reason(url, seen, states)))


def unarchived_reason(url: str, seen: set[str], states: dict[str, str]) -> str:
    if url in seen:
        return "该网址的响应未保留在本次审计的证据存档中（存档只保留出具报告时未通过和无法判定项引用的页面）"
    state = states.get(url)
    if state in NO_RESPONSE_ZH:
        return f"未获得响应（{NO_RESPONSE_ZH[state]}），无存档"
    if state is None:
        return "本次审计未抓取该网址，无存档"
    return "本次抓取未存档该网址的响应"
