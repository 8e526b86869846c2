"""Compare two revisions of a report section by section (for the 历史版本 dialog; no Qt here)."""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass

from report_writer.core.model import Figure, Paragraph, Report, Section


@dataclass
class SectionDiff:
    heading: str
    status: str  # same / changed / added / removed
    old_text: str
    new_text: str

    def html(self) -> str:
        """Old and new text merged, deletions struck through in red, insertions in green."""
        matcher = difflib.SequenceMatcher(a=self.old_text, b=self.new_text, autojunk=False)
        out: list[str] = []
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op == "equal":
                out.append(html.escape(self.old_text[a0:a1]))
                continue
            if a1 > a0:
                out.append(
                    '<span style="background:#fbd5d5;text-decoration:line-through">'
                    f"{html.escape(self.old_text[a0:a1])}</span>"
                )
            if b1 > b0:
                out.append(f'<span style="background:#c9f0c9">{html.escape(self.new_text[b0:b1])}</span>')
        return "".join(out).replace("\n", "<br/>")


def section_text(report: Report, section: Section) -> str:
    lines = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text(report.fields))
        elif isinstance(block, Figure):
            lines.append(f"［图片］{block.caption}")
    return "\n".join(lines)


def compare_reports(old: Report, new: Report) -> list[SectionDiff]:
    """Match sections by id (so a renamed or moved section is still the same section)."""
    diffs: list[SectionDiff] = []
    old_by_id = {s.id: s for s in old.sections}
    new_ids = {s.id for s in new.sections}
    if old.title != new.title or old.subtitle != new.subtitle:
        status = "changed"
        diffs.append(
            SectionDiff("标题", status, f"{old.title}\n{old.subtitle}", f"{new.title}\n{new.subtitle}")
        )
    for section in new.sections:
        before = old_by_id.get(section.id)
        new_text = f"{section.heading}\n{section_text(new, section)}"
        name = section.heading or section.kind
        if before is None:
            diffs.append(SectionDiff(name, "added", "", new_text))
            continue
        old_text = f"{before.heading}\n{section_text(old, before)}"
        diffs.append(SectionDiff(name, "same" if old_text == new_text else "changed", old_text, new_text))
    for section in old.sections:
        if section.id not in new_ids:
            diffs.append(
                SectionDiff(
                    section.heading or section.kind,
                    "removed",
                    f"{section.heading}\n{section_text(old, section)}",
                    "",
                )
            )
    return diffs
