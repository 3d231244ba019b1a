"""``govaudit audit --site-config site.yaml``: one district's crawl described in a file.

```yaml
name: 测试区人民政府                 # district name in the report
start_url: http://www.testqu.gov.cn/
allowed_hosts: [www.testqu.gov.cn]   # optional; sub-domains of the portal are always allowed
exact_hosts: false                   # optional; true: visit only these hosts, no www./bare twins or sub-domains (--exact-hosts)
extra_urls: [http://jyj.testqu.gov.cn/]
departments:                         # stored with source=config
  - {name: 测试区教育局, root_url: http://jyj.testqu.gov.cn/}
limits: {max_pages: 5000, max_depth: 10, max_time: 3600, timeout: 30, delay: 1}
resolve: [www.testqu.gov.cn=127.0.0.1:8080]   # optional, as --resolve
issuer: 测试区政务公开办               # optional: the office that issues the 整改通知书 (default 政务公开办)
```

Options given on the command line win over the file (``govaudit.options`` layers them). Errors are
reported in Chinese (exit code 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from checks.yamlfile import read_yaml

KEYS = {"name", "start_url", "allowed_hosts", "exact_hosts", "extra_urls", "departments", "limits", "resolve", "issuer"}
LIMITS = {"max_pages": int, "max_depth": int, "max_time": int, "timeout": float, "delay": float}


class SiteConfigError(ValueError):
    pass


@dataclass
class SiteConfig:
    start_url: str
    name: str = ""
    allowed_hosts: list[str] = field(default_factory=list)
    exact_hosts: bool = False  # as --exact-hosts
    extra_urls: list[str] = field(default_factory=list)
    departments: list[dict[str, str]] = field(default_factory=list)
    limits: dict[str, float] = field(default_factory=dict)
    resolve: list[str] = field(default_factory=list)
    issuer: str = ""  # the office issuing the rectification notices ("" = the default, 政务公开办)


def _url(value: Any, where: str) -> str:
    if not isinstance(value, str) or urlsplit(value.strip()).scheme not in ("http", "https") or not urlsplit(
            value.strip()).hostname:
        raise SiteConfigError(f"{where} 应为 http(s) 网址：{value!r}")
    return value.strip()


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SiteConfigError(f"{where} 应为字符串列表")
    return [v.strip() for v in value]


def parse_site_config(data: Any, source: str = "站点配置") -> SiteConfig:
    if not isinstance(data, dict):
        raise SiteConfigError(f"{source} 应为键值表（YAML 映射）")
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise SiteConfigError(f"{source} 中有未知的配置项：{'、'.join(map(str, unknown))}（可用：{'、'.join(sorted(KEYS))}）")
    if "start_url" not in data:
        raise SiteConfigError(f"{source} 缺少 start_url（起始网址）")
    config = SiteConfig(start_url=_url(data["start_url"], "start_url"))
    name = data.get("name", "")
    if not isinstance(name, str):
        raise SiteConfigError("name 应为文字（区县名称）")
    config.name = name.strip()
    issuer = data.get("issuer", "")
    if not isinstance(issuer, str):
        raise SiteConfigError("issuer 应为文字（发文单位，如 某区政务公开办）")
    config.issuer = issuer.strip()
    config.allowed_hosts = [h.lower() for h in _strings(data.get("allowed_hosts"), "allowed_hosts")]
    exact = data.get("exact_hosts", False)
    if not isinstance(exact, bool):
        raise SiteConfigError("exact_hosts 应为 true 或 false")
    config.exact_hosts = exact
    config.extra_urls = [_url(u, "extra_urls") for u in _strings(data.get("extra_urls"), "extra_urls")]
    config.resolve = _strings(data.get("resolve"), "resolve")
    departments = data.get("departments") or []
    if not isinstance(departments, list):
        raise SiteConfigError("departments 应为列表，每项包含 name 和 root_url")
    for i, dept in enumerate(departments, 1):
        if not isinstance(dept, dict) or not isinstance(dept.get("name"), str) or not dept["name"].strip():
            raise SiteConfigError(f"departments 第 {i} 项应包含 name（部门名称）和 root_url（网址）")
        config.departments.append({"name": dept["name"].strip(),
                                   "root_url": _url(dept.get("root_url"), f"departments 第 {i} 项的 root_url")})
    limits = data.get("limits") or {}
    if not isinstance(limits, dict):
        raise SiteConfigError("limits 应为键值表（max_pages、max_depth、max_time、timeout、delay）")
    for key, value in limits.items():
        kind = LIMITS.get(key)
        if kind is None:
            raise SiteConfigError(f"limits 中有未知的配置项：{key}（可用：{'、'.join(LIMITS)}）")
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise SiteConfigError(f"limits.{key} 应为非负数：{value!r}")
        config.limits[key] = kind(value)
    return config


def load_site_config(path: Path) -> SiteConfig:
    return parse_site_config(read_yaml(path, "站点配置文件", SiteConfigError), f"站点配置文件 {path}")

