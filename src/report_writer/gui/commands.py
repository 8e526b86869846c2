"""The steps of the one undo history (QUndoStack commands): structural edits, report-wide changes,
and proxies for each section's own text edits."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor, QUndoCommand

from report_writer.core import editing
from report_writer.core.model import Field, Report, Section

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

    from report_writer.gui.controller import ReportController


class MoveSection(QUndoCommand):
    def __init__(self, controller: ReportController, source: int, target: int) -> None:
        super().__init__("移动栏目")
        self.controller, self.source, self.target = controller, source, target

    def redo(self) -> None:
        editing.move_section(self.controller.report, self.source, self.target)
        self.controller.structure_changed(self.controller.report.sections[self.target].id)

    def undo(self) -> None:
        editing.move_section(self.controller.report, self.target, self.source)
        self.controller.structure_changed(self.controller.report.sections[self.source].id)


class InsertSection(QUndoCommand):
    def __init__(
        self, controller: ReportController, index: int, section: Section, text: str = "添加栏目"
    ) -> None:
        super().__init__(text)
        self.controller, self.index, self.section = controller, index, section

    def redo(self) -> None:
        editing.insert_section(self.controller.report, self.index, self.section)
        self.controller.structure_changed(self.section.id)

    def undo(self) -> None:
        editing.remove_section(self.controller.report, self.index)
        neighbour = (
            self.controller.report.sections[max(0, self.index - 1)].id
            if self.controller.report.sections
            else None
        )
        self.controller.structure_changed(neighbour)


class RemoveSection(QUndoCommand):
    def __init__(self, controller: ReportController, index: int) -> None:
        super().__init__("删除栏目")
        self.controller, self.index = controller, index
        self.section: Section | None = None

    def redo(self) -> None:
        self.controller.flush()
        self.section = editing.remove_section(self.controller.report, self.index)
        neighbour = (
            self.controller.report.sections[min(self.index, len(self.controller.report.sections) - 1)].id
            if self.controller.report.sections
            else None
        )
        self.controller.structure_changed(neighbour)

    def undo(self) -> None:
        assert self.section is not None
        editing.insert_section(self.controller.report, self.index, self.section)
        self.controller.structure_changed(self.section.id)


class RenameSection(QUndoCommand):
    def __init__(
        self, controller: ReportController, section_id: str, heading: str, kind: str | None = None
    ) -> None:
        super().__init__("修改栏目标题")
        self.controller, self.section_id, self.heading, self.kind = controller, section_id, heading, kind
        section = controller.section(section_id)
        self.old_heading, self.old_kind = section.heading, section.kind

    def _apply(self, heading: str, kind: str) -> None:
        section = self.controller.section(self.section_id)
        section.heading, section.kind = heading, kind
        self.controller.heading_changed(self.section_id)

    def redo(self) -> None:
        self._apply(self.heading, self.kind or self.old_kind)

    def undo(self) -> None:
        self._apply(self.old_heading, self.old_kind)


class SetFieldValue(QUndoCommand):
    def __init__(self, controller: ReportController, name: str, value: int | float | str | None) -> None:
        field = controller.report.fields[name]
        super().__init__(f"修改“{field.label}”")
        self.controller, self.name, self.value = controller, name, value
        self.before = field.state()

    def redo(self) -> None:
        self.before = self.controller.report.fields[self.name].set_value(self.value)
        self.controller.fields_changed()

    def undo(self) -> None:
        self.controller.report.fields[self.name].restore(self.before)
        self.controller.fields_changed()


class TextEdit(QUndoCommand):
    """A section's own text edit (typing, a paste, a replacement, 设为段首语) as a step of the one
    undo history: the section's QTextDocument keeps the edit itself; this step asks it to undo or
    redo, and shows the section, so Ctrl+Z undoes the last thing done wherever it was done."""

    def __init__(self, controller: ReportController, section_id: str) -> None:
        super().__init__("输入")
        self.controller, self.section_id = controller, section_id
        self._pushed = False

    def _document(self) -> QTextDocument:
        return self.controller.document(self.section_id)

    def redo(self) -> None:
        if not self._pushed:  # the document has done it already, as it was typed
            self._pushed = True
            return
        document = self._document()
        if not document.isRedoAvailable():
            self._vanish()
            return
        self.controller.reveal(self.section_id)
        cursor = QTextCursor(document)
        document.redo(cursor)  # the cursor ends where the edit was redone …
        self.controller.reveal(self.section_id, cursor.position())  # … and the editor's goes there too

    def undo(self) -> None:
        document = self._document()
        if not document.isUndoAvailable():
            self._vanish()
            return
        self.controller.reveal(self.section_id)
        cursor = QTextCursor(document)
        document.undo(cursor)
        self.controller.reveal(self.section_id, cursor.position())

    def _vanish(self) -> None:
        """The section's text was filled again since (a figure made from a number): its own history
        is gone, so this step leaves the history rather than being a Ctrl+Z that does nothing."""
        self.setObsolete(True)
        self.controller.skipped_steps += 1


REPORT_TEXTS = ("title", "subtitle", "byline", "org_full", "org_short")


class SetReportTexts(QUndoCommand):
    """Title, subtitle, byline or the organisation's names changed by a report-wide action."""

    def __init__(self, controller: ReportController, values: dict[str, str], text: str = "修改标题") -> None:
        super().__init__(text)
        self.controller, self.values = controller, values
        self.old = {key: getattr(controller.report, key) for key in values}

    def _apply(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            setattr(self.controller.report, key, value)
        self.controller.heading_changed("")

    def redo(self) -> None:
        self._apply(self.values)

    def undo(self) -> None:
        self._apply(self.old)


class ChangeFields(QUndoCommand):
    """Many figures at once (data-sheet import, rolling figures over to a new year, a merge of the
    年度对比 values): `change` edits the report's fields and year; undo puts back all of them."""

    def __init__(self, controller: ReportController, text: str, change: Callable[[Report], object]) -> None:
        super().__init__(text)
        self.controller, self.change = controller, change
        self.before: tuple[dict[str, Field], int] | None = None
        self.after: tuple[dict[str, Field], int] | None = None

    def _state(self) -> tuple[dict[str, Field], int]:
        return copy.deepcopy(self.controller.report.fields), self.controller.report.year

    def _put(self, state: tuple[dict[str, Field], int]) -> None:
        fields, year = copy.deepcopy(state)
        self.controller.report.fields.clear()
        self.controller.report.fields.update(fields)
        if self.controller.report.year != year:
            self.controller.report.year = year
            self.controller.heading_changed("")
        self.controller.fields_changed()

    def redo(self) -> None:
        if self.after is None:
            self.before = self._state()
            self.change(self.controller.report)
            self.after = self._state()
            self.controller.fields_changed()
        else:
            self._put(self.after)

    def undo(self) -> None:
        assert self.before is not None
        self._put(self.before)
