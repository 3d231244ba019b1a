"""Issue 9, identity as the page gives it: ICP numbers written with a colon, a footer written by an inline
``document.write``, a ColumnName meta tag that holds the site's name or the article's title."""

from __future__ import annotations

import pytest

from crawler.extract.columns import extract_column
from crawler.extract.dom import make_soup
from crawler.extract.identity import extract_identity


def identity_of(footer: str):
    return extract_identity(make_soup(f"<html><body><p>正文</p><div class='footer'>{footer}</div></body></html>"))


@pytest.mark.parametrize(
    ("footer", "icp"),
    [
        ("主办单位：某某区人民政府 蜀ICP备：19007388号 网站标识码：5101000001", "蜀ICP备19007388号"),
        ("蜀ICP备:19007388号-3", "蜀ICP备19007388号-3"),
        ("ICP备案号：蜀ICP备 ：19007388号", "蜀ICP备19007388号"),
        ("鲁ICP备 05038584号", "鲁ICP备05038584号"),
        ("鄂ICP备19031037-2号", "鄂ICP备19031037号-2"),
        ("京ICP证：030173号", "京ICP证030173号"),
    ],
)
def test_icp_numbers_written_with_a_colon_or_a_space_are_read(footer: str, icp: str) -> None:
    assert identity_of(footer).icp == icp


WRITTEN_FOOTER = """<div class="footer"><script type="text/javascript">
document.write('<p>主办单位：某某市人民政府办公厅 &nbsp;网站标识码：4201000001</p>');
document.write("<p>鄂ICP备19031037-2号 <a href=\\"http://www.beian.gov.cn/\\">鄂公网安备 42010202000001号</a></p>");
document.writeln('<p>地址：某某市江岸区' + '沿江大道188号 电话：027-00000000<\\/p>');
</script></div>"""


def test_a_footer_written_by_document_write_is_read_from_the_string_and_marked_as_drawn_by_script() -> None:
    found = extract_identity(make_soup(f"<html><body><p>正文</p>{WRITTEN_FOOTER}</body></html>"))
    assert (found.site_code, found.icp, found.police_record) == (
        "4201000001", "鄂ICP备19031037号-2", "鄂公网安备42010202000001号")
    assert found.sponsor == "某某市人民政府办公厅"
    assert found.address == "某某市江岸区沿江大道188号"
    assert found.phone == "027-00000000"
    assert found.footer_by_script is True


def test_a_shown_footer_is_not_marked_as_drawn_by_script_because_a_script_writes_something_else() -> None:
    html = ("<html><body><p>正文</p><div class='footer'>网站标识码：4201000001 鄂ICP备19031037号-2"
            "<script>document.write('<span>访问量：1234</span>')</script></div></body></html>")
    found = extract_identity(make_soup(html))
    assert (found.site_code, found.footer_by_script) == ("4201000001", False)


def column_of(head: str, body: str) -> tuple[str, list[str], str]:
    return extract_column(make_soup(f"<html><head>{head}</head><body>{body}</body></html>"))


SITE = "<meta name='SiteName' content='武汉市人民政府门户网站'>"
NAV = "<div class='nav'><a href='/'>首页</a><a href='/xwzx/whdt/'>武汉动态</a><a href='/zwgk/'>政务公开</a></div>"
CRUMB = "<div class='position'>当前位置：<a href='/'>首页</a> &gt; <a href='/xwzx/'>新闻中心</a> &gt; <a>武汉动态</a></div>"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (  # the site's name glued to the column: the breadcrumb says which column
            SITE + "<meta name='ColumnName' content='武汉市人民政府门户网站武汉动态'>",
            NAV + CRUMB,
            ("武汉动态", ["新闻中心", "武汉动态"], "breadcrumb"),
        ),
        (  # … without a breadcrumb, the navigation does
            SITE + "<meta name='ColumnName' content='武汉市人民政府门户网站武汉动态'>",
            NAV,
            ("武汉动态", ["武汉动态"], "nav"),
        ),
        (  # … the site's name read from the <title> when the SiteName tag is missing
            "<title>武汉动态_武汉市人民政府门户网站</title><meta name='ColumnName' content='武汉市人民政府门户网站武汉动态'>",
            NAV,
            ("武汉动态", ["武汉动态"], "nav"),
        ),
        (  # the article's own title in ColumnName: the breadcrumb's column
            SITE + "<meta name='ArticleTitle' content='市政府召开第十次常务会议'>"
            "<meta name='ColumnName' content='市政府召开第十次常务会议'>",
            NAV + CRUMB,
            ("武汉动态", ["新闻中心", "武汉动态"], "breadcrumb"),
        ),
        (  # … and with nothing to say which column, none is invented
            SITE + "<meta name='ArticleTitle' content='市政府召开第十次常务会议'>"
            "<meta name='ColumnName' content='市政府召开第十次常务会议'>",
            "<p>正文</p>",
            ("", [], ""),
        ),
        (  # a ColumnName that is a column stays the page's column, whatever the breadcrumb's last item
            SITE + "<meta name='ColumnName' content='武汉动态'>",
            NAV + CRUMB.replace("武汉动态</a>", "区县动态</a>"),
            ("武汉动态", ["新闻中心", "区县动态"], "meta"),
        ),
        (  # the site-wide name alone (a 政府信息公开 platform's own name) is left as it is
            "<meta name='SiteName' content='邯郸市政府信息公开'><meta name='ColumnName' content='邯郸市政府信息公开'>",
            NAV,
            ("邯郸市政府信息公开", ["邯郸市政府信息公开"], "meta"),
        ),
    ],
)
def test_a_column_name_meta_holding_the_site_name_or_the_title_is_checked_against_breadcrumb_and_nav(
    head: str, body: str, expected: tuple[str, list[str], str]
) -> None:
    assert column_of(head, body) == expected
