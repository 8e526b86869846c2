"""Reading files that come from elsewhere (old reports, texts to check) as hostile input: size limits,
a zip-bomb guard before python-docx (whose parser resolves no external entities), strict UTF-8 (or GBK that
reads as Chinese text)."""

from __future__ import annotations

from pathlib import Path

MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_DOCX_UNPACKED = 200 * 1024 * 1024


class SourceError(Exception):
    """The file cannot be read; the message says why in Chinese."""


def read_text_file(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise SourceError(f"{path.name} 太大（上限 20 MB）。")
        data = path.read_bytes()
    except PermissionError as exc:
        raise SourceError(
            f"没有读取 {path.name} 的权限。请检查文件权限，或复制到自己的文件夹后再试。"
        ) from exc
    except OSError as exc:
        raise SourceError(
            f"无法读取 {path.name}（{exc.strerror or '读取失败'}）。请检查文件后重试。"
        ) from exc
    try:
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        legacy = _legacy_chinese(data)
        if legacy is not None:
            return legacy
        raise SourceError(
            f"{path.name} 既不是 UTF-8 也不是 GBK 编码的文本。请在记事本或 WPS 中另存为 UTF-8 后再试。"
        ) from exc


PLAUSIBLE_SHARE = 0.95  # of a legacy-encoded text's characters: Chinese, ASCII, whitespace or punctuation


def _legacy_chinese(data: bytes) -> str | None:
    """A text saved as GBK (GB18030), what Notepad and WPS write on older Chinese Windows: decoded when it
    decodes strictly and reads as text (nearly every character Chinese, ASCII, whitespace or a mark), else
    None — a binary file must not come back as nonsense characters."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if not text:
        return None
    readable = sum(
        1
        for char in text
        if char in "\t\n\r"
        or " " <= char <= "~"
        or "\u4e00" <= char <= "\u9fff"
        or "\u3000" <= char <= "\u303f"
        or "\uff00" <= char <= "\uffef"
        or "\u2010" <= char <= "\u2027"
    )
    return text if readable >= PLAUSIBLE_SHARE * len(text) else None


def check_docx_package(path: Path) -> None:
    """Sizes, CRCs and the parsing cost of the XML, measured on the real bytes (core/docx_guard.py)."""
    from report_writer.core.docx_guard import DocxGuardError, check_package

    try:
        check_package(path)
    except DocxGuardError as exc:
        raise SourceError(str(exc)) from exc
