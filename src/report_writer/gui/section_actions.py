"""The 栏目 menu and the outline's right-click menu: add, copy, delete, move, rename a section and change
its kind. Each is one step of the undo history (gui/commands.py); core/editing.py makes the change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from report_writer.core import editing
from report_writer.gui import common
from report_writer.gui.commands import InsertSection, RemoveSection, RenameSection

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController
    from report_writer.gui.editor import SectionEditor
    from report_writer.gui.outline import OutlineModel
    from report_writer.gui.services import WindowServices


class SectionActions:
    def __init__(
        self,
        services: WindowServices,
        controller: ReportController,
        current_section_id: Callable[[], str | None],
        outline_model: OutlineModel,
        editor: SectionEditor,
    ) -> None:
        self.services = services
        self.controller = controller
        self.current_section_id = current_section_id
        self.outline_model = outline_model
        self.editor = editor

    def _current_index(self) -> int | None:
        section_id = self.current_section_id()
        return None if section_id is None else self.controller.index_of(section_id)

    def add_section_after(self) -> None:
        controller = self.controller
        index = self._current_index()
        position = len(controller.report.sections) if index is None else index + 1
        controller.undo_stack.push(InsertSection(controller, position, editing.new_section()))
        self.editor.heading.setFocus()
        self.editor.heading.selectAll()

    def duplicate_section(self) -> None:
        controller = self.controller
        index = self._current_index()
        if index is None:
            return
        controller.flush()
        copied = editing.clone_section(controller.report.sections[index])
        controller.undo_stack.push(InsertSection(controller, index + 1, copied, "复制栏目"))

    def delete_section(self) -> None:
        controller = self.controller
        index = self._current_index()
        if index is None:
            return
        section = controller.report.sections[index]
        answer = self.services.ask(
            "删除栏目",
            f"删除“{section.heading or section.kind}”？可以用“撤销”找回。",
            {"删除": QMessageBox.ButtonRole.DestructiveRole, "取消": QMessageBox.ButtonRole.RejectRole},
            "取消",
        )
        if answer == "删除":
            controller.undo_stack.push(RemoveSection(controller, index))

    def move_current(self, step: int) -> None:
        index = self._current_index()
        if index is not None:
            self.outline_model.move_section(index, index + step)

    def rename_dialog(self) -> None:
        section_id = self.current_section_id()
        if section_id is None:
            return
        heading = self.controller.section(section_id).heading
        text = common.ask_text(self.services.dialog_parent(), "修改栏目标题", "标题：", heading)
        if text is not None:
            self.rename_section(section_id, text)

    def rename_section(self, section_id: str, heading: str) -> None:
        if self.controller.section(section_id).heading != heading:
            self.controller.undo_stack.push(RenameSection(self.controller, section_id, heading))

    def change_kind(self, section_id: str, kind: str) -> None:
        """The kind decides the 素材 offered; the window shows them when the heading step is announced."""
        section = self.controller.section(section_id)
        if section.kind != kind:
            self.controller.undo_stack.push(RenameSection(self.controller, section_id, section.heading, kind))
