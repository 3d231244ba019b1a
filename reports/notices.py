"""整改通知书: one Word document per unit with a gap, from a stored audit.

A gap is a failed 单项否决 or 扣分 finding (what the CI gate and the score count; 建议 items are advice, not
gaps). Each notice names its addressee (the department, or the district government itself for its own
items), lists the gaps with the rule (the check's title), the citation, the evidence links, the dates seen
and the date the gap was first found, and gives a 整改期限: a gap the baseline accepted keeps the baseline's
deadline; every other gap gets the one asked for (``--deadline``), by default ``DEFAULT_DAYS`` after the
audit's as-of date. What could not be decided is listed apart, as 待核实 — never as a gap — and a unit with
nothing but unknowns gets no notice. Nothing is decided here: statuses come from the audit database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlite_utils import Database

from checks.baseline import ACCEPTED, OVERDUE
from checks.model import Severity
from reports import worddoc
from reports.build import build_report
from reports.model import FindingRow, ReportData

DEFAULT_DAYS = 30  # a rectification period when neither the baseline nor --deadline sets one
GAP_SEVERITIES = (Severity.VETO, Severity.DEDUCT)
PREFIX = "整改通知书"
MAX_LINKS = 3  # evidence links listed per gap; the report lists them all


@dataclass
class Notice:
    district: str  # the audited site, e.g. 南江区人民政府
    department: str  # "" = the district government itself
    addressee: str
    as_of: str
    issuer: str
    deadline: str  # for the gaps the baseline does not date
    gaps: list[FindingRow] = field(default_factory=list)
    unverified: list[FindingRow] = field(default_factory=list)  # unknown findings of the unit: 待核实

    def deadline_of(self, f: FindingRow) -> str:
        return f.deadline if f.acceptance == ACCEPTED and f.deadline else self.deadline


def default_deadline(as_of: str) -> str:
    return (date.fromisoformat(as_of) + timedelta(days=DEFAULT_DAYS)).isoformat()


def build_notices(data: ReportData, *, issuer: str = "", deadline: str = "") -> list[Notice]:
    """One notice per unit with a gap in ``data``: the district government first, then by department name."""
    site = data.site.name or data.site.url
    when = deadline or default_deadline(data.as_of)
    notices: dict[str, Notice] = {}
    for f in data.failed:
        if f.severity in GAP_SEVERITIES:
            if f.department not in notices:
                notices[f.department] = Notice(site, f.department, f.department or site, data.as_of,
                                               issuer or worddoc.DEFAULT_ISSUER, when)
            notices[f.department].gaps.append(f)
    for f in data.unknown:
        if f.department in notices:
            notices[f.department].unverified.append(f)
    return [notices[d] for d in sorted(notices, key=lambda d: (d != "", d))]


def _state(f: FindingRow) -> str:
    if f.acceptance == ACCEPTED:
        return "已接受"
    if f.acceptance == OVERDUE:
        return f"逾期未整改（原整改期限 {f.deadline}）"
    return f.change_label


def _links(f: FindingRow) -> str:
    urls = f.urls
    shown = urls[:MAX_LINKS]
    more = [f"另有 {len(urls) - MAX_LINKS} 个相关页面，见检查报告"] if len(urls) > MAX_LINKS else []
    return "\n".join(shown + more)


def _found(f: FindingRow, as_of: str) -> str:
    lines = [f"首次发现 {f.first_seen or as_of}", _state(f)]
    if f.evidence.dates:
        lines.append(f"页面所见日期：{'、'.join(f.evidence.dates)}")
    return "\n".join(line for line in lines if line)


def render_notice(n: Notice, issued: str):
    doc = worddoc.new_document(landscape=True)
    worddoc.title(doc, "政府网站检查问题整改通知书")
    doc.add_paragraph(f"{n.addressee}：")
    worddoc.paragraph(
        doc,
        f"{n.issuer}以 {worddoc.chinese_date(n.as_of)} 为检查基准日，对{n.district}门户网站"
        f"（含各部门栏目）进行了检查。"
        f"经检查，你单位存在以下 {len(n.gaps)} 项问题，现通知你单位整改。请于整改期限前完成整改，"
        f"并将整改情况书面报送{n.issuer}。",
    )
    worddoc.heading(doc, "一、存在的问题")
    rows = [
        [str(i), f"{f.check} {f.title}（{f.severity_label}）", f"{f.subject}：{f.message}", f.citation,
         _links(f), _found(f, n.as_of), n.deadline_of(f)]
        for i, f in enumerate(n.gaps, 1)
    ]
    worddoc.table(doc, ["序号", "问题（检查项）", "具体情况", "依据", "证据链接", "发现日期", "整改期限"], rows,
                  widths_mm=[10, 45, 60, 50, 50, 25, 22], links=4)
    worddoc.heading(doc, "二、整改要求")
    remedies: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(n.gaps, 1):
        if f.remediation:
            remedies.setdefault((f.check, f.remediation), []).append(i)
    for (check, remedy), items in remedies.items():
        worddoc.paragraph(doc, f"{check}（第 {'、'.join(map(str, items))} 项）：{remedy}")
    if n.unverified:
        worddoc.heading(doc, "三、待核实事项（不作为问题认定）")
        worddoc.paragraph(doc, "以下事项因页面无法获取、被拦截或由脚本生成等原因，本次检查无法判定，"
                               "不作为问题认定。请核实相关页面能否正常访问，必要时予以修复。")
        worddoc.table(doc, ["序号", "检查项", "对象", "无法判定的原因", "相关链接"],
                      [[str(i), f"{f.check} {f.title}", f.subject, f.message, _links(f)]
                       for i, f in enumerate(n.unverified, 1)],
                      widths_mm=[10, 60, 55, 80, 57], links=4)
    worddoc.signature(doc, n.issuer, worddoc.chinese_date(issued))
    return doc


def notice_path(out_dir: Path, index: int, n: Notice) -> Path:
    return out_dir / f"{PREFIX}-{index:02d}-{worddoc.file_name(n.addressee)}.docx"


def write_notices(db: Database, run_id: int, out_dir: Path, *, issuer: str = "", deadline: str = "",
                  issued: str = "") -> list[Path]:
    """Write the run's notices into ``out_dir`` (earlier notices there are replaced); return their paths."""
    notices = build_notices(build_report(db, run_id), issuer=issuer, deadline=deadline)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{PREFIX}-*.docx"):
        old.unlink()  # a unit that fixed everything must not keep last time's notice
    day = issued or date.today().isoformat()
    return [worddoc.save(render_notice(n, day), notice_path(out_dir, i, n)) for i, n in enumerate(notices, 1)]
