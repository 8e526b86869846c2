"""Find the shipped data folders (templates/, resources/) and the per-user folders.

The data folders sit at the top of the repository during development, inside the package in a
wheel, and beside the executable in a PyInstaller bundle; this is the one place that knows that.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if bundle_dir:
        found.append(Path(bundle_dir) / name)
    found.append(_PACKAGE_DIR / name)  # wheel install
    found.append(_PACKAGE_DIR.parent.parent / name)  # editable install / source tree (src layout)
    return found


def shipped_roots() -> list[Path]:
    """Folders that hold files shipped with the program beside the package: the bundle's folder
    (PyInstaller, so also the .deb's /opt/report-writer/_internal) and the package itself."""
    bundle_dir = getattr(sys, "_MEIPASS", None)
    return ([Path(bundle_dir)] if bundle_dir else []) + [_PACKAGE_DIR]


@cache
def data_dir(name: str) -> Path:
    """Return the shipped folder `name` ("templates" or "resources")."""
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到程序自带的 {name} 文件夹，安装可能不完整。")


def templates_dir() -> Path:
    return data_dir("templates")


def resource(*parts: str) -> Path:
    return data_dir("resources").joinpath(*parts)


def user_data_dir() -> Path:
    """Per-user writable folder; REPORT_WRITER_HOME overrides it (tests, portable installs)."""
    override = os.environ.get("REPORT_WRITER_HOME")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("report-writer", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def documents_dir() -> Path:
    """Where file choosers start when nothing better is known: the writer's 文档 / Documents folder
    (on Windows the known folder, wherever the office redirected it; on Linux the XDG user folder,
    ~/文档 on a Chinese desktop), else the home folder. On Windows the home folder is not where
    anyone keeps documents."""
    import platformdirs

    try:
        folder = Path(platformdirs.user_documents_dir())
    except (OSError, ValueError):
        folder = Path()
    return folder if folder.is_absolute() and folder.is_dir() else Path.home()


def user_templates_dir() -> Path:
    path = user_data_dir() / "templates"
    path.mkdir(parents=True, exist_ok=True)
    return path
