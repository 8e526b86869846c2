"""Help, and the small things a writer trips on: window title, menus, where files go, messages,
the first moment of the window, the preview following the outline, the outline's long headings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui_helpers import make_window
from report_writer.core.compare import section_text


def _menu_texts(window, title: str) -> list[str]:  # type: ignore[no-untyped-def]
    from report_writer.gui.common import submenu_of

    # not QAction.menu(): PySide6 6.9 (the .deb's version) hands back a dead wrapper from it
    bar = window.menuBar()
    menu = next(submenu_of(a, bar) for a in bar.actions() if a.text().startswith(title))
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_help_guide_and_shortcuts_open_with_f1(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert _menu_texts(window, "帮助")[:2] == ["使用指南", "快捷键"]
    window.activateWindow()
    window.menus.guide.trigger()
    dialog = window.menus.help_window
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 0
    text = dialog.guide.toPlainText()
    for topic in ("第一篇报告", "数字", "图片", "校对", "导出 Word", "往年报告", "历史版本"):
        assert topic in text
    assert window.menus.guide.shortcut().toString() == "F1"
    window.menus.shortcuts.trigger()
    assert dialog.tabs.currentIndex() == 1
    rows = {
        dialog.keys.item(r, 0).text(): dialog.keys.item(r, 1).text() for r in range(dialog.keys.rowCount())
    }
    assert "撤销" in rows["Ctrl+Z"] and "重做" in rows["Ctrl+Y / Ctrl+Shift+Z"] and "导出" in rows["Ctrl+E"]
    assert "使用指南" in rows["F1"]
    dialog.close()


def test_window_title_names_the_sample(window) -> None:  # type: ignore[no-untyped-def]
    assert "未命名报告" not in window.windowTitle()
    assert window.windowTitle().startswith("示例报告")


def test_from_old_report_in_the_file_menu(window, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui import common, report_actions

    assert "从往年报告新建…" in _menu_texts(window, "文件")
    old = tmp_path / "去年.txt"
    old.write_text(
        "凝心聚力谱新篇\n——示例区政协2023年工作回眸\n\n一年来，区政协共收到提案120件。\n", encoding="utf-8"
    )
    monkeypatch.setattr(report_actions.QFileDialog, "getOpenFileName", lambda *a, **k: (str(old), ""))
    monkeypatch.setattr(common, "ask_text", lambda *a, **k: "2024")
    assert window.menus.from_old.isEnabled()
    window.controller.session.dirty = False
    assert window.report_actions.from_old_dialog()
    assert window.controller.report.year == 2024


def test_export_goes_beside_the_project_with_an_information_message(
    window, monkeypatch, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui import dialogs

    project = tmp_path / "项目" / "报告.rwp"
    project.parent.mkdir()
    assert window.project_files.save_as(str(project))
    seen: list[str] = []

    class FakeExport:
        def __init__(self, target, *args, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(target)

        def exec(self) -> bool:
            return False

    monkeypatch.setattr(dialogs, "ExportDialog", FakeExport)
    window.export_actions.export_dialog()
    assert Path(seen[0]).parent == project.parent
    choice = dialogs.ExportChoice("公文", "公文标准", "", str(project.parent / "导出.docx"))
    assert window.export_actions.export_to(choice)
    assert any("已导出" in a for a in answers.asked)
    assert answers.icons[-1] == QMessageBox.Icon.Information


def test_no_empty_report_behind_the_recovery_question(qtbot, monkeypatch, answers) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, monkeypatch, answers)
    assert window.main_area.currentWidget() is window.opening  # not an empty report with 报告年度 2000
    assert "未命名报告" not in window.windowTitle() and window.save_label.text() == ""
    window.project_files.open_sample()
    assert window.main_area.currentWidget() is window.workspace
    window.close()


def test_outline_click_scrolls_the_preview(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1200, 700)
    window.center.setCurrentIndex(1)
    sections = window.controller.report.sections
    window.select_section(sections[-1].id)
    last = window.preview.verticalScrollBar().value()
    window.select_section(sections[1].id)
    second = window.preview.verticalScrollBar().value()
    assert last > second > 0
    assert window.preview.section_y(sections[-1].id) > window.preview.section_y(sections[1].id)


def test_long_outline_headings_are_elided(window) -> None:  # type: ignore[no-untyped-def]
    assert not window.outline.wordWrap()
    assert window.outline.textElideMode() == Qt.TextElideMode.ElideRight
    row = window.outline_model.row_for(window.controller.report.sections[1].id)
    heading = window.controller.report.sections[1].heading
    assert heading in window.outline_model.data(window.outline_model.index(row), Qt.ItemDataRole.ToolTipRole)


def test_outline_tooltip_names_the_sections_key_terms(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The terms come from the checking process after a check; before, the tooltip has the heading only.
    window.proofreader.wait()
    section = window.controller.report.sections[3]
    qtbot.waitUntil(lambda: section.id in window.proofreader.keywords, timeout=30000)
    tip = window.outline_model.data(
        window.outline_model.index(window.outline_model.row_for(section.id)), Qt.ItemDataRole.ToolTipRole
    )
    terms = tip.split("关键词：")[1].split("\n")[0].split("、")
    text = section_text(window.controller.report, section)
    assert 3 <= len(terms) <= 5 and all(term in text for term in terms)
