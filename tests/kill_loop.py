"""SIGKILL a saving process at random moments, then open the file the way the app and the commands do.

Run by tests/test_project_crash.py, or by hand for the long loop:
    .venv/bin/python tests/kill_loop.py 250 /tmp/kill-loop
It prints one JSON line of figures: kills, hot journals left, stale locks left, files that opened with
the last printed revision, and every failure.

One clean driver process imports the program once and forks a saving child per round (a fresh
interpreter per kill would spend most of the loop importing). The driver itself never touches the
file with raw sqlite3: it opens it only through Project.open, so a hot journal is met exactly as the
writer would meet it.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sys
import time
from pathlib import Path

_REAL_ACCESS = os.access


def _no_write_access(path, mode, **kwargs) -> bool:  # type: ignore[no-untyped-def]
    return False if mode == os.W_OK else _REAL_ACCESS(path, mode, **kwargs)


def _child(path: Path, write_fd: int, counter_start: int, report) -> None:  # type: ignore[no-untyped-def]
    from report_writer.core.project import Project

    project = Project.open(path) if path.exists() else Project.create(path, report)
    counter = counter_start
    while True:
        counter += 1
        report.title = f"第{counter}次保存"
        report.sections[0].blocks = report.sections[0].blocks[:8] * (1 + counter % 3)  # sizes vary
        revision = project.save(report, kind="autosave" if counter % 3 == 0 else "save")
        os.write(write_fd, f"{revision} {report.title}\n".encode())


def run(rounds: int, folder: Path, seed: int = 20241122, readonly_every: int = 4) -> dict[str, object]:
    from report_writer.core import project as project_module
    from report_writer.core.project import Project
    from report_writer.core.templating import sample_report

    report = sample_report()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "crash.rwp"
    rng = random.Random(seed)
    figures: dict[str, object] = {
        "kills": 0,
        "hot_journals": 0,
        "stale_locks": 0,
        "opened_with_last": 0,
        "opened_readonly_copy": 0,
        "failures": [],
    }
    failures: list[str] = figures["failures"]  # type: ignore[assignment]
    started = time.monotonic()
    for round_index in range(rounds):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the saving child
            os.close(read_fd)
            try:
                _child(path, write_fd, round_index * 1000, report)
            finally:
                os._exit(1)
        os.close(write_fd)
        output = b""
        ready, _, _ = select.select([read_fd], [], [], 30)
        if ready:
            output += os.read(read_fd, 65536)  # the first save is done
        time.sleep(rng.uniform(0.0, 0.08))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(read_fd, 65536):
            output += chunk
        os.close(read_fd)
        figures["kills"] = int(figures["kills"]) + 1  # type: ignore[call-overload]
        # The kill may land mid-line: only lines ending in a newline are complete.
        printed = [
            line.split() for line in output.decode("utf-8", "replace").split("\n")[:-1] if line.strip()
        ]
        if not printed:
            failures.append(f"round {round_index}: child printed nothing")
            continue
        last_id, last_title = int(printed[-1][0]), printed[-1][1]
        hot = project_module._has_hot_journal(path)
        figures["hot_journals"] = int(figures["hot_journals"]) + hot  # type: ignore[call-overload]
        figures["stale_locks"] = int(figures["stale_locks"]) + (folder / "crash.rwp.lock").exists()  # type: ignore[call-overload]
        try:
            if hot and round_index % readonly_every == 0:
                # A read-only folder: the commands and the app read a rolled-back private copy.
                os.access = _no_write_access  # type: ignore[assignment]
                try:
                    with Project.open(path, readonly=True) as project:
                        _verify(project, last_id, last_title)
                finally:
                    os.access = _REAL_ACCESS  # type: ignore[assignment]
                figures["opened_readonly_copy"] = int(figures["opened_readonly_copy"]) + 1  # type: ignore[call-overload]
                if not project_module._has_hot_journal(path):
                    failures.append(f"round {round_index}: the read-only open changed the file")
            # As the app opens it: read-write, the dead process's lock taken over silently.
            with Project.open(path) as project:
                _verify(project, last_id, last_title)
                if project.pending_recovery() is not None and project.latest_revision().kind != "autosave":
                    failures.append(f"round {round_index}: recovery offered for a non-autosave")
            figures["opened_with_last"] = int(figures["opened_with_last"]) + 1  # type: ignore[call-overload]
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the loop
            failures.append(f"round {round_index}: {type(exc).__name__}: {exc}")
    figures["seconds"] = round(time.monotonic() - started, 1)
    return figures


def _verify(project, last_id: int, last_title: str) -> None:  # type: ignore[no-untyped-def]
    newest = project.latest_revision()
    # The last printed save is there; at most one more committed before the kill landed.
    if newest.id not in (last_id, last_id + 1):
        raise AssertionError(f"newest revision {newest.id}, last printed {last_id}")
    report = project.load(last_id, include_autosave=True)
    if report.title != last_title:
        raise AssertionError(f"revision {last_id} has title {report.title!r}, printed {last_title!r}")
    project.load(newest.id)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    where = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/report-writer-kill-loop")
    print(json.dumps(run(count, where), ensure_ascii=False))
