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
