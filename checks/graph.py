"""One run's link graph in memory, shaped as the database keeps it (crawler.linkgraph): each distinct chunk of links
once, and each page as the tuple of its chunks. The navigation every page repeats is held (and examined) once, so
memory and the checks' work grow with what the pages hold of their own, not with pages × navigation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Link:
    from_url: str
    to_url: str
    anchor: str
    kind: str


class LinkGraph:
    def __init__(self, db: Any, run_id: int, page_order: list[str], share: Callable[[str], str] = str) -> None:
        urls = {i: share(u) for i, u in db.execute("select id, url from urls where run_id = ?", [run_id])}
        index: dict[int, int] = {}
        chunks: list[list[Link]] = []
        for key, to_id, anchor, kind in db.execute(
                "select chunk, to_id, anchor, kind from link_chunks where run_id = ? order by chunk, pos", [run_id]):
            at = index.get(key)
            if at is None:
                at = index[key] = len(chunks)
                chunks.append([])
            chunks[at].append(Link("", urls.get(to_id, ""), share(anchor or ""), share(kind or "")))
        self.chunks: list[tuple[Link, ...]] = [tuple(c) for c in chunks]
        by_page: dict[str, list[int]] = defaultdict(list)
        for from_id, key in db.execute("select from_id, chunk from page_links where run_id = ? order by from_id, pos",
                                       [run_id]):
            if (at := index.get(key)) is not None:
                by_page[urls.get(from_id, "")].append(at)
        self.page_chunks: dict[str, tuple[int, ...]] = {url: tuple(c) for url, c in by_page.items()}
        # the pages in the order the checks go through them (Facts.pages), then pages with links but no row
        self.order: list[str] = list(page_order)
        known = set(self.order)
        self.order += sorted(u for u in self.page_chunks if u not in known)
        self.rank: dict[str, int] = {url: i for i, url in enumerate(self.order)}
        self._chunk_pages: list[list[int]] | None = None
        self._by_anchor: dict[str, list[int]] | None = None

    # -- one page ----------------------------------------------------------------------------------------------

    def of(self, url: str, *, forms: bool = False) -> list[Link]:
        """The page's links (or with ``forms``, its search forms), in document order, each with its page."""
        return [Link(url, lk.to_url, lk.anchor, lk.kind) for c in self.page_chunks.get(url, ())
                for lk in self.chunks[c] if (lk.kind == "form") == forms]

    def has_any(self, url: str) -> bool:
        return url in self.page_chunks  # a stored chunk holds at least one link

    # -- across pages ------------------------------------------------------------------------------------------

    @property
    def chunk_pages(self) -> list[list[int]]:
        """For each chunk, the pages showing it (their ranks, ascending)."""
        if self._chunk_pages is None:
            pages: list[list[int]] = [[] for _ in self.chunks]
            for rank, url in enumerate(self.order):
                for c in self.page_chunks.get(url, ()):
                    pages[c].append(rank)
            self._chunk_pages = pages
        return self._chunk_pages

    @property
    def by_anchor(self) -> dict[str, list[int]]:
        """Each link text, and the chunks holding a link with it."""
        if self._by_anchor is None:
            found: dict[str, list[int]] = defaultdict(list)
            for c, chunk in enumerate(self.chunks):
                for anchor in {lk.anchor for lk in chunk}:
                    found[anchor].append(c)
            self._by_anchor = dict(found)
        return self._by_anchor

    def first_page(self, chunk: int, accept: Callable[[str], bool] | None = None) -> str | None:
        """The first page (in the checks' order) that shows the chunk and that ``accept`` takes."""
        for rank in self.chunk_pages[chunk]:
            url = self.order[rank]
            if accept is None or accept(url):
                return url
        return None

    def pages_showing(self, chunks: set[int]) -> Iterator[tuple[str, int]]:
        """(page, chunk) for every page showing one of these chunks, in the checks' order."""
        for url in self.order:
            for c in self.page_chunks.get(url, ()):
                if c in chunks:
                    yield url, c
