from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from report_writer.core import project as project_module
from report_writer.core.model import Figure
from report_writer.core.project import (
    AUTOSAVES_KEPT,
    Project,
    ProjectError,
    ProjectLockedError,
    write_new_project,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_save_open_round_trip_with_photos(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    report = sample_report_factory()
    path = tmp_path / "a.rwp"
    with Project.create(path, report) as project:
        project.save(report)
    with Project.open(path) as project:
        loaded = project.load()
        assert loaded.to_dict() == report.to_dict()
        assert set(loaded.media) == report.referenced_media()
        assert all(loaded.media[sha].data == report.media[sha].data for sha in loaded.media)
        count = project._conn.execute("SELECT COUNT(*) FROM media").fetchone()[0]
        assert count == len(report.referenced_media()), "photos are stored once, however many saves"
        assert project._conn.execute("PRAGMA application_id").fetchone()[0] == project_module.APPLICATION_ID
    assert not (tmp_path / "a.rwp.lock").exists()


def test_revisions_labels_restore_and_recovery(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    report = sample_report_factory()
    path = tmp_path / "b.rwp"
    with Project.create(path, report) as project:
        first = project.latest_revision().id
        project.set_label(first, "初稿")
        report.title = "改过的标题"
        project.save(report)
        assert project.pending_recovery() is None
        report.title = "自动保存的标题"
        auto = project.save(report, kind="autosave")
        assert project.pending_recovery() is not None and project.pending_recovery().id == auto
        assert project.load().title == "改过的标题"  # default load skips autosaves
        assert project.load(include_autosave=True).title == "自动保存的标题"
        restored = project.restore(first)
        assert project.load().title != "改过的标题"
        info = project.revision_info(restored)
        assert info.kind == "restore" and "初稿" in info.label
        assert [r.label for r in project.revisions()][0] == "初稿"
        with pytest.raises(ProjectError, match="没有编号"):
            project.load(9999)


def test_autosaves_are_pruned(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    report = sample_report_factory()
    with Project.create(tmp_path / "c.rwp", report) as project:
        for _ in range(AUTOSAVES_KEPT + 5):
            project.save(report, kind="autosave")
        kinds = [r.kind for r in project.revisions()]
    assert kinds.count("autosave") == AUTOSAVES_KEPT
    assert kinds[0] == "new"


def test_lock_warns_second_opener_and_readonly_works(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    report = sample_report_factory()
    path = tmp_path / "d.rwp"
    first = Project.create(path, report)
    try:
        with pytest.raises(ProjectLockedError, match="正由"):
            Project.open(path)
        with Project.open(path, readonly=True) as viewer:
            assert viewer.load().title == report.title
            with pytest.raises(ProjectError, match="只读"):
                viewer.save(report)
    finally:
        first.close()
    Project.open(path).close()


def test_stale_lock_from_dead_process_is_taken_over(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "e.rwp"
    Project.create(path, sample_report_factory()).close()
    import json
    import socket

    (tmp_path / "e.rwp.lock").write_text(
        json.dumps({"holder": "x", "host": socket.gethostname(), "pid": 2**22 + 12345})
    )
    Project.open(path).close()


@pytest.mark.parametrize("kind", ["foreign", "newer", "garbage", "truncated", "empty"])
def test_bad_files_get_clear_message_and_are_not_modified(
    tmp_path: Path, sample_report_factory, kind: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.rwp"
    if kind == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
        expected = "不是 report-writer 项目文件"
    elif kind == "newer":
        Project.create(path, sample_report_factory()).close()
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version=99")
        conn.close()
        expected = "更新版本"
    elif kind == "garbage":
        path.write_bytes(b"PK\x03\x04 this is a zip, not a project")
        expected = "不是 report-writer 项目文件"
    elif kind == "truncated":
        Project.create(tmp_path / "good.rwp", sample_report_factory()).close()
        path.write_bytes((tmp_path / "good.rwp").read_bytes()[:5000])
        expected = "损坏"
    else:
        path.write_bytes(b"")
        expected = "不是 report-writer 项目文件"
    before = _digest(path)
    for readonly in (False, True):
        with pytest.raises(ProjectError, match=expected):
            Project.open(path, readonly=readonly)
    assert _digest(path) == before
    assert not (tmp_path / "bad.rwp.lock").exists()


def test_write_new_project_refuses_then_replaces_atomically(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    report = sample_report_factory()
    path = tmp_path / "f.rwp"
    write_new_project(path, report)
    with pytest.raises(ProjectError, match="已存在"):
        write_new_project(path, report)
    report.title = "第二版"
    write_new_project(path, report, force=True)
    with Project.open(path, readonly=True) as project:
        assert project.load().title == "第二版"
        assert len(project.revisions()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.rwp"]


def test_missing_media_is_reported(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    report = sample_report_factory()
    report.sections[0].blocks.append(Figure(image="0" * 64, caption="无图"))
    with pytest.raises(ProjectError, match="不在内存中"):
        Project.create(tmp_path / "g.rwp", report)


def test_project_file_is_single_file_when_closed(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "h.rwp"
    with Project.create(path, sample_report_factory()) as project:
        project.save(sample_report_factory())
    assert os.listdir(tmp_path) == ["h.rwp"]


def test_a_project_saved_before_blocks_had_ids_opens_and_keeps_the_ids_it_is_given(
    tmp_path: Path,
    sample_report_factory,  # type: ignore[no-untyped-def]
) -> None:
    import json

    report = sample_report_factory()
    path = tmp_path / "old.rwp"
    with Project.create(path, report) as project:
        project.save(report)
    conn = sqlite3.connect(path)
    body = json.loads(conn.execute("SELECT body FROM revision ORDER BY id DESC LIMIT 1").fetchone()[0])
    for section in body["sections"]:
        for block in section["blocks"]:
            del block["id"]  # as the app wrote it before blocks had ids (format_version 1 all along)
    conn.execute("UPDATE revision SET body = ?", (json.dumps(body, ensure_ascii=False),))
    conn.commit()
    conn.close()
    with Project.open(path) as project:
        loaded = project.load()
        ids = [b.id for s in loaded.sections for b in s.blocks]
        assert len(set(ids)) == len(ids) > 0
        assert [b.text(loaded.fields) for b in loaded.sections[0].blocks if hasattr(b, "parts")] == [
            b.text(report.fields) for b in report.sections[0].blocks if hasattr(b, "parts")
        ]
        project.save(loaded)
    with Project.open(path) as project:
        assert [b.id for s in project.load().sections for b in s.blocks] == ids
