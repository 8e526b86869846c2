"""Runs inside the checking process (no Qt here): the process ends as soon as the app is gone,
however the app ended — closed, crashed, or killed with SIGKILL, when no handler of ours runs.

Without this the worker waits forever on its task pipe (it holds a copy of the pipe's write end
itself, so it never sees end-of-file) and keeps the multiprocessing resource tracker alive too."""

from __future__ import annotations

import multiprocessing
import os
import threading

CHECK_EVERY_S = 1.0


def _parent_gone(parent: multiprocessing.process.BaseProcess | None, parent_pid: int) -> bool:
    if os.getppid() != parent_pid:  # reparented (POSIX): the app has ended
        return True
    if parent is None:
        return False
    parent.join(CHECK_EVERY_S)  # waits on the parent's sentinel: ready when the parent ends (also on Windows)
    return not parent.is_alive()


def watch_parent() -> None:
    """Pool initializer: start a thread that ends this process when its parent has ended."""
    parent = multiprocessing.parent_process()
    parent_pid = os.getppid()

    def watch() -> None:
        while not _parent_gone(parent, parent_pid):
            if parent is None:
                threading.Event().wait(CHECK_EVERY_S)
        os._exit(0)  # nothing to save here: the checker only answers questions

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
