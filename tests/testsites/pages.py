"""HTML of the realistic test district: page chrome, lists in the shapes real CMSs produce, articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

SITE = "测试区人民政府"
SITE_CODE = "1234000001"
WWW = "http://www.testqu.gov.cn"
JYJ = "http://jyj.testqu.gov.cn"


@dataclass
class Item:
    title: str
    url: str  # site-absolute path or absolute URL
    day: date
    body: str = ""
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (href, anchor)


def written(html: str) -> str:
    """``html`` as a CMS writes it from an inline script, one ``document.write('…')`` per paragraph: a browser
    shows it, the static page holds it only as script strings."""
    parts = html.replace("<p>", "\n<p>").split("\n")
    return "<script type=\"text/javascript\">" + "".join(
        f"document.write('{part}');" for part in parts if part) + "</script>"


def footer(sponsor: str = "测试区人民政府办公室", *, by_script: bool = False) -> str:
    inner = (
        f"<p>主办单位：{escape(sponsor)}　承办单位：测试区大数据中心　联系电话：0000-12345678</p>"
        "<p>地址：测试区人民路1号　"
        f"网站标识码：{SITE_CODE}　"
        '<a href="https://beian.miit.gov.cn/">测ICP备：12345678号-1</a>　'  # written with a colon, as many sites do
        '<a href="http://www.beian.gov.cn/">测公网安备 12345602000001号</a></p>'
        '<a href="https://bszs.conac.cn/sitename?method=show&amp;id=1"><img src="/images/red.png" alt="党政机关"></a>'
    )
    return '<div class="footer">' + (written(inner) if by_script else inner) + "</div>"


def page(
    title: str,
    column: str,
    crumbs: list[tuple[str, str]],
    body: str,
    *,
    charset: str | None = "utf-8",
    declared: str | None = None,
    pub: date | None = None,
    home: str = WWW + "/",
    sponsor: str = "测试区人民政府办公室",
    extra_head: str = "",
    footer_by_script: bool = False,
) -> str:
    """A page with the national meta tags, a 当前位置 breadcrumb and the identity footer.

    ``declared`` is the charset the page *says* (a mislabelled page says utf-8 while its bytes are GBK);
    ``charset=None`` declares none at all; ``footer_by_script`` writes the footer with ``document.write``.
    """
    label = declared or charset
    meta_charset = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">' if label else ""
    article = ""
    if pub is not None:
        article = (f'<meta name="ArticleTitle" content="{escape(title)}">'
                   f'<meta name="PubDate" content="{pub.isoformat()} 09:30">'
                   f'<meta name="ContentSource" content="{escape(sponsor)}">')
    trail = "".join(f' &gt; <a href="{escape(href)}">{escape(name)}</a>' for name, href in crumbs)
    return (
        "<!DOCTYPE html>\n<html><head>" + meta_charset +
        f"<title>{escape(title)}_{SITE}</title>"
        f'<meta name="SiteName" content="{SITE}"><meta name="SiteDomain" content="www.testqu.gov.cn">'
        f'<meta name="SiteIDCode" content="{SITE_CODE}"><meta name="ColumnName" content="{escape(column)}">'
        f'<meta name="ColumnDescription" content="{escape(column)}"><meta name="ColumnKeywords" content="{escape(column)}">'
        f'<meta name="ColumnType" content="{escape(column)}">'
        + article + extra_head + "</head><body>"
        f'<div class="header"><a href="{home}">首页</a> <a href="{WWW}/zwgk/">政府信息公开</a> '
        f'<a href="{WWW}/bmxxgk/">部门信息公开</a></div>'
        f'<div class="position">当前位置：<a href="{home}">首页</a>{trail}</div>'
        f'<div class="main">{body}</div>' + footer(sponsor, by_script=footer_by_script) + "</body></html>\n"
    )


def entry_li(item: Item) -> str:
    return (f'<li><a href="{escape(item.url)}" title="{escape(item.title)}">{escape(item.title)}</a>'
            f'<span class="date">{item.day.isoformat()}</span></li>')


def plain_list(items: list[Item]) -> str:
    return '<ul class="list">' + "".join(entry_li(i) for i in items) + "</ul>"


def month_day_list(items: list[Item]) -> str:
    """A list that shows ``[11-25]`` without the year (and URLs that carry no date): the year is the reader's guess."""
    return '<ul class="list">' + "".join(
        f'<li><a href="{escape(i.url)}" title="{escape(i.title)}">{escape(i.title)}</a>'
        f'<span class="date">[{i.day:%m-%d}]</span></li>' for i in items) + "</ul>"


def article_head(title: str, pub_meta: date, sponsor: str = "测试区人民政府办公室") -> str:
    """The article meta tags with a PubDate of their own: the CMS's regeneration time, not the day shown."""
    return (f'<meta name="ArticleTitle" content="{escape(title)}">'
            f'<meta name="PubDate" content="{pub_meta.isoformat()} 18:05">'
            f'<meta name="ContentSource" content="{escape(sponsor)}">')


def script_redirect(url: str) -> str:
    """A page that is nothing but a script sending the browser elsewhere (a column moved to another site)."""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><script type="text/javascript">'
            f'window.location.href="{escape(url)}";</script></head><body></body></html>\n')


def trs_list(items: list[Item], total_pages: int, current: int) -> str:
    """A TRS list page: the pager exists only as a createPageHTML script call."""
    return (plain_list(items) + '<div class="page"><script type="text/javascript">'
            f'createPageHTML({total_pages}, {current}, "index", "html");</script></div>')


def hanweb_record(item: Item) -> str:
    return (f'<record><![CDATA[<li><a href="{escape(item.url)}" target="_blank" title="{escape(item.title)}">'
            f"{escape(item.title)}</a><span>{item.day.isoformat()}</span></li>]]></record>\n")


def hanweb_list(first: list[Item], *, columnid: int, unitid: int, total: int | None, perpage: int) -> str:
    """A Hanweb column page: the first records inline, the others through jpage's dataproxy.jsp (``total``
    None: the page does not say how many records there are)."""
    nextgroup = (f'<a href="/module/web/jpage/dataproxy.jsp?page=1&amp;appid=1&amp;webid=1&amp;path=/&amp;'
                 f'columnid={columnid}&amp;unitid={unitid}&amp;webname=%E6%B5%8B%E8%AF%95%E5%8C%BA&amp;'
                 f'permissiontype=0"></a>')
    return (
        f'<div id="{unitid}"><script type="text/xml"><datastore>\n'
        f"<nextgroup><![CDATA[{nextgroup}]]></nextgroup>\n<recordset>\n"
        + "".join(hanweb_record(i) for i in first)
        + "</recordset>\n</datastore></script></div>"
        '<script language="javascript" src="/module/web/jpage/jpage.js"></script>'
        "<script>$(document).ready(function(){ $('#" + str(unitid) + "').jpage({"
        f"dataStore: null, perPage: {perpage}, " + (f"totalRecord: {total}, " if total is not None else "") +
        'proxyUrl: "/module/web/jpage/dataproxy.jsp", groupSize: 3, barPosition: "bottom"});});</script>'
    )


def dataproxy_xml(records: list[Item], total: int) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><datastore>'
            f"<totalrecord>{total}</totalrecord><recordset>\n"
            + "".join(hanweb_record(i) for i in records) + "</recordset></datastore>")


def script_list(data_url: str) -> str:
    """A list drawn in the browser: an avalon-style template filled from JSON fetched by XHR."""
    return (
        '<ul class="list" id="yjs-list" ms-controller="yjs">'
        '<li ms-for="el in items"><a ms-attr="{href: el.url}">{{el.title}}</a><span>{{el.date}}</span></li></ul>'
        "<script>(function(){var xhr=new XMLHttpRequest();"
        f'xhr.open("GET","{data_url}");'
        "xhr.onload=function(){var items=JSON.parse(xhr.responseText);"
        'var ul=document.getElementById("yjs-list");ul.innerHTML="";'
        "items.forEach(function(it){var li=document.createElement('li');var a=document.createElement('a');"
        "a.href=it.url;a.textContent=it.title;var s=document.createElement('span');s.textContent=it.date;"
        "li.appendChild(a);li.appendChild(s);ul.appendChild(li);});};xhr.send();})();</script>"
    )


ANNUAL_REPORT = (
    "一、总体情况 本年度认真贯彻落实《中华人民共和国政府信息公开条例》。"
    "二、主动公开政府信息情况 表二：本年制发件数、本年新制作数量见下表。"
    "三、收到和处理政府信息公开申请情况 表三：本年新收政府信息公开申请数量、申请人情况见下表。"
    "四、政府信息公开行政复议、行政诉讼情况 表四：结果维持、结果纠正情况见下表。"
    "五、存在的主要问题及改进情况 部分栏目更新不够及时，将加强管理。"
    "六、其他需要报告的事项 本年度未收取信息处理费。"
)


def article_body(item: Item) -> str:
    files = "".join(f'<p>附件：<a href="{escape(href)}">{escape(anchor)}</a></p>' for href, anchor in item.attachments)
    default = ANNUAL_REPORT if "年度报告" in item.title else "本文为测试区人民政府网站的测试内容，用于检验合规审计爬虫。" * 8
    text = item.body or f"{item.title}。{default}"
    return (f'<h1 class="title">{escape(item.title)}</h1>'
            f'<div class="info">发布日期：{item.day.isoformat()}</div>'
            f'<div class="TRS_Editor"><p>{escape(text)}</p>{files}</div>')


def nav(links: list[tuple[str, str]]) -> str:
    return '<div class="nav">' + " ".join(f'<a href="{escape(h)}">{escape(n)}</a>' for n, h in links) + "</div>"


GUIDE_TEXT = (
    "一、主动公开：本机关主动公开的政府信息按照公开目录分类编排。二、依申请公开：申请人可通过信函、当面或网上申请。"
    "政府信息公开工作机构：{unit}办公室。办公地址：测试区人民路{no}号。办公时间：工作日上午9:00-12:00，下午14:00-17:30。"
    "联系电话：0000-1234{no:04d}。传真号码：0000-5678{no:04d}。电子邮箱：gk{no}@testqu.gov.cn。"
)


def guide_text(unit: str, no: int) -> str:
    return GUIDE_TEXT.format(unit=unit, no=no)
