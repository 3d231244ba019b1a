"""Profiles: the numbers and names of the rules, in YAML, layered (national → province → city)."""

from __future__ import annotations

import re
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from checks.catalogue import BY_ID
from checks.yamlfile import read_yaml

NATIONAL = "national.yaml"


class ProfileError(ValueError):
    """A profile that cannot be used; the message says which key and why."""


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep merge: mappings merge key by key, anything else replaces."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def load_profile(*paths: str | Path) -> dict[str, Any]:
    """The national profile with each given profile layered on top, validated."""
    profile = yaml.safe_load(files("checks.profiles").joinpath(NATIONAL).read_text(encoding="utf-8"))
    for path in paths:
        layer = read_yaml(path, "配置文件", ProfileError) or {}
        if not isinstance(layer, dict):
            raise ProfileError(f"配置文件 {path} 的顶层必须是映射 (key: value)")
        profile = merge(profile, layer)
    validate(profile)
    return profile


def _month_day(profile: dict[str, Any], section: str, key: str) -> None:
    value = str(profile.get(section, {}).get(key, ""))
    if not re.fullmatch(r"\d{2}-\d{2}", value):
        raise ProfileError(f"{section}.{key} 应为 MM-DD 形式的日期，实际为 {value!r}")
    month, day = map(int, value.split("-"))
    try:
        date(2024, month, day)
    except ValueError as exc:
        raise ProfileError(f"{section}.{key} 不是有效日期: {value}") from exc


def _names(value: Any, where: str) -> None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise ProfileError(f"{where} 应为非空的名称列表")


SEVERITIES = ("veto", "deduct", "advice")


def _section(profile: dict[str, Any], name: str) -> dict[str, Any]:
    value = profile.get(name)
    if not isinstance(value, dict):
        raise ProfileError(f"缺少配置节 {name}（应为 key: value 映射）")
    return value


def _number(section: dict[str, Any], key: str, where: str, *, positive: bool = True, fraction: bool = False) -> None:
    value = section.get(key)
    ok = isinstance(value, float | int) and not isinstance(value, bool) if fraction else (
        isinstance(value, int) and not isinstance(value, bool))
    if not ok or (positive and value <= 0) or (not positive and value < 0) or (fraction and value > 1):
        kind = "0 到 1 之间的小数" if fraction else ("正整数" if positive else "非负整数")
        raise ProfileError(f"{where}.{key} 应为{kind}，实际为 {value!r}")


def _patterns(value: Any, where: str) -> None:
    _names(value, where)
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ProfileError(f"{where} 的正则表达式无效: {pattern!r} ({exc})") from exc


def _synonym_map(value: Any, where: str) -> None:
    if not isinstance(value, dict) or not value:
        raise ProfileError(f"{where} 应为 名称: [同义名…] 的映射")
    for name, synonyms in value.items():
        _names(synonyms, f"{where}.{name}")


def _pattern_map(value: Any, where: str) -> None:
    if not isinstance(value, dict) or not value:
        raise ProfileError(f"{where} 应为 名称: [正则表达式…] 的映射")
    for name, patterns in value.items():
        _patterns(patterns, f"{where}.{name}")


def validate(profile: dict[str, Any]) -> None:
    """Raise ProfileError, in Chinese, naming the first key that cannot be used."""
    columns = _section(profile, "columns")
    coverage = profile.get("coverage", {})
    if coverage.get("robots_ignorable_paths"):
        _patterns(coverage["robots_ignorable_paths"], "coverage.robots_ignorable_paths")
    for key in ("gk_root", "catalogue", "fiscal", "apply", "apply_form", "consult", "service"):
        _names(columns.get(key), f"columns.{key}")
    _synonym_map(columns.get("gk_first_level"), "columns.gk_first_level")
    if columns.get("catalogue_as"):
        _names(columns["catalogue_as"], "columns.catalogue_as")
    freshness = _section(profile, "freshness")
    types = freshness.get("types")
    if not isinstance(types, list) or not types:
        raise ProfileError("freshness.types 应为栏目类型的列表")
    for i, kind in enumerate(types):
        if not isinstance(kind, dict) or not kind.get("type"):
            raise ProfileError(f"freshness.types[{i}] 应有 type（类型名称）")
        _number(kind, "period_days", f"freshness.types[{i}]")
        _names(kind.get("keywords"), f"freshness.types[{i}].keywords")
        if "exclude" in kind:
            _names(kind["exclude"], f"freshness.types[{i}].exclude")
    _number(freshness, "home_period_days", "freshness")
    veto = _section(profile, "veto")
    for key in ("stale_first_level_columns", "stale_columns", "blank_columns", "unanswered_days",
                "unanswered_lookback_days", "slow_ms", "min_loads"):
        _number(veto, key, "veto")
    _number(veto, "failure_share", "veto", fraction=True)
    if not isinstance(veto.get("count_slow_loads", False), bool):
        raise ProfileError("veto.count_slow_loads 应为 true 或 false")
    interaction = _section(profile, "interaction")
    for key in ("asked_labels", "answered_labels", "answered_status", "unanswered_status"):
        _names(interaction.get(key), f"interaction.{key}")
    _number(interaction, "recent_reply_days", "interaction")
    service = _section(profile, "service")
    _number(service, "veto_guides", "service")
    _number(service, "veto_missing", "service")
    _pattern_map(service.get("elements"), "service.elements")
    identity = _section(profile, "identity")
    footer = identity.get("footer")
    if not isinstance(footer, dict) or not footer:
        raise ProfileError("identity.footer 应为 要素名称: 字段名（或字段名列表） 的映射")
    for label, fields in footer.items():
        if isinstance(fields, str):
            fields = [fields]
        _names(fields, f"identity.footer.{label}")
    if identity.get("footer_links"):
        _synonym_map(identity["footer_links"], "identity.footer_links")
    for key in ("meta_site", "meta_article", "search", "search_urls"):
        _names(identity.get(key), f"identity.{key}")
    if not str(identity.get("domain_suffix", "")).startswith("."):
        raise ProfileError("identity.domain_suffix 应以“.”开头，例如 .gov.cn")
    guide = _section(profile, "guide")
    _pattern_map(guide.get("elements"), "guide.elements")
    _number(guide, "max_age_days", "guide")
    report = _section(profile, "annual_report")
    _month_day(profile, "annual_report", "department_deadline")
    _month_day(profile, "annual_report", "government_deadline")
    _number(report, "years_listed", "annual_report")
    for key in ("headings", "tables"):
        _pattern_map(report.get(key), f"annual_report.{key}")
    fiscal = _section(profile, "fiscal")
    _month_day(profile, "fiscal", "budget_expected_by")
    _month_day(profile, "fiscal", "final_expected_by")
    _number(fiscal, "past_years", "fiscal")
    _pattern_map(fiscal.get("sangong_parts"), "fiscal.sangong_parts")
    timeliness = _section(profile, "timeliness")
    _number(timeliness, "working_days", "timeliness")
    _number(timeliness, "examples", "timeliness")
    _names(timeliness.get("formed_sources"), "timeliness.formed_sources")
    _names(timeliness.get("published_sources"), "timeliness.published_sources")
    for day in timeliness.get("holidays") or []:
        try:
            date.fromisoformat(str(day))
        except ValueError as exc:
            raise ProfileError(f"timeliness.holidays 中的 {day!r} 不是 YYYY-MM-DD 日期") from exc
    links = _section(profile, "links")
    for key, section in (("broken_statuses", links), ("attachment_broken_statuses", fiscal)):
        statuses = section.get(key)
        if not isinstance(statuses, list) or not all(isinstance(s, int) and 100 <= s <= 599 for s in statuses):
            raise ProfileError(f"{key} 应为 HTTP 状态码（100–599）的列表")
    _number(links, "examples", "links")
    disclosure = _section(profile, "disclosure")
    for key in ("article_20", "article_21"):
        _synonym_map(disclosure.get(key), f"disclosure.{key}")
    grassroots = _section(profile, "grassroots")
    _names(grassroots.get("catalogue"), "grassroots.catalogue")
    _names(grassroots.get("areas"), "grassroots.areas")
    if "area_synonyms" in grassroots:
        _synonym_map(grassroots["area_synonyms"], "grassroots.area_synonyms")
    areas = _section(profile, "areas")
    _number(areas, "period_days", "areas")
    _synonym_map(areas.get("required"), "areas.required")
    _validate_scoring(profile)


def _validate_scoring(profile: dict[str, Any]) -> None:
    severities = _section(profile, "severities")
    for check_id, severity in severities.items():
        if check_id not in BY_ID:
            raise ProfileError(f"severities.{check_id}：没有这个检查项")
        if severity not in SEVERITIES:
            raise ProfileError(f"severities.{check_id} 应为 veto、deduct 或 advice 之一，实际为 {severity!r}")
    scoring = _section(profile, "scoring")
    _number(scoring, "total", "scoring")
    _number(scoring, "pass_mark", "scoring", positive=False)
    indicators = scoring.get("indicators")
    if not isinstance(indicators, dict) or not indicators:
        raise ProfileError("scoring.indicators 应为 指标名称: {points: 分值} 的映射")
    for name, spec in indicators.items():
        if not isinstance(spec, dict):
            raise ProfileError(f"scoring.indicators.{name} 应为 {{points: 分值}}")
        _number(spec, "points", f"scoring.indicators.{name}", positive=False)
    checks = scoring.get("checks")
    if not isinstance(checks, dict):
        raise ProfileError("scoring.checks 应为 检查项编号: {indicator, points, max} 的映射")
    for check_id, spec in checks.items():
        where = f"scoring.checks.{check_id}"
        if check_id not in BY_ID:
            raise ProfileError(f"{where}：没有这个检查项")
        if not isinstance(spec, dict):
            raise ProfileError(f"{where} 应为 {{indicator, points, max}}")
        if spec.get("indicator") not in indicators:
            raise ProfileError(f"{where}.indicator 应为 scoring.indicators 中的指标之一，实际为 {spec.get('indicator')!r}")
        _number(spec, "points", where, positive=False)
        if "max" in spec:
            _number(spec, "max", where, positive=False)
    for check_id in scoring.get("once_per_item") or []:
        if check_id not in BY_ID:
            raise ProfileError(f"scoring.once_per_item 中的 {check_id}：没有这个检查项")


def severity_of(profile: dict[str, Any], check_id: str, default: str) -> str:
    return str(profile.get("severities", {}).get(check_id, default))
