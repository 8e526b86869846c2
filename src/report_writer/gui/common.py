"""Small Chinese-language helpers. PySide6-Essentials ships no Chinese catalogue for Qt's own
texts, so the standard buttons we show get their Chinese names here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

BUTTON_TEXTS = {
    QDialogButtonBox.StandardButton.Ok: "确定",
    QDialogButtonBox.StandardButton.Cancel: "取消",
    QDialogButtonBox.StandardButton.Close: "关闭",
    QDialogButtonBox.StandardButton.Yes: "是",
    QDialogButtonBox.StandardButton.No: "否",
}


def chinese_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    for standard, text in BUTTON_TEXTS.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)
    return box


def message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    box = QMessageBox(icon, title, text, parent=parent)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "确定") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is accept


def ask_text(
    parent: QWidget | None, title: str, label: str, text: str = "", items: list[str] | None = None
) -> str | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOkButtonText("确定")
    dialog.setCancelButtonText("取消")
    if items:
        dialog.setComboBoxItems(items)
        dialog.setComboBoxEditable(True)
    dialog.setTextValue(text)
    if not dialog.exec():
        return None
    return dialog.textValue().strip()


def button(text: str, slot: Callable[[], object], name: str = "") -> QPushButton:
    widget = QPushButton(text)
    if name:
        widget.setObjectName(name)
    widget.clicked.connect(lambda _checked=False: slot())
    return widget


def button_row(left: Sequence[QWidget], right: Sequence[QWidget] = ()) -> QHBoxLayout:
    """Buttons on the left, a stretch, then buttons on the right."""
    row = QHBoxLayout()
    for widget in left:
        row.addWidget(widget)
    row.addStretch(1)
    for widget in right:
        row.addWidget(widget)
    return row


def make_action(
    parent: QWidget,
    text: str,
    slot: Callable[[], Any],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    """A menu action that calls `slot` (here, not in main_window.py, so action holders need not import
    the window)."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def submenu_of(action: QAction, owner: QWidget) -> QMenu | None:
    """The menu an action opens, found among `owner`'s children. Not QAction.menu(): PySide6 6.9
    (the version the Debian 11 package is built with) hands back a dead wrapper from it."""
    for menu in owner.findChildren(QMenu):
        if menu.menuAction() == action:
            return menu
    return None
