"""Screenshots of the main window and every dialog, offscreen, into docs/screenshots/.

python scripts/screenshots.py            (the README shows docs/screenshots/main-window.png)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("REPORT_WRITER_HOME", tempfile.mkdtemp(prefix="rw-shots-"))

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> None:
    from PySide6.QtWidgets import QApplication, QTabWidget

    app = QApplication.instance() or QApplication(sys.argv)
    from report_writer.gui.app import setup_application

    setup_application(app)  # Chinese Qt texts and the interface font, as the app has them
    from report_writer.core.templating import list_packs
    from report_writer.gui.dialogs import ExportDialog, FigureDialog, NewReportDialog
    from report_writer.gui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)

    def shoot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        widget.show()
        app.processEvents()
        path = OUT / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    window = MainWindow()
    window.resize(1440, 880)
    window.show()
    window.project_files.open_sample()
    window.inform = lambda title, text: None  # no message boxes while taking pictures
    report = window.controller.report
    window.select_section(report.sections[3].id)
    shoot(window, "main-window")
    window.select_section(None)
    shoot(window, "title-form")
    window.select_section(report.sections[1].id)
    window.right.setCurrentIndex(1)
    shoot(window, "phrases")
    window.right.setCurrentIndex(0)
    from PySide6.QtGui import QTextCursor

    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.body.insertPlainText(
        "委员们积极建言,深刻把握把握精神实质，政协代表发挥作用。区政协召开主席悔意，推动教育资原均衡配置。组织委员赴张江科学城视察。"
    )
    window.proofreader.wait()
    window.editor.body.clearFocus()
    window._underline()
    bar = window.editor.body.verticalScrollBar()  # the paragraph just typed, with its underlines, in view
    bar.setValue(bar.maximum())
    window.right.setCurrentIndex(2)
    shoot(window, "proofreading")
    shoot_context_menu(window, shoot)
    # 忽略 one finding: the 校对 tab then shows the way back (已忽略 1 处（恢复…）) under the list
    comma = next((i for i in window.proofreader.findings if i.finding.code == "punct.half-width"), None)
    if comma is not None:
        window.proofreading_actions.ignore(comma)
        shoot(window, "proofreading-ignored")
        window.edit_actions.undo_any()
    window.editor.body.undo()
    window.right.setCurrentIndex(0)
    window.center.setCurrentIndex(1)
    window.refresh_preview()
    shoot(window, "preview")
    window.center.setCurrentIndex(0)

    shoot(NewReportDialog(list_packs(), ["/home/writer/2024年工作回眸.rwp"], window), "dialog-new-report")
    shoot(
        ExportDialog(str(Path.home() / "示例区政协2024年工作回眸.docx"), "公文", "公文标准", "", window),
        "dialog-export",
    )
    shoot(FigureDialog("示例区政协举办委员履职能力提升培训班", window), "dialog-figure")
    from PySide6.QtWidgets import QFileDialog

    chooser = QFileDialog(
        window, "打开报告", str(Path(__file__).resolve().parent.parent / "docs"), "报告项目 (*.rwp)"
    )
    chooser.setOption(
        QFileDialog.Option.DontUseNativeDialog
    )  # the dialog Qt draws where the desktop has none
    chooser.resize(820, 500)
    shoot(chooser, "dialog-file-chooser")
    chooser.close()
    help_dialog = window.menus.help_dialog("使用指南")
    shoot(help_dialog, "dialog-help")
    help_dialog.show_tab("快捷键")
    shoot(help_dialog, "dialog-help-shortcuts")
    help_dialog.close()
    from report_writer.gui.proof_settings import ProofSettingsDialog
    from report_writer.language.config import ProofConfig

    own_rule = {
        "text": "示范区政协",
        "replace": "示例区政协",
        "severity": "error",
        "note": "本区政协的规范简称",
    }
    settings_dialog = ProofSettingsDialog(
        ProofConfig(whitelist={"大渡村", "万凯新材料", "杜海波"}, extra_rules=[own_rule]), window
    )
    settings_dialog.findChild(QTabWidget).setCurrentIndex(2)
    shoot(settings_dialog, "dialog-proof-settings")
    find = window.edit_actions.find_dialog()
    find.find_text.setText("协商")
    find.find_next()
    shoot(find, "dialog-find-replace")
    find.close()

    workdir = Path(tempfile.mkdtemp(prefix="rw-shots-project-"))
    window.project_files.save_as(str(workdir / "示例.rwp"))
    window.controller.session.project.set_label(
        window.controller.session.project.latest_revision().id, "初稿"
    )
    window.section_actions.rename_section(report.sections[2].id, "紧扣中心大局建诤言 服务发展更加有力有效")
    window.select_section(report.sections[2].id)
    window.editor.body.textCursor().insertText("新增的一句话。")
    window.project_files.save()
    history = window.report_actions.history_dialog()
    shoot(history, "dialog-history")
    history.table.selectAll()
    compare = history.compare_selected()
    shoot(compare, "dialog-compare")
    compare.close()
    history.close()
    window.report_actions.start_from_old(str(workdir / "示例.rwp"), 2025)
    window.select_section(window.controller.report.sections[3].id)
    shoot(window, "rolled-over-draft")
    shoot(window.report_actions.comparison_dialog(), "dialog-comparison")
    shoot_new_frame(window, shoot)
    window.controller.session.dirty = False
    window.close()


def shoot_context_menu(window, shoot) -> None:  # type: ignore[no-untyped-def]
    """The right-click menu on an underlined word, drawn over the window."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    candidates = [
        i
        for i in window.proofreader.findings
        if i.finding.suggestion and i.section_id == window.current_section_id()
    ]
    candidates.sort(
        key=lambda i: not i.finding.code.startswith("typo")
    )  # a word: the menu shows 加入词表 too
    item = candidates[0] if candidates else None
    if item is None:
        return
    _, start, _ = window.proofreader.document_range(item)
    body = window.editor.body
    menu = body.context_menu(start + 1)
    cursor = body.textCursor()
    cursor.setPosition(start)
    spot = body.viewport().mapTo(window, body.cursorRect(cursor).bottomLeft())
    menu.popup(window.mapToGlobal(spot))
    QApplication.processEvents()
    if spot.y() + menu.height() > window.height() - 30:  # open upwards near the bottom, as Qt does on screen
        spot.setY(spot.y() - menu.height() - body.cursorRect(cursor).height())
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(spot + QPoint(4, 4), menu.grab())
    painter.end()
    path = Path(__file__).resolve().parent.parent / "docs" / "screenshots" / "context-menu.png"
    picture.save(str(path))
    print(path)
    menu.close()


def shoot_new_frame(window, shoot) -> None:  # type: ignore[no-untyped-def]
    """A report new from a template for a county: a frame of 待填 figures and photo placeholders."""
    from report_writer.core.session import EditSession
    from report_writer.core.templating import find_pack, render_pack

    report = render_pack(find_pack("huimou"), "重庆市测试县政协", "测试县政协", 2025)
    session = EditSession(report)
    session.mark_changed()
    window.project_files.set_session(session)
    window.select_section(report.sections[0].id)
    window.right.setCurrentIndex(0)
    shoot(window, "new-report-frame")
    window.select_section(report.sections[2].id)
    shoot(window, "data-tab")


if __name__ == "__main__":
    main()
