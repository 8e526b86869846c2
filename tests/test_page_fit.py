"""Page fill without LibreOffice: the estimate of lines, and what happens to a photo that does not
fit in the space left on a page (the render test checks the result in a real layout)."""

from __future__ import annotations

from report_writer.core.model import MediaItem
from report_writer.export.blocks import FigureBlock, HeadingBlock, ParagraphBlock, Run, TitleBlock
from report_writer.export.page_fit import MIN_WIDTH_MM, block_lines, fit_to_pages, text_lines
from report_writer.export.profiles import resolve_profile

PROFILE = resolve_profile("公文")


def photo(width: int = 1200, height: int = 800, section: str = "s1") -> FigureBlock:
    return FigureBlock(MediaItem("x" * 64, "image/png", width, height, b""), "委员视察现场", section)


def paragraph(chars: int, section: str = "s1") -> ParagraphBlock:
    return ParagraphBlock(None, (Run("字" * chars),), section)


def test_line_estimate_follows_the_gbt9704_grid() -> None:
    assert text_lines("字" * 26) == 1  # 2 characters of indent + 26
    assert text_lines("字" * 27) == 2
    assert text_lines("2024" * 13) == 1  # digits are half-width
    assert block_lines(TitleBlock(["第一行", "第二行"]), PROFILE) == 2
    assert block_lines(photo(), PROFILE) == 10  # 120 × 80 mm and a caption line


def test_photo_that_fits_is_left_alone() -> None:
    blocks = [paragraph(26 * 5), photo(), paragraph(100)]
    assert fit_to_pages(blocks, PROFILE) == blocks


def test_photo_scaled_down_to_the_space_left() -> None:
    blocks = [paragraph(26 * 13), photo(), paragraph(100)]  # 13 lines used, 9 left, the photo needs 10
    placed = fit_to_pages(blocks, PROFILE)
    figure = placed[1]
    assert isinstance(figure, FigureBlock) and figure.size_mm is not None
    width, height = figure.size_mm
    assert MIN_WIDTH_MM <= width < 120 and abs(width / height - 1.5) < 0.01
    assert block_lines(figure, PROFILE) <= 9


def test_text_flows_before_a_photo_that_would_be_too_small() -> None:
    blocks = [paragraph(26 * 17), photo(), paragraph(200), paragraph(50)]  # 5 lines left
    placed = fit_to_pages(blocks, PROFILE)
    assert placed[1] is blocks[2] and placed[2] is blocks[1] and placed[3] is blocks[3]


def test_photo_ending_its_section_moves_before_the_last_paragraph() -> None:
    lead = [paragraph(26 * 8), paragraph(26 * 9)]  # 17 lines: 5 left, the next section follows
    blocks = [*lead, photo(), HeadingBlock(1, "一、", "标题", "s2"), paragraph(100, "s2")]
    placed = fit_to_pages(blocks, PROFILE)
    assert placed[:3] == [lead[0], blocks[2], lead[1]]


def test_section_beginning_with_a_photo_sets_its_first_paragraph_first() -> None:
    blocks = [
        paragraph(26 * 16, "s0"),
        HeadingBlock(1, "一、", "标题", "s1"),
        photo(),
        paragraph(200),
        paragraph(60),
    ]
    placed = fit_to_pages(blocks, PROFILE)
    assert [type(b).__name__ for b in placed] == [
        "ParagraphBlock",
        "HeadingBlock",
        "ParagraphBlock",
        "FigureBlock",
        "ParagraphBlock",
    ]
    assert placed[2] is blocks[3]
