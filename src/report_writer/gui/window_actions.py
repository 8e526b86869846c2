"""Menus, shortcuts and the handlers behind them (files, export, history, find, sections, figures)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from report_writer.core import editing
from report_writer.gui import settings
from report_writer.gui.commands import InsertSection, RemoveSection, RenameSection

if TYPE_CHECKING:
    from report_writer.gui.main_window import MainWindow


class WindowActions:
    def __init__(self, window: MainWindow) -> None:
        from report_writer.gui.common import make_action

        self.w = window
        w = window
        c = window.controller
        menu = w.menuBar()
        file_menu = menu.addMenu("文件(&F)")
        self.new = make_action(w, "新建…", self.new_report, QKeySequence.StandardKey.New)
        self.open = make_action(w, "打开…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.from_old = make_action(
            w,
            "从往年报告新建…",
            self.from_old_dialog,
            None,
            "读入去年的报告（Word、文本或项目文件），年度后移，数字标为待更新",
        )
        self.save = make_action(w, "保存", w.save, QKeySequence.StandardKey.Save)
        self.save_as = make_action(w, "另存为…", w.save_as, "Ctrl+Shift+S")
        self.save_version = make_action(w, "保存为命名版本…", self.save_named_version)
        self.export = make_action(
            w, "导出 Word…", self.export_dialog, "Ctrl+E", "按 GB/T 9704 版式导出 .docx"
        )
        self.history = make_action(w, "历史版本…", self.history_dialog, "Ctrl+Shift+H")
        self.compare_years = make_action(
            w, "年度对比…", self.comparison_dialog, None, "每个数字的去年、今年和增减"
        )
        self.save_template = make_action(
            w, "另存为模板…", self.save_as_template_dialog, None, "把本报告存为模板，明年直接套用"
        )
        self.quit = make_action(w, "退出", w.close, QKeySequence.StandardKey.Quit)
        for action in (self.new, self.from_old, self.open):
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        for action in (self.save, self.save_as, self.save_version, self.history):
            file_menu.addAction(action)
        file_menu.addAction(self.save_template)
        file_menu.addSeparator()
        file_menu.addAction(self.export)
        file_menu.addAction(self.compare_years)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = menu.addMenu("编辑(&E)")
        self.undo = make_action(w, "撤销", self.undo_any, QKeySequence.StandardKey.Undo)
        self.redo = make_action(w, "重做", self.redo_any, "Ctrl+Y")
        self.redo.setShortcuts(
            [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
        )  # Word/WPS, and Linux habit
        self.find = make_action(w, "查找和替换…", self.find_dialog, QKeySequence.StandardKey.Find)
        self.lead = make_action(
            w,
            "设为段首语 / 取消",
            lambda: w.editor.body.toggle_lead(),
            None,
            "本段第一个句号前的文字作为段首语（Ctrl+L）",
        )
        self.figure = make_action(w, "插入图片…", self.insert_figure_dialog, "Ctrl+Shift+I")
        for action in (self.undo, self.redo):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (self.find, self.lead, self.figure):
            edit_menu.addAction(action)

        section_menu = menu.addMenu("栏目(&S)")
        self.add_section = make_action(w, "添加栏目", self.add_section_after, "Ctrl+Shift+N")
        self.duplicate = make_action(w, "复制栏目", self.duplicate_section)
        self.delete = make_action(w, "删除栏目", self.delete_section)
        self.move_up = make_action(w, "上移", lambda: self.move_current(-1), "Alt+Up")
        self.move_down = make_action(w, "下移", lambda: self.move_current(1), "Alt+Down")
        self.rename = make_action(w, "修改标题…", self.rename_dialog, "F2")
        for action in (
            self.add_section,
            self.duplicate,
            self.delete,
            self.move_up,
            self.move_down,
            self.rename,
        ):
            section_menu.addAction(action)
        w.outline.addActions(
            [self.add_section, self.duplicate, self.delete, self.move_up, self.move_down, self.rename]
        )
        from PySide6.QtCore import Qt

        w.outline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        proof_menu = menu.addMenu("校对(&P)")
        self.recheck = make_action(w, "重新校对", w.proofreader.start_check, "F7")
        self.proof_settings = make_action(
            w, "校对设置…", w.proof_settings, None, "不检查的词语、检查项目、本单位提法"
        )
        for action in (self.recheck, self.proof_settings):
            proof_menu.addAction(action)

        view_menu = menu.addMenu("视图(&V)")
        self.preview = make_action(
            w, "版面预览", lambda: w.center.setCurrentIndex(1 - w.center.currentIndex()), "F5"
        )
        view_menu.addAction(self.preview)
        help_menu = menu.addMenu("帮助(&H)")
        self.guide = make_action(w, "使用指南", lambda: self.help_dialog("使用指南"), "F1")
        self.shortcuts = make_action(w, "快捷键", lambda: self.help_dialog("快捷键"))
        help_menu.addAction(self.guide)
        help_menu.addAction(self.shortcuts)
        help_menu.addSeparator()
        help_menu.addAction(
            make_action(
                w,
                "关于",
                lambda: w.inform(
                    "关于",
                    "政协年度工作综述写作助手\n按模板分节撰写、管理数据、导出符合 GB/T 9704 的 Word 文件。\n"
                    "全部在本机完成，不联网。",
                ),
            )
        )
        toolbar = w.addToolBar("常用")
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
        self.undo.setEnabled(c.undo_stack.canUndo())
        self.redo.setEnabled(c.undo_stack.canRedo())
        c.undo_stack.canUndoChanged.connect(self.undo.setEnabled)
        c.undo_stack.canRedoChanged.connect(self.redo.setEnabled)
        c.undo_stack.undoTextChanged.connect(
            lambda text: self.undo.setText(f"撤销{text}" if text else "撤销")
        )
        c.undo_stack.redoTextChanged.connect(
            lambda text: self.redo.setText(f"重做{text}" if text else "重做")
        )

    def help_dialog(self, tab: str = "使用指南"):
        from report_writer.gui.help import HelpDialog

        if getattr(self, "_help", None) is None:
            self._help = HelpDialog(self.w.menuBar(), self.w)
        return self._help.show_tab(tab)

    # ---- files -------------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in settings.recent_files():
            self.recent_menu.addAction(path, lambda p=path: self._open_checked(p))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("（无）").setEnabled(False)

    def _may_discard(self) -> bool:
        w = self.w
        w.controller.flush()
        if not w.controller.session.dirty:
            return True
        answer = w.ask(
            "未保存的修改",
            "当前报告有未保存的修改，是否先保存？",
            {
                "保存": QMessageBox.ButtonRole.AcceptRole,
                "不保存": QMessageBox.ButtonRole.DestructiveRole,
                "取消": QMessageBox.ButtonRole.RejectRole,
            },
            "保存",
        )
        return answer == "不保存" or (answer == "保存" and w.save())

    def _open_checked(self, path: str) -> None:
        if self._may_discard():
            self.w.open_file(path)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w, "打开报告", str(self.w.default_folder()), "报告项目 (*.rwp)"
        )
        if path:
            self._open_checked(path)

    def new_report(self) -> None:
        from report_writer.core.session import EditSession
        from report_writer.core.templating import TemplateError, find_pack, render_pack, scan_packs
        from report_writer.gui.dialogs import NewReportDialog

        if not self._may_discard():
            return
        try:
            packs, broken = scan_packs()
        except TemplateError as exc:
            self.w.warn("模板有误", str(exc))
            return
        dialog = NewReportDialog(packs, settings.recent_files(), self.w)
        if broken:  # the others still work; these say why they are not in the gallery
            dialog.error.setText(
                "无法使用的模板：" + "；".join(f"{b.folder.name}（{b.reason}）" for b in broken)
            )
            dialog.error.setWordWrap(True)
        if not dialog.exec() or dialog.choice is None:
            return
        choice = dialog.choice
        if choice.action == "open":
            self.w.open_file(choice.path)
        elif choice.action == "sample":
            self.w.open_sample()
        elif choice.action == "from_old":
            self.start_from_old(choice.path, choice.year)
        else:
            try:
                report = render_pack(
                    find_pack(choice.template_id),
                    choice.org_full,
                    choice.org_short,
                    choice.year,
                    level=choice.level or None,
                )
            except TemplateError as exc:
                self.w.warn("模板有误", str(exc))
                return
            session = EditSession(report)
            session.mark_changed()
            self.w.set_session(session)

    def from_old_dialog(self) -> bool:
        from datetime import date

        from report_writer.gui.common import ask_text

        if not self._may_discard():
            return False
        path, _ = QFileDialog.getOpenFileName(
            self.w,
            "选择往年的报告",
            str(self.w.default_folder("last_old_report")),
            "报告 (*.docx *.txt *.md *.rwp)",
        )
        if not path:
            return False
        settings.put("last_old_report", path)
        today = date.today()
        default = today.year if today.month >= 10 else today.year - 1  # a review is written in the winter
        text = ask_text(self.w, "从往年报告新建", "新报告的年度：", str(default))
        if not text:
            return False
        if not text.isdigit() or not 2000 <= int(text) <= 2100:
            self.w.warn("年度有误", f"“{text}”不是有效的年度，请填写四位数字，例如 {default}。")
            return False
        return self.start_from_old(path, int(text))

    def start_from_old(self, path: str, year: int) -> bool:
        """从往年报告新建: import (or open) last year's report and roll it over to `year`."""
        from report_writer.core.importer import ReportImportError
        from report_writer.core.loading import assume_year
        from report_writer.core.project import ProjectError
        from report_writer.core.rollover import rollover
        from report_writer.core.session import EditSession
        from report_writer.gui.reuse import is_traditional, load_old_report

        w = self.w
        try:
            old, warnings = w.run_with_progress("正在读取往年的报告…", lambda: load_old_report(path))
        except (ReportImportError, ProjectError) as exc:
            w.warn("无法读取往年的报告", str(exc))
            return False
        if (
            is_traditional(old)
            and w.ask(
                "繁体字",
                "往年的报告是繁体字。要转为简体字吗？",
                {
                    "转为简体": QMessageBox.ButtonRole.AcceptRole,
                    "保留繁体": QMessageBox.ButtonRole.RejectRole,
                },
                "转为简体",
            )
            == "转为简体"
        ):
            try:
                old, warnings = w.run_with_progress(
                    "正在转为简体…", lambda: load_old_report(path, simplify=True)
                )
            except ReportImportError as exc:
                w.warn("无法转为简体", str(exc))
                return False
        assume_year(old, year, warnings)
        try:
            result = rollover(old, year)
        except ValueError as exc:
            w.warn("年度有误", str(exc))
            return False
        session = EditSession(result.report)
        session.mark_changed()
        w.set_session(session)
        notes = [*warnings, *result.review]
        summary = (
            f"已根据往年报告生成 {year} 年的初稿：{len(result.report.fields)} 个数字已标为待更新（橙色）。"
        )
        w.inform("从往年报告新建", summary + ("\n\n请核对：\n" + "\n".join(notes[:12]) if notes else ""))
        return True

    def comparison_dialog(self):
        from report_writer.gui.reuse import ComparisonDialog

        self.w.controller.flush()
        dialog = ComparisonDialog(self.w.controller.report, self.w)
        dialog.show()
        return dialog

    def save_as_template_dialog(self) -> None:
        from report_writer.core.save_template import save_as_template
        from report_writer.core.templating import TemplateError
        from report_writer.gui.common import ask_text

        w = self.w
        w.controller.flush()
        name = ask_text(w, "另存为模板", "模板名称：", f"{w.controller.report.org_short}样式")
        if not name:
            return
        try:
            root = save_as_template(w.controller.report, name)
        except (TemplateError, OSError) as exc:
            w.warn("另存为模板失败", str(exc))
            return
        w.inform("另存为模板", f"已保存模板“{name}”。新建报告时可以在模板列表中选择它。\n位置：{root}")

    def save_named_version(self) -> None:
        w = self.w
        if w.controller.session.project is None and not w.save_as():
            return
        label = w.choose_label()
        if label is None:
            return
        w.controller.flush()
        w.controller.session.save(label=label)
        w.controller.saved()

    def export_dialog(self) -> None:
        from report_writer.gui.dialogs import ExportDialog

        w = self.w
        w.controller.flush()
        report = w.controller.report
        folder = w.default_folder("export_folder")
        default = str(
            folder
            / (
                f"{report.org_short}{report.year}年"
                f"{'工作回眸' if '回眸' in report.subtitle else '工作综述'}.docx"
            )
        )
        dialog = ExportDialog(
            default,
            settings.get("export_profile", "公文"),
            settings.get("export_fonts", "公文标准"),
            settings.get("export_reference", ""),
            w,
        )
        if dialog.exec():
            self.export_to(dialog.choice())

    def export_to(self, choice, ask_open: bool = True) -> Path | None:
        from report_writer.export.docx_writer import ExportError, ExportOptions, export_docx
        from report_writer.export.profiles import resolve_fonts, resolve_profile

        w = self.w
        w.controller.flush()
        if not self._may_export_gaps():
            return None
        options = ExportOptions(
            resolve_profile(choice.profile),
            resolve_fonts(choice.fonts),
            Path(choice.reference) if choice.reference else None,
            getattr(choice, "appendix", False),
        )
        try:
            path = w.run_with_progress(
                "正在导出 Word 文件…", lambda: export_docx(w.controller.report, choice.target, options)
            )
        except ExportError as exc:
            w.warn("导出失败", str(exc))
            return None
        for key, value in (
            ("export_profile", choice.profile),
            ("export_fonts", choice.fonts),
            ("export_reference", choice.reference),
            ("export_folder", str(path.parent)),
        ):
            settings.put(key, value)
        if ask_open:
            answer = w.ask(
                "导出完成",
                f"已导出：\n{path}",
                {
                    "打开所在文件夹": QMessageBox.ButtonRole.AcceptRole,
                    "关闭": QMessageBox.ButtonRole.RejectRole,
                },
                "关闭",
                icon=QMessageBox.Icon.Information,
            )
            if answer == "打开所在文件夹":
                w.open_folder(path.parent)
        return path

    def _may_export_gaps(self) -> bool:
        """A draft with figures 待填/待更新 or photos to insert is exported only when the writer says so."""
        from report_writer.core.frame import find_gaps

        gaps = find_gaps(self.w.controller.report)
        if gaps.empty:
            return True
        go = "仍然导出（待填处标黄）"
        answer = self.w.ask(
            "报告尚未完成",
            f"{gaps.summary()}。\n仍要导出吗？这些地方会在 Word 中以黄色标出。",
            {go: QMessageBox.ButtonRole.AcceptRole, "取消": QMessageBox.ButtonRole.RejectRole},
            "取消",
        )
        return answer == go

    def history_dialog(self):
        from report_writer.gui.history import HistoryDialog

        w = self.w
        project = w.controller.session.project
        if project is None:
            w.inform("历史版本", "报告还没有保存过。保存后，每次保存都会留下一个版本。")
            return None
        dialog = HistoryDialog(project, w)
        dialog.restoreRequested.connect(self.restore_revision)
        dialog.show()
        return dialog

    def restore_revision(self, revision_id: int) -> None:
        from report_writer.core.project import ProjectError

        w = self.w
        session = w.controller.session
        if session.project is None:
            return
        w.controller.flush()
        try:
            if session.dirty:
                session.project.save(session.report, kind="autosave", label="恢复前的内容")
            session.project.restore(revision_id)
            session.report = session.project.load()
        except ProjectError as exc:
            w.warn("恢复失败", str(exc))
            return
        w.controller.replace_session(session)
        session.dirty = False
        session.changes_since_autosave = False
        w.controller.saved()

    # ---- editing -----------------------------------------------------------------------------

    def undo_any(self) -> None:
        """One undo history for everything (typing in any section, structure, report-wide actions)."""
        self._step(lambda stack: stack.undo(), lambda stack: stack.canUndo())

    def redo_any(self) -> None:
        self._step(lambda stack: stack.redo(), lambda stack: stack.canRedo())

    def _step(self, move, possible) -> None:
        """One visible step: steps that turned out empty (see commands.TextEdit) are passed over."""
        c = self.w.controller
        c.flush()
        while possible(c.undo_stack):
            c.skipped_steps = 0
            move(c.undo_stack)
            if not c.skipped_steps:
                break

    def find_dialog(self):
        from report_writer.gui.find_replace import FindReplaceDialog

        w = self.w
        if not w.controller.report.sections:
            return None

        def where() -> tuple[str, int]:
            section_id = w.current_section_id() or w.controller.report.sections[0].id
            return section_id, w.editor.body.textCursor().selectionEnd() if w.current_section_id() else 0

        dialog = FindReplaceDialog(w.controller, where, w)
        dialog.matchFound.connect(w.find_in_section)
        selected = w.editor.body.textCursor().selectedText()
        if selected:
            dialog.find_text.setText(selected)
        dialog.show()
        return dialog

    def insert_figure_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w, "插入图片", str(self.w.default_folder("last_image")), "图片 (*.png *.jpg *.jpeg)"
        )
        if path:
            settings.put("last_image", path)
            self.insert_figure(path, "")
            position = self.w.editor.body.textCursor().position() - 2
            if position >= 0:
                self.edit_figure(position)

    def insert_figure(self, path: str, caption: str) -> bool:
        from report_writer.core.images import ImageError, media_from_bytes

        w = self.w
        if w.current_section_id() is None:
            w.inform("插入图片", "请先在左侧提纲中选择要插入图片的栏目。")
            return False
        try:
            item = media_from_bytes(Path(path).read_bytes())
        except (OSError, ImageError) as exc:
            w.warn("无法插入图片", str(exc))
            return False
        w.controller.report.media[item.sha256] = item
        w.editor.body.insert_figure(item.sha256, caption)
        return True

    def edit_figure(self, position: int) -> None:
        from report_writer.core.images import ImageError, media_from_bytes
        from report_writer.gui.dialogs import FigureDialog

        w = self.w
        body = w.editor.body
        image, caption = body.figure_properties(position)
        dialog = FigureDialog(caption, w)
        if not dialog.exec():
            return
        if dialog.result_action == "remove":
            body.remove_at(position)
            return
        if dialog.result_action == "replace" and dialog.new_image:
            try:
                item = media_from_bytes(Path(dialog.new_image).read_bytes())
            except (OSError, ImageError) as exc:
                w.warn("无法使用该图片", str(exc))
                return
            w.controller.report.media[item.sha256] = item
            image = item.sha256
        body.update_figure(position, image, dialog.caption.text().strip())

    # ---- sections ----------------------------------------------------------------------------

    def _current_index(self) -> int | None:
        section_id = self.w.current_section_id()
        return None if section_id is None else self.w.controller.index_of(section_id)

    def add_section_after(self) -> None:
        c = self.w.controller
        index = self._current_index()
        position = len(c.report.sections) if index is None else index + 1
        c.undo_stack.push(InsertSection(c, position, editing.new_section()))
        self.w.editor.heading.setFocus()
        self.w.editor.heading.selectAll()

    def duplicate_section(self) -> None:
        c = self.w.controller
        index = self._current_index()
        if index is None:
            return
        c.flush()
        c.undo_stack.push(
            InsertSection(c, index + 1, editing.clone_section(c.report.sections[index]), "复制栏目")
        )

    def delete_section(self) -> None:
        c = self.w.controller
        index = self._current_index()
        if index is None:
            return
        name = c.report.sections[index].heading or c.report.sections[index].kind
        answer = self.w.ask(
            "删除栏目",
            f"删除“{name}”？可以用“撤销”找回。",
            {"删除": QMessageBox.ButtonRole.DestructiveRole, "取消": QMessageBox.ButtonRole.RejectRole},
            "取消",
        )
        if answer == "删除":
            c.undo_stack.push(RemoveSection(c, index))

    def move_current(self, step: int) -> None:
        index = self._current_index()
        if index is not None:
            self.w.outline_model.move_section(index, index + step)

    def rename_dialog(self) -> None:
        from report_writer.gui.common import ask_text

        section_id = self.w.current_section_id()
        if section_id is None:
            return
        text = ask_text(self.w, "修改栏目标题", "标题：", self.w.controller.section(section_id).heading)
        if text is not None:
            self.rename_section(section_id, text)

    def rename_section(self, section_id: str, heading: str) -> None:
        c = self.w.controller
        if c.section(section_id).heading != heading:
            c.undo_stack.push(RenameSection(c, section_id, heading))

    def change_kind(self, section_id: str, kind: str) -> None:
        c = self.w.controller
        section = c.section(section_id)
        if section.kind != kind:
            c.undo_stack.push(RenameSection(c, section_id, section.heading, kind))
            self.w.phrases_panel.show_phrases(kind, self.w._phrases(kind))
