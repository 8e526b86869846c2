"""One way in for a report that already exists: a project file, or an old report to import
(docs/ARCHITECTURE.md, “Data flow”). The command line and the window both come through here, so they read
a file the same way."""

from __future__ import annotations

from pathlib import Path

from report_writer.core.import_blocks import ImportResult
from report_writer.core.importer import import_file
from report_writer.core.model import Report


def load_report(path: str | Path, simplify: bool = False) -> ImportResult:
    """A .rwp opened read-only, or a .docx/.txt/.md imported (traditional characters converted to simplified
    when `simplify`). Raises ProjectError or ReportImportError, each with a message for the writer."""
    if Path(path).suffix.lower() == ".rwp":
        from report_writer.core.project import Project

        with Project.open(path, readonly=True) as project:
            return ImportResult(project.load(), [])
    return import_file(path, simplify=simplify)


def assume_year(report: Report, new_year: int, warnings: list[str]) -> None:
    """Last year's report whose title gives no year is taken as the year before `new_year`, and the writer is
    told so in `warnings`: one rule for the window and the command line."""
    if not report.year:
        report.year = new_year - 1
        warnings.append(f"没有从标题中识别出年度，按 {new_year - 1} 年处理。")
