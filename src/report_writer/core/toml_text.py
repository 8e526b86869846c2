"""Writing TOML by hand where we write it (proofreading.toml, a saved template pack): one rule for strings."""

from __future__ import annotations

import json


def toml_string(value: str) -> str:
    """A TOML basic string: a JSON string is one (quotes, backslashes and control characters escaped)."""
    return json.dumps(value, ensure_ascii=False)
