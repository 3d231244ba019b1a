"""Every link of a page, absolute, with its anchor text and whether it points at an attachment.

Besides <a>, <area> and frames: the options of a jump menu (<select onchange="window.open(this.value)">, where
portals list department sites and 友情链接) and the action of a site-search form (a link of its own kind: the
page has a search; the crawler never fetches it). A search box with no <form> (a text input and a button that
runs a script) is such a link too, to the page itself.
"""

from __future__ import annotations

import re
from itertools import islice

from crawler.extract.dom import Doc, Element, cached, collapse, tags
from crawler.extract.model import Link
from crawler.extract.text import text_of
from crawler.extract.urls import absolute, is_attachment

MAX_ANCHOR_CHARS = 300


def anchor_text(a: Element, doc: Doc | None = None) -> str:
    """Visible text of a link, else its title (or alt), else the alt of an image inside it."""
    text = text_of(a, limit=MAX_ANCHOR_CHARS, doc=doc)
    if text:
        return text
    for attr in ("title", "alt"):  # alt: an <area> of an image map
        value = a.get(attr)
        if isinstance(value, str) and collapse(value):
            return collapse(value)[:MAX_ANCHOR_CHARS]
    for img in islice(a.iterdescendants("img"), 3):
        alt = img.get("alt")
        if isinstance(alt, str) and collapse(alt):
            return collapse(alt)[:MAX_ANCHOR_CHARS]
    return ""


# Older portals embed a column (often the 政府信息公开 platform) as a frame: its page is linked too.
_FRAME_TAGS = frozenset({"iframe", "frame"})


def _frame_name(frame: Element) -> str:
    for attr in ("title", "name"):
        value = frame.get(attr)
        if isinstance(value, str) and collapse(value):
            return collapse(value)[:MAX_ANCHOR_CHARS]
    return ""


# An option's value that a jump menu opens: a URL or a path, never "0", "请选择" or a script.
_OPTION_URL_RE = re.compile(r"^(?:https?://|//|/|\./|\.\./)|(?:\.(?:s?html?|jsp|php|aspx?)|/)(?:[?#].*)?$", re.IGNORECASE)


def _option_url(option: Element, base_url: str) -> str | None:
    parent = option.getparent()
    if parent is None or parent.tag not in ("select", "optgroup"):
        return None  # a <datalist> suggests text, it does not navigate
    value = option.get("value")  # without one the value is the text, a name and not a URL
    if not isinstance(value, str) or not _OPTION_URL_RE.search(value.strip()):
        return None
    return absolute(base_url, value)


def _option_name(option: Element, doc: Doc) -> str:
    text = text_of(option, limit=MAX_ANCHOR_CHARS, doc=doc)
    label = option.get("label")
    return text or (collapse(label)[:MAX_ANCHOR_CHARS] if isinstance(label, str) else "")


def _element_links(doc: Doc, base_url: str) -> dict[str, Link]:
    by_url: dict[str, Link] = {}
    for a in tags(doc, "a", "area", "iframe", "frame", "option"):
        if a.tag == "option":
            url = _option_url(a, base_url)
        else:
            url = absolute(base_url, a.get("src") if a.tag in _FRAME_TAGS else a.get("href"))
        if url is None:
            continue
        existing = by_url.get(url)
        if existing is not None and existing.anchor:
            continue
        if a.tag in _FRAME_TAGS:
            anchor = _frame_name(a)
        elif a.tag == "option":
            anchor = _option_name(a, doc)
        else:
            anchor = anchor_text(a, doc)
        if existing is None:
            by_url[url] = Link(url=url, anchor=anchor, is_attachment=is_attachment(url))
        else:
            existing.anchor = anchor
    return by_url


def extract_links(doc: Doc, base_url: str) -> list[Link]:
    """All <a href> links, <iframe>/<frame> sources and jump-menu options (http/https only), in document order,
    one per URL (first non-empty anchor wins; a frame's anchor is its title or name, an option's its text); then
    the actions of search forms, and form-less search boxes (the page's URL), whose URL no such link has
    (``is_form``)."""
    by_url = _element_links(doc, base_url)
    for form in search_boxes(doc, base_url):
        by_url.setdefault(form.url, form)
    return list(by_url.values())


# -- site-search forms --------------------------------------------------------------------------------------------

# Words and URL parts that say "search": in the form's action, id, class or name, its text input's name, id,
# class, placeholder or title, or its button. 查询 is left out: 信件查询 forms look up one letter by its code.
_SEARCH_HINT_RE = re.compile(r"搜\s*索|检\s*索|关键[字词]|search|sousuo|jiansuo|//so\.", re.IGNORECASE)
# Names a search box's text input commonly has.
_SEARCH_INPUT_NAMES = frozenset({"q", "kw", "wd", "sw", "qt", "key", "keys", "word", "keyword", "keywords", "query"})
_TEXT_INPUT_TYPES = frozenset({"", "text", "search"})
_BUTTON_INPUT_TYPES = frozenset({"submit", "button", "image"})
# A log-in (password), a message (textarea) or an upload form is not a search, whatever its button says; nor is
# a form that asks for a user, a captcha or a letter's code.
_NOT_SEARCH_INPUT_TYPES = frozenset({"password", "file"})
_NOT_SEARCH_RE = re.compile(r"登\s*录|注\s*册|用户名|密\s*码|验证码|查询码|留言|信件|投诉|订阅")
_NOT_SEARCH_NAME_RE = re.compile(r"user|login|passw|pwd|captcha|verif|checkcode|yzm|email|mobile|phone", re.IGNORECASE)
_CJK_SPACE_RE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_CJK_SEARCH_RE = re.compile(r"搜索|检索")


def _attr(el: Element, name: str) -> str:
    value = el.get(name)
    return collapse(value) if isinstance(value, str) else ""


def _label(text: str) -> str:
    """A button's text as a reader says it: 搜 索 (spaced to look wide) is 搜索."""
    return _CJK_SPACE_RE.sub("", collapse(text))[:MAX_ANCHOR_CHARS]


def _form_anchor(buttons: list[str], prompts: list[str]) -> str:
    """The button's label, else the input's placeholder or title; one that says 搜索/检索 first."""
    candidates = [c for c in (*buttons, *prompts) if c]
    return next((c for c in candidates if _CJK_SEARCH_RE.search(c)), candidates[0] if candidates else "")


def _search_form(form: Element, doc: Doc, base_url: str) -> Link | None:
    hints = [_attr(form, "action"), _attr(form, "id"), _attr(form, "class"), _attr(form, "name")]
    buttons: list[str] = []
    prompts: list[str] = []
    text_input = False
    for el in form.iter("input", "button", "textarea", "img", "a"):
        kind = _attr(el, "type").lower()
        if el.tag == "textarea" or (el.tag == "input" and kind in _NOT_SEARCH_INPUT_TYPES):
            return None
        if el.tag == "input" and kind in _TEXT_INPUT_TYPES:
            text_input = True
            name = _attr(el, "name")
            if _NOT_SEARCH_NAME_RE.search(f"{name} {_attr(el, 'id')}"):
                return None
            hints += [name, _attr(el, "id"), _attr(el, "class")]
            prompts += [_label(_attr(el, "placeholder")), _label(_attr(el, "title"))]
            if name.lower() in _SEARCH_INPUT_NAMES:
                hints.append("search")
        elif el.tag == "button" or (el.tag == "input" and kind in _BUTTON_INPUT_TYPES):
            text = text_of(el, limit=MAX_ANCHOR_CHARS, doc=doc) if el.tag == "button" else _attr(el, "value")
            buttons += [_label(text), _label(_attr(el, "alt")), _label(_attr(el, "title"))]
            hints += [_attr(el, "id"), _attr(el, "class"), _attr(el, "src")]
        elif el.tag == "img":  # an image button, inside a <button> or a scripted <a>
            buttons.append(_label(_attr(el, "alt")))
            hints.append(_attr(el, "src"))
        elif el.tag == "a" and absolute(base_url, el.get("href")) is None:  # <a href="javascript:doSearch()">
            buttons.append(_label(text_of(el, limit=MAX_ANCHOR_CHARS, doc=doc)))
    said = [*buttons, *prompts]
    if not text_input or any(_NOT_SEARCH_RE.search(t) for t in said):
        return None
    if not any(_SEARCH_HINT_RE.search(h) for h in (*hints, *said)):
        return None
    action = form.get("action")
    # no action (or a script's): the form goes to the page itself, which then holds the search box
    url = absolute(base_url, action) if isinstance(action, str) and action.strip() else None
    url = url or absolute(base_url, base_url)
    if url is None:
        return None
    return Link(url=url, anchor=_form_anchor(buttons, prompts), is_form=True)


def search_forms(doc: Doc, base_url: str) -> list[Link]:
    """Forms that look like a site search (a text input, and a search word or URL part), GET or POST, as links
    to their action; not log-in or message forms."""
    found = []
    for form in tags(doc, "form"):
        link = _search_form(form, doc, base_url)
        if link is not None:
            found.append(link)
    return found


# -- search boxes without a form: <input id="searchword"> and <a onclick="search()"> ------------------------------

_HANDLERS = ("onclick", "onmousedown")
_KEY_HANDLERS = ("onkeydown", "onkeypress", "onkeyup")
_BOX_LEVELS = 3  # how far above the input its button may sit
_BOX_MAX_TEXT = 60  # a box is a few words: the input, a button, at most a hint


def _form_of(el: Element) -> Element | None:
    node = el.getparent()
    while node is not None:
        if node.tag == "form":
            return node
        node = node.getparent()
    return None


def _scripted(el: Element) -> str:
    """The script an element runs when clicked ("" for a plain link to another page)."""
    code = [_attr(el, h) for h in _HANDLERS]
    href = _attr(el, "href")
    if href.lower().startswith("javascript:"):
        code.append(href)
    return " ".join(c for c in code if c)


def _box_buttons(inp: Element, doc: Doc) -> tuple[Element | None, list[Element]]:
    """The box around a text input (its nearest small ancestor holding a scripted button) and those buttons."""
    node = inp.getparent()
    for _ in range(_BOX_LEVELS):
        if node is None or node.tag in ("body", "html", "form"):
            break
        if len(text_of(node, limit=_BOX_MAX_TEXT + 1, doc=doc)) > _BOX_MAX_TEXT:
            break
        buttons = [
            el for el in node.iter("a", "button", "input", "img", "span", "i", "div")
            if el is not inp and _scripted(el)
            and (el.tag != "input" or _attr(el, "type").lower() in _BUTTON_INPUT_TYPES)
        ]
        if buttons:
            return node, buttons
        node = node.getparent()
    return None, []


def _scripted_box(inp: Element, doc: Doc, base_url: str) -> Link | None:
    if _attr(inp, "type").lower() not in _TEXT_INPUT_TYPES:
        return None
    name = f"{_attr(inp, 'name')} {_attr(inp, 'id')}"
    if _NOT_SEARCH_NAME_RE.search(name):
        return None
    box, buttons = _box_buttons(inp, doc)
    keyed = " ".join(_attr(inp, h) for h in _KEY_HANDLERS).strip()
    if box is None and not keyed:
        return None  # nothing starts a search from this input
    if box is not None and any(
        el.tag == "textarea" or (el.tag == "input" and _attr(el, "type").lower() in _NOT_SEARCH_INPUT_TYPES)
        for el in box.iter("input", "textarea")
    ):
        return None  # a log-in or message box
    prompts = [_label(_attr(inp, "placeholder")), _label(_attr(inp, "title"))]
    labels = []
    for el in buttons:
        text = _attr(el, "value") if el.tag == "input" else text_of(el, limit=MAX_ANCHOR_CHARS, doc=doc)
        labels += [_label(text), _label(_attr(el, "alt")), _label(_attr(el, "title"))]
        labels += [_label(_attr(img, "alt")) for img in el.iterdescendants("img")]
    said = [*labels, *prompts]
    if any(_NOT_SEARCH_RE.search(t) for t in said):
        return None
    hints = [name, _attr(inp, "class"), keyed, *(_scripted(el) for el in buttons),
             *(f"{_attr(el, 'id')} {_attr(el, 'class')} {_attr(el, 'src')}" for el in buttons)]
    if _attr(inp, "name").lower() in _SEARCH_INPUT_NAMES or _attr(inp, "id").lower() in _SEARCH_INPUT_NAMES:
        hints.append("search")
    if not any(_SEARCH_HINT_RE.search(h) for h in (*hints, *said)):
        return None
    url = absolute(base_url, base_url)  # the box searches from the page itself: the page holds the search
    return None if url is None else Link(url=url, anchor=_form_anchor(labels, prompts), is_form=True)


def scripted_search_boxes(doc: Doc, base_url: str) -> list[Link]:
    """Search boxes with no search <form>: a text input and a button that runs a script (or a key handler on the
    input), as links of kind form to the page itself; not log-in, letter-lookup or subscription boxes. An input
    inside a form that is not a search (ASP.NET pages wrap the whole page in one) still counts."""
    found = []
    searches: dict[int, bool] = {}  # form id → whether it is a search form
    for inp in tags(doc, "input"):
        if _attr(inp, "type").lower() not in _TEXT_INPUT_TYPES:
            continue
        form = _form_of(inp)
        if form is not None:
            if id(form) not in searches:
                searches[id(form)] = _search_form(form, doc, base_url) is not None
            if searches[id(form)]:
                continue  # a search form's own input: the form is the box
        link = _scripted_box(inp, doc, base_url)
        if link is not None:
            found.append(link)
    return found


def search_boxes(doc: Doc, base_url: str) -> list[Link]:
    """Search forms and form-less search boxes of the page (cached)."""
    return cached(doc, f"search_boxes {base_url}",
                  lambda: search_forms(doc, base_url) + scripted_search_boxes(doc, base_url))
