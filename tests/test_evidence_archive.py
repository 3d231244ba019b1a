"""The evidence archive (issue 13 item 1): the crawl's responses in a WARC, the records the findings cite kept in
OUT/evidence.warc.gz, read back with warcio's own reader, and ``govaudit evidence``."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from crawler import store
from crawler.warc import NOT_MODIFIED_HEADER, WarcRecorder, crawl_warc_path, iter_exchanges, read_record
from govaudit.evidence import EVIDENCE_NAME, keep_evidence

AS_OF = "2026-11-27"
NO_RESPONSE = ("timeout", "error", "robots", "skipped")


def govaudit(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.run([sys.executable, "-m", "govaudit.cli", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, check=False)


def warc_records(path: Path) -> list[dict]:
    """Every record of a WARC file as warcio's ArchiveIterator reads it."""
    records = []
    with path.open("rb") as f:
        for record in ArchiveIterator(f):
            records.append({
                "type": record.rec_type,
                "id": record.rec_headers.get_header("WARC-Record-ID"),
                "uri": record.rec_headers.get_header("WARC-Target-URI"),
                "concurrent": record.rec_headers.get_header("WARC-Concurrent-To"),
                "digest": record.rec_headers.get_header("WARC-Payload-Digest"),
                "truncated": record.rec_headers.get_header("WARC-Truncated"),
                "status": record.http_headers.get_statuscode() if record.http_headers and record.rec_type == "response" else None,
                "body": record.content_stream().read() if record.rec_type == "response" else b"",
            })
    return records


# -- the demo audit --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo-evidence")
    proc = govaudit("audit", "--demo", "--as-of", AS_OF, "--out", str(out))
    assert proc.returncode == 1, proc.stderr[-3000:]
    return out


def test_the_crawls_own_warc_is_replaced_by_the_evidence_archive(demo: Path) -> None:
    assert (demo / EVIDENCE_NAME).stat().st_size > 0
    assert not crawl_warc_path(demo / "audit.db", 1).exists()
    assert (demo / "runs" / f"{AS_OF}-run1" / EVIDENCE_NAME).read_bytes() == (demo / EVIDENCE_NAME).read_bytes()
    checked = subprocess.run([sys.executable, "-c", "import sys; from warcio.cli import main; main(sys.argv[1:])",
                              "check", str(demo / EVIDENCE_NAME)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr  # every block and payload digest verifies


def test_every_failed_finding_with_a_fetched_url_has_its_records(demo: Path) -> None:
    records = warc_records(demo / EVIDENCE_NAME)
    assert records[0]["type"] == "warcinfo"
    responses = {r["id"]: r for r in records if r["type"] == "response"}
    requests = {r["concurrent"] for r in records if r["type"] == "request"}
    assert set(responses) == requests  # each response with the request that asked for it
    findings = json.loads((demo / "findings.json").read_text(encoding="utf-8"))["findings"]
    db = store.open_db(demo / "audit.db")
    answered = {r["url"] for r in db.query("select url, fetch_state from pages where run_id = 1")
                if r["fetch_state"] not in NO_RESPONSE}
    answered |= {r["url"] for r in db.query("select url from attachments where run_id = 1 and status is not null")}
    failed = [f for f in findings if f["status"] == "failed"]
    cited = 0
    for f in failed:
        pointers = {p["url"]: p for p in f["evidence"]["warc"]}
        for url in dict.fromkeys([f["url"], *f["evidence"]["urls"]]):
            if url not in answered:
                continue
            pointer = pointers[url]  # a fetched evidence URL always has its record
            record = responses[pointer["record_id"]]
            assert pointer["file"] == EVIDENCE_NAME
            assert record["uri"].rstrip("/") == url.rstrip("/") or url in record["uri"]
            assert record["digest"] == pointer["digest"]
            if not record["truncated"]:
                assert hashlib.sha256(record["body"]).hexdigest() == pointer["sha256"]
            cited += 1
    assert cited >= len([f for f in failed if f["url"]])
    # the 404 of the broken home link is archived as answered
    (broken,) = [f for f in failed if f["check"] == "LNK-HOME-01"]
    assert responses[broken["evidence"]["warc"][0]["record_id"]]["status"] == "404"


def test_a_url_never_answered_has_no_record_and_says_so(demo: Path) -> None:
    findings = json.loads((demo / "findings.json").read_text(encoding="utf-8"))["findings"]
    notes = [u for f in findings if f["status"] in ("failed", "unknown") for u in f["evidence"]["unarchived"]]
    assert any("请求超时" in u["reason"] for u in notes), notes
    recorded = {p["url"] for f in findings for p in f["evidence"]["warc"]}
    assert not {u["url"] for u in notes} & recorded


def test_only_cited_records_are_kept(demo: Path) -> None:
    db = store.open_db(demo / "audit.db")
    kept = db.execute("select count(*) from archive_records where run_id = 1 and file is not null").fetchone()[0]
    total = db.execute("select count(*) from archive_records where run_id = 1").fetchone()[0]
    fetched = db.execute("select count(*) from pages where run_id = 1 and fetch_state = 'ok'").fetchone()[0]
    assert 0 < kept < total and total >= fetched
    # every response keeps its digests in the store, kept or not
    assert db.execute("select count(*) from archive_records where run_id = 1 and body_sha256 is null").fetchone()[0] == 0
    records = [r for r in warc_records(demo / EVIDENCE_NAME) if r["type"] == "response"]
    assert len(records) == kept


def test_govaudit_evidence_prints_a_findings_record(demo: Path) -> None:
    findings = json.loads((demo / "findings.json").read_text(encoding="utf-8"))["findings"]
    (broken,) = [f for f in findings if f["check"] == "LNK-HOME-01" and f["status"] == "failed"]
    proc = govaudit("evidence", str(demo), str(broken["id"]))
    assert proc.returncode == 0, proc.stderr
    pointer = broken["evidence"]["warc"][0]
    assert pointer["record_id"] in proc.stdout and "HTTP/1.1 404" in proc.stdout
    assert f"GET /{pointer['url'].split('/', 3)[3]} HTTP/1.1" in proc.stdout  # the request as sent
    (home,) = [f for f in findings if f["check"] == "UPD-COL-01" and f["status"] == "failed"]
    body = demo / "home.html"
    proc = govaudit("evidence", str(demo), str(home["id"]), "--out", str(body))
    assert proc.returncode == 0, proc.stderr
    assert hashlib.sha256(body.read_bytes()).hexdigest() == home["evidence"]["warc"][0]["sha256"]
    assert "示范区" in body.read_text(encoding="utf-8")
    proc = govaudit("evidence", str(demo), "GK-AR-02")  # three such findings: which one?
    assert proc.returncode == 2 and str(broken["id"]) not in proc.stderr and "编号" in proc.stderr


def test_the_report_points_to_the_records(demo: Path) -> None:
    findings = json.loads((demo / "findings.json").read_text(encoding="utf-8"))["findings"]
    (broken,) = [f for f in findings if f["check"] == "LNK-HOME-01" and f["status"] == "failed"]
    soup = BeautifulSoup((demo / "report.html").read_text(encoding="utf-8"), "html.parser")
    archive_text = " ".join(div.get_text(" ") for div in soup.select("td.evidence .archive"))
    assert broken["evidence"]["warc"][0]["record_id"] in archive_text
    assert f"govaudit evidence 输出目录 {broken['id']}" in archive_text


# -- the recorder alone ----------------------------------------------------------------------------


def recorder(tmp_path: Path, **settings: object) -> tuple[WarcRecorder, int]:
    db_path = tmp_path / "audit.db"
    db = store.open_db(db_path)
    run_id = store.create_run(db, site_name="测试区", start_url="http://www.test.gov.cn/", as_of=AS_OF, settings={})
    db.close()
    crawler = get_crawler(settings_dict={"GOVAUDIT_DB": str(db_path), "GOVAUDIT_RUN_ID": run_id,
                                         "GOVAUDIT_WARC": "auto", "GOVAUDIT_WARC_MAX_BODY": 4096,
                                         "GOVAUDIT_WARC_MAX_FILE_BODY": 100, **settings})
    crawler.stats.open_spider()
    rec = WarcRecorder.from_crawler(crawler)
    rec.spider_opened(None)
    return rec, run_id


def test_a_compressed_page_is_stored_as_received_and_read_decoded(tmp_path: Path) -> None:
    rec, run_id = recorder(tmp_path)
    html = "<html><head><title>通知公告</title></head><body>关于开展检查的通知</body></html>".encode()
    request = Request("http://www.test.gov.cn/tzgg/", meta={"key": "http://www.test.gov.cn/tzgg/"})
    sent = gzip.compress(html)
    response = HtmlResponse(request.url, status=200, body=sent, request=request,
                            headers={"Content-Encoding": "gzip", "Content-Type": "text/html; charset=utf-8",
                                     "Transfer-Encoding": "chunked"})
    assert rec.process_response(request, response) is response
    rec.spider_closed(None, "finished")
    db = store.open_db(tmp_path / "audit.db")
    (row,) = db.query("select * from archive_records where run_id = ?", [run_id])
    assert row["url"] == "http://www.test.gov.cn/tzgg/" and row["kind"] == "page" and row["status"] == 200
    assert row["body_sha256"] == hashlib.sha256(sent).hexdigest() and row["body_length"] == len(sent)  # as received
    exchange = read_record(crawl_warc_path(tmp_path / "audit.db", run_id), row["offset"])
    assert exchange.body == html  # de-compressed by warcio, as a browser reads it
    assert ("Content-Encoding", "gzip") in exchange.headers
    assert not any(k.lower() == "transfer-encoding" for k, _ in exchange.headers)  # the body is not chunked
    assert exchange.request_line == "GET /tzgg/ HTTP/1.1" and exchange.payload_digest == row["payload_digest"]


def test_bodies_are_capped_and_say_so(tmp_path: Path) -> None:
    rec, run_id = recorder(tmp_path)
    page = ("<p>" + "很长的页面" * 2000 + "</p>").encode()
    xls = b"\xd0\xcf\x11\xe0" + bytes(5000)
    for url, body, ctype in (("http://www.test.gov.cn/big.html", page, "text/html"),
                             ("http://www.test.gov.cn/a.xls", xls, "application/vnd.ms-excel")):
        request = Request(url, meta={"key": url})
        rec.process_response(request, Response(url, status=200, body=body, headers={"Content-Type": ctype},
                                               request=request))
    rec.spider_closed(None, "finished")
    db = store.open_db(tmp_path / "audit.db")
    rows = {r["url"]: r for r in db.query("select * from archive_records where run_id = ?", [run_id])}
    big, xls_row = rows["http://www.test.gov.cn/big.html"], rows["http://www.test.gov.cn/a.xls"]
    assert (big["stored_length"], big["body_length"], big["truncated"]) == (4096, len(page), "length")
    assert (xls_row["stored_length"], xls_row["truncated"]) == (100, "length")
    assert big["body_sha256"] == hashlib.sha256(page).hexdigest()  # of the whole body, not the part kept
    records = warc_records(crawl_warc_path(tmp_path / "audit.db", run_id))
    assert [len(r["body"]) for r in records if r["type"] == "response"] == [4096, 100]
    assert {r["truncated"] for r in records if r["type"] == "response"} == {"length"}


def test_a_revalidated_page_is_archived_as_the_answer_read_and_says_so(tmp_path: Path) -> None:
    rec, run_id = recorder(tmp_path)
    url = "http://www.test.gov.cn/tzgg/"
    request = Request(url, meta={"key": url})
    # what Scrapy's HTTP cache hands on after a 304 (crawler.cache): the stored 200, flagged "cached"
    rec.process_response(request, HtmlResponse(url, status=200, body=b"<p>stored</p>", request=request,
                                               flags=["cached"]))
    fresh = Request(url + "new.html", meta={"key": url + "new.html"})
    rec.process_response(fresh, HtmlResponse(fresh.url, status=200, body=b"<p>new</p>", request=fresh))
    rec.spider_closed(None, "finished")
    path = crawl_warc_path(tmp_path / "audit.db", run_id)
    with path.open("rb") as f:
        exchanges = list(iter_exchanges(f))
    marks = [dict(e.warc_headers).get(NOT_MODIFIED_HEADER, "") for e in exchanges]
    assert marks[0].startswith("304") and marks[1] == ""
    assert exchanges[0].body == b"<p>stored</p>"


def test_no_archive_when_turned_off(tmp_path: Path) -> None:
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        WarcRecorder.from_crawler(get_crawler(settings_dict={"GOVAUDIT_WARC": ""}))


@pytest.mark.parametrize(("mode", "kept"), [("cited", 1), ("all", 2)])
def test_keep_evidence_keeps_what_the_findings_cite(tmp_path: Path, mode: str, kept: int) -> None:
    rec, run_id = recorder(tmp_path)
    for path in ("gone.html", "fine.html"):
        url = f"http://www.test.gov.cn/{path}"
        request = Request(url, meta={"key": url})
        rec.process_response(request, HtmlResponse(url, status=200, body=b"<p>x</p>", request=request))
    rec.spider_closed(None, "finished")
    db = store.open_db(tmp_path / "audit.db")
    db["findings"].insert_all([
        {"run_id": run_id, "check_id": "LNK-SITE-01", "status": "failed", "url": "http://www.test.gov.cn/gone.html",
         "evidence": json.dumps({"urls": ["http://www.test.gov.cn/never.html"]})},
        {"run_id": run_id, "check_id": "LNK-HOME-01", "status": "passed", "url": "http://www.test.gov.cn/fine.html",
         "evidence": "{}"},
    ])
    target = keep_evidence(db, tmp_path / "audit.db", run_id, tmp_path, mode)
    assert target == tmp_path / EVIDENCE_NAME and not crawl_warc_path(tmp_path / "audit.db", run_id).exists()
    uris = [r["uri"] for r in warc_records(target) if r["type"] == "response"]
    assert len(uris) == kept and "http://www.test.gov.cn/gone.html" in uris
    rows = list(db.query("select url, file, offset from archive_records where run_id = ? order by url", [run_id]))
    assert [r["file"] is not None for r in rows] == ([True, True] if mode == "all" else [False, True])
    for r in rows:
        if r["file"]:
            assert read_record(target, r["offset"]).target_uri == r["url"]
    assert keep_evidence(db, tmp_path / "audit.db", run_id, tmp_path, mode) is None  # a re-check keeps what it had
