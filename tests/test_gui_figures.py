"""Issue 11 in the app: the office level in the new-report dialog, the frame, figure management."""

from __future__ import annotations

from report_writer.core.templating import list_packs
from report_writer.gui.dialogs import NewReportDialog


def test_new_report_dialog_derives_the_level_and_lets_the_writer_change_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = NewReportDialog(list_packs(), [])
    qtbot.addWidget(dialog)
    dialog.org_full.setText("重庆市石柱土家族自治县政协")
    assert dialog.level.currentText() == "县"
    dialog.org_short.setText("石柱县政协")
    dialog._create()
    assert dialog.choice is not None and dialog.choice.level == "县"
    dialog.level.setCurrentText("市")
    dialog.level.activated.emit(dialog.level.currentIndex())
    dialog.org_full.setText("重庆市测试区政协")  # the writer's own choice is kept
    assert dialog.level.currentText() == "市"


def test_sample_says_so_and_a_frame_asks_before_export(qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gui_helpers import Answers, make_window
    from report_writer.core.session import EditSession
    from report_writer.core.templating import find_pack, render_pack
    from report_writer.gui.dialogs import ExportChoice

    answers = Answers()
    window = make_window(qtbot, monkeypatch, answers)
    window.project_files.open_sample()
    assert "示例报告" in window.windowTitle()
    window.project_files.set_session(
        EditSession(render_pack(find_pack("huimou"), "重庆市测试县政协", "测试县政协", 2025))
    )
    assert "示例" not in window.windowTitle()
    first = window.controller.report.sections[0].id
    assert "有数字待填" in window.outline_model.data(
        window.outline_model.index(window.outline_model.row_for(first))
    )
    target = tmp_path / "a.docx"
    choice = ExportChoice("公文", "公文标准", "", str(target))
    assert window.export_actions.export_to(choice, ask_open=False) is None  # the default answer is 取消
    assert "待填" in answers.asked[-1] and not target.exists()
    answers.queue.append("仍然导出（待填处标黄）")
    assert window.export_actions.export_to(choice, ask_open=False) == target
    assert window.fields_model.data(window.fields_model.index(0, 4)) == "待填"
    window.controller.session.dirty = False
    window.close()


def test_value_with_qualifier_add_rename_delete_and_undo(window, answers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui_helpers import all_text
    from report_writer.gui import common

    report = window.controller.report
    model = window.fields_model
    row = list(report.fields).index("proposals")
    assert model.setData(model.index(row, 1), "450余")
    assert report.fields["proposals"].value == 450 and report.fields["proposals"].qualifier == "余"
    assert "450余件" in all_text(window)
    window.controller.undo_stack.undo()
    assert report.fields["proposals"].value == 268 and report.fields["proposals"].qualifier == ""
    assert not model.setData(model.index(row, 1), "二百多")

    replies = iter(["新增的数字", "场"])
    monkeypatch.setattr(common, "ask_text", lambda *args, **kwargs: next(replies))
    added = window.figure_actions.add_dialog()
    assert added is not None and added.label == "新增的数字" and added.unit == "场" and added.value is None
    window.controller.undo_stack.undo()
    assert added.name not in report.fields

    window.fields_panel.select_field("proposals", edit=False)
    monkeypatch.setattr(common, "ask_text", lambda *args, **kwargs: "收到提案")
    window.figure_actions.rename_dialog()
    assert report.fields["proposals"].label == "收到提案"
    window.controller.undo_stack.undo()

    answers.queue.append("删除")
    uses_before = all_text(window).count("268件")
    assert window.figure_actions.delete_dialog()
    assert "用在以下" in answers.asked[-1] and "proposals" not in window.controller.report.fields
    assert all_text(window).count("268件") == uses_before  # the text keeps the number
    window.controller.undo_stack.undo()
    assert "proposals" in window.controller.report.fields


def test_make_a_number_a_figure_and_back(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui_helpers import all_text, select_typed_number
    from report_writer.gui import common

    section, body = select_typed_number(window)
    assert body.textCursor().selectedText() == "430余篇"
    assert window.figure_actions.can_make_figure()
    monkeypatch.setattr(common, "ask_text", lambda parent, title, label, text="", *args, **kwargs: text)
    name = window.figure_actions.make_figure_from_selection()
    report = window.controller.report
    assert name and report.fields[name].value == 430 and report.fields[name].qualifier == "余"
    assert report.fields[name].unit == "篇" and "社情民意信息" in report.fields[name].label
    assert "编报社情民意信息430余篇。" in all_text(window)
    assert name in window.controller.section(section.id).blocks[-1].field_names()
    cursor = body.textCursor()
    cursor.setPosition(body.document().lastBlock().position() + 9)
    body.setTextCursor(cursor)
    assert window.figure_actions.can_unmake_figure()
    assert window.figure_actions.unmake_figure_at_cursor()
    assert not window.controller.section(section.id).blocks[-1].field_names()
    assert "编报社情民意信息430余篇。" in all_text(window)
    window.controller.undo_stack.undo()
    assert name in window.controller.section(section.id).blocks[-1].field_names()
    window.controller.undo_stack.undo()
    assert name not in report.fields and "编报社情民意信息430余篇。" in all_text(window)


def test_sheets_export_and_import_in_the_app(window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from report_writer.core.sheets import FIRST_ROW, THIS
    from report_writer.gui.sheet_dialogs import export_sheet, import_sheets

    path = export_sheet(window, window.controller, str(tmp_path / "表.xlsx"))
    assert path is not None
    book = openpyxl.load_workbook(path)
    sheet = book["提案委员会"]
    sheet.cell(FIRST_ROW, THIS).value = 300
    code = sheet.cell(FIRST_ROW, 1).value
    book.save(path)
    answers.queue.append("写入报告")
    assert import_sheets(window, window.controller, [str(path)])
    assert window.controller.report.fields[code].value == 300
    window.controller.undo_stack.undo()
    assert window.controller.report.fields[code].value != 300
    sheet.cell(FIRST_ROW, THIS).value = "很多"
    book.save(path)
    assert not import_sheets(window, window.controller, [str(path)])
    assert any("应填数字" in w for w in answers.warnings)


def test_changing_the_year_offers_to_move_it(window, answers) -> None:  # type: ignore[no-untyped-def]
    report = window.controller.report
    old = report.year
    assert str(old) in report.subtitle
    window.select_section(None)
    window.title_form.year.setValue(old + 1)
    window.title_form.year.editingFinished.emit()
    assert "是否都改为" in answers.asked[-1]
    assert str(old + 1) in report.subtitle and str(old) not in report.subtitle
    window.controller.undo_stack.undo()
    assert str(old) in report.subtitle


def test_title_form_changes_the_level(window) -> None:  # type: ignore[no-untyped-def]
    window.select_section(None)
    form = window.title_form
    assert form.level.currentText() == window.controller.report.level
    form.level.setCurrentText("县")
    form.level.activated.emit(form.level.currentIndex())
    assert window.controller.report.level == "县"
