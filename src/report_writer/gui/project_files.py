"""The project file in the window: open (read-only when another copy has it, offering an autosave to
recover), save, save as, autosave, the emergency save, where file choosers start. EditSession
(core/session.py) does the work; this asks the writer and tells the window (through the controller's
signals) that the report or its save state changed."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from report_writer.core.session import EditSession
from report_writer.gui import settings

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController
    from report_writer.gui.services import WindowServices

READONLY_ANSWERS = {"只读打开": QMessageBox.ButtonRole.AcceptRole, "取消": QMessageBox.ButtonRole.RejectRole}


class ProjectFiles:
    def __init__(self, services: WindowServices, controller: ReportController) -> None:
        self.services = services
        self.controller = controller

    # ---- opening -----------------------------------------------------------------------------

    def open_sample(self) -> None:
        self.set_session(EditSession.sample())

    def set_session(self, session: EditSession) -> None:
        old = self.controller.session
        if old is not session:
            old.close()
        self.controller.replace_session(session)

    def open_file(self, path: str, readonly: bool = False) -> bool:
        from report_writer.core.project import ProjectError, ProjectLockedError, ProjectReadOnlyError

        try:
            session, recovery = EditSession.open(path, readonly=readonly)
        except ProjectLockedError as exc:
            answer = self.services.ask("文件已被打开", f"{exc}", READONLY_ANSWERS, "只读打开")
            return answer == "只读打开" and self.open_file(path, readonly=True)
        except ProjectReadOnlyError as exc:  # an unwritable file or folder (a save cut short there too)
            answer = self.services.ask("不能写入", f"{exc}", READONLY_ANSWERS, "只读打开")
            return answer == "只读打开" and self.open_file(path, readonly=True)
        except ProjectError as exc:
            self.services.warn("无法打开", str(exc))
            return False
        if recovery is not None:
            answer = self.services.ask(
                "恢复自动保存的内容",
                f"发现 {recovery.saved_at_text} 自动保存的内容，比上次保存更新"
                "（可能上次没有正常关闭）。是否恢复？",
                {"恢复": QMessageBox.ButtonRole.AcceptRole, "不恢复": QMessageBox.ButtonRole.RejectRole},
                "恢复",
            )
            if answer == "恢复":
                session.recover(recovery.id)
        self.set_session(session)
        self._remember(path)
        if readonly:
            self.services.status("以只读方式打开：修改需要“另存为”新文件", 8000)
        return True

    def open_checked(self, path: str) -> None:
        """Open another project, after asking about unsaved changes (最近打开, 打开…)."""
        if self.may_discard():
            self.open_file(path)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.services.dialog_parent(), "打开报告", str(self.default_folder()), "报告项目 (*.rwp)"
        )
        if path:
            self.open_checked(path)

    def may_discard(self) -> bool:
        """The open report may be replaced: nothing unsaved, or the writer saved it or said 不保存."""
        self.controller.flush()
        if not self.controller.session.dirty:
            return True
        answer = self.services.ask(
            "未保存的修改",
            "当前报告有未保存的修改，是否先保存？",
            {
                "保存": QMessageBox.ButtonRole.AcceptRole,
                "不保存": QMessageBox.ButtonRole.DestructiveRole,
                "取消": QMessageBox.ButtonRole.RejectRole,
            },
            "保存",
        )
        return answer == "不保存" or (answer == "保存" and self.save())

    # ---- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        from report_writer.core.project import ProjectError

        self.controller.flush()
        session = self.controller.session
        if session.project is None or session.readonly:
            return self.save_as()
        try:
            session.save()
        except ProjectError as exc:
            self.services.warn("保存失败", str(exc))
            return False
        self.controller.saved()
        return True

    def save_as(self, path: str | None = None) -> bool:
        from report_writer.core.project import ProjectError

        self.controller.flush()
        if path is None:
            report = self.controller.report
            suggested = str(self.default_folder() / f"{report.org_short or '报告'}{report.year}.rwp")
            path, _ = QFileDialog.getSaveFileName(
                self.services.dialog_parent(), "另存为", suggested, "报告项目 (*.rwp)"
            )
            if not path:
                return False
            if not path.lower().endswith(".rwp"):
                path += ".rwp"
        try:
            self.controller.session.save_as(path)
        except (ProjectError, OSError) as exc:
            self.services.warn("保存失败", str(exc))
            return False
        self._remember(path)
        self.controller.saved()
        return True

    def save_labelled(self, label: str) -> bool:
        """A save with a name (初稿, 送审稿 …) that 历史版本 lists; the report has a file already."""
        from report_writer.core.project import ProjectError

        self.controller.flush()
        try:
            self.controller.session.save(label=label)
        except ProjectError as exc:
            self.services.warn("保存失败", str(exc))
            return False
        self.controller.saved()
        return True

    def autosave_now(self) -> bool:
        from report_writer.core.project import ProjectError

        self.controller.flush()
        try:
            done = self.controller.session.autosave()
        except ProjectError as exc:
            self.services.status(f"自动保存失败：{exc}", 10000)
            return False
        if done:
            self.controller.autosaved()
        return done

    def emergency_save(self) -> str:
        """Where the unsaved text went after an unexpected error ("" if nowhere); never raises."""
        with contextlib.suppress(Exception):  # the report model is what we have; save it as it is
            self.controller.flush()
        try:
            return str(self.controller.session.emergency_save())
        except Exception:
            return ""

    # ---- folders -----------------------------------------------------------------------------

    def default_folder(self, setting: str = "") -> Path:
        """Where file choosers start: beside the open project, else where the writer went last."""
        if self.controller.session.path is not None:
            return self.controller.session.path.parent
        for candidate in (settings.get(setting) if setting else "", settings.get("last_project")):
            if candidate:
                folder = Path(candidate) if Path(candidate).is_dir() else Path(candidate).parent
                if folder.is_dir():
                    return folder
        from report_writer import paths

        return paths.documents_dir()  # 文档 / Documents: on Windows nobody keeps files in the home folder

    @staticmethod
    def _remember(path: str) -> None:
        settings.add_recent(str(Path(path).resolve()))
        settings.put("last_project", str(Path(path).resolve()))
