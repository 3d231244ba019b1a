"""Longer fixed texts of the demo district: disclosure guides, annual reports, service guides, letters."""

from __future__ import annotations

import random
from datetime import date
from html import escape

from govaudit.demo.content import Department


def guide_elements(
    office: str, address: str, phone: str, fax: str | None, email: str, hours: str = ""
) -> list[tuple[str, str]]:
    """The contact elements 条例 第十二条 requires; ``fax=None`` leaves the fax line out."""
    rows = [
        ("名称", office),
        ("办公地址", address),
        ("办公时间", hours or "工作日上午8:30—11:30，下午13:30—17:00（法定节假日除外）"),
        ("联系电话", phone),
    ]
    if fax is not None:
        rows.append(("传真号码", fax))
    rows.append(("互联网联系方式", f"电子邮箱 {email}"))
    return rows


def guide_html(owner: str, elements: list[tuple[str, str]]) -> str:
    contact = "".join(f"<p>{escape(k)}：{escape(v)}</p>\n" for k, v in elements)
    return (
        "<h3>一、主动公开</h3>\n"
        f"<p>（一）公开的主要内容。{escape(owner)}主动公开条例第二十条、第二十一条规定的政府信息，"
        "具体内容见本网站“法定主动公开内容”栏目。</p>\n"
        "<p>（二）公开方式。主要通过政府网站、政府公报、新闻发布会以及报刊、广播、电视等方式公开。</p>\n"
        "<p>（三）公开时限。属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。</p>\n"
        "<h3>二、依申请公开</h3>\n"
        "<p>（一）受理机构</p>\n"
        f"{contact}"
        "<p>（二）申请方式。申请人可以当面提交、邮寄或者通过互联网提交政府信息公开申请表。</p>\n"
        "<p>（三）办理流程。登记受理—审查—答复。能够当场答复的当场答复；不能当场答复的，"
        "自收到申请之日起20个工作日内予以答复；需要延长答复期限的，延长期限最长不超过20个工作日。</p>\n"
        '<p>申请表下载及填写说明见“<a href="/zwgk/ysqgk/index.html">依申请公开</a>”栏目。</p>\n'
        "<h3>三、监督和救济</h3>\n"
        "<p>公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，"
        "可以依法申请行政复议或者提起行政诉讼。</p>\n"
    )


REPORT_HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def annual_report_html(rng: random.Random, owner: str, year: int) -> str:
    made, changed, valid = rng.randint(0, 12), rng.randint(0, 6), rng.randint(3, 40)
    apps = rng.randint(2, 60)
    parts = [
        f"<p>本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据统计期限自{year}年1月1日起至"
        f"{year}年12月31日止。</p>\n"
    ]
    for i, heading in enumerate(REPORT_HEADINGS):
        parts.append(f"<h3>{heading}</h3>\n")
        if i == 1:
            parts.append(
                '<table class="report"><caption>表二 主动公开政府信息情况</caption>'
                "<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>"
                f"<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
                f"<tr><td>行政规范性文件</td><td>{made}</td><td>{changed}</td><td>{valid}</td></tr></table>\n"
            )
        elif i == 2:
            parts.append(f"<p>{year}年，{escape(owner)}共收到政府信息公开申请{apps}件，均已按期答复。</p>\n")
            parts.append(
                '<table class="report"><caption>表三 收到和处理政府信息公开申请情况</caption>'
                "<tr><th>本列数据的勾稽关系</th><th>申请人情况</th></tr>"
                f"<tr><td>一、本年新收政府信息公开申请数量</td><td>{apps}</td></tr></table>\n"
            )
        elif i == 3:
            parts.append(
                '<table class="report"><caption>表四 政府信息公开行政复议、行政诉讼情况</caption>'
                "<tr><th>行政复议</th><th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th></tr>"
                "<tr><td></td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>\n"
            )
        else:
            parts.append(f"<p>{escape(owner)}{year}年政府信息公开工作{heading[2:]}有关情况如下。</p>\n")
    return "".join(parts)


SERVICE_ELEMENTS = (
    "事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理机构", "收费标准", "办理时间", "联系电话", "办理流程",
)  # fmt: skip


def service_guide_html(name: str, dept: Department, region: str, omit: tuple[str, ...] = ()) -> str:
    values = {
        "事项名称": name,
        "设定依据": "《中华人民共和国行政许可法》及相关法律法规",
        "申请条件": "符合法律法规规定条件的公民、法人或者其他组织",
        "办理材料": "申请表、身份证明材料及其他按规定需要提交的材料",
        "办理地点": f"{region}政务服务中心一楼综合窗口",
        "办理机构": dept.name,
        "收费标准": "不收费",
        "办理时间": "工作日9:00—17:00",
        "联系电话": dept.phone,
        "办理流程": "申请—受理—审查—决定—送达",
    }
    rows = "".join(f"<tr><th>{k}</th><td>{escape(values[k])}</td></tr>" for k in SERVICE_ELEMENTS if k not in omit)
    return f'<table class="guide">{rows}</table>\n'


def letter_html(rng: random.Random, title: str, asked: date, answered: date, dept: Department) -> str:
    return (
        '<table class="letter">'
        f"<tr><th>来信主题</th><td>{escape(title)}</td></tr>"
        f"<tr><th>来信时间</th><td>{asked.isoformat()}</td></tr>"
        f"<tr><th>来信内容</th><td>{escape(title)}，希望有关部门尽快研究解决。</td></tr>"
        f"<tr><th>答复单位</th><td>{escape(dept.name)}</td></tr>"
        f"<tr><th>答复时间</th><td>{answered.isoformat()}</td></tr>"
        f"<tr><th>答复内容</th><td>您好！您反映的问题已收悉，我单位已安排专人核实处理，感谢您的关注。</td></tr>"
        "</table>\n"
    )


def fiscal_paragraphs(rng: random.Random, title: str, region: str, department: bool) -> list[str]:
    """Body of a budget or final-accounts item: the legal basis, and for departments the usual sections."""
    final = title.endswith("决算")
    approver = f"{region}人民代表大会常务委员会" if final else f"{region}人民代表大会"
    if department:
        approver = f"{region}财政局"
    paras = [
        f"根据《中华人民共和国预算法》和《地方预决算公开操作规程》（财预〔2016〕143号）规定，现将{title}公开如下。",
        f"{title}已经{approver}批准，具体内容详见附件。",
    ]
    if "三公" in title:
        car = rng.randint(30, 300)
        paras.append(
            f"“三公”经费合计{car + 20}万元，其中：因公出国（境）费0万元；公务用车购置及运行费{car}万元"
            f"（购置费0万元、运行费{car}万元）；公务接待费20万元。与上年相比减少，主要是压减一般性支出。"
        )
    if department:
        car = rng.randint(3, 30)
        paras += [
            "一、部门主要职责及机构设置。",
            f"二、部门收支总体情况。收入总计{rng.randint(800, 90000)}万元，支出总计与收入总计相等。",
            f"三、“三公”经费情况。因公出国（境）费0万元；公务用车购置及运行费{car}万元，其中购置费0万元、"
            f"运行费{car}万元；公务接待费{rng.randint(0, 9)}万元。变动原因：严格落实过紧日子要求，压减一般性支出。",
            "四、机关运行经费情况。五、政府采购情况。六、国有资产占用情况。七、预算绩效管理情况。",
        ]
    return paras


GRASSROOTS_AREAS = (
    "城乡规划", "农村集体土地征收", "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "救灾",
    "国有土地上房屋征收与补偿", "保障性住房", "农村危房改造", "生态环境", "公共文化服务", "公共法律服务", "社会救助",
    "养老服务", "食品药品监管", "城市综合执法", "市政服务", "就业", "社会保险", "扶贫", "涉农补贴", "义务教育",
    "卫生健康", "户籍管理", "税收管理",
)  # fmt: skip


def standard_catalogue_html(region: str, areas: tuple[str, ...]) -> str:
    """The district's 政务公开事项标准目录 (国办发〔2019〕54号): one row per area."""
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(a)}</td><td>{escape(a)}相关政策、办事和结果信息</td>"
        f"<td>信息形成或变更之日起20个工作日内</td><td>{escape(region)}有关部门</td><td>政府网站</td></tr>"
        for i, a in enumerate(areas, 1)
    )
    return (
        '<table class="catalogue"><tr><th>序号</th><th>领域</th><th>公开内容</th><th>公开时限</th>'
        f"<th>公开主体</th><th>公开渠道</th></tr>{rows}</table>\n"
    )
