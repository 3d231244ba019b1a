"""Issue 9, ``govaudit inspect`` on a page with two dates: the date it shows and the one its PubDate meta tag
says are both shown, with their sources; list entries say where their year came from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govaudit.inspect import inspect_page, inspect_target, render_text

REAL_PAGES = Path(__file__).resolve().parents[2] / "shared" / "real-pages"
TODAY = date(2026, 3, 20)
HTML = """<html><head><meta name="PubDate" content="2025-01-02 09:30:00"></head><body>
<h1>区政府召开常务会议</h1><div class="info">日期：2024-05-30</div><p>正文</p>
<ul><li><a href="/zwgk/201807/t20180711_1.html">二〇一八年的一条工作动态</a><span>[11-25]</span></li>
<li><a href="/zwgk/gzdt/2.html">没有年份的一条工作动态</a><span>[03-15]</span></li></ul></body></html>"""


def test_inspect_shows_both_dates_of_a_page_with_their_sources() -> None:
    report = inspect_page(HTML, "http://www.example.gov.cn/zwgk/gzdt/1.html", TODAY)
    assert report["shown_date"] == {"date": "2024-05-30", "source": "label:日期", "raw": "2024-05-30"}
    assert report["meta_date"] == {"date": "2025-01-02", "source": "meta:PubDate", "raw": "2025-01-02 09:30:00"}
    assert report["date_conflict"] is True
    assert [(e["date"], e["date_source"], e["url_date"], e["date_conflict"]) for e in report["entries"]] == [
        ("2018-11-25", "url_year", "2018-07-11", True),
        ("2026-03-15", "as_of", "", False),
    ]
    text = render_text({**report, "encoding": "utf-8", "blocked": False})
    for expected in ("页面显示    2024-05-30（来源：label:日期）", "元数据日期   2025-01-02（来源：meta:PubDate）",
                     "日期不一致", "年份按审计日期推定", "网址日期 2018-07-11 不一致"):
        assert expected in text, (expected, text)


def test_inspect_of_the_real_page_whose_meta_tag_says_another_date() -> None:
    if not REAL_PAGES.is_dir():
        pytest.skip("../shared/real-pages is not here")
    report = inspect_target(str(REAL_PAGES / "wanzai-county" / "tjgb-2015-article.html"), today=TODAY)
    assert (report["shown_date"]["date"], report["shown_date"]["source"]) == ("2017-05-15", "label:发布日期")
    assert (report["meta_date"]["date"], report["meta_date"]["source"]) == ("2022-04-24", "meta:PubDate")
    assert report["date_conflict"] is True
    assert "日期不一致：页面显示 2017-05-15（label:发布日期），元数据 2022-04-24（meta:PubDate）" in render_text(report)
