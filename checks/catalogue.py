"""The catalogue: every check, declared in one explicit list (no import-time discovery)."""

from __future__ import annotations

from checks import annual_report, fiscal, freshness, links, platform
from checks.model import Check, Severity

TIAOLI = "《中华人民共和国政府信息公开条例》（国务院令第711号）"
NO19 = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）"
NO61 = "《关于规范政府信息公开平台有关事项的通知》（国办公开办函〔2019〕61号）"
NO143 = "《地方预决算公开操作规程》（财预〔2016〕143号）"

PLATFORM = "政府信息公开平台"
REPORTS = "政府信息公开年报"
FISCAL = "财政预决算"
UPDATES = "内容更新"
LINKS = "链接可用性"

CATALOGUE: tuple[Check, ...] = (
    Check("GK-COL-01", "设置政府信息公开栏目及指南、制度、法定主动公开内容、年报四个一级栏目", Severity.DEDUCT, PLATFORM,
          f"{NO61} 第一条", "在网站显著位置设置“政府信息公开”专栏，并按统一要求设置四个一级栏目。",
          platform.first_level_columns),
    Check("GK-GUIDE-01", "发布政府信息公开指南", Severity.DEDUCT, PLATFORM, f"{TIAOLI} 第十二条",
          "编制并公布政府信息公开指南，放在“政府信息公开指南”栏目中。", platform.guide_present),
    Check("GK-GUIDE-02", "政府信息公开指南列明办公地址、办公时间、联系电话、传真号码、互联网联系方式", Severity.DEDUCT, PLATFORM,
          f"{TIAOLI} 第十二条", "补全指南中的政府信息公开工作机构联系要素，并及时更新。", platform.guide_elements),
    Check("GK-CAT-01", "提供政府信息公开目录", Severity.DEDUCT, PLATFORM, f"{TIAOLI} 第十二条",
          "编制并公布政府信息公开目录（索引、名称、内容概述、生成日期）。", platform.catalogue_present),
    Check("GK-AR-01", "本级政府在3月31日前公布上一年度政府信息公开工作年度报告", Severity.DEDUCT, REPORTS,
          f"{TIAOLI} 第四十九条", "按期公布本级政府上一年度政府信息公开工作年度报告，并保留往年年报。",
          annual_report.government_report),
    Check("GK-AR-02", "各部门在1月31日前公布上一年度政府信息公开工作年度报告", Severity.DEDUCT, REPORTS,
          f"{TIAOLI} 第四十九条", "督促部门按期公布上一年度政府信息公开工作年度报告。", annual_report.department_reports),
    Check("FIS-GOV-01", "公开本级政府当年预算", Severity.DEDUCT, FISCAL, f"{NO143} 第二条；{TIAOLI} 第二十条第（七）项",
          "在预决算公开栏目公开经人大批准的本级政府预算及报表。", fiscal.government_budget),
    Check("FIS-GOV-02", "公开本级政府上年决算", Severity.DEDUCT, FISCAL, f"{NO143} 第二条；{TIAOLI} 第二十条第（七）项",
          "在预决算公开栏目公开经人大常委会批准的本级政府决算及报表。", fiscal.government_final_accounts),
    Check("FIS-DEPT-01", "各部门公开当年部门预算", Severity.DEDUCT, FISCAL, f"{NO143} 第三条",
          "部门在财政部门批复后20日内公开部门预算（含“三公”经费）。", fiscal.department_budgets),
    Check("FIS-DEPT-02", "各部门公开上年部门决算", Severity.DEDUCT, FISCAL, f"{NO143} 第三条",
          "部门在财政部门批复后20日内公开部门决算（含“三公”经费）。", fiscal.department_final_accounts),
    Check("UPD-HOME-01", "首页在检查前两周内有更新", Severity.VETO, UPDATES, f"{NO19} 单项否决指标“首页不更新”",
          "保持首页信息及时更新，检查前两周内应有新发布的信息。", freshness.home_updated),
    Check("UPD-COL-01", "首页动态类栏目两周内、通知公告和政策文件类栏目六个月内有更新", Severity.DEDUCT, UPDATES,
          f"{NO19} 单项否决指标“栏目不更新”", "按栏目类型的更新周期及时更新；确无信息的栏目应整合或关闭。",
          freshness.home_columns_updated),
    Check("UPD-BLANK-01", "不存在空白栏目", Severity.DEDUCT, UPDATES, f"{NO19} 单项否决指标“栏目不更新”（空白栏目）",
          "为空白栏目补充内容，或撤销、整合该栏目。", freshness.blank_columns),
    Check("LNK-HOME-01", "首页站内链接可以正常访问", Severity.DEDUCT, LINKS, f"{NO19} 扣分指标“链接可用性”",
          "修复或撤除失效链接。", links.home_links),
)

BY_ID = {check.id: check for check in CATALOGUE}
