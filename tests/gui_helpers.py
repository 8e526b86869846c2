"""Shared helpers for the GUI tests (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_chinese(widget: QWidget, text: str) -> None:
    """Commit text the way an input method does (qtbot.keyClicks cannot send Chinese)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def all_text(window) -> str:  # type: ignore[no-untyped-def]
    from report_writer.core.compare import section_text

    window.controller.flush()
    report = window.controller.report
    return "\n".join(section_text(report, s) for s in report.sections)


def select_typed_number(window):  # type: ignore[no-untyped-def]
    """Type a new paragraph “编报社情民意信息430余篇。” at the end of section 2 and select 430余篇's
    number part (characters 8–13), as a writer would before 设为数字."""
    from PySide6.QtGui import QTextCursor

    section = window.controller.report.sections[1]
    window.select_section(section.id)
    body = window.editor.body
    body.moveCursor(QTextCursor.MoveOperation.End)
    body.textCursor().insertBlock()
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(body, "编报社情民意信息430余篇。")
    cursor = body.textCursor()
    start = cursor.block().position()
    cursor.setPosition(start + 8)
    cursor.setPosition(start + 13, QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    return section, body
