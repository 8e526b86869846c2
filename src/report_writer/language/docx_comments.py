"""校对意见写成 Word 批注: a copy of the writer's .docx with each finding as a comment anchored at its
characters (python-docx ≥ 1.2), for writers who stay in Word or WPS. The original file is only read.

Each Word paragraph (body and table cells) is checked on its own text, so a finding's place is a
character range of one paragraph; the runs there are split so the comment covers exactly it."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from report_writer.language.findings import SEVERITY_NAMES, Finding

AUTHOR = "写作助手校对"
INITIALS = "校对"
_SIMPLE_RUN_CHILDREN = {"rPr", "t"}


def document_paragraphs(document: Any) -> list[Any]:
    """Body paragraphs, then the paragraphs of every table cell, in document order per table."""
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return paragraphs


def check_document(path: Path) -> tuple[Any, list[Any], list[Finding]]:
    """Open the .docx (after the package guard) and check its paragraphs; findings carry `paragraph`."""
    import docx

    from report_writer.core.guards import check_docx_package
    from report_writer.language.proofread import check_paragraphs

    check_docx_package(path)
    document = docx.Document(str(path))
    paragraphs = document_paragraphs(document)
    findings = check_paragraphs([p.text for p in paragraphs])
    return document, paragraphs, findings


def comment_text(finding: Finding) -> str:
    fix = ""
    if finding.suggestion == "":
        fix = " 建议：删除。"
    elif finding.suggestion:
        fix = f" 建议改为“{finding.suggestion}”。"
    return f"【{SEVERITY_NAMES.get(finding.severity, '')}】{finding.message}{fix}"


def _is_simple(run: Any) -> bool:
    return all(child.tag.rsplit("}", 1)[-1] in _SIMPLE_RUN_CHILDREN for child in run._r)


def _split(run: Any, at: int) -> Any:
    """Split a plain-text run at `at` characters; returns the new second run."""
    from docx.text.run import Run

    text = run.text
    second = copy.deepcopy(run._r)
    run._r.addnext(second)
    run.text = text[:at]
    tail = Run(second, run._parent)
    tail.text = text[at:]
    return tail


def _runs(paragraph: Any) -> Iterator[tuple[int, int, Any]]:
    position = 0
    for run in paragraph.runs:
        length = len(run.text)
        yield position, position + length, run
        position += length


def anchor_runs(paragraph: Any, start: int, end: int) -> list[Any]:
    """The runs covering characters [start, end) of the paragraph, split at both ends when they hold
    plain text only (a run with a tab, field or picture is taken whole)."""
    for run_start, run_end, run in list(_runs(paragraph)):
        if run_start < start < run_end and _is_simple(run):
            _split(run, start - run_start)
            break
    for run_start, run_end, run in list(_runs(paragraph)):
        if run_start < end < run_end and _is_simple(run):
            _split(run, end - run_start)
            break
    covering = [run for run_start, run_end, run in _runs(paragraph) if run_start < end and run_end > start]
    if not covering:  # text in a hyperlink or a field: mark the nearest run before it
        before = [run for run_start, _end, run in _runs(paragraph) if run_start <= start and run.text]
        covering = before[-1:] or [r for r in paragraph.runs if r.text][:1]
    return covering


def write_commented_copy(source: Path, target: Path) -> list[Finding]:
    """Check `source` and save a copy with every finding as a comment at `target` (temporary file
    + replace). Refuses to write over the source itself."""
    if target.resolve() == source.resolve():
        raise ValueError(f"批注副本不能覆盖原文件：{source.name}。请用 -o 指定另一个文件名。")
    document, paragraphs, findings = check_document(source)
    placed = []
    for finding in sorted(
        findings, key=lambda f: (f.paragraph or 0, -f.start)
    ):  # right to left: offsets stay valid
        paragraph = paragraphs[finding.paragraph or 0]
        runs = anchor_runs(paragraph, finding.start, finding.end)
        if runs:
            document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials=INITIALS)
            placed.append(finding)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    try:
        document.save(str(temporary))
        os.replace(temporary, target)
    except PermissionError as exc:
        temporary.unlink(missing_ok=True)
        raise PermissionError(f"无法写入 {target.name}：文件可能正在 WPS 或 Word 中打开。") from exc
    return sorted(placed, key=lambda f: (f.paragraph or 0, f.start))
