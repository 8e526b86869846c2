"""LibreOffice renders the sample as a well-set review (docs/ARCHITECTURE.md, “Word output”;
GB/T 9704-2012)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from pdf_tools import fonts_used, layout, page_count, page_fill, render_pdf, require_renderer
from report_writer.export.profiles import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_HEIGHT,
)

PT_PER_TWIP = 1 / 20


pytestmark = pytest.mark.slow  # LibreOffice converts the sample: seconds, more on a busy machine


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, sample_docx: Path) -> Path:
    """The sample as `report-writer demo` exports it (conftest), rendered to PDF by LibreOffice."""
    require_renderer()
    return render_pdf(sample_docx, tmp_path_factory.mktemp("render"))


def _body_lines(page) -> list:  # type: ignore[no-untyped-def]
    limit = page.height - MARGIN_BOTTOM * PT_PER_TWIP
    return [line for line in page.lines if line.y_min < limit]


def test_page_count_and_title_on_first_page(rendered: Path) -> None:
    pages = layout(rendered)
    assert page_count(rendered) == len(pages)
    assert 7 <= len(pages) <= 12, f"{len(pages)} pages"
    first = " ".join(line.text for line in pages[0].lines[:3])
    assert "凝心聚力助推示例区高质量发展" in first
    assert "履职尽责书写政协事业新篇章" in first
    gap = pages[0].lines[1].y_min - pages[0].lines[0].y_min
    assert gap < 35, f"the two title lines sit one line pitch apart, not {gap:.1f} pt"


def test_full_body_page_holds_22_lines_of_28_characters(rendered: Path) -> None:
    pages = layout(rendered)
    counts = [len(_body_lines(p)) for p in pages]
    assert max(counts) == 22, counts
    assert counts.count(22) >= 2, counts
    lengths = Counter()
    for page in pages:
        for line in _body_lines(page):
            if re.fullmatch(r"[\u4e00-\u9fff，。、；：“”（）]+", line.text):
                lengths[len(line.text)] += 1
    assert lengths.most_common(1)[0][0] == 28, lengths


def test_page_numbers_odd_right_even_left(rendered: Path) -> None:
    pages = layout(rendered)
    for number, page in enumerate(pages[:4], start=1):
        footer = [line for line in page.lines if line.y_min >= page.height - MARGIN_BOTTOM * PT_PER_TWIP]
        assert footer, f"no page number on page {number}"
        assert footer[0].text.replace(" ", "") == f"—{number}—"
        centre = (footer[0].x_min + footer[0].x_max) / 2
        assert (centre > page.width / 2) == (number % 2 == 1), f"page {number}"


def test_each_font_role_uses_its_own_font(rendered: Path) -> None:
    fonts = fonts_used(rendered)
    for role, font in {
        "小标宋 (title)": "WenQuanYiMicroHei",
        "仿宋 (body)": "NotoSerifCJK",
        "黑体 (headings)": "NotoSansCJK",
        "楷体 (subtitle, leads, captions)": "GBZenKai",
        "Times New Roman (digits)": "LiberationSerif",
    }.items():
        assert font in fonts, f"{role}: {font} missing from\n{fonts}"
    assert "DejaVu" not in fonts, "a role fell back to an unmapped font"


def test_no_page_ends_in_a_hole(rendered: Path) -> None:
    """Photos are scaled or text flows before them (export/page_fit.py): every page but the last
    has at least 70% of its type area used (text or picture down to there)."""
    fills = page_fill(rendered, MARGIN_TOP * PT_PER_TWIP, (PAGE_HEIGHT - MARGIN_BOTTOM) * PT_PER_TWIP)
    assert len(fills) == page_count(rendered)
    assert all(fill >= 0.70 for fill in fills[:-1]), fills
