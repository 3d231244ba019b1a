"""Word documents (.docx, via python-docx) in the shape a 政务公开办 sends: A4, 仿宋/黑体, a centred title,
tables with a header row, the issuing office and date at the foot. Shared by ``reports.notices`` (整改通知书)
and ``reports.bulletin`` (检查情况通报). Text goes in as plain runs, so nothing scraped is ever interpreted.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

BODY_FONT, TITLE_FONT = "仿宋", "黑体"
DEFAULT_ISSUER = "政务公开办"
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def file_name(text: str) -> str:
    """A unit's or district's name as a file name (what Windows and WPS refuse is replaced)."""
    return _NOT_IN_NAMES.sub("_", text).strip(" .") or "未命名"


def _east_asian(style_or_run, font: str) -> None:
    style_or_run.font.name = font
    rpr = style_or_run.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), font)


def new_document(*, landscape: bool = False) -> DocumentObject:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(25 if not landscape else 20))
    section.top_margin = section.bottom_margin = Mm(25 if not landscape else 18)
    normal = doc.styles["Normal"]
    _east_asian(normal, BODY_FONT)
    normal.font.size = Pt(12)
    return doc


def title(doc: DocumentObject, text: str) -> Paragraph:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    _east_asian(run, TITLE_FONT)
    run.font.size, run.bold = Pt(20), True
    return p


def heading(doc: DocumentObject, text: str) -> Paragraph:
    p = doc.add_paragraph()
    run = p.add_run(text)
    _east_asian(run, TITLE_FONT)
    run.font.size, run.bold = Pt(14), True
    return p


def paragraph(doc: DocumentObject, text: str, *, indent: bool = True) -> Paragraph:
    p = doc.add_paragraph(text)
    if indent:
        p.paragraph_format.first_line_indent = Pt(24)
    return p


def hyperlink(p: Paragraph, url: str) -> None:
    """A clickable link for a plain web address; anything else stays plain text."""
    if not _WEB_URL.fullmatch(url):
        p.add_run(url)
        return
    r_id = p.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = p.add_run(url)
    run.font.color.rgb, run.font.underline = RGBColor(0x1E, 0x5F, 0xB3), True
    link.append(run._r)  # the run moves inside the hyperlink element
    p._p.append(link)


def table(doc: DocumentObject, headers: list[str], rows: list[list[str]], *, widths_mm: list[float] | None = None,
          links: int | None = None) -> Table:
    """A bordered table with a bold, repeated header row; column ``links`` holds URLs, one per line."""
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    header = t.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for values in rows:
        cells = t.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            if i == links:
                lines = [u for u in text.splitlines() if u] or [""]
                cell.text = ""
                for k, url in enumerate(lines):
                    hyperlink(cell.paragraphs[0] if k == 0 else cell.add_paragraph(), url)
            else:
                cell.text = text
    if widths_mm:
        for row in t.rows:
            for cell, w in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(w)
    for row in t.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(10.5)
    return t


def signature(doc: DocumentObject, issuer: str, day: str) -> None:
    """The issuing office and the date, right-aligned at the foot."""
    doc.add_paragraph()
    for text in (issuer, day):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def save(doc: DocumentObject, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def chinese_date(iso: str) -> str:
    """2026-11-27 → 2026年11月27日."""
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"
