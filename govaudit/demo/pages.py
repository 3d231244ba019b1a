"""HTML of the demo portal: page chrome, list pages, article pages (plain string templates, for speed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from html import escape

from govaudit.demo import content
from govaudit.demo.model import Column, Item

NAV = (
    ("首页", "/index.html"),
    ("新闻中心", "/xwzx/index.html"),
    ("政务公开", "/zwgk/index.html"),
    ("办事服务", "/bsfw/index.html"),
    ("互动交流", "/hdjl/index.html"),
    ("部门信息公开", "/bmxxgk/index.html"),
)

# A sidebar: heading and (label, href, level) rows
Sidebar = tuple[str, Sequence[tuple[str, str, int]]]

STYLE = """body{margin:0;font:14px/1.7 "Microsoft YaHei",SimSun,sans-serif;color:#333;background:#f5f5f5}
a{color:#333;text-decoration:none}a:hover{color:#c00}
.top,.nav ul,.main,.footer{width:1200px;margin:0 auto}
.top{height:110px;background:#b30000;color:#fff}.top h1{margin:0;padding:28px 20px;font-size:32px}
.search{float:right;margin:-70px 20px 0 0}.nav{background:#8c0000}.nav ul{list-style:none;padding:0;display:flex}
.nav li a{display:block;padding:12px 28px;color:#fff;font-size:16px}
.main{background:#fff;padding:16px;overflow:hidden}.position{padding:8px 0;border-bottom:1px solid #ddd}
.leftnav{float:left;width:240px}.leftnav li.l2{padding-left:16px;font-size:13px}.right{margin-left:260px}
.list{list-style:none;padding:0}.list li{border-bottom:1px dashed #ddd;padding:4px 0;overflow:hidden}
.list li span{float:right;color:#999}.block{float:left;width:560px;margin:8px}.more{float:right}
.article h1{text-align:center;font-size:22px}.info{text-align:center;color:#999}.info span{margin:0 12px}
.xxgk-meta{width:100%;border-collapse:collapse}.xxgk-meta th,.xxgk-meta td{border:1px solid #ddd;padding:4px}
.footer{text-align:center;color:#666;padding:20px 0;border-top:3px solid #b30000}.nodata{color:#999}
"""

SCRIPT = """function createPageHTML(nPageCount, nCurrIndex, sPageName, sPageExt) {
  /* the static pager below the list is authoritative; this keeps the TRS call working in browsers */
  if (document.querySelector && document.querySelector('.pager')) { return; }
  for (var i = 0; i < nPageCount; i++) {
    var href = i === 0 ? sPageName + '.' + sPageExt : sPageName + '_' + i + '.' + sPageExt;
    document.write(i === nCurrIndex ? '<span>' + (i + 1) + '</span> ' : '<a href="' + href + '">' + (i + 1) + '</a> ');
  }
}
"""


def ymd(d: date) -> str:
    return d.isoformat()


def relative(href: str, base: str) -> str:
    """TRS writes links inside the page's own directory as ./…; others stay site-absolute."""
    return "./" + href[len(base) :] if href.startswith(base) else href


class Renderer:
    """Renders pages for one district; holds the parts every page shares."""

    def __init__(self, region: str, as_of: date, sidebars: dict[str, Sidebar]) -> None:
        self.region = region
        self.site_name = f"{region}人民政府"
        self.sponsor = f"{region}人民政府办公室"
        self.address = f"辽宁省{region}政府路1号"
        self.sidebars = sidebars
        nav = "".join(f'<li><a href="{h}">{t}</a></li>' for t, h in NAV)
        self._top = (
            f'<div class="top"><h1>{escape(self.site_name)}</h1>'
            '<form class="search" action="/search/index.html" method="get">'
            '<input type="text" name="searchword" placeholder="请输入关键词"><button type="submit">搜索</button>'
            f'</form></div>\n<div class="nav"><ul>{nav}</ul></div>\n'
        )
        self._footer = (
            '<div class="footer">\n'
            '<p><a href="/wzdt/index.html">网站地图</a> | <a href="/hdjl/index.html">联系我们</a>'
            "{admin}</p>\n"
            f"<p>主办单位：{escape(self.sponsor)}　联系电话：{content.PHONE}　地址：{escape(self.address)}</p>\n"
            f"<p>政府网站标识码：{content.SITE_CODE}　"
            f'<a href="https://beian.miit.gov.cn/" target="_blank">{content.ICP}</a>　'
            '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode='
            f'{content.POLICE_RECORD_NO}" target="_blank"><img src="/images/gaba.png" alt="公安备案图标">'
            f"{content.POLICE_RECORD}</a></p>\n"
            f"<p>版权所有：{escape(self.site_name)} ©{as_of.year}</p>\n"
            f'<p><a href="{escape(content.CONAC_URL)}" target="_blank">'
            '<img src="/images/dzjg.png" alt="党政机关网站标识" title="党政机关"></a></p>\n'
            "</div>\n"
        )

    # ---- the frame shared by every page

    def document(
        self,
        *,
        title: str,
        column: str,
        crumbs: Sequence[tuple[str, str]] | None,
        body: str,
        sidebar: str = "",
        article: Item | None = None,
        home: bool = False,
        description: str = "",
    ) -> str:
        heading = self.site_name if home else f"{title}_{self.site_name}"
        meta = [
            ("SiteName", self.site_name),
            ("SiteDomain", content.DOMAIN),
            ("SiteIDCode", content.SITE_CODE),
            ("ColumnName", column),
            ("ColumnDescription", description or column),
            ("ColumnKeywords", column),
            ("ColumnType", column),
        ]
        if article is not None and not article.bare_meta:
            meta += [
                ("ArticleTitle", article.title),
                ("PubDate", f"{ymd(article.day)} {article.time}"),
                ("ContentSource", article.source),
            ]
        tags = "\n".join(f'<meta name="{k}" content="{escape(v)}">' for k, v in meta)
        position = ""
        if crumbs is not None:
            trail = "".join(f' &gt; <a href="{escape(h)}">{escape(t)}</a>' for t, h in crumbs)
            position = f'<div class="position">当前位置：<a href="/">首页</a>{trail}</div>\n'
        if sidebar:
            body = f'{self.sidebar(sidebar)}<div class="right">\n{body}</div>\n'
        admin = ' | <a href="/admin/">管理登录</a>' if home else ""
        return (
            '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            '<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
            f"<title>{escape(heading)}</title>\n{tags}\n"
            '<link rel="stylesheet" href="/css/style.css">\n<script src="/js/common.js"></script>\n'
            f'</head>\n<body>\n{self._top}<div class="main">\n{position}{body}</div>\n'
            f"{self._footer.replace('{admin}', admin)}</body>\n</html>\n"
        )

    def sidebar(self, key: str) -> str:
        heading, rows = self.sidebars[key]
        lis = "".join(
            f'<li class="l{level}"><a href="{escape(h)}">{escape(t)}</a></li>' for t, h, level in rows
        )
        return f'<div class="leftnav"><h2>{escape(heading)}</h2><ul>{lis}</ul></div>\n'

    # ---- building blocks

    @staticmethod
    def entries(items: Iterable[Item], base: str) -> str:
        rows = []
        for it in items:
            t = escape(it.title)
            rows.append(
                f'<li><a href="{relative(it.path, base)}" title="{t}" target="_blank">{t}</a>'
                f"<span>{ymd(it.day)}</span></li>"
            )
        if not rows:
            return '<ul class="list"></ul><p class="nodata">暂无信息</p>\n'
        return '<ul class="list">\n' + "\n".join(rows) + "\n</ul>\n"

    def block(self, heading: str, more: str, items: Sequence[Item], base: str) -> str:
        return (
            f'<div class="block"><div class="block-head"><h3>{escape(heading)}</h3>'
            f'<a class="more" href="{relative(more, base)}">更多</a></div>\n'
            f"{self.entries(items, base)}</div>\n"
        )

    @staticmethod
    def links(rows: Iterable[tuple[str, str]], css: str = "links") -> str:
        lis = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for t, h in rows)
        return f'<ul class="{css}">{lis}</ul>\n'

    # ---- list and article pages

    def list_page(self, col: Column, items: Sequence[Item], k: int, pages: int) -> str:
        def name(i: int) -> str:
            return "index.html" if i == 0 else f"index_{i}.html"

        prev = f'<a href="{name(k - 1)}">上一页</a>' if k > 0 else "<span>上一页</span>"
        nxt = f'<a href="{name(k + 1)}">下一页</a>' if k + 1 < pages else "<span>下一页</span>"
        pager = (
            f'<div class="page"><span class="pager"><a href="index.html">首页</a> {prev} {nxt} '
            f'<a href="{name(pages - 1)}">尾页</a> 共{pages}页 当前第{k + 1}页</span>\n'
            f'<script>createPageHTML({pages}, {k}, "index", "html");</script></div>\n'
        )
        body = f"<h2>{escape(col.name)}</h2>\n{self.entries(items, col.path)}{pager}"
        return self.document(
            title=col.name,
            column=col.name,
            crumbs=[*col.crumbs, (col.name, col.href)],
            body=body,
            sidebar=col.sidebar,
            description=col.description,
        )

    def article_page(self, item: Item) -> str:
        col = item.column
        t = escape(item.title)
        meta = ""
        if col.gk:
            meta = (
                '<table class="xxgk-meta">'
                f"<tr><th>索引号：</th><td>{item.index_no}</td><th>发布机构：</th><td>{escape(col.publisher)}</td></tr>"
                f"<tr><th>生成日期：</th><td>{ymd(item.day)}</td><th>公开方式：</th><td>主动公开</td></tr>"
                f"<tr><th>文号：</th><td>{escape(item.doc_no)}</td><th>公开时限：</th><td>常年公开</td></tr>"
                + (f"<tr><th>成文日期：</th><td>{ymd(item.formed)}</td><th>主题分类：</th><td>政府文件</td></tr>"
                   if item.formed else "")
                +
                f'<tr><th>名称：</th><td colspan="3">{t}</td></tr></table>\n'
            )
        paras = "".join(f"<p>{escape(p)}</p>\n" for p in item.paragraphs)
        files = ""
        if item.attachments:
            lis = "".join(
                f'<li><a href="{item.attachment_path(k)}">{escape(a.label)}</a></li>'
                for k, a in enumerate(item.attachments)
            )
            files = f'<div class="attachments"><p>附件：</p><ul>{lis}</ul></div>\n'
        body = (
            f'{meta}<div class="article">\n<h1>{t}</h1>\n'
            f'<div class="info"><span>发布日期：{ymd(item.day)}</span><span>来源：{escape(item.source)}</span>'
            "<span>字号：大 中 小</span></div>\n"
            f'<div class="content" id="zoom">\n{paras}{item.html}</div>\n{files}</div>\n'
        )
        return self.document(
            title=item.title,
            column=col.name,
            crumbs=[*col.crumbs, (col.name, col.href)],
            body=body,
            sidebar=col.sidebar,
            article=item,
            description=col.description,
        )
