"""The identity footer and the national meta tags."""

from __future__ import annotations

import pytest

from crawler.extract.dom import make_soup
from crawler.extract.identity import extract_identity
from crawler.extract.meta import read_meta
from crawler.extract.regions import footer_elements


def identity_of(footer: str, body: str = "", footer_class: str = "footer"):
    html = (
        f'<html><body><div class="main">{body}</div><div class="{footer_class}">{footer}</div></body></html>'
    )
    return extract_identity(make_soup(html))


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        ("网站标识码：1200000052", "1200000052"),
        ("政府网站标识码：3609000002", "3609000002"),
        ("网站标识码 1304000009 ", "1304000009"),
        ("网站标识码:3609220011 赣ICP备11002306号-1", "3609220011"),
        ("标识码：<span>3609220011</span>", "3609220011"),
        ("网站标识码：36092200", ""),  # 8 digits is not a site code
        ("网站标识码：360922001122", ""),  # nor 12
    ],
)
def test_site_code(footer: str, expected: str) -> None:
    assert identity_of(footer).site_code == expected


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        ("冀ICP备05029117号-1", "冀ICP备05029117号-1"),
        ('<a href="https://beian.miit.gov.cn/">赣ICP备06000141号</a>', "赣ICP备06000141号"),
        ("ICP备案号：辽ICP备05000000号－2", "辽ICP备05000000号-2"),
        ("京ICP备 12345678号 - 3", "京ICP备12345678号-3"),
        ("京icp备12345678号", "京ICP备12345678号"),
        ("备案号：无", ""),
    ],
)
def test_icp(footer: str, expected: str) -> None:
    assert identity_of(footer).icp == expected


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        ("赣公网安备 36092202000105号", "赣公网安备36092202000105号"),
        ('<a href="#"><img src="ga.png"> 冀公网安备 13042002000523号</a>', "冀公网安备13042002000523号"),
        ("京公网安备11010502030143号", "京公网安备11010502030143号"),
        ("辽公网安备 2112 0202 0000 00号", ""),  # spaces inside the number are not a known form
    ],
)
def test_police_record(footer: str, expected: str) -> None:
    assert identity_of(footer).police_record == expected


@pytest.mark.parametrize(
    ("footer", "sponsor", "organizer"),
    [
        (
            "主办：万载县人民政府  承办：万载县人民政府办公室<br> 赣ICP备11002306号-1",
            "万载县人民政府",
            "万载县人民政府办公室",
        ),
        (
            "<p>主办：宜春市人民政府\u3000承办：宜春市人民政府办公室</p>",
            "宜春市人民政府",
            "宜春市人民政府办公室",
        ),
        ("<p>主办单位： 邯郸市人民政府办公室 </p>", "邯郸市人民政府办公室", ""),
        (
            "主办单位：示例区人民政府办公室 | 承办单位：示例区大数据中心 | 技术支持：某公司",
            "示例区人民政府办公室",
            "示例区大数据中心",
        ),
        ("主办：示例县人民政府承办：示例县信息中心", "示例县人民政府", "示例县信息中心"),
        ('<a href="/cbjy/">承办建议提案工作</a>', "", ""),  # a navigation link, not a label
    ],
)
def test_sponsor_and_organizer(footer: str, sponsor: str, organizer: str) -> None:
    found = identity_of(footer)
    assert (found.sponsor, found.organizer) == (sponsor, organizer)


def test_phone_and_address() -> None:
    found = identity_of("联系电话：024-12345678 地址：示例区人民路1号 邮编：110000 更新时间：2026-03-18")
    assert (found.phone, found.address) == ("024-12345678", "示例区人民路1号")


def test_footer_wins_over_the_article() -> None:
    body = "<p>本次活动主办单位：某协会。咨询电话：010-99999999。</p>" + "<p>正文内容。</p>" * 5
    found = identity_of("主办单位：示例区人民政府 电话：024-12345678", body=body)
    assert (found.sponsor, found.phone) == ("示例区人民政府", "024-12345678")


def test_without_a_footer_element_the_page_tail_is_read() -> None:
    html = (
        "<html><body>"
        + "<p>正文内容很长。</p>" * 400
        + "<div>主办：示例区人民政府 网站标识码：2101000001</div></body></html>"
    )
    found = extract_identity(make_soup(html))
    assert (found.sponsor, found.site_code) == ("示例区人民政府", "2101000001")


def test_article_mentions_far_from_the_tail_are_not_the_sponsor() -> None:
    html = "<html><body><p>本次活动主办单位：某协会</p>" + "<p>正文内容很长。</p>" * 400 + "</body></html>"
    assert extract_identity(make_soup(html)).sponsor == ""


@pytest.mark.parametrize(
    ("footer", "seal", "error_report"),
    [
        (
            '<a href="https://bszs.conac.cn/sitename?method=show&amp;id=1"><img src="red.png"></a>',
            True,
            False,
        ),
        ('<img src="http://dcs.conac.cn/image/red.png">', True, False),
        (
            '<span id="_ideConac"></span><script src="http://dcs.conac.cn/js/05/107/CA05.js"></script>',
            True,
            False,
        ),
        (
            "<script>document.write(unescape(\"%3Cscript src='http://dcs.conac.cn/js/x.js'%3E\"));</script>",
            True,
            False,
        ),
        (
            '<script id="_jiucuo_" sitecode="3609220011" src="jiucuo.js"></script><span id="_span_jiucuo"></span>',
            False,
            True,
        ),
        ('<img src="red.png" alt="党政机关">', False, False),
    ],
)
def test_conac_seal_and_error_report_widget(footer: str, seal: bool, error_report: bool) -> None:
    found = identity_of(footer)
    assert (found.conac_seal, found.error_report) == (seal, error_report)


def test_empty_page_has_empty_identity() -> None:
    found = extract_identity(make_soup(""))
    assert (found.site_code, found.icp, found.sponsor, found.conac_seal) == ("", "", "", False)


def test_read_meta_national_tags_first_occurrence_wins() -> None:
    html = """<html><head>
    <meta name="SiteName" content="万载县人民政府">
    <meta name="sitename" content="second one">
    <meta name="SiteIDCode" content=" 3609220011 ">
    <meta name="ColumnName" content="统计公报">
    <meta name="ContentSource" content="">
    <meta name="keywords" content="not national">
    <meta content="no name">
    </head><body><meta name="PubDate" content="2022-04-24 10:00:43"></body></html>"""
    assert read_meta(make_soup(html)) == {
        "SiteName": "万载县人民政府",
        "SiteIDCode": "3609220011",
        "ColumnName": "统计公报",
        "ContentSource": "",
        "PubDate": "2022-04-24 10:00:43",
    }


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        ("网站标识码：bm17000009", "bm17000009"),  # a State Council department's site
        ("网站标识码BM01000001 京ICP备05070218号", "bm01000001"),
        ("网站识别码：3502000012", "3502000012"),
        ("网站标识码：bm170000091", ""),  # too long
        ("网站标识码：bm1700000", ""),  # too short
        ("识别号：3502000012", ""),  # not the label
    ],
)
def test_site_code_variants(footer: str, expected: str) -> None:
    assert identity_of(footer).site_code == expected


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        ("闽公网安备：35092202000000号", "闽公网安备35092202000000号"),
        ("冀公网安备： 13030202002230", "冀公网安备13030202002230号"),
        ("京公网安备号：11010202000001", "京公网安备11010202000001号"),
        ("京公网安备 110102020000011234号", ""),  # 18 digits: not a record number
        ("公安机关备案号：43010302000524", "公安机关备案号43010302000524"),  # no province character
        ("公安备案号 11010502030143", "公安备案号11010502030143"),
        ("公安备案号：1101050203014", ""),  # 13 digits
    ],
)
def test_police_record_variants(footer: str, expected: str) -> None:
    assert identity_of(footer).police_record == expected


def test_phone_drops_the_bracket_of_a_trailing_note() -> None:
    assert identity_of("举报电话：0000-0000000(工作时间)").phone == "0000-0000000"
    assert identity_of("联系电话：0000-3100000（工作日）").phone == "0000-3100000"
    assert identity_of("联系电话：(0000)3100000").phone == "(0000)3100000"


@pytest.mark.parametrize(("footer_class", "found"), [("dibu", True), ("weibu_wrap", True), ("main", False)])
def test_footer_named_in_pinyin(footer_class: str, found: bool) -> None:
    html = f'<html><body><div class="main">正文</div><div class="{footer_class}">主办：示例区</div></body></html>'
    assert bool(footer_elements(make_soup(html))) is found


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<div id="footer"></div><script src="/js/footer.js"></script>', True),
        ('<div class="bottom"></div><script>$(".bottom").load("/include/bottom.html");</script>', True),
        ('<iframe src="/inc/foot.shtml" width="100%"></iframe>', True),
        # the footer is there: whatever scripts it also loads, what it shows is read
        ('<div class="footer">网站标识码：1200000052</div><script src="/js/footer.js"></script>', False),
        ('<div class="footer"></div><script src="/js/jquery.min.js"></script>', False),  # no footer script
    ],
)
def test_footer_loaded_by_script(html: str, expected: bool) -> None:
    assert extract_identity(make_soup(f"<html><body><p>正文</p>{html}</body></html>")).footer_by_script is expected
