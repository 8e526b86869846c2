"""规范提法: the rule table in resources/proofreading/wording.toml plus the office's own rows."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from report_writer import paths
from report_writer.language.config import ProofConfig
from report_writer.language.findings import Finding


@dataclass(frozen=True)
class WordingRule:
    code: str
    pattern: re.Pattern[str]
    category: str
    severity: str
    canonical: str
    replace: str | None
    note: str
    source: str


def _compile(raw: dict[str, object], default_code: str) -> WordingRule | None:
    try:  # "pattern" is a regular expression; "text" (rows made in the app) is matched as written
        pattern = re.compile(str(raw["pattern"]) if "pattern" in raw else re.escape(str(raw["text"])))
    except (KeyError, re.error):
        return None
    if not pattern.pattern:
        return None
    severity = str(raw.get("severity", "warning"))
    return WordingRule(
        code=str(raw.get("code", default_code)),
        pattern=pattern,
        category=str(raw.get("category", "规范提法")),
        severity=severity if severity in ("error", "warning", "info") else "warning",
        canonical=str(raw.get("canonical", "")),
        replace=str(raw["replace"]) if "replace" in raw else None,
        note=str(raw.get("note", "")),
        source=str(raw.get("source", "")),
    )


@cache
def builtin_rules() -> tuple[WordingRule, ...]:
    data = tomllib.loads(paths.resource("proofreading", "wording.toml").read_text(encoding="utf-8"))
    rules = [_compile(raw, f"wording.{i}") for i, raw in enumerate(data.get("rule", []))]
    return tuple(r for r in rules if r is not None)


def wording(text: str, config: ProofConfig) -> Iterator[Finding]:
    extra = [_compile(raw, f"wording.user.{i}") for i, raw in enumerate(config.extra_rules)]
    for rule in (*builtin_rules(), *(r for r in extra if r is not None)):
        for match in rule.pattern.finditer(text):
            if match.group() in config.whitelist:
                continue
            start, end = match.span("fix") if "fix" in rule.pattern.groupindex else match.span()
            flagged = text[start:end]
            source = f"（依据：{rule.source}）" if rule.source else ""
            canonical = f"规范写法：{rule.canonical}。" if rule.canonical else ""
            suggestion = rule.replace.replace("{match}", flagged) if rule.replace is not None else None
            note = rule.note if not rule.note or rule.note.endswith(("。", "！", "？")) else rule.note + "。"
            explanation = f"{note}{canonical}{source}" or "请核对这一写法。"
            yield Finding(
                rule.code, rule.severity, start, end, f"{rule.category}：{explanation}", suggestion, flagged
            )
