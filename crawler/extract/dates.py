"""Dates: parse the shapes Chinese government pages use, and find every publication-date candidate of a page.

Sources recorded in ``FoundDate.source`` (best first, see ``SOURCE_PRIORITY``):

- ``meta:PubDate``      the national ``<meta name="PubDate">`` tag
- ``meta:firstpublishedtime`` ``meta:publishdate``  the same day as other CMSs write it (gov.cn-style pages
  have ``firstpublishedtime`` = ``2026-03-05-17:40:12`` and no PubDate; TRS sites add ``publishdate``)
- ``label:发布日期`` ``label:发布时间`` ``label:发文日期`` ``label:公开日期`` ``label:发表时间`` ``label:日期``
  ``label:时间``  a visible label
- ``table:生成日期``    the 生成日期 row of a 索引号 metadata table
- ``url``               the page URL (``t20260315_123.html``, ``/2026/3/15/``, ``/2026-03/15/`` are a day,
  ``/202603/`` only a month)

``table:成文日期`` (the day a document was drafted, also in 索引号 tables) is recorded as a candidate but never
chosen as the publication date: checks may compare it with the publication date (条例 第二十六条, 20 working days).
Conflicting candidates are all kept; nothing is merged.

``shown_date`` is the date the page shows a reader (a label, else a 生成日期 row; never 发文日期, the day of
issue), ``meta_date`` the one its meta tags say: where they differ the page shows its publication date and the
meta tag, often the time the CMS generated the page, is kept beside it (domain.md §7).
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import unquote, urlsplit

from crawler.extract.dom import BLOCK_TAGS, Doc, Element, collapse, tags
from crawler.extract.listing import in_article_body
from crawler.extract.meta import read_meta
from crawler.extract.model import FoundDate
from crawler.extract.regions import has_ancestor
from crawler.extract.text import PageText, page_text

MIN_YEAR, MAX_YEAR = 1990, 2100

# Full-width digits and punctuation seen in Chinese pages, mapped to ASCII before matching.
_FULLWIDTH = tuple(zip("０１２３４５６７８９－／．：　", "0123456789-/.: ", strict=True))


def _ascii_digits(text: str) -> str:
    """text with full-width digits and punctuation made ASCII (same length: offsets stay valid)."""
    # one C-speed replace per character present beats str.translate's per-character table lookups
    for wide, narrow in _FULLWIDTH:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


_TIME = r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
_FULL_DATE = (
    r"(?<!\d)(?P<y1>\d{4})(?P<sep>[-/.])(?P<m1>\d{1,2})(?P=sep)(?P<d1>\d{1,2})(?!\d)"
    + _TIME
    + r"|(?<!\d)(?P<y2>\d{4})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
    + _TIME
)
_FULL_DATE_RE = re.compile(_FULL_DATE)
# Month and day only ([03-15], 03-15, 3月15日): needs a year from the context.
_SHORT_DATE_RE = re.compile(
    r"(?<![\d\-/.])(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d\-/.])|(?<!\d)(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
)

# Visible labels → source. Label characters may be spaced out ("发 布 日 期"); the short labels must not be the
# tail of a longer word (截止日期, 办公时间).
_LABELS = {
    "发布日期": "label:发布日期",
    "发布时间": "label:发布时间",
    "发文日期": "label:发文日期",
    "公开日期": "label:公开日期",
    "发表时间": "label:发表时间",
    "生成日期": "table:生成日期",
    "成文日期": "table:成文日期",
    "日期": "label:日期",
    "时间": "label:时间",
}


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _spaced(word: str) -> str:
    return r"\s*".join(word)


_LABEL_RE = re.compile(
    r"(?P<label>"
    + "|".join(_spaced(w) for w in _LABELS if len(w) > 2)
    + r"|(?<![\u4e00-\u9fff])(?P<short>"
    + "|".join(_spaced(w) for w in _LABELS if len(w) == 2)
    + r"))\s*[】\]］]?\s*[:：]?\s*[\[【(（［]?\s*(?P<date>"
    + _FULL_DATE.replace("?P<", "?P<l_").replace("(?P=sep)", "(?P=l_sep)")
    + ")"
)

SOURCE_PRIORITY = (
    "meta:PubDate",
    "meta:firstpublishedtime",
    "meta:publishdate",
    "label:发布日期",
    "label:发布时间",
    "label:发文日期",
    "label:公开日期",
    "label:发表时间",
    "label:日期",
    "label:时间",
    "table:生成日期",
    "url",
)

# TRS article URLs (t20260315_123.html), date folders (/20260315/, /2026-03-15/, /2026/03/15/) and month folders.
_URL_DAY_RE = re.compile(r"(?:^|[/_])t?(\d{4})(\d{2})(\d{2})(?:_\d+)?(?:\.\w+)?$|^(\d{4})-(\d{2})-(\d{2})$")
_URL_YMD_PATH_RE = re.compile(r"/(\d{4})[/-](\d{1,2})/(\d{1,2})/")
_URL_MONTH_RE = re.compile(r"^(\d{4})(\d{2})$|^(\d{4})-(\d{2})$")


def make_date(year: int | str, month: int | str, day: int | str) -> date | None:
    """A date if it exists and lies within 1990–2100, else None."""
    try:
        y, m, d = int(year), int(month), int(day)
        if not MIN_YEAR <= y <= MAX_YEAR:
            return None
        return date(y, m, d)
    except (TypeError, ValueError):
        return None


def find_date(text: str, context_year: int | None = None) -> tuple[date, str] | None:
    """The first valid date in text and the text it was read from.

    Full dates (2026-03-15, 2026/03/15, 2026.03.15, 2026年3月15日, optionally with a time) win; a month-day
    ([03-15], 3月15日) is read only when no full date is present and ``context_year`` is given.
    """
    if not text:
        return None
    text = _ascii_digits(text)
    for m in _FULL_DATE_RE.finditer(text):
        if m.group("y1"):
            value = make_date(m.group("y1"), m.group("m1"), m.group("d1"))
        else:
            value = make_date(m.group("y2"), m.group("m2"), m.group("d2"))
        if value is not None:
            return value, m.group(0).strip()
    if context_year is not None:
        for m in _SHORT_DATE_RE.finditer(text):
            month, day = (m.group("m"), m.group("d")) if m.group("m") else (m.group("m2"), m.group("d2"))
            value = make_date(context_year, month, day)
            if value is not None:
                return value, m.group(0).strip()
    return None


def parse_date(text: str, context_year: int | None = None) -> date | None:
    """The first valid date in text (see ``find_date``), or None."""
    found = find_date(text, context_year)
    return found[0] if found else None


_FOUR_DIGITS_RE = re.compile(r"\d{4}")


def has_year(raw: str) -> bool:
    return bool(_FOUR_DIGITS_RE.search(raw or ""))


def date_from_url(url: str) -> FoundDate | None:
    """The date a URL encodes, if any: a day (t20260315_1.html, /20260315/) or a month (/202603/ → day 1)."""
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    segments = [s for s in path.split("/") if s]
    for segment in reversed(segments):
        m = _URL_DAY_RE.search(segment)
        if m:
            y, mo, d = (
                (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
            )
            value = make_date(y, mo, d)
            if value is not None:
                return FoundDate(value=value, source="url", raw=segment)
    m = _URL_YMD_PATH_RE.search(path)
    if m:
        value = make_date(*m.groups())
        if value is not None:
            return FoundDate(value=value, source="url", raw=m.group(0).strip("/"))
    for segment in reversed(segments[:-1] if segments and "." in segments[-1] else segments):
        m = _URL_MONTH_RE.match(segment)
        if m:
            y, mo = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            value = make_date(y, mo, 1)
            if value is not None:
                return FoundDate(value=value, source="url", raw=segment, precision="month")
    return None


# Publication-date meta tags other than the national PubDate, lower-cased name → source.
_OTHER_DATE_META = {"firstpublishedtime": "meta:firstpublishedtime", "publishdate": "meta:publishdate"}


def _meta_dates(doc: Doc) -> list[FoundDate]:
    found: list[FoundDate] = []
    content = read_meta(doc).get("PubDate", "")
    parsed = find_date(content)
    if parsed is not None:
        found.append(FoundDate(value=parsed[0], source="meta:PubDate", raw=content))
    seen: set[str] = set()
    for tag in tags(doc, "meta"):
        name = tag.get("name")
        source = _OTHER_DATE_META.get(name.strip().lower()) if isinstance(name, str) else None
        if source is None or source in seen:
            continue
        seen.add(source)  # first occurrence wins, as for the national tags
        content = collapse(tag.get("content") or "")[:100]
        parsed = find_date(content)
        if parsed is not None:
            found.append(FoundDate(value=parsed[0], source=source, raw=content))
    return found


# Fields an article's info line puts before its 时间/日期: "作者：办公室 时间：2026/3/5", "来源：区政府 日期：…".
_INFO_FIELD_RE = re.compile(
    r"[【\[]?(?:信息|文章|稿件)?来源|作者|撰稿|供稿|编辑|责任编辑|发布者|发布单位|发布机构|发布人|浏览|点击|阅读|访问|字号"
)


def _ends_a_field(text: str, space: int) -> bool:
    """Whether the word before ``text[space]`` (a space) is the value of an article-info field ("作者：办公室");
    "地点：会议室 时间：…" in a notice's text is an event's time, not the page's."""
    start = max(text.rfind(" ", 0, space), -1) + 1
    word = text[start:space]
    return space - start <= 40 and any(c in ":：】" for c in word) and bool(_INFO_FIELD_RE.match(word))


def _block_of(node: Element | None) -> Element | None:
    for _ in range(12):
        if node is None or node.tag in BLOCK_TAGS:
            return node
        node = node.getparent()
    return node


def _begins_a_block(text: PageText, start: int) -> bool:
    """Whether the word at ``start`` begins a block of its own after another (a heading, then an info line),
    outside the article's text (where "时间：" on a line of a notice is an event's)."""
    here, before = text.node_at(start), text.node_at(start - 2)
    if here is None or before is None or here is before or _block_of(here) is _block_of(before):
        return False
    return not in_article_body(here)


def label_dates(doc: Doc, exclude: set[int] | None = None) -> list[FoundDate]:
    """Dates introduced by a visible label (发布日期：…), in document order.

    ``exclude`` holds id()s of elements (list entries) whose labels belong to another document.
    """
    text = page_text(doc)
    found: list[FoundDate] = []
    ascii_text = _ascii_digits(text.text)
    for m in _LABEL_RE.finditer(ascii_text):
        start = m.start()
        if m.group("short") and start >= 2 and ascii_text[start - 1] == " " and _is_cjk(ascii_text[start - 2]):
            # "截止 时间" is not a publication label, "作者：办公室 时间：" is (the word before ends a field), and so
            # is one that begins a block of its own (<h1>标题</h1><div>日期：…</div>)
            if not _ends_a_field(ascii_text, start - 1) and not _begins_a_block(text, start):
                continue
        # node_at is the element holding the string: 59 steps from it reach as far as 60 from the string did
        if exclude and has_ancestor(text.node_at(m.start("date")), exclude, stop=59):
            continue
        raw = m.group("date").strip()
        parsed = find_date(raw)
        if parsed is None:
            continue
        label = "".join(m.group("label").split())
        found.append(FoundDate(value=parsed[0], source=_LABELS[label], raw=raw))
    return found


def find_page_dates(doc: Doc, url: str, exclude: set[int] | None = None) -> list[FoundDate]:
    """Every publication-date candidate of a page, deduplicated by (value, source), meta first, url last."""
    candidates: list[FoundDate] = _meta_dates(doc)
    candidates.extend(label_dates(doc, exclude))
    from_url = date_from_url(url)
    if from_url is not None:
        candidates.append(from_url)
    seen: set[tuple[date, str]] = set()
    unique: list[FoundDate] = []
    for candidate in candidates:
        key = (candidate.value, candidate.source)
        if key not in seen:
            seen.add(key)
            unique.append(candidate)
    return unique


# The publication date as the page shows it, best first: visible labels, then a 索引号 table's 生成日期.
SHOWN_SOURCES = (
    "label:发布日期",
    "label:发布时间",
    "label:公开日期",
    "label:发表时间",
    "label:日期",
    "label:时间",
    "table:生成日期",
)
META_SOURCES = ("meta:PubDate", "meta:firstpublishedtime", "meta:publishdate")


def _first_of(dates: list[FoundDate], sources: tuple[str, ...]) -> FoundDate | None:
    rank = {source: i for i, source in enumerate(sources)}
    ranked = [d for d in dates if d.source in rank]
    return min(ranked, key=lambda d: rank[d.source]) if ranked else None


def shown_date(dates: list[FoundDate]) -> FoundDate | None:
    """The publication date the page shows in its text (see ``SHOWN_SOURCES``), None if it shows none."""
    return _first_of(dates, SHOWN_SOURCES)


def meta_date(dates: list[FoundDate]) -> FoundDate | None:
    """The publication date the page's meta tags give (see ``META_SOURCES``), None if they give none."""
    return _first_of(dates, META_SOURCES)


def best_date(dates: list[FoundDate]) -> FoundDate | None:
    """The publication date: the first candidate of the best source in ``SOURCE_PRIORITY`` (None if none)."""
    rank = {source: i for i, source in enumerate(SOURCE_PRIORITY)}
    ranked = [d for d in dates if d.source in rank]
    if not ranked:
        return None
    return min(ranked, key=lambda d: rank[d.source])  # min is stable: document order breaks ties
