"""How every kind of block looks, in one table: font role, size, alignment, first-line indent, line
spacing, letter spacing, keeps. The .docx writer turns each row into a Word paragraph style, the
preview into Qt formats, and page_fit counts lines with it, so the three cannot drift apart.
Numbers from GB/T 9704-2012 (docs/ARCHITECTURE.md, “Word output”); no Qt, no python-docx here."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from report_writer.export import blocks as kinds
from report_writer.export import profiles as geo
from report_writer.export.profiles import FontPreset, Profile

# Our style names. Not 正文/标题/副标题/题注: Chinese Word shows its built-in styles under those.
STYLE_BODY = "报告正文"
STYLE_TITLE = "报告大标题"
STYLE_SUBTITLE = "报告副题"
STYLE_BYLINE = "报告署名"
STYLE_H1 = "报告一级标题"
STYLE_H2 = "报告二级标题"
STYLE_LEAD = "段首语"  # a character style: the run-in lead phrase of a paragraph
STYLE_PICTURE = "报告图片"
STYLE_CAPTION = "图片说明"
STYLE_PAGE_NUMBER = "报告页码"
OUR_STYLES = (
    STYLE_BODY,
    STYLE_TITLE,
    STYLE_SUBTITLE,
    STYLE_BYLINE,
    STYLE_H1,
    STYLE_H2,
    STYLE_LEAD,
    STYLE_PICTURE,
    STYLE_CAPTION,
    STYLE_PAGE_NUMBER,
)
TYPE_AREA_WIDTH_PT = geo.TYPE_AREA_WIDTH_MM * 72 / 25.4
# What is still to fill (a figure 待填 or 待更新, a 【…】 left by a template, a photo placeholder) is
# marked so it cannot pass unseen: Word's highlight colour name (Word, WPS and LibreOffice show it), its RGB.
HIGHLIGHT = "yellow"
HIGHLIGHT_RGB = "#ffff00"


@dataclass(frozen=True)
class BlockStyle:
    name: str  # the Word style
    role: str  # the FontPreset font: title, body, heading1, heading2, page_number
    font: str  # that role's font in the chosen preset
    size_pt: float
    align: str | None  # left, center, justify; None where each paragraph sets its own (page numbers)
    indent_chars: int = 0  # first-line indent, in characters of the style's size
    exact: bool = True  # on the 28.95 pt line grid; False: single spacing (a picture would be clipped)
    char_spacing: int = geo.CHAR_SPACING  # twentieths of a point (Normal's −0.25 pt fits 28 characters)
    bold: bool | None = None  # None: not set by the style
    keep_with_next: bool = False
    keep_together: bool = False
    snap_to_grid: bool = True
    space_before_twips: int = 0
    outline_level: int | None = None  # 0 for 一、 headings, 1 for （一） (Word's navigation pane)
    character: bool = False  # a character style (only the font is set)

    @property
    def letter_spacing_pt(self) -> float:
        return self.char_spacing / 20

    @property
    def chars_per_line(self) -> int:
        """Full-width characters of this style on one line of the 156 mm type area."""
        return math.floor(TYPE_AREA_WIDTH_PT / (self.size_pt + self.letter_spacing_pt))


@cache
def style_table(profile: Profile, fonts: FontPreset) -> Mapping[str, BlockStyle]:
    """Every style of ours, by name, in the order the writer adds them to styles.xml."""

    body, centred = geo.BODY_SIZE_PT, profile.heading_centered
    lead_font = getattr(fonts, profile.lead_font_role)
    rows = [
        BlockStyle(STYLE_BODY, "body", fonts.body, body, "justify", indent_chars=2),
        BlockStyle(
            STYLE_TITLE,
            "title",
            fonts.title,
            geo.TITLE_SIZE_PT,
            "center",
            bold=fonts.title_bold,
            keep_with_next=True,
            snap_to_grid=False,
            char_spacing=0,
        ),
        BlockStyle(STYLE_SUBTITLE, "heading2", fonts.heading2, body, "center", keep_with_next=True),
        BlockStyle(STYLE_BYLINE, "heading2", fonts.heading2, body, "center", keep_with_next=True),
        BlockStyle(
            STYLE_H1,
            "heading1",
            fonts.heading1,
            body,
            "center" if centred else "left",
            indent_chars=0 if centred else 2,
            keep_with_next=True,
            outline_level=0,
        ),
        BlockStyle(
            STYLE_H2,
            "heading2",
            fonts.heading2,
            body,
            "left",
            indent_chars=2,
            keep_with_next=True,
            outline_level=1,
        ),
        BlockStyle(STYLE_LEAD, profile.lead_font_role, lead_font, body, None, character=True),
        BlockStyle(
            STYLE_PICTURE,
            "body",
            fonts.body,
            body,
            "center",
            exact=False,
            keep_with_next=True,
            space_before_twips=geo.LINE_PITCH // 2,
            snap_to_grid=False,
        ),
        BlockStyle(
            STYLE_CAPTION,
            "heading2",
            fonts.heading2,
            geo.CAPTION_SIZE_PT,
            "center",
            keep_together=True,
            char_spacing=0,
        ),
        page_number_style(fonts),
    ]
    return MappingProxyType({style.name: style for style in rows})


def page_number_style(fonts: FontPreset) -> BlockStyle:
    """“— 1 —” in the footer; the same in every profile (alignment: odd pages right, even left)."""
    return BlockStyle(
        STYLE_PAGE_NUMBER,
        "page_number",
        fonts.page_number,
        geo.PAGE_NUMBER_SIZE_PT,
        None,
        exact=False,
        char_spacing=0,
    )


def block_style_name(block: kinds.Block) -> str:
    """The style a block's paragraph takes (a figure's caption takes STYLE_CAPTION)."""
    if isinstance(block, kinds.TitleBlock):
        return STYLE_TITLE
    if isinstance(block, kinds.SubtitleBlock):
        return STYLE_SUBTITLE
    if isinstance(block, kinds.BylineBlock):
        return STYLE_BYLINE
    if isinstance(block, kinds.HeadingBlock):
        return STYLE_H1 if block.level == 1 else STYLE_H2
    if isinstance(block, kinds.FigureBlock):
        return STYLE_PICTURE
    return STYLE_BODY  # a paragraph, and the blank line below the title
