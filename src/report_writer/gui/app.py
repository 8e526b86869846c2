"""Start the desktop app: show the window first, then load the report (heavy imports come later)."""

from __future__ import annotations

import os
import signal
import socket
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QSocketNotifier, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from report_writer.gui.main_window import MainWindow

END_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")  # logout, a closed terminal, kill, Ctrl+C


def install_exception_hook(window: MainWindow) -> None:
    """An uncaught exception: save the open report first, then say what happened."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        saved = window.project_files.emergency_save()
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


class MissingQtTexts(QTranslator):
    """Qt texts whose source changed after the zh_CN catalogue was made (a mnemonic added), so the
    catalogue misses them and the file chooser would say “Look in:”."""

    TEXTS = {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QFileSystemModel", "Folder"): "文件夹",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.TEXTS.get((context, source))  # None: not ours, the next catalogue is asked

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return False


def install_translations(app: QApplication) -> list[str]:
    """Qt's own texts (file dialogs, the line edits' right-click menus, standard buttons) in
    Chinese. qt_zh_CN.qm is only a 99-byte index of other catalogues, so qtbase_zh_CN.qm is loaded
    by name, from Qt's folder or, in a bundle, from beside PySide6. Returns the catalogues loaded."""
    import PySide6

    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),
    ]
    loaded = []
    for catalogue in ("qtbase", "qt"):
        for folder in folders:
            translator = QTranslator(app)
            if translator.load(f"{catalogue}_zh_CN", folder) and not translator.isEmpty():
                app.installTranslator(translator)
                loaded.append(translator.filePath())
                break
    if loaded:
        app.installTranslator(MissingQtTexts(app))  # installed last, asked first
    return loaded


def setup_application(app: QApplication) -> list[str]:
    """Names, Chinese texts and a plain interface font (never 楷体) for the whole app."""
    from report_writer.gui.look import interface_font

    app.setApplicationName("report-writer")
    app.setApplicationDisplayName("政协年度工作综述写作助手")
    app.setDesktopFileName("report-writer")  # taskbar icon and name from the installed menu entry
    loaded = install_translations(app)
    app.setFont(interface_font())
    return loaded


class SignalKeeper(QObject):
    """Lives as long as the app: holds the wake-up socket pair and its notifier."""

    sockets: tuple[object, ...] = ()


def install_signal_handlers(app: QApplication, window: MainWindow) -> QObject:
    """SIGTERM / SIGHUP / SIGINT: save unsaved edits to the emergency place, end the checking
    process, quit. Python runs a signal handler only when the interpreter gets control, so the
    signal also writes a byte to a socket the Qt event loop watches (a timer where that fails)."""
    keeper = SignalKeeper(app)

    def on_signal(signum: int, _frame: object) -> None:
        QTimer.singleShot(0, lambda: window.end_on_signal(signal.Signals(signum).name))

    for name in END_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, on_signal)
    try:
        reader, writer = socket.socketpair()
        for end in (reader, writer):
            end.setblocking(False)
        signal.set_wakeup_fd(writer.fileno())
        notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, keeper)
        notifier.activated.connect(lambda *_args: reader.recv(64))
        keeper.sockets = (reader, writer, notifier)  # kept alive with the app
    except (OSError, ValueError):
        timer = QTimer(keeper)
        timer.timeout.connect(lambda: None)
        timer.start(300)
    return keeper


def report_settings_problem(window: MainWindow) -> None:
    """A proofreading.toml the office wrote by hand and broke is said once at start (the checks run with
    the defaults meanwhile, and the file is never overwritten: 校对设置 refuses to save over it)."""
    from report_writer.language.config import ConfigError, read_config

    try:
        read_config()
    except ConfigError as exc:
        window.statusBar().showMessage(f"{exc}（校对暂按默认设置进行）", 30000)


def run(project: str | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    catalogues = setup_application(app)
    from report_writer.gui.main_window import MainWindow

    window = MainWindow()
    install_exception_hook(window)
    install_signal_handlers(app, window)
    window.show()
    QTimer.singleShot(0, lambda: window.open_initial(project))
    QTimer.singleShot(0, lambda: report_settings_problem(window))
    if os.environ.get("REPORT_WRITER_SMOKE"):  # packaging check: start, open, report, quit

        def smoke() -> None:
            print(f"窗口已打开：{window.windowTitle()}；{window.total_label.text()}", flush=True)
            print(
                f"界面字体：{'、'.join(app.font().families())}；Qt 中文文字：{len(catalogues)} 个译文文件",
                flush=True,
            )
            window.proofreader.wait(30000)  # the checking process starts and answers
            print(f"校对进程已运行：{window.proof_panel.summary.text()}", flush=True)
            print(f"校对进程的上下文语言模型：{window.proofreader.model_status}", flush=True)
            window.controller.session.dirty = False
            window.close()
            app.quit()

        QTimer.singleShot(500, smoke)
    try:
        return app.exec()
    finally:  # however the loop ended (also by an exception), nothing we started outlives us
        window.proofreader.shutdown()
