"""Reading real document titles of 预决算 / 三公经费 / 年报 documents (which unit a title names: ``checks.units``).

Pure functions on strings: no I/O, no Scrapy. The rules were written against real channel listings of a
county-level portal (shared/real-data/pingtan) and are tested on every one of their rows.

Documented choices (the tests assert each):

* **Year** is the fiscal year the document is *about*: the year nearest before the word that makes the
  document a budget/final accounts (``2024年度…单位决算`` → 2024, ``…服务中心2026年单位预算`` → 2026), else
  the first year in the title. Titles that report ``Y-1年预算执行情况`` together with ``Y年预算草案`` are the
  government budget of **Y** (the 草案 year): that is the document that publishes year Y's budget.
* **Kind**: ``决算`` beats ``预算`` (``2025年一般公共预算决算表`` → final 2025: 预算 is part of the table name).
  ``预决算`` alone (a column name such as ``部门预决算公开``) is ambiguous → None. ``预算`` followed by
  执行/指标/绩效/管理/调整/调剂/资金 is not a budget document (execution and monitoring reports, allocations,
  rules); neither are titles that 下达/拨付 money, quote a 《document》, or end in 通知/办法/决议/批复/方案/总结….
  Monthly 三公经费 statements that say neither 预算 nor 决算 are execution statistics: kind None. A title that
  names 三公经费 beside the budget itself (``部门预算及“三公”经费预算``, ``（含三公经费）``) is the budget:
  :func:`is_sangong_only` tells it from a statement of 三公经费 alone.
* **Debt**: a title about 政府债务/债券 is never a budget or final-accounts document (kind None), even when its
  channel tag says ``【政府债务预算公开】`` or the title says ``财政决算地方债务情况``: it is the debt statement
  that belongs beside the budget, not the budget itself; :func:`is_debt_document` tells these apart.
* **Scope** is only decided for fiscal titles (kind set, or 三公经费); for others it is None.
  Department when the title says 部门/单位 预算/决算 or names a unit; government when it names no unit
  (only the region, 本级, 区级/区本级/县级…, 全区, 政府, 一般公共预算, 政府性基金 …) or when the named unit is only the issuer
  (``区财政局关于…预算草案的报告``) or the finance bureau of a 草案/财政预算/政府预算 title. A title with
  neither unit, region nor marker (``2026年预算``) has scope None.
* **Unit** is returned as written in the title (region prefix and qualifiers such as ``（本级）`` kept),
  after normalisation (NFKC, no spaces, full-width parentheses). A unit made of the region alone
  (``平潭综合实验区（平潭县）``) is no unit: ''. A unit may also close the title in parentheses
  (``2026年度部门预算公开（…教育局）``, ``2026年部门预算—区教育局``) or lead it as a tag (``【区教育局】…``). Outside fiscal titles only a name ending like a unit (…局/…办公室/…镇)
  is returned, best effort.
* **Period** is canonical ``M-N月`` for a cumulative range (``1月至7月`` → ``1-7月``), ``N月`` for one month
  (``1-1月`` → ``1月``), ``1-6月`` for 上半年, quarters as their months; '' when the title names no months.
  ``1-12月`` stays ``1-12月``: it is the last of a monthly series, not the annual statement.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "FiscalTitle",
    "is_budget_document",
    "is_debt_document",
    "is_final_document",
    "is_sangong_only",
    "is_unit_name",
    "names_government",
    "normalise_title",
    "parse_annual_report_year",
    "parse_fiscal_title",
]


@dataclass(frozen=True)
class FiscalTitle:
    year: int | None  # the fiscal year the document is about (not the publication year)
    kind: str | None  # "budget" (预算) | "final" (决算) | None
    scope: str | None  # "government" | "department" | None
    unit: str  # the unit named in the title, '' if none
    sangong: bool  # about 三公经费
    period: str  # '' for a whole year; e.g. "1-8月" for monthly 三公 statements


# ---------------------------------------------------------------------------------------------- normalising

_CN_DIGITS = dict(zip("〇○零OＯ一二三四五六七八九", "00000123456789", strict=True))
_CN_YEAR_RE = re.compile(r"(?<![〇○零OＯ一二三四五六七八九十])([〇○零OＯ一二三四五六七八九]{4})(?=年)")
_SPACE_RE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_SPLIT_TYPO_RE = re.compile(r"([预决])(单位|部门)算")  # 预单位算 → 单位预算
_QUOTES_RE = re.compile(r"[\"'“”‘’「」『』〝〞]")
LEADING_TAGS_RE = re.compile(r"^(?:【[^】]*】)+")
PUNCT = " 　,，、.。:：;；!！?？-—–_·~\"'“”‘’「」『』《》<>【】"


def normalise_title(title: str) -> str:
    """NFKC (full-width digits → ASCII), no whitespace, full-width parentheses, 二〇二五年 → 2025年,
    and the split typo 预单位算/决部门算 put back to 单位预算/部门决算."""
    s = unicodedata.normalize("NFKC", title or "")
    s = _SPACE_RE.sub("", s).replace("(", "（").replace(")", "）")
    s = _CN_YEAR_RE.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)), s)
    return _SPLIT_TYPO_RE.sub(r"\2\1算", s)


def title_body(norm: str) -> str:
    """The title without its leading channel tags (【政府债务公开】…) and without quote marks."""
    return _QUOTES_RE.sub("", LEADING_TAGS_RE.sub("", norm))


# ----------------------------------------------------------------------------------------------- year/period

_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)(?:年度|年)?")
_MONTH_RANGE_RE = re.compile(r"(?<!\d)(\d{1,2})月?(?:-|~|—|–|至|到)(\d{1,2})月")
_SINGLE_MONTH_RE = re.compile(r"(?:(?<=年)|^)(\d{1,2})月份?(?!\d{0,2}日)")
_NAMED_PERIODS = {
    "上半年": "1-6月",
    "下半年": "7-12月",
    "前三季度": "1-9月",
    "第一季度": "1-3月",
    "第二季度": "4-6月",
    "第三季度": "7-9月",
    "第四季度": "10-12月",
    "一季度": "1-3月",
    "二季度": "4-6月",
    "三季度": "7-9月",
    "四季度": "10-12月",
}
# what may follow a year before the unit starts: a period
_PERIOD_AFTER_YEAR_RE = re.compile(
    r"(?:\d{1,2}月?(?:-|~|—|–|至|到)\d{1,2}月份?|\d{1,2}月份?|上半年|下半年|前三季度|第?[一二三四1-4]季度)"
)


def _years(text: str) -> list[tuple[int, int, int]]:
    """(start, end, year) of every plausible year in ``text``."""
    out = []
    for m in _YEAR_RE.finditer(text):
        y = int(m.group(1))
        if 1990 <= y <= 2099:
            out.append((m.start(), m.end(), y))
    return out


def _year_for(years: list[tuple[int, int, int]], pos: int | None) -> int | None:
    """The year nearest before ``pos`` (the word that makes the document what it is), else the first."""
    if not years:
        return None
    if pos is not None:
        before = [y for start, _, y in years if start < pos]
        if before:
            return before[-1]
    return years[0][2]


def _period(text: str) -> str:
    m = _MONTH_RANGE_RE.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if 1 <= a <= b <= 12:
            return f"{a}月" if a == b else f"{a}-{b}月"
    for word, months in _NAMED_PERIODS.items():
        if word in text:
            return months
    m = _SINGLE_MONTH_RE.search(text)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{int(m.group(1))}月"
    return ""


# ---------------------------------------------------------------------------------------------------- kind

_DEPT_MARK_RE = re.compile(r"(?:部门|单位)(?:预决算|预算|决算)")
_DEBT_RE = re.compile(r"债务|债券")
_NOT_FISCAL_RE = re.compile(r"下达|拨付|指标|直达资金|专项资金|补助资金|《")
_ADMIN_END_RE = re.compile(
    r"(?:通知|办法|细则|意见|规定|决议|决定|批复|函|请示|通告|制度|条例|方案|规划|要点|总结)$"
)
_TRAILING_PAREN_RE = re.compile(r"(?:（[^（）]*）)+$")
_DRAFT_RE = re.compile(r"预算（?草案")
_BUDGET_RE = re.compile(r"预算(?!执行|指标|绩效|管理|调整|调剂|资金|外|编审)")
_FINAL_RE = re.compile(r"(?<!竣工)(?<!工程)(?<!项目)决算(?!审计)")
_SANGONG_RE = re.compile(r"三公(?!里)")


def _excluded(text: str) -> bool:
    """Titles that mention 预算/决算 but are not a budget or final-accounts document."""
    if _DEBT_RE.search(text) and not _DEPT_MARK_RE.search(text):
        return True
    if _NOT_FISCAL_RE.search(text):
        return True
    return bool(_ADMIN_END_RE.search(_TRAILING_PAREN_RE.sub("", text)))


def _kind(text: str) -> tuple[str | None, int | None]:
    """(kind, position of the word that decided it) for a text that is not excluded."""
    m = _DRAFT_RE.search(text)
    if m:
        return "budget", m.start()
    if "预决算" in text:
        return None, None
    m = _FINAL_RE.search(text)
    if m:
        return "final", m.start()
    m = _BUDGET_RE.search(text)
    if m:
        return "budget", m.start()
    return None, None


# ---------------------------------------------------------------------------------------------------- unit

# words at which the unit part of a title ends
_TAIL_RE = re.compile(
    r"(?:部门|单位)(?:预决算|预算|决算)|预决算|预算|决算|三公|(?<!（)[区县市]级|(?<!（)本级|全区|全县|全市|一般公共|政府性基金"
    r"|国有资本|社会保险基金|政府预算|政府决算|财政总?预算|财政总?决算|财政收支|总预算|总决算|地方政府|政府债|地方债|债务|债券"
    r"|直达资金|转移支付|政府信息公开|信息公开|政务公开|年度报告|年报"
)
# a region and nothing else: 平潭综合实验区, 示范区, 平潭综合实验区（平潭县）, 平潭县人民政府, 全区 …
_REGION_ONLY_RE = re.compile(
    r"(?:中共)?(?:[\u4e00-\u9fff]{1,10}?(?:综合实验区|示范区|自治县|自治州|自治区|新区|开发区"
    r"|(?<![社园景校小营院片厂街])区|县|市|省)|（[^（）]*）)*"
    r"(?:本级|全区|全县|全市|区直|县直|人民政府|政府|地方|财政|部门|单位)*"
)
_UNIT_WORD_RE = re.compile(r"人大|政协|纪工委|纪委|监委|共青团|团委|党工委|党委|管委会")
_LEADING_VERB_RE = re.compile(r"^(?:对|提前下达|下达|印发|转发|报备|进一步做好|做好|举办|申请|公开)+")
_TRAILING_VERB_RE = re.compile(r"(?:提前下达|下达|印发|转发|的)+$")
_NOT_UNIT_RE = re.compile(r"[\d《》]|^[和及与]|上半年|下半年|^末$")
_UNIT_END_RE = re.compile(
    r"(?:局|委|委员会|办|办公室|中心|院|所|站|队|馆|团|会|处|部|厅|街道|镇|乡|园|校|学|政府|室|社|台|组|科"
    r"|公司|协会|党校|基地|场|支队|大队|宫|(?:[妇残侨文]|社科|工商)联)(?:（[^（）]*）)?$"  # 青少年宫, 妇联 …
)
_FINANCE_RE = re.compile(r"财政(?:金融)?局|财政厅")
_GOV_STRONG_RE = re.compile(
    r"预算（?草案|政府预算|政府决算|财政总?预算|财政总?决算|总预算|总决算|(?<!（)[区县市]级|(?<!（)本级|全区|全县|全市"
)
_GOV_WEAK_RE = re.compile(r"一般公共预算|政府性基金|国有资本经营|社会保险基金|政府")


def _clean_segment(seg: str, fiscal: bool) -> tuple[str, bool]:
    """(unit text, whether it is the issuer of a ``X关于…`` title); '' when the text is no unit."""
    issuer = False
    i = seg.find("关于")
    if i > 0:
        seg, issuer = seg[:i], True
    elif i == 0:
        seg = seg[2:]
    seg = _LEADING_VERB_RE.sub("", seg.strip(PUNCT))
    seg = _TRAILING_VERB_RE.sub("", seg).strip(PUNCT)
    if _NOT_UNIT_RE.search(seg):
        return "", False
    if not fiscal and not _UNIT_END_RE.search(seg):
        # outside 预决算/三公 titles only a name that looks like a unit is one
        return "", False
    return seg, issuer


def _is_region_only(seg: str) -> bool:
    if seg in ("区", "县", "市"):  # 2026年区本级预算: the level, cut before 本级
        return True
    return not _UNIT_WORD_RE.search(seg) and _REGION_ONLY_RE.fullmatch(seg) is not None


def _unit(body: str, fiscal: bool) -> tuple[str, bool, bool]:
    """(unit, unit is the issuer, the title names the region without a unit)."""
    years = _years(body)
    first_tail = _TAIL_RE.search(body)
    if years:
        cut = years[0][0]
        if first_tail and first_tail.start() < cut:
            cut = first_tail.start()
        prefix = body[:cut]
        start = years[0][1]
        p = _PERIOD_AFTER_YEAR_RE.match(body, start)
        if p:
            start = p.end()
        tail = _TAIL_RE.search(body, start)
        middle = body[start : tail.start()] if tail else ""
    else:
        prefix = body[: first_tail.start()] if first_tail else ""
        middle = ""
    names_region = False
    for raw in (prefix, middle):
        seg, issuer = _clean_segment(raw, fiscal)
        if not seg:
            continue
        if _is_region_only(seg):
            names_region = True
            continue
        return seg, issuer, names_region
    # 2026年度部门预算公开（平潭综合实验区教育局）, 2026年部门预算—区教育局: the unit closes the title
    m = re.search(r"（([^（）]*)）$", body) or (  # after a dash only in a 部门预算 title: else a page <title>'s suffix
        _DEPT_MARK_RE.search(body) and re.search(r"[—–\-－:：|｜]([^—–\-－:：|｜（）]+)$", body))
    if m and fiscal and is_unit_segment(m.group(1)) and not _SITE_NAME_RE.search(m.group(1)):
        return m.group(1), False, names_region
    return "", False, names_region


_SITE_NAME_RE = re.compile(r"网站|门户|网$|平台")  # …-临江区人民政府门户网站: a page <title>'s site name


def is_unit_segment(seg: str) -> bool:
    return bool(_UNIT_END_RE.search(seg)) and not _NOT_UNIT_RE.search(seg) and not _is_region_only(seg)


def _scope(body: str, unit: str, issuer: bool, names_region: bool) -> str | None:
    if _DEPT_MARK_RE.search(body):
        return "department"
    if _GOV_STRONG_RE.search(body) and (not unit or issuer or _FINANCE_RE.search(unit)):
        return "government"
    if unit:
        return "department"
    if _GOV_STRONG_RE.search(body) or _GOV_WEAK_RE.search(body) or names_region:
        return "government"
    return None


# ----------------------------------------------------------------------------------------------------- API


@lru_cache(maxsize=65536)  # every check reads the same titles: parse each once
def parse_fiscal_title(title: str) -> FiscalTitle:
    """Read a document title: fiscal year, budget/final, government/department, unit, 三公经费, period."""
    norm = normalise_title(title)
    body = title_body(norm)
    tags = norm[: len(norm) - len(LEADING_TAGS_RE.sub("", norm))]
    kind: str | None = None
    pos: int | None = None
    if not _excluded(norm):
        kind, pos = _kind(body)
        if kind is None and tags and "预决算" not in tags:
            kind = _kind(tags)[0]
    years = _years(body) or _years(norm)
    year = _year_for(years, pos)
    sangong = _SANGONG_RE.search(body) is not None
    unit, issuer, names_region = _unit(body, fiscal=bool(kind or sangong))
    if not unit and (kind or sangong):  # 【区教育局】2026年部门预算公开: the unit as the leading tag
        unit = next((t for t in re.findall(r"【([^】]*)】", tags) if is_unit_segment(t)), "")
    scope = _scope(body, unit, issuer, names_region) if (kind or sangong) else None
    return FiscalTitle(year=year, kind=kind, scope=scope, unit=unit, sangong=sangong, period=_period(body))


def is_budget_document(title: str) -> bool:
    return parse_fiscal_title(title).kind == "budget"


def is_final_document(title: str) -> bool:
    return parse_fiscal_title(title).kind == "final"


# the 三公经费 part of a title: 及“三公”经费预算, （含三公经费）, 一般公共预算“三公”经费支出预算情况说明 …
_SANGONG_PART_RE = re.compile(
    r"[及和与、]?（?含?(?:一般公共预算(?:安排的)?)?三公(?:经费)?(?:支出)?(?:预算|决算)?(?:情况)?(?:说明|表)?）?"
)


@lru_cache(maxsize=65536)
def is_sangong_only(title: str) -> bool:
    """A statement of 三公经费 alone (``…教育局2026年三公经费预算``, monthly statistics), not the budget or final
    accounts that include it (``…教育局2026年部门预算及“三公”经费预算``, ``…2026年度部门预算（含三公经费）``)."""
    body = title_body(normalise_title(title))
    if not _SANGONG_RE.search(body):
        return False
    return parse_fiscal_title(_SANGONG_PART_RE.sub("", body)).kind is None


def is_debt_document(title: str) -> bool:
    """A 政府债务 statement (限额、余额、债券使用情况): published beside the budget, never counted as it."""
    return _DEBT_RE.search(normalise_title(title)) is not None


def is_unit_name(text: str) -> bool:
    """The text is a unit's name and nothing else (``临江区教育局``, ``东城街道办事处（本级）``)."""
    norm = title_body(normalise_title(text)).strip(PUNCT)
    return 2 <= len(norm) <= 30 and not _NOT_UNIT_RE.search(norm) and _UNIT_END_RE.search(norm) is not None


_GOVERNMENT_DISCLOSURE_RE = re.compile(
    r"(?:关于)?[\u4e00-\u9fff]{1,10}?(?:综合实验区|示范区|自治县|新区|区|县|市|旗)人民政府(?:政府)?(?:信息公开|政务公开)"
)


def names_government(title: str) -> bool:
    """The title names the region's government and no unit (``临江区人民政府2025年…年度报告``, ``临江区2025年…``):
    a document of the government wherever it is filed. A title naming nobody (``2025年度…工作报告``) is not."""
    body = title_body(normalise_title(title))
    if _GOVERNMENT_DISCLOSURE_RE.match(body):  # 临江区人民政府信息公开指南: 人民政府 and 政府信息公开 overlap
        return True
    unit, _, names_region = _unit(body, fiscal=True)
    return not unit and names_region


_ANNUAL_RE = re.compile(
    r"(?:信息公开|政务公开)(?:工作)?的?(?:情况)?的?(?:(?:19|20)\d{2}年度?)?(?:年度报告|年度工作报告|年报|工作报告|报告)"
)
_NOT_ANNUAL_RE = re.compile(
    r"通知|格式|有关事项|函|意见|印发|编制|模板|要点|统计公报|总结|解读|审核|报送|撰写|培训|说明|规范|目录|指南"
)


@lru_cache(maxsize=65536)
def parse_annual_report_year(title: str) -> int | None:
    """The year of a 政府信息公开工作年度报告 (条例 第四十九、五十条), None if the title is not one.

    ``示范区教育局2025年政府信息公开工作年度报告`` → 2025, ``2025年度政府信息公开工作报告`` → 2025,
    ``…政府信息公开年报`` likewise; notices about the reports (格式, 有关事项, 编制…), 统计公报, 工作总结 → None.
    """
    body = title_body(normalise_title(title))
    m = _ANNUAL_RE.search(body)
    if not m or _NOT_ANNUAL_RE.search(body):
        return None
    return _year_for(_years(body), m.start())
