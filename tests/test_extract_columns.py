"""Column name and path: ColumnName meta, breadcrumb forms, <title> fallback."""

from __future__ import annotations

import pytest

from crawler.extract.columns import column_from_title, extract_column, find_breadcrumb, split_breadcrumb
from crawler.extract.dom import make_soup


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<div>当前位置：首页 &gt; 政务公开 &gt; 通知公告</div>", ["政务公开", "通知公告"]),
        (
            "<div>您的位置: <a href='/'>首页</a> » <a>政务公开</a> » <a>通知公告</a></div>",
            ["政务公开", "通知公告"],
        ),
        ("<div>您现在的位置：网站首页 / 信息公开 / 财政预决算</div>", ["信息公开", "财政预决算"]),
        (
            "<h2>您当前所在位置：<a>首页</a>&gt;<a>政务公开</a>&gt;<a><span>统计数据</span></a></h2>",
            ["政务公开", "统计数据"],
        ),
        ("<div>当前位置：<a>主页</a> › <a>互动交流</a> › <a>领导信箱</a></div>", ["互动交流", "领导信箱"]),
        ("<td>当前位置：首页 -&gt; 政策文件 -&gt; 规范性文件</td>", ["政策文件", "规范性文件"]),
        ("<p><span>当前位置：</span><a>首页</a> &gt; <a>工作动态</a></p>", ["工作动态"]),
        (
            "<div class='crumb'><a>网站首页</a>&gt;<a>数据开放</a>&gt;<a>统计信息</a></div>",
            ["数据开放", "统计信息"],
        ),
        (
            "<div id='dqwz'><a>首页</a> &gt;&gt; <a>信息公开</a> &gt;&gt; 正文</div>",
            ["信息公开"],
        ),  # 正文 dropped
        (
            "<ol class='breadcrumb'><li><a>首页</a></li><li><a>政务公开</a></li><li>重点领域</li></ol>",
            ["政务公开", "重点领域"],
        ),  # separators drawn by CSS
        (
            "<div class='position'>首页 &gt; 要闻动态 &gt; 区政府召开第十次常务会议部署近期重点工作任务</div>",
            ["要闻动态"],
        ),  # a long last item is the article's title
        (
            "<div><a class='CurrChnlCls'>首页</a>-&gt;<a class='CurrChnlCls'>政府文件</a>-&gt;"
            "<a class='CurrChnlCls'>近期信息公开</a></div>",
            ["政府文件", "近期信息公开"],
        ),  # TRS channel path
        ("<div class='main'>首页 &gt; 没有前缀也没有类名</div>", []),
        ("<p>办公位置：区政府大楼三楼</p>", []),
        ("<div>您现在的位置是：首页 &gt; 办事服务</div>", ["办事服务"]),
        (
            "<div>您所在的位置：<a>首页</a> <img src='arrow.gif'> <a>政务公开</a> <img src='arrow.gif'>"
            " <a>通知公告</a></div>",
            ["政务公开", "通知公告"],
        ),  # separators drawn as images
        (
            "<div>当前位置：<a>政务公开</a><img src='a.gif'><a>通知公告</a></div>",
            ["政务公开 通知公告"],
        ),  # without text separators or a leading 首页 the links are not told apart (as before)
        ("<div>您的位置：<a>首页</a> 欢迎访问示例县人民政府网站 今天是2026年3月20日 星期五</div>", []),
        ("<div>您的位置：<a>首页</a> <a>设为首页</a> <a>加入收藏</a> 今天是星期五</div>", []),
        ("<div>当前位置：首页 欢迎访问示例县人民政府网站 星期五</div>", []),  # a greeting, not a path
        (  # separators drawn by CSS on empty <i>s: the links run together in the text
            "<div class='crumbs'><span>当前位置：</span><a>首页</a><i class='sep'></i><a>新闻中心</a>"
            "<i class='sep'></i><a>部门动态</a></div>",
            ["新闻中心", "部门动态"],
        ),
        ("<div>当前位置：首页新闻中心部门动态</div>", []),  # run together without links: not split
        (
            "<div><span>当前位置：</span><span>首页</span><img src='a.gif'><span>政务公开</span></div>",
            ["政务公开"],
        ),
        (
            "<div>当前位置：<span>首页</span><img src='a.gif'><span>政务公开</span><img src='a.gif'>"
            "<span>部门动态</span></div>",
            ["政务公开", "部门动态"],
        ),  # image separators between plain text
        ("<div>当前位置：<a>首页</a>＞<a>政务公开</a>＞<a>人事信息</a></div>", ["政务公开", "人事信息"]),
        ("<div>当前位置: 首页 » 政府信息公开 » 部门决算</div>", ["政府信息公开", "部门决算"]),
        (
            "<div class='ewb-location'>当前的位置：<a>首页 </a>&gt; <span><a>新闻中心</a></span> &gt; "
            "<span>工作动态</span></div>",
            ["新闻中心", "工作动态"],
        ),
        ("<div>当前位置：区政府大楼三楼 办公室</div>", []),  # no separator, no links, not a path
        ("<div>当前位置：首页 - 政务公开 - 政府文件</div>", ["政务公开", "政府文件"]),  # dashes between spaces
        ("<div>当前位置：首页 —&gt; 政务公开 —&gt; 通知公告</div>", ["政务公开", "通知公告"]),
        ("<div class='wz'>位置：<a>首页</a> &gt; <a>新闻中心</a> &gt; <a>图片新闻</a></div>", ["新闻中心", "图片新闻"]),
        ("<div class='location'>位置：首页 &gt; 新闻中心</div>", ["新闻中心"]),
        ("<div><p>位置：区政府大楼三楼 <a href='/map'>地图</a></p></div>", []),  # an address, not a path
        ("<div>当前位置：首页 &gt; 2026-03 &gt; 工作动态</div>", ["2026-03", "工作动态"]),  # a dash inside a name
        ("<div class='position-relative'>搜索 / 高级搜索</div>", []),  # a CSS utility class
        ("", []),
    ],
)
def test_find_breadcrumb(body: str, expected: list[str]) -> None:
    assert find_breadcrumb(make_soup(f"<html><body>{body}</body></html>")).items == expected


def test_breadcrumb_drops_the_article_title() -> None:
    html = """<html><head><meta name="ArticleTitle" content="关于开展评议的通知"></head>
    <body><div>当前位置：首页 > 通知公告 > 关于开展评议的通知</div></body></html>"""
    assert find_breadcrumb(make_soup(html)).items == ["通知公告"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("首页>政务公开>部门信息公开目录>统计局", ["政务公开", "部门信息公开目录", "统计局"]),
        ("  首页  >  A  >  B  ", ["A", "B"]),
        ("首页", []),
        ("A > " + "很长" * 30, ["A"]),
    ],
)
def test_split_breadcrumb(text: str, expected: list[str]) -> None:
    assert split_breadcrumb(text) == expected


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # meta only: the path is the meta name
        ('<meta name="ColumnName" content="通知公告">', "", ("通知公告", ["通知公告"], "meta")),
        # breadcrumb only
        (
            "",
            "<div>当前位置：首页 > 政务公开 > 通知公告</div>",
            ("通知公告", ["政务公开", "通知公告"], "breadcrumb"),
        ),
        # both: name from the meta, path as the breadcrumb shows it (even when they disagree)
        (
            '<meta name="ColumnName" content="统计数据">',
            "<div>当前位置：首页 > 政务公开 > 统计局 > 统计数据</div>",
            ("统计数据", ["政务公开", "统计局", "统计数据"], "meta"),
        ),
        (
            '<meta name="ColumnName" content="邯郸市政府信息公开">',
            "<div>当前位置：首页 > 政府文件 > 近期信息公开</div>",
            ("邯郸市政府信息公开", ["政府文件", "近期信息公开"], "meta"),
        ),
        # title fallback: first part, the site name skipped
        ("<title>工作动态 - 示例区人民政府</title>", "", ("工作动态", ["工作动态"], "title")),
        ("<title>工作动态_示例区人民政府</title>", "", ("工作动态", ["工作动态"], "title")),
        (
            '<meta name="SiteName" content="示例区人民政府"><title>示例区人民政府 | 通知公告</title>',
            "",
            ("通知公告", ["通知公告"], "title"),
        ),
        ("", "<p>nothing</p>", ("", [], "")),
    ],
)
def test_extract_column(head: str, body: str, expected: tuple[str, list[str], str]) -> None:
    soup = make_soup(f"<html><head>{head}</head><body>{body}</body></html>")
    assert extract_column(soup) == expected


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("通知公告 - 示例区人民政府", "", "通知公告"),
        ("通知公告|示例区人民政府", "", "通知公告"),
        ("示例区人民政府", "示例区人民政府", "示例区人民政府"),
        ("COVID-19 防控", "", "COVID-19 防控"),  # a hyphen inside a word is no separator
        ("", "", ""),
    ],
)
def test_column_from_title(title: str, site: str, expected: str) -> None:
    assert column_from_title(title, site) == expected
