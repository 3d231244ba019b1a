"""checks.titles: hand-written cases for every rule, then every row of the real channel listings."""

from __future__ import annotations

import re

import pytest

from checks.titles import (
    FiscalTitle,
    is_budget_document,
    is_debt_document,
    is_final_document,
    is_sangong_only,
    is_unit_name,
    names_government,
    normalise_title,
    parse_annual_report_year,
    parse_fiscal_title,
)
from checks.units import unit_matches
from tests.shared_data import REAL_DATA as SHARED_DATA
from tests.shared_data import require

REAL_DATA = SHARED_DATA / "pingtan"
REGION = "平潭综合实验区"


def _rows(name: str) -> list[str]:
    """Titles of one channel file: '#' lines and the header row skipped."""
    path = REAL_DATA / name
    require(path)
    titles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("title\t"):
            continue
        titles.append(line.split("\t")[0])
    assert titles, f"{name} has no rows"
    return titles


def _params(name: str) -> list[str]:
    """Rows for parametrisation; none when the data is missing (test_real_data_present then fails)."""
    return _rows(name) if (REAL_DATA / name).is_file() else []


def _all_files() -> list[str]:
    return sorted(p.name for p in REAL_DATA.glob("*.tsv")) if REAL_DATA.is_dir() else []


DWYSGK = "zwgk__zdlyxxgk__czzj__dwyjsgk__dwysgk.tsv"
DWJSGK = "zwgk__zdlyxxgk__czzj__dwyjsgk__dwjsgk.tsv"
SGJF = "zwgk__zdlyxxgk__czzj__sgjfxxgk.tsv"
ZFXXGKZD = "zwgk__zfxxgk__zfxxgkzd.tsv"
DEBT = "zwgk__zdlyxxgk__czzj__zfyjsgk__zwgk.tsv"
ZXZJ = "zwgk__zdlyxxgk__czzj__zxzjgk.tsv"
ZDJC = "zwgk__zdlyxxgk__czzj__czzjzdjc.tsv"


# ------------------------------------------------------------------------------------ hand-written cases

G, D, B, F = "government", "department", "budget", "final"

# title, year, kind, scope, unit, sangong, period
FISCAL_CASES = [
    # where the year stands
    ("2026年度平潭综合实验区急救中心单位预算", 2026, B, D, "平潭综合实验区急救中心", False, ""),
    (
        "平潭综合实验区海坛街道社区卫生服务中心2026年单位预算",
        2026,
        B,
        D,
        "平潭综合实验区海坛街道社区卫生服务中心",
        False,
        "",
    ),
    (
        "2026 年度平潭综合实验区海洋与渔业执法支队单位预算",
        2026,
        B,
        D,
        "平潭综合实验区海洋与渔业执法支队",
        False,
        "",
    ),
    ("2026平潭综合实验区急救中心单位预算公开", 2026, B, D, "平潭综合实验区急救中心", False, ""),
    ("２０２６年度平潭综合实验区急救中心单位预算", 2026, B, D, "平潭综合实验区急救中心", False, ""),
    ("二〇二五年平潭综合实验区急救中心单位决算", 2025, F, D, "平潭综合实验区急救中心", False, ""),
    ("平潭县闽剧团2024年度单位预算", 2024, B, D, "平潭县闽剧团", False, ""),
    # kind, typos
    ("2026年平潭岚城新区中心幼儿园预单位算", 2026, B, D, "平潭岚城新区中心幼儿园", False, ""),
    ("示范区教育局2025年度决部门算", 2025, F, D, "示范区教育局", False, ""),
    ("2026年度平潭海坛幼儿园预算", 2026, B, D, "平潭海坛幼儿园", False, ""),
    ("示范区教育局2026年部门预算", 2026, B, D, "示范区教育局", False, ""),
    (
        "平潭综合实验区社会事业局（本级）2024年度单位决算",
        2024,
        F,
        D,
        "平潭综合实验区社会事业局（本级）",
        False,
        "",
    ),
    # 预算执行情况 (Y-1) + 预算草案 (Y) → the budget of Y
    ("关于示范区2025年预算执行情况与2026年预算草案的报告", 2026, B, G, "", False, ""),
    ("关于平潭综合实验区2025年预算执行情况和2026年预算（草案）的报告", 2026, B, G, "", False, ""),
    ("区财政局关于2025年预算执行情况和2026年预算草案的报告", 2026, B, G, "区财政局", False, ""),
    # 决算 beats 预算 that is only part of a table name
    ("2025年一般公共预算决算表", 2025, F, G, "", False, ""),
    ("关于2024年财政决算和2025年上半年预算执行情况的报告", 2024, F, G, "", False, "1-6月"),
    # government scope
    ("平潭综合实验区2026年一般公共预算收支表", 2026, B, G, "", False, ""),
    ("2026年政府性基金预算支出表", 2026, B, G, "", False, ""),
    ("2026年平潭综合实验区本级预算", 2026, B, G, "", False, ""),
    ("2024年度平潭综合实验区国有资本经营预算", 2024, B, G, "", False, ""),
    ("2024年全区社会保险基金决算", 2024, F, G, "", False, ""),
    ("2026年度平潭综合实验区财政预算", 2026, B, G, "", False, ""),
    ("2026年平潭综合实验区一般公共预算税收返还和转移支付表", 2026, B, G, "", False, ""),
    ("平潭县人民政府2025年政府决算", 2025, F, G, "", False, ""),
    # department scope: 人大常委会, 政协, 纪工委, 共青团 are units; a unit's 一般公共预算 table is the unit's
    ("平潭综合实验区人大常委会2026年部门预算", 2026, B, D, "平潭综合实验区人大常委会", False, ""),
    ("政协平潭综合实验区委员会2026年单位预算", 2026, B, D, "政协平潭综合实验区委员会", False, ""),
    ("2026年度中共平潭综合实验区纪工委预算", 2026, B, D, "中共平潭综合实验区纪工委", False, ""),
    ("共青团平潭综合实验区工作委员会2025年度决算", 2025, F, D, "共青团平潭综合实验区工作委员会", False, ""),
    ("平潭综合实验区教育局2026年一般公共预算支出表", 2026, B, D, "平潭综合实验区教育局", False, ""),
    ("2026年部门预算", 2026, B, D, "", False, ""),
    ("2026年度部门预算公开（平潭综合实验区教育局）", 2026, B, D, "平潭综合实验区教育局", False, ""),
    ("平潭综合实验区2024年度财政总决算", 2024, F, G, "", False, ""),
    # no unit, no region, no marker: scope unknown
    ("2026年预算", 2026, B, None, "", False, ""),
    # 三公经费
    ("2026年部门预算及“三公”经费预算公开", 2026, B, D, "", True, ""),
    ('2025年"三公"经费决算', 2025, F, None, "", True, ""),
    ("示范区教育局2025年度‘三公’经费决算", 2025, F, D, "示范区教育局", True, ""),
    ("示范区教育局2025年度「三公」经费预算", 2025, B, D, "示范区教育局", True, ""),
    ("2026年1-8月三公经费支出情况", 2026, None, None, "", True, "1-8月"),
    (
        "2026年1月至7月平潭综合实验区党工委党群工作部三公经费统计表",
        2026,
        None,
        D,
        "平潭综合实验区党工委党群工作部",
        True,
        "1-7月",
    ),
    (
        "2026年1月-4月平潭综合实验区交通与建设局三公经费统计表",
        2026,
        None,
        D,
        "平潭综合实验区交通与建设局",
        True,
        "1-4月",
    ),
    (
        "2026年1-1月平潭综合实验区行政审批局三公经费统计表",
        2026,
        None,
        D,
        "平潭综合实验区行政审批局",
        True,
        "1月",
    ),
    (
        "2026年5月平潭综合实验区交通与建设局三公经费统计表",
        2026,
        None,
        D,
        "平潭综合实验区交通与建设局",
        True,
        "5月",
    ),
    (
        "2025年1-12月平潭综合实验区城乡建设与交通运输服务中心三公经费统计表",
        2025,
        None,
        D,
        "平潭综合实验区城乡建设与交通运输服务中心",
        True,
        "1-12月",
    ),
    (
        "平潭综合实验区自然资源服务中心2026年1-3月三公经费统计表",
        2026,
        None,
        D,
        "平潭综合实验区自然资源服务中心",
        True,
        "1-3月",
    ),
    ("2026年第二季度示范区教育局三公经费支出情况", 2026, None, D, "示范区教育局", True, "4-6月"),
    # not fiscal documents, though they say 预算/决算
    ("2025年平潭综合实验区地方政府债务情况", 2025, None, None, "", False, ""),
    ("【政府债务预算公开】2023年平潭综合实验区地方政府债务情况", 2023, None, None, "", False, ""),
    ("2022年度平潭综合实验区（平潭县）财政决算地方债务情况", 2022, None, None, "", False, ""),
    ("平潭综合实验区2023年上半年直达资金预算执行和监控分析报告", 2023, None, None, "", False, "1-6月"),
    ("2024年1-6月预算执行情况", 2024, None, None, "", False, "1-6月"),
    ("关于印发《平潭综合实验区预算管理办法》的通知", None, None, None, "", False, ""),
    (
        "平潭综合实验区财政金融局关于下达2021年残疾人事业发展省级补助转移支付预算（第二批）公示",
        2021,
        None,
        None,
        "平潭综合实验区财政金融局",
        False,
        "",
    ),
    ("关于批准2024年决算的决议", 2024, None, None, "", False, ""),
    ("平潭综合实验区实验小学教学楼项目竣工决算审计报告", None, None, None, "", False, ""),
    ("2025年部门预算绩效目标管理工作要点", 2025, None, None, "", False, ""),
    # 预决算 (a column name) does not say which: documented as None
    ("2026年部门预决算公开", 2026, None, None, "", False, ""),
    # 区级 / 区本级 / 县级 name the government's own level, not a unit
    ("临江区2026年区级预算", 2026, "budget", "government", "", False, ""),
    ("2026年临江区区级财政预算公开", 2026, "budget", "government", "", False, ""),
    ("临江区2025年区本级决算公开", 2025, "final", "government", "", False, ""),
    ("2026年县级政府性基金预算", 2026, "budget", "government", "", False, ""),
    ("临江区2026年度区级一般公共预算“三公”经费预算情况说明", 2026, "budget", "government", "", True, ""),
    ("2026年平潭综合实验区本级预算", 2026, "budget", "government", "", False, ""),
    # the unit after a dash or colon, or as the leading tag; a page <title>'s site name is no unit
    ("2026年部门预算—临江区教育局", 2026, "budget", "department", "临江区教育局", False, ""),
    ("2026年部门预算公开：区教育局", 2026, "budget", "department", "区教育局", False, ""),
    ("【区教育局】2026年部门预算公开", 2026, "budget", "department", "区教育局", False, ""),
    ("临江区2026年预算公开-临江区人民政府门户网站", 2026, "budget", "government", "", False, ""),
    ("2026年部门预算-临江区人民政府", 2026, "budget", "department", "", False, ""),
    ("临江区2026年预算公开-临江区财政局", 2026, "budget", "government", "", False, ""),  # a department site's <title>
]


@pytest.mark.parametrize(("title", "year", "kind", "scope", "unit", "sangong", "period"), FISCAL_CASES)
def test_parse_fiscal_title(title, year, kind, scope, unit, sangong, period):
    assert parse_fiscal_title(title) == FiscalTitle(year, kind, scope, unit, sangong, period)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("２０２６ 年度（本级）", "2026年度（本级）"),
        ("二〇二五年", "2025年"),
        ("二零二四年度", "2024年度"),
        ("预单位算", "单位预算"),
        ("决部门算", "部门决算"),
        ("a (b)", "a（b）"),
    ],
)
def test_normalise_title(raw, expected):
    assert normalise_title(raw) == expected


def test_helpers():
    assert is_budget_document("2026年度平潭综合实验区急救中心单位预算")
    assert not is_budget_document("2024年1-6月预算执行情况")
    assert is_final_document("2025年一般公共预算决算表")
    assert not is_final_document("2026年度平潭综合实验区急救中心单位预算")
    assert is_debt_document("【政府债务决算公开】2021年度平潭综合实验区（平潭县）财政决算地方政府债务情况")
    assert not is_debt_document("2025年一般公共预算决算表")


@pytest.mark.parametrize(("title", "alone"), [
    ("临江区教育局2026年三公经费预算", True),
    ("临江区教育局2026年“三公”经费支出预算表", True),
    ("临江区2026年度区级一般公共预算“三公”经费预算情况说明", True),
    ("2026年1-8月平潭综合实验区自然资源服务中心三公经费统计表", True),
    ("临江区卫生健康委员会2026年度部门预算（含三公经费）", False),
    ("临江区教育局2026年部门预算及“三公”经费预算公开", False),
    ("临江区2026年预算及三公经费公开", False),
    ("2025年度部门决算及三公经费决算公开", False),
    ("临江区教育局2026年部门预算", False),
])
def test_is_sangong_only(title, alone):
    assert is_sangong_only(title) is alone


@pytest.mark.parametrize("title", _params(SGJF))
def test_real_sangong_statements_are_sangong_only(title):
    assert is_sangong_only(title)


@pytest.mark.parametrize(("text", "unit"), [
    ("临江区教育局", True), ("区卫健委", True), ("东城街道办事处（本级）", True),
    ("区妇联", True), ("临江区青少年宫", True), ("区委党校", True), ("团区委", True), ("区工商联", True),
    ("关于进一步做好预算公开的通知", False), ("部门预算公开说明", False), ("2026年部门预算", False),
])
def test_is_unit_name(text, unit):
    assert is_unit_name(text) is unit


@pytest.mark.parametrize(("title", "government"), [
    ("临江区人民政府2025年政府信息公开工作年度报告", True),
    ("2025年度临江区人民政府政府信息公开工作报告", True),
    ("临江区2023年政府信息公开年报", True),
    ("平潭综合实验区（平潭县）2025年政府信息公开年报", True),
    ("临江区人民政府信息公开指南（2026年修订）", True),
    ("临江区人民政府信息公开工作年度报告（2025年度）", True),
    ("2025年度政府信息公开工作年度报告", False),  # names nobody
    ("临江区人民政府办公室政府信息公开指南", False),
    ("临江区人民政府办公室2025年政府信息公开工作年度报告", False),
    ("临江区东城街道2025年政府信息公开年报", False),
    ("中共临江区委2025年政府信息公开年报", False),
])
def test_names_government(title, government):
    assert names_government(title) is government


ANNUAL_CASES = [
    ("示范区教育局2025年政府信息公开工作年度报告", 2025),
    ("2025年度政府信息公开工作报告", 2025),
    ("平潭综合实验区2024年政府信息公开年报", 2024),
    ("二〇二五年政府信息公开工作年度报告", 2025),
    ("示范区教育局关于2024年度政府信息公开工作的年度报告", 2024),
    ("政府信息公开工作年度报告（2025年）", 2025),
    ("２０２３年度政务公开工作年度报告", 2023),
    ("临江区教育局关于2025年度政府信息公开工作情况的报告", 2025),
    ("临江区教育局政府信息公开2025年度报告", 2025),
    ("临江区政务公开2024年年报", 2024),
    ("政府信息公开工作年度报告", None),  # no year: cannot say which
    ("2025年平潭综合实验区国民经济和社会发展统计公报", None),
    ("2025年政府信息公开工作总结", None),
    ("2026年部门预算", None),
    ("关于做好2025年政府信息公开工作年度报告编制工作的通知", None),
    ("国务院办公厅政府信息与政务公开办公室 关于政府信息公开工作年度报告有关事项的通知", None),
    ("关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知", None),
    ("2025年政府网站工作年度报表", None),
]


@pytest.mark.parametrize(("title", "year"), ANNUAL_CASES)
def test_parse_annual_report_year(title, year):
    assert parse_annual_report_year(title) == year


UNIT_CASES = [
    # the region prefix is optional on either side
    ("教育局", "示范区教育局", "", True),
    ("区教育局", "示范区教育局", "", True),
    ("示范区教育局2026年部门预算", "示范区教育局", "", True),
    ("示范区教育局2026年部门预算", "教育局", "", True),
    ("示范区教育局", "教育局", "示范区", True),
    ("2026年度平潭综合实验区急救中心单位预算", "急救中心", REGION, True),
    ("平潭综合实验区急救中心", "急救中心", "", True),
    ("平潭县闽剧团2024年度单位预算", "闽剧团", REGION, True),
    ("平潭县教育局", "平潭综合实验区教育局", [REGION, "平潭县"], True),
    ("2026年1-5月平潭综合执法与应急管理局三公经费统计表", "综合执法与应急管理局", REGION, True),
    ("平潭综合实验区社会事业局（本级）2024年度单位决算", "社会事业局", REGION, True),
    # abbreviations
    ("区卫健委2026年部门预算", "卫生健康委员会", "", True),
    ("卫生健康委", "卫健委", "", True),
    ("人社局", "人力资源和社会保障局", "", True),
    ("住建局", "住房和城乡建设局", "", True),
    ("住房城乡建设局", "住建局", "", True),
    ("发改委", "发展和改革委员会", "", True),
    ("应急局", "应急管理局", "", True),
    ("区市场监管局", "市场监督管理局", "", True),
    ("2026年1-3月平潭综合实验区市场监管局三公经费统计表", "市场监督管理局", REGION, True),
    ("城管局", "城市管理局", "", True),
    ("人大常委会", "人民代表大会常务委员会", "", True),
    ("财政局", "区财政局", "", True),
    # a sub-district's / township's documents name its office, the department list the place
    ("临江区东城街道办事处2026年部门预算", "东城街道", "", True),
    ("东城街道办2025年部门决算", "东城街道办事处", "", True),
    ("城关镇人民政府2026年部门预算", "城关镇", "", True),
    ("临江区东城街道办事处2026年部门预算", "西城街道", "", False),
    ("临江区人民政府办公室2026年部门预算", "区政府办公室", "", True),
    ("临江区人民政府办公室2026年部门预算", "区政府办", "", True),
    ("【区教育局】2025年政府信息公开工作年度报告", "教育局", "", True),
    ("【区教育局】2025年政府信息公开工作年度报告", "体育局", "", False),
    ("临江区人力资源和社会保障局2026年部门预算", "区人力社保局", "", True),
    ("临江区综合行政执法局", "区综合执法局", "", True),
    ("临江区经济和信息化局", "区经信局", "", True),
    ("临江区文化和广电旅游体育局", "区文广旅体局", "", True),
    ("临江区市场监督管理局", "区市监局", "", True),
    # a different department that merely shares a suffix
    ("教育局", "体育局", "", False),
    ("示范区教育局", "体育局", "", False),
    ("2024年度平潭综合实验区旅游与文化体育局单位预算", "体育局", REGION, False),
    ("平潭综合实验区中医院", "医院", REGION, False),
    ("平潭综合实验区医院", "中医院", REGION, False),
    ("平潭综合实验区自然资源服务中心", "自然资源与生态环境局", REGION, False),
    ("平潭综合实验区行政服务中心", "行政审批局", REGION, False),
    ("平潭综合实验区城乡建设与交通运输服务中心", "交通运输服务中心", "", False),
    ("卫健委", "人社局", "", False),
    ("民政局", "财政局", "", False),
    # another region's department: a prefix is optional only for this region when one is given
    ("福清市教育局", "教育局", REGION, False),
    ("福清市教育局", "教育局", "", True),
    # every listed unit is a department, whatever its organ word (issue 9): 群团, 事业单位, a party committee's 部
    ("临江区总工会2026年部门预算", "区总工会", "临江区", True),
    ("临江区妇女联合会2026年部门预算", "区妇联", "临江区", True),
    ("临江区归国华侨联合会2025年度部门决算", "区侨联", "临江区", True),
    ("临江区文学艺术界联合会2026年部门预算", "区文联", "临江区", True),
    ("临江区社会科学界联合会2026年部门预算", "区社科联", "临江区", True),
    ("临江区工商业联合会2026年部门预算", "区工商联", "临江区", True),
    ("临江区红十字会2026年部门预算", "区红十字会", "临江区", True),
    ("共青团临江区委员会2026年部门预算", "团区委", "临江区", True),
    ("共青团临江区委2025年度部门决算", "区团委", "临江区", True),
    ("共青团江北区委员会2026年部门预算", "团区委", "临江区", False),  # another district's
    ("中共临江区委党校2026年部门预算", "区委党校", "临江区", True),
    ("临江区融媒体中心2026年部门预算", "区融媒体中心", "临江区", True),
    ("临江区青少年宫2026年部门预算", "区青少年宫", "临江区", True),
    ("2026年1月至7月平潭综合实验区党工委党群工作部三公经费统计表", "党群工作部", REGION, True),
    ("中共临江区委政法和社会工作部2026年部门预算", "区委政法和社会工作部", "临江区", True),
    ("中共临江区委政法和社会工作部2026年部门预算", "区委社会工作部", "临江区", False),
    ("中共临江区委组织部2026年部门预算", "区委宣传部", "临江区", False),
    # a committee's office publishes the committee's budget; the government's office is not the government
    ("临江区人民代表大会常务委员会办公室2026年部门预算", "区人大常委会", "临江区", True),
    ("政协临江区委员会办公室2026年部门预算", "区政协", "临江区", True),
    ("中国人民政治协商会议临江区委员会2025年度部门决算", "政协临江区委员会", "临江区", True),
    ("临江区卫生健康委员会办公室2026年部门预算", "区卫健委", "临江区", True),
    ("政协临江区委员会办公室2026年部门预算", "区委", "临江区", False),
    ("临江区人民政府办公室2026年部门预算", "区人民政府", "临江区", False),
    # no unit at all
    ("关于示范区2025年预算执行情况与2026年预算草案的报告", "财政局", "", False),
    ("", "教育局", "", False),
    ("教育局", "", "", False),
]


@pytest.mark.parametrize(("text", "department", "region", "expected"), UNIT_CASES)
def test_unit_matches(text, department, region, expected):
    assert unit_matches(text, department, region) is expected


# ------------------------------------------------------------------------------------------ real data


def test_real_data_present():
    require(REAL_DATA)
    assert {DWYSGK, DWJSGK, SGJF, ZFXXGKZD, DEBT, ZXZJ, ZDJC} <= set(_all_files())


def _no_noise(unit: str) -> bool:
    return not re.search(r"\d|年|预算|决算|三公|\s", unit)


@pytest.mark.parametrize("title", _params(DWYSGK))
def test_real_unit_budgets(title):
    ft = parse_fiscal_title(title)
    assert ft.kind == "budget"
    assert ft.scope == "department"
    assert ft.year is not None and 2015 <= ft.year <= 2030
    assert ft.unit and _no_noise(ft.unit)
    assert ft.unit in normalise_title(title)
    assert not ft.sangong and ft.period == ""
    assert re.search(str(ft.year), normalise_title(title))


@pytest.mark.parametrize("title", _params(DWJSGK))
def test_real_unit_final_accounts(title):
    ft = parse_fiscal_title(title)
    assert ft.kind == "final"
    assert ft.scope == "department"
    assert ft.year is not None and 2015 <= ft.year <= 2030
    assert ft.unit and _no_noise(ft.unit)
    assert ft.unit in normalise_title(title)
    assert not ft.sangong and ft.period == ""


_RANGE_RE = re.compile(r"(\d{1,2})月?(?:-|至)(\d{1,2})月")
_MONTH_RE = re.compile(r"年(\d{1,2})月")


@pytest.mark.parametrize("title", _params(SGJF))
def test_real_sangong_statements(title):
    ft = parse_fiscal_title(title)
    assert ft.sangong
    # monthly execution statistics: neither 预算 nor 决算 (documented choice)
    assert ft.kind is None
    assert ft.scope == "department"
    assert ft.unit and _no_noise(ft.unit)
    assert ft.year in (2025, 2026)
    r = _RANGE_RE.search(title)
    if r:
        a, b = int(r.group(1)), int(r.group(2))
        assert ft.period == (f"{a}月" if a == b else f"{a}-{b}月")
    else:
        m = _MONTH_RE.search(title)
        assert m, title
        assert ft.period == f"{int(m.group(1))}月"


@pytest.mark.parametrize("title", _params(ZFXXGKZD))
def test_real_disclosure_rules_are_not_fiscal_nor_annual_reports(title):
    ft = parse_fiscal_title(title)
    assert ft.kind is None and ft.scope is None and not ft.sangong
    # none of these is an annual report, though two name 政府信息公开工作年度报告 (a notice, a format)
    assert parse_annual_report_year(title) is None


@pytest.mark.parametrize("title", _params(DEBT))
def test_real_government_debt(title):
    ft = parse_fiscal_title(title)
    # documented choice: a debt statement is not the budget/final accounts, even under a
    # 【政府债务预算公开】/【政府债务决算公开】 tag or when it says 财政决算地方债务情况
    assert ft.kind is None
    assert is_debt_document(title)
    assert not is_budget_document(title) and not is_final_document(title)
    assert ft.year is not None and 2015 <= ft.year <= 2030


@pytest.mark.parametrize("title", _params(ZXZJ))
def test_real_special_funds(title):
    ft = parse_fiscal_title(title)
    # allocations (下达…预算/预算指标), rules, 绩效评价, 公积金计划（草案）: none is a budget document
    assert ft.kind is None and ft.scope is None and not ft.sangong


@pytest.mark.parametrize("title", _params(ZDJC))
def test_real_direct_funds_monitoring(title):
    ft = parse_fiscal_title(title)
    # 直达资金 预算执行和监控分析报告: execution monitoring, not a budget
    assert ft.kind is None and ft.scope is None and not ft.sangong
    assert ft.unit == ""
    m = re.search(r"(20\d\d)年(?:(\d{1,2})月|(\d{1,2})-(\d{1,2})月|上半年)", title)
    if m:
        assert ft.year == int(m.group(1))
        if m.group(2):
            assert ft.period == f"{int(m.group(2))}月"
        elif m.group(3):
            assert ft.period == f"{int(m.group(3))}-{int(m.group(4))}月"
        else:
            assert ft.period == "1-6月"


def test_real_rows_selected_years():
    """Spot checks of the odd rows: space in the year, no 年度, the 预单位算 typo, 预算 without 单位."""
    by_title = {t: parse_fiscal_title(t) for t in _rows(DWYSGK)}
    assert by_title["2026 年度平潭综合实验区海洋与渔业执法支队单位预算"].year == 2026
    assert by_title["2026年平潭岚城新区中心幼儿园预单位算"].unit == "平潭岚城新区中心幼儿园"
    assert by_title["2026年度平潭海坛幼儿园预算"].unit == "平潭海坛幼儿园"
    assert by_title["平潭县闽剧团2024年度单位预算"].unit == "平潭县闽剧团"
    assert by_title["2026年度苏澳镇中心幼儿园单位预算"].unit == "苏澳镇中心幼儿园"


_PREFIX_RE = re.compile(r"^(?:平潭综合实验区|平潭县|平潭)")


@pytest.mark.parametrize("listed", ["党群工作部", "党工委党群工作部", "平潭综合实验区党工委党群工作部"])
def test_real_statements_of_a_party_department_are_its_own(listed):
    """The party working committee's 党群工作部, however the department index lists it, is credited with its real
    三公经费 statements (2026年1月至7月平潭综合实验区党工委党群工作部三公经费统计表 …) and with nobody else's."""
    titles = _rows(SGJF)
    own = [t for t in titles if "党群工作部" in t]
    assert len(own) >= 5
    assert all(unit_matches(t, listed, [REGION, "平潭县"]) for t in own)
    assert not any(unit_matches(t, listed, [REGION, "平潭县"]) for t in titles if t not in own)


@pytest.mark.parametrize("name", [DWYSGK, DWJSGK, SGJF])
def test_real_titles_match_only_their_own_unit(name):
    """Every title names exactly its own unit among all the units of its channel (no suffix collisions:
    中医院/医院, 南海卫生院/南海乡卫生院, 城关幼儿园/城关第二幼儿园, 旅游与文化体育局 …)."""
    titles = _rows(name)
    departments = sorted({_PREFIX_RE.sub("", parse_fiscal_title(t).unit) for t in titles})
    assert len(departments) >= 5
    for title in titles:
        own = _PREFIX_RE.sub("", parse_fiscal_title(title).unit)
        matched = [d for d in departments if unit_matches(title, d, [REGION, "平潭县"])]
        assert matched == [own], title
