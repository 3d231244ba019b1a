"""The demo portal's one-off pages: home, overviews, guides, service columns, site map, robots.txt."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import TYPE_CHECKING

from govaudit.demo import content, texts
from govaudit.demo import gaps as plant
from govaudit.demo.content import FD_EXTRA, KEY_AREAS
from govaudit.demo.model import Column
from govaudit.demo.pages import SCRIPT, STYLE

if TYPE_CHECKING:
    from govaudit.demo.site import _Builder

HOME = 8  # items in a home-page block
ZWGK = [("政务公开", "/zwgk/index.html")]
FD = [*ZWGK, ("法定主动公开内容", "/zwgk/fdzdgknr/index.html")]


def add_service_columns(b: _Builder) -> None:
    """办事服务 (service guides with their key elements) and 领导信箱 (answered letters)."""
    bsfw = b.column("bsfw", "办事服务", "/bsfw/", [], "", publisher=f"{b.region}政务服务中心")
    rng = b.rng("bsfw")
    day = b.days_ago(5)
    for i, name in enumerate(content.SERVICES):
        dept = b.depts[i % len(b.depts)]
        b.item(
            bsfw,
            f"{name}办事指南",
            day,
            rng,
            paragraphs=[],
            html=texts.service_guide_html(
                name, dept, b.region, plant.GUIDE_LEFT_OUT if b.gaps and name == plant.POOR_GUIDE else ()
            ),
        )
        day -= timedelta(days=rng.randint(7, 20))
    ldxx = b.column("ldxx", "领导信箱", "/hdjl/ldxx/", [("互动交流", "/hdjl/index.html")], "hdjl")
    rng = b.rng("ldxx")
    day = b.days_ago(plant.QUIET_LETTERS_DAYS if b.gaps else 2)
    for _ in range(b.n):
        title = content.letter_title(rng, day, b.region)
        dept = b.depts[rng.randrange(len(b.depts))]
        asked = day - timedelta(days=rng.randint(1, 12))
        html = texts.letter_html(rng, title, asked, day, dept)
        b.item(ldxx, title, day, rng, paragraphs=[], html=html, source=dept.name)
        day -= timedelta(days=rng.randint(2, 6))


def write_special_pages(b: _Builder) -> None:
    r, cols = b.r, b.columns
    b.write("/robots.txt", "User-agent: *\nDisallow: /admin/\n")
    b.write("/css/style.css", STYLE)
    b.write("/js/common.js", SCRIPT)
    png = content.png_1x1()
    b.write("/images/dzjg.png", png)
    b.write("/images/gaba.png", png)

    def top(key: str, n: int = HOME) -> list:
        return cols[key].items[:n]

    # home page
    gk_links = [
        ("政府信息公开指南", "/zwgk/gkzn/index.html"),
        ("政府信息公开制度", "/zwgk/gkzd/index.html"),
        ("法定主动公开内容", "/zwgk/fdzdgknr/index.html"),
        ("政府信息公开年报", "/zwgk/gknb/index.html"),
        ("财政预决算", "/zwgk/fdzdgknr/czyjs/index.html"),
        ("部门信息公开", "/bmxxgk/index.html"),
    ]
    body = (
        '<div class="banner"><a href="/zt/yshj/index.html">营商环境专题</a></div>\n'
        + r.block("要闻动态", "/xwzx/ywdt/index.html", top("ywdt"), "/")
        + r.block("通知公告", "/xwzx/tzgg/index.html", top("tzgg"), "/")
        + r.block("部门动态", "/xwzx/bmdt/index.html", top("bmdt"), "/")
        + r.block("政策文件", "/zwgk/zcwj/index.html", top("zcwj"), "/")
        + f'<div class="block"><h3>政务公开</h3>\n{r.links(gk_links)}</div>\n'
        + r.block("办事服务", "/bsfw/index.html", top("bsfw", 5), "/")
        + r.block("领导信箱", "/hdjl/ldxx/index.html", top("ldxx", 5), "/")
        + '<p class="wzbb"><a href="/wzndbb/index.html">政府网站工作年度报表</a></p>\n'
    )
    b.write("/index.html", r.document(title="首页", column="首页", crumbs=None, body=body, home=True))

    def overview(path: str, name: str, crumbs: list, body: str, sidebar: str = "zwgk") -> None:
        b.write(
            path,
            r.document(title=name, column=name, crumbs=[*crumbs, (name, path)], body=body, sidebar=sidebar),
        )

    news = "".join(
        r.block(c.name, c.href, c.items[:HOME], "/xwzx/") for c in (cols[k] for k in ("ywdt", "tzgg", "bmdt"))
    )
    overview("/xwzx/index.html", "新闻中心", [], news, "news")

    zwgk = (
        r.block("最新公开", "/zwgk/gkml/index.html", top("gkml", 10), "/zwgk/")
        + r.block("政策文件", "/zwgk/zcwj/index.html", top("zcwj"), "/zwgk/")
        + r.block("政府信息公开年报", "/zwgk/gknb/index.html", top("gknb", 5), "/zwgk/")
        + r.block("财政预决算", "/zwgk/fdzdgknr/czyjs/index.html", top("zfyjs", 6), "/zwgk/")
    )
    page = r.document(title="政府信息公开", column="政府信息公开", crumbs=ZWGK, body=zwgk, sidebar="zwgk")
    b.write("/zwgk/index.html", page)
    fd = "".join(
        r.block(cols[k].name, cols[k].href, top(k, 5), "/zwgk/fdzdgknr/")
        for k in ("jgzn", "zcwj", "ghjh", "zfyjs", "zdjsxm", "xzzf", "tjxx", *(c for c, _ in FD_EXTRA))
    )
    overview("/zwgk/fdzdgknr/index.html", "法定主动公开内容", ZWGK, fd)
    zdly = "".join(r.block(cols[c].name, cols[c].href, top(c, 5), "/zwgk/zdly/") for c, _ in KEY_AREAS)
    overview("/zwgk/zdly/index.html", "重点领域信息公开", ZWGK, zdly)
    cz = "".join(
        r.block(cols[k].name, cols[k].href, top(k), "/zwgk/fdzdgknr/czyjs/") for k in ("zfyjs", "bmyjs")
    )
    overview("/zwgk/fdzdgknr/czyjs/index.html", "财政预决算", FD, cz)

    depts = r.links([(d.name, d.root + "index.html") for d in b.depts], "bmlist")
    overview("/bmxxgk/index.html", "部门信息公开", [], f"<h2>部门信息公开</h2>\n{depts}")
    for d in b.depts:
        duty = d.short.removesuffix("委员会").removesuffix("局")
        intro = (
            f"<h2>{escape(d.name)}</h2>\n<p>{escape(d.name)}是{escape(r.site_name)}工作部门，"
            f"负责全区{escape(duty)}工作。办公电话：{d.phone}。</p>\n"
        )
        links = r.links([(t, h) for t, h, _ in r.sidebars[f"bm:{d.code}"][1]])
        blocks = "".join(
            r.block(cols[f"{d.code}/{c}"].name, cols[f"{d.code}/{c}"].href, top(f"{d.code}/{c}", 5), d.root)
            for c in ("gzdt", "tzgg")
        )
        crumbs = [("部门信息公开", "/bmxxgk/index.html"), (d.name, d.root + "index.html")]
        page = r.document(
            title=d.name, column=d.name, crumbs=crumbs, body=intro + links + blocks, sidebar=f"bm:{d.code}"
        )
        b.write(d.root + "index.html", page)

    hd = r.block("领导信箱", "/hdjl/ldxx/index.html", top("ldxx"), "/hdjl/") + (
        '<form class="letter" action="/hdjl/index.html" method="post"><p>写信须知：请如实填写姓名和联系方式。</p>'
        '<input name="title" placeholder="主题"><textarea name="content"></textarea><button>提交</button></form>\n'
    )
    overview("/hdjl/index.html", "互动交流", [], hd, "hdjl")

    sitemap = [("首页", "/index.html"), ("新闻中心", "/xwzx/index.html"), ("互动交流", "/hdjl/index.html")]
    sitemap += [(t, h) for t, h, _ in r.sidebars["zwgk"][1]]
    for d in b.depts:
        sitemap += [
            (f"{d.name} {t}" if t != d.name else t, h)
            for t, h, _ in [(d.name, d.root + "index.html", 1), *r.sidebars[f"bm:{d.code}"][1]]
        ]
    sitemap += [(c.name, c.href) for c in cols.values() if c.sidebar in ("", "news", "hdjl")]
    sitemap = list(dict.fromkeys(sitemap))
    overview("/wzdt/index.html", "网站地图", [], r.links(sitemap, "sitemap"), "")
    overview("/search/index.html", "站内搜索", [], "<p>请输入关键词进行检索。</p>\n", "")
    login = "<h2>内容管理系统登录</h2>\n<p>仅限内部使用。</p>\n"
    b.write(
        "/admin/index.html",
        r.document(title="后台管理", column="后台管理", crumbs=[("后台管理", "/admin/")], body=login),
    )
    if not b.gaps:
        zt = "<h2>营商环境专题</h2>\n" + r.entries(top("zcwj", 5), "/zt/yshj/")
        overview("/zt/yshj/index.html", "营商环境专题", [], zt, "")


def add_single_pages(b: _Builder) -> None:
    district_guide(b)
    apply_page(b)
    standard_catalogue(b)


def standard_catalogue(b: _Builder) -> None:
    """The 政务公开事项标准目录; with gaps, two areas are left out (the planted JC-CAT-01 gap)."""
    col = Column("政务公开事项标准目录", "/zwgk/bzml/", ZWGK, "zwgk", publisher=b.r.sponsor)
    areas = texts.GRASSROOTS_AREAS
    if b.gaps:
        areas = tuple(a for a in areas if a not in plant.CATALOGUE_LEFT_OUT)
    rng = b.rng("bzml")
    it = b.item(col, f"{b.region}政务公开事项标准目录", b.days_ago(rng.randint(90, 200)), rng, paragraphs=[],
                html=texts.standard_catalogue_html(b.region, areas), fixed_path="/zwgk/bzml/index.html")
    b.singles.append(it)


def district_guide(b: _Builder) -> None:
    col = Column("政府信息公开指南", "/zwgk/gkzn/", ZWGK, "zwgk", publisher=b.r.sponsor, gk=True)
    fax = None if b.gaps else "024-86120001"  # the planted GK-GUIDE-02 gap: no fax number
    office = f"{b.r.sponsor}（{b.region}政务公开办公室）"
    els = texts.guide_elements(office, b.r.address, content.PHONE, fax, "zwgk@shifan.gov.cn")
    html = texts.guide_html(b.r.site_name, els)
    title = f"{b.r.site_name}政府信息公开指南"
    rng = b.rng("gkzn")
    it = b.item(col, title, b.days_ago(35), rng, paragraphs=[], html=html, fixed_path="/zwgk/gkzn/index.html")
    b.singles.append(it)


def apply_page(b: _Builder) -> None:
    col = Column("依申请公开", "/zwgk/ysqgk/", ZWGK, "zwgk", publisher=b.r.sponsor)
    rng = b.rng("ysqgk")
    paras = [
        "公民、法人或者其他组织可以向本机关申请获取相关政府信息。",
        "申请人应当填写《政府信息公开申请表》，当面提交、邮寄或者通过互联网提交。",
        "本机关自收到申请之日起20个工作日内予以答复。",
    ]
    day = b.days_ago(rng.randint(60, 300))
    it = b.item(
        col,
        f"{b.r.site_name}依申请公开办理流程",
        day,
        rng,
        paragraphs=paras,
        fixed_path="/zwgk/ysqgk/index.html",
    )
    b.attach(it, f"{b.region}政府信息公开申请表.doc")
    b.singles.append(it)
