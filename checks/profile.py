"""Profiles: the numbers and names of the rules, in YAML, layered (national → province → city)."""

from __future__ import annotations

import re
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

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
        try:
            layer = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise ProfileError(f"无法读取配置文件 {path}: {exc.strerror}") from exc
        except yaml.YAMLError as exc:
            raise ProfileError(f"配置文件 {path} 不是有效的 YAML: {exc}") from exc
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


def validate(profile: dict[str, Any]) -> None:
    for section in ("columns", "freshness", "guide", "annual_report", "fiscal", "links"):
        if not isinstance(profile.get(section), dict):
            raise ProfileError(f"缺少配置节 {section}")
    columns = profile["columns"]
    for key in ("gk_root", "catalogue", "fiscal"):
        _names(columns.get(key), f"columns.{key}")
    first = columns.get("gk_first_level")
    if not isinstance(first, dict) or not first:
        raise ProfileError("columns.gk_first_level 应为 栏目名: [同义名…] 的映射")
    for name, synonyms in first.items():
        _names(synonyms, f"columns.gk_first_level.{name}")
    for i, kind in enumerate(profile["freshness"].get("types", [])):
        if not isinstance(kind, dict) or not isinstance(kind.get("period_days"), int) or kind["period_days"] <= 0:
            raise ProfileError(f"freshness.types[{i}].period_days 应为正整数")
        _names(kind.get("keywords"), f"freshness.types[{i}].keywords")
    if not isinstance(profile["freshness"].get("home_period_days"), int):
        raise ProfileError("freshness.home_period_days 应为整数（天）")
    for name, patterns in profile["guide"].get("elements", {}).items():
        _names(patterns, f"guide.elements.{name}")
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ProfileError(f"guide.elements.{name} 的正则表达式无效: {pattern!r} ({exc})") from exc
    _month_day(profile, "annual_report", "department_deadline")
    _month_day(profile, "annual_report", "government_deadline")
    _month_day(profile, "fiscal", "budget_expected_by")
    _month_day(profile, "fiscal", "final_expected_by")


def day_of(year: int, month_day: str) -> date:
    month, day = map(int, month_day.split("-"))
    return date(year, month, day)
