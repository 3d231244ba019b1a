"""Point each finding's evidence URLs to their archived responses (the audit's WARC file, ``archive_records``).

Only what the store says: a URL whose response was kept gets its record (file, record id, digests, fetch time);
a failed or unknown finding's URL that has none says why — never fetched, no response, or not kept. A run that
archived nothing (an older crawl, or the archive turned off) gets no pointers and no such notes.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from reports.model import ArchivedRecord, FindingRow, Unarchived

LOOKUP_BATCH = 500  # URLs per query (SQLite's bound-parameter limit is higher, older builds' 999)
NO_RESPONSE_ZH = {
    "timeout": "请求超时",
    "error": "无法连接",
    "robots": "robots.txt 禁止抓取",
    "skipped": "未抓取",
}


def _cited_records(db: Database, run_id: int, urls: list[str]) -> tuple[dict[str, dict[str, Any]], set[str],
                                                                      dict[str, str]]:
    """For the URLs the findings cite (indexed look-ups, never the whole archive): the latest record of each that was
    kept, the URLs archived at all, and the pages' fetch states."""
    kept: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    states: dict[str, str] = {}
    for at in range(0, len(urls), LOOKUP_BATCH):
        batch = urls[at:at + LOOKUP_BATCH]
        marks = ", ".join("?" * len(batch))
        # in rowid order: the later response of a URL (a retry, the rendered page) wins
        for row in db.query(f"select * from archive_records where run_id = ? and url in ({marks}) order by rowid",
                            [run_id, *batch]):
            seen.add(row["url"])
            if row["file"]:
                kept[row["url"]] = row
        states.update((r[0], r[1]) for r in db.execute(
            f"select url, fetch_state from pages where run_id = ? and url in ({marks})", [run_id, *batch]))
    return kept, seen, states


def attach_archive(db: Database, run_id: int, findings: list[FindingRow]) -> None:
    if "archive_records" not in db.table_names():
        return
    if db.execute("select 1 from archive_records where run_id = ? limit 1", [run_id]).fetchone() is None:
        return
    kept, seen, states = _cited_records(db, run_id, sorted({u for f in findings for u in f.urls}))
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
