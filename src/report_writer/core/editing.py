"""Structural edits of a report, as pure functions the GUI's undo commands call (no Qt here)."""

from __future__ import annotations

import copy
import re

from report_writer.core.model import Field, FieldRef, Paragraph, Report, Section, new_id


def move_section(report: Report, source: int, target: int) -> None:
    """Move the section at `source` so that it ends up at index `target`."""
    section = report.sections.pop(source)
    report.sections.insert(target, section)


def insert_section(report: Report, index: int, section: Section) -> None:
    report.sections.insert(index, section)


def remove_section(report: Report, index: int) -> Section:
    return report.sections.pop(index)


def clone_section(section: Section) -> Section:
    """A deep copy with a fresh id (and fresh block ids) and a heading marked as a copy."""
    clone = copy.deepcopy(section)
    clone.id = new_id()
    for block in clone.blocks:
        block.id = new_id()  # a block id names one block of the report
    clone.heading = f"{clone.heading}（副本）" if clone.heading else ""
    return clone


def new_section(kind: str = "其他", heading: str = "新的一节") -> Section:
    return Section(kind=kind, heading=heading, blocks=[Paragraph(parts=[""])])


def parse_field_value(field: Field, text: str) -> int | float | str | None:
    """Turn what the writer typed into a value of the field's type; raise ValueError with a message."""
    cleaned = text.strip().replace(",", "").replace("，", "").replace("%", "").replace("％", "")
    if cleaned == "":
        return None
    if field.type == "integer":
        if not re.fullmatch(r"-?\d+", cleaned):
            raise ValueError(f"“{field.label}”应填整数，例如 91")
        return int(cleaned)
    if field.type in ("decimal", "percent"):
        try:
            return float(cleaned) if "." in cleaned else int(cleaned)
        except ValueError:
            raise ValueError(f"“{field.label}”应填数字，例如 12.5") from None
    return text.strip()


def set_field_value(report: Report, name: str, value: int | float | str | None) -> None:
    field = report.fields[name]
    field.value = value
    field.status = "filled" if value not in (None, "") else "to_update"


def section_needs_update(report: Report, section: Section) -> bool:
    stale = {f.name for f in report.fields_to_update()}
    return any(
        isinstance(b, Paragraph) and any(isinstance(p, FieldRef) and p.name in stale for p in b.parts)
        for b in section.blocks
    )
