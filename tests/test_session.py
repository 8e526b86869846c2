"""EditSession (core/session.py): what the window's actions ask of the open report, without Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_writer.core.images import ImageError
from report_writer.core.model import Report
from report_writer.core.project import ProjectError
from report_writer.core.session import EditSession
from report_writer.paths import resource


def _report() -> Report:
    return Report(org_full="重庆市测试区政协", org_short="测试区政协", year=2025, title="测试")


def test_a_new_report_is_unsaved_and_the_sample_says_so() -> None:
    made = EditSession.unsaved(_report())
    assert made.dirty and made.changes_since_autosave and made.path is None
    sample = EditSession.sample()
    assert sample.is_sample and not sample.dirty and "示例" in sample.display_name()


def test_a_photo_is_kept_once_by_its_hash_and_a_bad_file_refused() -> None:
    session = EditSession(_report())
    data = resource("photos", "training.png").read_bytes()
    image = session.add_photo(data)
    assert session.add_photo(data) == image and list(session.report.media) == [image]
    with pytest.raises(ImageError):
        session.add_photo(b"not a picture")
    assert list(session.report.media) == [image]


def test_restoring_a_revision_keeps_unsaved_edits_as_an_autosave(tmp_path: Path) -> None:
    session = EditSession(_report())
    with pytest.raises(ProjectError):
        session.restore(1)  # never saved: nothing to go back to
    session.save_as(tmp_path / "测试.rwp")
    assert session.project is not None
    first = session.project.latest_revision(include_autosave=False).id
    session.report.title = "改过的标题"
    session.save()
    session.report.title = "没有保存的标题"
    session.mark_changed()
    session.restore(first)
    assert session.report.title == "测试" and not session.dirty and not session.changes_since_autosave
    labels = [r.label for r in session.project.revisions()]
    assert "恢复前的内容" in labels
    session.close()
