"""An editing session: the open report, where it is saved, and whether it has unsaved changes.

Qt-free so the GUI and tests drive the same logic: the window calls these methods and shows the
results; autosave, recovery and emergency saves live here.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from report_writer import paths
from report_writer.core.model import Report
from report_writer.core.project import Project, ProjectError, RevisionInfo, write_new_project


class EditSession:
    def __init__(self, report: Report, project: Project | None = None) -> None:
        self.report = report
        self.project = project
        self.dirty = False
        self.changes_since_autosave = False
        self.last_saved_at: float | None = None
        self.last_autosaved_at: float | None = None
        self.is_sample = False  # the built-in 示例 report: its figures and photos are made up

    @classmethod
    def unsaved(cls, report: Report) -> EditSession:
        """A report made just now (from a template, from last year's): changed, with no file yet."""
        session = cls(report)
        session.mark_changed()
        return session

    @classmethod
    def sample(cls) -> EditSession:
        """The built-in 示例 report (nothing to save until the writer changes it)."""
        from report_writer.core.templating import sample_report

        session = cls(sample_report())
        session.is_sample = True
        return session

    # ---- state -------------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        return self.project.path if self.project else None

    @property
    def readonly(self) -> bool:
        return bool(self.project and self.project.readonly)

    def mark_changed(self) -> None:
        self.dirty = True
        self.changes_since_autosave = True

    def display_name(self) -> str:
        if self.path:
            return self.path.name
        return "示例报告（数字和图片均为虚构）" if self.is_sample else "未命名报告"

    def add_photo(self, data: bytes) -> str:
        """Keep a photo's bytes in the report (once, by hash) and return the hash a Figure names it by.
        Raises ImageError (a Chinese sentence) for a file that is not a usable picture."""
        from report_writer.core.images import media_from_bytes  # python-docx may read the header: load late

        item = media_from_bytes(data)
        self.report.media[item.sha256] = item
        return item.sha256

    # ---- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False) -> tuple[EditSession, RevisionInfo | None]:
        """Open a project; also return an autosave newer than the last save, to offer for recovery."""
        project = Project.open(path, readonly=readonly)
        try:
            recovery = project.pending_recovery()
            report = project.load()
        except ProjectError:
            project.close()
            raise
        session = cls(report, project)
        session.last_saved_at = project.latest_revision(include_autosave=False).saved_at
        return session, recovery

    def recover(self, revision_id: int) -> None:
        """Take the autosaved text as the working copy (still unsaved until the writer saves)."""
        if self.project is None:
            return
        self.report = self.project.load(revision_id)
        self.mark_changed()

    def restore(self, revision_id: int) -> None:
        """Go back to a saved revision (as a new revision); unsaved edits are kept first as an autosave."""
        if self.project is None:
            raise ProjectError("报告还没有保存过，没有历史版本。")
        if self.dirty:
            self.project.save(self.report, kind="autosave", label="恢复前的内容")
        self.project.restore(revision_id)
        self.report = self.project.load()
        self.dirty = False
        self.changes_since_autosave = False

    # ---- saving ------------------------------------------------------------------------------

    def save(self, label: str = "") -> int:
        if self.project is None:
            raise ProjectError("报告还没有文件名，请用“另存为”。")
        revision = self.project.save(self.report, kind="save", label=label)
        self.dirty = False
        self.changes_since_autosave = False
        self.last_saved_at = time.time()
        return revision

    def save_as(self, path: str | Path) -> None:
        target = Path(path)
        if self.path is not None and target.resolve() == self.path.resolve():
            self.save()
            return
        # Built beside the target and moved over it: an existing file (the file dialog has asked
        # to replace it) stays intact until the new project is complete.
        write_new_project(target, self.report, force=True, kind="save")
        new_project = Project.open(target)
        if self.project is not None:
            self.project.close()
        self.project = new_project
        self.dirty = False
        self.changes_since_autosave = False
        self.last_saved_at = time.time()

    def autosave(self) -> bool:
        """Write an autosave revision if something changed since the last save or autosave."""
        if self.project is None or self.readonly or not self.changes_since_autosave:
            return False
        self.project.save(self.report, kind="autosave")
        self.changes_since_autosave = False
        self.last_autosaved_at = time.time()
        return True

    def emergency_save(self) -> Path:
        """Last resort after an unexpected error: never raises, says where the text went."""
        if self.project is not None and not self.readonly:
            try:
                self.project.save(self.report, kind="autosave", label="紧急保存")
                return self.project.path
            except Exception:  # fall through to a separate file
                pass
        folder = paths.user_data_dir() / "emergency"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"紧急保存-{datetime.now():%Y%m%d-%H%M%S}.rwp"
        Project.create(target, self.report, kind="autosave", label="紧急保存").close()
        return target

    def close(self) -> None:
        if self.project is not None:
            self.project.close()
            self.project = None
