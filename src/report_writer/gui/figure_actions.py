"""Managing figures in the app: 添加 / 改名 / 删除 in 数据, unit and qualifier, 设为数字 and 取消数字 in the
text, the year moved when 报告年度 changes, and the data-collection sheets (导出 / 导入数据征集表). Every
change is one undo step (gui/figure_commands.py); core/figures.py makes it.

The menus (gui/menus.py) and the editor's right-click menu call these handlers; `can_make_figure()` /
`can_unmake_figure()` say whether 设为数字 / 取消数字 apply at the cursor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from report_writer.core import figures
from report_writer.core.figures import FigureError
from report_writer.core.model import Field, Paragraph
from report_writer.gui import common
from report_writer.gui.figure_commands import Change, change_figures
from report_writer.gui.textdoc import OBJECT, is_field

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController
    from report_writer.gui.editor import SectionEditor
    from report_writer.gui.panels import FieldsPanel
    from report_writer.gui.services import WindowServices
    from report_writer.gui.title_form import TitleForm


class FigureActions:
    def __init__(
        self,
        services: WindowServices,
        controller: ReportController,
        editor: SectionEditor,
        fields_panel: FieldsPanel,
        title_form: TitleForm,
    ) -> None:
        self.services = services
        self.controller = controller
        self.editor = editor
        self.fields_panel = fields_panel
        self.title_form = title_form
        fields_panel.addRequested.connect(self.add_dialog)
        fields_panel.renameRequested.connect(self.rename_dialog)
        fields_panel.deleteRequested.connect(self.delete_dialog)
        fields_panel.detailsEdited.connect(self.set_details)
        self._known_year = controller.report.year
        controller.sessionChanged.connect(self._remember_year)
        title_form.year.editingFinished.connect(self.year_edited)

    # ---- the year follows ----------------------------------------------------------------------

    def _remember_year(self) -> None:
        self._known_year = self.controller.report.year

    def year_edited(self) -> bool:
        """报告年度 changed: offer to move the old year in the title, subtitle and text (dates stay)."""
        from report_writer.core.year_follow import move_report_year, year_mentions

        report = self.controller.report
        old, new = self._known_year, report.year
        self._known_year = new
        if old == new or not old:
            return False
        places = year_mentions(report, old)
        if not places:
            return False
        go = f"改为 {new} 年"
        answer = self.services.ask(
            "报告年度已改变",
            f"标题、副标题和正文中有 {places} 处写的是“{old}年”。\n"
            f"是否都改为“{new}年”？（具体日期如“{old}年3月”不改；可以撤销）",
            {go: QMessageBox.ButtonRole.AcceptRole, "不改": QMessageBox.ButtonRole.RejectRole},
            go,
        )
        if answer != go:
            return False
        change_figures(
            self.controller, f"年度改为 {new} 年", lambda r: move_report_year(r, old, new) and None
        )
        self.title_form.load()
        return True

    # ---- 数据 ---------------------------------------------------------------------------------

    def _selected(self) -> Field | None:
        name = self.fields_panel.selected_name()
        return self.controller.report.fields.get(name) if name else None

    def _run(self, title: str, text: str, change: Change) -> bool:
        try:
            change_figures(self.controller, text, change)
        except FigureError as exc:
            self.services.warn(title, str(exc))
            return False
        return True

    def add_dialog(self) -> Field | None:
        label = common.ask_text(self.services.dialog_parent(), "添加数字", "数字的名称（如：收到提案数）：")
        if not label:
            return None
        unit = (
            common.ask_text(
                self.services.dialog_parent(), "添加数字", f"“{label}”的单位（如：件、场次，可空）："
            )
            or ""
        )
        added: list[Field] = []
        if self._run(
            "无法添加", f"添加数字“{label}”", lambda r: added.append(figures.add_field(r, label, unit))
        ):
            self.fields_panel.select_field(self._last_name(), edit=False)
        return self.controller.report.fields.get(self._last_name())

    def _last_name(self) -> str:
        return list(self.controller.report.fields)[-1] if self.controller.report.fields else ""

    def rename_dialog(self) -> None:
        item = self._selected()
        if item is None:
            self.services.inform("数字改名", "请先在“数据”中选中一个数字。")
            return
        label = common.ask_text(self.services.dialog_parent(), "数字改名", "新的名称：", item.label)
        if label and label != item.label:
            name = item.name
            self._run("无法改名", f"数字改名为“{label}”", lambda r: figures.rename_field(r, name, label))

    def delete_dialog(self) -> bool:
        item = self._selected()
        if item is None:
            self.services.inform("删除数字", "请先在“数据”中选中一个数字。")
            return False
        uses = figures.field_uses(self.controller.report, item.name)
        if uses:
            places = "\n".join(f"· {u.heading or '（导语）'}：{u.snippet}" for u in uses[:8])
            more = f"\n……共 {len(uses)} 处" if len(uses) > 8 else ""
            text = (
                f"“{item.label}”用在以下 {len(uses)} 处：\n{places}{more}\n\n"
                "删除后，这些地方保留现在的数字文字（待填的留空）。"
            )
        else:
            text = f"“{item.label}”没有用在正文中。"
        answer = self.services.ask(
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
        if name in self.controller.report.fields:
            label = self.controller.report.fields[name].label
            self._run(
                "无法修改",
                f"修改“{label}”的单位或约数",
                lambda r: figures.set_field_details(r, name, unit, qualifier),
            )

    # ---- 设为数字 / 取消数字 --------------------------------------------------------------------

    def can_make_figure(self) -> bool:
        cursor = self.editor.body.textCursor()
        return cursor.hasSelection() and OBJECT not in cursor.selectedText()

    def _token_cursor(self) -> QTextCursor | None:
        """A cursor selecting the figure token that is selected, or next to the cursor."""
        body = self.editor.body
        cursor = body.textCursor()
        candidates = (
            [cursor.selectionStart()] if cursor.hasSelection() else [cursor.position(), cursor.position() - 1]
        )
        last = body.document().characterCount() - 1  # the position after the last character
        for position in candidates:
            # the cursor at the end of a section has no character after it (Qt warns “out of range”
            # for a probe there: the right-click menu asked at every right-click after typing at the end)
            if position < 0 or position + 1 > last:
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
        """The section and paragraph index of the cursor's block, and the block's text. The paragraph
        is found by its id in the places read_document recorded: a block number counts a photo sharing
        a line with text as one block where the model has two."""
        section_id = self.editor.section_id
        if section_id is None:
            raise FigureError("请先在正文中选择位置")
        position = cursor.block().position()
        places = self.controller.block_places(section_id)
        block_id = next(
            (
                key
                for key, place in places.items()
                if isinstance(place.block, Paragraph) and place.position == position
            ),
            None,
        )
        blocks = self.controller.section(section_id).blocks
        b_index = next((i for i, block in enumerate(blocks) if block.id == block_id), None)
        if b_index is None:
            raise FigureError("找不到这一段，请重新选择")
        return self.controller.index_of(section_id), b_index, cursor.block().text()

    def make_figure_from_selection(self) -> str | None:
        cursor = self.editor.body.textCursor()
        if not self.can_make_figure():
            self.services.inform("设为数字", "请先在正文中选中一个数字，例如“450余篇”。")
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
            self.services.warn("设为数字", str(exc))
            return None
        report = self.controller.report
        label = common.ask_text(
            self.services.dialog_parent(),
            "设为数字",
            "这个数字的名称：",
            figures.unique_label(report, number.label),
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
            self.services.inform("取消数字", "请把光标放在一个数字（蓝色或橙色的框）旁边。")
            return False
        try:
            s_index, b_index, text = self._where(token)
        except FigureError as exc:
            self.services.warn("取消数字", str(exc))
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

        export_sheet_dialog(self.services, self.controller)

    def import_sheet_dialog(self) -> None:
        from report_writer.gui.sheet_dialogs import import_sheet_dialog

        import_sheet_dialog(self.services, self.controller)


def utf16_to_index(text: str, units: int) -> int:
    """Qt counts positions in UTF-16 units; a rare character in a name outside the BMP counts two."""
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)
