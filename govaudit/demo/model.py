"""The demo site's columns and items, before they are rendered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Attachment:
    label: str  # link text, e.g. 示范区2026年一般公共预算收支表.xls
    data: bytes

    @property
    def ext(self) -> str:
        return self.label.rsplit(".", 1)[1]


@dataclass
class Column:
    name: str
    path: str  # URL directory, e.g. /xwzx/ywdt/
    crumbs: list[tuple[str, str]]  # ancestors (label, href), outermost first, without 首页
    sidebar: str = ""  # key of the left navigation to show
    description: str = ""
    publisher: str = ""  # 发布机构 of its items
    gk: bool = False  # items carry the 信息公开 metadata table (索引号, 生成日期 …)
    items: list[Item] = field(default_factory=list)

    @property
    def href(self) -> str:
        return self.path + "index.html"


@dataclass
class Item:
    id: int
    title: str
    day: date
    time: str  # HH:MM:SS
    column: Column
    source: str  # ContentSource / 来源
    paragraphs: list[str]
    attachments: list[Attachment] = field(default_factory=list)
    doc_no: str = ""  # 文号
    html: str = ""  # extra trusted body HTML (tables, guide elements)
    fixed_path: str = ""  # for single-page columns such as a 指南: the page's own path
    formed: date | None = None  # 成文日期, shown in the 信息公开 metadata table when set
    bare_meta: bool = False  # the page lacks the article meta tags (a planted gap)

    @property
    def path(self) -> str:
        if self.fixed_path:
            return self.fixed_path
        return f"{self.column.path}{self.day:%Y%m}/t{self.day:%Y%m%d}_{self.id}.html"

    def attachment_path(self, k: int) -> str:
        """TRS names files P0 + date + a serial, next to the article."""
        folder = self.path.rsplit("/", 1)[0]
        return f"{folder}/P0{self.day:%Y%m%d}{self.id:08d}{k:04d}.{self.attachments[k].ext}"

    @property
    def index_no(self) -> str:
        return f"11211299MB{self.column.path.count('/'):02d}/{self.day.year}-{self.id % 1000000:07d}"
