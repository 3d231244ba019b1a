"""Site identity and function (指引 page-design annex; 条例 第二十四条): footer marks, meta tags, search, domain."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from checks.common import MAX_NOTES, crawl_scope, home_unreadable
from checks.facts import Facts
from checks.model import Evidence, Finding, Status


def footer_marks(facts: Facts) -> Iterator[Finding]:
    """ID-FOOT-01: each footer item on the home page (pages.identity)."""
    if blocked := home_unreadable(facts, "首页底部标识"):
        yield blocked
        return
    home = facts.home
    rules_links = facts.profile["identity"].get("footer_links", {})
    if home.identity is None:
        yield Finding(Status.UNKNOWN, "首页底部标识", "数据库中没有首页的底部标识信息（identity），无法判定",
                      url=home.url, evidence=Evidence(urls=[home.url]))
        return
    for label, fields in facts.profile["identity"]["footer"].items():
        fields = [fields] if isinstance(fields, str) else fields
        value = next((v for f in fields if (v := home.identity.get(f))), None)
        if not value and label in rules_links:  # a 联系我们 link in place of the numbers
            value = next((f"“{lk.anchor}”链接" for lk in facts.links_from.get(home.url, [])
                          if any(w in lk.anchor for w in rules_links[label])), None)
        subject = f"首页底部 {label}"
        if value:
            shown = "已展示" if value is True else f"已展示：{value}"
            yield Finding(Status.PASSED, subject, shown, url=home.url, evidence=Evidence(urls=[home.url]))
        elif home.identity.get("footer_by_script"):  # the static page holds no footer to read
            yield Finding(Status.UNKNOWN, subject,
                          f"首页底部由脚本加载，抓取的静态页面中没有底部内容，无法判定是否展示{label}", url=home.url,
                          evidence=Evidence(urls=[home.url], notes=["首页未见网站标识码、ICP备案号、公网安备号，底部区域由脚本或框架载入"]))
        else:
            yield Finding(Status.FAILED, subject, f"首页底部未展示{label}", url=home.url,
                          evidence=Evidence(urls=[home.url], notes=["已读取首页全文及底部区域"]))


def meta_tags(facts: Facts) -> Iterator[Finding]:
    """ID-META-01: the national meta tags on every HTML page, and the article tags on articles."""
    rules = facts.profile["identity"]
    pages = [p for p in facts.pages.values() if p.ok and p.meta is not None and p.page_kind in ("list", "article")]
    if not pages:
        yield Finding(Status.UNKNOWN, "网页元数据标签", "数据库中没有页面的元数据标签信息（meta），无法判定",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url]))
        return
    lacking = []
    for p in sorted(pages, key=lambda p: p.url):
        need = rules["meta_site"] + (rules["meta_article"] if p.page_kind == "article" else [])
        missing = [name for name in need if not p.meta.get(name)]
        if missing:
            lacking.append((p, missing))
    scope = crawl_scope(facts, len(pages), "列表页和文章页")
    if lacking:
        examples = rules["meta_examples"]
        yield Finding(Status.FAILED, "网页元数据标签",
                      f"{len(lacking)} 个页面缺少国家规定的元数据标签（共检查 {len(pages)} 个页面）", url=lacking[0][0].url,
                      evidence=Evidence(urls=[p.url for p, _ in lacking][:examples],
                                        notes=[f"{p.url} 缺少 {'、'.join(m)}" for p, m in lacking][:examples] + [scope]))
    else:
        yield Finding(Status.PASSED, "网页元数据标签", f"已检查的 {len(pages)} 个页面均有国家规定的元数据标签",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url], notes=[scope]))


def site_search(facts: Facts) -> Iterator[Finding]:
    """ID-SEARCH-01: a search box (a search form's button, prompt or action) or search link on the home page."""
    if blocked := home_unreadable(facts, "站内搜索"):
        yield blocked
        return
    rules = facts.profile["identity"]
    home = facts.home
    text = re.sub(r"[\s\u3000\xa0]+", "", home.text)  # buttons read 搜 索 / 搜　索
    words = [w for w in rules["search"] if w in text]
    # a search form (kind form: the extractor keeps only search forms) counts wherever it posts, another host's
    # search service included; so does a box built from an input and a scripted button (identity.search_box)
    forms = facts.forms_from.get(home.url, [])
    links = forms + [lk for lk in facts.links_from.get(home.url, [])
                     if any(w in lk.anchor for w in rules["search"]) or any(u in lk.to_url.lower() for u in rules["search_urls"])]
    box = bool((home.identity or {}).get("search_box"))
    if words or links or box:
        where = links[0].to_url if links else home.url
        label = links[0].anchor if links else ""
        if links and links[0].kind == "form":
            label = f"搜索框“{label}”" if label else "搜索框"
            host = urlsplit(where).hostname or ""
            if host and host != urlsplit(home.url).hostname:
                label += f"（提交至 {host}）"
        shown = "、".join(words) or label or "搜索框（输入框与脚本按钮）"
        yield Finding(Status.PASSED, "站内搜索", "首页提供站内搜索", url=where,
                      evidence=Evidence(urls=[where], notes=[f"首页出现：{shown}"]))
    else:
        yield Finding(Status.FAILED, "站内搜索", "首页未发现站内搜索功能", url=home.url,
                      evidence=Evidence(urls=[home.url], notes=[f"首页文字和链接中没有：{'、'.join(rules['search'])}"]))


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost"
    return True


def portal_host(facts: Facts) -> tuple[str, str]:
    """The portal's host and where it was read: the start URL, or on loopback the SiteDomain tag."""
    host = (urlsplit(facts.home_url).hostname or "").lower()
    if not _is_address(host):
        return host, "起始网址"
    home = facts.home
    declared = (home.meta or {}).get("SiteDomain", "") if home and home.ok else ""
    declared = urlsplit(declared if "//" in declared else f"//{declared}").hostname or ""
    return declared.lower(), "首页 SiteDomain 标签（在本机地址上审计）"


def domain_rule(facts: Facts) -> Iterator[Finding]:
    """ID-DOMAIN-01: the portal's domain ends in .gov.cn."""
    suffix = facts.profile["identity"]["domain_suffix"]
    host, source = portal_host(facts)
    if not host:
        yield Finding(Status.UNKNOWN, "网站域名", "在本机地址上审计且首页未声明 SiteDomain，无法判定域名",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url]))
    elif host.endswith(suffix):
        yield Finding(Status.PASSED, "网站域名", f"域名 {host} 以 {suffix} 结尾", url=facts.home_url,
                      evidence=Evidence(urls=[facts.home_url], notes=[f"域名取自{source}"]))
    else:
        yield Finding(Status.FAILED, "网站域名", f"域名 {host} 不以 {suffix} 结尾", url=facts.home_url,
                      evidence=Evidence(urls=[facts.home_url], notes=[f"域名取自{source}"]))


def department_hosts(facts: Facts) -> Iterator[Finding]:
    """ID-DOMAIN-02: department sites on the portal's host or its subdomains."""
    start = (urlsplit(facts.home_url).hostname or "").lower()
    portal = start.removeprefix("www.")
    if not facts.departments:
        yield Finding(Status.UNKNOWN, "部门网站域名", "未发现部门网站或栏目，无法判定",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url]))
        return
    outside = []
    for name, root in facts.departments:
        host = (urlsplit(root).hostname or "").lower()
        if not (host == start or host == portal or host.endswith("." + portal)):
            outside.append((name, root, host))
    if outside:
        for name, root, host in outside[:MAX_NOTES]:
            yield Finding(Status.FAILED, f"{name} 网站域名", f"部门网站 {host} 不在门户网站域名 {portal} 之下",
                          name, root, Evidence(urls=[root, facts.home_url]))
    else:
        yield Finding(Status.PASSED, "部门网站域名", f"{len(facts.departments)} 个部门的网站均在门户网站域名之下",
                      url=facts.home_url, evidence=Evidence(urls=[facts.home_url]))
