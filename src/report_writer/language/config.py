"""Proofreading settings: rules switched off, the office's whitelist and its own 提法 rows.
Read from proofreading.toml in the per-user folder; everything is optional. The app edits the file
through save_config, which refuses to overwrite a file it cannot read (nothing the office wrote is lost)."""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from report_writer import paths

# Families of checks an office may switch off, by code prefix, with the names the app shows.
CHECK_FAMILIES = {
    "doubled": "重复的字词（把握把握、和和）",
    "punct": "标点（成对标点、半角标点、重复标点、破折号和省略号）",
    "number": "数字用法（〇和○、约……余、范围）",
    "wording": "规范提法",
    "typo": "错别字",
    "slip": "常见错别字（再接再厉、按部就班等固定写法）",
    "figure": "数字前后一致、待更新的数字、年份",
    "name": "单位名称写法一致",
    "level": "本级称谓（县政协报告中的“区委”“全区”等）",
}
RULE_KEYS = ("code", "pattern", "text", "replace", "category", "severity", "canonical", "note", "source")


class ConfigError(Exception):
    """proofreading.toml cannot be read or written; the message is for the user."""


@dataclass
class ProofConfig:
    disabled: set[str] = field(default_factory=set)  # finding codes or code prefixes ("typo", "wording.bare-congress")
    whitelist: set[str] = field(default_factory=set)  # words never flagged
    extra_rules: list[dict[str, Any]] = field(default_factory=list)

    def enabled(self, code: str) -> bool:
        return not any(code == off or code.startswith(off + ".") for off in self.disabled)


def config_path() -> Path:
    return paths.user_data_dir() / "proofreading.toml"


def read_config() -> ProofConfig:
    """The user's settings, or ConfigError naming what is wrong with the file."""
    path = config_path()
    if not path.is_file():
        return ProofConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取校对设置文件 {path}：{exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"校对设置文件 {path} 格式有误（{exc}），请改正或删除后再试。") from exc
    return ProofConfig(
        disabled={str(x) for x in data.get("disabled", [])},
        whitelist={str(x) for x in data.get("whitelist", [])},
        extra_rules=[r for r in data.get("rule", []) if isinstance(r, dict)],
    )


def load_config() -> ProofConfig:
    """The user's settings; a damaged file is ignored rather than stopping the check."""
    try:
        return read_config()
    except ConfigError:
        return ProofConfig()


def _toml_string(value: str) -> str:
    # JSON's string escapes (\", \\, \n, \uXXXX) are all valid in a TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def to_toml(config: ProofConfig) -> str:
    lines = ["# 校对设置（可在“校对设置”对话框中修改）。", ""]
    lines.append("disabled = [" + ", ".join(_toml_string(x) for x in sorted(config.disabled)) + "]")
    lines.append("whitelist = [" + ", ".join(_toml_string(x) for x in sorted(config.whitelist)) + "]")
    for rule in config.extra_rules:
        lines += ["", "[[rule]]"]
        lines += [f"{key} = {_toml_string(str(rule[key]))}" for key in RULE_KEYS if rule.get(key) not in (None, "")]
    return "\n".join(lines) + "\n"


def save_config(config: ProofConfig) -> None:
    """Write the settings (temporary file + replace, so a crash leaves the old file whole). Refuses
    when the existing file cannot be read, so the office's own edits are never overwritten."""
    read_config()
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".toml.tmp")
    try:
        temporary.write_text(to_toml(config), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        raise ConfigError(f"无法保存校对设置 {path}：{exc}") from exc


def add_to_whitelist(word: str) -> ProofConfig:
    config = read_config()
    config.whitelist.add(word)
    save_config(config)
    return config


@cache
def resource_lines(name: str) -> tuple[str, ...]:
    text = paths.resource("proofreading", name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
