"""Managing figures in the app: 添加 / 改名 / 删除 in 数据, unit and qualifier, 设为数字 and 取消数字 in the
text, and the data-collection sheets (导出 / 导入数据征集表). Every change is one undo step.

For the editor's right-click menu (engineer i12): `window.figure_actions.make_figure` (设为数字, needs a
selected number) and `window.figure_actions.unmake_figure` (取消数字, needs a figure token at or next to the
cursor) are QActions; `can_make_figure()` / `can_unmake_figure()` say whether they apply at the cursor.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor, QUndoCommand
from PySide6.QtWidgets import QMessageBox

from report_writer.core import figures
from report_writer.core.figures import FigureError
from report_writer.core.model import Field, Report
from report_writer.gui import common
from report_writer.gui.textdoc import OBJECT, is_field

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController
    from report_writer.gui.main_window import MainWindow


class ChangeFigures(QUndoCommand):
    """One undo step for any change to the figures, and to the text where figures stand (a figure deleted
    leaves its number as text). It keeps the fields and the blocks before and after."""

    def __init__(self, controller: ReportController, text: str, change: Callable[[Report], None]) -> None:
        super().__init__(text)
        self.c = controller
        controller.flush()
        report = controller.report
        self.before = _state(report)
        change(report)  # raises FigureError before anything is pushed
        self.after = _state(report)
        self.changed_sections = [
            sid for sid, blocks in self.after[1].items() if blocks != self.before[1].get(sid)
        ]
        self._first = True

    def _apply(self, state: State) -> None:
        fields, blocks, titles = state
        report = self.c.report
        report.fields.clear()
        report.fields.update(copy.deepcopy(fields))
        for section in report.sections:
            if section.id in self.changed_sections and section.id in blocks:
                section.blocks = copy.deepcopy(blocks[section.id])
        report.title, report.subtitle, report.year, headings = titles
        for section in report.sections:
            section.heading = headings.get(section.id, section.heading)
        self.c.reload_sections(self.changed_sections)
        self.c.fields_changed()
        if self.before[2] != self.after[2]:
            self.c.heading_changed("")

    def redo(self) -> None:
        if self._first:  # the change is already made; only the views need to know
            self._first = False
            self.c.reload_sections(self.changed_sections)
            self.c.fields_changed()
            if self.before[2] != self.after[2]:
                self.c.heading_changed("")
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


State = tuple[dict[str, Field], dict[str, list], tuple[str, str, int, dict[str, str]]]


def _state(report: Report) -> State:
    return (
        copy.deepcopy(report.fields),
        {s.id: copy.deepcopy(s.blocks) for s in report.sections},
        (report.title, report.subtitle, report.year, {s.id: s.heading for s in report.sections}),
    )


def change_figures(controller: ReportController, text: str, change: Callable[[Report], None]) -> None:
    """Make a change as one undo step; a FigureError leaves the report as it was and is raised."""
    controller.flush()
    trial = copy.deepcopy(controller.report)
    change(trial)  # check first on a copy: nothing changes if the change is refused
    controller.undo_stack.push(ChangeFigures(controller, text, change))


class FigureActions:
    def __init__(self, window: MainWindow) -> None:
        from report_writer.gui.common import make_action

        self.w = w = window
        self.add = make_action(w, "添加数字…", self.add_dialog, None, "在“数据”中新增一个数字")
        self.rename = make_action(w, "数字改名…", self.rename_dialog)
        self.delete = make_action(w, "删除数字…", self.delete_dialog, None, "先列出用到它的句子，确认后删除")
        self.make_figure = make_action(
            w,
            "设为数字",
            self.make_figure_from_selection,
            "Ctrl+Shift+D",
            "把选中的数字（如 450余篇）变成“数据”中的一个数字",
        )
        self.unmake_figure = make_action(
            w, "取消数字", self.unmake_figure_at_cursor, None, "把光标处的数字还原为普通文字"
        )
        self.export_sheet = make_action(
            w, "导出数据征集表…", self.export_sheet_dialog, None, "按专委会、部门分表，发给各方填写今年的数字"
        )
        self.import_sheet = make_action(
            w,
            "导入数据征集表…",
            self.import_sheet_dialog,
            None,
            "读回填好的征集表：先列出冲突和异常，再写入数据",
        )
        menu = w.menuBar().addMenu("数字(&N)")
        for action in (self.add, self.rename, self.delete):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.make_figure, self.unmake_figure):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.export_sheet, self.import_sheet):
            menu.addAction(action)
        file_menu = common.submenu_of(w.menuBar().actions()[0], w.menuBar())
        quit_action = getattr(w.actions_, "quit", None)
        if file_menu is not None:
            for action in (self.export_sheet, self.import_sheet):
                file_menu.insertAction(quit_action, action) if quit_action else file_menu.addAction(action)
        panel = w.fields_panel
        panel.addRequested.connect(self.add_dialog)
        panel.renameRequested.connect(self.rename_dialog)
        panel.deleteRequested.connect(self.delete_dialog)
        panel.detailsEdited.connect(self.set_details)
        self._known_year = w.controller.report.year
        w.controller.sessionChanged.connect(self._remember_year)
        w.title_form.year.editingFinished.connect(self.year_edited)

    # ---- the year follows ----------------------------------------------------------------------

    def _remember_year(self) -> None:
        self._known_year = self.w.controller.report.year

    def year_edited(self) -> bool:
        """报告年度 changed: offer to move the old year in the title, subtitle and text (dates stay)."""
        from report_writer.core.year_follow import move_report_year, year_mentions

        report = self.w.controller.report
        old, new = self._known_year, report.year
        self._known_year = new
        if old == new or not old:
            return False
        places = year_mentions(report, old)
        if not places:
            return False
        go = f"改为 {new} 年"
        answer = self.w.ask(
            "报告年度已改变",
            f"标题、副标题和正文中有 {places} 处写的是“{old}年”。\n"
            f"是否都改为“{new}年”？（具体日期如“{old}年3月”不改；可以撤销）",
            {go: QMessageBox.ButtonRole.AcceptRole, "不改": QMessageBox.ButtonRole.RejectRole},
            go,
        )
        if answer != go:
            return False
        change_figures(
            self.w.controller, f"年度改为 {new} 年", lambda r: move_report_year(r, old, new) and None
        )
        self.w.title_form.load()
        return True

    # ---- 数据 ---------------------------------------------------------------------------------

    def _selected(self) -> Field | None:
        name = self.w.fields_panel.selected_name()
        return self.w.controller.report.fields.get(name) if name else None

    def _run(self, title: str, text: str, change: Callable[[Report], None]) -> bool:
        try:
            change_figures(self.w.controller, text, change)
        except FigureError as exc:
            self.w.warn(title, str(exc))
            return False
        return True

    def add_dialog(self) -> Field | None:
        label = common.ask_text(self.w, "添加数字", "数字的名称（如：收到提案数）：")
        if not label:
            return None
        unit = common.ask_text(self.w, "添加数字", f"“{label}”的单位（如：件、场次，可空）：") or ""
        added: list[Field] = []
        if self._run(
            "无法添加", f"添加数字“{label}”", lambda r: added.append(figures.add_field(r, label, unit))
        ):
            self.w.fields_panel.select_field(self._last_name(), edit=False)
        return self.w.controller.report.fields.get(self._last_name())

    def _last_name(self) -> str:
        return list(self.w.controller.report.fields)[-1] if self.w.controller.report.fields else ""

    def rename_dialog(self) -> None:
        item = self._selected()
        if item is None:
            self.w.inform("数字改名", "请先在“数据”中选中一个数字。")
            return
        label = common.ask_text(self.w, "数字改名", "新的名称：", item.label)
        if label and label != item.label:
            name = item.name
            self._run("无法改名", f"数字改名为“{label}”", lambda r: figures.rename_field(r, name, label))

    def delete_dialog(self) -> bool:
        item = self._selected()
        if item is None:
            self.w.inform("删除数字", "请先在“数据”中选中一个数字。")
            return False
        uses = figures.field_uses(self.w.controller.report, item.name)
        if uses:
            places = "\n".join(f"· {u.heading or '（导语）'}：{u.snippet}" for u in uses[:8])
            more = f"\n……共 {len(uses)} 处" if len(uses) > 8 else ""
            text = (
                f"“{item.label}”用在以下 {len(uses)} 处：\n{places}{more}\n\n"
                "删除后，这些地方保留现在的数字文字（待填的留空）。"
            )
        else:
            text = f"“{item.label}”没有用在正文中。"
        answer = self.w.ask(
            "删除数字",
            text + "\n确定删除吗？",
            {"删除": QMessageBox.ButtonRole.DestructiveRole, "取消": QMessageBox.ButtonRole.RejectRole},
            "取消",
        )
        if answer != "删除":
            return False
        name = item.name
        return self._run("无法删除", f"删除数字“{item.label}”", lambda r: figures.delete_field(r, name))

    def set_details(self, name: str, unit: str | None, qualifier: str | None) -> None:
        if name in self.w.controller.report.fields:
            label = self.w.controller.report.fields[name].label
            self._run(
                "无法修改",
                f"修改“{label}”的单位或约数",
                lambda r: figures.set_field_details(r, name, unit, qualifier),
            )

    # ---- 设为数字 / 取消数字 --------------------------------------------------------------------

    def can_make_figure(self) -> bool:
        cursor = self.w.editor.body.textCursor()
        return cursor.hasSelection() and OBJECT not in cursor.selectedText()

    def _token_cursor(self) -> QTextCursor | None:
        """A cursor selecting the figure token that is selected, or next to the cursor."""
        body = self.w.editor.body
        cursor = body.textCursor()
        candidates = (
            [cursor.selectionStart()] if cursor.hasSelection() else [cursor.position(), cursor.position() - 1]
        )
        for position in candidates:
            if position < 0:
                continue
            probe = QTextCursor(body.document())
            probe.setPosition(position)
            probe.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
            if probe.selectedText() == OBJECT and is_field(probe.charFormat()):
                return probe
        return None

    def can_unmake_figure(self) -> bool:
        return self._token_cursor() is not None

    def _where(self, cursor: QTextCursor) -> tuple[int, int, str]:
        """The section and paragraph index of the cursor's block, and the block's text."""
        section_id = self.w.editor.section_id
        if section_id is None:
            raise FigureError("请先在正文中选择位置")
        return self.w.controller.index_of(section_id), cursor.block().blockNumber(), cursor.block().text()

    def make_figure_from_selection(self) -> str | None:
        cursor = self.w.editor.body.textCursor()
        if not self.can_make_figure():
            self.w.inform("设为数字", "请先在正文中选中一个数字，例如“450余篇”。")
            return None
        block_start = cursor.block().position()
        try:
            s_index, b_index, text = self._where(cursor)
            start = utf16_to_index(text, cursor.selectionStart() - block_start)
            end = utf16_to_index(text, cursor.selectionEnd() - block_start)
            number = figures.read_number(
                text[start:end], text[:start].replace(OBJECT, ""), text[end:].replace(OBJECT, "")
            )
        except FigureError as exc:
            self.w.warn("设为数字", str(exc))
            return None
        report = self.w.controller.report
        label = common.ask_text(
            self.w, "设为数字", "这个数字的名称：", figures.unique_label(report, number.label)
        )
        if not label:
            return None
        made: list[str] = []
        if not self._run(
            "无法设为数字",
            f"设为数字“{label}”",
            lambda r: made.append(figures.make_figure_in_paragraph(r, s_index, b_index, start, end, label)),
        ):
            return None
        return made[-1] if made else None

    def unmake_figure_at_cursor(self) -> bool:
        token = self._token_cursor()
        if token is None:
            self.w.inform("取消数字", "请把光标放在一个数字（蓝色或橙色的框）旁边。")
            return False
        try:
            s_index, b_index, text = self._where(token)
        except FigureError as exc:
            self.w.warn("取消数字", str(exc))
            return False
        position = utf16_to_index(text, token.selectionStart() - token.block().position())
        return self._run(
            "无法取消数字",
            "取消数字",
            lambda r: figures.unmake_figure_in_paragraph(r, s_index, b_index, position) and None,
        )

    # ---- 征集表 ------------------------------------------------------------------------------

    def export_sheet_dialog(self) -> None:
        from report_writer.gui.sheet_dialogs import export_sheet_dialog

        export_sheet_dialog(self.w)

    def import_sheet_dialog(self) -> None:
        from report_writer.gui.sheet_dialogs import import_sheet_dialog

        import_sheet_dialog(self.w)


def utf16_to_index(text: str, units: int) -> int:
    """Qt counts positions in UTF-16 units; a rare character in a name outside the BMP counts two."""
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)
