"""常见错别字: the fixed forms people get wrong (再接再励 → 再接再厉, 覆职 → 履职), from the table in
resources/proofreading/slips.toml, matched exactly as written. Found even where the statistics of the
typo check are unsure, always with the correction."""

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
class Slip:
    wrong: str
    right: str
    code: str
    category: str
    note: str


@cache
def slip_table() -> dict[str, Slip]:
    data = tomllib.loads(paths.resource("proofreading", "slips.toml").read_text(encoding="utf-8"))
    table: dict[str, Slip] = {}
    for group in data.get("table", []):
        for line in str(group.get("rows", "")).splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] != parts[1]:
                table[parts[0]] = Slip(
                    parts[0], parts[1], str(group["code"]), str(group["category"]), str(group.get("note", ""))
                )
    return table


@cache
def _pattern() -> re.Pattern[str]:
    wrong_forms = sorted(slip_table(), key=len, reverse=True)  # the longest form wins: 截止到目前 before 截止
    return re.compile("|".join(re.escape(form) for form in wrong_forms))


def changed_part(wrong: str, right: str) -> tuple[int, int, str]:
    """The differing middle of two forms: (start, end in `wrong`, replacement), so only 励 of 再接再励
    is underlined and replaced."""
    head = 0
    while head < min(len(wrong), len(right)) and wrong[head] == right[head]:
        head += 1
    tail = 0
    while tail < min(len(wrong), len(right)) - head and wrong[-1 - tail] == right[-1 - tail]:
        tail += 1
    return head, len(wrong) - tail, right[head : len(right) - tail]


def slips(text: str, config: ProofConfig) -> Iterator[Finding]:
    table = slip_table()
    for match in _pattern().finditer(text):
        slip = table[match.group()]
        if slip.wrong in config.whitelist:
            continue
        start, end, replacement = changed_part(slip.wrong, slip.right)
        yield Finding(
            slip.code,
            "error",
            match.start() + start,
            match.start() + end,
            f"{slip.category}：“{slip.wrong}”应写作“{slip.right}”（{slip.note}）",
            replacement,
            text[match.start() + start : match.start() + end],
            extra={"whole": slip.wrong, "before": start},  # the phrase's characters before this finding
        )
