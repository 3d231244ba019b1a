"""Decode page bytes: BOM, HTTP header, <meta charset>, then detection — GBK-family labels read as GB18030.

Chinese government sites still serve GBK/GB2312 pages, and labels lie: a server-wide ``charset=UTF-8`` header
on GBK files, ``ISO-8859-1`` defaults, a UTF-8 template still declaring gb2312. Order of trust:

1. a byte-order mark;
2. valid UTF-8 (non-ASCII bytes that decode strictly are UTF-8 whatever the label says: GBK text almost never
   is valid UTF-8, while UTF-8 text often "decodes" as GB18030 into garbage);
3. the header charset, then the meta charset, if the body decodes strictly with it (Latin-1 and friends are
   ignored here: they decode anything, and on these sites they are server defaults, not facts);
4. GB18030 when it decodes strictly into mostly Chinese text;
5. charset-normalizer's guess;
6. GB18030 with replacement characters.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_GB_FAMILY = frozenset(
    {
        "gb2312",
        "gbk",
        "gb18030",
        "x-gbk",
        "cp936",
        "ms936",
        "windows-936",
        "csgb2312",
        "euc-cn",
        "hz-gb-2312",
        "gb_2312-80",
        "gb_2312",
        "chinese",
        "936",
    }
)
_WEAK = frozenset({"latin_1", "iso8859-1", "ascii", "cp1252", "iso8859-15"})
_HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:\-]+)", re.IGNORECASE)
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([\w.:\-]+)|<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:\-]+)""",
    re.IGNORECASE,
)
_SNIFF_BYTES = 8192
_DETECT_BYTES = 100_000
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)


def normalise_label(label: str | bytes | None) -> str | None:
    """Python codec name for a charset label (GBK family → gb18030); None when unknown."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().strip("\"'").lower()
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "gb18030" if name in ("gb2312", "gbk", "hz") else name


def header_charset(content_type: str | bytes | None) -> str | None:
    if not content_type:
        return None
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    m = _HEADER_CHARSET_RE.search(content_type)
    return normalise_label(m.group(1)) if m else None


def meta_charset(body: bytes) -> str | None:
    m = _META_CHARSET_RE.search(body[:_SNIFF_BYTES])
    if not m:
        return None
    return normalise_label(m.group(1) or m.group(2))


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_chinese(text: str) -> bool:
    """Most non-ASCII characters are CJK ideographs or CJK/full-width punctuation."""
    non_ascii = [c for c in text[:20000] if ord(c) > 127]
    if not non_ascii:
        return False
    cjk = sum(
        1
        for c in non_ascii
        if "\u4e00" <= c <= "\u9fff"
        or "\u3000" <= c <= "\u303f"
        or "\uff00" <= c <= "\uffef"
        or c in "“”‘’…—·"
    )
    return cjk / len(non_ascii) >= 0.8


def _detect(body: bytes) -> str | None:
    try:
        best = from_bytes(body[:_DETECT_BYTES]).best()
    except Exception:  # detection is a best effort; never let it fail a page
        return None
    return normalise_label(best.encoding) if best is not None else None


def cap_body(body: bytes, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a page body, cut before a ``<``: in UTF-8, GBK, GB18030 and Big5 that byte is never
    part of a multi-byte character, so the part decodes as the whole would (a UTF-16 page is cut at an even
    length)."""
    if len(body) <= max_bytes:
        return body
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body[: max_bytes - max_bytes % 2]
    at = body.rfind(b"<", 0, max_bytes)
    return body[:at] if at > 0 else body[:max_bytes]


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding used) for a page body; never raises."""
    if not body:
        return "", "utf-8"
    for bom, codec, name in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), name
    declared = [e for e in (header_charset(content_type), meta_charset(body)) if e]
    if not body.isascii():
        text = _strict(body, "utf-8")
        if text is not None:
            return text, "utf-8"
    else:
        usable = [e for e in declared if e not in _WEAK and _strict(b"<html>", e) == "<html>"]
        return body.decode("ascii"), usable[0] if usable else "utf-8"
    for encoding in declared:
        if encoding in _WEAK or encoding == "utf-8":
            continue
        text = _strict(body, encoding)
        if text is not None:
            return text, encoding
    text = _strict(body, "gb18030")
    if text is not None and _mostly_chinese(text):
        return text, "gb18030"
    guess = _detect(body)
    if guess is not None:
        text = _strict(body, guess)
        if text is not None:
            return text, guess
    return body.decode("gb18030", errors="replace"), "gb18030"
