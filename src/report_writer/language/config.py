"""Proofreading settings: rules switched off, the office's whitelist and its own 提法 rows.
Read from proofreading.toml in the per-user folder; everything is optional. The app edits the file
through save_config, which refuses to overwrite a file it cannot read (nothing the office wrote is lost)."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from report_writer import paths
from report_writer.core.toml_text import toml_string as _toml_string

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
MAX_CONFIG_BYTES = 1024 * 1024
RULE_KEYS = ("code", "pattern", "text", "replace", "category", "severity", "canonical", "note", "source")


class ConfigError(Exception):
    """proofreading.toml cannot be read or written; the message is for the user."""


@dataclass
class ProofConfig:
    disabled: set[str] = field(
        default_factory=set
    )  # finding codes or code prefixes ("typo", "wording.bare-congress")
    whitelist: set[str] = field(default_factory=set)  # words never flagged
    extra_rules: list[dict[str, Any]] = field(default_factory=list)

    def enabled(self, code: str) -> bool:
        return not any(code == off or code.startswith(off + ".") for off in self.disabled)


def config_path() -> Path:
    return paths.user_data_dir() / "proofreading.toml"


def read_config() -> ProofConfig:
    """The user's settings, or ConfigError naming what is wrong with the file (one Chinese line)."""
    path = config_path()
    if not path.is_file():
        return ProofConfig()
    name = f"校对设置文件 {path}"
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{name} 过大（上限 1 MB），请改正或删除后再试。")
        data = tomllib.loads(raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"))
    except PermissionError as exc:
        raise ConfigError(f"没有读取{name}的权限，请检查文件权限。") from exc
    except OSError as exc:
        raise ConfigError(f"无法读取{name}（{exc.strerror or '读取失败'}）。") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{name} 不是 UTF-8 编码的文字，请用记事本另存为 UTF-8 或删除后再试。") from exc
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        at = f"第 {where.group(1)} 行第 {where.group(2)} 列" if where else "某处"
        raise ConfigError(f"{name} {at}格式有误，请改正或删除后再试。") from exc
    except ValueError as exc:  # tomllib: an integer of thousands of digits
        raise ConfigError(f"{name} 中有无法读取的数值，请改正或删除后再试。") from exc
    return ProofConfig(
        disabled=_string_list(data, "disabled", name),
        whitelist=_string_list(data, "whitelist", name),
        extra_rules=_rules(data, name),
    )


def _string_list(data: dict[str, Any], key: str, name: str) -> set[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f'{name} 中的 {key} 应写成文字的列表，如 {key} = ["政协"]，请改正后再试。')
    return {x for x in value if x.strip()}


def _rules(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The office's 提法 rows: tables, fields as text, patterns that cannot hang a check."""
    from report_writer.language.pattern_safety import UnsafePattern, check_pattern

    rules = data.get("rule", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise ConfigError(f"{name} 中的 rule 应写成 [[rule]] 表，请改正后再试。")
    for index, rule in enumerate(rules, 1):
        for key, value in rule.items():
            if key in RULE_KEYS and not isinstance(value, str):
                raise ConfigError(f"{name} 第 {index} 条 rule 的 {key} 应为文字，请改正后再试。")
        if "pattern" in rule:
            try:
                check_pattern(rule["pattern"])
            except UnsafePattern as exc:
                raise ConfigError(
                    f"{name} 第 {index} 条 rule 的 pattern 不能用：{exc}。请改正后再试。"
                ) from exc
            except re.error as exc:
                raise ConfigError(
                    f"{name} 第 {index} 条 rule 的 pattern 不是有效的正则表达式，请改正后再试。"
                ) from exc
        elif not rule.get("text"):
            raise ConfigError(f"{name} 第 {index} 条 rule 缺少 pattern 或 text，请改正后再试。")
    return rules


def load_config() -> ProofConfig:
    """The user's settings; a damaged file is ignored rather than stopping the check."""
    try:
        return read_config()
    except ConfigError:
        return ProofConfig()


def to_toml(config: ProofConfig) -> str:
    lines = ["# 校对设置（可在“校对设置”对话框中修改）。", ""]
    lines.append("disabled = [" + ", ".join(_toml_string(x) for x in sorted(config.disabled)) + "]")
    lines.append("whitelist = [" + ", ".join(_toml_string(x) for x in sorted(config.whitelist)) + "]")
    for rule in config.extra_rules:
        lines += ["", "[[rule]]"]
        lines += [
            f"{key} = {_toml_string(str(rule[key]))}" for key in RULE_KEYS if rule.get(key) not in (None, "")
        ]
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
