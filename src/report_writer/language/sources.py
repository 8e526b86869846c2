"""Read what `report-writer check` is given: a project, a Word file or plain text, as spans to check.
Imported files are treated as hostile: size limits, a zip-bomb guard, no external entities."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from report_writer.language.checks_context import Span

MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_DOCX_UNPACKED = 200 * 1024 * 1024
HEADING_STYLES = ("报告一级标题", "报告二级标题", "Heading 1", "Heading 2", "标题 1", "标题 2")


class SourceError(Exception):
    """The file cannot be read; the message says why in Chinese."""


@dataclass
class DocxText:
    spans: list[Span]
    headings: list[str]


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


def read_docx(path: Path) -> DocxText:
    """Paragraphs of a Word file; a heading style or a bold/centred short line starts a new section."""
    check_docx_package(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for damaged packages
        raise SourceError(f"{path.name} 无法读取：{exc}") from exc
    spans: list[Span] = []
    headings: list[str] = []
    section, paragraph = 0, 0
    for block in document.paragraphs:
        text = block.text.strip()
        if not text:
            continue
        style = block.style.name if block.style is not None else ""
        if style in HEADING_STYLES:
            section += 1
            paragraph = 0
            headings.append(text)
            continue
        spans.append(Span(block.text, 0, section, paragraph))
        paragraph += 1
    return DocxText(spans, headings)
