"""检查情况通报: the districts comparison as the Word document a 政务公开办 circulates (written beside
compare.html by ``reports.compare.write_compare``).

It ranks the districts (verdict, score, gaps, change since each district's previous audit), counts the gaps
per category, and names the common problems: the checks failed in two districts or more. Unknown findings are
counted apart and never as problems. Everything shown is read from the comparison and the audit databases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from crawler import store
from reports import worddoc

if TYPE_CHECKING:
    from reports.compare import Comparison

DOCX_NAME = "检查情况通报.docx"


@dataclass
class CommonProblem:
    check: str
    title: str
    districts: list[str] = field(default_factory=list)
    places: int = 0  # failed findings of the check over those districts


def failed_checks(folder: Path, run_id: int) -> list[tuple[str, str, int]]:
    """(check, title, failed findings) of one district's run."""
    db = store.open_db(folder / "audit.db")
    try:
        return [tuple(r) for r in db.execute(
            "select check_id, title, count(*) from findings where run_id = ? and status = 'failed' "
            "group by check_id, title order by min(id)", [run_id]).fetchall()]
    finally:
        db.close()


def common_problems(c: Comparison, at_least: int = 2) -> list[CommonProblem]:
    """Checks failed in ``at_least`` districts or more, the most widespread first."""
    found: dict[str, CommonProblem] = {}
    for d in c.districts:
        for check, title, n in failed_checks(d.folder, d.now.run_id):
            p = found.setdefault(check, CommonProblem(check, title))
            p.districts.append(d.name)
            p.places += n
    shared = [p for p in found.values() if len(p.districts) >= at_least]
    return sorted(shared, key=lambda p: (-len(p.districts), -p.places, p.check))


def signed(v: float | int | None) -> str:
    if v is None:
        return "—"
    return f"+{v:g}" if v > 0 else (f"{v:g}" if v < 0 else "±0")


def _month(iso: str) -> str:
    y, m, _ = iso.split("-")
    return f"{int(y)}年{int(m)}月"


def overview(c: Comparison) -> str:
    n = len(c.districts)
    passed = sum(1 for d in c.districts if d.now.verdict == "合格")
    failed = sum(1 for d in c.districts if d.now.verdict == "不合格")
    unscored = n - passed - failed
    veto = sum(d.now.gaps["veto"] for d in c.districts)
    deduct = sum(d.now.gaps["deduct"] for d in c.districts)
    total = sum(d.now.gaps["total"] for d in c.districts)
    unknown = sum(d.now.unknown for d in c.districts)
    text = (f"本次共检查 {n} 个区县政府门户网站（检查基准日 {worddoc.chinese_date(c.as_of)}），"
            f"合格 {passed} 个，不合格 {failed} 个{f'，未评分 {unscored} 个' if unscored else ''}。"
            f"共发现问题 {total} 项，其中单项否决 {veto} 项、扣分 {deduct} 项；"
            f"另有 {unknown} 项因页面无法获取等原因无法判定，不计为问题。")
    before = [d for d in c.districts if d.before is not None]
    if before:
        change = sum(d.gaps_change or 0 for d in before)
        trend = f"增加 {change} 项" if change > 0 else (f"减少 {-change} 项" if change < 0 else "持平")
        text += f"与上次检查（{worddoc.chinese_date(c.previous_as_of)}）相比，{len(before)} 个区县的问题总数{trend}。"
    return text


def render_bulletin(c: Comparison, *, issuer: str = "", deadline: str = "", issued: str = ""):
    issuer = issuer or worddoc.DEFAULT_ISSUER
    doc = worddoc.new_document(landscape=True)
    worddoc.title(doc, f"关于{_month(c.as_of)}政府网站检查情况的通报" if c.as_of else "政府网站检查情况的通报")
    doc.add_paragraph("各区县人民政府：")
    worddoc.paragraph(doc, f"{issuer}对各区县政府门户网站进行了检查，现将检查情况通报如下。")
    worddoc.heading(doc, "一、总体情况")
    worddoc.paragraph(doc, overview(c))
    worddoc.heading(doc, "二、检查结果排名")
    worddoc.paragraph(doc, ("合格在前，再按得分从高到低排名；有单项否决项的不计分。" if c.scored else
                            "尚无得分：按未通过的单项否决项、扣分项、全部问题数从少到多排名。")
                      + "变化为与各区县上次检查相比。")
    worddoc.table(doc, ["名次", "区县", "结论", "得分", "单项否决", "扣分", "问题合计", "无法判定",
                        "得分变化", "问题数变化", "名次变化"],
                  [[str(d.rank), d.name, d.now.verdict or "—", "—" if d.now.score is None else f"{d.now.score:g}",
                    str(d.now.gaps["veto"]), str(d.now.gaps["deduct"]), str(d.now.gaps["total"]), str(d.now.unknown),
                    signed(d.score_change), signed(d.gaps_change), signed(d.rank_change)] for d in c.districts])
    worddoc.heading(doc, "三、问题分类统计")
    categories = [cat for cat in c.categories if any(d.now.by_category.get(cat) for d in c.districts)]
    if categories:
        worddoc.table(doc, ["区县", *categories],
                      [[d.name, *(str(d.now.by_category.get(cat, 0)) for cat in categories)] for d in c.districts])
    else:
        worddoc.paragraph(doc, "各区县均无未通过的项目。")
    worddoc.heading(doc, "四、共性问题")
    problems = common_problems(c)
    if problems:
        for i, p in enumerate(problems, 1):
            worddoc.paragraph(doc, f"{i}. {p.title}（{p.check}）：{len(p.districts)} 个区县存在，共 {p.places} 处"
                                   f"（{'、'.join(p.districts)}）。")
    else:
        worddoc.paragraph(doc, "本次检查未发现两个以上区县共有的问题。")
    worddoc.heading(doc, "五、整改要求")
    by = f"于 {worddoc.chinese_date(deadline)} 前" if deadline else "在整改期限内"
    worddoc.paragraph(doc, f"请各区县对照本通报和各自的检查报告、整改通知书，逐项整改到位，并{by}将整改情况报送{issuer}。"
                           "无法判定的项目请核实相关页面能否正常访问。")
    worddoc.signature(doc, issuer, worddoc.chinese_date(issued or date.today().isoformat()))
    return doc


def write_bulletin(c: Comparison, out: Path, *, issuer: str = "", deadline: str = "", issued: str = "") -> Path:
    return worddoc.save(render_bulletin(c, issuer=issuer, deadline=deadline, issued=issued), out / DOCX_NAME)
