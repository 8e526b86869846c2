"""The office's level (区/县/市/州/旗/盟 …): the bare word a report uses in 全县, 县委, 县委、县政府, 县政协.

A 县政协 report must never say 区委. The level is derived from the office's name, which always ends with
the administrative unit (重庆市测试县政协, 政协××自治县委员会, ××新区政协), and the writer can change it.
Only the bare word is kept: a 自治县 says 县委 and 全县, a 新区 says 区委, an 自治州 says 州委,
a 县级市 says 市委.
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
    """The office's level from its short name, else its full name, else 区 (what the templates were
    written for)."""
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


# ---- another level's words in a report (区委 in a 县政协 report) -------------------------------------

# Peers: a 县 report says 市委 for the city above it, but never 区委. Only these three are swapped for each
# other; 市 is left alone in a 区/县 report (the city above), 州/盟/省 reports are not checked (their text
# names the counties below them).
_PEERS = ("区", "县", "旗")
_CHECKED = {
    "区": ("县", "旗"),
    "县": ("区", "旗"),
    "旗": ("区", "县"),
    "市": ("区", "县", "旗"),
    "特区": ("县", "旗"),
    "林区": ("县", "旗"),
}
# A bare 区委 stands after punctuation or a word such as 在/报/向/由; after any other character it is the end
# of a place name (渝北区委, 社区, 园区) and is somebody else's. 中共 counts as bare (中共区委).
_BARE_BEFORE = (
    "在由向报经按为把对与和及同将从被请给是的了受据让使即等并于至共、，。；：“”‘’（）《》〈〉——…\n\t "
)
_BODIES = "委(?!员)|政府|政协|人大|纪委|情(?=[，。、况])"


def _other_levels(level: str) -> tuple[str, ...]:
    return _CHECKED.get(level, ())


def wrong_level_words(text: str, level: str, place: str = "") -> list[tuple[int, int, str, str]]:
    """(start, end, found, suggestion) for each word of another level: 全区, 区委, 区政府, 区政协 in a
    县 report, and the office's own place written with another level (测试区委 in 测试县's report)."""
    others = _other_levels(level)
    if not others:
        return []
    hits: list[tuple[int, int, str, str]] = []
    alternatives = "|".join(others)
    for match in re.finditer(rf"全({alternatives})(?![域内外])", text):
        before = text[match.start() - 1] if match.start() else ""
        if before in "安健完齐周保成":  # 安全区, 健全区…
            continue
        hits.append((match.start(), match.end(), match.group(), f"全{level}"))
    for match in re.finditer(rf"({alternatives})({_BODIES})", text):
        start = match.start()
        before = text[start - 1] if start else "\n"
        if before not in _BARE_BEFORE or text[start + 1 : start + 2] in _PEERS:  # 区县政协 is both
            continue
        if start and text[start - 1] in _PEERS:
            continue
        hits.append((start, match.end(), match.group(), level + match.group(2)))
    root = place[: -len(level)] if place.endswith(level) else ""
    if len(root) >= 2:
        for match in re.finditer(rf"{re.escape(root)}({alternatives})({_BODIES}|(?=[，。、的]))", text):
            hits.append((match.start(), match.end(), match.group(), root + level + match.group(2)))
    hits.sort()
    return [h for i, h in enumerate(hits) if not i or h[0] >= hits[i - 1][1]]


def fix_level_words(text: str, level: str, place: str = "") -> str:
    """The text with every other level's word replaced by this level's (for 素材 and suggestions)."""
    out, position = [], 0
    for start, end, _found, suggestion in wrong_level_words(text, level, place):
        out.append(text[position:start] + suggestion)
        position = end
    out.append(text[position:])
    return "".join(out)


def fill_phrase(phrase: str, place: str, level: str) -> str:
    """A 素材 phrase in the unit's words: ××区委 -> 测试县委, 全区 -> 全县."""
    if place:
        phrase = re.sub(r"(?:××|XX|xx|某某)(?:区|县|市|旗|州)", place, phrase)
    return fix_level_words(phrase, level, place)
