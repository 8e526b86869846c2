"""A process saving in a loop is killed with SIGKILL at random moments; every file then opens, through
Project.open as the app and the commands open it, with the last revision the process reported.
A hot journal left by the kill is rolled back (in place, or on a copy when the folder is read-only)
and the dead process's lock is taken over without a word."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent


def _kill_loop(rounds: int, folder: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(TESTS_DIR / "kill_loop.py"), str(rounds), str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")
def test_sigkill_during_saves_never_reads_as_damaged(tmp_path: Path) -> None:
    # 200 kills take a few seconds: the whole loop runs in the default suite.
    figures = _kill_loop(int(os.environ.get("REPORT_WRITER_KILLS", "200")), tmp_path)
    assert figures["failures"] == []
    assert figures["kills"] == figures["opened_with_last"]
    assert int(figures["hot_journals"]) > 0, "no kill left a hot journal: the loop tests nothing"  # type: ignore[call-overload]
    assert int(figures["opened_readonly_copy"]) > 0  # type: ignore[call-overload]


def test_hot_journal_rolls_back_on_open(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    """A journal left by a cut-short save: a read-only check alone would call the file damaged."""
    import shutil
    import sqlite3

    from report_writer.core.project import Project

    path = tmp_path / "hot.rwp"
    report = sample_report_factory()
    with Project.create(path, report) as project:
        first = project.latest_revision().id
    # Make a hot journal: a second process copies the file mid-transaction (journal written,
    # database changed), as a kill would leave it.
    snapshot = tmp_path / "snap"
    snapshot.mkdir()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA cache_size=1")  # spill to the file before commit
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE revision SET body = ? WHERE id = ?", ("x" * 200_000, first))
    conn.execute("DELETE FROM meta")
    shutil.copyfile(path, snapshot / "hot.rwp")
    shutil.copyfile(tmp_path / "hot.rwp-journal", snapshot / "hot.rwp-journal")
    conn.execute("ROLLBACK")
    conn.close()
    hot = snapshot / "hot.rwp"
    assert (snapshot / "hot.rwp-journal").stat().st_size > 0
    with Project.open(hot, readonly=True) as project:
        assert project.load().title == report.title
    assert not (snapshot / "hot.rwp-journal").exists()  # rolled back in place
