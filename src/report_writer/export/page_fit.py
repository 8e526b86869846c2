"""Fill pages as a layout editor would: a photo that does not fit in the space left on a page is
scaled down to fit (to no less than half the type-area width) or, if it would still be too tall,
the next text paragraphs of its section are set before it, so no page ends in a hole.

Python cannot know Word's line breaks exactly; the estimate uses the GB/T 9704 geometry the export
sets (22 lines of 28 characters, every text line on the 28.95 pt grid; half-width characters count
half). Pictures get a line of safety margin; LibreOffice's rendering checks the result
(tests/test_render.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from report_writer.export import profiles as geo
from report_writer.export.blocks import (
    Block,
    FigureBlock,
    HeadingBlock,
    ParagraphBlock,
    SpacerBlock,
    TitleBlock,
)
from report_writer.export.profiles import FONT_PRESETS, PROFILES, Profile
from report_writer.export.styles import STYLE_BODY, STYLE_CAPTION, BlockStyle, block_style_name, style_table

LINES_PER_PAGE = 22
# Sizes, indents and letter spacing come from the style table; they are the same for every font preset.
_ANY_FONTS = FONT_PRESETS["公文标准"]
CHARS_PER_LINE = style_table(PROFILES["公文"], _ANY_FONTS)[STYLE_BODY].chars_per_line  # 28
CAPTION_CHARS_PER_LINE = style_table(PROFILES["公文"], _ANY_FONTS)[STYLE_CAPTION].chars_per_line  # 31
PITCH_PT = geo.LINE_PITCH / 20
PICTURE_SPACE_BEFORE_PT = PITCH_PT / 2  # the picture style's space before
PICTURE_EXTRA_PT = 4.0  # the picture line's descent below the image
MIN_WIDTH_MM = geo.TYPE_AREA_WIDTH_MM / 2
# A photo must end a line short of the page bottom: the estimate can be a line out (a paragraph
# that breaks one character later than counted), and a photo that then no longer fits leaves the
# rest of its page empty and shifts every page after it.
SAFETY_LINES = 1
PLACEHOLDER_MM = 8.0  # 〔此处插入图片〕: one line of 三号 text in the picture style
MM_PER_PT = 25.4 / 72


def text_units(text: str) -> float:
    """Width in characters of 三号: a half-width character (digit, Latin letter) counts half."""
    return sum(0.5 if ord(char) < 0x2E80 and char not in "“”‘’—…·" else 1.0 for char in text)


def text_lines(text: str, indent_chars: int = 2, per_line: int = CHARS_PER_LINE) -> int:
    return max(1, math.ceil((indent_chars + text_units(text)) / per_line))


def picture_lines(height_mm: float) -> int:
    """Grid lines a picture paragraph takes: the text after it starts on the next grid line."""
    return math.ceil((PICTURE_SPACE_BEFORE_PT + height_mm / MM_PER_PT + PICTURE_EXTRA_PT) / PITCH_PT)


def block_lines(block: Block, profile: Profile) -> int:
    if isinstance(block, TitleBlock):
        return len(block.lines)
    if isinstance(block, SpacerBlock):
        return 1
    if isinstance(block, FigureBlock):
        return figure_lines(block)
    style = style_table(profile, _ANY_FONTS)[block_style_name(block)]
    if isinstance(block, HeadingBlock):
        return _style_lines(block.number + block.text, style)
    if isinstance(block, ParagraphBlock):
        return _style_lines((block.lead or "") + block.text, style)
    return _style_lines(block.text, style)


def _style_lines(text: str, style: BlockStyle) -> int:
    return text_lines(text, style.indent_chars, style.chars_per_line)


def figure_size_mm(block: FigureBlock) -> tuple[float, float] | None:
    if block.size_mm is not None:
        return block.size_mm
    if block.media is None:
        return None
    return geo.picture_size_mm(block.media.width, block.media.height)


def figure_lines(block: FigureBlock) -> int:
    size = figure_size_mm(block)
    picture = picture_lines(size[1] if size else PLACEHOLDER_MM)
    caption = text_lines(block.caption, 0, CAPTION_CHARS_PER_LINE) if block.caption else 0
    return picture + caption


@dataclass
class _Page:
    used: int = 0  # lines used on the current page

    def left(self) -> int:
        return LINES_PER_PAGE - self.used

    def add(self, lines: int) -> None:
        """Flow `lines` of splittable text."""
        self.used = (self.used + lines) % LINES_PER_PAGE

    def add_whole(self, lines: int) -> None:
        """Place an unsplittable group (a figure with its caption, a heading with its first line)."""
        if self.used and lines > self.left():
            self.used = 0
        self.used = (
            (self.used + lines) % LINES_PER_PAGE if lines <= LINES_PER_PAGE else lines % LINES_PER_PAGE
        )


def _scaled_to_fit(block: FigureBlock, lines_free: float) -> FigureBlock | None:
    """The figure scaled so that it and its caption take `lines_free` lines, if still wide enough."""
    size = figure_size_mm(block)
    if size is None:
        return None
    width, height = size
    caption = text_lines(block.caption, 0, CAPTION_CHARS_PER_LINE) if block.caption else 0
    room_pt = (lines_free - SAFETY_LINES - caption) * PITCH_PT - PICTURE_SPACE_BEFORE_PT - PICTURE_EXTRA_PT
    new_height = room_pt * MM_PER_PT
    if new_height <= 0:
        return None
    new_width = width * new_height / height
    if new_width < MIN_WIDTH_MM:
        return None
    return replace(block, size_mm=(round(new_width, 1), round(new_height, 1)))


def fit_to_pages(blocks: list[Block], profile: Profile) -> list[Block]:
    """The blocks in print order, with figures scaled or moved where a figure would otherwise
    leave the rest of a page empty: scaled to the space left (no narrower than half the type
    area); else the next paragraph of its section is set first; else, at the end of its section,
    the figure goes before the section's last paragraph, which then runs on to the next page."""
    order = list(blocks)
    moved: set[int] = set()
    for _ in range(len(order) + 1):
        result, again = _layout(order, profile, moved)
        if again is None:
            return result
        order = again
    return result


def _layout(order: list[Block], profile: Profile, moved: set[int]) -> tuple[list[Block], list[Block] | None]:
    """One pass; returns the placed blocks, or a new order to lay out again (a figure moved up)."""
    out: list[Block] = []
    page = _Page()
    pending = list(order)
    while pending:
        block = pending[0]
        if isinstance(block, HeadingBlock):
            # Headings keep with what follows (also a run of headings of empty sections): the run
            # goes to the next page with the first line of the next paragraph, or the whole figure.
            run = 1
            while run < len(pending) and isinstance(pending[run], HeadingBlock):
                run += 1
            lines = sum(block_lines(heading, profile) for heading in pending[:run])
            if run < len(pending) and isinstance(pending[run], FigureBlock):
                _place_figure(pending, run, page, lines, profile)
            following = pending[run] if run < len(pending) else None
            first = (
                0
                if following is None
                else 1
                if isinstance(following, ParagraphBlock)
                else block_lines(following, profile)
            )
            if page.used and lines + first > page.left():
                page.used = 0
            for _ in range(run):
                page.add(block_lines(pending[0], profile))
                out.append(pending.pop(0))
            continue
        if isinstance(block, FigureBlock):
            fits = _place_figure(pending, 0, page, 0, profile)
            if not fits and isinstance(pending[0], FigureBlock):
                previous = out[-1] if out else None
                if (
                    id(block) not in moved
                    and isinstance(previous, ParagraphBlock)
                    and previous.section_id == block.section_id
                ):
                    moved.add(id(block))
                    return out, [*out[:-1], block, previous, *pending[1:]]
            if isinstance(pending[0], FigureBlock):
                page.add_whole(block_lines(pending[0], profile))
                out.append(pending.pop(0))
                continue
        page.add(block_lines(pending[0], profile))  # text (perhaps moved in front of a figure)
        out.append(pending.pop(0))
    return out, None


def _place_figure(pending: list[Block], index: int, page: _Page, before: int, profile: Profile) -> bool:
    """The figure at pending[index], to be placed after `before` more lines on this page: left as
    it is when it fits, scaled when that keeps it wide enough, or swapped with the text paragraph
    that follows it (same section), which then fills the page first. False when none of these
    helps (the figure would start a new page, leaving a hole)."""
    figure = pending[index]
    assert isinstance(figure, FigureBlock)
    used = page.used + before
    if used == 0 or used >= LINES_PER_PAGE or figure_lines(figure) <= LINES_PER_PAGE - used - SAFETY_LINES:
        return True
    scaled = _scaled_to_fit(figure, LINES_PER_PAGE - used)
    if scaled is not None:
        pending[index] = scaled
        return True
    following = pending[index + 1] if index + 1 < len(pending) else None
    if isinstance(following, ParagraphBlock) and following.section_id == figure.section_id:
        pending[index], pending[index + 1] = following, figure
        return True
    return False
