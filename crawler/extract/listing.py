"""Is a list drawn by script (unknown to a static crawl) or genuinely empty?

Both are decided only when the page shows no entries, and script rendering wins: a check must answer UNKNOWN
for a client-rendered list, never "empty" (domain.md §7).

- ``script_rendered``: template markers (avalon ``ms-repeat``/``ms-for``, Vue ``v-for``, Angular
  ``ng-repeat``, ``{{ }}`` placeholders inside a list container, a ``<script type="text/html">`` template),
  a single-page application's empty shell (``<div id="app"></div>`` and a script, no text), a Hanweb
  ``dataproxy``/``jpage``/``jpaas`` loader, or an empty list container that an inline ajax/XHR/fetch script
  names (or sits next to).
- ``empty_list``: on a page that shows no article (no publication date, no article body), a short visible
  text such as 暂无信息 / 暂无数据 outside the footer, or an empty list container; not one in a tab panel whose
  sibling panels show something (``crawler.extract.tabs``).
"""

from __future__ import annotations

import re
from itertools import islice

from crawler.extract.dom import Doc, Element, all_tags, attr_text, cached, find_first, tags
from crawler.extract.regions import footer_elements, has_ancestor
from crawler.extract.tabs import tab_panel
from crawler.extract.text import page_text, string_of, text_of

EMPTY_MARKERS = (
    "暂无信息",
    "暂无数据",
    "暂无内容",
    "暂无记录",
    "暂无相关信息",
    "暂无相关内容",
    "暂无相关数据",
    "暂无文章",
    "没有记录",
    "没有相关记录",
    "没有找到相关",
    "无相关信息",
    "无相关记录",
    "本栏目暂无",
)
_EMPTY_RE = re.compile("|".join(EMPTY_MARKERS))
_MAX_MARKER_TEXT = 25  # "对不起，本栏目暂无相关信息！" fits; a sentence of prose does not
_TEMPLATE_ATTRS = ("ms-repeat", "ms-for", "v-for", "ng-repeat", "x-for", "wx:for")
_PLACEHOLDER_RE = re.compile(r"\{\{.{0,80}?\}\}", re.DOTALL)
_AJAX_RE = re.compile(
    r"\$\.(?:ajax|get|post|getJSON)\s*\(|jQuery\.(?:ajax|get|post)|XMLHttpRequest|\bfetch\s*\(|axios|dataproxy"
)
# Hanweb loaders: jpage's dataproxy.jsp, and the newer jpaas publisher that returns the list's HTML as JSON
_HANWEB_RE = re.compile(r"dataproxy|/jpage/|jpaas-publish-server", re.IGNORECASE)
_LIST_CONTAINER_RE = re.compile(r"list")
_NOT_A_LIST_RE = re.compile(
    r"title|tit(?![a-z])|head|name|more|btn|page|relat|xgwz|friend|yqlj|link|nav|menu|tab"
)
_ARTICLE_BODY_RE = re.compile(
    r"zoom|trs_editor|article[-_]?con|artcon|content[-_]?(?:text|body|detail)|detail[-_]?con|textcon|news[-_]?con"
    r"|pages?[-_]?content|zwnr|wzzw|zhengwen|xxgk[-_]?content|conTxt|ucap-content",
    re.IGNORECASE,
)
_CONTAINER_TAGS = ("ul", "ol", "div", "table", "tbody", "dl")


def _has_template_markers(doc: Doc) -> bool:
    for tag in all_tags(doc):
        for name in tag.keys():
            if name.lower().startswith(_TEMPLATE_ATTRS):
                return True
    for script in tags(doc, "script"):
        kind = script.get("type")
        if isinstance(kind, str) and kind.lower() in ("text/html", "text/template", "text/x-template"):
            body = string_of(script) or ""
            if _PLACEHOLDER_RE.search(body) or "<%" in body:
                return True
    for container in list_containers(doc):
        if _PLACEHOLDER_RE.search(text_of(container, limit=2000, doc=doc)):
            return True
        for a in islice(container.iterdescendants("a"), 50):
            href = a.get("href")
            if isinstance(href, str) and "{{" in href:
                return True
    return False


def list_containers(doc: Doc) -> list[Element]:
    """Elements whose class or id says they hold a list (and not a heading, pager or related-links box)."""

    def build() -> list[Element]:
        found = []
        for tag in tags(doc, *_CONTAINER_TAGS):
            names = attr_text(tag)
            if names and _LIST_CONTAINER_RE.search(names) and not _NOT_A_LIST_RE.search(names):
                found.append(tag)
        return found

    return cached(doc, "list_containers", build)


_ITEM_TAGS = ("li", "tr", "dd", "a")


def _is_empty_container(tag: Element, doc: Doc | None = None) -> bool:
    if find_first(tag, _ITEM_TAGS) is not None:
        return False
    return len(text_of(tag, limit=50, doc=doc)) < 10


def _empty_containers(doc: Doc) -> list[Element]:
    footer = {id(el) for el in footer_elements(doc)}
    return [c for c in list_containers(doc) if _is_empty_container(c, doc) and not has_ancestor(c, footer)]


def _beside_a_full_tab(node: Element, doc: Doc) -> bool:
    """Whether node sits in one panel of a tabbed block whose other panels show something: one empty tab does not
    make the page empty."""
    found = tab_panel(node, doc)
    if found is None:
        return False
    block, index = found
    for i, panel in enumerate(block.panels):
        if i == index:
            continue
        text = text_of(panel, limit=50, doc=doc)
        if find_first(panel, _ITEM_TAGS) is not None or (text and not _EMPTY_RE.search(text)):
            return True
    return False


def _inline_scripts(doc: Doc) -> list[tuple[Element, str]]:
    found = []
    for script in tags(doc, "script"):
        body = string_of(script)
        if body:
            found.append((script, body))
    return found


def _ajax_fills(container: Element, scripts: list[tuple[Element, str]]) -> bool:
    names = {n for n in attr_text(container).split() if len(n) >= 3}
    near: set[int] = set()
    node = container.getparent()
    for _ in range(3):
        if node is None:
            break
        near.add(id(node))
        node = node.getparent()
    for script, body in scripts:
        if not _AJAX_RE.search(body):
            continue
        if any(name in body for name in names) or has_ancestor(script.getparent(), near, stop=1):
            return True
    return False


# Mount points of single-page applications (Vue, React, Nuxt, Next).
_APP_MOUNTS = frozenset({"app", "root", "__nuxt", "__next"})
_APP_SHELL_MAX_TEXT = 30


def _is_app_shell(doc: Doc) -> bool:
    """A single-page application's shell: an empty mount point, a script that fills it, (almost) no text."""
    if len(tags(doc, "a")) > 2 or len(page_text(doc).text) > _APP_SHELL_MAX_TEXT:
        return False
    if not any(script.get("src") for script in tags(doc, "script")):
        return False
    for div in tags(doc, "div"):
        if div.get("id") in _APP_MOUNTS and not len(div) and not (div.text or "").strip():
            return True
    return False


def is_script_rendered(doc: Doc, entry_count: int) -> bool:
    """Whether the page's list is drawn by script, so the static page cannot tell what it holds."""
    if entry_count > 0:
        return False
    if _has_template_markers(doc) or _is_app_shell(doc):
        return True
    scripts = _inline_scripts(doc)
    if any(_HANWEB_RE.search(body) for _s, body in scripts):
        return True
    return any(_ajax_fills(c, scripts) for c in _empty_containers(doc))


ARTICLE_BODY_CHARS = 100


def article_body_chars(doc: Doc) -> int:
    """Characters (at most 200) of the fullest element named as an article's text (TRS_Editor, zoom …)."""
    best = 0
    for tag in tags(doc, "div", "td", "section", "article", "ucapcontent"):
        named = tag.tag in ("article", "ucapcontent") or _ARTICLE_BODY_RE.search(attr_text(tag))
        if named:
            best = max(best, len(text_of(tag, limit=200, doc=doc)))
            if best >= 200:
                break
    return best


def in_article_body(node: Element | None, stop: int = 30) -> bool:
    """Whether node sits inside an element named as an article's text (TRS_Editor, zoom …)."""
    for _ in range(stop):
        if node is None:
            return False
        if isinstance(node.tag, str) and (node.tag == "article" or _ARTICLE_BODY_RE.search(attr_text(node))):
            return True
        node = node.getparent()
    return False


def has_article_body(doc: Doc) -> bool:
    """An element that holds an article's text (TRS_Editor, zoom, article-content …) with some text in it."""
    return article_body_chars(doc) >= ARTICLE_BODY_CHARS


def has_empty_marker(doc: Doc) -> bool:
    """A short visible text saying the list has nothing (暂无信息 …), outside the footer."""
    text = page_text(doc)
    footer = {id(el) for el in footer_elements(doc)}
    for m in islice(_EMPTY_RE.finditer(text.text), 20):
        node = text.node_at(m.start())  # the element holding the marker string
        if node is None or has_ancestor(node, footer, stop=59):
            continue
        if len(text_of(node, limit=_MAX_MARKER_TEXT + 1, doc=doc)) <= _MAX_MARKER_TEXT:
            if not _beside_a_full_tab(node, doc):
                return True
    return False


def is_empty_list(doc: Doc, entry_count: int, script_rendered: bool, shows_article: bool) -> bool:
    """Whether the page says (or shows) that its list has nothing; never when script_rendered."""
    if script_rendered or entry_count > 0 or shows_article:
        return False
    return has_empty_marker(doc) or any(not _beside_a_full_tab(c, doc) for c in _empty_containers(doc))
