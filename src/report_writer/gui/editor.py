"""The middle pane: the heading of the section being written and its body."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QKeyCombination, QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from report_writer.core.model import SECTION_KINDS
from report_writer.gui.look import body_block_format
from report_writer.gui.textdoc import (
    OBJECT,
    PROP_CAPTION,
    PROP_FIELD,
    PROP_IMAGE,
    PROP_LEAD,
    PROP_PLACEHOLDER,
    field_format,
    figure_block_format,
    figure_format,
    is_field,
    is_figure,
    lead_format,
    plain_format,
)

if TYPE_CHECKING:
    from report_writer.gui.context_menu import ActionProvider

REDO_KEYS = (
    QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y),
    QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Z),
)


def plain_paragraphs(text: str) -> list[str]:
    """Pasted text as paragraphs: keep paragraph breaks, drop empty lines and layout spaces."""
    lines = [
        re.sub(r"[ \t\u3000\u00a0]+", " ", line).strip()
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    return [line for line in lines if line]


class BodyEdit(QTextEdit):
    """The section body. Field tokens and figures are single object characters."""

    fieldActivated = Signal(str)
    figureActivated = Signal(int)  # document position of the figure's object character

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.cursorPositionChanged.connect(self._plain_after_special)
        # The right-click menu: providers at the top (proofreading findings under the mouse) and
        # after 设为段首语 (e.g. 设为数字); undo/redo go through the window's one undo history.
        self.top_providers: list[ActionProvider] = []
        self.extra_providers: list[ActionProvider] = []
        self.undo_slot: Callable[[], object] = self.undo
        self.redo_slot: Callable[[], object] = self.redo
        self.can_undo: Callable[[], bool] = lambda: self.document().isUndoAvailable()
        self.can_redo: Callable[[], bool] = lambda: self.document().isRedoAvailable()

    # ---- the right-click menu ------------------------------------------------------------------

    def _editing_actions(self, menu: QWidget, _position: int) -> list[QAction]:
        from report_writer.gui.context_menu import _action

        selected = self.textCursor().hasSelection()
        separator = QAction(menu)
        separator.setSeparator(True)
        return [
            _action(menu, "撤销", self.undo_slot, QKeySequence.StandardKey.Undo, self.can_undo()),
            _action(menu, "重做", self.redo_slot, "Ctrl+Y", self.can_redo()),
            separator,
            _action(
                menu,
                "剪切",
                self.cut,
                QKeySequence.StandardKey.Cut,
                enabled=selected and not self.isReadOnly(),
            ),
            _action(menu, "复制", self.copy, QKeySequence.StandardKey.Copy, enabled=selected),
            _action(
                menu,
                "粘贴",
                self.paste,
                QKeySequence.StandardKey.Paste,
                enabled=self.canPaste() and not self.isReadOnly(),
            ),
            _action(menu, "全选", self.selectAll, QKeySequence.StandardKey.SelectAll),
        ]

    def _lead_action(self, menu: QWidget, _position: int) -> list[QAction]:
        from report_writer.gui.context_menu import _action

        return [_action(menu, "设为段首语 / 取消", self.toggle_lead, "Ctrl+L", enabled=not self.isReadOnly())]

    def context_menu(self, position: int) -> QMenu:
        """The menu for a right-click at document position `position` (tests read it without showing it)."""
        from report_writer.gui.context_menu import build_menu

        return build_menu(
            self,
            position,
            [self.top_providers, [self._editing_actions], [self._lead_action, *self.extra_providers]],
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """Undo and redo go through the window's one history, not only this section's."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._in_figure_block():
            cursor = (
                self.textCursor()
            )  # a new paragraph after a photo is body text, not centred like the photo
            cursor.insertBlock(body_block_format(), plain_format())
            self.setTextCursor(cursor)
        elif event.matches(QKeySequence.StandardKey.Undo):
            self.undo_slot()
        elif event.matches(QKeySequence.StandardKey.Redo) or event.keyCombination() in REDO_KEYS:
            self.redo_slot()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _in_figure_block(self) -> bool:
        iterator = self.textCursor().block().begin()
        while not iterator.atEnd():
            if is_figure(iterator.fragment().charFormat()):
                return True
            iterator += 1
        return False

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt API)
        position = self.cursorForPosition(event.pos()).position()
        menu = self.context_menu(position)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _plain_after_special(self) -> None:
        """Typing after a token or after a finished lead phrase goes in as ordinary text."""
        cursor = self.textCursor()
        fmt = cursor.charFormat()
        if is_field(fmt) or is_figure(fmt):
            self.setCurrentCharFormat(plain_format())
        elif fmt.boolProperty(PROP_LEAD) and cursor.position() > 0:
            before = self.document().characterAt(cursor.position() - 1)
            if before in "。：:":
                self.setCurrentCharFormat(plain_format())

    def object_at(self, position: int) -> tuple[int, QTextFormat] | None:
        """The field or figure object character at or just before `position`, with its position."""
        doc = self.document()
        for pos in (position, position - 1):
            if pos < 0 or doc.characterAt(pos) != OBJECT:
                continue
            cursor = QTextCursor(doc)
            cursor.setPosition(pos + 1)
            fmt = cursor.charFormat()
            if is_field(fmt) or is_figure(fmt):
                return pos, fmt
        return None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        position = self.cursorForPosition(event.position().toPoint()).position()
        found = self.object_at(position)
        if found is not None:
            pos, fmt = found
            if is_field(fmt):
                self.fieldActivated.emit(fmt.stringProperty(PROP_FIELD))
            else:
                self.figureActivated.emit(pos)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        """Paste from Word, WPS or a web page as plain paragraphs."""
        paragraphs = plain_paragraphs(source.text())
        if not paragraphs:
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        for index, paragraph in enumerate(paragraphs):
            if index:
                cursor.insertBlock()
            cursor.insertText(paragraph, plain_format())
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasText()

    # ---- editing actions ---------------------------------------------------------------------

    def insert_field(self, name: str, style: str = "plain") -> None:
        cursor = self.textCursor()
        cursor.insertText(OBJECT, field_format(name, style))
        cursor.setCharFormat(plain_format())
        self.setTextCursor(cursor)
        self.setCurrentCharFormat(plain_format())

    def insert_text(self, text: str) -> None:
        self.textCursor().insertText(text, plain_format())

    def insert_figure(self, sha: str | None, caption: str) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if cursor.block().length() > 1:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertBlock()
        cursor.setBlockFormat(figure_block_format())
        cursor.insertText(OBJECT, figure_format(sha, caption))
        cursor.insertBlock(body_block_format())
        cursor.setCharFormat(plain_format())
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def update_figure(self, position: int, sha: str | None, caption: str) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        placeholder = cursor.charFormat().stringProperty(PROP_PLACEHOLDER) or ""  # kept until a photo comes
        cursor.insertText(OBJECT, figure_format(sha, caption, "" if sha else placeholder))

    def remove_at(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def figure_properties(self, position: int) -> tuple[str | None, str]:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position + 1)
        fmt = cursor.charFormat()
        return ((fmt.stringProperty(PROP_IMAGE) or "") or None, (fmt.stringProperty(PROP_CAPTION) or ""))

    def toggle_lead(self) -> None:
        """Make the current paragraph's opening clause (up to the first 。) its run-in lead phrase, or undo
        that."""
        cursor = self.textCursor()
        block = cursor.block()
        text = block.text()
        start = block.position()
        probe = QTextCursor(self.document())
        probe.setPosition(start + 1 if text else start)
        cursor.beginEditBlock()
        if text and probe.charFormat().boolProperty(PROP_LEAD):
            end = start
            while end < start + len(text):
                probe.setPosition(end + 1)
                if not probe.charFormat().boolProperty(PROP_LEAD):
                    break
                end += 1
            span = QTextCursor(self.document())
            span.setPosition(start)
            span.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            span.setCharFormat(plain_format())
        else:
            stop = text.find("。")
            if stop < 0 or OBJECT in text[: stop + 1]:
                cursor.endEditBlock()
                return
            span = QTextCursor(self.document())
            span.setPosition(start)
            span.setPosition(start + stop + 1, QTextCursor.MoveMode.KeepAnchor)
            span.setCharFormat(lead_format())
        cursor.endEditBlock()


class SectionEditor(QWidget):
    """Heading and kind of the current section above its body."""

    headingEdited = Signal(str, str)  # section id, new heading
    kindEdited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section_id: str | None = None
        self.heading = QLineEdit()
        self.heading.setPlaceholderText("本节标题（导语和结语可以不写标题）")
        self.heading.setObjectName("sectionHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() + 3)
        font.setBold(True)
        self.heading.setFont(font)
        self.kind = QComboBox()
        self.kind.addItems(SECTION_KINDS)
        self.kind.setToolTip("栏目类型：决定素材和校对规则")
        self.body = BodyEdit()
        self.body.setObjectName("sectionBody")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel("类型"))
        top.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        self.heading.editingFinished.connect(self._heading_done)
        self.kind.activated.connect(
            lambda _i: self.section_id and self.kindEdited.emit(self.section_id, self.kind.currentText())
        )
        self.body.addAction(self._shortcut_action())

    def _shortcut_action(self) -> QAction:
        action = QAction("设为段首语", self.body)
        action.setShortcut(QKeySequence("Ctrl+L"))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(self.body.toggle_lead)
        return action

    def _heading_done(self) -> None:
        if self.section_id is not None:
            self.headingEdited.emit(self.section_id, self.heading.text().strip())

    def show_section(self, section_id: str, heading: str, kind: str, document: QTextDocument) -> None:
        self.section_id = section_id
        self.heading.setText(heading)
        self.kind.setCurrentText(kind)
        self.body.setDocument(document)
        self.body.moveCursor(QTextCursor.MoveOperation.Start)
        self.setEnabled(True)
