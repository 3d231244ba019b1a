"""The identity footer (指引 page-design annex): 网站标识码, ICP备案, 公安备案, 主办/承办, seal, contacts.

Read from the visible text only (meta SiteIDCode is in ``PageExtract.meta``): the rule is about what the footer
shows. The footer region (class/id mentions foot, copyright, bottom) is searched first; when it lacks an item,
the last occurrence in the whole page is taken for the registration numbers (distinctive anywhere), and in the
page's last 1,500 characters for names, phone and address (articles mention 主办单位 and 电话 too). An item the
page does not show is then looked for in what its inline scripts write (``document.write('…网站标识码…')``,
see ``crawler.extract.written``). ``footer_by_script``: an item was read from such a string, or the page shows
no registration number and its footer is loaded by script (footer.js, ``.load("foot.html")``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crawler.extract.dom import Doc, cached, tags
from crawler.extract.model import Identity
from crawler.extract.regions import footer_elements
from crawler.extract.text import page_text, string_of, text_of
from crawler.extract.written import written_text

# 10 digits; the State Council's departments have "bm" and 8 digits (bm17000009). Some sites say 识别码.
_SITE_CODE_RE = re.compile(r"(?:标\s*识|识\s*别)\s*码\s*[:：]?\s*((?:bm|BM)\d{8}|\d{10})(?![0-9A-Za-z])")
_ICP_RE = re.compile(
    # 蜀ICP备：19007388号, 鲁ICP备 05038584号, 鲁ICP备案号：…: a colon, a space or 案号 before the number
    r"([\u4e00-\u9fff])\s*ICP\s*(备|证)\s*(?:案\s*号?\s*)?[:：]?\s*(\d{6,10})\s*号?(?:\s*[-－—–]\s*(\d{1,3}))?",
    re.IGNORECASE
)
_POLICE_RE = re.compile(r"([\u4e00-\u9fff])\s*公\s*网\s*安\s*备\s*(?:[:：]|号\s*[:：]?)?\s*(\d{10,16})(?!\d)\s*号?")
# Without the province's character: "公安机关备案号：43010302000524" (the number is 14 digits)
_POLICE_PLAIN_RE = re.compile(r"(公\s*安\s*(?:机\s*关\s*)?备\s*案\s*(?:编\s*号|号)?)\s*[:：]?\s*(\d{14})(?!\d)")
_SPONSOR_RE = re.compile(r"主\s*办(?:\s*单\s*位)?\s*[:：]\s*")
_ORGANIZER_RE = re.compile(r"承\s*办(?:\s*单\s*位)?\s*[:：]\s*")
_PHONE_RE = re.compile(
    r"(?:联系|咨询|值班|办公)?电\s*话(?:号码)?\s*[:：]\s*([0-9０-９()（）\-－—+ 、/,，转]{5,60})"
)
_ADDRESS_RE = re.compile(r"(?:联系|通讯|办公|单位)?地\s*址\s*[:：]\s*")

# Where a free-text value (a sponsor's name, an address) stops.
_STOP_WORDS = (
    "主办",
    "承办",
    "协办",
    "技术支持",
    "维护",
    "版权",
    "地址",
    "电话",
    "传真",
    "邮编",
    "邮箱",
    "网站标识码",
    "政府网站标识码",
    "标识码",
    "ICP",
    "公网安备",
    "建议使用",
    "联系我们",
    "网站地图",
    "Copyright",
    "©",
    "备案",
)
_MAX_TOKENS = 3
_LABEL_SEP_RE = re.compile(r"[|｜:：;；,，。]")
# Without a recognisable footer element, free-text items are looked for only in the page's tail.
_TAIL_CHARS = 1500
_MAX_VALUE_CHARS = 60


def _value_after(text: str, end: int, max_tokens: int = _MAX_TOKENS) -> str:
    """The free-text value starting at ``end``: tokens up to the next label, separator or stop word."""
    tokens: list[str] = []
    for token in text[end : end + 200].split(" "):
        if not token:
            continue
        if tokens and _LABEL_SEP_RE.search(token):
            break  # "更新时间：…": the next label begins
        cut = _LABEL_SEP_RE.split(token, maxsplit=1)[0]
        stop_at = min((cut.find(w) for w in _STOP_WORDS if w in cut), default=-1)
        if stop_at >= 0:
            # "万载县人民政府承办：…" keeps its head; in a later token the head is noise (赣ICP备… → 赣)
            cut = cut[:stop_at] if not tokens else ""
        if cut:
            tokens.append(cut)
        if cut != token or len(tokens) >= max_tokens:
            break
    return " ".join(tokens)[:_MAX_VALUE_CHARS].strip()


def _first(texts: list[str], find: Callable[[str], str]) -> str:
    for text in texts:
        value = find(text)
        if value:
            return value
    return ""


def _last_match(regex: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in regex.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return found


def _site_code(text: str) -> str:
    m = _last_match(_SITE_CODE_RE, text)
    return m.group(1).lower() if m else ""


def _icp(text: str) -> str:
    m = _last_match(_ICP_RE, text)
    if not m:
        return ""
    value = f"{m.group(1)}ICP{m.group(2)}{m.group(3)}号"
    return value + (f"-{m.group(4)}" if m.group(4) else "")


def _police(text: str) -> str:
    m = _last_match(_POLICE_RE, text)
    if m:
        return f"{m.group(1)}公网安备{m.group(2)}号"
    m = _last_match(_POLICE_PLAIN_RE, text)
    return "".join(m.group(1).split()) + m.group(2) if m else ""


def _labelled(regex: re.Pattern[str], max_tokens: int = _MAX_TOKENS) -> Callable[[str], str]:
    def find(text: str) -> str:
        for m in reversed(list(regex.finditer(text))):
            value = _value_after(text, m.end(), max_tokens)
            if value:
                return value
        return ""

    return find


def _phone(text: str) -> str:
    m = _last_match(_PHONE_RE, text)
    if not m:
        return ""
    # "0000-0000000(工作时间)": the bracket opening the note is not part of the number
    value = m.group(1).strip(" 、/,，-－—").rstrip("(（ ")
    return value if sum(c.isdigit() for c in value) >= 5 else ""


def _conac_seal(doc: Doc) -> bool:
    for a in tags(doc, "a"):
        href = a.get("href")
        if isinstance(href, str) and "conac.cn" in href.lower():
            return True
    for tag in tags(doc, "img", "script", "span"):
        for attr in ("src", "id"):
            value = tag.get(attr)
            if isinstance(value, str) and ("conac.cn" in value.lower() or value == "_ideConac"):
                return True
    for script in tags(doc, "script"):
        if "conac.cn" in (string_of(script) or ""):
            return True
    return False


def _error_report(doc: Doc) -> bool:
    for tag in tags(doc, "script", "span", "img", "a"):
        for attr in ("id", "src", "href"):
            value = tag.get(attr)
            if isinstance(value, str) and "jiucuo" in value.lower():
                return True
    return False


# A footer fetched by script: <script src="/js/footer.js">, $("#foot").load("/include/bottom.html"), an iframe.
_FOOTER_FILE_RE = re.compile(r"(?:foot|bottom|dibu|copyright|banquan)[\w\-]*\.(?:js|s?html?|jsp|php|asp)\b", re.IGNORECASE)


def _footer_by_script(doc: Doc) -> bool:
    for tag in tags(doc, "script", "iframe"):
        src = tag.get("src")
        if isinstance(src, str) and _FOOTER_FILE_RE.search(src):
            return True
    return any(_FOOTER_FILE_RE.search(string_of(script) or "") for script in tags(doc, "script"))


def extract_identity(doc: Doc) -> Identity:
    """The identity items the page shows (or writes with an inline document.write)."""

    def build() -> Identity:
        footer = " ".join(text_of(el, doc=doc) for el in footer_elements(doc))
        whole = page_text(doc).text
        # Registration numbers are distinctive anywhere; names, phones and addresses also occur in articles.
        codes = [footer, whole] if footer else [whole]
        free = [footer, whole[-_TAIL_CHARS:]] if footer else [whole[-_TAIL_CHARS:]]
        found = {
            "site_code": _first(codes, _site_code),
            "icp": _first(codes, _icp),
            "police_record": _first(codes, _police),
            "sponsor": _first(free, _labelled(_SPONSOR_RE)),
            "organizer": _first(free, _labelled(_ORGANIZER_RE)),
            "phone": _first(free, _phone),
            "address": _first(free, _labelled(_ADDRESS_RE, max_tokens=2)),
        }
        # what the page shows wins; an item it lacks may be in a string an inline script writes
        written = written_text(doc) if not all(found.values()) else ""
        from_script = False
        if written:
            finders = {"site_code": _site_code, "icp": _icp, "police_record": _police,
                       "sponsor": _labelled(_SPONSOR_RE), "organizer": _labelled(_ORGANIZER_RE), "phone": _phone,
                       "address": _labelled(_ADDRESS_RE, max_tokens=2)}
            for name, find in finders.items():
                if not found[name] and (value := find(written)):
                    found[name], from_script = value, True
        numbers = found["site_code"] or found["icp"] or found["police_record"]
        return Identity(
            **found,
            conac_seal=_conac_seal(doc),
            error_report=_error_report(doc),
            footer_by_script=from_script or (not numbers and _footer_by_script(doc)),
        )

    return cached(doc, "identity", build)
