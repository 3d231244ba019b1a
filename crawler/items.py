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


@dataclass
class AttachmentCheck:
    """What a HEAD (or ranged GET) of an attachment answered; applied to every ``attachments`` row of its URL."""

    url: str
    status: int | None
    size: int | None
    content_type: str
    error: str
    method: str  # HEAD | GET-range
    final_url: str
    note: str = ""
