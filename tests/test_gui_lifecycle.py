"""Nothing the app starts outlives it, however it ends; a signal saves unsaved edits first."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gui_helpers import type_chinese
from process_tools import descendants, wait_until_gone

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="需要 /proc 来查找子进程")

CRASHING_APP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from report_writer.gui import app as gui_app

class CrashingApp(QApplication):
    def exec(self):  # run until the checking process is ready, then fail with an exception
        def poll():
            windows = [w for w in self.topLevelWidgets() if w.objectName() == "mainWindow"]
            if windows and windows[0].proofreader.ready:
                self.exit(0)
        timer = QTimer()
        timer.timeout.connect(poll)
        timer.start(100)
        super().exec()
        raise RuntimeError("测试：程序因异常结束")

application = CrashingApp(sys.argv)
gui_app.run(sys.argv[1] if len(sys.argv) > 1 else None)
"""


def _start(tmp_path: Path, how: str, project: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REPORT_WRITER_HOME=str(tmp_path / "home"))
    env.pop("REPORT_WRITER_SMOKE", None)
    if how == "window closed":
        env["REPORT_WRITER_SMOKE"] = (
            "1"  # the packaging check: opens, waits for the checker, closes the window
        )
        command = [sys.executable, "-m", "report_writer", str(project)]
    elif how == "exception":
        command = [sys.executable, "-c", CRASHING_APP, str(project)]
    else:
        command = [sys.executable, "-m", "report_writer", str(project)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _children_when_ready(app: subprocess.Popen[bytes], timeout: float = 90) -> set[int]:
    """The checking process and the resource tracker, once both run."""
    deadline = time.monotonic() + timeout
    children: set[int] = set()
    while time.monotonic() < deadline and app.poll() is None:
        children |= descendants(app.pid)
        if len(children) >= 2:
            return children
        time.sleep(0.2)
    return children


@pytest.mark.slow  # the whole app in its own process, each way it can end
@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "SIGINT", "SIGKILL", "window closed", "exception"])
def test_no_process_outlives_the_app(tmp_path: Path, how: str, sample_project: Path) -> None:
    project = sample_project
    app = _start(tmp_path, how, project)
    try:
        children = _children_when_ready(app)
        if how.startswith("SIG"):
            assert len(children) >= 2, (
                app.stderr.read().decode() if app.poll() is not None else "no checking process"
            )
            app.send_signal(getattr(signal, how))
        app.wait(60)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    children |= descendants(app.pid)  # none by now: the app has ended
    assert children, "the checking process never started"
    left = wait_until_gone(children, timeout=15)
    for pid in left:  # do not leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert not left, f"after {how}: {len(left)} of {len(children)} processes left"
    if how in ("SIGTERM", "SIGHUP", "SIGINT"):
        assert app.returncode == 0, app.stderr.read().decode()
        assert not Path(str(project) + ".lock").exists()  # the project was closed properly


def test_signal_saves_unsaved_edits_to_the_emergency_place(
    qtbot, monkeypatch, sample_project: Path, isolated_user_folders: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from report_writer.core.project import Project
    from report_writer.gui.main_window import MainWindow

    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    project = sample_project
    window = MainWindow()  # its own checking process: ending on a signal ends it
    window.show()
    assert window.project_files.open_file(str(project))
    window.select_section(window.controller.report.sections[1].id)
    type_chinese(window.editor.body, "信号到来前写的一句话")
    saved = window.end_on_signal("SIGTERM")
    assert quits and saved == str(project) and not window.isVisible()
    with Project.open(project, readonly=True) as reopened:
        recovery = reopened.pending_recovery()
        assert recovery is not None
        text = str(reopened.load(recovery.id).to_dict())
    assert "信号到来前写的一句话" in text
    assert not Path(str(project) + ".lock").exists()

    # an unsaved new report goes to emergency/ in the user folder
    window2 = MainWindow()
    window2.show()
    window2.project_files.open_sample()
    window2.select_section(window2.controller.report.sections[1].id)
    type_chinese(window2.editor.body, "没有文件名的修改")
    saved2 = window2.end_on_signal("SIGHUP")
    assert Path(saved2).parent == isolated_user_folders / "emergency"
    with Project.open(saved2, readonly=True) as rescued:
        recovery = rescued.pending_recovery()  # opening it offers the text for recovery
        assert recovery is not None and "没有文件名的修改" in str(rescued.load(recovery.id).to_dict())
    window.deleteLater()
    window2.deleteLater()
