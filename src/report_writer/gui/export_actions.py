"""文件 ▸ 导出 Word: the export dialog, the question about a draft still 待填, the export itself on a worker
thread (export/docx_writer.py), and the offer to open the folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from report_writer.gui import settings

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController
    from report_writer.gui.dialogs import ExportChoice
    from report_writer.gui.project_files import ProjectFiles
    from report_writer.gui.services import WindowServices


class ExportActions:
    def __init__(
        self,
        services: WindowServices,
        controller: ReportController,
        files: ProjectFiles,
        open_errors: Callable[[], int] = lambda: 0,
    ) -> None:
        self.services = services
        self.controller = controller
        self.files = files
        # how many 错误 the 校对 tab still lists: said after the export, never asked (the writer may
        # export a draft on purpose; a question before every export would be clicked away)
        self.open_errors = open_errors

    def export_dialog(self) -> None:
        from report_writer.gui.dialogs import ExportDialog

        self.controller.flush()
        report = self.controller.report
        folder = self.files.default_folder("export_folder")
        kind = "工作回眸" if "回眸" in report.subtitle else "工作综述"
        dialog = ExportDialog(
            str(folder / f"{report.org_short}{report.year}年{kind}.docx"),
            settings.get("export_profile", "公文"),
            settings.get("export_fonts", "公文标准"),
            settings.get("export_reference", ""),
            self.services.dialog_parent(),
        )
        if dialog.exec():
            self.export_to(dialog.choice())

    def export_to(self, choice: ExportChoice, ask_open: bool = True) -> Path | None:
        from report_writer.export.docx_writer import ExportError, ExportOptions, export_docx
        from report_writer.export.profiles import resolve_fonts, resolve_profile

        self.controller.flush()
        if not self._may_export_gaps():
            return None
        options = ExportOptions(
            resolve_profile(choice.profile),
            resolve_fonts(choice.fonts),
            Path(choice.reference) if choice.reference else None,
            choice.appendix,
        )
        report = self.controller.report
        try:
            path = self.services.run_with_progress(
                "正在导出 Word 文件…", lambda: export_docx(report, choice.target, options)
            )
        except ExportError as exc:
            self.services.warn("导出失败", str(exc))
            return None
        for key, value in (
            ("export_profile", choice.profile),
            ("export_fonts", choice.fonts),
            ("export_reference", choice.reference),
            ("export_folder", str(path.parent)),
        ):
            settings.put(key, value)
        errors = self.open_errors()
        note = f"\n\n校对还有 {errors} 处错误未处理（见右侧“校对”页）。" if errors else ""
        if not ask_open:
            if errors:
                self.services.status(f"已导出。校对还有 {errors} 处错误未处理。")
        else:
            answer = self.services.ask(
                "导出完成",
                f"已导出：\n{path}{note}",
                {
                    "打开所在文件夹": QMessageBox.ButtonRole.AcceptRole,
                    "关闭": QMessageBox.ButtonRole.RejectRole,
                },
                "关闭",
                icon=QMessageBox.Icon.Information,
            )
            if answer == "打开所在文件夹":
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        return path

    def _may_export_gaps(self) -> bool:
        """A draft with figures 待填/待更新 or photos to insert is exported only when the writer says so."""
        from report_writer.core.frame import find_gaps

        gaps = find_gaps(self.controller.report)
        if gaps.empty:
            return True
        go = "仍然导出（待填处标黄）"
        answer = self.services.ask(
            "报告尚未完成",
            f"{gaps.summary()}。\n仍要导出吗？这些地方会在 Word 中以黄色标出。",
            {go: QMessageBox.ButtonRole.AcceptRole, "取消": QMessageBox.ButtonRole.RejectRole},
            "取消",
        )
        return answer == go
