"""The crawl's evidence: every response, as it passed, appended to a per-run WARC file (a downloader middleware).

Each response becomes a WARC ``response`` record (status line, headers and body as received: a body the server
compressed stays compressed, as the Content-Encoding header says) followed by its ``request`` record (method,
path, the headers sent), each pair in gzip members of its own, after one ``warcinfo`` record, in ``GOVAUDIT_WARC`` (``auto``: beside the audit
database, ``.crawl-run<N>.warc.gz``). The record's
place in the file (offset and length of the pair), its record id, its WARC-Payload-Digest (sha1 of the stored
payload) and the sha256 of the whole body as received are written to the store's ``archive_records``, keyed by
the page's canonical URL (``pages.url``, ``attachments.url``). Bodies are capped: a page at
``GOVAUDIT_WARC_MAX_BODY`` bytes, anything not text at ``GOVAUDIT_WARC_MAX_FILE_BODY`` (attachment probes carry
headers and first bytes only); a cut body says so (``WARC-Truncated: length``) and its sha256 is still that of
the whole body. A re-audit's page the server answered 304 (crawler.cache) is archived as the stored answer the
audit read, saying so (``WARC-Govaudit-Not-Modified``).

The middleware sits between the redirect and the decompression middlewares (595): it sees the final response of
each request, before its body is decoded. With ``GOVAUDIT_WARC`` empty it is off. ``copy_records`` and
``read_record`` are what ``govaudit`` uses afterwards to keep the records a report cites and to show one.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler import store
from crawler.hygiene import canonical

AUTO = "auto"
NOT_MODIFIED_HEADER = "WARC-Govaudit-Not-Modified"  # an extension field: the record re-serves a stored answer
WARC_VERSION = "1.1"
GZIP_LEVEL = 1  # warcio's own writer compresses at 9, far slower; 1 is twice as fast as 6 for ~20 % more bytes (real pages)
FLUSH_EVERY = 200  # index rows per write to the store
TEXT_TYPES = ("text/", "html", "xml", "json", "javascript")
# hop-by-hop headers describe the transfer, not the body stored (Twisted has already de-chunked it)
HOP_HEADERS = {b"transfer-encoding", b"connection", b"keep-alive"}


def crawl_warc_path(db_path: str | Path, run_id: int) -> Path:
    """Where a crawl with ``GOVAUDIT_WARC = auto`` archives its responses: beside the audit database."""
    return Path(db_path).parent / f".crawl-run{run_id}.warc.gz"


def gzip_member(data: bytes) -> bytes:
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    return compressor.compress(data) + compressor.flush()


def record_bytes(record: Any) -> bytes:
    """One WARC record, serialised by warcio (uncompressed: the caller compresses it as one gzip member)."""
    buffer = io.BytesIO()
    WARCWriter(buffer, gzip=False, warc_version=WARC_VERSION).write_record(record)
    return buffer.getvalue()


def warcinfo_member(filename: str, info: dict[str, Any]) -> bytes:
    writer = WARCWriter(io.BytesIO(), gzip=False, warc_version=WARC_VERSION)
    fields = {"software": "govaudit", "format": "WARC File Format 1.1",
              "conformsTo": "https://iso.org/standard/68004.html", **info}
    return gzip_member(record_bytes(writer.create_warcinfo_record(filename, fields)))


def _status_line(response: Response) -> str:
    try:
        phrase = HTTPStatus(response.status).phrase
    except ValueError:
        phrase = ""
    return f"{response.status} {phrase}".strip()


def _text(value: bytes) -> str:
    # warcio %-encodes a header that is not ASCII as UTF-8 (RFC 8187): decoded as UTF-8 first, it keeps its bytes
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _headers(headers: Any, skip: set[bytes] = frozenset()) -> list[tuple[str, str]]:
    pairs = []
    for name, values in headers.items():
        if name.lower() in skip:
            continue
        for value in values:
            pairs.append((_text(name), _text(value)))
    return pairs


def is_text(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return not kind or any(t in kind for t in TEXT_TYPES)


@dataclass
class Exchange:
    """A response and its request, as ``read_record`` finds them in a WARC file."""

    record_id: str
    target_uri: str
    date: str
    payload_digest: str
    truncated: str
    status_line: str
    headers: list[tuple[str, str]]
    body: bytes  # de-chunked and decompressed, as a browser would read it
    request_line: str
    request_headers: list[tuple[str, str]]
    warc_headers: list[tuple[str, str]]


class WarcRecorder:
    """Downloader middleware: append every response (with its request) to the run's WARC file."""

    def __init__(self, crawler: Crawler, path: str) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.setting = path
        self.path = Path(path)
        self.max_body = settings.getint("GOVAUDIT_WARC_MAX_BODY")
        self.max_file_body = settings.getint("GOVAUDIT_WARC_MAX_FILE_BODY")
        self.db_path = settings.get("GOVAUDIT_DB")
        self.run_id = settings.getint("GOVAUDIT_RUN_ID") or None
        self.rows: list[dict[str, Any]] = []
        self.out: BinaryIO | None = None
        self.writer = WARCWriter(io.BytesIO(), gzip=False, warc_version=WARC_VERSION)  # builds records only

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcRecorder:
        path = crawler.settings.get("GOVAUDIT_WARC")
        if not path:
            raise NotConfigured("GOVAUDIT_WARC is not set")
        recorder = cls(crawler, path)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider: Any) -> None:
        # the pipeline has opened by now: a run it created is in the stats
        self.run_id = self.run_id or self.crawler.stats.get_value("govaudit/run_id")
        if self.setting == AUTO:
            if not self.db_path or self.run_id is None or str(self.db_path) == ":memory:":
                return
            self.path = crawl_warc_path(self.db_path, self.run_id)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.out = self.path.open("ab")
        if self.out.tell() == 0:
            self.out.write(warcinfo_member(self.path.name, {
                "isPartOf": f"govaudit run {self.run_id or ''}".strip(),
                "description": "every response of one audit's crawl, as received (bodies capped)",
                "http-header-user-agent": self.crawler.settings.get("USER_AGENT"),
                "robots": "obey" if self.crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            }))

    def process_response(self, request: Request, response: Response) -> Response:
        if self.out is not None:
            try:
                self.append(request, response)
            except Exception:  # an archive failure must never cost the page itself
                self.crawler.stats.inc_value("govaudit/warc_errors")
        return response

    def append(self, request: Request, response: Response) -> None:
        fetched = datetime.now(UTC)
        warc_date = fetched.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        body = response.body or b""
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        cap = self.max_body if is_text(content_type) else self.max_file_body
        stored = body[:cap] if cap and len(body) > cap else body
        truncated = "length" if len(stored) < len(body) or "download_stopped" in response.flags else ""
        warc_headers = {"WARC-Date": warc_date}
        if truncated:
            warc_headers["WARC-Truncated"] = truncated
        if "cached" in response.flags:  # a re-audit's 304: the server said unchanged, the stored answer is read
            warc_headers[NOT_MODIFIED_HEADER] = "304; body and headers from the answer stored by an earlier audit"
        if response.ip_address is not None:
            warc_headers["WARC-IP-Address"] = str(response.ip_address)
        protocol = getattr(response, "protocol", None) or "HTTP/1.1"
        http_headers = StatusAndHeaders(_status_line(response), _headers(response.headers, HOP_HEADERS),
                                        protocol=protocol)
        resp = self.writer.create_warc_record(response.url, "response", payload=io.BytesIO(stored),
                                              length=len(stored), http_headers=http_headers,
                                              warc_headers_dict=warc_headers)
        resp_id = resp.rec_headers.get_header("WARC-Record-ID")
        parts = urlsplit(response.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sent = _headers(request.headers)
        if not any(name.lower() == "host" for name, _ in sent):
            sent.insert(0, ("Host", parts.netloc))
        req_body = request.body or b""
        req = self.writer.create_warc_record(
            response.url, "request", payload=io.BytesIO(req_body), length=len(req_body),
            http_headers=StatusAndHeaders(f"{request.method} {target} {protocol}", sent, is_http_request=True),
            warc_headers_dict={"WARC-Date": warc_date, "WARC-Concurrent-To": resp_id})
        offset = self.out.tell()
        self.out.write(gzip_member(record_bytes(resp)) + gzip_member(record_bytes(req)))
        meta = request.meta
        kind = "probe" if meta.get("govaudit_probe") else "render" if meta.get("rendered") else (
            "page" if meta.get("key") else "other")
        self.rows.append({
            "run_id": self.run_id, "record_id": resp_id, "url": meta.get("key") or canonical(request.url),
            "target_uri": response.url, "kind": kind, "status": response.status,
            "content_type": content_type[:200], "fetched_at": fetched.isoformat(timespec="seconds"),
            "file": self.path.name, "offset": offset, "length": self.out.tell() - offset,
            "payload_digest": resp.rec_headers.get_header("WARC-Payload-Digest"),
            "body_sha256": hashlib.sha256(body).hexdigest(), "body_length": len(body), "stored_length": len(stored),
            "truncated": truncated,
        })
        if len(self.rows) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.rows or not self.db_path or self.run_id is None:
            return
        if self.out is not None:
            self.out.flush()
        db = store.open_db(self.db_path)
        try:
            with db.conn:
                store.write_rows(db, "archive_records", self.rows)
        finally:
            db.close()
        self.rows = []

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None
        self.flush()


def copy_records(source: Path, target: Path, ranges: Iterable[tuple[int, int]], info: dict[str, Any]) -> list[int]:
    """Write ``target``: a new warcinfo record, then the byte ranges (offset, length) of ``source`` — whole gzip
    members, so the records and their digests are unchanged. Returns each range's new offset."""
    offsets = []
    tmp = target.with_name(target.name + ".part")
    with source.open("rb") as src, tmp.open("wb") as out:
        out.write(warcinfo_member(target.name, info))
        for offset, length in ranges:
            src.seek(offset)
            offsets.append(out.tell())
            out.write(src.read(length))
    tmp.replace(target)
    return offsets


def iter_exchanges(stream: BinaryIO) -> Iterator[Exchange]:
    """Every response of a WARC stream with the request that follows it (warcio's reader)."""
    pending: Exchange | None = None
    for record in ArchiveIterator(stream):
        if record.rec_type == "response":
            if pending is not None:
                yield pending
            http = record.http_headers
            pending = Exchange(
                record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
                target_uri=record.rec_headers.get_header("WARC-Target-URI") or "",
                date=record.rec_headers.get_header("WARC-Date") or "",
                payload_digest=record.rec_headers.get_header("WARC-Payload-Digest") or "",
                truncated=record.rec_headers.get_header("WARC-Truncated") or "",
                status_line=f"{http.protocol} {http.statusline}".strip(),
                headers=list(http.headers),
                body=record.content_stream().read(),
                request_line="", request_headers=[], warc_headers=list(record.rec_headers.headers),
            )
        elif record.rec_type == "request" and pending is not None:
            concurrent = record.rec_headers.get_header("WARC-Concurrent-To")
            if concurrent == pending.record_id:
                request = record.http_headers  # warcio reads a request line's method as its "protocol"
                pending.request_line = f"{request.protocol} {request.statusline}".strip()
                pending.request_headers = list(record.http_headers.headers)
                yield pending
                pending = None
    if pending is not None:
        yield pending


def read_record(path: Path, offset: int) -> Exchange:
    """The response record at ``offset`` of a WARC file, with its request."""
    with path.open("rb") as f:
        f.seek(offset)
        for exchange in iter_exchanges(f):
            return exchange
    raise LookupError(f"no response record at offset {offset} of {path}")
