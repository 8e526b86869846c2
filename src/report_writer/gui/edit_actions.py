"""The 编辑 menu: one undo history for everything, 查找和替换, 设为段首语, and photos (插入图片, and the
dialog a double-click on a photo opens: caption, replace, remove). Photos enter the report through
EditSession.add_photo, which checks the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog

from report_writer.gui import settings

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController
    from report_writer.gui.editor import SectionEditor
    from report_writer.gui.find_replace import FindReplaceDialog
    from report_writer.gui.project_files import ProjectFiles
    from report_writer.gui.services import WindowServices

# Shows a section with a stretch of its text selected: (section id, start, end).
ShowRange = Callable[[str, int, int], None]


class EditActions:
    def __init__(
        self,
        services: WindowServices,
        controller: ReportController,
        files: ProjectFiles,
        editor: SectionEditor,
        current_section_id: Callable[[], str | None],
        show_range: ShowRange,
    ) -> None:
        self.services = services
        self.controller = controller
        self.files = files
        self.editor = editor
        self.current_section_id = current_section_id
        self.show_range = show_range

    # ---- undo --------------------------------------------------------------------------------

    def undo_any(self) -> None:
        """One undo history for everything (typing in any section, structure, report-wide actions)."""
        self._step(QUndoStack.undo, QUndoStack.canUndo)

    def redo_any(self) -> None:
        self._step(QUndoStack.redo, QUndoStack.canRedo)

    def _step(self, move: Callable[[QUndoStack], object], possible: Callable[[QUndoStack], bool]) -> None:
        """One visible step: steps that turned out empty (see commands.TextEdit) are passed over."""
        controller = self.controller
        controller.flush()
        while possible(controller.undo_stack):
            controller.skipped_steps = 0
            move(controller.undo_stack)
            if not controller.skipped_steps:
                break

    # ---- text --------------------------------------------------------------------------------

    def find_dialog(self) -> FindReplaceDialog | None:
        from report_writer.gui.find_replace import FindReplaceDialog

        report = self.controller.report
        if not report.sections:
            return None
        body = self.editor.body

        def where() -> tuple[str, int]:
            section_id = self.current_section_id()
            return (
                (section_id, body.textCursor().selectionEnd()) if section_id else (report.sections[0].id, 0)
            )

        dialog = FindReplaceDialog(self.controller, where, self.services.dialog_parent())
        dialog.matchFound.connect(self.show_range)
        selected = body.textCursor().selectedText()
        if selected:
            dialog.find_text.setText(selected)
        dialog.show()
        return dialog

    def toggle_lead(self) -> None:
        self.editor.body.toggle_lead()

    # ---- photos ------------------------------------------------------------------------------

    def insert_figure_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.services.dialog_parent(),
            "插入图片",
            str(self.files.default_folder("last_image")),
            "图片 (*.png *.jpg *.jpeg)",
        )
        if path:
            settings.put("last_image", path)
            self.insert_figure(path, "")
            position = self.editor.body.textCursor().position() - 2
            if position >= 0:
                self.edit_figure(position)

    def insert_figure(self, path: str, caption: str) -> bool:
        from report_writer.core.images import ImageError

        if self.current_section_id() is None:
            self.services.inform("插入图片", "请先在左侧提纲中选择要插入图片的栏目。")
            return False
        try:
            image = self.controller.session.add_photo(Path(path).read_bytes())
        except (OSError, ImageError) as exc:
            self.services.warn("无法插入图片", str(exc))
            return False
        self.editor.body.insert_figure(image, caption)
        return True

    def edit_figure(self, position: int) -> None:
        from report_writer.core.images import ImageError
        from report_writer.gui.dialogs import FigureDialog

        body = self.editor.body
        image, caption = body.figure_properties(position)
        dialog = FigureDialog(caption, self.services.dialog_parent())
        if not dialog.exec():
            return
        if dialog.result_action == "remove":
            body.remove_at(position)
            return
        if dialog.result_action == "replace" and dialog.new_image:
            try:
                image = self.controller.session.add_photo(Path(dialog.new_image).read_bytes())
            except (OSError, ImageError) as exc:
                self.services.warn("无法使用该图片", str(exc))
                return
        body.update_figure(position, image, dialog.caption.text().strip())
