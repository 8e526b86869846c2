"""Undoable structural edits (QUndoStack commands). Text edits keep their own per-section undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from report_writer.core import editing
from report_writer.core.model import Section

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController


class MoveSection(QUndoCommand):
    def __init__(self, controller: ReportController, source: int, target: int) -> None:
        super().__init__("移动栏目")
        self.c, self.source, self.target = controller, source, target

    def redo(self) -> None:
        editing.move_section(self.c.report, self.source, self.target)
        self.c.structure_changed(self.c.report.sections[self.target].id)

    def undo(self) -> None:
        editing.move_section(self.c.report, self.target, self.source)
        self.c.structure_changed(self.c.report.sections[self.source].id)


class InsertSection(QUndoCommand):
    def __init__(self, controller: ReportController, index: int, section: Section, text: str = "添加栏目") -> None:
        super().__init__(text)
        self.c, self.index, self.section = controller, index, section

    def redo(self) -> None:
        editing.insert_section(self.c.report, self.index, self.section)
        self.c.structure_changed(self.section.id)

    def undo(self) -> None:
        editing.remove_section(self.c.report, self.index)
        neighbour = self.c.report.sections[max(0, self.index - 1)].id if self.c.report.sections else None
        self.c.structure_changed(neighbour)


class RemoveSection(QUndoCommand):
    def __init__(self, controller: ReportController, index: int) -> None:
        super().__init__("删除栏目")
        self.c, self.index = controller, index
        self.section: Section | None = None

    def redo(self) -> None:
        self.c.flush()
        self.section = editing.remove_section(self.c.report, self.index)
        neighbour = self.c.report.sections[min(self.index, len(self.c.report.sections) - 1)].id if self.c.report.sections else None
        self.c.structure_changed(neighbour)

    def undo(self) -> None:
        assert self.section is not None
        editing.insert_section(self.c.report, self.index, self.section)
        self.c.structure_changed(self.section.id)


class RenameSection(QUndoCommand):
    def __init__(self, controller: ReportController, section_id: str, heading: str, kind: str | None = None) -> None:
        super().__init__("修改栏目标题")
        self.c, self.section_id, self.heading, self.kind = controller, section_id, heading, kind
        section = controller.section(section_id)
        self.old_heading, self.old_kind = section.heading, section.kind

    def _apply(self, heading: str, kind: str) -> None:
        section = self.c.section(self.section_id)
        section.heading, section.kind = heading, kind
        self.c.heading_changed(self.section_id)

    def redo(self) -> None:
        self._apply(self.heading, self.kind or self.old_kind)

    def undo(self) -> None:
        self._apply(self.old_heading, self.old_kind)


class SetFieldValue(QUndoCommand):
    def __init__(self, controller: ReportController, name: str, value: int | float | str | None) -> None:
        field = controller.report.fields[name]
        super().__init__(f"修改“{field.label}”")
        self.c, self.name, self.value = controller, name, value
        self.old_value, self.old_status = field.value, field.status

    def redo(self) -> None:
        editing.set_field_value(self.c.report, self.name, self.value)
        self.c.fields_changed()

    def undo(self) -> None:
        field = self.c.report.fields[self.name]
        field.value, field.status = self.old_value, self.old_status
        self.c.fields_changed()
