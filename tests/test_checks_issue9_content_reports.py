"""Issue 9, item 6: the rules apply by the year they apply to (GK-AR-04/05).

The headings and tables of 国办公开办函〔2021〕30号 apply to reports on 2021 and later (profile
``annual_report.format_from_year``); an older report is judged for presence and date only.
"""

from __future__ import annotations

import pytest

from checks.model import Status
from checks.profile import load_profile, merge
from tests.fakecrawl import HEADINGS, TABLES, FakeCrawl

# the headings of the format in use before 2021 (国办公开办函〔2019〕60号 and earlier): not those of 30号
OLD_FORMAT = ("一、概述 二、主动公开政府信息的情况 三、依申请公开政府信息情况 四、政府信息公开的收费及减免情况 "
              "五、因政府信息公开申请行政复议、提起行政诉讼的情况 六、政府信息公开工作存在的主要问题及改进情况 七、其他需要报告的事项")


def district(as_of: str, reports: dict[int, str]) -> FakeCrawl:
    crawl = FakeCrawl(as_of)
    crawl.page("/zwgk/gknb/", column="政府信息公开年报", column_path=["政府信息公开", "政府信息公开年报"], kind="list")
    for year, text in reports.items():
        title = f"测试区人民政府{year}年政府信息公开工作年度报告"
        crawl.entry("/zwgk/gknb/", f"/zwgk/gknb/{year}.html", title, f"{year + 1}-03-20", column="政府信息公开年报")
        crawl.page(f"/zwgk/gknb/{year}.html", kind="article", title=title, pub_date=f"{year + 1}-03-20",
                   column="政府信息公开年报", text=f"{title} {text}")
    return crawl


@pytest.mark.parametrize("check_id", ["GK-AR-04", "GK-AR-05"])
def test_a_report_older_than_the_format_is_not_judged_by_it(check_id: str) -> None:
    crawl = district("2021-06-01", {2020: OLD_FORMAT, 2019: OLD_FORMAT})  # the due report is on 2020
    [finding] = crawl.run(check_id)
    assert finding.status == Status.UNKNOWN, finding.message
    assert "2020年度" in finding.message and "2021" in finding.message
    assert [f.status for f in crawl.run("GK-AR-01")] == [Status.PASSED]  # judged for presence and date


@pytest.mark.parametrize("check_id", ["GK-AR-04", "GK-AR-05"])
def test_reports_from_the_formats_first_year_are_judged_by_it(check_id: str) -> None:
    crawl = district("2022-06-01", {2021: OLD_FORMAT, 2020: OLD_FORMAT})
    [finding] = crawl.run(check_id)
    assert finding.status == Status.FAILED and "2021年" in finding.subject, finding.message
    crawl = district("2022-06-01", {2021: f"{HEADINGS} {TABLES}", 2020: OLD_FORMAT})
    assert [f.status for f in crawl.run(check_id)] == [Status.PASSED]


def test_the_formats_first_year_is_configurable() -> None:
    crawl = district("2022-06-01", {2021: OLD_FORMAT})
    profile = merge(load_profile(), {"annual_report": {"format_from_year": 2022}})
    assert [f.status for f in crawl.run("GK-AR-04", profile)] == [Status.UNKNOWN]


def test_an_older_report_does_not_stand_in_for_a_newer_missing_one() -> None:
    crawl = district("2023-06-01", {2020: OLD_FORMAT})  # 2022 and 2021 missing: GK-AR-01/03 say so
    [finding] = crawl.run("GK-AR-04")
    assert finding.status == Status.UNKNOWN and "2020年度" in finding.message, finding.message
    assert [f.status for f in crawl.run("GK-AR-01")] == [Status.FAILED]
