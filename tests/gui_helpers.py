"""Shared helpers for the GUI tests (pytest-qt, offscreen). The `window` and `answers` fixtures in
conftest.py are built from these."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from shared_checker import SHARED


class Answers:
    """Stands in for the message boxes: records what was said, answers from a queue."""

    def __init__(self) -> None:
        self.queue: list[str] = []
        self.asked: list[str] = []
        self.warnings: list[str] = []
        self.icons: list[object] = []

    def ask(self, title: str, message: str, buttons: dict, default: str, **options: object) -> str:  # type: ignore[type-arg]
        self.asked.append(f"{title}: {message}")
        self.icons.append(options.get("icon"))
        return self.queue.pop(0) if self.queue else default


def make_window(qtbot, monkeypatch, answers: Answers):  # type: ignore[no-untyped-def]
    """A shown main window whose questions and messages go to `answers`; it checks in the shared
    checking process (shared_checker.py). Closed by the test or a fixture, not by qtbot (its close
    could ask to save)."""
    from report_writer.gui.main_window import MainWindow

    window = MainWindow(checker=SHARED)
    monkeypatch.setattr(window, "ask", answers.ask)
    monkeypatch.setattr(window, "warn", lambda title, message: answers.warnings.append(message))
    monkeypatch.setattr(window, "inform", lambda title, message: answers.warnings.append(message))
    window.show()
    return window


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
