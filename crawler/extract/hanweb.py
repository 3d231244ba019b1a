"""Hanweb (大汉) lists: the jpage pager that fetches records through ``/module/web/jpage/dataproxy.jsp``.

A Hanweb column page carries its first records as CDATA inside ``<script type="text/xml"><datastore>`` and a
``jpage`` script that POSTs to ``dataproxy.jsp?startrecord=A&endrecord=B&perpage=P`` with the form fields
``col, appid, webid, path, columnid, sourceContentType, unitid, webname, permissiontype`` for the others. The
answer is XML with each record in CDATA (``crawler.extract.lists`` reads those as entries).

The config is read from wherever the page gives it: the datastore's ``<nextgroup>`` link, ``<totalrecord>``,
and script text such as ``totalRecord: 62``, ``perPage = 10``, ``columnid: '1234'``, ``unitid=5678`` or
``proxyUrl: "/module/web/jpage/dataproxy.jsp"``. Pure functions on text; no Scrapy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from crawler.extract.model import ListEntry
from crawler.extract.page import extract_page

DEFAULT_PROXY = "/module/web/jpage/dataproxy.jsp"
DEFAULT_PERPAGE = 15
GROUP_PAGES = 3  # jpage asks for three pages of records per request
MAX_RECORDS = 20_000  # a broken page claiming millions of records: the crawler's page limit still applies

_DATAPROXY_RE = re.compile(r"""["'(\s=]([^"'()\s<>]*?dataproxy\.jsp[^"'()\s<>]*)""", re.IGNORECASE)
_NUMBER = r"""\s*[:=]\s*["']?(\d{1,9})["']?"""
_TOTAL_RE = re.compile(r"(?:totalRecord|totalrecord|total_record|recordCount|totalCount)" + _NUMBER, re.IGNORECASE)
_TOTAL_TAG_RE = re.compile(r"<totalrecord>\s*(\d{1,9})\s*</totalrecord>", re.IGNORECASE)
_PERPAGE_RE = re.compile(r"(?:perPage|perpage|pageSize)" + _NUMBER, re.IGNORECASE)
_COLUMNID_RE = re.compile(r"\bcolumnid" + _NUMBER, re.IGNORECASE)
_UNITID_RE = re.compile(r"\bunitid" + _NUMBER, re.IGNORECASE)
_RECORD_RE = re.compile(r"<record\b", re.IGNORECASE)
_SCRIPT_RE = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_CONTROL_KEYS = {"startrecord", "endrecord", "perpage", "page"}


@dataclass
class JPage:
    """What a Hanweb list page says about fetching the rest of its records."""

    proxy_url: str  # absolute dataproxy.jsp URL, without query
    params: dict[str, str] = field(default_factory=dict)  # the form fields (columnid, unitid, webid …)
    perpage: int = DEFAULT_PERPAGE
    total: int | None = None  # records in the column, when the page says
    inline: int = 0  # records already in the page's datastore

    @property
    def columnid(self) -> str:
        return self.params.get("columnid", "")

    @property
    def unitid(self) -> str:
        return self.params.get("unitid", "")


@dataclass
class ProxyRequest:
    url: str  # dataproxy.jsp?startrecord=…&endrecord=…&perpage=…
    form: dict[str, str]  # POSTed
    key: str  # one GET-able URL with every parameter: how the page is stored
    start: int
    end: int


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(1) if m else None


def find_jpage(html: str, page_url: str) -> JPage | None:
    """The jpage config of a Hanweb list page, or None when the page has no dataproxy pager."""
    scripts = "\n".join(_SCRIPT_RE.findall(html))
    if "dataproxy" not in scripts.lower() and "jpage" not in scripts.lower():
        return None
    params: dict[str, str] = {}
    proxy = None
    for m in _DATAPROXY_RE.finditer(scripts.replace("&amp;", "&")):
        candidate = m.group(1)
        parts = urlsplit(candidate)
        if proxy is None or parts.query:
            proxy = urljoin(page_url, parts._replace(query="", fragment="").geturl())
        for k, v in parse_qsl(parts.query, keep_blank_values=True):
            if k.lower() not in _CONTROL_KEYS:
                params.setdefault(k, v)
    for key, pattern in (("columnid", _COLUMNID_RE), ("unitid", _UNITID_RE)):
        if key not in params and (value := _first(pattern, scripts)):
            params[key] = value
    if "columnid" not in params and "unitid" not in params:
        return None
    total = _first(_TOTAL_TAG_RE, scripts) or _first(_TOTAL_RE, scripts)
    perpage = _first(_PERPAGE_RE, scripts)
    return JPage(
        proxy_url=proxy or urljoin(page_url, DEFAULT_PROXY),
        params=params,
        perpage=max(1, min(int(perpage), 1000)) if perpage else DEFAULT_PERPAGE,
        total=min(int(total), MAX_RECORDS) if total else None,
        inline=len(_RECORD_RE.findall(scripts)),
    )


def proxy_request(jpage: JPage, start: int, end: int) -> ProxyRequest:
    control = {"startrecord": str(start), "endrecord": str(end), "perpage": str(jpage.perpage)}
    url = f"{jpage.proxy_url}?{urlencode(control)}"
    form = {"col": "1", "appid": "1", "path": "/", "sourceContentType": "1", "permissiontype": "0", **jpage.params}
    key = f"{jpage.proxy_url}?{urlencode({**control, **form})}"
    return ProxyRequest(url=url, form=form, key=key, start=start, end=end)


def batch_size(jpage: JPage) -> int:
    return jpage.perpage * GROUP_PAGES


def proxy_requests(jpage: JPage) -> list[ProxyRequest]:
    """The record ranges still to fetch after the inline ones; with no known total, only the next batch
    (the spider asks for the one after whenever a batch comes back full)."""
    size = batch_size(jpage)
    start = jpage.inline + 1
    if jpage.total is None:
        return [proxy_request(jpage, start, start + size - 1)]
    found = []
    while start <= jpage.total:
        end = min(start + size - 1, jpage.total)
        found.append(proxy_request(jpage, start, end))
        start = end + 1
    return found


def parse_dataproxy(xml: str, base_url: str, today: date | None = None) -> tuple[list[ListEntry], int]:
    """The entries of a dataproxy answer (records in CDATA) and how many records it held."""
    records = len(_RECORD_RE.findall(xml))
    return extract_page(as_list_page(xml), base_url, today=today).entries, records


def as_list_page(xml: str) -> str:
    """A dataproxy answer wrapped as an HTML page, so the ordinary page extraction reads its records."""
    body = re.sub(r"^\s*<\?xml[^>]*>", "", xml)
    return f'<html><head></head><body><script type="text/xml">{body}</script></body></html>'
