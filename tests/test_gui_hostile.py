"""The app with broken user files: a broken template pack is named with its reason in the new-report
gallery while the others stay; a broken proofreading.toml is said in the status bar and left as it is."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import Answers, make_window


def test_broken_pack_listed_with_its_reason(qtbot, monkeypatch, isolated_user_folders: Path) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui import dialogs

    pack = isolated_user_folders / "templates" / "evil"
    pack.mkdir(parents=True)
    (pack / "template.toml").write_text(
        'id = "evil"\nname = "坏模板"\ntitle = "t"\nfields = "abc"\n', encoding="utf-8"
    )
    seen: dict[str, object] = {}

    def fake_exec(dialog) -> int:  # type: ignore[no-untyped-def]
        seen["error"] = dialog.error.text()
        seen["packs"] = [p.id for p in dialog.packs]
        return 0

    monkeypatch.setattr(dialogs.NewReportDialog, "exec", fake_exec)
    window = make_window(qtbot, monkeypatch, Answers())
    window.report_actions.new_report()
    assert "evil" in str(seen["error"]) and "fields" in str(seen["error"])
    assert "huimou" in seen["packs"]  # type: ignore[operator]
    window.close()


def test_broken_proofreading_settings_are_reported_not_overwritten(
    qtbot, monkeypatch, isolated_user_folders: Path
) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui.app import report_settings_problem

    settings = isolated_user_folders / "proofreading.toml"
    settings.write_text("disabled = 5\n", encoding="utf-8")
    window = make_window(qtbot, monkeypatch, Answers())
    report_settings_problem(window)
    assert "disabled 应写成" in window.statusBar().currentMessage()
    assert settings.read_text(encoding="utf-8") == "disabled = 5\n"
    window.close()


def test_save_cut_short_in_a_read_only_folder_opens_read_only_with_the_last_save(
    qtbot, monkeypatch, tmp_path: Path, sample_report_factory
) -> None:  # type: ignore[no-untyped-def]
    import os
    import shutil
    import sqlite3

    from report_writer.core.project import Project

    report = sample_report_factory()
    path = tmp_path / "hot.rwp"
    Project.create(path, report).close()
    conn = sqlite3.connect(path, isolation_level=None)  # a save cut short: journal written, file changed
    conn.execute("PRAGMA cache_size=1")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE revision SET body = 'x'")
    snapshot = path.read_bytes(), (tmp_path / "hot.rwp-journal").read_bytes()
    conn.execute("ROLLBACK")
    conn.close()
    hot = tmp_path / "ro"
    hot.mkdir()
    (hot / "hot.rwp").write_bytes(snapshot[0])
    (hot / "hot.rwp-journal").write_bytes(snapshot[1])
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real_access(p, mode, **kw)
    )
    answers = Answers()
    window = make_window(qtbot, monkeypatch, answers)
    assert window.project_files.open_file(str(hot / "hot.rwp"))
    assert window.controller.session.readonly
    assert window.controller.report.title == report.title
    assert any("只读" in a for a in answers.asked) and not answers.warnings
    assert (hot / "hot.rwp-journal").exists()  # the read-only folder is left as it was
    window.close()
    shutil.rmtree(hot)
