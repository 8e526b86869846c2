"""Read a Word file (what Word or WPS saved, or our own export) as raw blocks for the importer:
headings by outline level, style, bold, size or centring; run-in lead phrases set apart by a
character style or bold; photos with the paragraph that follows as their caption."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from report_writer.core.guards import check_docx_package
from report_writer.core.images import ImageError, media_from_bytes
from report_writer.core.import_blocks import RawBlock, ReportImportError
from report_writer.core.import_shapes import is_caption
from report_writer.core.statistics import STAT_RE

TITLE_STYLES = ("报告大标题", "Title", "标题")
CAPTION_STYLES = ("图片说明", "Caption", "题注", "图注", "图片标题")
SUBTITLE_STYLES = ("Subtitle", "副标题", "报告副题")
HEADING_STYLE_WORDS = ("Heading", "标题 ", "报告一级标题", "报告二级标题")
LEAD_STYLES = ("段首语",)
OWN_HEADING_STYLE = "报告一级标题"  # export/docx_writer.py STYLE_H1
LEAD_END = "。！？：；!?:;"
# An lxml element of the document (lxml ships no type information the checker can use).
Element = Any


@dataclass(frozen=True)
class StyleFacts:
    name: str = ""
    size: float | None = None
    bold: bool = False
    center: bool = False
    outline: int | None = None


@dataclass(frozen=True)
class ParagraphFacts:
    style: str
    size: float | None
    center: bool
    outline: int | None
    all_bold: bool
    lead: str


class StyleTable:
    """Style facts read once from styles.xml (python-docx's per-call lookups are slow on long files)."""

    def __init__(self, styles_element: Element) -> None:
        self._raw: dict[str, Element] = {}
        for style in styles_element.findall(qn("w:style")):
            self._raw[style.get(qn("w:styleId"))] = style
        self._cache: dict[str, StyleFacts] = {}

    def facts(self, style_id: str | None) -> StyleFacts:
        if not style_id or style_id not in self._raw:
            style_id = "Normal" if "Normal" in self._raw else None
            if style_id is None:
                return StyleFacts()
        if style_id in self._cache:
            return self._cache[style_id]
        element = self._raw[style_id]
        based = element.find(qn("w:basedOn"))
        parent = (
            self.facts(based.get(qn("w:val")))
            if based is not None and based.get(qn("w:val")) != style_id
            else StyleFacts()
        )
        name = element.find(qn("w:name"))
        size = element.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        bold = element.find(f"{qn('w:rPr')}/{qn('w:b')}")
        jc = element.find(f"{qn('w:pPr')}/{qn('w:jc')}")
        outline = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        facts = StyleFacts(
            name=name.get(qn("w:val")) if name is not None else "",
            size=int(size.get(qn("w:val"))) / 2 if size is not None else parent.size,
            bold=(bold.get(qn("w:val"), "1") not in ("0", "false")) if bold is not None else parent.bold,
            center=(jc.get(qn("w:val")) == "center") if jc is not None else parent.center,
            outline=int(outline.get(qn("w:val"))) if outline is not None else parent.outline,
        )
        self._cache[style_id] = facts
        return facts


def _val(element: Element, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else str(found.get(qn("w:val"), "1"))


def _run_facts(run: Element, styles: StyleTable) -> tuple[str, bool, float | None, str]:
    text = "".join(t.text or "" for t in run.iter(qn("w:t")))
    rpr = run.find(qn("w:rPr"))
    style_id = _val(rpr, qn("w:rStyle")) if rpr is not None else None
    style = styles.facts(style_id) if style_id else StyleFacts()
    bold_value = _val(rpr, qn("w:b")) if rpr is not None else None
    bold = (bold_value not in ("0", "false")) if bold_value is not None else style.bold
    size_value = _val(rpr, qn("w:sz")) if rpr is not None else None
    size = int(size_value) / 2 if size_value and size_value.isdigit() else None
    return text, bold, size, style.name


def _paragraph_facts(paragraph: Element, styles: StyleTable) -> ParagraphFacts:
    ppr = paragraph.find(qn("w:pPr"))
    style = styles.facts(_val(ppr, qn("w:pStyle")) if ppr is not None else None)
    jc = _val(ppr, qn("w:jc")) if ppr is not None else None
    outline = _val(ppr, qn("w:outlineLvl")) if ppr is not None else None
    runs = [_run_facts(run, styles) for run in paragraph.iter(qn("w:r"))]
    visible = [r for r in runs if r[0].strip()]
    sizes = [r[2] for r in visible if r[2] is not None]
    lead = ""
    for text, bold, _size, style_name in runs:
        if not text:
            continue
        if style_name in LEAD_STYLES or bold:
            lead += text
            continue
        break
    return ParagraphFacts(
        style=style.name,
        size=max(sizes) if sizes else style.size,
        center=(jc == "center") if jc is not None else style.center,
        outline=int(outline) if outline is not None and outline.isdigit() else style.outline,
        all_bold=bool(visible) and all(r[1] for r in visible),
        lead=lead,
    )


def _images(paragraph: Element, related: Mapping[str, Any]) -> list[bytes]:
    found = []
    for blip in paragraph.iter(qn("a:blip")):
        rel_id = blip.get(qn("r:embed"))
        part = related.get(rel_id) if rel_id else None
        if part is not None:
            found.append(part.blob)
    return found


def docx_blocks(path: Path) -> list[RawBlock]:
    """The paragraphs, photos and tables of a Word file in reading order, with what their formatting
    hints (title, heading, caption, run-in lead)."""
    document = _open_document(path)
    styles = StyleTable(document.styles.element)
    related = document.part.related_parts
    items = _body_items(document.element.body, styles)
    body_size = _body_size(items)
    blocks: list[RawBlock] = []
    for element, facts, text in items:
        if element.tag == qn("w:tbl"):
            blocks.extend(_table_raw_blocks(element, related))
            continue
        blocks.extend(_picture_blocks(element, related))
        if text and facts is not None:
            blocks.append(_paragraph_block(element, facts, text, blocks, body_size))
    return blocks


def _open_document(path: Path) -> Any:
    """The package guarded (core/docx_guard.py), then read by python-docx; a damaged one is one sentence."""
    check_docx_package(path)
    import docx

    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for damaged packages
        logging.getLogger(__name__).info("python-docx cannot read %s: %r", path, exc)
        raise ReportImportError(
            f"{path.name} 已损坏，无法读取。请在 Word 或 WPS 中打开后另存为 .docx 再试。"
        ) from exc


_Item = tuple[Element, ParagraphFacts | None, str]


def _body_items(body: Element, styles: StyleTable) -> list[_Item]:
    """Each paragraph with its facts and text (facts None for an empty one), each table as it is."""
    items: list[_Item] = []
    for element in _body_elements(body):
        if element.tag == qn("w:tbl"):
            items.append((element, None, ""))
            continue
        raw = "".join(
            t.text or "" if t.tag == qn("w:t") else " "
            for t in element.iter(qn("w:t"), qn("w:br"), qn("w:tab"))
        )
        items.append((element, _paragraph_facts(element, styles) if raw.strip() else None, raw.strip()))
    return items


def _body_size(items: list[_Item]) -> float:
    """The body text's size (公文 三号 16 pt, Word's default 11 pt …): headings and titles are larger."""
    sizes = Counter(f.size for _e, f, t in items if f and f.size and len(t) > 40)
    return sizes.most_common(1)[0][0] if sizes else 16.0


def _table_raw_blocks(table: Element, related: Mapping[str, Any]) -> list[RawBlock]:
    """A layout table (photos with their captions below) as photo, caption, photo …; any other table row
    by row."""
    pictures = _picture_blocks(table, related)
    rows = _table_blocks(table)
    if not pictures or len(rows) > len(pictures):
        return pictures + rows
    blocks: list[RawBlock] = []
    for index, picture in enumerate(pictures):
        blocks.append(picture)
        if index < len(rows):
            blocks.append(
                RawBlock(rows[index].text.replace(" | ", " ").strip(), from_word=True, centred=True)
            )
    return blocks + rows[len(pictures) :]


def _picture_blocks(element: Element, related: Mapping[str, Any]) -> list[RawBlock]:
    """The photos in a paragraph, or laid out in a table (a picture cell above a caption cell), as photos;
    one that cannot be read leaves a note where it stood."""
    blocks = []
    for data in _images(element, related):
        try:
            blocks.append(RawBlock("", image=media_from_bytes(data), from_word=True))
        except ImageError:
            blocks.append(RawBlock("〔无法读取的图片〕", from_word=True))
    return blocks


def _paragraph_block(
    paragraph: Element, facts: ParagraphFacts, text: str, before: list[RawBlock], body_size: float
) -> RawBlock:
    """A paragraph with text, and what its look says it is; `before` are the blocks read so far."""
    style, size, centred = facts.style, facts.size, facts.center
    numbered = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    after_picture = bool(before) and before[-1].image is not None
    large = size is not None and (size >= 18 or (size >= body_size + 3 and centred))
    caption_style = any(name in style for name in CAPTION_STYLES)
    title_hint = style in TITLE_STYLES or (large and not any(b.heading_hint for b in before))
    short = len(text) <= 90 and text[-1:] not in "。！？；，" and "。" not in text
    heading_hint = (
        not title_hint
        and not after_picture
        and not caption_style
        and style not in SUBTITLE_STYLES
        and short
        and (
            facts.outline is not None
            or any(w in style for w in HEADING_STYLE_WORDS)
            or (facts.all_bold and not text.startswith("——") and len(text) <= 60)
            or (numbered and len(text) <= 60)
            or (size is not None and size > body_size + 1)
        )
    )
    if (
        centred
        and not heading_hint
        and not title_hint
        and not after_picture
        and len(text) <= 40
        and not text.startswith("——")
        and not is_caption(text)
    ):
        heading_hint = short and bool(before)
    lead = _run_in_lead(facts.lead.strip(), text)
    return RawBlock(
        text,
        heading_hint=heading_hint,
        title_hint=title_hint,
        caption_hint=caption_style,
        subtitle_hint=style in SUBTITLE_STYLES,
        lead_known=True,
        lead=None if heading_hint or title_hint else lead,
        from_word=True,
        centred=centred,
        own_heading=heading_hint and style == OWN_HEADING_STYLE,
    )


def _run_in_lead(lead: str, text: str) -> str | None:
    """The bold opening words as the paragraph's run-in lead, or None when they are not one."""
    if (
        lead
        and text.startswith(lead)
        and lead[-1] not in LEAD_END
        and text[len(lead) : len(lead) + 1] in LEAD_END
    ):
        lead = text[: len(lead) + 1]  # the writer bolded the words and left the 。 plain
    # a bold opening that does not end a sentence (一年来，) is emphasis, not a run-in lead
    lead_ok = (
        bool(lead)
        and len(lead) < len(text)
        and len(lead) <= 40
        and lead[-1] in LEAD_END
        and not STAT_RE.search(lead)
    )  # a lead holds no fields: a figure in it must stay in the text
    return lead if lead_ok else None


def _body_elements(parent: Element) -> Iterator[Element]:
    """Paragraphs and tables in reading order, including those inside content controls (w:sdt)."""
    for element in parent.iterchildren():
        if element.tag in (qn("w:p"), qn("w:tbl")):
            yield element
        elif element.tag != qn("w:sectPr"):
            yield from _body_elements(element)


def _table_blocks(table: Element) -> list[RawBlock]:
    """A table is kept as text: one paragraph per row, cells separated by “ | ”."""
    rows = []
    for row in table.iter(qn("w:tr")):
        cells = ["".join(t.text or "" for t in cell.iter(qn("w:t"))).strip() for cell in row.iter(qn("w:tc"))]
        if any(cells):
            rows.append(" | ".join(cells))
    return [RawBlock(row, from_word=True, lead_known=True, table=True) for row in rows]
