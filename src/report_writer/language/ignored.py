"""Findings the writer dismissed with 忽略 in the app, kept with the report (Report.ignored_findings) as
keys: the finding's code, section, text and the characters around it. The window and `report-writer
check` on a project file both leave these out, so they count the same findings."""

from __future__ import annotations

from report_writer.core.model import Paragraph, Report
from report_writer.language.findings import Finding

CONTEXT_CHARS = (
    6  # each side: enough to tell two places with the same slip apart, short enough to survive edits
)


def ignore_key(section_id: str, checked_text: str, finding: Finding) -> str:
    """The key of a finding in the paragraph text `checked_text` (field values filled in)."""
    context = checked_text[max(0, finding.start - CONTEXT_CHARS) : finding.end + CONTEXT_CHARS]
    return f"{finding.code}|{section_id}|{finding.text}|{context}"


def split_ignored(report: Report, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(findings to show, findings the report's 忽略 leaves out), for findings of check_report(report)."""
    ignored = set(report.ignored_findings)
    if not ignored:
        return list(findings), []
    blocks = report.blocks_by_id()
    shown: list[Finding] = []
    left_out: list[Finding] = []
    for finding in findings:
        section, block = blocks.get(finding.block_id or "", (None, None))
        known = section is not None and isinstance(block, Paragraph) and section.id == finding.section_id
        if known and ignore_key(section.id, block.text(report.fields), finding) in ignored:  # type: ignore[union-attr]
            left_out.append(finding)
        else:
            shown.append(finding)
    return shown, left_out
