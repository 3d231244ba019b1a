"""Text that inline scripts write into the page: ``document.write('<p>网站标识码：…</p>')``.

Older portals write their footer (and sometimes more) with ``document.write``/``writeln`` calls whose argument
is a string literal, or literals joined by ``+``. The strings are in the static page, so what they say can be
read without running the script: the literals are decoded (JavaScript escapes), joined and parsed as HTML, and
their visible text returned. Anything that is not a literal (a variable, a call) ends the argument.
"""

from __future__ import annotations

import re

from crawler.extract.dom import Doc, cached, make_soup, tags
from crawler.extract.text import document_text, string_of

_WRITE_RE = re.compile(r"document\s*\.\s*write(?:ln)?\s*\(\s*")
_MAX_WRITTEN_CHARS = 50_000
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "", "f": "", "v": "", "0": ""}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _literal(code: str, at: int) -> tuple[str, int] | None:
    """The string literal starting at ``code[at]`` (a quote), decoded, and the index after it; None if there is
    none or it does not end."""
    quote = code[at : at + 1]
    if quote not in ("'", '"', "`"):
        return None
    out: list[str] = []
    i, end = at + 1, len(code)
    while i < end:
        char = code[i]
        if char == quote:
            return "".join(out), i + 1
        if char == "\\" and i + 1 < end:
            nxt = code[i + 1]
            width = 4 if nxt == "u" else 2 if nxt == "x" else 0
            digits = code[i + 2 : i + 2 + width]
            if width and len(digits) == width and _HEX_DIGITS.issuperset(digits):
                out.append(chr(int(digits, 16)))
                i += 2 + width
                continue
            out.append(_SIMPLE_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        if char == "\n" and quote != "`":
            return None  # an unterminated literal: not code we understand
        out.append(char)
        i += 1
    return None


def _argument(code: str, at: int) -> str:
    """The literals of a write call's argument from ``at``, joined (``'a' + "b"``)."""
    parts: list[str] = []
    while True:
        found = _literal(code, at)
        if found is None:
            break
        text, at = found
        parts.append(text)
        while at < len(code) and code[at] in " \t\r\n":
            at += 1
        if code[at : at + 1] != "+":
            break
        at += 1
        while at < len(code) and code[at] in " \t\r\n":
            at += 1
    return "".join(parts)


def written_html(doc: Doc) -> str:
    """The HTML the page's inline scripts write with document.write, in document order ("" when none)."""
    pieces: list[str] = []
    size = 0
    for script in tags(doc, "script"):
        body = string_of(script)
        if not body or "write" not in body:
            continue
        for m in _WRITE_RE.finditer(body):
            piece = _argument(body, m.end())
            if piece:
                pieces.append(piece)
                size += len(piece)
        if size > _MAX_WRITTEN_CHARS:
            break
    return "".join(pieces)[:_MAX_WRITTEN_CHARS]


def written_text(doc: Doc) -> str:
    """Visible text of what the page's inline scripts write (cached; "" when they write nothing)."""

    def build() -> str:
        html = written_html(doc)
        if not html.strip():
            return ""
        return document_text(make_soup(f"<html><body>{html}</body></html>"))

    return cached(doc, "written_text", build)
