"""The report's first screen (reports.summary, templates/glance.html): verdict and score as a badge, the counts
of failed 单项否决 / 扣分 items and of unknowns, a bar chart of the points taken per indicator, the largest gaps
and each unit's score — read from the rendered HTML as a reader sees it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from reports.build import build_report
from reports.charts import bar_chart
from reports.render import render_html
from tests.findings_db import audit_db, finding

EDU = "示例区教育局"
HOSTILE = '<img src=x onerror="alert(1)">局'


def first_screen(findings, **kw) -> BeautifulSoup:
    db, run_id = audit_db(findings, **kw)
    soup = BeautifulSoup(render_html(build_report(db, run_id)), "html.parser")
    glance = soup.select_one("section#glance")
    assert glance is not None
    # the glance comes before every detail section
    assert all(glance.sourceline < s.sourceline for s in soup.select("main section"))
    return glance


def words(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


SCORED = [
    finding("UPD-COL-01", "failed", "首页栏目“部门动态”"),  # 发布解读 −5
    finding("FIS-GOV-02", "failed", "示例区人民政府 2025年政府决算"),  # 发布解读 −3
    finding("INT-RECENT-01", "failed", "留言答复更新"),  # 互动交流 −3
    finding("LNK-HOME-01", "failed", "首页链接“专题”"),  # 功能设计 −1
    finding("GK-AR-02", "failed", f"{EDU} 2025年年报", EDU),  # 发布解读 −1
    finding("FIS-DEPT-01", "unknown", f"{EDU} 2026年部门预算", EDU),
    finding("GK-GUIDE-01", "unknown", "政府信息公开指南"),
    finding("SVC-01", "passed", "政务服务"),
]


def test_scored_run_shows_badge_counts_chart_gaps_and_units() -> None:
    g = first_screen(SCORED)
    badge = g.select_one(".badge")
    assert badge["data-verdict"] == "合格" and words(badge) == "合格 87 分"  # 100 − 13
    counts = {li["class"][1]: int(li["data-count"]) for li in g.select("li.count")}
    assert counts == {"count-veto": 0, "count-deduct": 5, "count-unknown": 2}
    bars = [(r["data-label"], r["data-value"]) for r in g.select("svg.bars rect.bar")]
    assert bars == [("发布解读", "9"), ("互动交流", "3"), ("功能设计", "1")]
    widths = [float(r["width"]) for r in g.select("svg.bars rect.bar")]
    assert widths[0] == pytest.approx(3 * widths[1], rel=0.01) == pytest.approx(9 * widths[2], rel=0.01)
    tops = [li["data-check"] for li in g.select("ol.top-gaps li.top-gap")]
    assert tops == ["UPD-COL-01", "FIS-GOV-02", "INT-RECENT-01", "GK-AR-02", "LNK-HOME-01"]  # ties: report order
    assert "−5 分" in words(g.select_one("li.top-gap"))
    # unknowns are counted, never listed among the gaps
    assert "FIS-DEPT-01" not in words(g) and "GK-GUIDE-01" not in words(g)
    units = {tr["data-department"]: words(tr) for tr in g.select("table.glance-units tr")}
    assert units == {"": "本级政府 合格 88 4 项问题", EDU: f"{EDU} 合格 99 1 项问题"}


def test_more_gaps_than_listed_link_to_the_details() -> None:
    many = [finding("LNK-HOME-01", "failed", f"首页链接“专题{i}”") for i in range(7)]
    g = first_screen(many)
    assert len(g.select("li.top-gap")) == 5
    more = g.select_one("p.more a")
    assert more["href"] == "#failed" and "另有 2 项" in words(more)


def test_a_failed_veto_shows_no_score_and_charts_gaps_by_category() -> None:
    g = first_screen([finding("SVC-01", "failed", "政务服务"), *SCORED[:3]])
    badge = g.select_one(".badge")
    assert badge["data-verdict"] == "不合格" and "badge-fail" in badge["class"]
    assert "不计分（单项否决）" in words(badge)
    assert int(g.select_one("li.count-veto")["data-count"]) == 1
    assert g.select_one("li.top-gap")["data-check"] == "SVC-01"  # the veto first
    svg = g.select_one("svg.bars")
    assert svg["data-metric"] == "问题数"
    assert {r["data-label"]: r["data-value"] for r in svg.select("rect.bar")} == {
        "办事服务": "1", "内容更新": "1", "财政预决算": "1", "互动回应": "1"}


def test_an_unscored_run_says_so_and_still_counts() -> None:
    g = first_screen(SCORED, scored=False)
    assert words(g.select_one(".badge")) == "未评分"
    assert int(g.select_one("li.count-deduct")["data-count"]) == 5
    assert g.select_one("svg.bars")["data-metric"] == "问题数"
    assert not g.select("td.unit-score")


def test_a_clean_run_has_no_bars_and_no_gaps() -> None:
    g = first_screen([finding("SVC-01", "passed", "政务服务")])
    assert words(g.select_one(".badge")) == "合格 100 分"
    assert not g.select("svg.bars") and not g.select("li.top-gap")


def test_scraped_text_on_the_first_screen_is_escaped() -> None:
    g = first_screen([finding("GK-AR-02", "failed", HOSTILE, HOSTILE)])
    assert not g.find_all("img")
    assert HOSTILE in words(g.select_one("li.top-gap"))
    assert g.select_one("table.glance-units th", string=HOSTILE) is not None


def test_bar_chart_geometry() -> None:
    assert bar_chart([("a", 0)], "扣分") is None
    chart = bar_chart([("b", 2), ("a", 8), ("c", 0)], "扣分", width=300, left=100, value_room=40)
    assert [b.label for b in chart.bars] == ["a", "b"]
    assert chart.bars[0].width == 160 and chart.bars[1].width == 40
    assert chart.bars[1].y > chart.bars[0].y and chart.height >= chart.bars[1].y + chart.bar_height
