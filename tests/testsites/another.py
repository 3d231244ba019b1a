"""Another test district, 临江区 (www.linjiang.gov.cn), written independently of the demo and of 测试区.

It publishes what the rules ask for, but named, placed and dated the way other real portals do (domain.md §7,
titles after shared/real-data):

- the 政府网站工作年度报表 in a column the footer of every page links to, titled only ``2025年度报表``;
- a 政务服务 menu item that leads back to the home page; notices with a 联系电话 on the home page and in the
  在线办事 column beside its guides; school-fee notices only under a broader 教育 column (no 教育收费 column);
- platform: 政务公开 with 信息公开指南 / 信息公开制度 / 法定主动公开内容 (many small sub-columns: 政策法规, 双公示,
  民生保障, 征地信息 …) / 信息公开年报, and no column named 目录 (a 61号 platform); 依申请公开 offers a 申请书;
  channels are 网上咨询 and 在线办事; the footer gives a 联系我们 link, the search is a form with an input button;
- departments in a table (one more only in a jump-menu select box) as 区教育局, 区卫健委, 区市场监管局, 区人力社保局,
  区政府办公室, 东城街道 …, and units of every organ word: 区总工会, 区妇联 (妇女联合会), 团区委 (共青团临江区委员会),
  区委党校, 区融媒体中心, 区青少年宫, 区委政法和社会工作部, 区人大常委会 (its budget filed by its 办公室); on
  sub-paths ``/zwgk/bmxxgk/<unit>/``, on a sub-domain (``wjw.linjiang.gov.cn``, one 信息公开目录 list, a footer
  without address) and in the Hanweb layout (区住建局: ``/col/colN/`` columns and
  ``/art/…`` documents outside its folder, titled without its name);
- documents filed elsewhere: the government's guide and reports under 区政府办公室's folder, 区教育局's reports
  in the government's 年报 list, 区司法局's guide only as a notice in the government's 制度 column, budgets in a
  central list (``2026年部门预算—…``, ``【区市场监管局】…``) and in yearly columns listing units by name only;
- titles: ``临江区2026年预算公开``, ``临江区2025年区级预算``, ``关于临江区2025年财政决算的报告``,
  ``…部门预算及“三公”经费预算``, ``…（含三公经费）``, ``…关于2025年度政府信息公开工作情况的报告``;
  三公经费 is a paragraph of the budget (or only prose in a report); a guide and a report are only PDF files;
- dates as ``2026年3月15日``, ``[11-25]``, ``2026/03/15``, ``[2026-03-15]`` or in a separate cell; a list
  without dates whose articles are dated; a 文件下载 column with old forms.

``District.expected["gaps"]`` lists the gaps planted on purpose, as (check id, unit, what the subject or message
says); every other check must pass or be unknown. Two pages cannot be read (503, a firewall's 412).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from html import escape
from pathlib import Path

from govaudit.serve import LoopbackServer

REGION = "临江区"
SITE = "临江区人民政府门户网站"
SITE_CODE = "3301090001"
WWW = "http://www.linjiang.gov.cn"
WJW = "http://wjw.linjiang.gov.cn"
HOSTS = ("www.linjiang.gov.cn", "wjw.linjiang.gov.cn")
START_URL = WWW + "/"
PDF = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"1" * 2048
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2040

# The 30号 format: six headings and the statistical tables.
REPORT_TEXT = (
    "一、总体情况 2025年，我单位坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实政府信息公开条例。"
    "二、主动公开政府信息情况 本年制发件数、本年废止件数、现行有效件数见下表。本年新制作规范性文件3件。"
    "三、收到和处理政府信息公开申请情况 本年新收政府信息公开申请数量12件，申请人情况：自然人11件，法人1件。"
    "四、政府信息公开行政复议、行政诉讼情况 行政复议结果维持0件，结果纠正0件。"
    "五、存在的主要问题及改进情况 部分信息发布不够及时，下一步将加强审核。"
    "六、其他需要报告的事项 本年度未收取信息处理费。"
)
SANGONG_ALL = (
    "“三公”经费预算情况说明：{year}年“三公”经费预算数为18.6万元，其中：因公出国(境)费0万元；"
    "公务用车购置及运行维护费12.1万元（其中公务用车购置费0万元，公务用车运行维护费12.1万元）；公务接待费6.5万元。"
    "“三公”经费较上年减少1.2万元，主要是压减公务接待支出。"
)
SANGONG_NO_RECEPTION = (
    "“三公”经费预算情况说明：{year}年“三公”经费预算数为9.0万元，其中：因公出国（境）费0万元；"
    "公务用车购置及运行维护费9.0万元。"
)
GUIDE = (
    "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"
    "一、主动公开 （一）公开范围 本机关主动公开的政府信息按照机构职能、政策文件、财政资金等类别编排。"
    "二、依申请公开 公民、法人或者其他组织可以通过当面、信函、网上申请等方式提出申请。"
    "三、政府信息公开工作机构 名称：{unit}办公室 办公地点：临江区滨江路{no}号 "
    "工作时间：周一至周五（法定节假日除外）上午8:30-12:00，下午14:30-17:30 联系电话：0571-8800{no:04d} "
    "{fax}电子邮箱：ljgk{no}@linjiang.gov.cn"
)
SERVICE_GUIDE = (
    "事项名称：{name} 法定依据：《中华人民共和国行政许可法》 受理条件：符合法定条件的申请人 "
    "所需材料：申请书、身份证明 办理地点：临江区行政服务中心二楼 办理部门：{unit} 收费标准：不收费 "
    "受理时间：工作日9:00-17:00 咨询电话：0571-88001234 办理流程：申请—受理—审查—决定—送达"
)


@dataclass
class Doc:
    title: str
    path: str  # absolute URL, or a path on www
    day: date
    body: str = ""
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (href, anchor)
    column: str = ""


@dataclass
class District:
    hosts: dict[str, Path]
    as_of: date
    behaviors: dict[str, dict] = field(default_factory=dict)
    expected: dict[str, object] = field(default_factory=dict)

    @contextmanager
    def serve(self) -> Iterator[tuple[LoopbackServer, list[str]]]:
        """The district on one loopback port, and the ``--resolve`` arguments that reach it."""
        with LoopbackServer(self.hosts[HOSTS[0]], self.behaviors, hosts=self.hosts) as server:
            yield server, [f"{host}=127.0.0.1:{server.port}" for host in HOSTS]


class Writer:
    """Writes the pages of both hosts, all with the national meta tags and the same page chrome."""

    def __init__(self, out: Path) -> None:
        self.roots = {"www.linjiang.gov.cn": out / "www", "wjw.linjiang.gov.cn": out / "wjw"}

    def file(self, url: str, data: str | bytes) -> None:
        url = url if "://" in url else WWW + url
        host, _, path = url.split("://", 1)[1].partition("/")
        target = self.roots[host] / path
        if url.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    def page(self, url: str, title: str, column: str, crumbs: list[tuple[str, str]], body: str, *,
             pub: date | None = None, source: str = "临江区人民政府办公室") -> None:
        host = WJW if url.startswith(WJW) else WWW
        head = (f'<meta name="SiteName" content="{SITE}"><meta name="SiteDomain" content="www.linjiang.gov.cn">'
                f'<meta name="SiteIDCode" content="{SITE_CODE}"><meta name="ColumnName" content="{escape(column)}">'
                f'<meta name="ColumnDescription" content="{escape(column)}栏目">'
                f'<meta name="ColumnKeywords" content="{escape(column)}"><meta name="ColumnType" content="{escape(column)}">')
        if pub is not None:
            head += (f'<meta name="ArticleTitle" content="{escape(title)}"><meta name="PubDate" content="{pub:%Y-%m-%d} 10:12">'
                     f'<meta name="ContentSource" content="{escape(source)}">')
        trail = "".join(f' &gt; <a href="{escape(h)}">{escape(n)}</a>' for n, h in crumbs)
        html = (
            '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{escape(title)}-{SITE}</title>{head}</head><body>"
            f'<div class="top"><a href="{WWW}/">首页</a> | <a href="{WWW}/zwgk/">政务公开</a> | '
            f'<a href="{WWW}/zwfw/">在线办事</a> | <a href="{WWW}/zmhd/">互动交流</a> | '
            f'<a href="{WWW}/" class="menu-drop">政务服务</a></div>'
            f'<div class="bt-position">您现在的位置：<a href="{host}/">首页</a>{trail}</div>'
            f'<div class="bt-content">{body}</div>{WJW_FOOTER if host == WJW else FOOTER}</body></html>\n'
        )
        self.file(url, html)

    def article(self, doc: Doc, crumbs: list[tuple[str, str]], *, source: str = "临江区人民政府办公室",
                table: bool = False) -> None:
        files = "".join(f'<p><a href="{escape(h)}">{escape(a)}</a></p>' for h, a in doc.attachments)
        meta = ""
        if table:  # the 信息公开目录 metadata table: 成文日期 a few working days before publication
            formed = doc.day - timedelta(days=7)
            meta = ('<table class="xxgk-table"><tr><td>索引号：</td><td>11330109MB0000000X/2026-00012</td>'
                    f"<td>发布机构：</td><td>{escape(source)}</td></tr>"
                    f"<tr><td>成文日期：</td><td>{formed.year}年{formed.month}月{formed.day}日</td>"
                    f"<td>发布日期：</td><td>{doc.day.year}年{doc.day.month}月{doc.day.day}日</td></tr></table>")
        info = f'<div class="info">发布时间：{doc.day.year}年{doc.day.month:02d}月{doc.day.day:02d}日　来源：{escape(source)}</div>'
        text = doc.body or f"{doc.title}。本文为临江区测试站点内容。"
        self.page(doc.path, doc.title, doc.column or crumbs[-1][0], crumbs,
                  f'{meta}<h2 class="article-title">{escape(doc.title)}</h2>{info}'
                  f'<div class="article-con"><p>{escape(text)}</p>{files}</div>', pub=doc.day, source=source)


def _conac() -> str:
    return ("<script type=\"text/javascript\">document.write(unescape(\"%3Cspan id='_ideConac' %3E%3C/span%3E"
            "%3Cscript src='https://dcs.conac.cn/js/33/000/0000/60000000/CA330000000600000000000.js' "
            "type='text/javascript'%3E%3C/script%3E\"));</script>")


FOOTER = (
    '<div class="footer"><p>主办：临江区人民政府办公室　承办：临江区大数据发展中心</p>'
    f'<p><a href="{WWW}/lxwm/">联系我们</a>　<a href="{WWW}/wzdt/">网站地图</a>　'
    f'<a href="{WWW}/zwgk/wzndbb/">政府网站年度报表</a></p>'
    f"<p>网站标识码{SITE_CODE}　浙ICP备05012345号-2</p>" + _conac() + "</div>"
)  # no 公安机关备案 number: a planted gap (ID-FOOT-01)


WJW_FOOTER = '<div class="footer"><p>临江区卫生健康委员会 版权所有　技术支持：临江区大数据发展中心</p></div>'
GUIDE_OTHER_WORDS = (
    "根据《中华人民共和国政府信息公开条例》编制本指南。一、主动公开 本机关主动公开的信息按类别编排，可通过门户网站查阅。"
    "二、依申请公开 申请人填写政府信息公开申请表，通过当面、信函或网上申请方式提交。"
    "三、受理机构 {unit}办公室 办公地点：临江区健康路{no}号 接待时间：工作日8:30-17:00 "
    "咨询电话：0571-8800{no:04d} 传真：0571-8899{no:04d} 电子信箱：wjw@linjiang.gov.cn"
)


# ------------------------------------------------------------------------------------------- list shapes

def ymd_cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def li_list(docs: list[Doc], style: str = "cn") -> str:
    """A <ul> list, the date in a separate span, written as ``2026年3月15日``, ``2026/03/15`` or ``[2026-03-15]``."""
    def when(d: date) -> str:
        return {"cn": ymd_cn(d), "slash": f"{d:%Y/%m/%d}", "bracket": f"[{d:%Y-%m-%d}]"}[style]
    return ('<ul class="news-list">' + "".join(
        f'<li><span class="dot"></span><a href="{escape(x.path)}" target="_blank" title="{escape(x.title)}">'
        f'{escape(x.title)}</a><span class="time">{when(x.day)}</span></li>' for x in docs) + "</ul>")


def table_list(docs: list[Doc], head: tuple[str, str] = ("标题", "发布日期")) -> str:
    """A table list: title in one cell, date in another."""
    rows = "".join(f'<tr><td class="t"><a href="{escape(x.path)}">{escape(x.title)}</a></td><td>{x.day:%Y-%m-%d}</td></tr>'
                   for x in docs)
    return f'<table class="gk-list"><tr><th>{head[0]}</th><th>{head[1]}</th></tr>{rows}</table>'


def links(items: list[tuple[str, str]], cls: str = "sub-nav") -> str:
    return f'<div class="{cls}">' + "".join(f'<a href="{escape(h)}">{escape(n)}</a> ' for n, h in items) + "</div>"


# -------------------------------------------------------------------------------------------- the district

GK = [("政务公开", "/zwgk/")]
# 法定主动公开内容, split into sub-columns under names real portals use (slug, name)
FDZD = [("jggk", "机构概况"), ("zcfg", "政策法规"), ("ghjh", "规划计划"), ("tjxx", "统计信息"), ("sgs", "双公示"),
        ("sfml", "收费目录清单"), ("zbcg", "招标采购"), ("zdxm", "重大建设项目"), ("msbz", "民生保障"),
        ("tfsj", "突发事件应对"), ("srsj", "双随机一公开"), ("rsxx", "人事信息"), ("cxjs", "城乡建设"),
        ("ggfw", "公共文化服务"), ("gysy", "社会公益事业"), ("zdxx", "征地信息"), ("fwzs", "房屋征收与补偿"),
        ("shza", "社会治安"), ("shjz", "社会救助")]
# 重点领域信息公开 (slug, name)
ZDLY = [("zfbz", "住房保障"), ("spaq", "食品安全"), ("jy", "教育"), ("shbx", "社会保险"),
        ("aqsc", "安全生产"), ("sthj", "生态环境"), ("jyta", "人大建议和政协提案"), ("jdhy", "解读回应")]
AREAS_26 = ["城乡规划", "农村集体土地征收", "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "救灾",
            "国有土地上房屋征收与补偿", "保障性住房", "农村危房改造", "生态环境", "公共文化服务", "公共法律服务",
            "社会救助", "养老服务", "食品药品监管", "城市综合执法", "市政服务", "就业", "社会保险", "扶贫", "涉农补贴",
            "义务教育", "卫生健康", "户籍管理", "税收管理"]
AREAS_26[AREAS_26.index("扶贫")] = "乡村振兴"  # the 2021 name of the 扶贫 area


@dataclass
class Unit:
    name: str  # as the department table lists it
    full: str  # as its documents name it
    root: str  # URL of its folder (ends with /)
    no: int


UNITS = {
    "jyj": Unit("区教育局", "临江区教育局", f"{WWW}/zwgk/bmxxgk/jyj/", 11),
    "czj": Unit("区财政局", "临江区财政局", f"{WWW}/zwgk/bmxxgk/czj/", 12),
    "wjw": Unit("区卫健委", "临江区卫生健康委员会", f"{WJW}/", 13),
    "scjgj": Unit("区市场监管局", "临江区市场监督管理局", f"{WWW}/zwgk/bmxxgk/scjgj/", 14),
    "dcjd": Unit("东城街道", "临江区东城街道办事处", f"{WWW}/zwgk/bmxxgk/dcjd/", 15),
    "nyncj": Unit("区农业农村局", "临江区农业农村局", f"{WWW}/zwgk/bmxxgk/nyncj/", 16),
    "zfb": Unit("区政府办公室", "临江区人民政府办公室", f"{WWW}/zwgk/bmxxgk/zfb/", 17),
    "sfj": Unit("区司法局", "临江区司法局", f"{WWW}/zwgk/bmxxgk/sfj/", 18),
    # a Hanweb-style department: its home and columns are /col/colN/ pages, its documents /art/… pages
    "zjj": Unit("区住建局", "临江区住房和城乡建设局", f"{WWW}/col/col1229017/", 19),
    "rsj": Unit("区人力社保局", "临江区人力资源和社会保障局", f"{WWW}/zwgk/bmxxgk/rsj/", 20),
    # listed as real indexes list them, whatever their organ word (群团, 事业单位, a party committee's 部, 人大)
    "zgh": Unit("区总工会", "临江区总工会", f"{WWW}/zwgk/bmxxgk/zgh/", 21),
    "fl": Unit("区妇联", "临江区妇女联合会", f"{WWW}/zwgk/bmxxgk/fl/", 22),
    "tqw": Unit("团区委", "共青团临江区委员会", f"{WWW}/zwgk/bmxxgk/tqw/", 23),
    "dx": Unit("区委党校", "中共临江区委党校", f"{WWW}/zwgk/bmxxgk/dx/", 24),
    "rmt": Unit("区融媒体中心", "临江区融媒体中心", f"{WWW}/zwgk/bmxxgk/rmt/", 25),
    "qsng": Unit("区青少年宫", "临江区青少年宫", f"{WWW}/zwgk/bmxxgk/qsng/", 26),
    "zfsgb": Unit("区委政法和社会工作部", "中共临江区委政法和社会工作部", f"{WWW}/zwgk/bmxxgk/zfsgb/", 27),
    "rd": Unit("区人大常委会", "临江区人民代表大会常务委员会", f"{WWW}/zwgk/bmxxgk/rd/", 28),
}
# the units whose budgets and final accounts are in the government's central list, under these names
CENTRAL_FISCAL = {"tqw": "共青团临江区委员会", "rd": "临江区人民代表大会常务委员会办公室"}

# the department budget/final-accounts title shapes, by fiscal year
BUDGET_TITLES = ("{u}{y}年部门预算公开说明", "{y}年{u}部门预算", "{u}{y}年度部门预算", "{u}{y}年部门预算及“三公”经费预算",
                 "{u}{y}年度部门预算（含三公经费）", "{u}部门预算（{y}年）")
FINAL_TITLES = ("{u}{y}年度部门决算公开", "{y}年度{u}部门决算", "{u}{y}年部门决算", "{u}{y}年度部门决算报告",
                "{u}{y}年部门决算及“三公”经费决算公开")
REPORT_TITLES = ("{u}{y}年政府信息公开工作年度报告", "{y}年度{u}政府信息公开工作年度报告",
                 "{u}{y}年度政府信息公开工作报告", "{u}关于{y}年政府信息公开工作的年度报告", "{u}{y}年政府信息公开年报")


def fiscal_docs(unit: Unit, base: str, *, final_due: bool = True, sangong: str = SANGONG_ALL,
                column: str = "") -> list[Doc]:
    """A unit's budgets 2024–2026 and final accounts 2023–2025, each year titled in another way."""
    docs = []
    for i, y in enumerate((2026, 2025, 2024)):
        docs.append(Doc(BUDGET_TITLES[(i + unit.no) % len(BUDGET_TITLES)].format(u=unit.full, y=y), f"{base}{y}02/t{y}0220_{unit.no}1.html",
                        date(y, 2, 20), f"{unit.full}{y}年部门预算。" + sangong.format(year=y),
                        [(f"{base}{y}02/P0{y}0220{unit.no}.pdf", f"{y}年部门预算公开表.pdf")], column))
    for i, y in enumerate((2025, 2024, 2023)):
        if y == 2025 and not final_due:
            continue
        docs.append(Doc(FINAL_TITLES[(i + unit.no) % len(FINAL_TITLES)].format(u=unit.full, y=y), f"{base}{y + 1}08/t{y + 1}0828_{unit.no}2.html",
                        date(y + 1, 8, 28), f"{unit.full}{y}年度部门决算。" + SANGONG_ALL.replace("预算", "决算").format(year=y),
                        [(f"{base}{y + 1}08/P0{y + 1}0828{unit.no}.xls", f"{y}年度部门决算公开表.xls")], column))
    return docs


def report_docs(unit: Unit, base: str, years: range, *, pdf_only: int | None = None, column: str = "") -> list[Doc]:
    docs = []
    for i, y in enumerate(years):
        body, files = REPORT_TEXT, []
        if y == pdf_only:
            body = "详见附件。"
            files = [(f"{base}{y + 1}01/P0{y + 1}0120{unit.no}.pdf", f"{unit.full}{y}年政府信息公开工作年度报告.pdf")]
        docs.append(Doc(REPORT_TITLES[i % len(REPORT_TITLES)].format(u=unit.full, y=y),
                        f"{base}{y + 1}01/t{y + 1}0120_{unit.no}9.html", date(y + 1, 1, 20), body, files, column))
    return docs


def build_district(out: Path, as_of: date) -> District:
    out = Path(out)
    w = Writer(out)
    d = lambda days: as_of - timedelta(days=days)  # noqa: E731
    gaps: list[tuple[str, str, str]] = []

    def attachments(docs: list[Doc]) -> None:
        for doc in docs:
            for href, _ in doc.attachments:
                w.file(href, PDF if href.endswith(".pdf") else DOC)

    def column(url: str, name: str, crumbs: list[tuple[str, str]], docs: list[Doc], shape: str = "cn", *,
               source: str = "临江区人民政府办公室", table: bool = False) -> None:
        body = table_list(docs) if shape == "table" else li_list(docs, shape)
        w.page(url, name, name, crumbs, body)
        for doc in docs:
            doc.column = doc.column or name
            w.article(doc, crumbs, source=source, table=table)
        attachments(docs)

    # -- news and notices ----------------------------------------------------------------------------
    news = [Doc(f"临江区召开{['城市更新', '安全生产', '营商环境', '乡村振兴', '民生实事'][i % 5]}工作推进会（第{20 - i}期）",
                f"/xwzx/ljyw/{d(2 + 4 * i):%Y%m}/t{d(2 + 4 * i):%Y%m%d}_{300 + i}.html", d(2 + 4 * i)) for i in range(20)]
    column("/xwzx/ljyw/", "临江要闻", [("新闻中心", "/xwzx/"), ("临江要闻", "/xwzx/ljyw/")], news, "slash")
    notices = [Doc(f"关于{['开展消防安全检查', '调整公交线路', '征集民生实事项目', '做好冬季供暖'][i % 4]}的通告",
                   f"/xwzx/tzgg/{d(240 + 20 * i):%Y%m}/t{d(240 + 20 * i):%Y%m%d}_{400 + i}.html", d(240 + 20 * i),
                   f"现将有关事项通告如下。如有疑问，请与区有关部门联系。联系电话：0571-8800{400 + i}")
               for i in range(6)]
    column("/xwzx/tzgg/", "通知公告", [("新闻中心", "/xwzx/"), ("通知公告", "/xwzx/tzgg/")], notices)
    gaps.append(("UPD-COL-01", "", "通知公告"))  # last notice 240 days old (6 months allowed)
    w.page("/xwzx/", "新闻中心", "新闻中心", [("新闻中心", "/xwzx/")],
           links([("临江要闻", "/xwzx/ljyw/"), ("通知公告", "/xwzx/tzgg/")]))

    # -- 政务公开 ------------------------------------------------------------------------------------------
    w.page("/zwgk/", "政务公开", "政务公开", GK, links([
        ("信息公开指南", "/zwgk/xxgkzn/"), ("信息公开制度", "/zwgk/xxgkzd/"), ("法定主动公开内容", "/zwgk/fdzdgknr/"),
        ("信息公开年报", "/zwgk/xxgknb/"), ("依申请公开", "/zwgk/ysqgk/"),
        ("部门信息公开", "/zwgk/bmxxgk/"), ("预决算公开", "/zwgk/yjsgk/"), ("重点领域信息公开", "/zwgk/zdly/"),
        ("基层政务公开标准目录", "/zwgk/jcml/")]))
    # the guide is the only document of a list, stored (like the reports) in 区政府办公室's folder
    guide = Doc("临江区人民政府信息公开指南（2026年修订）", "/zwgk/bmxxgk/zfb/zn/202602/t20260210_501.html", date(2026, 2, 10),
                GUIDE.format(unit="临江区人民政府", no=8, fax="传真：0571-88886667 "))
    column("/zwgk/xxgkzn/", "信息公开指南", GK + [("信息公开指南", "/zwgk/xxgkzn/")], [guide])
    rules = [Doc(t, f"/zwgk/xxgkzd/{2025 - i}06/t{2025 - i}0615_{510 + i}.html", date(2025 - i, 6, 15)) for i, t in enumerate(
        ["临江区政府信息公开保密审查制度", "临江区政府信息主动公开制度", "临江区政府信息公开申请办理工作规程"])]
    # 区司法局's guide exists only as a notice in the government's 制度 column (as on real portals)
    rules.append(Doc("关于印发《临江区司法局政府信息公开指南》的通知", "/zwgk/xxgkzd/202510/t20251020_520.html",
                     date(2025, 10, 20), "各科室、司法所：现将《临江区司法局政府信息公开指南》印发给你们，请遵照执行。"
                     + GUIDE.format(unit="临江区司法局", no=18, fax="传真号码：0571-88990018 ")))
    column("/zwgk/xxgkzd/", "信息公开制度", GK + [("信息公开制度", "/zwgk/xxgkzd/")], rules, "slash")
    fd = GK + [("法定主动公开内容", "/zwgk/fdzdgknr/")]
    w.page("/zwgk/fdzdgknr/", "法定主动公开内容", "法定主动公开内容", fd,
           links([(name, f"/zwgk/fdzdgknr/{slug}/") for slug, name in FDZD]))
    for n, (slug, name) in enumerate(FDZD):
        docs = [Doc(f"临江区{name}信息（{k + 1}）", f"/zwgk/fdzdgknr/{slug}/{d(10 + 30 * k + n):%Y%m}/"
                    f"t{d(10 + 30 * k + n):%Y%m%d}_{600 + 10 * n + k}.html", d(10 + 30 * k + n)) for k in range(2)]
        column(f"/zwgk/fdzdgknr/{slug}/", name, fd + [(name, f"/zwgk/fdzdgknr/{slug}/")], docs, "table", table=True)
    # the government's 年报 column also lists 区教育局's reports; the government's own reports are stored in the folder
    # of 区政府办公室, the unit that publishes them
    gov_reports = [
        Doc("临江区人民政府2025年政府信息公开工作年度报告", "/zwgk/bmxxgk/zfb/nb/202603/t20260328_701.html", date(2026, 3, 28), REPORT_TEXT),
        Doc("2024年度临江区人民政府政府信息公开工作报告", "/zwgk/bmxxgk/zfb/nb/202503/t20250325_702.html", date(2025, 3, 25), REPORT_TEXT),
        Doc("临江区2023年政府信息公开年报", "/zwgk/bmxxgk/zfb/nb/202403/t20240320_703.html", date(2024, 3, 20), REPORT_TEXT),
        Doc("临江区人民政府关于2022年政府信息公开工作的年度报告", "/zwgk/bmxxgk/zfb/nb/202303/t20230330_704.html", date(2023, 3, 30),
            REPORT_TEXT),
        Doc("2021年度临江区政府信息公开工作年度报告", "/zwgk/bmxxgk/zfb/nb/202203/t20220331_705.html", date(2022, 3, 31), REPORT_TEXT),
    ]
    jyj_reports = report_docs(UNITS["jyj"], "/zwgk/xxgknb/", range(2025, 2020, -1))
    jyj_reports[1].title = f"【{UNITS['jyj'].name}】2024年度政府信息公开工作年度报告"  # the unit as a leading tag
    column("/zwgk/xxgknb/", "信息公开年报", GK + [("信息公开年报", "/zwgk/xxgknb/")],
           sorted(gov_reports + jyj_reports, key=lambda x: x.day, reverse=True), "table")
    # no column named 目录: as on 61号 platforms, 法定主动公开内容 (by category) is the catalogue
    w.page("/zwgk/ysqgk/", "依申请公开", "依申请公开", GK + [("依申请公开", "/zwgk/ysqgk/")],
           "<p>申请人可当面或通过信函提出政府信息公开申请，请填写申请书。</p>"
           + links([("临江区政府信息公开申请书（下载）", "/zwgk/ysqgk/P020250101_sqs.doc")]))
    w.file("/zwgk/ysqgk/P020250101_sqs.doc", DOC)

    # -- 预决算公开: the government's on 区财政局's pages; some departments' in a central list ------------------
    yjs = GK + [("预决算公开", "/zwgk/yjsgk/")]
    w.page("/zwgk/yjsgk/", "预决算公开", "预决算公开", yjs,
           links([("政府预决算", UNITS["czj"].root + "czyjs/"), ("部门预决算", "/zwgk/yjsgk/bmyjs/"),
                  *((f"{y}年部门预算", f"/zwgk/yjsgk/{y}ys/") for y in (2026, 2025, 2024)),
                  *((f"{y}年部门决算", f"/zwgk/yjsgk/{y}js/") for y in (2025, 2024, 2023))]))
    scjgj = fiscal_docs(UNITS["scjgj"], "/zwgk/yjsgk/bmyjs/")
    scjgj[0].title = f"2026年部门预算—{UNITS['scjgj'].full}"  # the unit after a dash
    scjgj[3].title = f"【{UNITS['scjgj'].name}】2025年度部门决算"  # the unit as a leading tag
    central = scjgj + fiscal_docs(UNITS["dcjd"], "/zwgk/yjsgk/bmyjs/", final_due=False)
    for key, name in CENTRAL_FISCAL.items():  # 共青团…委员会 for 团区委; the 人大常委会's office for the 人大常委会
        central += fiscal_docs(replace(UNITS[key], full=name), "/zwgk/yjsgk/bmyjs/")
    gaps.append(("FIS-DEPT-02", "东城街道", "2025年部门决算"))
    column("/zwgk/yjsgk/bmyjs/", "部门预决算", yjs + [("部门预决算", "/zwgk/yjsgk/bmyjs/")],
           sorted(central, key=lambda x: x.day, reverse=True))
    # one column a year (2026年部门预算, 2025年部门决算 …) whose entries are only the units' names
    by_year = [(f"{y}年部门预算", f"/zwgk/yjsgk/{y}ys/", date(y, 2, 26)) for y in (2026, 2025, 2024)]
    by_year += [(f"{y}年部门决算", f"/zwgk/yjsgk/{y}js/", date(y + 1, 8, 26)) for y in (2025, 2024, 2023)]
    for name, url, day in by_year:
        docs = [Doc(unit, f"{url}t{day:%Y%m%d}_{k}.html", day, f"{name}：{unit}。" + SANGONG_ALL.format(year=name[:4]))
                for k, unit in enumerate((UNITS["rsj"].full, "临江区档案馆", "临江区机关事务服务中心"))]
        column(url, name, yjs + [(name, url)], docs, "table")

    # -- 重点领域, 标准目录 ----------------------------------------------------------------------------------------
    zd = GK + [("重点领域信息公开", "/zwgk/zdly/")]
    w.page("/zwgk/zdly/", "重点领域信息公开", "重点领域信息公开", zd, links([(n, f"/zwgk/zdly/{s}/") for s, n in ZDLY]))
    for n, (slug, name) in enumerate(ZDLY):
        titles = [f"{name}：临江区{2026 - k}年第{k + 1}批信息公示" for k in range(2)]
        if slug == "jy":  # no 教育收费 column: the school-fee notices are in the broader 教育 column
            titles = ["临江区2026年秋季学期中小学收费项目公示", "临江区公办幼儿园保育教育费标准公示"]
        docs = [Doc(titles[k], f"/zwgk/zdly/{slug}/{d(20 + 45 * k + n):%Y%m}/"
                    f"t{d(20 + 45 * k + n):%Y%m%d}_{800 + 10 * n + k}.html", d(20 + 45 * k + n)) for k in range(2)]
        column(f"/zwgk/zdly/{slug}/", name, zd + [(name, f"/zwgk/zdly/{slug}/")], docs)
    rows = "".join(f"<tr><td>{i + 1}</td><td>{a}</td><td>区有关部门</td></tr>" for i, a in enumerate(AREAS_26))
    w.page("/zwgk/jcml/", "临江区基层政务公开标准目录", "基层政务公开标准目录", GK + [("基层政务公开标准目录", "/zwgk/jcml/")],
           f"<p>临江区全面推进基层政务公开标准化规范化工作，编制26个试点领域政务公开事项标准目录。</p>"
           f"<table><tr><th>序号</th><th>领域</th><th>公开主体</th></tr>{rows}</table>", pub=date(2025, 12, 30))

    # 政府网站工作年度报表 (国办函〔2018〕12号): linked from every footer; a table list of short titles (2025年度报表)
    web_reports = [Doc(f"{y}年度报表", f"/zwgk/wzndbb/{y + 1}01/t{y + 1}0116_{960 + y - 2020}.html", date(y + 1, 1, 16),
                       f"临江区人民政府门户网站政府网站工作年度报表（{y}年度）：信息发布、专栏专题、解读回应、办事服务、互动交流情况。")
                   for y in range(2025, 2021, -1)]
    column("/zwgk/wzndbb/", "政府网站年度报表", GK + [("政府网站年度报表", "/zwgk/wzndbb/")], web_reports, "table")

    # -- 政务服务, 政民互动 ------------------------------------------------------------------------------------
    fw = [("在线办事", "/zwfw/")]
    services = [Doc(f"{name}办事指南", f"/zwfw/bszn/t2026{m:02d}10_{900 + m}.html", date(2026, m, 10),
                    SERVICE_GUIDE.format(name=name, unit=unit))
                for m, (name, unit) in enumerate([("民办学校设立审批", "临江区教育局"), ("医疗机构执业登记", "临江区卫生健康委员会"),
                                                  ("食品经营许可", "临江区市场监督管理局")], start=3)]
    # notices of the column that give a 联系电话 and a 办理地点: no guides, never judged as ones
    services += [Doc(f"关于{topic}的通知", f"/zwfw/tzgg/t{d(6 + 9 * k):%Y%m%d}_{920 + k}.html", d(6 + 9 * k),
                     f"因{topic}，区行政服务中心相关窗口暂停受理。办理地点：临江区行政服务中心一楼。联系电话：0571-8800{920 + k}")
                 for k, topic in enumerate(["系统升级", "设备检修", "窗口调整", "场地改造", "网络维护"])]
    column("/zwfw/", "在线办事", fw, services)
    forms = [Doc("临江区政府信息公开申请书（样表）", "/zwfw/wjxz/201907/t20190715_950.html", date(2019, 7, 15)),
             Doc("临江区行政复议申请书（样表）", "/zwfw/wjxz/201803/t20180302_951.html", date(2018, 3, 2)),
             Doc("临江区信访事项复查申请书（样表）", "/zwfw/wjxz/201711/t20171120_952.html", date(2017, 11, 20))]
    column("/zwfw/wjxz/", "文件下载", fw + [("文件下载", "/zwfw/wjxz/")], forms)  # forms, not 政策文件: no period
    hd = [("互动交流", "/zmhd/")]
    w.page("/zmhd/", "互动交流", "互动交流", hd, links([("网上咨询", "/zmhd/qzxx/"), ("征集调查", "/zmhd/myzj/")]))
    letters = []
    for i in range(8):
        asked, answered = d(12 + 25 * i), d(5 + 25 * i)
        letters.append((Doc(f"关于{['小区停车难', '学校周边交通', '老旧小区加装电梯', '菜市场改造'][i % 4]}问题的咨询",
                            f"/zmhd/qzxx/detail_{1000 + i}.html", asked,
                            f"来信时间：{asked:%Y-%m-%d} 回复时间：{answered:%Y-%m-%d} 回复单位：临江区人民政府办公室 您好，来信收悉。"),
                        answered))
    rows = "".join(f'<tr><td><a href="{x.path}">{escape(x.title)}</a></td><td>{x.day:%Y-%m-%d}</td><td>已回复</td>'
                   f"<td>{ans:%Y-%m-%d}</td></tr>" for x, ans in letters)
    pending = Doc("关于小区停车难问题的咨询", "/zmhd/qzxx/detail_1100.html", d(9), "来信时间：" + f"{d(9):%Y-%m-%d} 办理中")
    rows = (f'<tr><td><a href="{pending.path}">{pending.title}</a></td><td>{pending.day:%Y-%m-%d}</td><td>办理中</td>'
            "<td></td></tr>" + rows)
    letters.append((pending, None))
    qz = hd + [("网上咨询", "/zmhd/qzxx/")]
    w.page("/zmhd/qzxx/", "网上咨询", "网上咨询", qz,
           f'<table class="xx-list"><tr><th>信件标题</th><th>提交时间</th><th>状态</th><th>回复时间</th></tr>{rows}</table>')
    for x, _ in letters:
        w.article(x, qz)
    myzj = [Doc("关于《临江区城市更新行动方案（征求意见稿）》公开征求意见的公告", f"/zmhd/myzj/t{d(30):%Y%m%d}_1100.html", d(30))]
    column("/zmhd/myzj/", "征集调查", hd + [("征集调查", "/zmhd/myzj/")], myzj)

    # -- departments ---------------------------------------------------------------------------------------------
    _departments(w, d, column, attachments, gaps)

    # -- home page --------------------------------------------------------------------------------------------
    def short(docs: list[Doc]) -> str:
        return '<ul class="index-list">' + "".join(
            f'<li><a href="{escape(x.path)}">{escape(x.title)}</a><span>[{x.day:%m-%d}]</span></li>' for x in docs) + "</ul>"

    def cn(docs: list[Doc]) -> str:
        return '<ul class="index-list">' + "".join(
            f'<li><a href="{escape(x.path)}">{escape(x.title)}</a><em>{ymd_cn(x.day)}</em></li>' for x in docs) + "</ul>"

    home = (
        '<form name="searchform" action="/was5/web/search" method="get" target="_blank">'
        '<input type="hidden" name="channelid" value="200001"><input type="text" name="searchword" placeholder="请输入关键字">'
        '<input type="submit" value="搜 索"></form>'
        + links([("政务公开", "/zwgk/"), ("在线办事", "/zwfw/"), ("互动交流", "/zmhd/"), ("部门信息公开", "/zwgk/bmxxgk/"),
                 ("信息公开指南", "/zwgk/xxgkzn/"), ("预决算公开", "/zwgk/yjsgk/"), ("文件下载", "/zwfw/wjxz/")], "main-nav")
        + '<div class="index-box"><div class="hd"><a href="/xwzx/ljyw/">临江要闻</a></div>' + short(news[:7]) + "</div>"
        + '<div class="index-box"><div class="hd"><a href="/xwzx/tzgg/">通知公告</a></div>' + cn(notices[:5]) + "</div>"
    )
    w.page("/", "首页", "首页", [], home)
    w.file("/robots.txt", "User-agent: *\nDisallow: /was5/\n")
    w.page("/lxwm/", "联系我们", "联系我们", [("联系我们", "/lxwm/")],
           "<p>临江区人民政府办公室 地址：临江区滨江路8号 邮编：310000 电话：0571-88886666</p>")
    w.page("/wzdt/", "网站地图", "网站地图", [("网站地图", "/wzdt/")],
           links([("政务公开", "/zwgk/"), ("在线办事", "/zwfw/"), ("互动交流", "/zmhd/"), ("新闻中心", "/xwzx/")]))

    gaps.append(("ID-FOOT-01", "", "公安机关备案"))  # the footer gives no 公网安备 number
    # pages the crawl cannot read: what they hold must be unknown, never missing
    behaviors = {
        "/zwgk/bmxxgk/czj/gknb/": {"status": 503},  # 区财政局's only 年报 list
        "/zwgk/zdly/spaq/": {"status": 412, "body": "<html><body>Request blocked</body></html>"},  # the only 食品安全 column
    }
    return District(hosts=dict(w.roots), as_of=as_of, behaviors=behaviors, expected={
        "gaps": gaps,
        "departments": {u.name: u.root for k, u in UNITS.items() if k != "nyncj"},
        "select_only_department": (UNITS["nyncj"].name, UNITS["nyncj"].root),
        "unfetched": {WWW + path: b["status"] for path, b in behaviors.items()},
    })


def _departments(w: Writer, d, column, attachments, gaps: list[tuple[str, str, str]]) -> None:
    """The department table (and select box), and each department's own pages."""
    bm = GK + [("部门信息公开", "/zwgk/bmxxgk/")]
    listed = [u for k, u in UNITS.items() if k != "nyncj"]
    cells = "".join(f'<td><a href="{u.root}index.html" target="_blank">{u.name}</a></td>' for u in listed)
    options = "".join(f'<option value="{u.root}">{u.name}</option>' for u in UNITS.values())
    w.page("/zwgk/bmxxgk/", "部门信息公开", "部门信息公开", bm,
           f'<table class="bm-table"><tr>{cells}</tr></table>'
           f'<select onchange="window.open(this.options[this.selectedIndex].value)"><option>—部门网站—</option>{options}</select>')

    def home_of(u: Unit, columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
        crumbs = [(u.name, u.root + "index.html")] if u.root.startswith(WJW) else bm + [(u.name, u.root + "index.html")]
        w.page(u.root + "index.html", u.name, u.name, crumbs, links(columns))
        return crumbs

    def guide(u: Unit, crumbs: list[tuple[str, str]], url: str, *, fax: bool = True, name: str = "信息公开指南") -> Doc:
        doc = Doc(f"{u.full}政府信息公开指南", url, date(2025, 9, 1) + timedelta(days=u.no),
                  GUIDE.format(unit=u.full, no=u.no, fax=f"传真号码：0571-8899{u.no:04d} " if fax else ""), column=name)
        w.article(doc, crumbs + [(name, url)], source=u.full)
        return doc

    def news(u: Unit, crumbs: list[tuple[str, str]], name: str) -> None:
        docs = [Doc(f"{u.full}{['召开专题会议', '开展业务培训', '部署重点工作'][k % 3]}", f"{u.root}gzdt/t{d(3 + 5 * k):%Y%m%d}_{u.no}{k}.html",
                    d(3 + 5 * k)) for k in range(4)]
        column(u.root + "gzdt/", name, crumbs + [(name, u.root + "gzdt/")], docs, "cn", source=u.full)

    # 区教育局: guide without a fax number (planted); its annual reports are in the government's 年报 list
    u = UNITS["jyj"]
    crumbs = home_of(u, [("机构职能", u.root + "jgzn/"), ("教育动态", u.root + "gzdt/"), ("信息公开指南", u.root + "xxgkzn.html"),
                         ("部门预决算", u.root + "yjs/"), ("信息公开年报", "/zwgk/xxgknb/")])
    w.page(u.root + "jgzn/", "机构职能", "机构职能", crumbs + [("机构职能", u.root + "jgzn/")],
           "<p>主要职责：贯彻执行国家和省、市有关教育工作的方针政策。内设机构：办公室、基础教育科。</p>")
    news(u, crumbs, "教育动态")
    guide(u, crumbs, u.root + "xxgkzn.html", fax=False)
    gaps.append(("GK-GUIDE-02", u.name, "指南要素"))
    column(u.root + "yjs/", "部门预决算", crumbs + [("部门预决算", u.root + "yjs/")], fiscal_docs(u, u.root + "yjs/"),
           "slash", source=u.full)

    # 区财政局: publishes the government's budget and final accounts, and its own
    u = UNITS["czj"]
    crumbs = home_of(u, [("政府信息公开指南", u.root + "gkzn/"), ("政府信息公开年报", u.root + "gknb/"),
                         ("财政预决算", u.root + "czyjs/")])
    g = guide(u, crumbs, u.root + "gkzn/t20250913_1.html", name="政府信息公开指南")
    column(u.root + "gkzn/", "政府信息公开指南", crumbs + [("政府信息公开指南", u.root + "gkzn/")], [g], source=u.full)
    column(u.root + "gknb/", "政府信息公开年报", crumbs + [("政府信息公开年报", u.root + "gknb/")],
           report_docs(u, u.root + "gknb/", range(2025, 2020, -1)), "bracket", source=u.full)
    sangong = SANGONG_ALL.replace("“三公”经费预算情况说明", "全区一般公共预算安排的“三公”经费")
    gov = [
        Doc("关于临江区2025年预算执行情况和2026年预算草案的报告", u.root + "czyjs/202601/t20260125_1.html", date(2026, 1, 25),
            "2026年全区一般公共预算收入安排……" + sangong.format(year=2026), [(u.root + "czyjs/202601/P020260125.pdf", "报告全文.pdf")]),
        Doc("临江区2026年预算公开", u.root + "czyjs/202602/t20260210_2.html", date(2026, 2, 10),
            "公开2026年一般公共预算收支表、政府性基金预算收支表、国有资本经营预算收支表。" + sangong.format(year=2026),
            [(u.root + "czyjs/202602/P020260210.xls", "临江区2026年预算公开表.xls")]),
        Doc("关于临江区2025年财政决算的报告", u.root + "czyjs/202609/t20260918_3.html", date(2026, 9, 18),
            "2025年全区一般公共预算收入完成……严格控制一般性支出，严控公务接待和公务用车支出，“三公”经费只减不增。",
            [(u.root + "czyjs/202609/P020260918.xls", "临江区2025年决算公开表.xls")]),
        Doc("临江区2025年区级预算", u.root + "czyjs/202502/t20250212_4.html", date(2025, 2, 12)),
        Doc("2024年临江区一般公共预算和政府性基金预算", u.root + "czyjs/202402/t20240208_5.html", date(2024, 2, 8)),
        Doc("临江区2024年区本级决算公开", u.root + "czyjs/202509/t20250919_6.html", date(2025, 9, 19)),
        Doc("临江区2023年度财政总决算", u.root + "czyjs/202409/t20240920_7.html", date(2024, 9, 20)),
    ]
    column(u.root + "czyjs/", "财政预决算", crumbs + [("财政预决算", u.root + "czyjs/")],
           sorted(gov + fiscal_docs(u, u.root + "czyjs/"), key=lambda x: x.day, reverse=True), "table", source=u.full)

    # 区卫健委, on a sub-domain: one 信息公开目录 list holds everything; its 2025 report is only a PDF; its budget's
    # 三公经费 paragraph leaves out 公务接待费 (planted)
    u = UNITS["wjw"]
    crumbs = home_of(u, [("卫健动态", u.root + "gzdt/"), ("信息公开目录", u.root + "xxgkml/"), ("返回临江区政府", WWW + "/")])
    news(u, crumbs, "卫健动态")
    ml = crumbs + [("信息公开目录", u.root + "xxgkml/")]
    g = Doc(f"{u.full}政府信息公开指南", u.root + "xxgkml/202509/t20250915_1.html", date(2025, 9, 15),
            GUIDE_OTHER_WORDS.format(unit=u.full, no=u.no))
    docs = [g, *report_docs(u, u.root + "xxgkml/", range(2025, 2020, -1), pdf_only=2025),
            *fiscal_docs(u, u.root + "xxgkml/", sangong=SANGONG_NO_RECEPTION)]
    gaps.append(("FIS-SG-01", u.name, "2026年预算"))
    column(u.root + "xxgkml/", "信息公开目录", ml, sorted(docs, key=lambda x: x.day, reverse=True), "cn", source=u.full,
           table=True)

    # 区市场监管局: no 2025 report (planted); budgets in the government's central list
    u = UNITS["scjgj"]
    crumbs = home_of(u, [("信息公开指南", u.root + "zn.html"), ("信息公开年报", u.root + "nb/")])
    guide(u, crumbs, u.root + "zn.html")
    column(u.root + "nb/", "信息公开年报", crumbs + [("信息公开年报", u.root + "nb/")],
           report_docs(u, u.root + "nb/", range(2024, 2019, -1)), source=u.full)
    gaps.append(("GK-AR-02", u.name, "2025年"))

    # 东城街道 (its documents say 东城街道办事处): budgets in the central list, no 2025 final accounts (planted)
    u = UNITS["dcjd"]
    crumbs = home_of(u, [("信息公开指南", u.root + "zn.html"), ("信息公开年报", u.root + "nb/")])
    pdf_guide = Doc(f"{u.full}政府信息公开指南", u.root + "zn.html", date(2025, 9, 16), "详见附件。",
                    [(u.root + "P020250916.pdf", f"{u.full}政府信息公开指南.pdf")], "信息公开指南")
    w.article(pdf_guide, crumbs + [("信息公开指南", u.root + "zn.html")], source=u.full)  # the guide is only a PDF
    attachments([pdf_guide])
    reports = report_docs(u, u.root + "nb/", range(2025, 2020, -1))
    reports[0].title = "2025年度政府信息公开工作报告"
    column(u.root + "nb/", "信息公开年报", crumbs + [("信息公开年报", u.root + "nb/")], reports, "slash", source=u.full)

    # 区政府办公室 (its documents say 临江区人民政府办公室)
    u = UNITS["zfb"]
    crumbs = home_of(u, [("信息公开指南", u.root + "zn.html"), ("信息公开年报", u.root + "nb/"), ("部门预决算", u.root + "yjs/")])
    guide(u, crumbs, u.root + "zn.html")
    column(u.root + "nb/", "信息公开年报", crumbs + [("信息公开年报", u.root + "nb/")],
           report_docs(u, u.root + "nb/", range(2025, 2020, -1)), source=u.full)
    column(u.root + "yjs/", "部门预决算", crumbs + [("部门预决算", u.root + "yjs/")], fiscal_docs(u, u.root + "yjs/"),
           "bracket", source=u.full)

    # 区住建局 (Hanweb layout): nothing of it but its home page lies under its own folder; the columns and documents
    # are found by the breadcrumb (… > 区住建局 > …); its documents do not name it
    u = UNITS["zjj"]
    crumbs = home_of(u, [("政府信息公开指南", "/col/col1229018/index.html"), ("政府信息公开年报", "/col/col1229019/index.html"),
                         ("部门预决算", "/col/col1229020/index.html")])

    def art(col: int, day: date, n: int) -> str:
        return f"/art/{day.year}/{day.month}/{day.day}/art_{col}_{n}.html"

    guide_doc = Doc("政府信息公开指南", art(1229018, date(2025, 11, 3), 1), date(2025, 11, 3),
                    GUIDE.format(unit=u.full, no=u.no, fax="传真：0571-88990019 "))
    column("/col/col1229018/index.html", "政府信息公开指南", crumbs + [("政府信息公开指南", "/col/col1229018/index.html")],
           [guide_doc], source=u.full)
    reports = [Doc(f"{y}年度政府信息公开工作年度报告", art(1229019, date(y + 1, 1, 26), y), date(y + 1, 1, 26), REPORT_TEXT)
               for y in range(2025, 2020, -1)]
    column("/col/col1229019/index.html", "政府信息公开年报", crumbs + [("政府信息公开年报", "/col/col1229019/index.html")],
           reports, "table", source=u.full)
    fiscal = [Doc(f"{y}年部门预算", art(1229020, date(y, 2, 25), y), date(y, 2, 25), SANGONG_ALL.format(year=y))
              for y in (2026, 2025, 2024)]
    fiscal += [Doc(f"{y}年度部门决算", art(1229020, date(y + 1, 8, 27), y + 10), date(y + 1, 8, 27),
                   SANGONG_ALL.replace("预算", "决算").format(year=y)) for y in (2025, 2024, 2023)]
    column("/col/col1229020/index.html", "部门预决算", crumbs + [("部门预决算", "/col/col1229020/index.html")], fiscal,
           source=u.full)

    # 区人力社保局 (its documents say 人力资源和社会保障局): budgets in the yearly columns, listed by its name only
    u = UNITS["rsj"]
    crumbs = home_of(u, [("信息公开指南", u.root + "zn.html"), ("信息公开年报", u.root + "nb/")])
    guide(u, crumbs, u.root + "zn.html")
    reports = report_docs(u, u.root + "nb/", range(2025, 2020, -1))
    reports[0].title = f"{u.full}关于2025年度政府信息公开工作情况的报告"
    reports[1].title = f"{u.full}政府信息公开2024年度报告"
    column(u.root + "nb/", "信息公开年报", crumbs + [("信息公开年报", u.root + "nb/")], reports, "cn", source=u.full)

    # 区司法局: its guide only in the government's 制度 column; news listed without dates; its 2025 report on the
    # deadline day; its budgets and final accounts are PDF files listed by year only
    u = UNITS["sfj"]
    crumbs = home_of(u, [("司法行政动态", u.root + "gzdt/"), ("信息公开年报", u.root + "nb/"), ("预决算公开", u.root + "yjs/")])
    undated = [Doc(f"临江区司法局开展“法律进社区”活动（{k + 1}）", f"{u.root}gzdt/{d(2 + 6 * k):%Y%m}/t{d(2 + 6 * k):%Y%m%d}_{k}.html",
                   d(2 + 6 * k), column="司法行政动态") for k in range(3)]
    w.page(u.root + "gzdt/", "司法行政动态", "司法行政动态", crumbs + [("司法行政动态", u.root + "gzdt/")],
           '<ul class="list">' + "".join(f'<li><a href="{x.path}">{x.title}</a></li>' for x in undated) + "</ul>")
    for x in undated:
        w.article(x, crumbs + [("司法行政动态", u.root + "gzdt/")], source=u.full)
    reports = report_docs(u, u.root + "nb/", range(2025, 2020, -1))
    reports[0].day = date(2026, 1, 31)
    column(u.root + "nb/", "信息公开年报", crumbs + [("信息公开年报", u.root + "nb/")], reports, source=u.full)
    files = [(f"{u.root}yjs/P0{y}0221.pdf", f"{y}年部门预算", date(y, 2, 21)) for y in (2026, 2025, 2024)]
    files += [(f"{u.root}yjs/P0{y + 1}0829.pdf", f"{y}年部门决算", date(y + 1, 8, 29)) for y in (2025, 2024, 2023)]
    w.page(u.root + "yjs/", "预决算公开", "预决算公开", crumbs + [("预决算公开", u.root + "yjs/")],
           '<ul class="list">' + "".join(f'<li><a href="{h}">{a}</a><span>{ymd_cn(day)}</span></li>' for h, a, day in files)
           + "</ul>")
    for h, _, _ in files:
        w.file(h, PDF)

    # 区农业农村局: only in the select box; complete
    u = UNITS["nyncj"]
    crumbs = home_of(u, [("信息公开指南", u.root + "zn.html"), ("信息公开年报", u.root + "nb/"), ("部门预决算", u.root + "yjs/")])
    guide(u, crumbs, u.root + "zn.html")
    column(u.root + "nb/", "信息公开年报", crumbs + [("信息公开年报", u.root + "nb/")],
           report_docs(u, u.root + "nb/", range(2025, 2020, -1)), source=u.full)
    column(u.root + "yjs/", "部门预决算", crumbs + [("部门预决算", u.root + "yjs/")], fiscal_docs(u, u.root + "yjs/"),
           source=u.full)

    # units that are no 局/委/办 (群团, 事业单位, a party committee's 部, the 人大): each complete, named in full
    for key in ("zgh", "fl", "tqw", "dx", "rmt", "qsng", "zfsgb", "rd"):
        u = UNITS[key]
        columns = [("信息公开指南", u.root + "zn.html"), ("信息公开年报", u.root + "nb/")]
        if key not in CENTRAL_FISCAL:
            columns.append(("部门预决算", u.root + "yjs/"))
        crumbs = home_of(u, columns)
        guide(u, crumbs, u.root + "zn.html")
        column(u.root + "nb/", "信息公开年报", crumbs + [("信息公开年报", u.root + "nb/")],
               report_docs(u, u.root + "nb/", range(2025, 2020, -1)), source=u.full)
        if key not in CENTRAL_FISCAL:
            column(u.root + "yjs/", "部门预决算", crumbs + [("部门预决算", u.root + "yjs/")], fiscal_docs(u, u.root + "yjs/"),
                   source=u.full)
