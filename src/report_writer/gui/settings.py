"""Per-user settings (recent files, last export choices) in an INI file in the user data folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from report_writer import paths

RECENT_MAX = 10


def settings() -> QSettings:
    return QSettings(str(paths.user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def recent_files() -> list[str]:
    value = settings().value("recent", [])
    if isinstance(value, str):  # QSettings gives one entry back as a bare string
        return [value]
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def add_recent(path: str) -> None:
    items = [p for p in recent_files() if p != path]
    items.insert(0, path)
    settings().setValue("recent", items[:RECENT_MAX])


def get(key: str, default: str = "") -> str:
    return str(settings().value(key, default))


def put(key: str, value: str) -> None:
    settings().setValue(key, value)
