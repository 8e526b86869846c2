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
