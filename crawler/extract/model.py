"""What extraction returns: plain dataclasses, no Scrapy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".ofd", ".zip", ".rar")


@dataclass
class FoundDate:
    """A date seen on a page and where it came from."""

    value: date
    source: str  # meta:PubDate | label:发布日期 | table:生成日期 | url | ...
    raw: str
    # day | month (a /202603/ URL folder gives only the month; value is then day 1)
    precision: str = "day"


@dataclass
class Link:
    url: str  # absolute, fragment removed
    anchor: str  # visible text (or title/alt when the text is empty), whitespace collapsed
    is_attachment: bool = False
    # a search form's action (anchor: its button or placeholder): shows the page has a search, never followed,
    # stored as kind "form" (a GET of a search endpoint without its parameters often fails: not a broken link)
    is_form: bool = False


@dataclass
class ListEntry:
    title: str
    url: str
    date: date | None
    date_raw: str
    block: str = ""  # heading of the list block it sits in, e.g. "工作动态" on a home page
    # where date's year comes from: list (the list shows a full date) | url_year (the list shows month-day, the
    # year is the entry URL's) | as_of (month-day, nothing on the page gives the year: inferred from the audit
    # date, the latest such day not after it) | "" (no date)
    date_source: str = ""
    url_date: str = ""  # the date the entry's URL carries: ISO day, or YYYY-MM for a month folder (/201807/)
    date_conflict: bool = False  # the list's date and the URL's date disagree (at the URL's precision)


@dataclass
class Identity:
    site_code: str = ""  # 政府网站标识码, 10 digits
    icp: str = ""  # e.g. 赣ICP备11002306号-1
    police_record: str = ""  # e.g. 赣公网安备36092202000105号
    sponsor: str = ""  # 主办单位
    organizer: str = ""  # 承办单位
    conac_seal: bool = False  # 党政机关网站标识 (link/image to bszs.conac.cn)
    phone: str = ""
    address: str = ""
    # 我为政府网站找错 widget (_jiucuo_ script, _span_jiucuo); not the 党政机关网站标识
    error_report: bool = False
    # the footer is drawn by script: an item above was read from an inline document.write string, or the page
    # shows no registration number and its footer is loaded by script (footer.js, .load("foot.html")): what the
    # footer holds beyond what was read is unknown to a static crawl, not missing
    footer_by_script: bool = False
    # the page has a site-search box: a search form, or a text input with a scripted button and no <form>
    # (crawler.extract.links); set even where the box's link of kind "form" is shadowed by a link to the same URL
    search_box: bool = False


# the note an ok page's ``error`` carries when only its beginning was parsed (checks: what lies beyond is unseen)
PARSE_CUT = "页面过大"


@dataclass
class PageExtract:
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # the national meta tags: SiteName, ColumnName, PubDate …
    column_name: str = ""
    column_path: list[str] = field(default_factory=list)  # outermost first, without 首页
    column_source: str = ""  # meta | breadcrumb | title | ""
    pub_date: FoundDate | None = None  # the best publication date
    dates: list[FoundDate] = field(default_factory=list)  # every date candidate, conflicting ones kept
    # the publication date the page shows a reader (发布日期：, 发布时间：, 日期： …, else a 生成日期 row); when it
    # differs from the meta tag's, it is the page's publication date (the tag is often the generation time)
    shown_date: FoundDate | None = None
    meta_date: FoundDate | None = None  # the publication date its meta tags say (PubDate, firstpublishedtime …)
    date_conflict: bool = False  # shown_date and meta_date both exist and differ
    identity: Identity = field(default_factory=Identity)
    links: list[Link] = field(default_factory=list)
    entries: list[ListEntry] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)  # pagination URLs found on the page
    page_kind: str = "other"  # list | article | other
    empty_list: bool = False  # a list page that says it has nothing (暂无信息 …) or has an empty list container
    script_rendered: bool = False  # content is drawn by script: the static page does not show it
    cut_at: int = 0  # the page was longer than the parse cap: only its first cut_at characters were read
    text: str = ""  # visible text of the body, whitespace collapsed
    index_no: str = ""  # 索引号 of a 信息公开目录 document
    # the document's metadata table (索引号, 发布机构, 生成日期, 公开方式 …), labels without spaces
    info_table: dict[str, str] = field(default_factory=dict)
