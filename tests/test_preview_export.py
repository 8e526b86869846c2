"""The preview shows what Word gets: for every kind of block, in every profile and font preset, the
preview's paragraph and the exported paragraph have the same text, font, size, boldness, alignment,
first-line indent, line spacing, letter spacing and space before. The export side is read back from
the written styles.xml (not from the style table both are made from), the preview side from its
QTextDocument, so a rule changed on one side only fails here."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from docx.oxml.ns import qn

from report_writer.core.model import Figure, Paragraph, Report
from report_writer.export import profiles as geo
from report_writer.export.blocks import (
    Block,
    BylineBlock,
    FigureBlock,
    HeadingBlock,
    ParagraphBlock,
    SpacerBlock,
    SubtitleBlock,
    TitleBlock,
    build_blocks,
)
from report_writer.export.docx_writer import ExportOptions, build_document
from report_writer.export.page_fit import fit_to_pages
from report_writer.export.profiles import FONT_PRESETS, PROFILES

ALL_KINDS = (TitleBlock, SubtitleBlock, BylineBlock, SpacerBlock, HeadingBlock, ParagraphBlock, FigureBlock)


@dataclass(frozen=True)
class Look:
    text: str
    font: str
    size_pt: float
    bold: bool
    align: str
    indent_chars: float
    exact_pitch_pt: float | None  # None: single spacing
    letter_spacing_pt: float
    space_before_pt: float


def _report() -> Report:
    from report_writer.core.templating import sample_report

    report = sample_report()
    report.byline = "示例区政协办公室"
    last = report.sections[-1]
    last.blocks.append(Paragraph(["正文接在段首语之后。"], lead="段首语一句。"))
    last.blocks.append(Figure(None, "一张还没插入的照片", placeholder="全体会议"))
    return report


def _xml_style(doc, name: str):  # type: ignore[no-untyped-def]
    for element in doc.styles.element.findall(qn("w:style")):
        found = element.find(qn("w:name"))
        if found is not None and found.get(qn("w:val")) == name:
            return element
    return None


def _value(element, path: str, attr: str, present: str | None = None) -> str | None:  # type: ignore[no-untyped-def]
    """An attribute of the first element on `path` in this style, else in its basedOn chain;
    `present` where the element stands without the attribute (<w:b/> is bold)."""
    while element is not None:
        node = element
        for step in path.split("/"):
            node = node.find(qn(step)) if node is not None else None
        if node is not None and (node.get(qn(attr)) is not None or present is not None):
            return str(node.get(qn(attr), present))
        based = element.find(qn("w:basedOn"))
        styles = element.getparent()
        element = (
            next((e for e in styles if e.get(qn("w:styleId")) == based.get(qn("w:val"))), None)
            if based is not None
            else None
        )
    return None


def _docx_look(doc, style_name: str, text: str, run_style: str | None = None) -> Look:  # type: ignore[no-untyped-def]
    paragraph_style = _xml_style(doc, style_name)
    run = _xml_style(doc, run_style) if run_style else paragraph_style
    line_rule = _value(paragraph_style, "w:pPr/w:spacing", "w:lineRule")
    return Look(
        text=text,
        font=_value(run, "w:rPr/w:rFonts", "w:eastAsia") or "",
        size_pt=int(_value(paragraph_style, "w:rPr/w:sz", "w:val") or 0) / 2,
        bold=_value(paragraph_style, "w:rPr/w:b", "w:val", present="1") not in (None, "0", "false"),
        align={"both": "justify", "center": "center", "left": "left"}[
            _value(paragraph_style, "w:pPr/w:jc", "w:val") or "left"
        ],
        indent_chars=int(_value(paragraph_style, "w:pPr/w:ind", "w:firstLineChars") or 0) / 100,
        exact_pitch_pt=(
            int(_value(paragraph_style, "w:pPr/w:spacing", "w:line") or 0) / 20
            if line_rule == "exact"
            else None
        ),
        letter_spacing_pt=int(_value(paragraph_style, "w:rPr/w:spacing", "w:val") or 0) / 20,
        space_before_pt=int(_value(paragraph_style, "w:pPr/w:spacing", "w:before") or 0) / 20,
    )


def _preview_looks(document) -> list[tuple[Look, str | None]]:  # type: ignore[no-untyped-def]
    """Every paragraph of the preview: its look, and the font of a differently set first run (a lead)."""
    from PySide6.QtCore import Qt

    from report_writer.gui.preview import DPI

    px_per_pt = DPI / 72
    looks = []
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        fragments = []
        iterator = block.begin()
        while not iterator.atEnd():
            if not iterator.fragment().charFormat().isImageFormat():
                fragments.append(iterator.fragment())
            iterator += 1
        body = fragments[-1].charFormat().font() if fragments else block.charFormat().font()
        first = fragments[0].charFormat().font() if len(fragments) > 1 else None
        alignment = fmt.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
        looks.append(
            (
                Look(
                    text=block.text().replace("\ufffc", ""),
                    font=body.families()[0],
                    size_pt=round(body.pixelSize() / px_per_pt),
                    bold=body.bold(),
                    align={
                        Qt.AlignmentFlag.AlignJustify: "justify",
                        Qt.AlignmentFlag.AlignHCenter: "center",
                        Qt.AlignmentFlag.AlignLeft: "left",
                    }[alignment],
                    indent_chars=round(fmt.textIndent() / (body.pixelSize() or 1), 1),
                    exact_pitch_pt=round(fmt.lineHeight() / px_per_pt, 2)
                    if fmt.lineHeightType() == 2
                    else None,
                    letter_spacing_pt=round(body.letterSpacing() / px_per_pt, 2),
                    space_before_pt=round(fmt.topMargin() / px_per_pt, 2),
                ),
                first.families()[0] if first else None,
            )
        )
        block = block.next()
    return looks


def _expected(doc, blocks: list[Block]) -> list[tuple[Look, str | None]]:  # type: ignore[no-untyped-def]
    """The export's look for each preview paragraph, in order (a title line is a paragraph of its own
    in the preview and a line break in Word; a figure's caption is a paragraph after it)."""
    from report_writer.export.styles import STYLE_CAPTION, STYLE_LEAD, block_style_name

    out: list[tuple[Look, str | None]] = []
    for block in blocks:
        style = block_style_name(block)
        if isinstance(block, TitleBlock):
            out += [(_docx_look(doc, style, line), None) for line in block.lines]
        elif isinstance(block, SubtitleBlock | BylineBlock):
            out.append((_docx_look(doc, style, block.text), None))
        elif isinstance(block, SpacerBlock):
            out.append((_docx_look(doc, style, ""), None))
        elif isinstance(block, HeadingBlock):
            out.append((_docx_look(doc, style, block.number + block.text), None))
        elif isinstance(block, ParagraphBlock):
            lead = _docx_look(doc, style, "", STYLE_LEAD).font if block.lead else None
            out.append((_docx_look(doc, style, (block.lead or "") + block.text), lead))
        elif isinstance(block, FigureBlock):
            text = "" if block.media is not None else f"〔{block.placeholder}〕"
            out.append((_docx_look(doc, style, text), None))
            if block.caption:
                out.append((_docx_look(doc, STYLE_CAPTION, block.caption), None))
    return out


@pytest.mark.parametrize("fonts_key", list(FONT_PRESETS))
@pytest.mark.parametrize("profile_key", list(PROFILES))
def test_preview_and_export_agree_for_every_block_kind(qapp, profile_key: str, fonts_key: str) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui.preview import build_preview_document

    profile, fonts = PROFILES[profile_key], FONT_PRESETS[fonts_key]
    report = _report()
    blocks = fit_to_pages(build_blocks(report, profile), profile)
    assert {type(b) for b in blocks} == set(ALL_KINDS), "the report shows every kind of block"
    doc = build_document(report, ExportOptions(profile, fonts))
    expected = _expected(doc, blocks)
    # the export writes the paragraphs the expectation reads (title lines joined by a line break)
    lines = blocks[0].lines  # type: ignore[union-attr]
    assert [p.text for p in doc.paragraphs] == ["\n".join(lines)] + [
        look.text for look, _ in expected[len(lines) :]
    ]
    preview = _preview_looks(build_preview_document(report, profile, fonts))
    assert len(preview) == len(expected)
    for index, (got, want) in enumerate(zip(preview, expected, strict=True)):
        assert got == want, f"paragraph {index} ({want[0].text[:12]!r}) differs: preview {got} export {want}"
    # spot checks that the comparison itself reads real values
    body = next(look for look, _ in expected if look.indent_chars == 2 and look.align == "justify")
    assert (body.size_pt, body.exact_pitch_pt, body.letter_spacing_pt) == (
        geo.BODY_SIZE_PT,
        geo.LINE_PITCH / 20,
        -0.25,
    )
    assert body.font == fonts.body


@pytest.mark.parametrize("profile_key", list(PROFILES))
def test_preview_highlights_what_the_export_highlights(qapp, profile_key: str) -> None:  # type: ignore[no-untyped-def]
    """Figures 待填/待更新, a template's 【…】 and photo placeholders: the same text marked on both sides."""
    from PySide6.QtGui import QColor

    from report_writer.export.styles import HIGHLIGHT_RGB
    from report_writer.gui.preview import build_preview_document

    profile, fonts = PROFILES[profile_key], FONT_PRESETS["公文标准"]
    report = _report()
    next(iter(report.fields.values())).value = None  # one figure 待填
    doc = build_document(report, ExportOptions(profile, fonts))
    exported = [
        "".join(t.text or "" for t in run.iter(qn("w:t")))
        for run in doc.element.body.iter(qn("w:r"))
        if run.find(f"{qn('w:rPr')}/{qn('w:highlight')}") is not None
    ]
    shown = []
    document = build_preview_document(report, profile, fonts)  # kept: its blocks live only as long
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().background().color() == QColor(HIGHLIGHT_RGB):
                shown.append(fragment.text())
            iterator += 1
        block = block.next()
    assert exported and any(text.startswith("〔此处插入图片") for text in exported)
    assert shown == exported
