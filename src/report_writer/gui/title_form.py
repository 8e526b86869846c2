"""The outline's first item: title, subtitle, byline, the organisation's names and the year."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from report_writer.core.level import LEVELS
from report_writer.gui.controller import ReportController
from report_writer.gui.editor import REDO_KEYS


class TitleForm(QWidget):
    def __init__(self, controller: ReportController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("titleForm")
        self.title = QLineEdit()
        self.title.setPlaceholderText("对仗的两个短语之间用空格分开，导出时在空格处分成两行")
        self.subtitle = QLineEdit()
        self.subtitle.setPlaceholderText("——重庆市××区政协2025年工作回眸")
        self.byline = QLineEdit()
        self.byline.setPlaceholderText("可选：作者或供稿单位")
        self.org_full = QLineEdit()
        self.org_short = QLineEdit()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.level = QComboBox()
        self.level.setObjectName("titleOfficeLevel")
        self.level.addItems(list(LEVELS))
        self.level.setToolTip(
            "“全县”“县委、县政府”等说法用的级别；校对据此指出别级的说法（如县政协报告中的“区委”）"
        )
        form = QFormLayout()
        form.addRow("大标题", self.title)
        form.addRow("副标题", self.subtitle)
        form.addRow("署名", self.byline)
        form.addRow("单位全称", self.org_full)
        form.addRow("单位简称", self.org_short)
        form.addRow("本级称谓", self.level)
        form.addRow("报告年度", self.year)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel("导语、各节正文和结语在左侧提纲中选择后编写。")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        self._loading = False
        self._storing = False
        for edit in (self.title, self.subtitle, self.byline, self.org_full, self.org_short):
            edit.textEdited.connect(self._store)
            edit.installEventFilter(self)
        self.year.valueChanged.connect(self._store)
        self.level.activated.connect(self._store)

    def editing(self) -> bool:
        return self._storing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Ctrl+Z in a line edit that has nothing of its own to undo goes to the report's undo
        history (e.g. a 全部替换 that changed the title), as in Word."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit):
            key = QKeyEvent(cast(QKeyEvent, event))  # a copy, as the key event it is
            if key.matches(QKeySequence.StandardKey.Undo) and not watched.isUndoAvailable():
                event.ignore()
                return True
            if (
                key.matches(QKeySequence.StandardKey.Redo) or key.keyCombination() in REDO_KEYS
            ) and not watched.isRedoAvailable():
                event.ignore()
                return True
        return super().eventFilter(watched, event)

    def load(self) -> None:
        report = self.controller.report
        self._loading = True
        self.title.setText(report.title)
        self.subtitle.setText(report.subtitle)
        self.byline.setText(report.byline)
        self.org_full.setText(report.org_full)
        self.org_short.setText(report.org_short)
        self.year.setValue(report.year)
        self.level.setCurrentText(report.level)
        self._loading = False

    def _store(self, *_args: object) -> None:
        if self._loading:
            return
        report = self.controller.report
        report.title = self.title.text()
        report.subtitle = self.subtitle.text()
        report.byline = self.byline.text()
        report.org_full = self.org_full.text()
        report.org_short = self.org_short.text()
        report.year = self.year.value()
        report.level = self.level.currentText()
        self._storing = True
        try:
            self.controller.heading_changed("")
        finally:
            self._storing = False
