"""Whole-report actions of the 文件 menu: 新建 (from a template pack), 从往年报告新建 (import and roll over),
保存为命名版本, 历史版本 and restoring one, 另存为模板, 年度对比. Core makes the report (templating, loading,
rollover, save_template); this asks the writer and hands the result to ProjectFiles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from report_writer.core.session import EditSession
from report_writer.gui import common, settings

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController
    from report_writer.gui.history import HistoryDialog
    from report_writer.gui.project_files import ProjectFiles
    from report_writer.gui.reuse import ComparisonDialog
    from report_writer.gui.services import WindowServices

VERSION_NAMES = ["初稿", "征求意见稿", "送审稿", "定稿"]


class ReportActions:
    def __init__(self, services: WindowServices, controller: ReportController, files: ProjectFiles) -> None:
        self.services = services
        self.controller = controller
        self.files = files

    # ---- a new report ------------------------------------------------------------------------

    def new_report(self) -> None:
        from report_writer.core.templating import TemplateError, find_pack, render_pack, scan_packs
        from report_writer.gui.dialogs import NewReportDialog

        if not self.files.may_discard():
            return
        try:
            packs, broken = scan_packs()
        except TemplateError as exc:
            self.services.warn("模板有误", str(exc))
            return
        dialog = NewReportDialog(packs, settings.recent_files(), self.services.dialog_parent())
        if broken:  # the others still work; these say why they are not in the gallery
            dialog.error.setText(
                "无法使用的模板：" + "；".join(f"{b.folder.name}（{b.reason}）" for b in broken)
            )
            dialog.error.setWordWrap(True)
        if not dialog.exec() or dialog.choice is None:
            return
        choice = dialog.choice
        if choice.action == "open":
            self.files.open_file(choice.path)
        elif choice.action == "sample":
            self.files.open_sample()
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
                self.services.warn("模板有误", str(exc))
                return
            self.files.set_session(EditSession.unsaved(report))

    def from_old_dialog(self) -> bool:
        from datetime import date

        if not self.files.may_discard():
            return False
        path, _ = QFileDialog.getOpenFileName(
            self.services.dialog_parent(),
            "选择往年的报告",
            str(self.files.default_folder("last_old_report")),
            "报告 (*.docx *.txt *.md *.rwp)",
        )
        if not path:
            return False
        settings.put("last_old_report", path)
        today = date.today()
        default = today.year if today.month >= 10 else today.year - 1  # a review is written in the winter
        text = common.ask_text(
            self.services.dialog_parent(), "从往年报告新建", "新报告的年度：", str(default)
        )
        if not text:
            return False
        if not text.isdigit() or not 2000 <= int(text) <= 2100:
            self.services.warn("年度有误", f"“{text}”不是有效的年度，请填写四位数字，例如 {default}。")
            return False
        return self.start_from_old(path, int(text))

    def start_from_old(self, path: str, year: int) -> bool:
        """从往年报告新建: import (or open) last year's report and roll it over to `year`."""
        from report_writer.core.import_blocks import ReportImportError
        from report_writer.core.loading import assume_year
        from report_writer.core.project import ProjectError
        from report_writer.core.rollover import rollover
        from report_writer.gui.reuse import is_traditional, load_old_report

        services = self.services
        try:
            old, warnings = services.run_with_progress("正在读取往年的报告…", lambda: load_old_report(path))
        except (ReportImportError, ProjectError) as exc:
            services.warn("无法读取往年的报告", str(exc))
            return False
        if (
            is_traditional(old)
            and services.ask(
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
                old, warnings = services.run_with_progress(
                    "正在转为简体…", lambda: load_old_report(path, simplify=True)
                )
            except ReportImportError as exc:
                services.warn("无法转为简体", str(exc))
                return False
        assume_year(old, year, warnings)
        try:
            result = rollover(old, year)
        except ValueError as exc:
            services.warn("年度有误", str(exc))
            return False
        self.files.set_session(EditSession.unsaved(result.report))
        notes = [*warnings, *result.review]
        summary = (
            f"已根据往年报告生成 {year} 年的初稿：{len(result.report.fields)} 个数字已标为待更新（橙色）。"
        )
        services.inform(
            "从往年报告新建", summary + ("\n\n请核对：\n" + "\n".join(notes[:12]) if notes else "")
        )
        return True

    # ---- the report as it is -----------------------------------------------------------------

    def comparison_dialog(self) -> ComparisonDialog:
        from report_writer.gui.reuse import ComparisonDialog

        self.controller.flush()
        dialog = ComparisonDialog(self.controller.report, self.services.dialog_parent())
        dialog.show()
        return dialog

    def save_as_template_dialog(self) -> None:
        from report_writer.core.save_template import save_as_template
        from report_writer.core.templating import TemplateError

        self.controller.flush()
        report = self.controller.report
        name = common.ask_text(
            self.services.dialog_parent(), "另存为模板", "模板名称：", f"{report.org_short}样式"
        )
        if not name:
            return
        try:
            root = save_as_template(report, name)
        except (TemplateError, OSError) as exc:
            self.services.warn("另存为模板失败", str(exc))
            return
        self.services.inform(
            "另存为模板", f"已保存模板“{name}”。新建报告时可以在模板列表中选择它。\n位置：{root}"
        )

    # ---- versions ----------------------------------------------------------------------------

    def save_named_version(self) -> None:
        if self.controller.session.project is None and not self.files.save_as():
            return
        label = common.ask_text(
            self.services.dialog_parent(), "保存为命名版本", "版本名称：", items=VERSION_NAMES
        )
        if label is None:
            return
        self.files.save_labelled(label)

    def history_dialog(self) -> HistoryDialog | None:
        from report_writer.gui.history import HistoryDialog

        project = self.controller.session.project
        if project is None:
            self.services.inform("历史版本", "报告还没有保存过。保存后，每次保存都会留下一个版本。")
            return None
        dialog = HistoryDialog(project, self.services.dialog_parent())
        dialog.restoreRequested.connect(self.restore_revision)
        dialog.show()
        return dialog

    def restore_revision(self, revision_id: int) -> None:
        from report_writer.core.project import ProjectError

        session = self.controller.session
        if session.project is None:
            return
        self.controller.flush()
        try:
            session.restore(revision_id)
        except ProjectError as exc:
            self.services.warn("恢复失败", str(exc))
            return
        self.controller.replace_session(session)
        self.controller.saved()
