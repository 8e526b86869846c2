"""Managing a report's figures: add, rename, delete (after showing where they stand), unit and qualifier,
typing 450余 naturally, and turning a number in the text into a figure and back. Pure functions; the GUI
wraps them in undo commands."""

from __future__ import annotations

import re
from dataclasses import dataclass

from report_writer.core.model import QUALIFIERS, Field, FieldRef, FieldValue, Inline, Paragraph, Report
from report_writer.core.model import FigureError as FigureError  # raised here; its home is the model
from report_writer.core.statistics import _label

MAX_LABEL = 40
_NUMBER_RE = re.compile(
    r"^(?P<pre>约|近)?(?P<num>\d+(?:\.\d+)?)(?P<post>余|多)?(?P<unit>[%％]|[\u4e00-\u9fff]{0,2})$"
)


@dataclass
class FieldUse:
    section: int
    block: int
    heading: str
    snippet: str  # the sentence around the figure, as the writer reads it


def parse_figure_input(field: Field, text: str) -> tuple[FieldValue, str | None]:
    """What the writer typed into 今年 (Field.parse_input): 450余 -> (450, 余)."""
    return field.parse_input(text)


def field_uses(report: Report, name: str) -> list[FieldUse]:
    """Every place the figure stands in the text, with its sentence."""
    uses: list[FieldUse] = []
    for s_index, section in enumerate(report.sections):
        for b_index, block in enumerate(section.blocks):
            if not isinstance(block, Paragraph) or name not in block.field_names():
                continue
            text = block.text(report.fields)
            shown = report.fields[name].display() if name in report.fields else name
            at = max(text.find(shown), 0)
            start = max((m.end() for m in re.finditer("[。；！？]", text[:at])), default=0)
            end_match = re.search("[。；！？]", text[at:])
            end = at + end_match.end() if end_match else len(text)
            uses.append(FieldUse(s_index, b_index, section.heading, text[start:end][:80]))
    return uses


def _new_name(report: Report) -> str:
    index = len(report.fields) + 1
    while f"figure_{index}" in report.fields:
        index += 1
    return f"figure_{index}"


def _check_label(report: Report, label: str, except_name: str = "") -> str:
    label = label.strip()
    if not label:
        raise FigureError("数字的名称不能为空")
    if len(label) > MAX_LABEL:
        raise FigureError(f"数字的名称太长（最多 {MAX_LABEL} 个字）")
    if any(f.label == label and f.name != except_name for f in report.fields.values()):
        raise FigureError(f"已经有名为“{label}”的数字")
    return label


def add_field(
    report: Report,
    label: str,
    unit: str = "",
    field_type: str = "integer",
    value: int | float | str | None = None,
    qualifier: str = "",
) -> Field:
    if qualifier not in QUALIFIERS:
        raise FigureError(f"约数词只能是：{'、'.join(q for q in QUALIFIERS if q)}")
    item = Field(
        _new_name(report), _check_label(report, label), unit.strip()[:8], field_type, value, None, qualifier
    )
    report.fields[item.name] = item
    return item


def rename_field(report: Report, name: str, label: str) -> None:
    report.fields[name].label = _check_label(report, label, name)


def set_field_details(
    report: Report, name: str, unit: str | None = None, qualifier: str | None = None
) -> None:
    item = report.fields[name]
    if qualifier is not None:
        if qualifier not in QUALIFIERS:
            raise FigureError(f"约数词只能是：{'、'.join(q for q in QUALIFIERS if q)}")
        item.qualifier = qualifier
    if unit is not None:
        if len(unit.strip()) > 8:
            raise FigureError("单位太长（最多 8 个字）")
        item.unit = unit.strip()


def delete_field(report: Report, name: str) -> None:
    """Remove a figure; where it stood, the text keeps what it showed (its number, or nothing if 待填)."""
    item = report.fields[name]
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph) and name in block.field_names():
                kept = item.display(
                    next(p.style for p in block.parts if isinstance(p, FieldRef) and p.name == name)
                )
                replacement = "" if item.value in (None, "") else kept
                block.parts = _merge_text(
                    [replacement if isinstance(p, FieldRef) and p.name == name else p for p in block.parts]
                )
    del report.fields[name]


def _merge_text(parts: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return merged


@dataclass
class NumberInText:
    value: int | float
    qualifier: str
    unit: str
    field_type: str
    label: str


def read_number(selected: str, context_before: str = "", context_after: str = "") -> NumberInText:
    """A number selected in the text (450余, 91场次, 98.5%) read as a figure: value, qualifier, unit, and a
    label guessed from the words before it (编报社情民意信息430余篇 -> 编报社情民意信息)."""
    text = selected.strip()
    match = _NUMBER_RE.match(text)
    if not match:
        raise FigureError("请选中一个数字（可带“余”“多”“约”“近”和单位），例如 450余篇")
    number = match.group("num")
    unit = match.group("unit") or ""
    field_type = "percent" if unit in ("%", "％") else ("decimal" if "." in number else "integer")
    value: int | float = float(number) if "." in number else int(number)
    whole = context_before + text + context_after
    label = _label(whole, len(context_before), len(context_before) + len(text))
    return NumberInText(
        value,
        match.group("pre") or match.group("post") or "",
        "" if field_type == "percent" else unit,
        field_type,
        label,
    )


def unique_label(report: Report, label: str) -> str:
    labels = {f.label for f in report.fields.values()}
    if label not in labels:
        return label
    index = 2
    while f"{label}{index}" in labels:
        index += 1
    return f"{label}{index}"


def _paragraph(report: Report, s_index: int, b_index: int) -> Paragraph:
    try:
        block = report.sections[s_index].blocks[b_index]
    except IndexError:
        raise FigureError("找不到这一段，请重新选择") from None
    if not isinstance(block, Paragraph):
        raise FigureError("图片不能设为数字")
    return block


def make_figure_in_paragraph(
    report: Report, s_index: int, b_index: int, start: int, end: int, label: str
) -> str:
    """设为数字: the number selected at [start, end) of a paragraph (counting its lead phrase, a figure
    counting one character) becomes a new figure standing in its place; a unit in the selection stays as
    text."""
    paragraph = _paragraph(report, s_index, b_index)
    lead = len(paragraph.lead or "")
    if start < lead:
        raise FigureError("段首语中的数字不能设为数字")
    position = lead
    for index, part in enumerate(paragraph.parts):
        size = 1 if isinstance(part, FieldRef) else len(part)
        if isinstance(part, str) and position <= start and end <= position + size:
            a, b = start - position, end - position
            number = read_number(part[a:b], part[:a], part[b:])
            item = add_field(report, label, number.unit, number.field_type, number.value, number.qualifier)
            new_parts: list[Inline] = [part[:a], FieldRef(item.name), number.unit + part[b:]]
            paragraph.parts[index : index + 1] = [p for p in new_parts if p != ""]
            return item.name
        position += size
    raise FigureError("请只选中一个数字（不要跨过已有的数字）")


def unmake_figure_in_paragraph(report: Report, s_index: int, b_index: int, position: int) -> str:
    """取消数字: the figure standing at `position` becomes the text it shows (nothing, if still 待填)."""
    paragraph = _paragraph(report, s_index, b_index)
    at = len(paragraph.lead or "")
    for index, part in enumerate(paragraph.parts):
        if isinstance(part, FieldRef) and at == position:
            item = report.fields.get(part.name)
            shown = item.display(part.style) if item and item.value not in (None, "") else ""
            paragraph.parts[index] = shown
            paragraph.parts = _merge_text(paragraph.parts)
            return part.name
        at += 1 if isinstance(part, FieldRef) else len(part)
    raise FigureError("光标处没有数字")


def used_in_order(report: Report) -> list[Field]:
    """Every figure, those used in the text first in reading order, then the rest."""
    order: list[str] = []
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                order.extend(n for n in block.field_names() if n in report.fields and n not in order)
    order.extend(n for n in report.fields if n not in order)
    return [report.fields[n] for n in order]
