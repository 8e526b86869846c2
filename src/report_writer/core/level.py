"""The office's level (区/县/市/州/旗/盟 …): the bare word a report uses in 全县, 县委, 县委、县政府, 县政协.

A 县政协 report must never say 区委. The level is derived from the office's name, which always ends with
the administrative unit (重庆市测试县政协, 政协××自治县委员会, ××新区政协), and the writer can change it.
Only the bare word is kept: a 自治县 says 县委 and 全县, a 新区 says 区委, an 自治州 says 州委, a 县级市 says 市委.
"""

from __future__ import annotations

import re

# The bare words an office can speak as. 特区 (六枝特区) and 林区 (神农架林区) say 特区委 / 林区委.
LEVELS: tuple[str, ...] = ("区", "县", "市", "州", "旗", "盟", "特区", "林区", "省")
DEFAULT_LEVEL = "区"

# Longer endings first: the unit's kind as written in its name -> the bare word its documents use.
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("自治县", "县"),
    ("自治旗", "旗"),
    ("自治州", "州"),
    ("自治区", "区"),
    ("新区", "区"),
    ("特区", "特区"),
    ("林区", "林区"),
    ("县级市", "市"),
    ("区", "区"),
    ("县", "县"),
    ("市", "市"),
    ("州", "州"),
    ("旗", "旗"),
    ("盟", "盟"),
    ("省", "省"),
)
# What follows the unit in an office's name: 政协, 政协委员会, 委员会 (政协××县委员会), 机关 …
_TRAILERS = re.compile(r"(?:政协)?(?:委员会)?(?:机关|办公室)?$")
_LEADERS = re.compile(r"^(?:中国人民政治协商会议|中共|政协)")


class LevelError(ValueError):
    """An unknown level word; the message is for the user."""


def _unit_name(name: str) -> str:
    text = re.sub(r"\s+", "", name or "")
    text = _LEADERS.sub("", text)
    previous = None
    while previous != text:  # peel 办公室, 机关, 委员会, 政协 in any order they come
        previous = text
        text = _TRAILERS.sub("", text)
    return text


def level_of_name(name: str) -> str | None:
    """The level a name ends with (测试县政协 -> 县, 政协××自治县委员会 -> 县), or None if it names none."""
    unit = _unit_name(name)
    for ending, level in _ENDINGS:
        if unit.endswith(ending):
            return level
    return None


def derive_level(org_full: str = "", org_short: str = "") -> str:
    """The office's level from its short name, else its full name, else 区 (what the templates were written for)."""
    for name in (org_short, org_full):
        level = level_of_name(name)
        if level:
            return level
    return DEFAULT_LEVEL


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise LevelError(f"级别“{level}”不可用，应为：{'、'.join(LEVELS)}")
    return level


def level_words(level: str) -> dict[str, str]:
    """The words a report of this level uses, by role: 全县, 县委, 县政府, 县政协, 县人大."""
    return {
        "whole": f"全{level}",
        "party": f"{level}委",
        "government": f"{level}政府",
        "cppcc": f"{level}政协",
        "congress": f"{level}人大",
    }
