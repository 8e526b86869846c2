"""Proofreading settings: rules switched off, the office's whitelist and its own 提法 rows.
Read from proofreading.toml in the per-user folder; everything is optional."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from report_writer import paths


@dataclass
class ProofConfig:
    disabled: set[str] = field(default_factory=set)  # finding codes or code prefixes ("typo", "wording.bare-congress")
    whitelist: set[str] = field(default_factory=set)  # words never flagged
    extra_rules: list[dict[str, Any]] = field(default_factory=list)

    def enabled(self, code: str) -> bool:
        return not any(code == off or code.startswith(off + ".") for off in self.disabled)


def load_config() -> ProofConfig:
    """The user's settings; a damaged file is ignored rather than stopping the check."""
    path = paths.user_data_dir() / "proofreading.toml"
    if not path.is_file():
        return ProofConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ProofConfig()
    return ProofConfig(
        disabled={str(x) for x in data.get("disabled", [])},
        whitelist={str(x) for x in data.get("whitelist", [])},
        extra_rules=[r for r in data.get("rule", []) if isinstance(r, dict)],
    )


@cache
def resource_lines(name: str) -> tuple[str, ...]:
    text = paths.resource("proofreading", name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
