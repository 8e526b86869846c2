"""The window's menus, toolbar and shortcuts. Each QAction calls a handler of an action controller
(gui/project_files.py, report_actions.py, export_actions.py, edit_actions.py, section_actions.py,
figure_actions.py); this file only makes the actions and places them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from report_writer.gui import settings
from report_writer.gui.common import make_action

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController
    from report_writer.gui.edit_actions import EditActions
    from report_writer.gui.export_actions import ExportActions
    from report_writer.gui.figure_actions import FigureActions
    from report_writer.gui.help import HelpDialog
    from report_writer.gui.project_files import ProjectFiles
    from report_writer.gui.report_actions import ReportActions
    from report_writer.gui.section_actions import SectionActions
    from report_writer.gui.services import WindowServices

ABOUT = (
    "政协年度工作综述写作助手\n按模板分节撰写、管理数据、导出符合 GB/T 9704 的 Word 文件。\n"
    "全部在本机完成，不联网。"
)


@dataclass
class Handlers:
    """The controllers behind the menus, and the few things the window itself does."""

    files: ProjectFiles
    reports: ReportActions
    exports: ExportActions
    edits: EditActions
    sections: SectionActions
    figures: FigureActions
    close_window: Callable[[], object]
    toggle_preview: Callable[[], object]
    recheck: Callable[[], object]
    proof_settings: Callable[[], object]


class WindowMenus:
    def __init__(
        self,
        window: QMainWindow,
        services: WindowServices,
        controller: ReportController,
        handlers: Handlers,
        outline: QWidget,
    ) -> None:
        self.window = window
        self.help_window: HelpDialog | None = None
        self._file_menu(handlers)
        self._edit_menu(handlers.edits)
        self._section_menu(handlers.sections, outline)
        proof_menu = window.menuBar().addMenu("校对(&P)")
        self.recheck = self._action("重新校对", handlers.recheck, "F7")
        self.proof_settings = self._action(
            "校对设置…", handlers.proof_settings, None, "不检查的词语、检查项目、本单位提法"
        )
        for action in (self.recheck, self.proof_settings):
            proof_menu.addAction(action)
        view_menu = window.menuBar().addMenu("视图(&V)")
        self.preview = self._action("版面预览", handlers.toggle_preview, "F5")
        view_menu.addAction(self.preview)
        help_menu = window.menuBar().addMenu("帮助(&H)")
        self.guide = self._action("使用指南", lambda: self.help_dialog("使用指南"), "F1")
        self.shortcuts = self._action("快捷键", lambda: self.help_dialog("快捷键"))
        help_menu.addAction(self.guide)
        help_menu.addAction(self.shortcuts)
        help_menu.addSeparator()
        help_menu.addAction(self._action("关于", lambda: services.inform("关于", ABOUT)))
        self._figure_menu(handlers.figures)
        self._toolbar()
        self._follow_undo_stack(controller)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        return make_action(self.window, text, slot, shortcut, tip)

    # ---- menus -------------------------------------------------------------------------------

    def _file_menu(self, handlers: Handlers) -> None:
        files, reports = handlers.files, handlers.reports
        file_menu = self.window.menuBar().addMenu("文件(&F)")
        self.new = self._action("新建…", reports.new_report, QKeySequence.StandardKey.New)
        self.open = self._action("打开…", files.open_dialog, QKeySequence.StandardKey.Open)
        self.from_old = self._action(
            "从往年报告新建…",
            reports.from_old_dialog,
            None,
            "读入去年的报告（Word、文本或项目文件），年度后移，数字标为待更新",
        )
        self.save = self._action("保存", files.save, QKeySequence.StandardKey.Save)
        self.save_as = self._action("另存为…", files.save_as, "Ctrl+Shift+S")
        self.save_version = self._action("保存为命名版本…", reports.save_named_version)
        self.export = self._action(
            "导出 Word…", handlers.exports.export_dialog, "Ctrl+E", "按 GB/T 9704 版式导出 .docx"
        )
        self.history = self._action("历史版本…", reports.history_dialog, "Ctrl+Shift+H")
        self.compare_years = self._action(
            "年度对比…", reports.comparison_dialog, None, "每个数字的去年、今年和增减"
        )
        self.save_template = self._action(
            "另存为模板…", reports.save_as_template_dialog, None, "把本报告存为模板，明年直接套用"
        )
        self.export_sheet = self._action(
            "导出数据征集表…",
            handlers.figures.export_sheet_dialog,
            None,
            "按专委会、部门分表，发给各方填写今年的数字",
        )
        self.import_sheet = self._action(
            "导入数据征集表…",
            handlers.figures.import_sheet_dialog,
            None,
            "读回填好的征集表：先列出冲突和异常，再写入数据",
        )
        self.quit = self._action("退出", handlers.close_window, QKeySequence.StandardKey.Quit)
        for action in (self.new, self.from_old, self.open):
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(lambda: self._fill_recent(files))
        file_menu.addSeparator()
        for action in (self.save, self.save_as, self.save_version, self.history, self.save_template):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.export)
        file_menu.addAction(self.compare_years)
        file_menu.addSeparator()
        for action in (self.export_sheet, self.import_sheet, self.quit):
            file_menu.addAction(action)

    def _fill_recent(self, files: ProjectFiles) -> None:
        self.recent_menu.clear()
        for path in settings.recent_files():
            self.recent_menu.addAction(path, partial(files.open_checked, path))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("（无）").setEnabled(False)

    def _edit_menu(self, edits: EditActions) -> None:
        edit_menu = self.window.menuBar().addMenu("编辑(&E)")
        self.undo = self._action("撤销", edits.undo_any, QKeySequence.StandardKey.Undo)
        self.redo = self._action("重做", edits.redo_any, "Ctrl+Y")
        self.redo.setShortcuts(
            [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
        )  # Word/WPS, and Linux habit
        self.find = self._action("查找和替换…", edits.find_dialog, QKeySequence.StandardKey.Find)
        self.lead = self._action(
            "设为段首语 / 取消", edits.toggle_lead, None, "本段第一个句号前的文字作为段首语（Ctrl+L）"
        )
        self.figure = self._action("插入图片…", edits.insert_figure_dialog, "Ctrl+Shift+I")
        for action in (self.undo, self.redo):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (self.find, self.lead, self.figure):
            edit_menu.addAction(action)

    def _section_menu(self, sections: SectionActions, outline: QWidget) -> None:
        section_menu = self.window.menuBar().addMenu("栏目(&S)")
        self.add_section = self._action("添加栏目", sections.add_section_after, "Ctrl+Shift+N")
        self.duplicate = self._action("复制栏目", sections.duplicate_section)
        self.delete = self._action("删除栏目", sections.delete_section)
        self.move_up = self._action("上移", lambda: sections.move_current(-1), "Alt+Up")
        self.move_down = self._action("下移", lambda: sections.move_current(1), "Alt+Down")
        self.rename = self._action("修改标题…", sections.rename_dialog, "F2")
        section_actions = [
            self.add_section,
            self.duplicate,
            self.delete,
            self.move_up,
            self.move_down,
            self.rename,
        ]
        for action in section_actions:
            section_menu.addAction(action)
        outline.addActions(section_actions)  # the outline's right-click menu
        outline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _figure_menu(self, figures: FigureActions) -> None:
        self.add_figure = self._action("添加数字…", figures.add_dialog, None, "在“数据”中新增一个数字")
        self.rename_figure = self._action("数字改名…", figures.rename_dialog)
        self.delete_figure = self._action(
            "删除数字…", figures.delete_dialog, None, "先列出用到它的句子，确认后删除"
        )
        self.make_figure = self._action(
            "设为数字",
            figures.make_figure_from_selection,
            "Ctrl+Shift+D",
            "把选中的数字（如 450余篇）变成“数据”中的一个数字",
        )
        self.unmake_figure = self._action(
            "取消数字", figures.unmake_figure_at_cursor, None, "把光标处的数字还原为普通文字"
        )
        menu = self.window.menuBar().addMenu("数字(&N)")
        for action in (self.add_figure, self.rename_figure, self.delete_figure):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.make_figure, self.unmake_figure):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.export_sheet, self.import_sheet):
            menu.addAction(action)

    def _toolbar(self) -> None:
        toolbar = self.window.addToolBar("常用")
        toolbar.setObjectName("mainToolbar")
        for action in (
            self.new,
            self.open,
            self.save,
            self.export,
            self.undo,
            self.redo,
            self.find,
            self.figure,
            self.preview,
        ):
            toolbar.addAction(action)
        self.undo.setIconText("撤销")  # the toolbar keeps its short name; the menu says what will be undone
        self.redo.setIconText("重做")

    def _follow_undo_stack(self, controller: ReportController) -> None:
        stack = controller.undo_stack
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: self.undo.setText(f"撤销{text}" if text else "撤销"))
        stack.redoTextChanged.connect(lambda text: self.redo.setText(f"重做{text}" if text else "重做"))

    # ---- help --------------------------------------------------------------------------------

    def help_dialog(self, tab: str = "使用指南") -> HelpDialog:
        from report_writer.gui.help import HelpDialog

        if self.help_window is None:
            self.help_window = HelpDialog(self.window.menuBar(), self.window)
        self.help_window.show_tab(tab)
        return self.help_window
