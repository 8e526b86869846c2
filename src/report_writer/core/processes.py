"""Is a process still running? Used to tell a stale lock file (its program crashed) from a live one.

This is one of the places where Windows differs: there `os.kill(pid, 0)` does not probe the process, it
terminates it (any signal other than CTRL_C/CTRL_BREAK goes to TerminateProcess), so opening a file that
another report-writer holds would kill that program. Windows asks the kernel instead.
"""

from __future__ import annotations

import os
import sys

_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_STILL_ACTIVE = 259
_ERROR_ACCESS_DENIED = 5


def process_alive(pid: int) -> bool:
    """True when a process with this id runs on this machine (or may: when we are not allowed to ask)."""
    if pid <= 0 or pid > 0xFFFFFFFF:  # not a process id (a damaged lock file)
        return False
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - runs on Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.OpenProcess.restype = wintypes.HANDLE
    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return bool(ctypes.get_last_error() == _ERROR_ACCESS_DENIED)  # type: ignore[attr-defined]
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
