"""Turn a Report into the flat list of blocks that both the .docx writer and the preview draw."""

from __future__ import annotations

import re
from dataclasses import dataclass

from report_writer.core.model import Field, FieldRef, Figure, MediaItem, Paragraph, Report, unknown_field_text
from report_writer.core.numerals import chinese_number
from report_writer.core.yearly import MARKER_RE
from report_writer.export.profiles import Profile

TITLE_LINE_MAX = 18  # characters of 22 pt that sit comfortably on one line of the 156 mm type area


@dataclass
class TitleBlock:
    lines: list[str]


@dataclass
class SubtitleBlock:
    text: str


@dataclass
class BylineBlock:
    text: str


@dataclass
class SpacerBlock:
    """The blank line GB/T 9704 leaves between the title and the body."""


@dataclass
class HeadingBlock:
    level: int
    number: str
    text: str
    section_id: str


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one formatting (export/plan.py adds the lead's and the title's runs)."""

    text: str
    char_style: str | None = None  # a character style over the paragraph's (the lead phrase's)
    marked: bool = False  # still to fill (a figure 待填/待更新, a 【…】, a photo placeholder): highlighted
    line_break: bool = False  # a line break after the text (between the title's lines)


@dataclass
class ParagraphBlock:
    lead: str | None
    runs: tuple[Run, ...]  # the body after the lead: what is still to fill in marked runs of its own
    section_id: str

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class FigureBlock:
    media: MediaItem | None
    caption: str
    section_id: str
    placeholder: str = "此处插入图片"
    size_mm: tuple[float, float] | None = None  # set by page_fit where the photo is scaled to fill a page


Block = TitleBlock | SubtitleBlock | BylineBlock | SpacerBlock | HeadingBlock | ParagraphBlock | FigureBlock


def split_title(title: str) -> list[str]:
    """Split a paired title at its natural break: the space between the two phrases.

    A title without a space that is too long for one line breaks after the organisation's name
    (…政协) or at a comma; otherwise it stays on one line.
    """
    title = title.strip()
    parts = [p for p in re.split(r"[ \u3000]+", title) if p]
    if len(parts) > 1:
        return parts
    if len(title) <= TITLE_LINE_MAX:
        return [title]
    for marker in ("政协", "，"):
        index = title.find(marker)
        if index > 0 and index + len(marker) < len(title):
            cut = index + len(marker)
            return [title[:cut].rstrip("，") if marker == "，" else title[:cut], title[cut:]]
    return [title]


def heading_number(index: int, level: int) -> str:
    """一、 → （一） → 1. → （1）, the GB/T 9704 order of heading numbers."""
    if level == 1:
        return f"{chinese_number(index)}、"
    if level == 2:
        return f"（{chinese_number(index)}）"
    if level == 3:
        return f"{index}."
    return f"（{index}）"


def build_blocks(report: Report, profile: Profile) -> list[Block]:
    blocks: list[Block] = [TitleBlock(split_title(report.title))]
    if report.subtitle.strip():
        blocks.append(SubtitleBlock(report.subtitle.strip()))
    if report.byline.strip():
        blocks.append(BylineBlock(report.byline.strip()))
    blocks.append(SpacerBlock())
    heading_index = 0
    for section in report.sections:
        if section.heading.strip():
            heading_index += 1
            # an imported heading keeps its own marker (■, 1.) where the profile numbers nothing
            number = heading_number(heading_index, 1) if profile.numbered_headings else section.numbering
            blocks.append(HeadingBlock(1, number, section.heading.strip(), section.id))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                paragraph = ParagraphBlock(block.lead, _body_runs(block, report.fields), section.id)
                if paragraph.text.strip() or block.lead:
                    blocks.append(paragraph)
            elif isinstance(block, Figure):
                media = report.media.get(block.image) if block.image else None
                blocks.append(FigureBlock(media, block.caption, section.id, block.placeholder_text()))
    return blocks


def _body_runs(paragraph: Paragraph, fields: dict[str, Field]) -> tuple[Run, ...]:
    """The paragraph's body as runs: a figure still 待填 or 待更新 (or one the report does not have) and a
    【…】 a template left for the writer are marked runs of their own, so the export can highlight them;
    the text between them is one plain run. A body with nothing marked is one run, even when empty."""
    runs: list[Run] = []
    plain = ""

    def mark(text: str) -> None:
        nonlocal plain
        if plain:
            runs.append(Run(plain))
            plain = ""
        runs.append(Run(text, marked=True))

    for part in paragraph.parts:
        if isinstance(part, FieldRef):
            item = fields.get(part.name)  # looked up once: its text and whether it is still to fill
            text = item.display(part.style) if item else unknown_field_text(part.name)
            if item is None or item.needs_update():
                mark(text)
            else:
                plain += text
            continue
        position = 0
        for found in MARKER_RE.finditer(part):
            plain += part[position : found.start()]
            mark(found.group())
            position = found.end()
        plain += part[position:]
    if plain or not runs:
        runs.append(Run(plain))
    return tuple(runs)
