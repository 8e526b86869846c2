"""The app with broken user files: a broken template pack is named with its reason in the new-report
gallery while the others stay; a broken proofreading.toml is said in the status bar and left as it is."""

from __future__ import annotations

from pathlib import Path

from test_gui import Answers, make_window


def test_broken_pack_listed_with_its_reason(qtbot, monkeypatch, isolated_user_folders: Path) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui import dialogs

    pack = isolated_user_folders / "templates" / "evil"
    pack.mkdir(parents=True)
    (pack / "template.toml").write_text('id = "evil"\nname = "坏模板"\ntitle = "t"\nfields = "abc"\n', encoding="utf-8")
    seen: dict[str, object] = {}

    def fake_exec(dialog) -> int:  # type: ignore[no-untyped-def]
        seen["error"] = dialog.error.text()
        seen["packs"] = [p.id for p in dialog.packs]
        return 0

    monkeypatch.setattr(dialogs.NewReportDialog, "exec", fake_exec)
    window = make_window(qtbot, monkeypatch, Answers())
    window.actions_.new_report()
    assert "evil" in str(seen["error"]) and "fields" in str(seen["error"])
    assert "huimou" in seen["packs"]  # type: ignore[operator]
    window.close()


def test_broken_proofreading_settings_are_reported_not_overwritten(qtbot, monkeypatch, isolated_user_folders: Path) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui.app import report_settings_problem

    settings = isolated_user_folders / "proofreading.toml"
    settings.write_text("disabled = 5\n", encoding="utf-8")
    window = make_window(qtbot, monkeypatch, Answers())
    report_settings_problem(window)
    assert "disabled 应写成" in window.statusBar().currentMessage()
    assert settings.read_text(encoding="utf-8") == "disabled = 5\n"
    window.close()
