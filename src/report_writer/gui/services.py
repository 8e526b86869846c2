"""What the window does for the action controllers (docs/ARCHITECTURE.md, “The window”): ask a question,
warn, inform, run a slow job with a progress dialog, show a line in the status bar, and be the parent of
the dialogs they open. MainWindow implements it; controllers take it instead of the window, so they do
not reach into its widgets, and a test can answer for the window by replacing these methods."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

T = TypeVar("T")

# The buttons of a question: the text shown → its role (accept, reject, destructive).
Buttons = dict[str, QMessageBox.ButtonRole]


class WindowServices(Protocol):
    def ask(
        self,
        title: str,
        message: str,
        buttons: Buttons,
        default: str,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    ) -> str:
        """Ask with named buttons; the name of the button pressed (`default` when the box is closed)."""
        ...

    def warn(self, title: str, text: str) -> None: ...

    def inform(self, title: str, text: str) -> None: ...

    def run_with_progress(self, title: str, job: Callable[[], T]) -> T:
        """Run a slow job off the UI thread with a progress dialog; its error is raised here."""
        ...

    def status(self, text: str, milliseconds: int = 5000) -> None:
        """A short note in the status bar (nothing to answer)."""
        ...

    def dialog_parent(self) -> QWidget:
        """The widget the controllers' own dialogs and file choosers belong to (the window)."""
        ...
