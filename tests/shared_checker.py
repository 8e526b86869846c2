"""One checking process for every window the GUI tests open (no Qt here: conftest ends it).

A window started alone would spawn its own process and load jieba there, a few seconds each on a busy
machine, and a window a test leaves open keeps its process until the session ends. The windows get this
executor instead (MainWindow(checker=...)); it runs each check with the user folder of the test that
asked, so a word a test adds to its whitelist reaches only that test's checks."""

from __future__ import annotations

import concurrent.futures
import os
from collections.abc import Callable
from typing import Any

HOME = "REPORT_WRITER_HOME"


def in_user_folder(home: str | None, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Runs in the checking process: the check reads the asking test's proofreading.toml."""
    if home is None:
        os.environ.pop(HOME, None)
    else:
        os.environ[HOME] = home
    return fn(*args, **kwargs)


class SharedChecker(concurrent.futures.Executor):
    """The app's checking process, started on the first check; windows never end it, end() does."""

    def __init__(self) -> None:
        self._pool: concurrent.futures.Executor | None = None
        self.started = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        if self._pool is None:
            from report_writer.gui.proofing import checking_process

            self._pool = checking_process()
            self.started += 1
        return self._pool.submit(in_user_folder, os.environ.get(HOME), fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """A window closing leaves the process to the other windows."""

    def end(self) -> None:
        if self._pool is None:
            return
        for process in list(getattr(self._pool, "_processes", {}).values()):
            process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None


SHARED = SharedChecker()
