"""What each block becomes on the page: a paragraph in one of our styles, holding runs of text (a
character style over the paragraph's, marked or not, a line break after) or a picture. The .docx writer
and the preview both draw this plan, so the one switch over block kinds is here and the two cannot
disagree about which paragraphs a report makes (docs/ARCHITECTURE.md, “Data flow”). No Qt, no
python-docx here."""

from __future__ import annotations

from dataclasses import dataclass

from report_writer.core.model import MediaItem, Report
from report_writer.export import profiles
from report_writer.export.blocks import (
    Block,
    BylineBlock,
    FigureBlock,
    HeadingBlock,
    ParagraphBlock,
    Run,
    SpacerBlock,
    SubtitleBlock,
    TitleBlock,
    build_blocks,
)
from report_writer.export.page_fit import fit_to_pages
from report_writer.export.profiles import Profile
from report_writer.export.styles import STYLE_CAPTION, STYLE_LEAD, block_style_name


@dataclass(frozen=True)
class Picture:
    media: MediaItem
    width_mm: float
    height_mm: float
    caption: str  # named in the message when the image cannot be written


@dataclass(frozen=True)
class PlannedParagraph:
    style: str
    runs: tuple[Run, ...] = ()
    picture: Picture | None = None
    section_id: str | None = None  # the section the paragraph belongs to (the preview jumps to it)


def plan_report(report: Report, profile: Profile) -> list[PlannedParagraph]:
    """The report's paragraphs in print order, photos scaled or moved as page_fit places them."""
    return [
        paragraph
        for block in fit_to_pages(build_blocks(report, profile), profile)
        for paragraph in plan_block(block)
    ]


def plan_block(block: Block) -> list[PlannedParagraph]:
    style = block_style_name(block)
    if isinstance(block, TitleBlock):
        last = len(block.lines) - 1
        return [
            PlannedParagraph(
                style, tuple(Run(line, line_break=i < last) for i, line in enumerate(block.lines))
            )
        ]
    if isinstance(block, SubtitleBlock | BylineBlock):
        return [PlannedParagraph(style, (Run(block.text),))]
    if isinstance(block, SpacerBlock):
        return [PlannedParagraph(style)]
    if isinstance(block, HeadingBlock):
        return [PlannedParagraph(style, (Run(block.number + block.text),), section_id=block.section_id)]
    if isinstance(block, ParagraphBlock):
        lead = (Run(block.lead, STYLE_LEAD),) if block.lead else ()
        return [PlannedParagraph(style, lead + block.runs, section_id=block.section_id)]
    return _plan_figure(block, style)


def _plan_figure(block: FigureBlock, style: str) -> list[PlannedParagraph]:
    """The photo's paragraph (or its placeholder, marked so it cannot pass unseen), then its caption."""
    if block.media is not None:
        width, height = block.size_mm or profiles.picture_size_mm(block.media.width, block.media.height)
        picture = PlannedParagraph(
            style, picture=Picture(block.media, width, height, block.caption), section_id=block.section_id
        )
    else:
        picture = PlannedParagraph(
            style, (Run(f"〔{block.placeholder}〕", marked=True),), section_id=block.section_id
        )
    if not block.caption:
        return [picture]
    return [picture, PlannedParagraph(STYLE_CAPTION, (Run(block.caption),), section_id=block.section_id)]
