"""Departments read from a portal's 部门信息公开 navigation."""

from __future__ import annotations

import pytest

from crawler.extract.departments import department_root, find_departments, is_department_index
from crawler.extract.model import Link

HOSTS = {"www.qu.gov.cn", "jyj.qu.gov.cn"}
PAGE = "http://www.qu.gov.cn/bmxxgk/index.html"


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("http://www.qu.gov.cn/bm/jyj/index.html", "http://www.qu.gov.cn/bm/jyj/"),
        ("http://www.qu.gov.cn/bm/jyj/", "http://www.qu.gov.cn/bm/jyj/"),
        ("http://jyj.qu.gov.cn/", "http://jyj.qu.gov.cn/"),
    ],
)
def test_department_root(url: str, root: str) -> None:
    assert department_root(url) == root


def test_units_are_found_and_sections_and_flat_pages_are_not() -> None:
    links = [
        Link("http://www.qu.gov.cn/bm/jyj/index.html", "区教育局"),
        Link("http://jyj.qu.gov.cn/", "区卫生健康委员会"),
        Link("http://www.qu.gov.cn/bm/zwfw/index.html", "区政务服务中心"),
        Link("http://www.qu.gov.cn/xwzx/index.html", "新闻中心"),  # a portal section
        Link("http://www.qu.gov.cn/bmxxgk/mzj.html", "区民政局"),  # flat page in the index's own folder
        Link("http://www.other.gov.cn/bm/x/", "区财政局"),  # another site
        Link("http://www.qu.gov.cn/zwgk/", "政务公开"),  # not a unit name
    ]
    found = dict(find_departments(PAGE, links, HOSTS))
    assert found == {
        "区教育局": "http://www.qu.gov.cn/bm/jyj/",
        "区卫生健康委员会": "http://jyj.qu.gov.cn/",
        "区政务服务中心": "http://www.qu.gov.cn/bm/zwfw/",
    }


@pytest.mark.parametrize(
    ("column", "title", "expected"),
    [("部门信息公开", "", True), ("", "政府机构 - 某区", True), ("新闻中心", "要闻", False)],
)
def test_department_index(column: str, title: str, expected: bool) -> None:
    assert is_department_index(column, title) is expected


# every unit on the index is a department, whatever its organ word (issue 9)
UNITS_OF_EVERY_KIND = [
    "区总工会", "区妇联", "临江区妇女联合会", "团区委", "共青团临江区委员会", "区残联", "区侨联", "区科协", "区文联",
    "区社科联", "区红十字会", "区工商联",  # 群团组织
    "区委党校", "区老年大学", "区青少年宫", "区融媒体中心",  # 事业单位
    "区委党群工作部", "区委政法和社会工作部", "区人大常委会", "区政协",  # a party committee's 部, 人大, 政协
]


def test_units_of_every_organ_word_are_found() -> None:
    links = [Link(f"http://www.qu.gov.cn/bm/u{i}/index.html", name) for i, name in enumerate(UNITS_OF_EVERY_KIND)]
    links += [Link("http://www.qu.gov.cn/xwzx/index.html", "新闻中心"), Link("http://www.qu.gov.cn/mtzx/", "媒体中心"),
              Link("http://www.qu.gov.cn/wzdt/", "网站地图"), Link("http://www.qu.gov.cn/zwgk/", "政务公开")]
    found = dict(find_departments(PAGE, links, HOSTS))
    assert sorted(found) == sorted(UNITS_OF_EVERY_KIND)


@pytest.mark.parametrize("title", ["群团组织", "事业单位信息公开"])
def test_indexes_of_groups_and_public_institutions(title: str) -> None:
    assert is_department_index("", title)
