"""Which column (栏目) a page belongs to: the ColumnName meta tag, the breadcrumb, or the <title>.

Rule, kept consistent on every page:

- ``column_name``: the ColumnName meta when present (source ``meta``); else the breadcrumb's last item
  (``breadcrumb``); else the first part of the <title> that is not the site name (``title``). A ColumnName that
  holds the article's title, or the site's name glued to the column ("…门户网站武汉动态"), is not believed as it
  stands: the breadcrumb's last item, else the column named in it when a link of the page (``nav``) or the
  <title> (``title``) names it so, else no column at all.
- ``column_path``: the breadcrumb as the page shows it (outermost first, 首页 dropped), never rewritten to
  agree with the meta name: the two may disagree and both are evidence. Without a breadcrumb the path is
  ``[column_name]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from crawler.extract.dom import Doc, Element, attr_text, cached, collapse, find_first, tags
from crawler.extract.meta import page_title, read_meta
from crawler.extract.text import document_text, page_text, text_of

# 当前位置： 您的位置： 您现在所在的位置是：, and a bare 位置： right before 首页
_PREFIX_RE = re.compile(
    r"(?:您|当\s*前|现\s*在|所\s*在)[\u4e00-\u9fff]{0,4}?位\s*置\s*(?:是)?\s*[:：]?"
    r"|(?<![\u4e00-\u9fff])位\s*置\s*[:：](?=\s*(?:首页|网站首页|主页))"
)
# A dash separates only between spaces ("首页 - 政务公开"): names and dates contain dashes of their own.
_SEPARATOR_RE = re.compile(r"\s*(?:[-－—–]+>|=>|>+|›|»|→|＞|〉|≫|/|(?<=\s)[-－—–](?=\s))\s*")
# position-relative & co. are CSS utility classes, not breadcrumbs
_CONTAINER_RE = re.compile(
    r"bread|crumb|position(?!-(?:relative|absolute|fixed|static|sticky))|location|dqwz|weizhi|dangqian|curpos"
    r"|nav-?path"
)
HOME_ITEMS = frozenset({"首页", "网站首页", "主页", "返回首页", "门户首页", "Home", "home", "HOME"})
_HOME_WORDS = ("首页", "网站首页", "主页")
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
    # the element it was read from (list extraction skips it); the Doc when that was the whole document
    element: Element | Doc | None = None


def split_breadcrumb(text: str, article_title: str = "") -> list[str]:
    """Items of a breadcrumb text: prefix (当前位置：) removed, split on > › » / ->, 首页 and leaf words dropped."""
    text = collapse(text)
    m = _PREFIX_RE.search(text)
    if m:
        text = text[m.end() :]
    items = [collapse(part).strip(" :：·") for part in _SEPARATOR_RE.split(text)]
    if any(item not in HOME_ITEMS and item.startswith(_HOME_WORDS) for item in items):
        return []  # "首页 设为首页 加入收藏", "首页新闻中心": items run together, not a path that can be split
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


def _from_prefix(doc: Doc, article_title: str) -> Breadcrumb | None:
    text = page_text(doc)
    for m in islice(_PREFIX_RE.finditer(text.text), _MAX_TRIES):
        element: Element | Doc | None = text.node_at(m.start())  # the element holding the prefix string
        for _ in range(4):
            if element is None:
                break
            if isinstance(element, Doc):  # above the top-level elements: the whole document
                block = document_text(doc, limit=_MAX_CRUMB_CHARS + 1)
                has_link = bool(tags(doc, "a"))
            else:
                block = text_of(element, limit=_MAX_CRUMB_CHARS + 1, doc=doc)
                has_link = find_first(element, "a") is not None
            if len(block) > _MAX_CRUMB_CHARS:
                break
            after = _PREFIX_RE.split(block, maxsplit=1)[-1]
            items: list[str] = []
            if not _has_separator(after) and not isinstance(element, Doc):
                items = _drawn_separators(element, after, article_title, doc)
            if not items and (_has_separator(after) or has_link):
                items = split_breadcrumb(block, article_title)
            if items:
                return Breadcrumb(items, element)
            if isinstance(element, Doc):
                break
            parent = element.getparent()
            element = doc if parent is None else parent
    return None


def _from_container(element: Element, article_title: str, doc: Doc | None = None) -> list[str]:
    block = text_of(element, limit=_MAX_CRUMB_CHARS + 1, doc=doc)
    if not block or len(block) > _MAX_CRUMB_CHARS:
        return []
    if _has_separator(block) or _PREFIX_RE.search(block):
        return split_breadcrumb(block, article_title)
    return _items_from_parts(element, article_title, doc)


def _parts(element: Element, doc: Doc | None = None) -> list[str]:
    """Texts of the items of a breadcrumb drawn without text separators: its <li>s, else its links."""
    return [text_of(li, doc=doc) for li in element.iterdescendants("li")] or [
        text_of(a, doc=doc) for a in element.iterdescendants("a")
    ]


def _items_from_parts(element: Element, article_title: str, doc: Doc | None = None) -> list[str]:
    """Separators drawn by CSS or images: one item per <li> (or per link)."""
    parts = _parts(element, doc)
    if len(parts) >= 2:
        return split_breadcrumb(" > ".join(parts), article_title)
    return []


def _drawn_separators(element: Element, after: str, article_title: str, doc: Doc | None = None) -> list[str]:
    """After a 当前位置 prefix, items separated by images (or CSS): only when the text after the prefix is
    nothing but the items and the first is 首页 ("您的位置：首页 欢迎访问…" is a greeting, not a path)."""
    parts = [part for part in _parts(element, doc) if part] or [
        text_of(child, doc=doc) for child in element.iterchildren("span", "em", "font", "b")
    ]
    parts = [part for part in parts if part]
    if parts and _PREFIX_RE.match(parts[0]):
        parts = parts[1:]  # <span>当前位置：</span><span>首页</span>…
    if len(parts) < 2 or parts[0] not in HOME_ITEMS or "".join(parts) != "".join(after.split()):
        return []
    return split_breadcrumb(" > ".join(parts), article_title)


_CONTAINER_TAGS = ("div", "p", "span", "ul", "ol", "nav", "td", "section", "h2", "h3")


def _from_class(doc: Doc, article_title: str) -> Breadcrumb | None:
    for element in tags(doc, *_CONTAINER_TAGS):
        if not _CONTAINER_RE.search(attr_text(element)):
            continue
        items = _from_container(element, article_title, doc)
        if items:
            return Breadcrumb(items, element)
    return None


def _trs_links(parent: Element) -> Iterator[Element]:
    return (a for a in parent.iterdescendants("a") if a.get("class") == "CurrChnlCls")


def _from_trs_links(doc: Doc, article_title: str) -> Breadcrumb | None:
    """TRS writes the channel path as links of class CurrChnlCls (首页->政府文件->近期信息公开)."""
    for a in tags(doc, "a"):
        parent = a.getparent()
        if "currchnlcls" not in attr_text(a) or parent is None:
            continue
        trs_links = sum(1 for x in islice(_trs_links(parent), 2))
        if trs_links >= 2 or _has_separator(text_of(parent, doc=doc)):
            items = split_breadcrumb(text_of(parent, limit=_MAX_CRUMB_CHARS, doc=doc), article_title)
            if items:
                return Breadcrumb(items, parent)
    return None


def find_breadcrumb(doc: Doc) -> Breadcrumb:
    """The page's breadcrumb: after 当前位置/您的位置 …, else a bread/crumb/position container, else TRS links."""

    def build() -> Breadcrumb:
        article_title = read_meta(doc).get("ArticleTitle", "")
        for finder in (_from_prefix, _from_class, _from_trs_links):
            found = finder(doc, article_title)
            if found is not None:
                return found
        return Breadcrumb()

    return cached(doc, "breadcrumb", build)


_TITLE_SPLIT_RE = re.compile(r"\s*(?:[_|｜－—–]+|\s-+\s|-{2,})\s*|(?<=[\u4e00-\u9fff])-(?=[\u4e00-\u9fff])")


def column_from_title(title: str, site_name: str = "") -> str:
    """First part of the title (split on - _ |) that is not the site name."""
    parts = [p.strip() for p in _TITLE_SPLIT_RE.split(title or "") if p and p.strip()]
    for part in parts:
        if part != site_name or len(parts) == 1:
            return part[:100]
    return ""


# A part of the <title> that names the site rather than a column.
_SITE_NAME_RE = re.compile(r"(?:网站|门户|政府|政府网|平台)$")
_MIN_SITE_NAME_CHARS = 4


def _site_names(meta: dict[str, str], title: str) -> list[str]:
    names = [meta.get("SiteName", "")]
    names += [p.strip() for p in _TITLE_SPLIT_RE.split(title or "") if p and _SITE_NAME_RE.search(p.strip())]
    # the longest first: "武汉市人民政府门户网站" before "武汉市人民政府"
    return sorted((n for n in dict.fromkeys(names) if len(n) >= _MIN_SITE_NAME_CHARS), key=len, reverse=True)


def _unglued(meta_name: str, site_names: list[str]) -> str:
    """The column in a ColumnName the site's name is glued to ("…门户网站武汉动态" → "武汉动态"), else ""."""
    for site in site_names:
        if len(meta_name) >= len(site) + 2:
            if meta_name.startswith(site):
                return meta_name[len(site) :].strip(" -_|·")
            if meta_name.endswith(site):
                return meta_name[: -len(site)].strip(" -_|·")
    return ""


def _is_article_title(meta_name: str, meta: dict[str, str], title: str) -> bool:
    if meta_name == meta.get("ArticleTitle"):
        return True
    first = column_from_title(title, meta.get("SiteName", ""))
    return len(meta_name) >= _ARTICLE_TITLE_CHARS and meta_name == first


def _in_navigation(name: str, doc: Doc) -> bool:
    """Whether a link of the page is named exactly ``name`` (the column as the site's menus call it)."""
    return any(text_of(a, limit=_MAX_ITEM_CHARS + 1, doc=doc) == name for a in tags(doc, "a"))


def _doubted_meta(meta_name: str, meta: dict[str, str], title: str, crumbs: list[str], doc: Doc
                  ) -> tuple[str, list[str], str] | None:
    """A ColumnName holding the article's title or the site's name glued to the column is believed only as far as
    the breadcrumb, the navigation or the title bear it out: (name, path, source), or None when it is not in doubt.
    """
    column = _unglued(meta_name, _site_names(meta, title))
    if not column and not _is_article_title(meta_name, meta, title):
        return None
    if crumbs:
        return crumbs[-1], list(crumbs), "breadcrumb"
    if column and _in_navigation(column, doc):
        return column, [column], "nav"
    if column and column in (p.strip() for p in _TITLE_SPLIT_RE.split(title or "")):
        return column, [column], "title"
    return "", [], ""  # nothing on the page says which column: none is invented


def extract_column(doc: Doc) -> tuple[str, list[str], str]:
    """(column_name, column_path, column_source) following the rule in the module docstring."""
    meta = read_meta(doc)
    crumbs = find_breadcrumb(doc).items
    meta_name = meta.get("ColumnName", "")
    if meta_name:
        doubted = _doubted_meta(meta_name, meta, page_title(doc), crumbs, doc)
        if doubted is not None:
            return doubted
        return meta_name, list(crumbs) or [meta_name], "meta"
    if crumbs:
        return crumbs[-1], list(crumbs), "breadcrumb"
    name = column_from_title(page_title(doc), meta.get("SiteName", ""))
    if name:
        return name, [name], "title"
    return "", [], ""
