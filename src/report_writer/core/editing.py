"""Structural edits of a report, as pure functions the GUI's undo commands call (no Qt here)."""

from __future__ import annotations

import copy

from report_writer.core.model import FieldRef, Paragraph, Report, Section, new_id


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


def section_needs_update(report: Report, section: Section) -> bool:
    stale = {f.name for f in report.fields_to_update()}
    return any(
        isinstance(b, Paragraph) and any(isinstance(p, FieldRef) and p.name in stale for p in b.parts)
        for b in section.blocks
    )
