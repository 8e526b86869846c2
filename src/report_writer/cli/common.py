"""What the commands share: the one-line user error, the export options, loading a report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command loads the core only for the sub-command it runs
    from report_writer.core.import_blocks import ImportResult
    from report_writer.export.docx_writer import ExportOptions


class UserError(Exception):
    """Bad input from the user: reported as one line, exit code 1."""


def one_line(message: object, limit: int = 300) -> str:
    """A message as one line of bounded length (a name or title in it can be long or multi-line)."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def export_options(args: argparse.Namespace, reference: str | None = None) -> ExportOptions:
    from report_writer.export.docx_writer import ExportOptions
    from report_writer.export.profiles import resolve_fonts, resolve_profile

    try:
        return ExportOptions(
            resolve_profile(args.profile), resolve_fonts(args.fonts), Path(reference) if reference else None
        )
    except ValueError as exc:
        raise UserError(str(exc)) from exc


def load_any(path: str, simplify: bool = False) -> ImportResult:
    """A report from a project file or from an old report to import (core.loading, as the window does)."""
    from report_writer.core.import_blocks import ReportImportError
    from report_writer.core.loading import load_report

    try:
        return load_report(path, simplify=simplify)
    except ReportImportError as exc:
        raise UserError(str(exc)) from exc
