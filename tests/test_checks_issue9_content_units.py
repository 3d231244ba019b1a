"""Issue 9, item 9: every listed unit is a department, whatever its organ word, and is credited with its own
documents: 群团 (团区委 = 共青团…委员会), the 人大 and 政协 (their office publishes their budget), a party
committee's 部."""

from __future__ import annotations

import pytest

from checks.model import Status
from tests.fakecrawl import complete_site

# (the unit as the department index lists it, the name its documents give)
UNITS = [
    ("团区委", "共青团测试区委员会"),
    ("区人大常委会", "测试区人民代表大会常务委员会办公室"),
    ("区政协", "政协测试区委员会办公室"),
    ("区妇联", "测试区妇女联合会"),
    ("区工商联", "测试区工商业联合会"),
    ("区委党群工作部", "中共测试区委党群工作部"),
    ("区融媒体中心", "测试区融媒体中心"),
]


def units_with_budgets_in_the_central_list():
    crawl = complete_site()
    for i, (listed, full) in enumerate(UNITS):
        crawl.department(listed, f"/bm/u{i}/")
        crawl.page(f"/bm/u{i}/", column=listed, department=listed, anchor=listed)
        for year, kind in ((2026, "预算"), (2025, "决算")):
            title = f"{full}{year}年部门{kind}"
            path = f"/zwgk/czyjs/u{i}{kind}.html"
            crawl.entry("/zwgk/czyjs/", path, title, "2026-09-20", column="财政预决算")
            crawl.page(path, kind="article", title=title, pub_date="2026-09-20", column="财政预决算", text=title)
    return crawl


@pytest.mark.parametrize("check_id", ["FIS-DEPT-01", "FIS-DEPT-02"])
def test_each_unit_is_credited_with_its_budget_filed_under_its_full_name(check_id: str) -> None:
    crawl = units_with_budgets_in_the_central_list()
    found = {f.department: f.status for f in crawl.run(check_id)}
    assert {listed: found[listed] for listed, _ in UNITS} == {listed: Status.PASSED for listed, _ in UNITS}


def test_a_unit_is_not_credited_with_another_units_budget() -> None:
    crawl = units_with_budgets_in_the_central_list()
    crawl.department("区委", "/bm/qw/")  # the party committee itself: 政协's office is not its office
    crawl.page("/bm/qw/", column="区委", department="区委", anchor="区委")
    [finding] = [f for f in crawl.run("FIS-DEPT-01") if f.department == "区委"]
    assert finding.status == Status.FAILED, finding.message
