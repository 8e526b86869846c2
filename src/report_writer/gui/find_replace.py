"""查找和替换 across every section of the report; 全部替换 is one undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from report_writer.gui.commands import RenameSection, SetReportTexts
from report_writer.gui.common import button, button_row
from report_writer.gui.controller import ReportController
from report_writer.gui.textdoc import OBJECT, PROP_CAPTION, is_figure


class FindReplaceDialog(QDialog):
    matchFound = Signal(str, int, int)  # section id, start, end

    def __init__(
        self,
        controller: ReportController,
        current_section: Callable[[], tuple[str, int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.current_section = current_section
        self.setWindowTitle("查找和替换")
        self.setObjectName("findReplaceDialog")
        self.find_text = QLineEdit()
        self.replace_text = QLineEdit()
        self.case = QCheckBox("区分大小写")
        self.status = QLabel()
        form = QFormLayout()
        form.addRow("查找", self.find_text)
        form.addRow("替换为", self.replace_text)
        next_button = button("查找下一个", self.find_next)
        next_button.setDefault(True)
        buttons = button_row(
            [next_button, button("替换", self.replace_current), button("全部替换", self.replace_all)]
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.case)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._last: tuple[str, int, int] | None = None

    def _flags(self) -> QTextDocument.FindFlag:
        return (
            QTextDocument.FindFlag.FindCaseSensitively if self.case.isChecked() else QTextDocument.FindFlag(0)
        )

    def find_next(self) -> bool:
        needle = self.find_text.text()
        if not needle:
            return False
        sections = [s.id for s in self.controller.report.sections]
        start_id, start_pos = self.current_section()
        if self._last is not None:
            start_id, _, start_pos = self._last
        order = (
            sections[sections.index(start_id) :] + sections[: sections.index(start_id) + 1]
            if start_id in sections
            else sections
        )
        for number, section_id in enumerate(order):
            doc = self.controller.document(section_id)
            from_pos = start_pos if number == 0 else 0
            if number == len(order) - 1 and len(order) > 1 and section_id == start_id:
                from_pos = 0
            found = doc.find(needle, from_pos, self._flags())
            if not found.isNull():
                self._last = (section_id, found.selectionStart(), found.selectionEnd())
                self.status.setText("")
                self.matchFound.emit(section_id, found.selectionStart(), found.selectionEnd())
                return True
        self._last = None
        self.status.setText(f"找不到“{needle}”。")
        return False

    def replace_current(self) -> None:
        if self._last is None:
            self.find_next()
            return
        section_id, start, end = self._last
        cursor = QTextCursor(self.controller.document(section_id))
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() == self.find_text.text() or (
            not self.case.isChecked() and cursor.selectedText().lower() == self.find_text.text().lower()
        ):
            cursor.insertText(self.replace_text.text())
            self._last = (section_id, start, start + len(self.replace_text.text()))
        self.find_next()

    def replace_all(self) -> int:
        """Replace in every section's text and captions, the headings, the title and subtitle: one
        undo step for all of it."""
        needle, replacement = self.find_text.text(), self.replace_text.text()
        if not needle:
            return 0
        total = 0
        report = self.controller.report
        self.controller.flush()
        if not self._anywhere(needle):  # leave no empty step in the undo history
            self.status.setText(f"找不到“{needle}”。")
            return 0
        with self.controller.one_step(f"全部替换“{needle}”"):
            for section in report.sections:
                doc = self.controller.document(section.id)
                cursor = doc.find(needle, 0, self._flags())
                has_caption = any(needle in caption for caption in self._captions(doc))
                if cursor.isNull() and not has_caption:
                    continue
                edit = QTextCursor(doc)
                edit.beginEditBlock()
                while not cursor.isNull():
                    cursor.insertText(replacement)
                    total += 1
                    cursor = doc.find(needle, cursor.position(), self._flags())
                total += self._replace_in_captions(doc, needle, replacement)
                edit.endEditBlock()
            for section in report.sections:
                if needle in section.heading:
                    total += section.heading.count(needle)
                    self.controller.undo_stack.push(
                        RenameSection(
                            self.controller, section.id, section.heading.replace(needle, replacement)
                        )
                    )
            texts = {
                key: getattr(report, key).replace(needle, replacement)
                for key in ("title", "subtitle", "byline")
                if needle in getattr(report, key)
            }
            if texts:
                total += sum(getattr(report, key).count(needle) for key in texts)
                self.controller.undo_stack.push(SetReportTexts(self.controller, texts, "替换标题"))
        self.controller.flush()
        self._last = None
        self.status.setText(f"已替换 {total} 处。" if total else f"找不到“{needle}”。")
        return total

    def _anywhere(self, needle: str) -> bool:
        report = self.controller.report
        return (
            any(needle in getattr(report, key) for key in ("title", "subtitle", "byline"))
            or any(needle in section.heading for section in report.sections)
            or any(
                not self.controller.document(s.id).find(needle, 0, self._flags()).isNull()
                or any(needle in caption for caption in self._captions(self.controller.document(s.id)))
                for s in report.sections
            )
        )

    @staticmethod
    def _captions(doc: QTextDocument) -> list[str]:
        captions = []
        position = doc.find(OBJECT, 0)
        while not position.isNull():
            fmt = position.charFormat()
            if is_figure(fmt):
                captions.append(fmt.stringProperty(PROP_CAPTION) or "")
            position = doc.find(OBJECT, position.position())
        return captions

    @staticmethod
    def _replace_in_captions(doc: QTextDocument, needle: str, replacement: str) -> int:
        count = 0
        position = doc.find(OBJECT, 0)
        while not position.isNull():
            fmt = position.charFormat()
            caption = fmt.stringProperty(PROP_CAPTION) or ""
            if is_figure(fmt) and needle in caption:
                count += caption.count(needle)
                fmt.setProperty(PROP_CAPTION, caption.replace(needle, replacement))
                position.setCharFormat(fmt)
            position = doc.find(OBJECT, position.position())
        return count
