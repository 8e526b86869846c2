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
