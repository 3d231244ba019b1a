"""The metadata table of 信息公开目录 documents (索引号, 发布机构, 生成日期, 公开方式, 公开时限, 责任部门 …).

It comes as a <table>, a <dl> of label/value pairs or plain ``<p><strong>索引号</strong>：…</p>`` lines;
labels may be spaced out ("索 引 号："). We find the 索引号 label, climb to the smallest ancestor that holds the
most known labels, and split that block's text at the labels.
"""

from __future__ import annotations

import re
from itertools import islice

from crawler.extract.dom import Doc, Element, cached, collapse, find_first
from crawler.extract.text import page_text, text_of

KNOWN_LABELS = (
    "索引号",
    "信息索引号",
    "发布机构",
    "公开机构",
    "发文机关",
    "生成日期",
    "成文日期",
    "发文日期",
    "发布日期",
    "公开日期",
    "文号",
    "发文字号",
    "文件编号",
    "主题分类",
    "体裁分类",
    "组配分类",
    "服务对象分类",
    "信息分类",
    "分类",
    "公开方式",
    "公开形式",
    "公开时限",
    "公开范围",
    "公开程序",
    "责任部门",
    "有效性",
    "效力状态",
    "失效日期",
    "名称",
    "标题",
    "主题词",
    "关键词",
    "信息来源",
)
_LABEL_ALT = "|".join(r"\s*".join(label) for label in sorted(KNOWN_LABELS, key=len, reverse=True))
# A label is followed by a colon, or is a whole table cell (handled by splitting on cell boundaries below).
_PAIR_RE = re.compile(rf"(?<![\u4e00-\u9fff])(?P<label>{_LABEL_ALT})\s*[:：]")
_INDEX_LABEL_RE = re.compile(r"索\s*引\s*号")
_TRAILING_COLONS_RE = re.compile(r"[\s:：]+$")
_MAX_BLOCK_CHARS = 2500
_MAX_VALUE_CHARS = 200
_MAX_CLIMB = 7
_MAX_TRIES = 5  # 索引号 occurrences examined


def _squeeze(text: str) -> str:
    """text without any whitespace."""
    return "".join(text.split())


def find_info_table(doc: Doc) -> dict[str, str]:
    """Label → value of the page's 索引号 metadata block (labels without spaces or colons); {} if none."""
    return cached(doc, "info_table", lambda: _find(doc))


def _find(doc: Doc) -> dict[str, str]:
    text = page_text(doc)
    for m in islice(_INDEX_LABEL_RE.finditer(text.text), _MAX_TRIES):
        node = text.node_at(m.start())  # the element holding the 索引号 string
        if node is None:
            continue
        block = _best_block(node, doc)
        if block is None:
            continue
        block_text = text_of(block, doc=doc)
        pairs = _pairs_from_text(block_text) if _PAIR_RE.search(block_text) else {}
        if len(pairs) < 2:
            pairs = _pairs_from_cells(block, doc) or pairs
        if "索引号" in pairs or "信息索引号" in pairs:
            if "信息索引号" in pairs and "索引号" not in pairs:
                pairs["索引号"] = pairs["信息索引号"]
            return pairs
    return {}


def _label_count(text: str) -> int:
    """How many known labels a block holds: "label：" forms, else bare table-cell labels (3+ characters)."""
    with_colon = {_squeeze(m.group("label")) for m in _PAIR_RE.finditer(text)}
    if with_colon:
        return len(with_colon)
    squeezed = _squeeze(text)
    return sum(1 for label in KNOWN_LABELS if len(label) > 2 and label in squeezed)


def _best_block(start: Element, doc: Doc | None = None) -> Element | None:
    """The ancestor (within a few levels) holding the most labels while staying small."""
    best: Element | None = None
    best_count = 0
    node: Element | None = start
    for _ in range(_MAX_CLIMB):
        if node is None or node.tag in ("body", "html"):
            break
        block_text = text_of(node, limit=_MAX_BLOCK_CHARS + 1, doc=doc)
        if len(block_text) > _MAX_BLOCK_CHARS:
            break
        count = _label_count(block_text)
        if count > best_count:
            best, best_count = node, count
        node = node.getparent()
    return best if best_count >= 2 else None


def _clean_value(value: str) -> str:
    value = collapse(value).strip(" :：;；|")
    return value[:_MAX_VALUE_CHARS]


# A label this table's list does not know still ends the value before it: "2026-03-12 所属主题：农业".
_UNKNOWN_LABEL_RE = re.compile(r"\s[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,5}\s*[:：]")


def _pairs_from_text(block_text: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    matches = list(_PAIR_RE.finditer(block_text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(block_text)
        label = _squeeze(m.group("label"))
        unknown = _UNKNOWN_LABEL_RE.search(block_text, m.end(), end)
        if unknown is not None:
            end = unknown.start()
        value = _clean_value(block_text[m.end() : end])
        if label not in pairs:
            pairs[label] = value
    return pairs


_KNOWN = set(KNOWN_LABELS)


_CELL_TAGS = ("td", "th", "dt", "dd", "span", "label", "div", "strong", "b")
_OUTER_CELL_TAGS = ("td", "th", "dt", "dd", "div")


def _pairs_from_cells(block: Element, doc: Doc | None = None) -> dict[str, str]:
    """<td>索引号</td><td>…</td> style tables: a cell that is exactly a label names the next cell."""
    cells = [
        _TRAILING_COLONS_RE.sub("", text_of(cell, limit=_MAX_VALUE_CHARS * 2, doc=doc))
        for cell in block.iterdescendants(*_CELL_TAGS)
        if find_first(cell, _OUTER_CELL_TAGS) is None
    ]
    pairs: dict[str, str] = {}
    for i, cell in enumerate(cells[:-1]):
        label = _squeeze(cell)
        if label in _KNOWN and label not in pairs:
            value = cells[i + 1]
            if _squeeze(value) not in _KNOWN:
                pairs[label] = _clean_value(value)
    return pairs
