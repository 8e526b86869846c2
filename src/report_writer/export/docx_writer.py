"""Write the block list to .docx with python-docx, following GB/T 9704-2012
(docs/ARCHITECTURE.md, “Word output”)."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from report_writer.core.model import Report
from report_writer.export import ooxml, profiles
from report_writer.export.plan import PlannedParagraph, plan_report
from report_writer.export.profiles import FontPreset, Profile
from report_writer.export.styles import (
    HIGHLIGHT,
    OUR_STYLES,
    STYLE_BODY,
    STYLE_CAPTION,
    STYLE_H1,
    STYLE_PAGE_NUMBER,
    BlockStyle,
    style_table,
)

MAX_REFERENCE_BYTES = 20 * 1024 * 1024


class ExportError(Exception):
    """The export failed; the message tells the user what happened and what to do."""


@dataclass(frozen=True)
class ExportOptions:
    profile: Profile
    fonts: FontPreset
    reference: Path | None = None
    appendix: bool = False  # add the 年度对比 table (last year beside this year) at the end


# ---- styles ------------------------------------------------------------------------------------


_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _add_style(doc: DocxDocument, row: BlockStyle, fonts: FontPreset) -> None:
    """One row of the style table (export/styles.py) as a Word style."""
    if row.character:
        style = doc.styles.add_style(row.name, WD_STYLE_TYPE.CHARACTER)
        ooxml.set_fonts(style.element.get_or_add_rPr(), row.font, fonts.latin)
        return
    style = doc.styles.add_style(row.name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    rpr = style.element.get_or_add_rPr()
    ooxml.set_fonts(rpr, row.font, fonts.latin)
    ooxml.set_size(rpr, row.size_pt)
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Twips(profiles.LINE_PITCH) if row.exact else 1.0
    if row.align is not None:
        fmt.alignment = _ALIGN[row.align]
    ppr = style.element.get_or_add_pPr()
    if row.indent_chars:
        ooxml.set_first_line_chars(ppr, row.indent_chars, row.size_pt)
    else:
        ooxml.clear_indent(ppr)
    if row.bold is not None:
        style.font.bold = row.bold
    if row.keep_with_next:
        fmt.keep_with_next = True
    if row.keep_together:
        fmt.keep_together = True
    if row.space_before_twips:
        fmt.space_before = Twips(row.space_before_twips)
    if not row.snap_to_grid:
        ooxml.set_snap_to_grid(ppr, False)
    if row.char_spacing != profiles.CHAR_SPACING:
        ooxml.set_char_spacing(style.element.get_or_add_rPr(), row.char_spacing)
    if row.outline_level is not None:
        ooxml.set_outline_level(ppr, row.outline_level)


def _setup_styles(doc: DocxDocument, options: ExportOptions) -> None:
    fonts, profile = options.fonts, options.profile
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.set_fonts(default_rpr, fonts.body, fonts.latin)
    ooxml.set_size(default_rpr, profiles.BODY_SIZE_PT)
    ooxml.set_east_asian_lang(default_rpr)
    default_spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    if default_spacing is not None:
        default_spacing.set(qn("w:after"), "0")

    normal = doc.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    ooxml.set_fonts(rpr, fonts.body, fonts.latin)
    ooxml.set_size(rpr, profiles.BODY_SIZE_PT)
    ooxml.set_char_spacing(rpr, profiles.CHAR_SPACING)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Twips(profiles.LINE_PITCH)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # Widow control would leave pages at 21 lines; GB/T 9704 wants a fixed 22-line grid.
    ooxml.set_widow_control(normal.element.get_or_add_pPr(), False)

    for row in style_table(profile, fonts).values():
        _add_style(doc, row, fonts)

    # Every other style the base template carries gets named fonts too (no theme fonts anywhere).
    ours = {doc.styles[name].style_id for name in OUR_STYLES}
    for element in doc.styles.element.findall(qn("w:style")):
        if element.get(qn("w:styleId")) in ours:
            continue
        ooxml.set_fonts(element.get_or_add_rPr(), fonts.body, fonts.latin)
    for rfonts in doc.styles.element.iter(qn("w:rFonts")):  # table styles' conditional formats too
        if any(rfonts.get(qn(attr)) for attr in ooxml.THEME_FONT_ATTRS):
            ooxml.name_fonts(rfonts, fonts.body, fonts.latin)


def _apply_reference(doc: DocxDocument, reference: Path) -> None:
    """Styles of the same name in the user's reference .docx replace ours (the pandoc idea)."""
    if not reference.is_file():
        raise ExportError(f"找不到参考文档：{reference}")
    if reference.stat().st_size > MAX_REFERENCE_BYTES:
        raise ExportError(f"参考文档过大（上限 20 MB）：{reference.name}")
    from report_writer.core.docx_guard import DocxGuardError, check_package

    try:
        check_package(reference)  # real unpacked sizes and parsing cost, before python-docx
        ref_doc = docx.Document(str(reference))
    except DocxGuardError as exc:
        raise ExportError(f"参考文档不能用：{exc}") from exc
    except Exception as exc:  # python-docx raises several types for a bad package
        logging.getLogger(__name__).info("reference %s: %r", reference, exc)
        raise ExportError(
            f"参考文档 {reference.name} 不是有效的 Word 文件（.docx），请在 Word 中另存后再试。"
        ) from exc
    ref_by_name = {}
    for element in ref_doc.styles.element.findall(qn("w:style")):
        name = element.find(qn("w:name"))
        if name is not None:
            ref_by_name[name.get(qn("w:val"))] = element
    styles_element = doc.styles.element
    known_ids = {e.get(qn("w:styleId")) for e in styles_element.findall(qn("w:style"))}
    for element in styles_element.findall(qn("w:style")):
        name = element.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in ref_by_name:
            continue
        if name.get(qn("w:val")) not in (*OUR_STYLES, "Normal"):
            continue
        replacement = ooxml.copy_style_element(
            ref_by_name[name.get(qn("w:val"))], styles_element, element.get(qn("w:styleId")), known_ids
        )
        element.addprevious(replacement)
        styles_element.remove(element)


# ---- page --------------------------------------------------------------------------------------


def _setup_page(doc: DocxDocument, fonts: FontPreset) -> None:
    section = doc.sections[0]
    section.page_width = Twips(profiles.PAGE_WIDTH)
    section.page_height = Twips(profiles.PAGE_HEIGHT)
    section.top_margin = Twips(profiles.MARGIN_TOP)
    section.bottom_margin = Twips(profiles.MARGIN_BOTTOM)
    section.left_margin = Twips(profiles.MARGIN_LEFT)
    section.right_margin = Twips(profiles.MARGIN_RIGHT)
    section.footer_distance = Twips(profiles.FOOTER_DISTANCE)
    section.header_distance = Mm(15)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        from docx.oxml import OxmlElement

        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(profiles.LINE_PITCH))

    # Page numbers “— 1 —”: odd pages right, even pages left, one character in from the type area.
    doc.settings.odd_and_even_pages_header_footer = True
    one_char = Pt(profiles.PAGE_NUMBER_SIZE_PT)
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.style = doc.styles[STYLE_PAGE_NUMBER]
        paragraph.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = one_char
        else:
            paragraph.paragraph_format.left_indent = one_char
        paragraph.add_run("— ")
        ooxml.add_field(paragraph, "PAGE", "1")
        paragraph.add_run(" —")
        for run in paragraph.runs:
            ooxml.set_fonts(run._r.get_or_add_rPr(), fonts.page_number, fonts.latin)


def _fix_package(doc: DocxDocument, fonts: FontPreset) -> None:
    ooxml.fix_settings(doc.settings.element)
    for rel in list(doc.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel.rId)
    for part in doc.part.package.iter_parts():
        name = str(part.partname)
        if name.startswith("/word/theme/"):
            part._blob = ooxml.fix_theme_blob(part.blob, fonts.page_number)
        elif name == "/word/fontTable.xml":
            part._blob = ooxml.font_table_xml(
                [fonts.body, fonts.title, fonts.heading1, fonts.heading2, fonts.page_number], fonts.latin
            )


# ---- content -----------------------------------------------------------------------------------


def _add_text_run(paragraph: DocxParagraph, text: str, style: str | None = None) -> Run:
    run = paragraph.add_run(text, style=style)
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:hint"), "eastAsia")
    return run


def _highlight(run: Run) -> Run:
    """Yellow highlight (w:highlight), which Word, WPS and LibreOffice all show, for what is still to fill."""
    rpr = run._r.get_or_add_rPr()
    mark = rpr.find(qn("w:highlight"))
    if mark is None:
        mark = OxmlElement("w:highlight")
        rpr.append(mark)
    mark.set(qn("w:val"), HIGHLIGHT)
    return run


def _write_paragraph(doc: DocxDocument, planned: PlannedParagraph) -> None:
    """One paragraph of the plan (export/plan.py) as Word XML."""
    paragraph = doc.add_paragraph(style=planned.style)
    for run in planned.runs:
        written = _add_text_run(paragraph, run.text, style=run.char_style)
        if run.marked:
            _highlight(written)
        if run.line_break:
            written.add_break()
    picture = planned.picture
    if picture is not None:
        try:
            paragraph.add_run().add_picture(
                io.BytesIO(picture.media.data), width=Mm(picture.width_mm), height=Mm(picture.height_mm)
            )
        except Exception as exc:  # python-docx raises several kinds for a broken image
            raise ExportError(
                f"图片“{picture.caption[:20] or '无图注'}”已损坏，无法写入 Word。"
                "请在程序中替换这张图片后再导出。"
            ) from exc


def _write_appendix(doc: DocxDocument, report: Report) -> None:
    from docx.enum.text import WD_BREAK

    from report_writer.core.rollover import comparison

    rows = comparison(report)
    if not rows:
        return
    doc.add_paragraph(style=STYLE_BODY).add_run().add_break(WD_BREAK.PAGE)
    _add_text_run(
        doc.add_paragraph(style=STYLE_H1), f"附表：主要数据年度对比（{report.year - 1}—{report.year}年）"
    )
    table = doc.add_table(rows=1, cols=5)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    widths = (Mm(64), Mm(18), Mm(24), Mm(24), Mm(24))  # the type area is 156 mm wide
    header = ["项目", "单位", f"{report.year - 1}年", f"{report.year}年", "增减"]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # gridCol: what LibreOffice and WPS lay out by
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].style = doc.styles[STYLE_CAPTION]
        _add_text_run(cell.paragraphs[0], text).bold = True
    for row in rows:
        change = "" if row.change is None else f"{row.change:+g}"
        values = [
            row.label,
            row.unit,
            "" if row.last is None else str(row.last),
            "" if row.this is None else str(row.this),
            change,
        ]
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.width = widths[cells.index(cell)]
            cell.paragraphs[0].style = doc.styles[STYLE_CAPTION]
            _add_text_run(cell.paragraphs[0], text)


def _memoize_style_ids(doc: DocxDocument) -> None:
    """python-docx resolves a style name by scanning every style, for every paragraph and run it styles
    (most of the export's time on a long report). The styles are final here: resolve each name once."""
    lookup: Callable[[object, object], str | None] = doc.part.get_style_id
    memo: dict[tuple[str, object], str | None] = {}

    def get_style_id(style_or_name: object, style_type: object) -> str | None:
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in memo:
            memo[key] = lookup(style_or_name, style_type)
        return memo[key]

    doc.part.get_style_id = get_style_id  # type: ignore[method-assign]


def build_document(report: Report, options: ExportOptions) -> DocxDocument:
    doc = docx.Document()
    _setup_styles(doc, options)
    if options.reference is not None:
        _apply_reference(doc, options.reference)
    _setup_page(doc, options.fonts)
    _fix_package(doc, options.fonts)
    _memoize_style_ids(doc)
    body = doc.paragraphs[0] if doc.paragraphs and not doc.paragraphs[0].text else None
    if body is not None:  # the default template's empty first paragraph
        body._p.getparent().remove(body._p)
    for planned in plan_report(report, options.profile):
        _write_paragraph(doc, planned)
    if options.appendix:
        _write_appendix(doc, report)
    props = doc.core_properties
    props.title = report.title[:255]  # Word's limit for the document properties
    props.subject = report.subtitle.lstrip("—")[:255]
    props.author = report.org_short[:255]
    props.last_modified_by = report.org_short[:255]
    props.language = "zh-CN"
    props.created = props.modified = datetime.now()
    props.revision = 1
    props.comments = "由 report-writer 生成"
    return doc


def export_docx(report: Report, target: str | os.PathLike[str], options: ExportOptions) -> Path:
    """Write the report to `target` via a temporary file, so a failed export leaves the old file."""
    path = Path(target)
    if path.suffix.lower() != ".docx":
        raise ExportError(f"导出文件名应以 .docx 结尾：{path.name}")
    if not path.parent.exists():
        raise ExportError(f"文件夹不存在：{path.parent}")
    if path.is_dir():
        raise ExportError(f"{path} 是文件夹。")
    doc = build_document(_checked(report), options)
    temp = path.with_name(f".~{path.stem}.{os.getpid()}.tmp.docx")
    try:
        doc.save(str(temp))
        os.replace(temp, path)
    except PermissionError as exc:
        raise ExportError(
            f"无法写入 {path.name}：文件可能正在 WPS 或 Word 中打开，或没有写入权限。"
            "请关闭该文件后重试，或换一个文件名。"
        ) from exc
    except OSError as exc:
        raise ExportError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    return path


def _checked(report: Report) -> Report:
    """The boundary check (core/sanitize.py) on a copy: whatever the app let in, Word gets XML-safe
    text within the budgets, or the writer gets one clear sentence."""
    import copy

    from report_writer.core.model import ModelError
    from report_writer.core.sanitize import check_report

    media, report.media = report.media, {}
    try:
        checked = copy.deepcopy(report)
    finally:
        report.media = media
    checked.media = media
    try:
        check_report(checked)
    except ModelError as exc:
        raise ExportError(f"无法导出：{exc}") from exc
    return checked
