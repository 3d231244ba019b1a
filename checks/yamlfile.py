"""Read a YAML file a user wrote (a profile, a baseline, a sites file, a site configuration).

One place turns the ways such a file can be unreadable into one Chinese message, raised as the caller's
own error type, so each caller reports it as a usage error (exit code 2) with the file's name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def read_yaml(path: str | Path, what: str, error: type[Exception]) -> Any:
    """The parsed document of ``path`` (``what`` names the file's kind, e.g. 基线文件); ``error`` when the file
    cannot be read, is not UTF-8, or is not YAML."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"无法读取{what} {path}：{exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{what} {path} 不是 UTF-8 编码") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"{what} {path} 不是有效的 YAML：{exc}") from exc
