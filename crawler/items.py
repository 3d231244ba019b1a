"""Items the spider yields: one per page (with what the page shows), one per department found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageItem:
    """A URL the crawler tried, with the rows it yields for each table."""

    page: dict[str, Any]
    links: list[dict[str, Any]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DepartmentItem:
    name: str
    root_url: str
    source: str  # nav | config
