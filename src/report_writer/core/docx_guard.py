"""What a Word file costs to read, measured before python-docx builds its tree.

The zip's declared sizes say nothing about parsing cost: 300 KB of compressed empty paragraphs
unpack to a document.xml whose lxml tree needs gigabytes. So the package is read once as a stream:
every member is decompressed (bad CRCs and lying sizes show here), document.xml and styles.xml are
walked with lxml's iterparse, clearing as it goes, and counted against budgets in elements,
paragraphs, runs and characters of text; styles.xml is checked for what the importer relies on
(integer sizes and outline levels, basedOn chains without cycles and of bounded depth). Over a
budget or broken: a DocxGuardError with one Chinese sentence naming it.
"""

from __future__ import annotations

import logging
import zipfile
import zlib
from pathlib import Path
from typing import IO

from lxml import etree

log = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_PACKAGE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all members, as actually decompressed
MAX_XML_PART_BYTES = 40 * 1024 * 1024  # one XML part, as actually decompressed
MAX_MEMBERS = 2_000
MAX_ELEMENTS = 800_000  # XML elements in document.xml; a long real report has under 100,000
MAX_PARAGRAPHS = 20_000
MAX_RUNS = 200_000
MAX_TEXT_CHARS = 2_000_000
MAX_STYLES = 5_000
MAX_STYLE_DEPTH = 30  # basedOn chain; Word's own are under 10


class DocxGuardError(ValueError):
    """The Word file is broken or costs more to read than any report; the message is for the user."""


def _stream_size(handle: IO[bytes], limit: int) -> int:
    size = 0
    while chunk := handle.read(1 << 20):
        size += len(chunk)
        if size > limit:
            break
    return size


def check_package(path: Path, what: str = "Word 文件") -> None:
    """Decompress every member once (CRC, real sizes) and walk the XML that will be parsed."""
    name = path.name
    try:
        if path.stat().st_size > MAX_PACKAGE_BYTES:
            raise DocxGuardError(f"{name} 太大（上限 {MAX_PACKAGE_BYTES // 1024 // 1024} MB）。")
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise DocxGuardError(f"{name} 中的文件多达 {len(members)} 个，不像是 {what}，已拒绝。")
            names = {m.filename for m in members}
            if "word/document.xml" not in names:
                raise DocxGuardError(f"{name} 中没有 Word 正文（word/document.xml），不是有效的 {what}。")
            total = 0
            for member in members:
                with archive.open(member) as handle:
                    limit = (
                        MAX_XML_PART_BYTES
                        if member.filename.endswith((".xml", ".rels"))
                        else MAX_UNPACKED_BYTES
                    )
                    size = _stream_size(handle, limit)
                if size > limit:
                    raise DocxGuardError(
                        f"{name} 中的 {member.filename} 解压后过大，可能是恶意文件，已拒绝。"
                    )
                total += size
                if total > MAX_UNPACKED_BYTES:
                    raise DocxGuardError(
                        f"{name} 解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB，可能是恶意文件，已拒绝。"
                    )
            with archive.open("word/document.xml") as handle:
                _check_document(handle, name)
            if "word/styles.xml" in names:
                with archive.open("word/styles.xml") as handle:
                    _check_styles(handle, name)
    except DocxGuardError:
        raise
    except PermissionError as exc:
        raise DocxGuardError(f"没有读取 {name} 的权限。请检查文件权限，或复制到自己的文件夹后再试。") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        log.info("%s: %s", path, exc)
        raise DocxGuardError(
            f"{name} 已损坏或不是有效的 {what}（.docx）。如果是 .doc 或 WPS 格式，请先另存为 .docx。"
        ) from exc
    except etree.XMLSyntaxError as exc:
        log.info("%s: %s", path, exc)
        raise DocxGuardError(
            f"{name} 中的 XML 已损坏，无法读取。请在 Word 或 WPS 中打开后另存为 .docx 再试。"
        ) from exc
    except OSError as exc:
        log.info("%s: %s", path, exc)
        raise DocxGuardError(f"无法读取 {name}（{exc.strerror or '读取失败'}）。请检查文件后重试。") from exc


def _iterparse(handle: IO[bytes]) -> etree.iterparse:
    # No entities, no network, no DTD: what python-docx's parser does too, here said explicitly.
    return etree.iterparse(
        handle,
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )


def _check_document(handle: IO[bytes], name: str) -> None:
    paragraphs = runs = chars = 0
    body = False
    for elements, (_event, element) in enumerate(_iterparse(handle), 1):
        if elements > MAX_ELEMENTS:
            raise DocxGuardError(
                f"{name} 的结构过于复杂（超过 {MAX_ELEMENTS} 个元素），不像是工作综述，已拒绝。"
            )
        tag = element.tag
        if tag == f"{W}p":
            paragraphs += 1
            if paragraphs > MAX_PARAGRAPHS:
                raise DocxGuardError(f"{name} 的段落超过 {MAX_PARAGRAPHS} 个，不像是工作综述，已拒绝。")
        elif tag == f"{W}r":
            runs += 1
            if runs > MAX_RUNS:
                raise DocxGuardError(f"{name} 的文字片段超过 {MAX_RUNS} 个，不像是工作综述，已拒绝。")
        elif tag == f"{W}t" and element.text:
            chars += len(element.text)
            if chars > MAX_TEXT_CHARS:
                raise DocxGuardError(
                    f"{name} 的文字超过 {MAX_TEXT_CHARS // 10000} 万字，不像是工作综述，已拒绝。"
                )
        elif tag == f"{W}body":
            body = True
        if tag in (f"{W}p", f"{W}tr", f"{W}sectPr"):
            element.clear()  # keep memory flat: nothing below a paragraph or row is needed any more
    if not body:
        raise DocxGuardError(
            f"{name} 的正文（w:body）缺失，文件已损坏。请在 Word 或 WPS 中打开后另存为 .docx 再试。"
        )


def _check_styles(handle: IO[bytes], name: str) -> None:
    """Integer values where the importer reads numbers, and basedOn chains it can follow."""
    based_on: dict[str, str] = {}
    count = 0
    for _event, element in _iterparse(handle):
        tag = element.tag
        if tag in (f"{W}sz", f"{W}outlineLvl", f"{W}szCs"):
            value = element.get(f"{W}val")
            if value is not None and not (value.isascii() and value.isdigit() and len(value) <= 6):
                raise DocxGuardError(
                    f"{name} 的样式表中有无效的数值“{value[:20]}”，文件已损坏。请在 Word 中另存后再试。"
                )
        elif tag == f"{W}style":
            count += 1
            if count > MAX_STYLES:
                raise DocxGuardError(f"{name} 的样式超过 {MAX_STYLES} 个，已拒绝。")
            parent = element.find(f"{W}basedOn")
            style_id = element.get(f"{W}styleId")
            if style_id and parent is not None and parent.get(f"{W}val"):
                based_on[style_id] = parent.get(f"{W}val")
            element.clear()
    for start in based_on:
        seen = {start}
        current = start
        for _depth in range(MAX_STYLE_DEPTH + 1):
            current = based_on.get(current, "")
            if not current:
                break
            if current in seen:
                raise DocxGuardError(
                    f"{name} 的样式“{start[:20]}”循环继承，文件已损坏。请在 Word 中另存后再试。"
                )
            seen.add(current)
        else:
            raise DocxGuardError(
                f"{name} 的样式继承超过 {MAX_STYLE_DEPTH} 层，文件已损坏。请在 Word 中另存后再试。"
            )
