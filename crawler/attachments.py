"""Attachment checks: is the file there, how big, of what type — without downloading it whole.

A HEAD request first; where a server refuses HEAD (405, 501, or 403 from firewalls that only allow GET) a GET
for the first kilobyte (``Range: bytes=0-1023``); the download stops after the first chunk in any case (see
``stop_after_first_chunk``). Size comes from Content-Length, or the total of a Content-Range. A content type
(or, failing that, the first bytes) that does not fit the extension is noted as ``type_mismatch``: a ".pdf"
that is an HTML error page is a broken attachment served with status 200.
"""

from __future__ import annotations

import re

HEAD_REFUSED = (403, 405, 501)
RANGE = "bytes=0-1023"
PROBE_BYTES = 1024

# extension → content types that fit it (substring match, lower case)
EXPECTED_TYPES: dict[str, tuple[str, ...]] = {
    ".pdf": ("pdf",),
    ".doc": ("msword", "ms-word", "wps", "octet-stream", "x-ole", "cdfv2"),
    ".docx": ("wordprocessingml", "msword", "octet-stream", "zip"),
    ".xls": ("ms-excel", "spreadsheet", "octet-stream", "x-ole", "cdfv2", "et"),
    ".xlsx": ("spreadsheetml", "ms-excel", "octet-stream", "zip"),
    ".wps": ("wps", "msword", "ms-works", "octet-stream", "x-ole", "kswps"),
    ".et": ("et", "ms-excel", "octet-stream", "x-ole", "kset"),
    ".ofd": ("ofd", "octet-stream", "zip"),
    ".zip": ("zip", "octet-stream", "compressed"),
    ".rar": ("rar", "octet-stream", "compressed"),
}
# first bytes → a family; used when the server says nothing useful (octet-stream or no type)
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"),
    (b"\xd0\xcf\x11\xe0", "ole"),  # .doc .xls .wps .et
    (b"PK\x03\x04", "zip"),  # .docx .xlsx .ofd .zip
    (b"Rar!", "rar"),
)
FITS_MAGIC = {
    ".pdf": {"pdf"},
    ".doc": {"ole", "zip"},
    ".xls": {"ole", "zip"},
    ".wps": {"ole", "zip"},
    ".et": {"ole", "zip"},
    ".docx": {"zip", "ole"},
    ".xlsx": {"zip", "ole"},
    ".ofd": {"zip"},
    ".zip": {"zip"},
    ".rar": {"rar"},
}
_RANGE_TOTAL_RE = re.compile(r"/\s*(\d+)\s*$")
_HTML_START_RE = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<script|<\?xml)", re.IGNORECASE)


def size_from(headers: dict[str, str], status: int) -> int | None:
    """The file's full size: Content-Range's total on 206, else Content-Length (None when unknown)."""
    content_range = headers.get("content-range", "")
    if content_range:
        m = _RANGE_TOTAL_RE.search(content_range)
        if m:
            return int(m.group(1))
    if status == 206:
        return None
    length = headers.get("content-length", "")
    return int(length) if length.strip().isdigit() else None


def magic_family(head: bytes) -> str:
    for prefix, family in MAGIC:
        if head.startswith(prefix):
            return family
    if _HTML_START_RE.match(head[:200]):
        return "html"
    return ""


def type_mismatch(ext: str, content_type: str, head: bytes = b"") -> str:
    """A note when the served type does not fit the extension, else ''."""
    ext = ext.lower()
    kind = content_type.split(";", 1)[0].strip().lower()
    family = magic_family(head) if head else ""
    if family == "html" or kind in ("text/html", "application/xhtml+xml"):
        return f"type_mismatch: {ext} 文件实际为网页（{kind or 'HTML'}）"
    expected = EXPECTED_TYPES.get(ext)
    if expected is None:
        return ""
    if family and family not in FITS_MAGIC.get(ext, {family}):
        return f"type_mismatch: {ext} 文件内容为 {family}"
    if kind and not any(e in kind for e in expected) and not family:
        return f"type_mismatch: {ext} 文件的类型为 {kind}"
    return ""
