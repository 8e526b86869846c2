"""Proofreading settings: rules switched off, the office's whitelist and its own 提法 rows.
Read from proofreading.toml in the per-user folder; everything is optional. The app edits the file
through save_config, which refuses to overwrite a file it cannot read (nothing the office wrote is lost)
and edits the file it read with tomlkit, so the comments and the order the office gave it survive a save."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Array, Table
from tomlkit.toml_document import TOMLDocument

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


def to_toml(config: ProofConfig, existing: str = "") -> str:
    """The settings as TOML. Given the file's present text, that text is edited rather than rewritten:
    comments, key order and the rules kept as the office wrote them (with keys we do not know) stay."""
    if existing.strip():
        document = tomlkit.parse(existing)
    else:
        document = tomlkit.document()
        document.add(tomlkit.comment("校对设置（可在“校对设置”对话框中修改）。"))
        document.add(tomlkit.nl())
    for key, words in (("disabled", config.disabled), ("whitelist", config.whitelist)):
        _set_words(document, key, words, always=not existing.strip())
    _set_rules(document, config.extra_rules)
    return tomlkit.dumps(document)


def _set_words(document: TOMLDocument, key: str, words: set[str], always: bool) -> None:
    """A list of words, changed in place where the file has it (its comments and line breaks stay)."""
    current = document.get(key)
    if not isinstance(current, Array):
        if words or always or key in document:
            document[key] = sorted(words)
        return
    for index in reversed(range(len(current))):
        if current[index] not in words:
            del current[index]
    current.extend(sorted(words - set(current)))


def _set_rules(document: TOMLDocument, rules: list[dict[str, Any]]) -> None:
    """The [[rule]] tables in the dialog's order. A rule keeps its own table (and the comments in it)
    when it is unchanged or when only its other keys changed (same pattern or text): edited in place."""
    current = document.get("rule")
    unused: list[Table] = list(current) if isinstance(current, AoT) else []
    if [table.unwrap() for table in unused] == rules:
        return
    tables = tomlkit.aot()
    for rule in rules:
        same = next((table for table in unused if table.unwrap() == rule), None)
        same = same or next((table for table in unused if _same_rule(table.unwrap(), rule)), None)
        if same is not None:
            unused.remove(same)
        table = same if same is not None else tomlkit.table()
        _write_rule(table, rule)
        tables.append(table)
    if rules:
        document["rule"] = tables
    elif "rule" in document:
        del document["rule"]


def _same_rule(old: dict[str, Any], new: dict[str, Any]) -> bool:
    key = "pattern" if "pattern" in new else "text"
    return bool(new.get(key)) and old.get(key) == new.get(key)


def _write_rule(table: Table, rule: dict[str, Any]) -> None:
    if table.unwrap() == rule:
        return
    for key in list(table):
        if key in RULE_KEYS and rule.get(key) in (None, ""):
            del table[key]
    for key in RULE_KEYS:
        if rule.get(key) not in (None, "") and table.get(key) != str(rule[key]):
            table[key] = str(rule[key])


def save_config(config: ProofConfig) -> None:
    """Write the settings (temporary file + replace, so a crash leaves the old file whole). Refuses
    when the existing file cannot be read, so the office's own edits are never overwritten."""
    read_config()
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".toml.tmp")
    try:
        existing = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
        temporary.write_text(to_toml(config, existing), encoding="utf-8")
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
