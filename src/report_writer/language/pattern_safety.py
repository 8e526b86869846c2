"""Regular expressions an office writes into proofreading.toml, refused when they could backtrack
catastrophically.

Python's re has no timeout, and one rule such as `(.*)*X` would hang every check. Rather than add a
second regex engine, a rule is read with re's own parser and refused when it has what makes
backtracking explode: a repetition inside a repetition, a repeated alternation, a backreference,
or more than two unbounded repetitions (each one multiplies the work by the paragraph's length).
Real 提法 rows are literal phrases with at most a `.{0,6}` or a character class: all pass.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older layouts
    import sre_constants
    import sre_parse

MAX_PATTERN_CHARS = 300
MAX_UNBOUNDED = 2
_REPEATS = (
    sre_constants.MAX_REPEAT,
    sre_constants.MIN_REPEAT,
    getattr(sre_constants, "POSSESSIVE_REPEAT", None),
)


class UnsafePattern(ValueError):
    """Why a rule's pattern is refused, in Chinese."""


def _walk(items: Any, inside_repeat: bool, counts: dict[str, int]) -> None:
    for op, value in items:
        if op in _REPEATS and op is not None:
            low, high, sub = value
            repeats = high is sre_constants.MAXREPEAT or high > 1
            if repeats and inside_repeat:
                raise UnsafePattern("重复之中又有重复（如 (.*)*），可能让校对卡住")
            if high is sre_constants.MAXREPEAT or high > 100:
                counts["unbounded"] += 1
            _walk(sub, inside_repeat or repeats, counts)
        elif op is sre_constants.BRANCH:
            if inside_repeat:
                raise UnsafePattern("重复的“或”分支（如 (a|ab)*），可能让校对卡住")
            for branch in value[1]:
                _walk(branch, inside_repeat, counts)
        elif op is sre_constants.SUBPATTERN:
            _walk(value[-1], inside_repeat, counts)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            _walk(value[1], inside_repeat, counts)
        elif op in (sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS):
            raise UnsafePattern("不支持反向引用（\\1 之类）")


def check_pattern(pattern: str) -> re.Pattern[str]:
    """The compiled pattern, or UnsafePattern / re.error saying what is wrong."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise UnsafePattern(f"太长（超过 {MAX_PATTERN_CHARS} 个字符）")
    compiled = re.compile(pattern)
    counts = {"unbounded": 0}
    _walk(sre_parse.parse(pattern), False, counts)
    if counts["unbounded"] > MAX_UNBOUNDED:
        raise UnsafePattern(f"不限长度的重复（* + {{n,}}）超过 {MAX_UNBOUNDED} 处，可能让校对卡住")
    if compiled.match(""):
        raise UnsafePattern("能匹配空文字，会在每个位置报告")
    return compiled
