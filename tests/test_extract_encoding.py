"""Decoding page bytes: GBK family read as GB18030, labels from header or meta, detection when they lie."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from crawler.extract.encoding import decode_html, normalise_label

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"

TEXT = "邯郸市人民政府办公室关于印发《全市教育系统安全专项整治三年行动实施方案》的通知，发布日期：2020年08月02日。"
# 镕 is in GBK but not in GB2312: a page labelled gb2312 still decodes (as GB18030, the superset)
TEXT_BEYOND_GB2312 = "朱镕基同志视察工作，提出明确要求。"


def page(body_text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>测试页面</title></head><body><p>{body_text}</p></body></html>"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        ("x-gbk", "gb18030"),
        ("cp936", "gb18030"),
        ("GB18030", "gb18030"),
        ("utf8", "utf-8"),
        ("UTF-8", "utf-8"),
        ('"utf-8"', "utf-8"),
        ("big5", "big5"),
        ("no-such-charset", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_label(label: str | None, expected: str | None) -> None:
    assert normalise_label(label) == expected


@pytest.mark.parametrize(
    ("raw_encoding", "content_type", "meta", "expected"),
    [
        ("gbk", "text/html; charset=GBK", "", "gb18030"),  # header
        ("gbk", "text/html; charset=gb2312", "", "gb18030"),
        (
            "gbk",
            "text/html",
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            "gb18030",
        ),
        ("gbk", None, '<meta charset="gbk">', "gb18030"),  # meta charset
        ("gbk", None, "", "gb18030"),  # no label at all: detection
        ("gbk", "text/html; charset=utf-8", "", "gb18030"),  # mislabelled header
        ("gbk", None, '<meta charset="utf-8">', "gb18030"),  # mislabelled meta
        ("gbk", "text/html; charset=ISO-8859-1", "", "gb18030"),  # a server default, not a fact
        ("utf-8", "text/html; charset=gbk", "", "utf-8"),  # valid UTF-8 labelled gbk
        ("utf-8", None, '<meta charset="gb2312">', "utf-8"),
        ("utf-8", None, "", "utf-8"),
        ("gb18030", "text/html; charset=gb18030", "", "gb18030"),
    ],
)
def test_decode_html(raw_encoding: str, content_type: str | None, meta: str, expected: str) -> None:
    html = page(TEXT, meta)
    text, used = decode_html(html.encode(raw_encoding), content_type)
    assert used == expected
    assert TEXT in text


def test_gb2312_label_decodes_gbk_only_characters() -> None:
    body = page(TEXT_BEYOND_GB2312, '<meta charset="gb2312">').encode("gbk")
    text, used = decode_html(body, "text/html; charset=gb2312")
    assert used == "gb18030"
    assert TEXT_BEYOND_GB2312 in text


def test_header_may_be_bytes() -> None:
    text, used = decode_html(page(TEXT).encode("gbk"), b"text/html; charset=GBK")  # type: ignore[arg-type]
    assert used == "gb18030" and TEXT in text


def test_fixture_with_meta_gb2312() -> None:
    html = (FIXTURES / "info_table_article.html").read_text(encoding="utf-8")
    text, used = decode_html(html.encode("gb18030"))
    assert used == "gb18030"
    assert "行政事业性收费目录清单" in text


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b"", None, ("", "utf-8")),
        (b"<html>plain ascii</html>", None, ("<html>plain ascii</html>", "utf-8")),
        (b"<html>plain ascii</html>", "text/html; charset=gbk", ("<html>plain ascii</html>", "gb18030")),
        ("\ufeff<p>中文</p>".encode(), "text/html; charset=gbk", ("<p>中文</p>", "utf-8")),  # BOM wins
    ],
)
def test_decode_edge_cases(body: bytes, content_type: str | None, expected: tuple[str, str]) -> None:
    assert decode_html(body, content_type) == expected


def test_decode_never_raises_on_garbage() -> None:
    rng = random.Random(7)
    for size in (1, 2, 3, 17, 500, 5000):
        body = bytes(rng.randrange(256) for _ in range(size))
        text, used = decode_html(body, "text/html; charset=utf-8")
        assert isinstance(text, str) and used
