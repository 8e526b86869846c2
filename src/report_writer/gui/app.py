"""Start the desktop app: show the window first, then load the report (heavy imports come later)."""

from __future__ import annotations

import os
import sys
import traceback

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox


def install_exception_hook(window) -> None:  # type: ignore[no-untyped-def]
    """An uncaught exception: save the open report first, then say what happened."""

    def hook(kind, value, tb) -> None:  # type: ignore[no-untyped-def]
        saved = window.emergency_save()
        details = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(details)
        box = QMessageBox(QMessageBox.Icon.Critical, "程序出错", "程序遇到了一个意外错误。", parent=window)
        box.setInformativeText(
            (f"您的报告已紧急保存到：\n{saved}\n\n" if saved else "")
            + "建议保存后重新启动程序。如问题反复出现，请把下面的详细信息发给技术支持。"
        )
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


def install_translations(app: QApplication) -> None:
    """Qt's own texts (按钮“取消”, file dialogs, context menus) in Chinese."""
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qt", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def run(project: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("report-writer")
    app.setApplicationDisplayName("政协年度工作综述写作助手")
    app.setDesktopFileName("report-writer")  # taskbar icon and name from the installed menu entry
    install_translations(app)
    from report_writer.gui.main_window import MainWindow

    window = MainWindow()
    install_exception_hook(window)
    window.show()
    QTimer.singleShot(0, lambda: window.open_initial(project))
    if os.environ.get("REPORT_WRITER_SMOKE"):  # packaging check: start, open, report, quit
        def smoke() -> None:
            print(f"窗口已打开：{window.windowTitle()}；{window.total_label.text()}", flush=True)
            window.proofreader.wait(30000)  # the checking process starts and answers
            print(f"校对进程已运行：{window.proof_panel.summary.text()}", flush=True)
            window.controller.session.dirty = False
            window.close()
            app.quit()

        QTimer.singleShot(500, smoke)
    return app.exec()
