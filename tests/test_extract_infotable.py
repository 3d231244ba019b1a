"""The 索引号 metadata block of 信息公开目录 documents, in the shapes real CMSs give it."""

from __future__ import annotations

import pytest

from crawler.extract.dom import make_soup
from crawler.extract.infotable import find_info_table


def table_of(body: str) -> dict[str, str]:
    return find_info_table(
        make_soup(f"<html><body>{body}<div class='content'><p>正文。</p></div></body></html>")
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # cells that are exactly a label, four per row
            "<table><tr><td>索 引 号</td><td>000014349/2026-00031</td><td>发布机构</td><td>示例区财政局</td></tr>"
            "<tr><td>生成日期</td><td>2026-03-02</td><td>公开方式</td><td>主动公开</td></tr></table>",
            {
                "索引号": "000014349/2026-00031",
                "发布机构": "示例区财政局",
                "生成日期": "2026-03-02",
                "公开方式": "主动公开",
            },
        ),
        (  # th labels with colons, bold
            "<table><tr><th><b>索　引　号：</b></th><td>000014349/2026-00031</td></tr>"
            "<tr><th><b>发文机关：</b></th><td>示例区人民政府</td></tr>"
            "<tr><th><b>标　　题：</b></th><td>关于示例的通知</td></tr></table>",
            {"索引号": "000014349/2026-00031", "发文机关": "示例区人民政府", "标题": "关于示例的通知"},
        ),
        (  # dl/dt/dd
            "<div class='xxgk'><dl><dt>索引号：</dt><dd>11510000MB0/2026-00088</dd></dl>"
            "<dl><dt>成文日期：</dt><dd>2026年03月06日</dd></dl><dl><dt>发布日期：</dt><dd>2026年03月09日</dd></dl></div>",
            {"索引号": "11510000MB0/2026-00088", "成文日期": "2026年03月06日", "发布日期": "2026年03月09日"},
        ),
        (  # div rows of label and value spans
            "<div class='meta'><div class='row'><span class='l'>索引号：</span><span>FJ001-2026-0012</span></div>"
            "<div class='row'><span class='l'>主题分类：</span><span>财政</span></div>"
            "<div class='row'><span class='l'>公开时限：</span><span>常年公开</span></div></div>",
            {"索引号": "FJ001-2026-0012", "主题分类": "财政", "公开时限": "常年公开"},
        ),
        (  # li lines with strong labels, one label the table does not know
            "<ul><li><strong>索 引 号：</strong>FJ35092-0200-2026-00012</li><li><strong>生成日期：</strong>2026-03-12</li>"
            "<li><strong>所属主题：</strong>农业</li><li><strong>有 效 性：</strong>有效</li></ul>",
            {"索引号": "FJ35092-0200-2026-00012", "生成日期": "2026-03-12", "有效性": "有效"},
        ),
        (  # 信息索引号 also gives the 索引号
            "<p>信息索引号：XX-2026-001　发布机构：示例局　公开日期：2026-03-01</p>",
            {
                "信息索引号": "XX-2026-001",
                "索引号": "XX-2026-001",
                "发布机构": "示例局",
                "公开日期": "2026-03-01",
            },
        ),
    ],
)
def test_info_table_shapes(body: str, expected: dict[str, str]) -> None:
    table = table_of(body)
    assert {label: table.get(label) for label in expected} == expected


def test_unknown_label_ends_the_value_before_it() -> None:
    table = table_of(
        "<div><p>索引号：FJ-2026-1 生成日期：2026-03-12 所属主题：农业、畜牧业 公开方式：主动公开</p></div>"
    )
    assert table["生成日期"] == "2026-03-12"
    assert table["公开方式"] == "主动公开"
    assert "所属主题" not in table  # not a known label: left out, not guessed


def test_a_value_with_a_colon_of_its_own_is_kept() -> None:
    table = table_of("<p>索引号：FJ-2026-1　标题：图解：示例市民生实事　发布机构：示例局</p>")
    assert table["标题"] == "图解：示例市民生实事"


def test_no_index_number_no_table() -> None:
    assert (
        table_of(
            "<table><tr><td>发布机构</td><td>示例局</td><td>生成日期</td><td>2026-03-01</td></tr></table>"
        )
        == {}
    )
