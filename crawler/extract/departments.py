"""Departments listed on a portal's 部门信息公开 / 政府机构 navigation pages."""

from __future__ import annotations

import re
from posixpath import dirname
from urllib.parse import urlsplit, urlunsplit

from crawler.extract.model import Link

# Pages that list the district's departments (and the 群团 and 事业单位 listed beside them).
DEPARTMENT_INDEX = re.compile(
    r"部门信息公开|部门公开|政府部门|政府机构|部门机构|部门导航|部门网站|乡镇街道|镇街信息公开|群团组织|事业单位信息公开"
)
# Portal sections whose names end like a unit's (新闻中心 is a column, not a department; 融媒体中心 is a unit).
SECTION_NAME = re.compile(r"^(?:网站)?(新闻|下载|帮助|互动|办事|资料|视频|图片|媒体|个人|用户|消息|会员)中心$")
# A unit name ends like this, whatever its organ word: 局, 委员会, 办公室, 中心 …; 镇/乡/街道, with their own 信息公开;
# 群团 (总工会, 妇女联合会 / 妇联, 共青团…委员会 / 团区委, 残联, 侨联, 科协, 文联, 社科联, 红十字会, 工商联); 事业单位
# (党校, 老年大学, 青少年宫, 融媒体中心); a party committee's 部 (党群工作部, 政法和社会工作部); 人大常委会, 政协.
UNIT_NAME = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(局|委员会|委|办公室|办|中心|院|馆|所|站|队|署|厅|街道|街道办事处|镇|乡|人民政府|管委会|服务中心"
    r"|(?<=[工合协字商])会|(?<=[妇残侨文科商])联|(?<=[科政])协|人大|常委会|校|大学|学院|宫|部)$"
)


def is_department_index(column_name: str, title: str, anchor: str = "") -> bool:
    return any(DEPARTMENT_INDEX.search(text or "") for text in (column_name, title, anchor))


def department_root(url: str) -> str:
    """The URL prefix that holds a department's pages: its folder, or a sub-domain's root."""
    parts = urlsplit(url)
    path = parts.path or "/"
    folder = path if path.endswith("/") else dirname(path) + "/"
    return urlunsplit((parts.scheme, parts.netloc, folder.replace("//", "/"), "", ""))


def find_departments(page_url: str, links: list[Link], allowed_hosts: set[str]) -> list[tuple[str, str]]:
    """(name, root URL) for each link on a department index page that names a unit on this site."""
    own_root = department_root(page_url)
    site_root = urlunsplit(urlsplit(page_url)[:2] + ("/", "", ""))
    found: dict[str, str] = {}
    for link in links:
        name = re.sub(r"\s+", "", link.anchor)
        host = urlsplit(link.url).hostname or ""
        if link.is_attachment or not UNIT_NAME.match(name) or SECTION_NAME.search(name) or host not in allowed_hosts:
            continue
        root = department_root(link.url)
        if root in (own_root, site_root) or own_root.startswith(root):
            continue  # a flat list of pages in one folder: the folder is not a department's
        found.setdefault(root, name)
    return [(name, root) for root, name in found.items()]
