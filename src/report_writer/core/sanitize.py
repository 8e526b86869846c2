"""One validation for everything that enters the model: an imported file, a .rwp revision, a rendered
template, --values, the GUI's own edits before export.

Each step downstream (the Word writer, the proofreader, SQLite, JSON) must be able to take what this
lets through, so the rules are those of the strictest one:
- text is XML-safe: a vertical tab or form feed (Word's manual line and page breaks, pasted) becomes
  a line break; other control characters, lone surrogates and non-characters (U+FFFE …) are dropped
  and counted in a warning;
- titles and names have a length bound (Word's document title takes 255 characters; a "title" of
  thousands is a mis-import that no later step can show);
- numbers are finite and below 10^15 (a 5,000-digit number would break int(), export and JSON);
- the report as a whole fits the budgets that keep export, checking and the app responsive.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from report_writer.core.model import Field, FieldRef, Figure, ModelError, Paragraph, Report

# Lengths in characters. A real title is under 60; a heading under 50; an office name under 30.
TITLE_MAX = 200
NAME_MAX = 100
HEADING_MAX = 200
LABEL_MAX = 200
UNIT_MAX = 20
CAPTION_MAX = 1000
PARAGRAPH_MAX = 200_000
# The report as a whole: a real review has 5–15 sections, 100–300 blocks and 5,000–30,000 characters.
# Ten times that, and no more: the Word export costs a few milliseconds a paragraph (python-docx looks
# styles up by name each time), so 20,000 paragraphs took 8 minutes and 3,000 take seconds.
MAX_SECTIONS = 200
MAX_BLOCKS = 3_000
MAX_FIELDS = 20_000
MAX_TOTAL_CHARS = 2_000_000
MAX_NUMBER = 10**15

_LINE_BREAKS = re.compile("[\x0b\x0c\u2028\u2029\x85]")
# C0 controls other than tab/newline/return, DEL and C1 controls, lone surrogates, non-characters.
_DROPPED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


@dataclass
class TextCounts:
    """What cleaning changed across a whole report."""

    line_breaks: int = 0
    dropped: int = 0
    shortened: int = 0

    def warnings(self) -> list[str]:
        out = []
        if self.line_breaks:
            out.append(f"有 {self.line_breaks} 个手动换行符或分页符已改为换行。")
        if self.dropped:
            out.append(f"有 {self.dropped} 个无法显示的控制字符已删除。")
        return out


def clean_text(text: str, counts: TextCounts | None = None) -> str:
    """XML-safe text: breaks become newlines, other control characters and non-characters go."""
    if text.isprintable() or not (_LINE_BREAKS.search(text) or _DROPPED.search(text)):
        return text
    text, breaks = _LINE_BREAKS.subn("\n", text)
    text, dropped = _DROPPED.subn("", text)
    if counts is not None:
        counts.line_breaks += breaks
        counts.dropped += dropped
    return text


def check_number(value: Any, where: str) -> int | float | str | None:
    """A field value: finite, below 10^15, text XML-safe and short; anything else names its place."""
    if value is None or isinstance(value, str):
        if isinstance(value, str) and len(value) > LABEL_MAX:
            raise ModelError(f"{where}：文字过长（{len(value)} 字，上限 {LABEL_MAX} 字）")
        return None if value is None else clean_text(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelError(f"{where}：应为数字或文字，实际是 {type(value).__name__}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ModelError(f"{where}：不是有效的数字（{value}）")
    if abs(value) >= MAX_NUMBER:
        raise ModelError(f"{where}：数字过大（上限 {MAX_NUMBER:.0e}），请核对")
    return value


def _bounded(text: str, limit: int, what: str, where: str, counts: TextCounts, shorten: bool) -> str:
    text = clean_text(text, counts)
    if len(text) <= limit:
        return text
    if shorten:
        counts.shortened += 1
        return text[:limit]
    raise ModelError(f"{where}：{what}过长（{len(text)} 字，上限 {limit} 字），请缩短后再试")


def check_report(report: Report, shorten_names: bool = False) -> list[str]:
    """Clean and bound every string and number of `report` in place; return warnings for the writer.

    With `shorten_names` (an import, whose title is a guess) an over-long title or heading is cut
    and reported; otherwise it is an error naming its place. Over a whole-report budget is always
    an error, naming the budget.
    """
    counts = TextCounts()
    if len(report.sections) > MAX_SECTIONS:
        raise ModelError(
            f"报告有 {len(report.sections)} 节，超过上限 {MAX_SECTIONS} 节，请确认选择的是工作综述"
        )
    blocks = sum(len(s.blocks) for s in report.sections)
    if blocks > MAX_BLOCKS:
        raise ModelError(f"报告有 {blocks} 个段落和图片，超过上限 {MAX_BLOCKS} 个，请确认选择的是工作综述")
    if len(report.fields) > MAX_FIELDS:
        raise ModelError(f"报告有 {len(report.fields)} 个数字字段，超过上限 {MAX_FIELDS} 个")
    for key, limit, what in (
        ("title", TITLE_MAX, "标题"),
        ("subtitle", TITLE_MAX, "副标题"),
        ("byline", TITLE_MAX, "署名"),
        ("org_full", NAME_MAX, "单位全称"),
        ("org_short", NAME_MAX, "单位简称"),
        ("template_id", NAME_MAX, "模板 id"),
    ):
        setattr(report, key, _bounded(getattr(report, key), limit, what, key, counts, shorten_names))
    if not isinstance(report.year, int) or isinstance(report.year, bool) or not 0 <= report.year <= 9999:
        raise ModelError(f"year：年度不合理（{report.year}）")
    for name, field in report.fields.items():
        _check_field(field, f"fields[{name[:40]}]", counts)
    total = 0
    for s_index, section in enumerate(report.sections):
        where = f"sections[{s_index}]"
        section.heading = _bounded(
            section.heading, HEADING_MAX, "栏目标题", f"{where}.heading", counts, shorten_names
        )
        for b_index, block in enumerate(section.blocks):
            b_where = f"{where}.blocks[{b_index}]"
            if isinstance(block, Figure):
                block.caption = _bounded(
                    block.caption, CAPTION_MAX, "图注", f"{b_where}.caption", counts, shorten_names
                )
                continue
            total += _check_paragraph(block, report.fields, b_where, counts)
        if total > MAX_TOTAL_CHARS:
            raise ModelError(f"报告正文超过 {MAX_TOTAL_CHARS // 10000} 万字的上限，请确认选择的是工作综述")
    report.ignored_findings = [clean_text(str(x))[:500] for x in report.ignored_findings[:10_000]]
    warnings = counts.warnings()
    if counts.shortened:
        warnings.append(f"有 {counts.shortened} 处标题过长（超过 {TITLE_MAX} 字），已截断，请核对。")
    return warnings


def _check_field(field: Field, where: str, counts: TextCounts) -> None:
    if len(field.name) > NAME_MAX:
        raise ModelError(f"{where}.name：字段名过长（{len(field.name)} 字，上限 {NAME_MAX} 字）")
    field.label = _bounded(field.label, LABEL_MAX, "字段说明", f"{where}.label", counts, True)
    field.unit = _bounded(field.unit, UNIT_MAX, "单位", f"{where}.unit", counts, False)
    field.value = check_number(field.value, f"{where}.value")
    field.last_value = check_number(field.last_value, f"{where}.last_value")


def _check_paragraph(paragraph: Paragraph, fields: dict[str, Field], where: str, counts: TextCounts) -> int:
    if paragraph.lead is not None:
        paragraph.lead = _bounded(paragraph.lead, HEADING_MAX, "段首语", f"{where}.lead", counts, True)
    length = len(paragraph.lead or "")
    parts: list[str | FieldRef] = []
    for part in paragraph.parts:
        if isinstance(part, str):
            part = clean_text(part, counts)
            if part:
                parts.append(part)
                length += len(part)
        elif part.name in fields:
            parts.append(part)
        else:
            raise ModelError(f"{where}：引用了不存在的字段“{part.name[:40]}”")
    if length > PARAGRAPH_MAX:
        raise ModelError(f"{where}：一个段落有 {length} 字，超过上限 {PARAGRAPH_MAX} 字，请分段后再试")
    paragraph.parts = parts
    return length
