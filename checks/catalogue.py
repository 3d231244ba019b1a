"""The catalogue: every check, declared in one explicit list (no import-time discovery).

Each check's severity here is its national default; the profile's ``severities`` section may change it
(the runner applies it), and the profile's ``scoring.checks`` gives its deduction points.
"""

from __future__ import annotations

from checks import (
    annual_report,
    areas,
    availability,
    columns,
    disclosure,
    fiscal,
    fiscal_detail,
    freshness,
    grassroots,
    identity,
    interaction,
    links,
    platform,
    services,
    timeliness,
)
from checks.model import Check, Severity

TIAOLI = "《中华人民共和国政府信息公开条例》（国务院令第711号）"
NO19 = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）"
NO47 = "《政府网站发展指引》（国办发〔2017〕47号）"
NO61 = "《关于规范政府信息公开平台有关事项的通知》（国办公开办函〔2019〕61号）"
NO30 = "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）"
NO143 = "《地方预决算公开操作规程》（财预〔2016〕143号）"
NO54 = "《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）"

AVAILABILITY = "站点与链接可用性"
UPDATES = "内容更新"
INTERACTION = "互动回应"
SERVICES = "办事服务"
IDENTITY = "网站标识与功能"
PLATFORM = "政府信息公开平台"
REPORTS = "政府信息公开年报"
FISCAL = "财政预决算"
GRASSROOTS = "基层政务公开"
AREAS = "重点领域信息公开"
LINKS = AVAILABILITY

V, D = Severity.VETO, Severity.DEDUCT

CATALOGUE: tuple[Check, ...] = (
    # -- 19号 单项否决 ---------------------------------------------------------------------------------------
    Check("AVL-SITE-01", "抓取期间站点可以正常访问（加载失败或超过15秒的比例低于5%）", V, AVAILABILITY,
          f"{NO19} 单项否决指标“站点无法访问”", "排查服务器、网络和防护设备，保证网站稳定可访问；本项仅反映单次抓取期间的情况。",
          availability.site_available),
    Check("UPD-HOME-01", "首页在检查前两周内有更新", V, UPDATES, f"{NO19} 单项否决指标“首页不更新”",
          "保持首页信息及时更新，检查前两周内应有新发布的信息。", freshness.home_updated),
    Check("UPD-VETO-A", "超期未更新的动态要闻类（两周）和通知公告、政策文件类（六个月）栏目合计少于5个", V, UPDATES,
          f"{NO19} 单项否决指标“栏目不更新”第（一）项", "逐一更新超期栏目；确无信息可发布的栏目应整合或关闭。",
          columns.veto_first_level),
    Check("UPD-VETO-B", "应更新而长期未更新的栏目少于10个", V, UPDATES, f"{NO19} 单项否决指标“栏目不更新”第（二）项",
          "建立栏目更新责任制，按类型周期更新；长期无内容的栏目整合或关闭。", columns.veto_stale_columns),
    Check("UPD-BLANK-02", "空白栏目少于5个", V, UPDATES, f"{NO19} 单项否决指标“栏目不更新”第（三）项",
          "为空白栏目补充内容，或撤销、整合空白栏目。", columns.veto_blank_columns),
    Check("INT-CHAN-01", "设置可用的在线咨询建言渠道", V, INTERACTION, f"{NO19} 单项否决指标“互动回应差”",
          "开设领导信箱、在线咨询等咨询建言栏目并保证可用。", interaction.channel_present),
    Check("INT-REPLY-01", "过去一年内没有超过3个月未答复的有效留言", V, INTERACTION, f"{NO19} 单项否决指标“互动回应差”",
          "建立留言办理和督办机制，及时答复网民留言并公开答复内容。", interaction.replies_in_time),
    Check("SVC-01", "设置办事服务栏目", V, SERVICES, f"{NO19} 单项否决指标“服务不实用”",
          "开设办事服务栏目，提供办事指南和办理入口。", services.service_present),
    Check("SVC-02", "要素严重缺失（缺4项及以上）的办事指南少于5个", V, SERVICES, f"{NO19} 单项否决指标“服务不实用”",
          "按事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程补全办事指南。",
          services.guides_usable),
    Check("SVC-03", "办事指南要素齐全", D, SERVICES, f"{NO19} 扣分指标“办事服务”（办事指南）",
          "补全办事指南缺少的要素。", services.guide_elements),
    # -- 内容更新 ------------------------------------------------------------------------------------------------
    Check("UPD-COL-01", "首页动态类栏目两周内、通知公告和政策文件类栏目六个月内有更新", D, UPDATES,
          f"{NO19} 单项否决指标“栏目不更新”", "按栏目类型的更新周期及时更新；确无信息的栏目应整合或关闭。",
          freshness.home_columns_updated),
    Check("UPD-TYPE-01", "各栏目按其类型的更新周期更新（无日期的信息视为未更新）", D, UPDATES,
          f"{NO19} 扣分指标“发布解读”（栏目更新）", "按栏目类型的更新周期及时更新，并为每条信息标明发布日期。",
          columns.columns_updated),
    Check("UPD-BLANK-01", "不存在空白栏目", D, UPDATES, f"{NO19} 单项否决指标“栏目不更新”（空白栏目）",
          "为空白栏目补充内容，或撤销、整合该栏目。", freshness.blank_columns),
    Check("UPD-TIME-01", "政府信息自形成之日起20个工作日内公开", D, UPDATES, f"{TIAOLI} 第二十六条",
          "建立信息发布时限管理，自信息形成或变更之日起20个工作日内公开。", timeliness.published_in_time),
    Check("INT-RECENT-01", "咨询建言栏目两个月内有新的留言答复", D, INTERACTION, f"{NO19} 扣分指标“互动交流”（留言办理）",
          "及时办理并公开留言答复。", interaction.recent_reply),
    # -- 网站标识与功能 --------------------------------------------------------------------------------------
    Check("ID-FOOT-01", "首页底部展示网站标识码、ICP备案编号、公安机关备案标识、党政机关网站标识、主办单位和联系方式", D, IDENTITY,
          f"{NO47} 附件《政府网站页面设计规范》；{NO19} 扣分指标“功能设计”", "在网页底部功能区补全标识和备案信息。",
          identity.footer_marks),
    Check("ID-META-01", "网页按规范设置网站和栏目元数据标签（文章页含标题、发布日期、来源）", D, IDENTITY,
          f"{NO47} 附件《政府网站网页设计规范》（网页元数据）", "在页面 head 中补全 SiteName、SiteDomain、SiteIDCode、ColumnName 等元数据。",
          identity.meta_tags),
    Check("ID-SEARCH-01", "网站提供站内搜索功能", D, IDENTITY, f"{TIAOLI} 第二十四条；{NO19} 扣分指标“功能设计”（搜索功能）",
          "在首页显著位置提供站内搜索。", identity.site_search),
    Check("ID-DOMAIN-01", "政府网站使用 .gov.cn 域名", D, IDENTITY, f"{NO47} 第四部分“域名和名称”",
          "启用以 .gov.cn 结尾的政府网站域名。", identity.domain_rule),
    Check("ID-DOMAIN-02", "部门网站使用门户网站域名的下级域名", D, IDENTITY, f"{NO47} 第四部分“域名和名称”",
          "将部门网站或栏目迁移到门户网站域名之下。", identity.department_hosts),
    # -- 政府信息公开平台 ----------------------------------------------------------------------------------
    Check("GK-COL-01", "设置政府信息公开栏目及指南、制度、法定主动公开内容、年报四个一级栏目", D, PLATFORM,
          f"{NO61} 第一条", "在网站显著位置设置“政府信息公开”专栏，并按统一要求设置四个一级栏目。",
          platform.first_level_columns),
    Check("GK-GUIDE-01", "发布政府信息公开指南", D, PLATFORM, f"{TIAOLI} 第十二条",
          "编制并公布政府信息公开指南，放在“政府信息公开指南”栏目中。", platform.guide_present),
    Check("GK-GUIDE-02", "政府信息公开指南列明机构名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式和依申请公开程序", D,
          PLATFORM, f"{TIAOLI} 第十二条", "补全指南中的政府信息公开工作机构联系要素和依申请公开程序，并及时更新。",
          platform.guide_elements),
    Check("GK-GUIDE-03", "政府信息公开指南及时更新", D, PLATFORM, f"{TIAOLI} 第十二条",
          "按机构和联系方式的变化及时更新指南，并标明更新日期。", disclosure.guide_age),
    Check("GK-CAT-01", "提供政府信息公开目录", D, PLATFORM, f"{TIAOLI} 第十二条",
          "编制并公布政府信息公开目录（索引、名称、内容概述、生成日期）。", platform.catalogue_present),
    Check("GK-APPLY-01", "设置依申请公开栏目并提供申请表或在线申请", D, PLATFORM, f"{TIAOLI} 第二十七条、第二十九条；{NO61} 第一条",
          "设置依申请公开栏目，提供申请表下载和在线申请渠道。", disclosure.apply_channel),
    Check("GK-FDZD-01", "法定主动公开内容覆盖条例第二十条规定的各项信息", D, PLATFORM, f"{TIAOLI} 第二十条",
          "在“法定主动公开内容”下设置并维护第二十条规定的各类信息栏目。", disclosure.article_20),
    Check("GK-FDZD-02", "区县政府法定主动公开内容覆盖条例第二十一条规定的各项信息", D, PLATFORM, f"{TIAOLI} 第二十一条",
          "在“法定主动公开内容”下设置并维护第二十一条规定的各类信息栏目。", disclosure.article_21),
    # -- 年报 ----------------------------------------------------------------------------------------------------
    Check("GK-AR-01", "本级政府在3月31日前公布上一年度政府信息公开工作年度报告", D, REPORTS,
          f"{TIAOLI} 第四十九条", "按期公布本级政府上一年度政府信息公开工作年度报告，并保留往年年报。",
          annual_report.government_report),
    Check("GK-AR-02", "各部门在1月31日前公布上一年度政府信息公开工作年度报告", D, REPORTS,
          f"{TIAOLI} 第四十九条", "督促部门按期公布上一年度政府信息公开工作年度报告。", annual_report.department_reports),
    Check("GK-AR-03", "往年政府信息公开工作年度报告保留可查（近5年）", D, REPORTS, f"{TIAOLI} 第四十九条、第五十条",
          "在年报栏目中保留往年年报。", annual_report.years_listed),
    Check("GK-AR-04", "年度报告包含规定格式的六部分内容", D, REPORTS, f"{NO30}",
          "按统一格式编写年报：总体情况、主动公开、依申请公开、复议诉讼、存在问题及改进、其他事项。", annual_report.report_headings),
    Check("GK-AR-05", "年度报告包含规定格式的统计表格", D, REPORTS, f"{NO30}",
          "在年报中按统一格式列出主动公开、依申请公开和复议诉讼情况统计表。", annual_report.report_tables),
    # -- 预决算 ----------------------------------------------------------------------------------------------------
    Check("FIS-GOV-01", "公开本级政府当年预算", D, FISCAL, f"{NO143} 第二条；{TIAOLI} 第二十条第（七）项",
          "在预决算公开栏目公开经人大批准的本级政府预算及报表。", fiscal.government_budget),
    Check("FIS-GOV-02", "公开本级政府上年决算", D, FISCAL, f"{NO143} 第二条；{TIAOLI} 第二十条第（七）项",
          "在预决算公开栏目公开经人大常委会批准的本级政府决算及报表。", fiscal.government_final_accounts),
    Check("FIS-DEPT-01", "各部门公开当年部门预算", D, FISCAL, f"{NO143} 第三条",
          "部门在财政部门批复后20日内公开部门预算（含“三公”经费）。", fiscal.department_budgets),
    Check("FIS-DEPT-02", "各部门公开上年部门决算", D, FISCAL, f"{NO143} 第三条",
          "部门在财政部门批复后20日内公开部门决算（含“三公”经费）。", fiscal.department_final_accounts),
    Check("FIS-SG-01", "“三公”经费预算和决算分项公开（因公出国（境）费、公务用车购置及运行费、公务接待费）", D, FISCAL,
          f"{NO143} 第二条、第三条", "按因公出国（境）费、公务用车购置及运行费、公务接待费分项公开“三公”经费并说明增减原因。",
          fiscal_detail.sangong_split),
    Check("FIS-ATT-01", "预决算附件可以正常下载", D, FISCAL, f"{NO143}；{NO19} 扣分指标“发布解读”",
          "修复失效的预决算附件链接。", fiscal_detail.attachments_reachable),
    Check("FIS-HIST-01", "往年预算、决算保留可查（至少近3年）", D, FISCAL, f"{NO143}（预决算公开后应长期保留）",
          "保留往年预决算，不得撤下。", fiscal_detail.past_years),
    # -- 链接 --------------------------------------------------------------------------------------------------------
    Check("LNK-HOME-01", "首页站内链接可以正常访问", D, LINKS, f"{NO19} 扣分指标“链接可用性”",
          "修复或撤除失效链接。", links.home_links),
    Check("LNK-SITE-01", "其他页面的站内链接可以正常访问", D, LINKS, f"{NO19} 扣分指标“链接可用性”",
          "定期检测并修复失效链接。", links.site_links),
    Check("LNK-ATT-01", "附件可以正常下载", D, LINKS, f"{NO19} 扣分指标“链接可用性”",
          "修复失效的附件链接。", links.attachment_links),
    # -- 基层政务公开、重点领域 ------------------------------------------------------------------------------
    Check("JC-CAT-01", "公布政务公开事项标准目录并覆盖规定领域", D, GRASSROOTS, f"{NO54}",
          "编制并公布本区政务公开事项标准目录，覆盖26个试点领域。", grassroots.standard_catalogue),
    Check("AREA-01", "重点领域信息设有栏目并保持更新", D, AREAS, f"{TIAOLI} 第二十条、第二十一条；{NO54}",
          "为各重点领域设置栏目并及时更新。", areas.areas_present),
)

BY_ID = {check.id: check for check in CATALOGUE}
