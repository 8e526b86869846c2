"""Reading files that come from elsewhere (old reports, texts to check) as hostile input: size limits,
a zip-bomb guard before python-docx (whose parser resolves no external entities), strict UTF-8."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_DOCX_UNPACKED = 200 * 1024 * 1024


class SourceError(Exception):
    """The file cannot be read; the message says why in Chinese."""


def read_text_file(path: Path) -> str:
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise SourceError(f"{path.name} 太大（上限 20 MB）。")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path.name} 不是 UTF-8 编码的文本。请在记事本或 WPS 中另存为 UTF-8 后再试。") from exc


def check_docx_package(path: Path) -> None:
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise SourceError(f"{path.name} 太大（上限 50 MB）。")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(f"{path.name} 不是有效的 Word 文件（.docx）。如果是 .doc 或 WPS 格式，请先另存为 .docx。") from exc
    if unpacked > MAX_DOCX_UNPACKED:
        raise SourceError(f"{path.name} 解压后过大，可能是恶意文件，已拒绝。")
    if "word/document.xml" not in names:
        raise SourceError(f"{path.name} 中没有 Word 正文（word/document.xml）。")
