"""Read a Word file (what Word or WPS saved, or our own export) as raw blocks for the importer:
headings by outline level, style, bold, size or centring; run-in lead phrases set apart by a
character style or bold; photos with the paragraph that follows as their caption."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

from report_writer.core.images import ImageError, media_from_bytes
from report_writer.core.importer import ImportError_, RawBlock
from report_writer.language.sources import check_docx_package

TITLE_STYLES = ("报告大标题", "Title", "标题")
CAPTION_STYLES = ("图片说明", "Caption", "题注")
HEADING_STYLE_WORDS = ("Heading", "标题 ", "报告一级标题", "报告二级标题")
LEAD_STYLES = ("段首语",)


def _outline_level(paragraph) -> int | None:  # type: ignore[no-untyped-def]
    for source in (paragraph._p.pPr, paragraph.style.element.pPr if paragraph.style is not None else None):
        if source is None:
            continue
        level = source.find(qn("w:outlineLvl"))
        if level is not None:
            value = int(level.get(qn("w:val"), "9"))
            if value < 9:
                return value
    return None


def _size_pt(paragraph) -> float | None:  # type: ignore[no-untyped-def]
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None and run.text.strip()]
    if sizes:
        return max(sizes)
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return None


def _all_bold(paragraph) -> bool:  # type: ignore[no-untyped-def]
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold or (run.style is not None and run.style.font.bold) for run in runs)


def _lead(paragraph) -> str | None:  # type: ignore[no-untyped-def]
    runs = [run for run in paragraph.runs if run.text]
    lead = ""
    for run in runs:
        styled = run.style is not None and run.style.name in LEAD_STYLES
        if styled or run.bold:
            lead += run.text
            continue
        break
    if lead and len(lead) < len(paragraph.text.strip()) and len(lead) <= 30:
        return lead.strip()
    return None


def _images(paragraph) -> list[bytes]:  # type: ignore[no-untyped-def]
    found = []
    for blip in paragraph._p.iter(qn("a:blip")):
        rel_id = blip.get(qn("r:embed"))
        part = paragraph.part.related_parts.get(rel_id) if rel_id else None
        if part is not None:
            found.append(part.blob)
    return found


def docx_blocks(path: Path) -> list[RawBlock]:
    check_docx_package(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for damaged packages
        raise ImportError_(f"{path.name} 无法读取：{exc}") from exc
    blocks: list[RawBlock] = []
    body_size = 16.0
    for paragraph in document.paragraphs:
        for data in _images(paragraph):
            try:
                blocks.append(RawBlock("", image=media_from_bytes(data)))
            except ImageError:
                blocks.append(RawBlock("〔无法读取的图片〕"))
        text = paragraph.text.replace("\n", " ").replace("\u000b", " ").strip()
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        size = _size_pt(paragraph)
        centred = paragraph.alignment is not None and int(paragraph.alignment) == 1 or (
            paragraph.style is not None and paragraph.style.paragraph_format.alignment is not None
            and int(paragraph.style.paragraph_format.alignment) == 1)
        title_hint = style in TITLE_STYLES or (size is not None and size >= 20 and not blocks)
        heading_hint = (
            not title_hint
            and len(text) <= 40
            and text[-1:] not in "。！？；"
            and (_outline_level(paragraph) is not None or any(w in style for w in HEADING_STYLE_WORDS)
                 or (_all_bold(paragraph) and not text.startswith("——"))
                 or (size is not None and size > body_size + 1))
        )
        if centred and not heading_hint and not title_hint and len(text) <= 40 and not text.startswith("——") \
                and "政协" not in text and "图" not in text and blocks and not any(b.image for b in blocks[-1:]):
            heading_hint = text[-1:] not in "。！？；"
        blocks.append(RawBlock(text, heading_hint=heading_hint, title_hint=title_hint, caption_hint=style in CAPTION_STYLES, lead_known=True,
                               lead=None if heading_hint or title_hint else _lead(paragraph)))
    return blocks
