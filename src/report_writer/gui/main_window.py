"""The main window: outline on the left, the section being written in the middle (with a page
preview tab), data / phrases / proofreading on the right. Layout and wiring only: the work is done by
the controller and by core."""

from __future__ import annotations

import concurrent.futures
import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from report_writer.core.model import Report
from report_writer.core.session import EditSession
from report_writer.gui import settings
from report_writer.gui.common import message
from report_writer.gui.controller import ReportController
from report_writer.gui.edit_actions import EditActions
from report_writer.gui.editor import SectionEditor
from report_writer.gui.export_actions import ExportActions
from report_writer.gui.figure_actions import FigureActions
from report_writer.gui.menus import Handlers, WindowMenus
from report_writer.gui.outline import TITLE_ROW, OutlineModel, OutlineView
from report_writer.gui.panels import FieldsModel, FieldsPanel, PhrasesPanel
from report_writer.gui.preview import PreviewWidget
from report_writer.gui.project_files import ProjectFiles
from report_writer.gui.proofing import Proofreader, ProofreadingPanel
from report_writer.gui.proofreading_actions import ProofreadingActions
from report_writer.gui.report_actions import ReportActions
from report_writer.gui.section_actions import SectionActions
from report_writer.gui.title_form import TitleForm

T = TypeVar("T")
AUTOSAVE_MS = 60_000


def empty_report() -> Report:
    return Report(org_full="", org_short="", year=datetime.now().year, title="")


class MainWindow(QMainWindow):
    def __init__(self, checker: concurrent.futures.Executor | None = None) -> None:
        """`checker`: a checking process to share (see Proofreader); by default the window starts its own."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.controller = ReportController(EditSession(empty_report()), self)
        self._phrase_cache: dict[tuple[str, str, str, str], list[str]] = {}  # see _phrases
        self._lay_out(checker)
        self._make_actions()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.project_files.autosave_now)
        self.autosave_timer.start()
        self._connect()
        self.resize(1400, 860)
        self._update_title()

    # ---- layout ------------------------------------------------------------------------------

    def _lay_out(self, checker: concurrent.futures.Executor | None) -> None:
        controller = self.controller
        self.outline_model = OutlineModel(controller)
        self.outline = OutlineView(self.outline_model)
        self.title_form = TitleForm(controller)
        self.editor = SectionEditor()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.title_form)
        self.stack.addWidget(self.editor)
        self.preview = PreviewWidget()
        self.center = QTabWidget()
        self.center.setObjectName("centerTabs")
        self.center.addTab(self.stack, "写作")
        self.center.addTab(self.preview, "版面预览")
        self.fields_model = FieldsModel(controller)
        self.fields_panel = FieldsPanel(self.fields_model)
        self.phrases_panel = PhrasesPanel()
        self.proofreader = Proofreader(controller, checker)
        self.outline_model.keywords_of = lambda section_id: self.proofreader.keywords.get(section_id, [])
        self.proof_panel = ProofreadingPanel(self.proofreader)
        self.right = QTabWidget()
        self.right.setObjectName("rightTabs")
        self.right.addTab(self.fields_panel, "数据")
        self.right.addTab(self.phrases_panel, "素材")
        self.right.addTab(self.proof_panel, "校对")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("提纲（拖动调整顺序）"))
        left_layout.addWidget(self.outline, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.center)
        splitter.addWidget(self.right)
        splitter.setSizes([260, 760, 380])
        splitter.setStretchFactor(1, 1)
        # Until a report is open (and while the recovery question waits) the window shows this,
        # not an empty report.
        self.opening = QLabel("正在打开报告……")
        self.opening.setObjectName("openingPlaceholder")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.main_area = QStackedWidget()
        self.main_area.addWidget(self.opening)
        self.main_area.addWidget(splitter)
        self.workspace = splitter
        self.setCentralWidget(self.main_area)
        self._status_bar()

    def _status_bar(self) -> None:
        self.total_label = QLabel()
        self.section_label = QLabel()
        self.save_label = QLabel()
        self.save_label.setObjectName("saveState")
        for label in (self.total_label, self.section_label):
            self.statusBar().addPermanentWidget(label)
        self.statusBar().addPermanentWidget(self.save_label)

    def _make_actions(self) -> None:
        """The actions, by topic: each gets the window's services (ask, warn, inform, a progress dialog)
        and the parts it acts on, never the window itself; the menus call them."""
        controller = self.controller
        self.project_files = ProjectFiles(self, controller)
        self.report_actions = ReportActions(self, controller, self.project_files)
        self.export_actions = ExportActions(
            self,
            controller,
            self.project_files,
            lambda: sum(item.finding.severity == "error" for item in self.proofreader.findings),
        )
        self.edit_actions = EditActions(
            self, controller, self.project_files, self.editor, self.current_section_id, self.find_in_section
        )
        self.section_actions = SectionActions(
            self, controller, self.current_section_id, self.outline_model, self.editor
        )
        self.proofreading_actions = ProofreadingActions(
            self, controller, self.proofreader, self.find_in_section
        )
        self.figure_actions = FigureActions(self, controller, self.editor, self.fields_panel, self.title_form)
        handlers = Handlers(
            self.project_files,
            self.report_actions,
            self.export_actions,
            self.edit_actions,
            self.section_actions,
            self.figure_actions,
            close_window=self.close,
            toggle_preview=lambda: self.center.setCurrentIndex(1 - self.center.currentIndex()),
            recheck=self.proofreader.start_check,
            proof_settings=self.proofreading_actions.proof_settings,
        )
        self.menus = WindowMenus(self, self, controller, handlers, self.outline)

    # ---- wiring ------------------------------------------------------------------------------

    def _connect(self) -> None:
        controller = self.controller
        self.outline.selectionModel().currentChanged.connect(
            lambda current, _prev: self._show_row(current.row())
        )
        controller.structureChanged.connect(self._after_structure_change)
        controller.sessionChanged.connect(self._after_session_change)
        controller.sectionEdited.connect(lambda _sid: self._update_counts())
        controller.fieldsChanged.connect(self._update_counts)
        controller.headingChanged.connect(self._after_heading_change)
        controller.modifiedChanged.connect(lambda _m: self._update_title())
        controller.revealRequested.connect(self._reveal)
        controller.cursorPlaced.connect(self._place_cursor)
        self.editor.headingEdited.connect(self.section_actions.rename_section)
        self.editor.kindEdited.connect(self.section_actions.change_kind)
        self.editor.body.fieldActivated.connect(self._edit_field)
        self.editor.body.figureActivated.connect(self.edit_actions.edit_figure)
        self.fields_panel.insertRequested.connect(self._insert_field)
        self.fields_model.errorRaised.connect(lambda message: self.warn("数值有误", message))
        self.phrases_panel.insertRequested.connect(self.editor.body.insert_text)
        self.center.currentChanged.connect(self._center_tab_changed)
        self.proofreader.findingsChanged.connect(self._findings_changed)
        self.editor.body.cursorPositionChanged.connect(self._underline)
        proofreading = self.proofreading_actions
        self.proof_panel.jumpRequested.connect(proofreading.jump_to_finding)
        self.proof_panel.apply_button.clicked.connect(
            lambda: proofreading.apply_suggestion(self.proof_panel.current())
        )
        self.proof_panel.ignore_button.clicked.connect(
            lambda: proofreading.ignore(self.proof_panel.current())
        )
        self.proof_panel.whitelist_button.clicked.connect(
            lambda: proofreading.add_to_whitelist(self.proof_panel.current())
        )
        self.proof_panel.settings_button.clicked.connect(proofreading.proof_settings)
        from report_writer.gui.context_menu import figure_menu_actions, finding_actions

        body = self.editor.body
        body.top_providers.append(
            lambda menu, position: finding_actions(proofreading, self.current_section_id(), menu, position)
        )
        body.extra_providers.append(lambda menu, position: figure_menu_actions(self.figure_actions, menu))
        body.undo_slot = self.edit_actions.undo_any
        body.redo_slot = self.edit_actions.redo_any
        # as the toolbar's 撤销/重做 (typing not yet in the history counts: undo_any takes it in first)
        stack = self.controller.undo_stack
        body.can_undo = lambda: stack.canUndo() or body.document().isUndoAvailable()
        body.can_redo = stack.canRedo

    # ---- WindowServices (gui/services.py): dialogs in one place, so tests can answer them -----

    def warn(self, title: str, text: str) -> None:
        message(self, QMessageBox.Icon.Warning, title, text)

    def inform(self, title: str, text: str) -> None:
        message(self, QMessageBox.Icon.Information, title, text)

    def ask(
        self,
        title: str,
        message: str,
        buttons: dict[str, QMessageBox.ButtonRole],
        default: str,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    ) -> str:
        box = QMessageBox(icon, title, message, parent=self)
        made = {name: box.addButton(name, role) for name, role in buttons.items()}
        box.setDefaultButton(made[default])
        box.exec()
        clicked = box.clickedButton()
        return next((name for name, button in made.items() if button is clicked), default)

    def run_with_progress(self, title: str, job: Callable[[], T]) -> T:
        """Run a slow job off the UI thread with a progress dialog; re-raise its error here."""
        progress = QProgressDialog(title, "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            future = pool.submit(job)
            loop = QEventLoop()
            poll = QTimer()  # polled from the UI thread: the worker thread has no Qt event loop
            poll.setInterval(15)
            poll.timeout.connect(lambda: _quit_when_done(future, loop))
            poll.start()
            if not future.done():
                loop.exec()
            poll.stop()
        progress.close()
        return future.result()

    def status(self, text: str, milliseconds: int = 5000) -> None:
        self.statusBar().showMessage(text, milliseconds)

    def dialog_parent(self) -> QWidget:
        return self

    # ---- opening and closing (the project file itself: gui/project_files.py) ------------------

    def open_initial(self, path: str | None) -> None:
        last = settings.get("last_project")
        target = path or (last if last and Path(last).is_file() else None)
        if not (target and self.project_files.open_file(target)):
            self.project_files.open_sample()
        self.proofreader.warm_up()  # jieba loads on a worker thread, after the window is shown

    def end_on_signal(self, reason: str) -> str:
        """The system asks us to end (logout, kill, a closed terminal): no question can be asked, so
        unsaved edits go to the emergency place (as an autosave the next opening offers to recover)."""
        import sys

        from PySide6.QtWidgets import QApplication

        saved = ""
        with contextlib.suppress(Exception):
            self.controller.flush()
        if self.controller.session.dirty:
            saved = self.project_files.emergency_save()
            sys.stderr.write(f"收到 {reason}，未保存的修改已紧急保存到：{saved}\n")
        self._ending = True
        self.close()
        QApplication.quit()
        return saved

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if getattr(self, "_ending", False):  # ending on a signal: saved already, nothing to ask
            self.controller.session.close()
            self.proofreader.shutdown()
            event.accept()
            return
        self.controller.flush()
        if self.controller.session.dirty:
            answer = self.ask(
                "关闭",
                f"“{self.controller.session.display_name()}”有未保存的修改，是否保存？",
                {
                    "保存": QMessageBox.ButtonRole.AcceptRole,
                    "不保存": QMessageBox.ButtonRole.DestructiveRole,
                    "取消": QMessageBox.ButtonRole.RejectRole,
                },
                "保存",
            )
            if answer == "取消" or (answer == "保存" and not self.project_files.save()):
                event.ignore()
                return
        self.controller.session.close()
        self.proofreader.shutdown()
        event.accept()

    # ---- views -------------------------------------------------------------------------------

    def current_section_id(self) -> str | None:
        return self.editor.section_id if self.stack.currentWidget() is self.editor else None

    def select_section(self, section_id: str | None) -> None:
        row = TITLE_ROW if section_id is None else self.outline_model.row_for(section_id)
        self.outline.selectionModel().setCurrentIndex(
            self.outline_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._show_row(row)

    def _show_row(self, row: int) -> None:
        self.controller.flush()
        report = self.controller.report
        if row <= TITLE_ROW or row - 1 >= len(report.sections):
            self.title_form.load()
            self.stack.setCurrentWidget(self.title_form)
            self.editor.section_id = None
        else:
            section = report.sections[row - 1]
            if self.editor.section_id != section.id or self.stack.currentWidget() is not self.editor:
                self.editor.show_section(
                    section.id, section.heading, section.kind, self.controller.document(section.id)
                )
            self.stack.setCurrentWidget(self.editor)
            self.phrases_panel.show_phrases(section.kind, self._phrases(section.kind))
        self._update_counts()
        if self.center.currentIndex() == 1:  # the 版面预览 follows the outline
            self.preview.scroll_to_section(self.current_section_id())

    def _phrases(self, kind: str) -> list[str]:
        """素材 for a section kind, in the report's own words. Kept per template, kind and names: finding
        them reads every template pack (~60 ms, most of a section switch)."""
        from report_writer.core.templating import phrases_for

        report = self.controller.report
        key = (report.template_id, kind, report.org_short, report.level)
        if key not in self._phrase_cache:
            self._phrase_cache[key] = phrases_for(report.template_id, kind, report)
        return self._phrase_cache[key]

    def _after_structure_change(self, select_id: str | None) -> None:
        self.select_section(select_id)

    def _after_session_change(self) -> None:
        self.main_area.setCurrentWidget(self.workspace)
        report = self.controller.report
        self.select_section(report.sections[0].id if report.sections else None)
        self._update_title()
        if self.center.currentIndex() == 1:
            self.refresh_preview()

    def _reveal(self, section_id: str) -> None:
        if self.current_section_id() != section_id:
            self.select_section(section_id)

    def _place_cursor(self, section_id: str, position: int) -> None:
        """After an undo or redo, the cursor stands where the text changed (not at the section's end)."""
        if self.editor.section_id == section_id:
            cursor = self.editor.body.textCursor()
            cursor.setPosition(min(position, self.editor.body.document().characterCount() - 1))
            self.editor.body.setTextCursor(cursor)
            self.editor.body.ensureCursorVisible()

    def _after_heading_change(self, section_id: str) -> None:
        if not section_id and self.stack.currentWidget() is self.title_form and not self.title_form.editing():
            self.title_form.load()  # the title changed by a report-wide action or its undo
        if self.editor.section_id == section_id:
            section = self.controller.section(section_id)
            if self.editor.heading.text() != section.heading:
                self.editor.heading.setText(section.heading)
            self.editor.kind.setCurrentText(section.kind)
            self.phrases_panel.show_phrases(section.kind, self._phrases(section.kind))

    def _center_tab_changed(self, index: int) -> None:
        if index == 1:  # the preview is drawn when it is shown, not on every edit
            self.refresh_preview()

    def refresh_preview(self) -> None:
        from report_writer.export.profiles import resolve_fonts, resolve_profile

        self.controller.flush()
        profile = resolve_profile(settings.get("export_profile", "公文"))
        fonts = resolve_fonts(settings.get("export_fonts", "公文标准"))
        self.preview.show_report(self.controller.report, profile, fonts)
        self.preview.scroll_to_section(self.current_section_id())

    def _update_counts(self) -> None:
        from report_writer.core.compare import section_text
        from report_writer.gui.outline import word_count

        report = self.controller.report
        total = sum(word_count(section_text(report, s)) for s in report.sections)
        self.total_label.setText(f"全文 {total} 字")
        section_id = self.current_section_id()
        if section_id is not None:
            self.section_label.setText(
                f"本节 {word_count(section_text(report, self.controller.section(section_id)))} 字"
            )
        else:
            self.section_label.setText("")

    def report_name(self) -> str:
        """The file's name, or for a report not saved yet what it is (示例报告, 示例区政协2024年报告)."""
        session = self.controller.session
        report = session.report
        if session.path is not None or getattr(session, "is_sample", False) or not report.org_short:
            return session.display_name()
        return f"{report.org_short}{report.year}年报告（未保存）"

    def _update_title(self) -> None:
        session = self.controller.session
        mark = "*" if session.dirty else ""
        readonly = "（只读）" if session.readonly else ""
        opening = self.main_area.currentWidget() is self.opening
        name = "正在打开" if opening else self.report_name()
        self.setWindowTitle(f"{mark}{name}{readonly} — 政协年度工作综述写作助手")
        if session.dirty:
            text = "有未保存的修改"
            if session.last_autosaved_at and not session.changes_since_autosave:
                text = f"已自动保存 {datetime.fromtimestamp(session.last_autosaved_at):%H:%M}"
        elif session.last_saved_at:
            text = f"已保存 {datetime.fromtimestamp(session.last_saved_at):%H:%M}"
        else:
            text = "尚未保存"
        self.save_label.setText("" if opening else text)

    # ---- fields and figures ------------------------------------------------------------------

    def _insert_field(self, name: str, style: str) -> None:
        if self.current_section_id() is None:
            self.inform("插入数字", "请先在左侧提纲中选择要写的栏目。")
            return
        self.editor.body.insert_field(name, style)
        self.editor.body.setFocus()

    def _edit_field(self, name: str) -> None:
        self.right.setCurrentWidget(self.fields_panel)
        self.fields_panel.select_field(name)

    def find_in_section(self, section_id: str, start: int, end: int) -> None:
        self.select_section(section_id)
        cursor = QTextCursor(self.controller.document(section_id))
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.body.setTextCursor(cursor)
        self.editor.body.ensureCursorVisible()

    # ---- proofreading -------------------------------------------------------------------------

    def _findings_changed(self) -> None:
        counts: dict[str, int] = {}
        for item in self.proofreader.findings:
            counts[item.section_id] = counts.get(item.section_id, 0) + 1
        self.outline_model.finding_counts = counts
        self.outline_model.refresh_rows()
        self._underline()

    def _underline(self) -> None:
        from report_writer.gui.proofing import underline_selections

        section_id = self.current_section_id()
        if section_id is None:
            self.editor.body.setExtraSelections([])
            return
        items = self.proofreader.for_section(section_id)
        self.editor.body.setExtraSelections(
            underline_selections(self.editor.body, items, self.proofreader.document_range)
        )


def _quit_when_done(future: concurrent.futures.Future[T], loop: QEventLoop) -> None:
    if future.done():
        loop.quit()
