"""Desktop app timings (docs/ARCHITECTURE.md, “Budgets”): window shown after launch, switching sections,
one keystroke with the sample open. Runs offscreen.  Run:  make bench"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LAUNCH_CHILD = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from report_writer.gui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
print("shown", flush=True)
"""


def launch_ms(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", LAUNCH_CHILD], stdout=subprocess.PIPE, text=True, stderr=subprocess.DEVNULL
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        times.append((time.perf_counter() - start) * 1000)
        child.wait()
        assert line.startswith("shown"), line
    return statistics.median(times)


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    from report_writer.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.project_files.open_sample()
    app.processEvents()
    sections = [s.id for s in window.controller.report.sections]
    start = time.perf_counter()
    window.proofreader.warm_up()
    window.proofreader.wait(60000)  # measure a settled window: the checking process has loaded jieba
    checker_ready = (time.perf_counter() - start) * 1000

    switch_times = []
    for _ in range(5):
        for section_id in sections:
            start = time.perf_counter()
            window.select_section(section_id)
            app.processEvents()
            switch_times.append((time.perf_counter() - start) * 1000)

    window.select_section(sections[2])
    body = window.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    key_times = []
    for index in range(200):
        char = "abcdefghij"[index % 10]
        start = time.perf_counter()
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                body,
                QKeyEvent(
                    kind, Qt.Key.Key_A + "abcdefghij".index(char), Qt.KeyboardModifier.NoModifier, char
                ),
            )
        app.processEvents()
        key_times.append((time.perf_counter() - start) * 1000)
    window.controller.session.dirty = False
    rows = [
        ("window shown after launch (new process)", launch_ms(), 1000),
        ("checking process started and first check done", checker_ready, 5000),
        ("switch section (median over all sections)", statistics.median(switch_times), 50),
        ("switch section (worst)", max(switch_times), 50),
        ("keystroke handled (median of 200)", statistics.median(key_times), 16),
        ("keystroke handled (95th percentile)", sorted(key_times)[int(len(key_times) * 0.95)], 16),
    ]
    print("report-writer desktop benchmark (offscreen)")
    for name, value, budget in rows:
        verdict = "ok" if value < budget else "OVER BUDGET"
        print(f"  {name:<46} {value:8.1f} ms   (budget {budget} ms: {verdict})")
    window.close()


if __name__ == "__main__":
    main()
