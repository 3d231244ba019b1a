"""The public entry point: one HTML page in, one PageExtract out (parsed once, every extractor shares it).

``extract_page`` never raises: a failure in one extractor is logged and leaves that part at its default, so a
single odd page cannot cost the crawl the rest of what the page shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from crawler.extract.columns import extract_column
from crawler.extract.dates import best_date, find_page_dates, meta_date, shown_date
from crawler.extract.dom import MAX_HTML_CHARS, make_soup
from crawler.extract.identity import extract_identity
from crawler.extract.infotable import find_info_table
from crawler.extract.links import extract_links, search_boxes
from crawler.extract.listing import ARTICLE_BODY_CHARS, article_body_chars, is_empty_list, is_script_rendered
from crawler.extract.lists import entry_elements, extract_entries, has_datastore
from crawler.extract.meta import page_title, read_meta
from crawler.extract.model import PageExtract
from crawler.extract.pagination import next_pages
from crawler.extract.text import page_text
from crawler.extract.urls import base_url_of

logger = logging.getLogger(__name__)

T = TypeVar("T")

MAX_TEXT_CHARS = 20_000
LIST_MIN_ENTRIES = 3
ARTICLE_MIN_TEXT = 800  # visible characters (chrome included) for "long text with a publication date"
SHORT_BODY_CHARS = 20  # an article body this short still makes a dated page an article


def _guard(what: str, url: str, compute: Callable[[], T], default: T) -> T:
    try:
        return compute()
    except Exception:  # one extractor's bug must not lose the page: log it, keep the default
        logger.exception("extract %s failed on %s", what, url)
        return default


def page_kind(page: PageExtract, article_body: bool, datastore: bool = False, short_body: bool = False) -> str:
    """list | article | other.

    article: an ArticleTitle meta (it wins over a related-documents list); list: ≥3 entries, pagination, an
    empty-list marker, a script-drawn list or a Hanweb datastore; article again: an article body element, or
    a page-level publication date (not from the URL) on a long text or with a short article body
    (``short_body``: "现将名单予以公示，详见附件。"); else other.
    """
    if page.meta.get("ArticleTitle"):
        return "article"
    many = len(page.entries) >= LIST_MIN_ENTRIES
    if many or page.next_pages or page.empty_list or page.script_rendered or datastore:
        return "list"
    dated = page.pub_date is not None and page.pub_date.source != "url"
    if article_body or (dated and (len(page.text) >= ARTICLE_MIN_TEXT or short_body)):
        return "article"
    return "other"


def extract_page(html: str, url: str, *, today: date | None = None, max_chars: int = MAX_HTML_CHARS) -> PageExtract:
    """Everything the checks need from one page. ``today`` gives month-day list dates ([03-15]) their year; a page
    longer than ``max_chars`` is read in part (``PageExtract.cut_at``)."""
    today = today or date.today()
    page = PageExtract()
    doc = _guard("parse", url, lambda: make_soup(html, max_chars), None)
    if doc is None:
        return page
    if doc.cut:
        page.cut_at = max_chars
    base = _guard("base", url, lambda: base_url_of(doc, url), url)
    page.meta = _guard("meta", url, lambda: read_meta(doc), {})
    page.title = _guard("title", url, lambda: page_title(doc), "")
    page.text = _guard("text", url, lambda: page_text(doc).text[:MAX_TEXT_CHARS], "")
    page.column_name, page.column_path, page.column_source = _guard(
        "column", url, lambda: extract_column(doc), ("", [], "")
    )
    page.entries = _guard("entries", url, lambda: extract_entries(doc, base, today), [])
    entry_ids = _guard(
        "entry ids", url, lambda: {id(el) for el, _e in entry_elements(doc, base, today)}, set()
    )
    page.dates = _guard("dates", url, lambda: find_page_dates(doc, url, exclude=entry_ids), [])
    page.shown_date, page.meta_date = shown_date(page.dates), meta_date(page.dates)
    # the publication date is the one the page shows a reader under a label (发布日期：, 日期：); PubDate, often
    # the CMS's generation time, is kept in meta_date. A 索引号 table's 生成日期 is the day the information was
    # formed, not published: it does not outrank PubDate. Where both say the same day, the best source names it.
    best = best_date(page.dates)
    shown = page.shown_date if page.shown_date is not None and page.shown_date.source.startswith("label:") else None
    page.pub_date = shown if shown is not None and (best is None or best.value != shown.value) else best
    page.date_conflict = (
        page.shown_date is not None and page.meta_date is not None and page.shown_date.value != page.meta_date.value
    )
    page.info_table = _guard("info table", url, lambda: find_info_table(doc), {})
    page.index_no = page.info_table.get("索引号", "")
    page.identity = _guard("identity", url, lambda: extract_identity(doc), page.identity)
    page.links = _guard("links", url, lambda: extract_links(doc, base), [])
    page.identity.search_box = _guard("search box", url, lambda: bool(search_boxes(doc, base)), False)
    page.next_pages = _guard("pagination", url, lambda: next_pages(doc, url, base), [])
    body_chars = _guard("article body", url, lambda: article_body_chars(doc), 0)
    article_body = body_chars >= ARTICLE_BODY_CHARS
    page.script_rendered = _guard("script", url, lambda: is_script_rendered(doc, len(page.entries)), False)
    shows_article = (
        article_body
        or bool(page.meta.get("ArticleTitle"))
        or (page.pub_date is not None and page.pub_date.source != "url")
    )
    page.empty_list = _guard(
        "empty list",
        url,
        lambda: is_empty_list(doc, len(page.entries), page.script_rendered, shows_article),
        False,
    )
    datastore = _guard("datastore", url, lambda: has_datastore(doc), False)
    page.page_kind = page_kind(page, article_body, datastore, short_body=body_chars >= SHORT_BODY_CHARS)
    return page
