"""Made-up but well-formed text for the demo district: identity, departments, titles, bodies, files.

Everything is drawn from a ``random.Random`` the caller seeds, so the same seed gives the same site.
"""

from __future__ import annotations

import random
import struct
import zlib
from dataclasses import dataclass
from datetime import date

DOMAIN = "www.shifan.gov.cn"
SITE_CODE = "2112990001"  # 政府网站标识码, 10 digits (21 = 辽宁)
ICP = "辽ICP备05012345号-1"
POLICE_RECORD_NO = "21129902000123"  # 14 digits
POLICE_RECORD = f"辽公网安备 {POLICE_RECORD_NO}号"
CONAC_URL = "https://bszs.conac.cn/sitename?method=show&id=5F1A2B3C4D5E6F708192A3B4C5D6E7F8"
PHONE = "024-86120000"


@dataclass(frozen=True)
class Department:
    code: str  # path segment under /bm/
    short: str  # 教育局
    name: str  # 示范区教育局
    phone: str
    fax: str
    email: str

    @property
    def root(self) -> str:
        return f"/bm/{self.code}/"


DEPARTMENT_SPECS = (
    ("jyj", "教育局"),
    ("wjw", "卫生健康委员会"),
    ("rsj", "人力资源和社会保障局"),
    ("zjj", "住房和城乡建设局"),
    ("scjgj", "市场监督管理局"),
    ("yjj", "应急管理局"),
)


def departments(region: str) -> list[Department]:
    return [
        Department(
            code=code,
            short=short,
            name=f"{region}{short}",
            phone=f"024-8612{1100 + 11 * i:04d}",
            fax=f"024-8612{1150 + 11 * i:04d}",
            email=f"{code}@shifan.gov.cn",
        )
        for i, (code, short) in enumerate(DEPARTMENT_SPECS)
    ]


TOPICS = (
    "优化营商环境", "安全生产", "城市更新", "乡村振兴", "民生实事", "防汛备汛", "森林防火", "文明城市创建",
    "就业创业", "招商引资", "基层治理", "生态环境保护", "消防安全", "食品安全", "老旧小区改造", "义务教育",
    "医疗服务", "养老服务", "社会救助", "燃气安全",
)  # fmt: skip
PLACES = ("东湖街道", "西山街道", "南岭街道", "北塔街道", "新城街道", "河口镇", "柳庄镇", "经济开发区")
EVENTS = ("春季招聘会", "群众文化节", "全民健身运动会", "志愿服务月活动", "法治宣传日活动", "科普周活动")
PROJECTS = (
    "示范区第三中学新建教学楼工程", "河口污水处理厂提标改造工程", "城东片区棚户区改造项目", "滨河路综合管廊工程",
    "示范区人民医院门诊楼扩建工程", "北塔街道老旧小区改造项目", "经济开发区标准化厂房项目", "柳庄镇供水管网改造工程",
)  # fmt: skip
RULES = (
    "政府信息公开保密审查制度", "政府信息主动公开工作制度", "政府信息依申请公开工作规程",
    "政府信息公开发布协调制度", "政务舆情收集研判和回应制度", "政府信息公开工作考核制度",
)  # fmt: skip
SERVICES = (
    "城乡居民基本养老保险参保登记", "个体工商户设立登记", "残疾人证新办", "最低生活保障申请", "临时救助申请",
    "建设工程施工许可", "中小学教师资格认定", "公共场所卫生许可", "失业保险金申领", "食品经营许可",
)  # fmt: skip


# more 法定主动公开内容 columns (条例 第二十条) and the key areas (第二十一条, the seed report): few items each
AREA_ITEMS = 2
FD_EXTRA = (
    ("xzsyxsf", "行政事业性收费"), ("zfcg", "政府采购"), ("yjgl", "应急管理"), ("jdjc", "监督检查"), ("rsxx", "人事信息"),
    ("shbz", "社会保障"),
)  # fmt: skip
KEY_AREAS = (
    ("bzxzf", "保障性住房"), ("spypaq", "食品药品安全"), ("jysf", "教育收费"), ("shjz", "社会救助"), ("aqsc", "安全生产"),
    ("sthj", "生态环境"), ("jyta", "建议提案办理"), ("zcjd", "政策解读"), ("szjs", "市政建设"), ("ggfw", "公共服务"),
    ("gysy", "公益事业"), ("tdzs", "土地征收"), ("fwzs", "房屋征收"), ("zagl", "治安管理"),
)  # fmt: skip

def _pick(rng: random.Random, seq: tuple[str, ...]) -> str:
    return seq[rng.randrange(len(seq))]


def news_title(rng: random.Random, d: date, region: str) -> str:
    t, p, e = _pick(rng, TOPICS), _pick(rng, PLACES), _pick(rng, EVENTS)
    forms = (
        f"{region}召开{t}工作推进会",
        f"{region}主要领导到{p}调研{t}工作",
        f"{region}政府常务会议研究部署{t}等工作",
        f"{region}举办{d.year}年{e}",
        f"{p}扎实推进{t}工作取得新进展",
        f"{region}{d.month}月份重点项目集中开工",
    )
    return _pick(rng, forms)


def notice_title(rng: random.Random, d: date, region: str) -> str:
    t, e = _pick(rng, TOPICS), _pick(rng, EVENTS)
    forms = (
        f"关于开展{t}专项检查的通知",
        f"关于做好{d.year}年度{t}工作的通知",
        f"{region}{d.year}年公开招聘社区工作者公告",
        f"关于举办{region}{e}的通知",
        f"关于{d.year}年{t}专项资金拟补助对象的公示",
        f"关于征求《{region}{t}实施方案（征求意见稿）》意见的公告",
    )
    return _pick(rng, forms)


def department_news_title(rng: random.Random, d: date, dept: Department) -> str:
    t, p = _pick(rng, TOPICS), _pick(rng, PLACES)
    forms = (
        f"{dept.name}开展{t}专项检查",
        f"{dept.name}召开{d.year}年{t}工作会议",
        f"{dept.name}组织{t}业务培训",
        f"{dept.name}深入{p}开展{t}宣传",
    )
    return _pick(rng, forms)


def department_notice_title(rng: random.Random, d: date, dept: Department) -> str:
    t = _pick(rng, TOPICS)
    forms = (
        f"{dept.name}关于开展{t}工作的通知",
        f"{dept.name}关于{d.year}年{t}工作安排的通知",
        f"{dept.name}关于{t}有关事项的公告",
    )
    return _pick(rng, forms)


def policy_title(rng: random.Random, d: date, region: str) -> tuple[str, str]:
    """A policy document's title and its 文号."""
    t = _pick(rng, TOPICS)
    number = f"{region[0]}政办发〔{d.year}〕{rng.randint(1, 60)}号"
    forms = (
        f"{region}人民政府办公室关于印发{region}{t}实施方案的通知",
        f"{region}人民政府关于进一步加强{t}工作的意见",
        f"{region}人民政府办公室关于印发{region}{t}管理办法的通知",
    )
    return _pick(rng, forms), number


def plan_title(rng: random.Random, d: date, region: str) -> str:
    t = _pick(rng, TOPICS)
    return _pick(rng, (f"{region}{d.year}年{t}工作计划", f"{region}{t}专项规划（{d.year}—{d.year + 4}年）"))


def project_title(rng: random.Random, d: date, region: str) -> str:
    p = _pick(rng, PROJECTS)
    return _pick(rng, (f"{p}批准结果公示", f"{p}施工进展情况", f"{p}招标投标信息公开", f"{p}竣工验收信息"))


def enforcement_title(rng: random.Random, d: date, region: str) -> str:
    forms = (
        f"行政处罚决定书（{region[0]}市监罚〔{d.year}〕{rng.randint(1, 300)}号）",
        f"{d.year}年{d.month}月行政许可结果公示",
        f"{d.year}年第{(d.month - 1) // 3 + 1}季度“双随机、一公开”抽查结果公示",
    )
    return _pick(rng, forms)


def statistics_title(rng: random.Random, d: date, region: str) -> str:
    y, m = (d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12)
    return f"{y}年1—{m}月{region}经济运行情况" if m > 1 else f"{y}年1月{region}经济运行情况"


def organisation_title(rng: random.Random, d: date, region: str, depts: list[Department]) -> str:
    dept = depts[rng.randrange(len(depts))]
    return _pick(rng, (f"{dept.name}主要职责", f"{dept.name}内设机构", f"{dept.name}领导信息"))


def area_title(rng: random.Random, d: date, region: str, area: str) -> str:
    p = _pick(rng, PLACES)
    forms = (
        f"{region}{d.year}年{d.month}月{area}工作情况",
        f"{p}{area}有关信息公示",
        f"{region}{area}工作进展情况通报（{d.year}年第{(d.month - 1) // 3 + 1}季度）",
    )
    return _pick(rng, forms)


def letter_title(rng: random.Random, d: date, region: str) -> str:
    p, t = _pick(rng, PLACES), _pick(rng, TOPICS)
    return _pick(rng, (f"关于{p}{t}问题的咨询", f"建议加强{p}{t}工作", f"{p}居民反映{t}有关问题"))


def paragraphs(rng: random.Random, title: str, d: date, region: str, count: int = 3) -> list[str]:
    t, p = _pick(rng, TOPICS), _pick(rng, PLACES)
    pool = [
        f"{d.month}月{d.day}日，{region}围绕“{title}”有关工作进行部署，要求各部门提高站位、压实责任、狠抓落实。",
        f"会议指出，要坚持以人民为中心的发展思想，把{t}作为当前的重点任务，确保各项措施落地见效。",
        f"{p}结合实际制定工作方案，建立工作台账，明确时间节点和责任人，推动工作有序开展。",
        "下一步，各单位要加强统筹协调，及时总结经验做法，主动接受社会监督，确保按时保质完成任务。",
        f"据统计，今年以来全区累计开展{t}相关工作{rng.randint(12, 180)}次，惠及群众{rng.randint(2, 90)}千余人次。",
    ]
    rng.shuffle(pool)
    return pool[:count]


def minimal_pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    stream = b"BT /F1 14 Tf 72 770 Td (govaudit demo attachment) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def spreadsheet(title: str, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> bytes:
    """An HTML table saved as .xls, as many government CMSs export them (Excel and WPS open it)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    text = (
        '<html><head><meta charset="utf-8"></head><body>'
        f'<table border="1"><caption>{title}</caption><tr>{head}</tr>{body}</table></body></html>'
    )
    return text.encode("utf-8")


def rtf_document(title: str, lines: list[str]) -> bytes:
    """A small RTF file (saved as .doc, as sites often do) with Chinese text as \\u escapes."""

    def esc(s: str) -> str:
        return "".join(
            c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?" for c in s
        )

    body = "\\par\n".join(esc(x) for x in [title, *lines])
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\n" + body + "\\par\n}").encode("ascii")


def png_1x1() -> bytes:
    """A valid 1x1 transparent PNG, for the seal and record icons in the footer."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
