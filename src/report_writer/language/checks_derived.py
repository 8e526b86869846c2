"""Figures that check each other: a rate against the counts it comes from (立案率 = 立案 / 收到, 办复率,
采用率), a total against its parts where the template declares them, and a percentage stated in the text
against the counts the same paragraph names. A mismatch is a finding whose suggestion is the computed
value."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from report_writer.core.model import Field, Paragraph, Report
from report_writer.core.numerals import percent
from report_writer.language.checks_context import Span
from report_writer.language.findings import Finding

TOLERANCE = 0.15  # percentage points: a rate rounded to one decimal, from counts that may be 余 figures


@dataclass(frozen=True)
class RateRule:
    rate: str  # how the rate is named: 立案率
    numerator: str  # a count's name matching this is the part …
    denominator: str  # … and this the whole


RATE_RULES = (
    RateRule("立案率", r"立案", r"收到提案|提交提案|提案总|共收到|收到.*提案"),
    RateRule("办复率", r"办复|办结|答复", r"立案"),
    RateRule("采用率", r"采用|采纳", r"编报|报送|上报|收到.*信息|社情民意信息$"),
    RateRule("转化率", r"转化", r"提出|形成|收到"),
)


def _number(item: Field | None) -> float | None:
    if (
        item is None
        or item.status != "filled"
        or not isinstance(item.value, int | float)
        or isinstance(item.value, bool)
    ):
        return None
    return float(item.value)


def _count_fields(report: Report, pattern: str) -> list[Field]:
    return [
        f
        for f in report.fields.values()
        if f.type != "percent" and "率" not in f.label and re.search(pattern, f.label)
    ]


def _first_place(report: Report, name: str) -> tuple[int, int, int, int] | None:
    """(section, block, start, end) of the first place the figure stands."""
    for s_index, section in enumerate(report.sections):
        for b_index, block in enumerate(section.blocks):
            if isinstance(block, Paragraph):
                for found, start, end, _shown in block.field_places(report.fields):
                    if found == name:
                        return s_index, b_index, start, end
    return None


def _rate_field_findings(report: Report) -> Iterator[Finding]:
    for item in report.fields.values():
        if item.type != "percent":
            continue
        rule = next((r for r in RATE_RULES if r.rate in item.label), None)
        stated = _number(item)
        if rule is None or stated is None:
            continue
        parts = [f for f in _count_fields(report, rule.numerator)]
        wholes = [f for f in _count_fields(report, rule.denominator) if f not in parts]
        if len(parts) != 1 or len(wholes) != 1:
            continue  # not sure which counts: say nothing rather than something wrong
        part, whole = _number(parts[0]), _number(wholes[0])
        if part is None or not whole:
            continue
        computed = part / whole * 100
        if abs(computed - stated) > TOLERANCE:
            place = _first_place(report, item.name)
            if place is None:
                continue
            s_index, b_index, start, end = place
            yield Finding(
                "figure.derived",
                "warning",
                start,
                end,
                f"“{item.label}”应为 {parts[0].label} {parts[0].value} ÷ {wholes[0].label} {wholes[0].value} "
                f"= {percent(computed)}，文中是 {percent(stated)}",
                percent(computed),
                percent(stated),
                s_index,
                b_index,
            )


def _total_findings(report: Report) -> Iterator[Finding]:
    for item in report.fields.values():
        parts_of = getattr(item, "total_of", None) or []
        total = _number(item)
        numbers = [_number(report.fields.get(n)) for n in parts_of]
        if total is None or not parts_of or any(n is None for n in numbers):
            continue
        computed = sum(n for n in numbers if n is not None)
        if abs(computed - total) > 1e-9:
            place = _first_place(report, item.name)
            if place is None:
                continue
            s_index, b_index, start, end = place
            names = "＋".join(report.fields[n].label for n in parts_of)
            shown = f"{computed:g}"
            yield Finding(
                "figure.derived",
                "warning",
                start,
                end,
                f"“{item.label}”应为 {names} 之和 {shown}{item.unit}，文中是 {total:g}",
                shown,
                f"{total:g}",
                s_index,
                b_index,
            )


def report_derived(report: Report) -> Iterator[Finding]:
    yield from _rate_field_findings(report)
    yield from _total_findings(report)


# ---- a percentage written in the text --------------------------------------------------------------

_PCT_RE = re.compile(r"(立案率|办复率|采用率|转化率)[^\d，。；%]{0,6}?(\d+(?:\.\d+)?)[%％]")


def _count_in(text: str, pattern: str, before: int) -> float | None:
    """The number counted right after words matching `pattern`, before position `before` in the paragraph."""
    found = None
    for match in re.finditer(
        rf"(?:{pattern})[^\d，。；%率]{{0,8}}?(\d+(?:\.\d+)?)(?:余|多)?[件篇条个项次]", text[:before]
    ):
        found = float(match.group(1))
    return found


def text_derived(spans: list[Span]) -> Iterator[Finding]:
    for span in spans:
        for match in _PCT_RE.finditer(span.text):
            rule = next(r for r in RATE_RULES if r.rate == match.group(1))
            part = _count_in(span.text, rule.numerator, match.start())
            whole = _count_in(span.text, rule.denominator, match.start())
            if part is None or not whole or part > whole:
                continue
            computed, stated = part / whole * 100, float(match.group(2))
            if abs(computed - stated) > TOLERANCE:
                start, end = match.start(2) + span.offset, match.end() + span.offset
                yield Finding(
                    "figure.derived",
                    "warning",
                    start,
                    end,
                    f"{rule.rate}按文中数字为 {part:g} ÷ {whole:g} = {percent(computed)}，"
                    f"文中写作 {stated:g}%",
                    percent(computed),
                    span.text[match.start(2) : match.end()],
                    span.section,
                    span.paragraph,
                )
