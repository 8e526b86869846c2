"""What a draft still lacks before it may go out: figures 待填 or 待更新, photos still to insert.

A report made from a template is a frame: its figures are empty and its photos are placeholders, so no
made-up number can pass for the office's own. Export asks about these first and marks them in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from report_writer.core.model import Field, Figure, Paragraph, Report, Section
from report_writer.core.yearly import MARKER_RE


def used_field_names(report: Report) -> set[str]:
    return {n for s in report.sections for b in s.blocks if isinstance(b, Paragraph) for n in b.field_names()}


@dataclass
class Gaps:
    unfilled: list[Field] = field(default_factory=list)
    stale: list[Field] = field(default_factory=list)
    placeholders: list[Figure] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)  # 【…】 a template left in the text for the writer

    @property
    def empty(self) -> bool:
        return not (self.unfilled or self.stale or self.placeholders or self.markers)

    def summary(self) -> str:
        """One line for the writer: 3 个数字待填（收到提案数、…），1 个数字待更新，2 张图片待插入."""
        parts = []
        if self.unfilled:
            parts.append(f"{len(self.unfilled)} 个数字待填（{_names(self.unfilled)}）")
        if self.stale:
            parts.append(f"{len(self.stale)} 个数字待更新（{_names(self.stale)}）")
        if self.placeholders:
            parts.append(f"{len(self.placeholders)} 张图片待插入")
        if self.markers:
            shown = "、".join(self.markers[:3]) + ("等" if len(self.markers) > 3 else "")
            parts.append(f"{len(self.markers)} 处待补写或核实（{shown}）")
        return "，".join(parts)


def _names(fields: list[Field], most: int = 4) -> str:
    names = "、".join(f.label for f in fields[:most])
    return names + ("等" if len(fields) > most else "")


def find_gaps(report: Report) -> Gaps:
    """Figures used in the text that are empty or last year's, and photo placeholders."""
    used = used_field_names(report)
    gaps = Gaps()
    for item in report.fields.values():
        if item.name not in used:
            continue
        if item.is_empty():
            gaps.unfilled.append(item)
        elif item.is_stale():
            gaps.stale.append(item)
    gaps.placeholders = [
        b for s in report.sections for b in s.blocks if isinstance(b, Figure) and not b.image
    ]
    gaps.markers = text_markers(report)
    return gaps


def text_markers(report: Report) -> list[str]:
    """Every 【…】 in the report's own text (not the figures' labels), in reading order."""
    found: list[str] = []
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                texts = [block.lead or "", *(p for p in block.parts if isinstance(p, str))]
                found.extend(m.group() for text in texts for m in MARKER_RE.finditer(text))
    return found


def section_figure_state(report: Report, section: Section) -> str:
    """待填 when a figure of the section is still empty, else 待更新 (kept from last year)."""
    names = {n for b in section.blocks if isinstance(b, Paragraph) for n in b.field_names()}
    return "待填" if any(report.fields[n].is_empty() for n in names if n in report.fields) else "待更新"
