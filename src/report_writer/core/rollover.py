"""Roll last year's report over to a new year, compare the years' figures, and export the comparison."""

from __future__ import annotations

import copy
import csv
import io
import re
from dataclasses import dataclass

from report_writer.core.model import Paragraph, Report
from report_writer.core.numerals import chinese_year
from report_writer.core.yearly import roll_map, roll_wording


@dataclass
class RolloverResult:
    report: Report
    review: list[str]  # dates and events of last year left for the writer to check


_TABLE_MARKER = re.compile(
    r"(【核实：[^【】]*】)"
)  # the wording table's own markers move by the table, not here


def _move_year(text: str, old: int, new: int) -> str:
    if _TABLE_MARKER.search(text):
        pieces = _TABLE_MARKER.split(text)
        return "".join(p if i % 2 else _move_year_in(p, old, new) for i, p in enumerate(pieces))
    return _move_year_in(text, old, new)


def _move_year_in(text: str, old: int, new: int) -> str:
    """The report's year moves on where it names the report's year (not in dates of events), and so does
    the year after it (the closing's “2025年是……”); both at once, so a year is never moved twice."""
    moves = {old: new, old + 1: new + 1}
    # the year after is moved only where it is not the end of a period or a target (2021—2025年, 到2025年)
    pattern = rf"(?<!\d)({old}|(?<![到至—－\-～~]){old + 1})年(?![\d]{{0,2}}月)"
    text = re.sub(pattern, lambda m: f"{moves[int(m.group(1))]}年", text)
    cn_moves = {chinese_year(a) + "年": chinese_year(b) + "年" for a, b in moves.items()}
    return re.sub("|".join(cn_moves), lambda m: cn_moves[m.group()], text)


def rollover(old: Report, year: int) -> RolloverResult:
    if year <= old.year:
        raise ValueError(f"新年度（{year}）应晚于原报告年度（{old.year}）。")
    report = copy.deepcopy(old)
    report.media = dict(old.media)
    for field in report.fields.values():
        field.carry_to_next_year()
    review = roll_report_year(report, year)
    report.ignored_findings = []
    return RolloverResult(report, review)


def roll_report_year(report: Report, year: int) -> list[str]:
    """Move the report's year in place: title, subtitle, headings and text name the new year (and the year
    after it), and the year's wording from the table follows (全会精神, 年度定位). Returns what the writer
    should review: last year's dates, and each piece of wording that was changed. Figures are not touched."""
    previous = report.year
    report.year = year
    if previous == year:
        return []
    report.title = _move_year(report.title, previous, year)
    report.subtitle = _move_year(report.subtitle, previous, year)
    review: list[str] = []
    date_re = re.compile(rf"{previous}年\d{{1,2}}月(?:\d{{1,2}}日)?")
    wording = roll_map(previous, year)
    rolled: dict[tuple[str, str], None] = {}
    for section in report.sections:
        section.heading = _move_year(section.heading, previous, year)
        for block in section.blocks:
            if not isinstance(block, Paragraph):
                continue
            for index, part in enumerate(block.parts):
                if isinstance(part, str):
                    for match in date_re.finditer(part):
                        review.append(
                            f"“{section.heading or section.kind}”中的日期“{match.group()}”"
                            "是去年的事，请改写或核对。"
                        )
                    moved, changed = roll_wording(_move_year(part, previous, year), wording)
                    block.parts[index] = moved
                    rolled.update(dict.fromkeys(changed))
    review.extend(f"年度提法已随年度更新：{old_text} → {new_text}，请核对。" for old_text, new_text in rolled)
    return review


@dataclass
class ComparisonRow:
    label: str
    unit: str
    last: int | float | str | None
    this: int | float | str | None
    change: float | None
    percent: float | None


def comparison(report: Report) -> list[ComparisonRow]:
    rows = []
    for field in report.fields.values():
        change = percent = None
        if isinstance(field.value, int | float) and isinstance(field.last_value, int | float):
            change = field.value - field.last_value
            percent = (change / field.last_value * 100) if field.last_value else None
        this = None if field.status == "to_update" else field.value
        rows.append(
            ComparisonRow(
                field.label,
                field.unit,
                field.last_value,
                this,
                change if this is not None else None,
                percent if this is not None else None,
            )
        )
    return rows


def _number(value: float | None, signed: bool = False) -> str:
    if value is None:
        return ""
    text = f"{value:+g}" if signed else f"{value:g}"
    return text


def comparison_csv(report: Report) -> str:
    """CSV with a BOM-free UTF-8 header row; Excel and WPS open it (the caller writes utf-8-sig)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["项目", "单位", f"{report.year - 1}年", f"{report.year}年", "增减", "增减幅度"])
    for row in comparison(report):
        percent = f"{row.percent:+.1f}%" if row.percent is not None else ""
        writer.writerow(
            [
                row.label,
                row.unit,
                "" if row.last is None else row.last,
                "" if row.this is None else row.this,
                _number(row.change, signed=True),
                percent,
            ]
        )
    return out.getvalue()
