"""What the demo district gets wrong on purpose, and how that is recorded in the manifest.

``gaps`` are defects a correct audit reports as failed; ``unknowns`` are traps (an error page, a page
that never answers) where a correct audit says it cannot decide. Each record names the check id, the
department ("" for the district government), a short string the finding's subject contains, and what
was planted, in Chinese.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from govaudit.demo import schedule

if TYPE_CHECKING:
    from govaudit.demo.site import _Builder

MISSING_REPORT = "wjw"  # the due department annual report is absent
LATE_REPORT = "rsj"  # the due department annual report is published on 10 March
MISSING_BUDGET = "zjj"  # the due department budget is absent everywhere
NO_GUIDE = "scjgj"  # no 政府信息公开指南 at all
TRAP = "yjj"  # its 年报 list answers 503 and its 部门预决算 list hangs
STALE_DAYS = 45  # age of the newest item of the home-page block 部门动态
TRAP_DELAY = 30  # seconds
STALE_AREA = "jyta"  # the key-area column 建议提案办理 …
STALE_AREA_DAYS = 400  # … last updated this many days ago
CATALOGUE_LEFT_OUT = ("户籍管理", "税收管理")  # areas missing from the 政务公开事项标准目录
QUIET_LETTERS_DAYS = 70  # the newest answer in 领导信箱 is this old (every letter answered within days)
LATE_POLICY = 2  # the third-newest 政策文件 was drafted …
LATE_POLICY_DAYS = 60  # … this many days before it was published
BARE_META_NEWS = -1  # the oldest 要闻动态 article has no ArticleTitle / PubDate / ContentSource tags
# the PDF of the oldest listed district annual report answers 404
POOR_GUIDE = "最低生活保障申请"  # this 办事指南 leaves out …
GUIDE_LEFT_OUT = ("收费标准", "办理时间")  # … these two key elements


def mark(b: _Builder) -> None:
    """Plant the gaps that live on single items (called after ids and order are final, before writing)."""
    late = late_policy(b)
    late.formed = late.day - timedelta(days=LATE_POLICY_DAYS)
    b.columns["ywdt"].items[BARE_META_NEWS].bare_meta = True


def late_policy(b: _Builder) -> Any:
    items = b.columns["zcwj"].items
    return items[min(LATE_POLICY, len(items) - 1)]


def broken_attachment(b: _Builder) -> str:
    return b.columns["gknb"].items[-1].attachment_path(0)


def _record(check: str, department: str, subject: str, what: str) -> dict[str, str]:
    return {"check": check, "department": department, "subject_contains": subject, "what": what}


def planted(b: _Builder) -> tuple[list[dict[str, str]], list[dict[str, str]], dict[str, dict[str, Any]]]:
    """(gaps, unknowns, behaviors) for a site built with gaps=True."""
    due, dept, rec = b.due, b.dept, _record
    ar, bud, fin = due["department_annual_report"], due["department_budget"], due["department_final_accounts"]
    gf = due["government_final_accounts"]
    wjw, rsj, zjj, scj, yjj = (
        dept[c].name for c in (MISSING_REPORT, LATE_REPORT, MISSING_BUDGET, NO_GUIDE, TRAP)
    )
    late = schedule.late_department_report_day(ar, b.as_of)
    failed = [
        rec("GK-AR-02", wjw, f"{ar}年", f"{wjw}未公开{ar}年政府信息公开工作年度报告（更早年度的报告都在）"),
        rec("GK-AR-02", rsj, f"{ar}年", f"{rsj}{ar}年政府信息公开工作年度报告迟至{late}才发布，晚于1月31日"),
        rec("FIS-DEPT-01", zjj, f"{bud}年", f"{zjj}{bud}年部门预算未公开（本部门和区级部门预决算栏目均无）"),
        rec("FIS-GOV-02", "", f"{gf}年", f"{b.region}{gf}年政府决算（含“三公”经费决算）未公开"),
        rec("GK-GUIDE-02", "", "指南", f"{b.r.site_name}政府信息公开指南缺少传真号码"),
        rec("GK-GUIDE-01", scj, "指南", f"{scj}没有政府信息公开指南（无链接、无页面）"),
        rec(
            "UPD-COL-01",
            "",
            "部门动态",
            f"首页“部门动态”栏目最新信息发布于{b.days_ago(STALE_DAYS)}，已{STALE_DAYS}天未更新",
        ),
        rec("UPD-BLANK-01", "", "规划计划", "法定主动公开内容下的“规划计划”栏目为空白栏目（暂无信息）"),
        rec(
            "LNK-HOME-01",
            "",
            "/zt/yshj/",
            "首页“营商环境专题”链接指向不存在的页面 /zt/yshj/index.html（404）",
        ),
    ]
    ywdt = b.columns["ywdt"].items
    late = late_policy(b)
    failed += [
        rec("AREA-01", "", "建议提案办理", f"重点领域“建议提案办理”栏目最新信息发布于{b.days_ago(STALE_AREA_DAYS)}，超过一年未更新"),
        rec("JC-CAT-01", "", "标准目录", f"政务公开事项标准目录未覆盖{'、'.join(CATALOGUE_LEFT_OUT)}两个领域"),
        rec("INT-RECENT-01", "", "留言答复", f"领导信箱最新答复于{b.days_ago(QUIET_LETTERS_DAYS)}，两个月内没有新的答复"),
        rec("UPD-TIME-01", "", "信息公开时限",
            f"政策文件“{late.title}”{late.formed}成文、{late.day}才发布，超过20个工作日"),
        rec("ID-META-01", "", "元数据", f"要闻动态文章 {ywdt[BARE_META_NEWS].path} 缺少 ArticleTitle、PubDate、ContentSource 标签"),
        rec("LNK-ATT-01", "", "附件", f"年报附件 {broken_attachment(b)} 返回404"),
        rec("SVC-03", "", POOR_GUIDE, f"“{POOR_GUIDE}办事指南”缺少{'、'.join(GUIDE_LEFT_OUT)}"),
    ]
    root = dept[TRAP].root
    hangs = f"{yjj}部门预决算栏目 {root}yjs/index.html 长时间无响应（{TRAP_DELAY}秒），无法判定"
    unknowns = [
        rec("GK-AR-02", yjj, f"{ar}年", f"{yjj}政府信息公开年报栏目 {root}gknb/index.html 返回503，无法判定"),
        rec("FIS-DEPT-01", yjj, f"{bud}年", hangs),
        rec("FIS-DEPT-02", yjj, f"{fin}年", hangs),
    ]
    behaviors = {
        f"{root}gknb/index.html": {"status": 503},
        f"{root}yjs/index.html": {"delay": TRAP_DELAY},
        broken_attachment(b): {"status": 404},
    }
    return failed, unknowns, behaviors
