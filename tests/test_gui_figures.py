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
    from report_writer.core.session import EditSession
    from report_writer.core.templating import find_pack, render_pack
    from report_writer.gui.dialogs import ExportChoice
    from test_gui import Answers, make_window

    answers = Answers()
    window = make_window(qtbot, monkeypatch, answers)
    window.open_sample()
    assert "示例报告" in window.windowTitle()
    window.set_session(EditSession(render_pack(find_pack("huimou"), "重庆市测试县政协", "测试县政协", 2025)))
    assert "示例" not in window.windowTitle()
    target = tmp_path / "a.docx"
    choice = ExportChoice("公文", "公文标准", "", str(target))
    assert window.actions_.export_to(choice, ask_open=False) is None  # the default answer is 取消
    assert "待填" in answers.asked[-1] and not target.exists()
    answers.queue.append("仍然导出（待填处标黄）")
    assert window.actions_.export_to(choice, ask_open=False) == target
    assert window.fields_model.data(window.fields_model.index(0, 4)) == "待填"
    window.controller.session.dirty = False
    window.close()
