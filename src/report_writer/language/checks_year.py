"""提法 that belong to one year (resources/yearly_wording.toml), and placeholders left to fill.

- wording.year-stale: a row's wording in a report of a year it does not fit: after a roll-over,
  二十届二中、三中全会精神 in a review of 2025, or 党纪学习教育 reported as 2025 work. A year written just
  before the phrase (“2025年是‘十四五’规划收官之年”) decides; without one, a report of the year
  before or after is left alone for rows with a margin (a 2025 review rightly says the next year is
  “十五五”开局之年), never for a campaign or a plenary.
- marker.placeholder: a 【…】 a template left for a fact only the writer knows (【核实】,
  【此处引用一段真实走访对话…】); the export warns about them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from report_writer.core.model import FieldRef, Paragraph, Report
from report_writer.core.yearly import MARKER_RE, YearRow, row_for, rows
from report_writer.language.checks_context import Context, Span
from report_writer.language.findings import Finding

_YEAR_BEFORE_RE = re.compile(r"((?:19|20)\d{2})年[，,]?(?:是|为|既是|也是)?[^。；！？]{0,16}$")
_SENTENCE_RE = re.compile(r"[^。；！？\n]+[。；！？]?")


_RELATIVE_BEFORE_RE = re.compile(r"(今年|本年|去年|明年)[，,]?(?:是|为|既是|也是)?[^。；！？]{0,16}$")
_RELATIVE = {"今年": 0, "本年": 0, "去年": -1, "明年": 1}


def _explicit_year(text: str, start: int, year: int | None = None) -> int | None:
    """The year said right before a phrase: 2025年是…, or 今年是… (the report's year), 去年, 明年."""
    before = text[max(0, start - 24) : start]
    match = _YEAR_BEFORE_RE.search(before)
    if match:
        return int(match.group(1))
    relative = _RELATIVE_BEFORE_RE.search(before) if year is not None else None
    return year + _RELATIVE[relative.group(1)] if relative and year is not None else None


def _stale(row: YearRow, context: Context, said_year: int | None) -> bool:
    if said_year is not None:
        return not row.valid_in(said_year)
    low, high = row.valid or row.years
    # a plain text's year may be the year it was delivered (a 2026 work report reviews 2025)
    late = max(row.margin, 1 if context.year_from_text else 0)
    return context.year is not None and not (low - row.margin <= context.year <= high + late)


def _message(row: YearRow, year: int, current: YearRow | None) -> str:
    low, high = row.valid or row.years
    when = f"{low}年" if low == high else f"{low}—{high}年"
    # a quotation inside a quotation takes the single marks (“‘十四五’规划收官之年”), as GB/T 15834 has it
    phrase = (current.short or current.text).replace("“", "‘").replace("”", "’") if current else ""
    now = f"{year}年的提法是“{phrase}”。" if current else ""
    return f"年度提法：这一写法属于{when}，与报告年度（{year}年）不符。{now}（依据：{row.source}）"


@cache
def _stale_rows() -> tuple[tuple[tuple[YearRow, re.Pattern[str]], ...], re.Pattern[str]]:
    """The rows with a stale wording (with it), and one pattern that finds any of them: a sentence where
    that finds nothing holds none (each row's pattern searched alone would find nothing there either)."""
    stale = tuple((row, row.stale) for row in rows() if row.stale is not None)
    if any(pattern.groups or pattern.flags & ~re.UNICODE for _, pattern in stale):
        return stale, re.compile("")  # groups or flags would change meaning when joined: search every row
    return stale, re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in stale) or "(?!)")


def year_wording(spans: list[Span], context: Context) -> Iterator[Finding]:
    if context.year is None:
        return
    year = context.year
    stale_rows, any_stale = _stale_rows()
    for span in spans:
        for sentence in _SENTENCE_RE.finditer(span.text):
            if not any_stale.search(sentence.group()):
                continue  # no row's wording in this sentence (most sentences: one search, not one a row)
            for row, stale in stale_rows:
                for match in stale.finditer(sentence.group()):
                    if row.keep is not None and row.keep.search(sentence.group()):
                        continue
                    start = sentence.start() + match.start()
                    # 今年/去年 count only from a report's own year: a plain text's year is a guess
                    known = None if context.year_from_text else context.year
                    if not _stale(row, context, _explicit_year(span.text, start, known)):
                        continue
                    current = row_for(row.key, year)
                    suggestion = current.short if current and current.short and row.short else None
                    finding = Finding(
                        "wording.year-stale",
                        "warning",
                        start,
                        start + len(match.group()),
                        _message(row, year, current),
                        suggestion,
                        match.group(),
                    )
                    finding = finding.shifted(span.offset)
                    finding.section, finding.paragraph = span.section, span.paragraph
                    yield finding


def markers_in(text: str) -> Iterator[re.Match[str]]:
    return MARKER_RE.finditer(text)


def marker_finding(match: re.Match[str], offset: int = 0) -> Finding:
    inner = match.group()[1:-1]
    if inner == "核实":
        message = "待核实：模板不知道前面这句说的成效是否属实；核实后删去这个标记，不属实就改写或删去这句"
    elif inner.startswith("核实："):
        message = f"待核实：{inner[3:]}，请按本年度的实际写法填写"
    else:
        message = f"待补写：模板留下的占位“{inner}”，请换成本单位的真实情况，或删去这句"
    return Finding(
        "marker.placeholder",
        "warning",
        offset + match.start(),
        offset + match.end(),
        message,
        None,
        match.group(),
    )


def markers(spans: list[Span]) -> Iterator[Finding]:
    for span in spans:
        for match in markers_in(span.text):
            finding = marker_finding(match, span.offset)
            finding.section, finding.paragraph = span.section, span.paragraph
            yield finding


def report_markers(report: Report) -> Iterator[Finding]:
    """Markers in a report's own text (a figure still to fill is the figure checks' business)."""
    for s_index, section in enumerate(report.sections):
        for b_index, block in enumerate(section.blocks):
            if not isinstance(block, Paragraph):
                continue
            position = len(block.lead or "")
            for match in markers_in(block.lead or ""):
                finding = marker_finding(match)
                finding.section, finding.paragraph = s_index, b_index
                yield finding
            for part in block.parts:
                if isinstance(part, FieldRef):
                    field = report.fields.get(part.name)
                    position += len(field.display(part.style) if field else part.name)
                    continue
                for match in markers_in(part):
                    finding = marker_finding(match, position)
                    finding.section, finding.paragraph = s_index, b_index
                    yield finding
                position += len(part)
