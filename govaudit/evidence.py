"""The audit's evidence archive: keep the crawl's WARC records that the findings cite, and show one.

The crawl appends every response to ``OUT/.crawl-run<N>.warc.gz`` (``crawler.warc``). After the checks,
``keep_evidence`` writes ``OUT/evidence.warc.gz``: a warcinfo record, then the latest response (with its request)
of every URL a failed or unknown finding cites — or of every URL with ``--archive all`` — copied byte for byte,
so the digests stay as recorded; the store's ``archive_records`` then point there, and the crawl's file is
removed. ``govaudit evidence OUT FINDING-ID`` prints a finding's records (headers and body) or saves a body.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from crawler import store
from crawler.extract.encoding import decode_html
from crawler.warc import Exchange, copy_records, crawl_warc_path, is_text, read_record
from govaudit.errors import EXIT_OK, UsageError

EVIDENCE_NAME = "evidence.warc.gz"
ARCHIVE_MODES = ("cited", "all")
CITING = ("failed", "unknown")
BODY_PREVIEW = 20_000  # characters of a text body printed (the whole body: --out FILE)


def finding_urls(row: dict[str, Any]) -> list[str]:
    """A stored finding's main URL, then its evidence URLs, without repeats."""
    try:
        evidence = json.loads(row.get("evidence") or "{}")
    except ValueError:
        evidence = {}
    urls = evidence.get("urls") if isinstance(evidence, dict) else None
    return list(dict.fromkeys(u for u in [row.get("url") or "", *(urls or [])] if isinstance(u, str) and u))


def cited_urls(db: Database, run_id: int) -> set[str]:
    rows = db.query("select url, evidence from findings where run_id = ? and status in (?, ?)", [run_id, *CITING])
    return {u for row in rows for u in finding_urls(row)}


def keep_evidence(db: Database, db_path: Path, run_id: int, out: Path, mode: str = "cited") -> Path | None:
    """Write OUT/evidence.warc.gz from the crawl's WARC; None when this run's crawl left none (re-checks, older
    crawls: the records kept before stay where they are)."""
    source = crawl_warc_path(db_path, run_id)
    if not source.is_file() or "archive_records" not in db.table_names():
        return None
    latest: dict[str, dict[str, Any]] = {}  # url → its latest record (rowid order): where it lies, nothing more
    for rowid, url, offset, length in db.execute(
            "select rowid, url, offset, length from archive_records where run_id = ? and file = ? order by rowid",
            [run_id, source.name]):
        latest[url] = {"rowid": rowid, "offset": offset, "length": length}
    wanted = set(latest) if mode == "all" else cited_urls(db, run_id) & set(latest)
    keep = sorted((latest[u] for u in wanted), key=lambda r: r["offset"])
    run = db["runs"].get(run_id)
    target = Path(out) / EVIDENCE_NAME
    offsets = copy_records(source, target, [(r["offset"], r["length"]) for r in keep], {
        "isPartOf": f"govaudit run {run_id}",
        "description": ("every response of the audit's crawl" if mode == "all" else
                        "the responses behind the audit's failed and unknown findings"),
        "site": run["site_name"] or run["start_url"],
        "as-of": run["as_of"],
        "records": len(keep),
    })
    with db.conn:
        db.execute("update archive_records set file = null, offset = null, length = null "
                   "where run_id = ? and file = ?", [run_id, source.name])
        db.conn.executemany("update archive_records set file = ?, offset = ?, length = ? where rowid = ?",
                            [(EVIDENCE_NAME, new, r["length"], r["rowid"]) for r, new in zip(keep, offsets,
                                                                                            strict=True)])
    source.unlink()
    return target


# -- govaudit evidence -----------------------------------------------------------------------------


def evidence_file(out: Path, run: dict[str, Any], record: dict[str, Any]) -> Path | None:
    """The WARC file that holds the record: the run's copy under runs/ first, then the folder's latest."""
    name = record["file"]
    candidates = [out / "runs" / f"{run['as_of']}-run{run['id']}" / name, out / name]
    for path in candidates:
        if not path.is_file():
            continue
        try:
            if read_record(path, record["offset"]).record_id == record["record_id"]:
                return path
        except Exception:  # another run's file: the offset is not a record of this one
            continue
    return None


def pick_finding(db: Database, run_id: int, ident: str) -> dict[str, Any]:
    if ident.isdigit():
        row = next(db.query("select * from findings where run_id = ? and id = ?", [run_id, int(ident)]), None)
        if row is None:
            raise UsageError(f"本次审计（第 {run_id} 次）没有编号为 {ident} 的检查结果")
        return row
    rows = list(db.query("select * from findings where run_id = ? and check_id = ? and status in (?, ?) order by id",
                         [run_id, ident, *CITING]))
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise UsageError(f"本次审计没有检查项 {ident} 的未通过或无法判定结果；请给出 findings.json 中的编号（id）")
    listed = "\n".join(f"  {r['id']}  {r['subject']}" for r in rows)
    raise UsageError(f"检查项 {ident} 有 {len(rows)} 项结果，请给出其中一项的编号：\n{listed}")


def show(exchange: Exchange, record: dict[str, Any], path: Path) -> str:
    lines = [f"== {record['url']}", f"WARC 文件 {path}，偏移 {record['offset']}",
             f"WARC-Record-ID: {exchange.record_id}", f"WARC-Target-URI: {exchange.target_uri}",
             f"WARC-Date: {exchange.date}", f"WARC-Payload-Digest: {exchange.payload_digest}",
             f"正文 SHA-256（完整响应）: {record['body_sha256']}，{record['body_length']} 字节"]
    if exchange.truncated:
        lines.append(f"WARC-Truncated: {exchange.truncated}（存档仅保存正文前 {record['stored_length']} 字节）")
    lines += ["", exchange.request_line, *(f"{k}: {v}" for k, v in exchange.request_headers), "",
              exchange.status_line, *(f"{k}: {v}" for k, v in exchange.headers), ""]
    content_type = next((v for k, v in exchange.headers if k.lower() == "content-type"), "")
    if not exchange.body:
        lines.append("（无正文）")
    elif is_text(content_type):
        text, _ = decode_html(exchange.body, content_type)
        lines.append(text[:BODY_PREVIEW])
        if len(text) > BODY_PREVIEW:
            lines.append(f"……（共 {len(text)} 字符，用 --out 文件 保存全部正文）")
    else:
        lines.append(f"（二进制正文 {len(exchange.body)} 字节，用 --out 文件 保存）")
    return "\n".join(lines) + "\n"


def cmd_evidence(args: argparse.Namespace) -> int:
    out = Path(args.source)
    db_path = out / "audit.db" if out.is_dir() else out
    if not db_path.is_file():
        raise UsageError(f"找不到数据库文件 {db_path}")
    folder = db_path.parent
    db = store.open_db(db_path)
    try:
        run_id = args.run if args.run is not None else store.latest_run_id(db)
        run = db["runs"].get(run_id) if run_id is not None else None
        if run is None:
            raise UsageError("数据库中没有这次审计")
        finding = pick_finding(db, run_id, str(args.finding))
        urls = finding_urls(finding)
        if args.url:
            if args.url not in urls:
                raise UsageError(f"该检查结果的证据中没有网址 {args.url}")
            urls = [args.url]
        records: dict[str, dict[str, Any]] = {}
        if "archive_records" in db.table_names():
            for row in db.query("select * from archive_records where run_id = ? and file is not null order by rowid",
                                [run_id]):
                if row["url"] in urls:
                    records[row["url"]] = row
    finally:
        db.close()
    print(f"检查结果 {finding['id']}：{finding['check_id']} {finding['subject']}（{finding['status']}）")
    shown = 0
    for url in urls:
        record = records.get(url)
        path = evidence_file(folder, run, record) if record else None
        if record is None or path is None:
            print(f"== {url}\n未存档：{'存档文件不在' if record else '该网址没有存档记录'}\n")
            continue
        exchange = read_record(path, record["offset"])
        if args.out is not None:
            Path(args.out).write_bytes(exchange.body)
            print(f"== {url}\n正文 {len(exchange.body)} 字节已保存到 {args.out}（记录 {exchange.record_id}）")
            return EXIT_OK
        sys.stdout.write(show(exchange, record, path))
        shown += 1
    if not shown:
        raise UsageError("该检查结果的证据网址都没有存档")
    return EXIT_OK
