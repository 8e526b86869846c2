"""Wording that belongs to a report's year, from resources/yearly_wording.toml.

One table serves two readers: templates get the year's wording as `yw` (and the next year's as
`yw_next`), and the proofreader flags a row's wording in a report of a year it no longer fits
(after a roll-over: 二十届二中、三中全会精神 in a review of 2025). A key with no row for a year gives
the template a visible marker instead of a guess.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from report_writer import paths

MARKER_OPEN, MARKER_CLOSE = "【", "】"
# A fact a template left for the writer (【核实】, 【专题议政性常委会议的议题】): found by the proofreader
# (marker.placeholder), counted by the export warning and highlighted in the .docx.
MARKER_RE = re.compile(r"【[^【】\n]{1,80}】")

# What each key is, for the marker a template gets where the table has no row for the year.
KEY_HINTS: dict[str, str] = {
    "plenary": "全会精神提法",
    "plenary_latest": "最近一次全会",
    "year_role": "年度定位",
    "plan_advice": "规划建言重点",
    "campaign": "党内集中学习教育",
    "campaign_method": "学习教育要求",
    "campaign_followup": "巩固学习教育成果的提法",
    "cppcc_speech": "政协系统重点学习的重要讲话",
    "anniversary": "重要周年纪念",
}


@dataclass(frozen=True)
class YearRow:
    key: str
    years: tuple[int, int]
    text: str
    source: str
    short: str = ""
    stale: re.Pattern[str] | None = None
    valid: tuple[int, int] | None = None
    keep: re.Pattern[str] | None = None
    margin: int = 0  # years either side in which the wording may still be written (without a year before it)

    def covers(self, year: int) -> bool:
        return self.years[0] <= year <= self.years[1]

    def valid_in(self, year: int) -> bool:
        low, high = self.valid or self.years
        return low <= year <= high


def _pair(value: object, where: str) -> tuple[int, int]:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return int(value[0]), int(value[1])
    raise ValueError(f"{where}：years 应为 [起, 止] 两个年份")


@cache
def rows() -> tuple[YearRow, ...]:
    data = tomllib.loads(paths.resource("yearly_wording.toml").read_text(encoding="utf-8"))
    result = []
    for index, raw in enumerate(data.get("row", [])):
        where = f"yearly_wording.toml 第 {index + 1} 行"
        result.append(
            YearRow(
                key=str(raw["key"]),
                years=_pair(raw["years"], where),
                text=str(raw["text"]),
                source=str(raw.get("source", "")),
                short=str(raw.get("short", "")),
                stale=re.compile(raw["stale"]) if raw.get("stale") else None,
                valid=_pair(raw["valid"], where) if "valid" in raw else None,
                keep=re.compile(raw["keep"]) if raw.get("keep") else None,
                margin=int(raw.get("margin", 0)),
            )
        )
    return tuple(result)


def row_for(key: str, year: int) -> YearRow | None:
    return next((row for row in rows() if row.key == key and row.covers(year)), None)


def roll_map(old: int, new: int) -> dict[str, str]:
    """Wording of the old year (and of the year after it) -> the new year's (and the year after), for a
    roll-over or a change of the report's year: rows with a `short` form only (全会精神, 年度定位); campaigns
    and anniversaries are events, not wording, and are left to the proofreader. Where a year has no row,
    its side is the template's marker (【核实：2027年的年度定位】), so markers move with the year too."""
    mapping: dict[str, str] = {}
    keys = sorted({row.key for row in rows() if row.short})
    # the year's own wording first (it wins where two years share a form, as 二十届历次全会精神 does); of the
    # year after, only its role is named in a review (the closing's “2026年是……”)
    for then, now, these in ((old, new, keys), (old + 1, new + 1, ["year_role"])):
        for key in these:
            before, after = row_for(key, then), row_for(key, now)
            source = before.short if before and before.short else _missing(key, then)
            target = after.short if after and after.short else _missing(key, now)
            mapping.setdefault(source, target)
    return {source: target for source, target in mapping.items() if source != target}


def _missing(key: str, year: int) -> str:
    return marker(f"核实：{year}年的{KEY_HINTS.get(key, key)}")


def roll_wording(text: str, mapping: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """Replace every old form at once (so a replacement is never replaced again); return what changed."""
    if not mapping:
        return text, []
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    changed: list[tuple[str, str]] = []

    def swap(match: re.Match[str]) -> str:
        changed.append((match.group(), mapping[match.group()]))
        return mapping[match.group()]

    return pattern.sub(swap, text), changed


def marker(hint: str) -> str:
    return f"{MARKER_OPEN}{hint}{MARKER_CLOSE}"


def wording_for(year: int) -> dict[str, str | None]:
    """The template context for a year: every key present; a key without a row for the year is None
    (templates choose: leave the sentence out, or write `yw.key or mark(...)`)."""
    keys = dict.fromkeys(KEY_HINTS) | {row.key: None for row in rows()}
    return {key: (found.text if (found := row_for(key, year)) else None) for key in keys}


def wording_or_marker(year: int) -> dict[str, str]:
    """Like wording_for, but a missing row is a visible marker such as 【核实：2027年的年度定位】."""
    return {key: text if text is not None else _missing(key, year) for key, text in wording_for(year).items()}


# ---- the office above (the level itself is core/level.py) -----------------------------------------


def upper_level(org_full: str, level: str) -> str:
    """The level of the office above, for 在市政协的精心指导下: a 区 or 县 answers to a 市 (or 州, 盟);
    a 市 to a 省 unless it sits inside another 市 (a county-level city)."""
    name = org_full.removesuffix("政协")
    below_province = re.split(r"省|自治区", name, maxsplit=1)[
        -1
    ]  # 贵州省: the 州 of a province's name does not count
    if level in ("区", "县", "旗", "特区", "林区"):
        if "自治州" in below_province or ("州" in below_province and "市" not in below_province):
            return "州"
        if "盟" in below_province:
            return "盟"
        return "市"
    if level == "市" and below_province.count("市") >= 2:
        return "市"
    return "自治区" if "自治区" in name else "省"
