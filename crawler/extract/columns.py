"""Which column (栏目) a page belongs to: the ColumnName meta tag, the breadcrumb, or the <title>.

Rule, kept consistent on every page:

- ``column_name``: the ColumnName meta when present (source ``meta``); else the breadcrumb's last item
  (``breadcrumb``); else the first part of the <title> that is not the site name (``title``).
- ``column_path``: the breadcrumb as the page shows it (outermost first, 首页 dropped), never rewritten to
  agree with the meta name: the two may disagree and both are evidence. Without a breadcrumb the path is
  ``[column_name]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from bs4 import Tag

from crawler.extract.dom import attr_text, cached, collapse, page_text, tags, text_of
from crawler.extract.meta import page_title, read_meta

_PREFIX_RE = re.compile(r"(?:您|当\s*前|现\s*在|所\s*在)[\u4e00-\u9fff]{0,4}?位\s*置\s*(?:是)?\s*[:：]?")
_SEPARATOR_RE = re.compile(r"\s*(?:-+>|=>|>+|›|»|→|＞|〉|≫|/)\s*")
# position-relative & co. are CSS utility classes, not breadcrumbs
_CONTAINER_RE = re.compile(
    r"bread|crumb|position(?!-(?:relative|absolute|fixed|static|sticky))|location|dqwz|weizhi|dangqian|curpos"
    r"|nav-?path"
)
HOME_ITEMS = frozenset({"首页", "网站首页", "主页", "返回首页", "门户首页", "Home", "home", "HOME"})
_LEAF_ITEMS = frozenset(
    {"正文", "详情", "内容", "正文内容", "详细内容", "详细信息", "文章", "浏览文章", "阅读正文"}
)
_MAX_CRUMB_CHARS = 400
_MAX_ITEM_CHARS = 40
_MAX_ITEMS = 12
_MAX_TRIES = 5  # prefix occurrences examined (a hostile page may repeat 当前位置 thousands of times)
# A last item this long is the article's title, not a column (column names stay well under it).
_ARTICLE_TITLE_CHARS = 20


@dataclass
class Breadcrumb:
    items: list[str] = field(default_factory=list)  # outermost first, without 首页
    element: Tag | None = None  # the element it was read from (list extraction skips it)


def split_breadcrumb(text: str, article_title: str = "") -> list[str]:
    """Items of a breadcrumb text: prefix (当前位置：) removed, split on > › » / ->, 首页 and leaf words dropped."""
    text = collapse(text)
    m = _PREFIX_RE.search(text)
    if m:
        text = text[m.end() :]
    items = [collapse(part).strip(" :：·") for part in _SEPARATOR_RE.split(text)]
    items = [item for item in items if item and item not in HOME_ITEMS]
    while items and (
        items[-1] in _LEAF_ITEMS or items[-1] == article_title or len(items[-1]) >= _ARTICLE_TITLE_CHARS
    ):
        items.pop()
    if not items or len(items) > _MAX_ITEMS or any(len(item) > _MAX_ITEM_CHARS for item in items):
        return []
    return items


def _has_separator(text: str) -> bool:
    return bool(_SEPARATOR_RE.search(text))


def _from_prefix(soup: Tag, article_title: str) -> Breadcrumb | None:
    text = page_text(soup)
    for m in islice(_PREFIX_RE.finditer(text.text), _MAX_TRIES):
        node = text.node_at(m.start())
        element = node.parent if node is not None else None
        for _ in range(4):
            if element is None:
                break
            block = text_of(element, limit=_MAX_CRUMB_CHARS + 1)
            if len(block) > _MAX_CRUMB_CHARS:
                break
            after = _PREFIX_RE.split(block, maxsplit=1)[-1]
            if _has_separator(after) or len(element.find_all("a", limit=2)) >= 1:
                items = split_breadcrumb(block, article_title)
                if items:
                    return Breadcrumb(items, element)
            element = element.parent
    return None


def _from_container(element: Tag, article_title: str) -> list[str]:
    block = text_of(element, limit=_MAX_CRUMB_CHARS + 1)
    if not block or len(block) > _MAX_CRUMB_CHARS:
        return []
    if _has_separator(block) or _PREFIX_RE.search(block):
        return split_breadcrumb(block, article_title)
    # Separators drawn by CSS: one item per <li> (or per link).
    parts = [text_of(li) for li in element.find_all("li")] or [text_of(a) for a in element.find_all("a")]
    if len(parts) >= 2:
        return split_breadcrumb(" > ".join(parts), article_title)
    return []


def _from_class(soup: Tag, article_title: str) -> Breadcrumb | None:
    for element in tags(soup, "div", "p", "span", "ul", "ol", "nav", "td", "section", "h2", "h3"):
        if not _CONTAINER_RE.search(attr_text(element)):
            continue
        items = _from_container(element, article_title)
        if items:
            return Breadcrumb(items, element)
    return None


def _from_trs_links(soup: Tag, article_title: str) -> Breadcrumb | None:
    """TRS writes the channel path as links of class CurrChnlCls (首页->政府文件->近期信息公开)."""
    for a in tags(soup, "a"):
        if "currchnlcls" not in attr_text(a) or a.parent is None:
            continue
        parent = a.parent
        if len(parent.find_all("a", class_="CurrChnlCls", limit=2)) >= 2 or _has_separator(text_of(parent)):
            items = split_breadcrumb(text_of(parent, limit=_MAX_CRUMB_CHARS), article_title)
            if items:
                return Breadcrumb(items, parent)
    return None


def find_breadcrumb(soup: Tag) -> Breadcrumb:
    """The page's breadcrumb: after 当前位置/您的位置 …, else a bread/crumb/position container, else TRS links."""

    def build() -> Breadcrumb:
        article_title = read_meta(soup).get("ArticleTitle", "")
        for finder in (_from_prefix, _from_class, _from_trs_links):
            found = finder(soup, article_title)
            if found is not None:
                return found
        return Breadcrumb()

    return cached(soup, "breadcrumb", build)


_TITLE_SPLIT_RE = re.compile(r"\s*(?:[_|｜－—–]+|\s-+\s|-{2,})\s*|(?<=[\u4e00-\u9fff])-(?=[\u4e00-\u9fff])")


def column_from_title(title: str, site_name: str = "") -> str:
    """First part of the title (split on - _ |) that is not the site name."""
    parts = [p.strip() for p in _TITLE_SPLIT_RE.split(title or "") if p and p.strip()]
    for part in parts:
        if part != site_name or len(parts) == 1:
            return part[:100]
    return ""


def extract_column(soup: Tag) -> tuple[str, list[str], str]:
    """(column_name, column_path, column_source) following the rule in the module docstring."""
    meta = read_meta(soup)
    crumbs = find_breadcrumb(soup).items
    meta_name = meta.get("ColumnName", "")
    if meta_name:
        return meta_name, list(crumbs) or [meta_name], "meta"
    if crumbs:
        return crumbs[-1], list(crumbs), "breadcrumb"
    name = column_from_title(page_title(soup), meta.get("SiteName", ""))
    if name:
        return name, [name], "title"
    return "", [], ""
