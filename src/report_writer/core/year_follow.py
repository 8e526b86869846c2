"""The year follows: when the writer changes 报告年度, the title, subtitle, headings and text that name the
old report year move with it, by the same rule as a roll-over (dates of events such as 2026年3月 stay)."""

from __future__ import annotations

import re

from report_writer.core.model import Figure, Paragraph, Report
from report_writer.core.numerals import chinese_year
from report_writer.core.rollover import _move_year
from report_writer.core.yearly import roll_map, roll_wording


def year_mentions(report: Report, year: int) -> int:
    """How many places name `year` as the report's year (what moving it would change)."""
    pattern = re.compile(rf"(?<!\d){year}年(?![\d]{{0,2}}月)|{chinese_year(year)}年")
    texts = [report.title, report.subtitle]
    for section in report.sections:
        texts.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                texts.extend(p for p in block.parts if isinstance(p, str))
                texts.append(block.lead or "")
            elif isinstance(block, Figure):
                texts.append(block.caption)
    return sum(len(pattern.findall(t)) for t in texts)


def move_report_year(report: Report, old: int, new: int) -> int:
    """Move the report's year from `old` to `new` everywhere it is named; return how many places changed."""
    changed = year_mentions(report, old)
    wording = roll_map(
        old, new
    )  # the year's 全会 and 年度定位 wording follows too (resources/yearly_wording.toml)
    report.title = _move_year(report.title, old, new)
    report.subtitle = _move_year(report.subtitle, old, new)
    for section in report.sections:
        section.heading = _move_year(section.heading, old, new)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                block.parts = [
                    roll_wording(_move_year(p, old, new), wording)[0] if isinstance(p, str) else p
                    for p in block.parts
                ]
                if block.lead:
                    block.lead = _move_year(block.lead, old, new)
            elif isinstance(block, Figure):
                block.caption = _move_year(block.caption, old, new)
    report.year = new
    return changed
