"""Does a document title (or a unit read from one) name this department? Short forms, region prefixes,
qualifiers in parentheses and the offices of sub-districts and townships are allowed for; whole names only.

Pure functions on strings, like ``checks.titles`` whose title reading they build on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checks.titles import (
    LEADING_TAGS_RE,
    PUNCT,
    is_unit_segment,
    normalise_title,
    parse_fiscal_title,
    title_body,
)

# Equivalent names of common departments: first the full name, then the short forms in use. Keep it small.
DEPARTMENT_ALIASES: tuple[tuple[str, ...], ...] = (
    ("卫生健康委员会", "卫健委", "卫生健康委"),
    ("卫生健康局", "卫健局"),
    ("人力资源和社会保障局", "人社局", "人力社保局"),
    ("住房和城乡建设局", "住建局"),
    ("市场监督管理局", "市场监管局", "市监局"),
    ("发展和改革委员会", "发改委", "发展改革委"),
    ("发展和改革局", "发改局"),
    ("应急管理局", "应急局"),
    ("医疗保障局", "医保局"),
    ("退役军人事务局", "退役军人局"),
    ("工业和信息化局", "工信局"),
    ("科学技术局", "科技局"),
    ("文化和旅游局", "文旅局"),
    ("教育和体育局", "教体局"),
    ("交通运输局", "交通局"),
    ("城市管理局", "城管局"),
    ("综合行政执法局", "综合执法局"),
    ("经济和信息化局", "经信局"),
    ("文化广电旅游体育局", "文广旅体局"),
    ("机关事务管理局", "机关事务局"),
    ("人民代表大会常务委员会", "人大常委会", "人大常务委员会"),
    ("人民政府办公室", "政府办公室", "政府办"),
    ("残疾人联合会", "残联"),
    ("妇女联合会", "妇联"),
    ("科学技术协会", "科协"),
    ("归国华侨联合会", "侨联"),
    ("文学艺术界联合会", "文联"),
    ("社会科学界联合会", "社科联"),
    ("工商业联合会", "工商联"),
)

_GENERIC_PREFIXES = ("中共", "示范区", "综合实验区", "全区", "区", "县", "市")
_REGION_SUFFIX_RE = re.compile(r"(?:综合实验区|综合试验区|示范区|实验区|新区|开发区|自治县|县|市|区)$")
_PLACE_PREFIX_RE = re.compile(
    r"^[\u4e00-\u9fff]{2,8}?(?:综合实验区|示范区|自治县|新区|开发区|(?<![社园景校小营院片厂街])区|县|市|省)"
)
_PARENS_RE = re.compile(r"（[^（）]*）")
# A committee's office publishes the committee's budget: 临江区人大常委会办公室 is 临江区人大常委会 (not 人民政府办公室).
_OFFICE_RE = re.compile(r"^(.{2,}?(?:委员会|常委会|委))(?:办公室|机关)$")
# A party committee's department: 党工委党群工作部 is 党群工作部, 区委组织部 is 组织部 (after the region).
_PARTY_ORGAN_RE = re.compile(r"^(?:中共)?(?:党工委|工委|党委|委)(.{2,}部)$")
# The youth league committee and the CPPCC, named around the place: 共青团临江区委员会 = 团区委 = 区团委 → 团委,
# 政协临江区委员会 = 区政协 → 政协.
_YOUTH_RE = re.compile(r"^(?:中国)?共青团(.*?)(?:委员会|委)$|^团(.{1,10}?)委$")
_CPPCC_RE = re.compile(r"^(?:中国人民政治协商会议|政协)(.+?)委员会$")


def _shape(name: str) -> str:
    """住房城乡建设局 == 住房和城乡建设局, 卫生健康委 == 卫生健康委员会, 东城街道办事处 == 东城街道办 == 东城街道,
    城关镇人民政府 == 城关镇 (a sub-district's or township's documents name its office, its list entry the place)."""
    s = re.sub(r"(?<=.)[和与及]", "", name)
    s = re.sub(r"(?<=街道)办(?:事处)?$|(?<=[镇乡])人民政府$", "", s)
    return re.sub(r"委员会$", "委", s)


_ALIAS_KEY = {_shape(a): _shape(group[0]) for group in DEPARTMENT_ALIASES for a in group}


def _key(name: str) -> str:
    s = _shape(name)
    return _ALIAS_KEY.get(s, s)


def _region_aliases(region: str | Iterable[str]) -> list[str]:
    regions = [region] if isinstance(region, str) else list(region)
    out: set[str] = set(_GENERIC_PREFIXES)
    for r in regions:
        r = normalise_title(r)
        if not r:
            continue
        out.add(r)
        short = _REGION_SUFFIX_RE.sub("", r)
        if len(short) >= 2 and short != r:
            out.update({short, short + "县", short + "区", short + "市"})
    return sorted(out, key=len, reverse=True)


def _unit_text(text: str) -> str:
    unit = parse_fiscal_title(text).unit
    if unit:
        return unit
    norm = normalise_title(text)
    tags = norm[: len(norm) - len(LEADING_TAGS_RE.sub("", norm))]
    tagged = next((t for t in re.findall(r"【([^】]*)】", tags) if is_unit_segment(t)), "")
    if tagged:  # 【区教育局】2025年政府信息公开工作年度报告
        return tagged
    s = title_body(norm)
    m = re.search(r"\d|关于|预算|决算|三公", s)
    return (s[: m.start()] if m else s).strip(PUNCT)


def _is_place(text: str, aliases: list[str], any_place: bool) -> bool:
    return not text or text in aliases or (any_place and _PLACE_PREFIX_RE.fullmatch(text) is not None)


def _organ_forms(s: str, aliases: list[str], any_place: bool) -> list[str]:
    """Other names of the same unit: a committee for its office, a party department without its committee, the
    youth league and the CPPCC without their place."""
    out = []
    if (m := _OFFICE_RE.match(s)) and not m.group(1).endswith("政府"):
        out.append(m.group(1))
    if m := _PARTY_ORGAN_RE.match(s):
        out.append(m.group(1))
    if (m := _YOUTH_RE.match(s)) and _is_place(m.group(1) or m.group(2) or "", aliases, any_place):
        out.append("团委")
    if (m := _CPPCC_RE.match(s)) and _is_place(m.group(1), aliases, any_place):
        out.append("政协")
    return out


def _variants(name: str, aliases: list[str], any_place: bool) -> set[str]:
    """The name with its region prefixes stripped in every possible way (each variant ≥ 2 characters), and the
    other names of the same unit (:func:`_organ_forms`)."""
    name = _PARENS_RE.sub("", name)
    seen: set[str] = set()
    todo = [name]
    while todo:
        s = todo.pop()
        if s in seen or len(s) < 2:
            continue
        seen.add(s)
        for a in aliases:
            if s.startswith(a) and len(s) - len(a) >= 2:
                todo.append(s[len(a) :])
        if any_place:
            m = _PLACE_PREFIX_RE.match(s)
            if m and len(s) - m.end() >= 2:
                todo.append(s[m.end() :])
        todo.extend(_organ_forms(s, aliases, any_place))
    return seen


def unit_matches(title_unit_or_title: str, department_name: str, region: str | Iterable[str] = "") -> bool:
    """Does this title (or a unit parsed from one) name this department?

    The region prefix (``示范区``, ``平潭综合实验区``, ``平潭县``, ``区``…) is optional on either side, and so are
    qualifiers in parentheses (``（本级）``); names are compared whole, so ``教育局`` never matches ``体育局``
    and ``医院`` never ``中医院``; common short forms are equal to the full name (:data:`DEPARTMENT_ALIASES`).
    With no ``region`` given, any place-name prefix (``福清市``) is optional too; with one given, only its own.
    """
    dept = normalise_title(department_name).strip(PUNCT)
    unit = _unit_text(title_unit_or_title)
    if not dept or not unit:
        return False
    regions = [region] if isinstance(region, str) else list(region)
    any_place = not any(r.strip() for r in regions)
    aliases = _region_aliases(regions)
    a = {_key(v) for v in _variants(unit, aliases, any_place)}
    b = {_key(v) for v in _variants(dept, aliases, any_place)}
    return not a.isdisjoint(b)
