"""A child process saving in a loop is killed with SIGKILL at random moments; the file survives."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from report_writer.core.project import Project

CHILD = textwrap.dedent(
    """
    import sys
    from report_writer.core.project import Project
    from report_writer.core.templating import sample_report

    report = sample_report()
    project = Project.open(sys.argv[1]) if sys.argv[2] == "open" else Project.create(sys.argv[1], report)
    counter = 0
    while True:
        counter += 1
        report.title = f"第{counter}次保存"
        revision = project.save(report, kind="autosave" if counter % 3 == 0 else "save")
        print(revision, report.title, flush=True)
    """
)

ROUNDS = 25


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_saves_never_damages_the_file(tmp_path: Path) -> None:
    path = tmp_path / "crash.rwp"
    rng = random.Random(20241122)
    for round_index in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), "open" if path.exists() else "create"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # wait until it is saving
        assert first, "child did not start saving"
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        remaining = child.stdout.read()
        child.wait()
        # The kill may land mid-print: only lines that end in a newline are complete.
        printed = [line.split() for line in (first + remaining).split("\n")[:-1] if line.strip()]
        last_id, last_title = int(printed[-1][0]), printed[-1][1]

        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"round {round_index}"
        conn.close()
        (tmp_path / "crash.rwp.lock").unlink(missing_ok=True)  # the killed process could not remove it
        with Project.open(path, readonly=True) as project:
            newest = project.latest_revision()
            # The last printed save is there; at most one more committed before the kill landed.
            assert newest.id in (last_id, last_id + 1), f"round {round_index}"
            report = project.load(last_id)
            assert report.title == last_title
            project.load(newest.id)
