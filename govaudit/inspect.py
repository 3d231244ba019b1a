"""``govaudit inspect URL_OR_FILE [--json]``: what the auditor extracts from one page, and where from.

So a user can see why a check decided what it did: the column and its path, every date with its source (the
date the page shows and the one its meta tags say, side by side when they differ),
the identity footer, the national meta tags, the list entries, the pagination found (pager links, TRS
``createPageHTML``, a Hanweb jpage config), attachments, and whether the page is drawn by script or blocked.

A URL is fetched with urllib (``--resolve``, the crawler's User-Agent, ``--timeout``); a file is read as bytes
and decoded like a fetched page (JSP comments and directives of saved ``.jsp`` templates removed first).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.request import Request, build_opener

from crawler.extract.blocking import looks_blocked
from crawler.extract.encoding import decode_html
from crawler.extract.hanweb import find_jpage
from crawler.extract.model import FoundDate
from crawler.extract.page import extract_page
from crawler.resolve import ResolveError, host_header, mapped_url, parse_resolve
from govaudit.errors import EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE

_JSP_RE = re.compile(r"<%--.*?--%>|<%.*?%>|<jsp:include[^>]*/>", re.DOTALL)
_SAVED_FROM_RE = re.compile(r"saved from url=\(\d+\)(\S+?)\s*-->")
MAX_ENTRIES_SHOWN = 50


class InspectError(Exception):
    pass


def fetch(url: str, *, resolve: dict[str, str], timeout: float) -> tuple[int, str, bytes, str]:
    """(status, content type, body, final URL) of a GET; HTTP errors are answers too."""
    from crawler.settings import USER_AGENT

    wire = mapped_url(url, resolve) or url
    # the same bytes Scrapy sends (UTF-8); http.client writes headers as Latin-1
    agent = USER_AGENT.encode("utf-8").decode("latin-1")
    headers = {"User-Agent": agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    if wire != url:
        headers["Host"] = host_header(url)
    request = Request(wire, headers=headers)
    try:
        with build_opener().open(request, timeout=timeout) as response:
            final = url if wire != url else response.geturl()
            return response.status, response.headers.get("Content-Type", ""), response.read(), final
    except HTTPError as err:
        with err:
            return err.code, err.headers.get("Content-Type", ""), err.read(), url
    except (URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InspectError(f"无法获取 {url}：{reason}") from exc


def read_file(path: Path) -> tuple[bytes, str]:
    """The file's bytes (JSP directives removed for .jsp) and the URL it was saved from, if it says."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InspectError(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
    head = data[:2000].decode("latin-1")
    m = _SAVED_FROM_RE.search(head)
    return data, (m.group(1) if m else "")


def _found(found: FoundDate | None) -> dict[str, str] | None:
    return {"date": found.value.isoformat(), "source": found.source, "raw": found.raw} if found else None


def inspect_page(html: str, url: str, today: date | None = None) -> dict[str, Any]:
    """Everything extraction says about one page, as plain data."""
    page = extract_page(html, url, today=today)
    jpage = find_jpage(html, url)
    return {
        "url": url,
        "title": page.title,
        "page_kind": page.page_kind,
        "column": {"name": page.column_name, "path": page.column_path, "source": page.column_source},
        "pub_date": ({"date": page.pub_date.value.isoformat(), "source": page.pub_date.source, "raw": page.pub_date.raw}
                     if page.pub_date else None),
        "dates": [{"date": d.value.isoformat(), "source": d.source, "raw": d.raw, "precision": d.precision}
                  for d in page.dates],
        # the date the page shows and the one its meta tags say; where they differ, the page shows the former
        "shown_date": _found(page.shown_date),
        "meta_date": _found(page.meta_date),
        "date_conflict": page.date_conflict,
        "identity": asdict(page.identity),
        "meta": page.meta,
        "index_no": page.index_no,
        "info_table": page.info_table,
        "entries": [{"title": e.title, "url": e.url, "date": e.date.isoformat() if e.date else None,
                     "date_raw": e.date_raw, "date_source": e.date_source, "url_date": e.url_date,
                     "date_conflict": e.date_conflict, "block": e.block} for e in page.entries],
        "pagination": page.next_pages,
        "hanweb": ({"proxy_url": jpage.proxy_url, "columnid": jpage.columnid, "unitid": jpage.unitid,
                    "perpage": jpage.perpage, "total": jpage.total, "inline": jpage.inline} if jpage else None),
        "attachments": [{"url": link.url, "anchor": link.anchor} for link in page.links if link.is_attachment],
        "links": len(page.links),
        "script_rendered": page.script_rendered,
        "empty_list": page.empty_list,
    }


def inspect_target(target: str, *, url: str = "", resolve: dict[str, str] | None = None, timeout: float = 30.0,
                   today: date | None = None) -> dict[str, Any]:
    if target.startswith(("http://", "https://")):
        status, content_type, body, final = fetch(target, resolve=resolve or {}, timeout=timeout)
        source = {"fetched": target, "status": status, "content_type": content_type}
        page_url = final
    else:
        path = Path(target)
        body, saved_from = read_file(path)
        content_type, status = "", None
        source = {"file": str(path)}
        page_url = url or saved_from or path.resolve().as_uri()
    blocked = looks_blocked(status or 200, body)
    html, encoding = decode_html(body, content_type)
    if target.lower().endswith(".jsp") and not target.startswith(("http://", "https://")):
        html = _JSP_RE.sub("", html)
    report = inspect_page(html, page_url, today)
    return {**source, "encoding": encoding, "blocked": blocked, **report}


def _line(label: str, value: Any) -> str:
    return f"{label:<8}{value}"


def render_text(report: dict[str, Any]) -> str:
    out = [_line("页面", report["url"])]
    if "status" in report:
        out.append(_line("状态", f"HTTP {report['status']}  {report['content_type']}"))
    out.append(_line("编码", report["encoding"]))
    flags = [name for name, on in (("被拦截（防火墙/验证页）", report["blocked"]), ("列表由脚本生成", report["script_rendered"]),
                                   ("空列表", report["empty_list"])) if on]
    out.append(_line("标题", report["title"]))
    out.append(_line("类型", report["page_kind"] + (f"（{'、'.join(flags)}）" if flags else "")))
    col = report["column"]
    out.append(_line("栏目", f"{col['name'] or '—'}（来源：{col['source'] or '—'}）"))
    out.append(_line("栏目路径", " > ".join(col["path"]) or "—"))
    pub = report["pub_date"]
    out.append(_line("发布日期", f"{pub['date']}（来源：{pub['source']}）" if pub else "—"))
    shown, meta = report["shown_date"], report["meta_date"]
    out.append(_line("页面显示", f"{shown['date']}（来源：{shown['source']}）" if shown else "—"))
    out.append(_line("元数据日期", f"{meta['date']}（来源：{meta['source']}）" if meta else "—"))
    if report["date_conflict"]:
        out.append(_line("", f"! 日期不一致：页面显示 {shown['date']}（{shown['source']}），元数据 {meta['date']}"
                             f"（{meta['source']}）；元数据常为页面生成时间，以页面显示的日期为准"))
    out.append(_line("日期候选", f"{len(report['dates'])} 个"))
    for d in report["dates"]:
        out.append(_line("", f"· {d['date']}  {d['source']}  “{d['raw']}”"))
    ident = report["identity"]
    out.append(_line("网站标识码", ident["site_code"] or "—"))
    out.append(_line("ICP备案", ident["icp"] or "—"))
    out.append(_line("公安备案", ident["police_record"] or "—"))
    out.append(_line("主办单位", ident["sponsor"] or "—"))
    out.append(_line("承办单位", ident["organizer"] or "—"))
    out.append(_line("党政机关标识", "有" if ident["conac_seal"] else "无"))
    if report["index_no"]:
        out.append(_line("索引号", report["index_no"]))
    for key, value in report["info_table"].items():
        out.append(_line("", f"· {key}：{value}"))
    out.append("元数据标签：" + ("" if report["meta"] else "无"))
    out.extend(f"  {k} = {v}" for k, v in report["meta"].items())
    out.append(f"列表条目：{len(report['entries'])} 条")
    for e in report["entries"][:MAX_ENTRIES_SHOWN]:
        block = f"[{e['block']}] " if e["block"] else ""
        notes = [{"url_year": "年份取自网址", "as_of": "年份按审计日期推定"}.get(e["date_source"], "")]
        if e["date_conflict"]:
            notes.append(f"网址日期 {e['url_date']} 不一致")
        note = f"（{'，'.join(n for n in notes if n)}）" if any(notes) else ""
        out.append(f"  {e['date'] or '—'}{note}  {block}{e['title']}  {e['url']}")
    out.append(f"分页：{len(report['pagination'])} 个")
    out.extend(f"  {u}" for u in report["pagination"][:20])
    if len(report["pagination"]) > 20:
        out.append(f"  …（另 {len(report['pagination']) - 20} 个）")
    if report["hanweb"]:
        h = report["hanweb"]
        out.append(f"大汉 jpage 分页：{h['proxy_url']} columnid={h['columnid']} unitid={h['unitid']} "
                   f"perpage={h['perpage']} total={h['total']} inline={h['inline']}")
    out.append(f"附件：{len(report['attachments'])} 个")
    out.extend(f"  {a['anchor']}  {a['url']}" for a in report["attachments"])
    out.append(f"链接：{report['links']} 个")
    return "\n".join(out)




def cmd_inspect(args: Any) -> int:
    try:
        resolve = parse_resolve(args.resolve)
    except ResolveError as exc:
        print(f"govaudit: 错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    today = date.fromisoformat(args.as_of) if args.as_of else None
    is_url = args.target.startswith(("http://", "https://"))
    if not is_url and not Path(args.target).is_file():
        print(f"govaudit: 错误：{args.target!r} 既不是 http(s) 网址，也不是存在的文件", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = inspect_target(args.target, url=args.url, resolve=resolve, timeout=args.timeout, today=today)
    except InspectError as exc:
        print(f"govaudit: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else render_text(report))
    return EXIT_OK
