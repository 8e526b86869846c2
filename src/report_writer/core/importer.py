"""Import last year's report from plain text (.txt, .md, pasted) or Word (.docx) into the model.

Text from a print layout is messy: sentences split across blank lines, photo captions standing
alone between paragraphs, page furniture. The importer classifies each block (title, subtitle,
byline, heading, caption, text), joins split sentences, turns figures into fields and gives each
section a kind. Nothing is dropped: what it cannot place becomes a paragraph and a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from report_writer.core.model import Figure, MediaItem, Paragraph, Report, Section
from report_writer.core.statistics import extract_fields

TERMINAL = "。！？…；：”’）】」』!?;:"
HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)\s*")
PAGE_FURNITURE = re.compile(r"^\s*(?:[-—－]\s*\d+\s*[-—－]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+)\s*$")
CREDIT = re.compile(r"(?:供图|摄影?|图片来源|图/|图：)")
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "思想政治引领": ("思想", "政治", "理论", "学习", "党的领导", "主题教育", "引领", "方向", "党建", "忠诚"),
    "建言资政": ("建言", "资政", "调研", "提案", "中心", "大局", "发展", "献策", "担当", "参政"),
    "协商平台": ("协商", "平台", "品牌", "议事", "商量"),
    "民主监督": ("监督", "评议", "督办"),
    "凝聚共识": ("共识", "团结", "同心", "界别", "联谊", "凝心", "双城"),
    "委员履职": ("委员", "履职", "工作室", "为民", "服务群众"),
    "自身建设": ("自身建设", "队伍", "机关", "制度", "作风", "能力", "内功", "过硬"),
    "结语": ("展望", "新的一年", "将继续", "新征程"),
}
MAX_TEXT_CHARS = 2_000_000


class ReportImportError(Exception):
    """The file cannot be imported; the message says why in Chinese."""


@dataclass
class RawBlock:
    text: str
    heading_hint: bool = False  # Word told us (outline level, heading style, bold/large/centred line)
    title_hint: bool = False
    caption_hint: bool = False
    lead_known: bool = False  # Word marks leads with formatting, so no guessing from the words
    lead: str | None = None  # a run-in lead phrase Word set apart (bold or our 段首语 style)
    image: MediaItem | None = None


@dataclass
class ImportResult:
    report: Report
    warnings: list[str] = field(default_factory=list)


def _is_page_furniture(text: str) -> bool:
    return bool(PAGE_FURNITURE.match(text))


def is_heading(text: str) -> bool:
    """Paired phrases (两个短语，空格分开), short verb-object heads (明方向，把稳“思想之舵”), numbered heads."""
    stripped = text.strip()
    if not stripped or len(stripped) > 40 or stripped[-1] in "。！？；…":
        return False
    if HEADING_NUMBER.match(stripped) and len(stripped) <= 40 and "。" not in stripped:
        return True
    parts = [p for p in re.split(r"[ \u3000]+", stripped) if p]
    if len(parts) == 2 and all(4 <= len(p) <= 20 for p in parts) and "，" not in stripped:
        return True
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}，[^，。！？；]{3,16}", stripped))


def is_caption(text: str) -> bool:
    stripped = text.strip()
    if not stripped or len(stripped) > 70:
        return False
    if stripped.startswith("图为") or CREDIT.search(stripped) or (stripped[0] in "（(" and stripped[-1] in "）)"):
        return True
    if any(c in stripped for c in "。，；！？") or stripped[-1] in TERMINAL:
        return False
    return "政协" in stripped and len(stripped) >= 6


def _split_lead(text: str) -> tuple[str | None, str]:
    """A short opening clause ending in 。 (聚焦热点建言献策。) is a run-in lead phrase."""
    match = re.match(r"^([^，。；：！？“”]{4,16}。)(.+)$", text, re.S)
    if match and not re.search(r"\d", match.group(1)):
        return match.group(1), match.group(2)
    return None, text


def classify_kind(heading: str, body: str) -> str:
    from report_writer.language import segment

    words = [w for w, _s, _e in segment.tokens(heading + "。" + body[:600])]
    heading_words = set(w for w, _s, _e in segment.tokens(heading)) if heading else set()
    scores: dict[str, float] = {}
    for kind, keys in KIND_WORDS.items():
        score = 0.0
        for key in keys:
            score += 3 * heading.count(key) + 0.2 * sum(1 for w in words if w == key or (len(key) > 2 and key in w))
            if key in heading_words:
                score += 1
        scores[kind] = score
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0.5 else "其他"


def _join_split_sentences(blocks: list[RawBlock]) -> list[RawBlock]:
    """Text blocks that do not end a sentence continue in the next text block (captions and page
    furniture between them are kept, in front of the joined paragraph)."""
    out: list[RawBlock] = []
    pending_text: RawBlock | None = None
    held: list[RawBlock] = []
    for block in blocks:
        text = block.text.strip()
        kind = "image" if block.image else ("heading" if (block.heading_hint or is_heading(text)) else
                                             ("caption" if is_caption(text) else "text"))
        if kind in ("caption", "image") and pending_text is not None:
            held.append(block)
            continue
        if kind == "text" and pending_text is not None:
            pending_text = RawBlock(pending_text.text.rstrip() + text, lead=pending_text.lead)
            if text[-1:] in TERMINAL:
                out.append(pending_text)
                out.extend(held)
                pending_text, held = None, []
            continue
        if pending_text is not None:
            out.append(pending_text)
            out.extend(held)
            pending_text, held = None, []
        if kind == "text" and text[-1:] not in TERMINAL and len(text) > 30:
            pending_text = block
            continue
        out.append(block)
    if pending_text is not None:
        out.append(pending_text)
    out.extend(held)
    return out


def build_report(blocks: list[RawBlock], source_name: str) -> ImportResult:
    warnings: list[str] = []
    blocks = [b for b in blocks if b.image is not None or (b.text.strip() and not _is_page_furniture(b.text))]
    if not blocks:
        raise ReportImportError(f"{source_name} 中没有可导入的文字。")
    title = subtitle = byline = ""
    index = 0
    pre_captions: list[RawBlock] = []
    while index < len(blocks) and index < 4 and not title:
        block = blocks[index]
        text = block.text.strip()
        if block.image is None and (block.title_hint or (len(text) <= 40 and text[-1:] not in "。！？")) and not text.startswith("——"):
            title = re.sub(r"\s*\n\s*", " ", text)
        elif block.image is not None:
            pre_captions.append(block)
        index += 1
    if index < len(blocks) and blocks[index].text.strip().startswith(("——", "--", "—")):
        subtitle = "——" + blocks[index].text.strip().lstrip("—-－ ")
        index += 1
    if index < len(blocks) and re.search(r"(记者|通讯员|文/|供稿|撰稿)", blocks[index].text) and len(blocks[index].text) < 40:
        byline = blocks[index].text.strip()
        index += 1
    if not title:
        warnings.append("没有找到标题，请在“标题”中补上。")
    body = _join_split_sentences(pre_captions + blocks[index:])
    report = Report(org_full="", org_short="", year=0, title=title, subtitle=subtitle, byline=byline, template_id="")
    current = Section(kind="导语", heading="", blocks=[])
    sections = [current]
    last_figure: Figure | None = None
    for block in body:
        text = block.text.strip()
        if block.image is not None:
            last_figure = Figure(image=block.image.sha256, caption="")
            report.media[block.image.sha256] = block.image
            current.blocks.append(last_figure)
            continue
        if block.heading_hint or is_heading(text):
            heading = HEADING_NUMBER.sub("", text).strip()
            if current.blocks or current.heading:
                current = Section(kind="其他", heading=heading, blocks=[])
                sections.append(current)
            else:
                current.heading, current.kind = heading, "其他"
            last_figure = None
            continue
        after_picture = last_figure is not None and not last_figure.caption and len(text) <= 70 and text[-1:] != "。"
        if block.caption_hint or is_caption(text) or after_picture:
            if last_figure is not None and not last_figure.caption:
                last_figure.caption = text
            else:
                current.blocks.append(Figure(image=None, caption=text))
            last_figure = None
            continue
        if block.lead and text.startswith(block.lead):
            lead, rest = block.lead, text[len(block.lead):]
        else:
            lead, rest = (None, text) if block.lead_known else _split_lead(text)
        paragraph = Paragraph(parts=[rest], lead=lead)
        extract_fields(paragraph, report.fields)
        current.blocks.append(paragraph)
        last_figure = None
    report.sections = [s for s in sections if s.blocks or s.heading]
    _split_closing(report)
    for section in report.sections:
        body_text = "".join(b.text(report.fields) for b in section.blocks if isinstance(b, Paragraph))
        if section.heading:
            section.kind = classify_kind(section.heading, body_text)
        elif section is not report.sections[0]:
            section.kind = classify_kind("", body_text)
    if len(report.sections) > 1 and not report.sections[-1].heading:
        report.sections[-1].kind = "结语"
    _fill_identity(report, warnings)
    for section in report.sections:
        missing = sum(1 for b in section.blocks if isinstance(b, Figure) and not b.caption)
        warnings.extend([f"“{section.heading or section.kind}”中有一张图片没有图注。"] * missing)
    return ImportResult(report, warnings)


CLOSING_CUES = re.compile(r"^(?:征程|展望|新的一年|站在新的起点|回望来路|立足当下|风劲|新征程|未来|(?:19|20)\d{2}年，[^。]{0,20}将)")


def _split_closing(report: Report) -> None:
    """A closing paragraph printed without a heading after the last section becomes a 结语 section."""
    if len(report.sections) < 2 or not report.sections[-1].heading:
        return
    last = report.sections[-1]
    tail = last.blocks[-1] if last.blocks else None
    if isinstance(tail, Paragraph) and len(last.blocks) > 1 and CLOSING_CUES.match(tail.text(report.fields)):
        last.blocks.pop()
        report.sections.append(Section(kind="结语", heading="", blocks=[tail]))


def _fill_identity(report: Report, warnings: list[str]) -> None:
    """Year and organisation from the subtitle or title (——重庆市涪陵区政协2023年工作回眸)."""
    source = report.subtitle + " " + report.title
    year = re.search(r"((?:19|20)\d{2})年", source)
    report.year = int(year.group(1)) if year else 0
    if not year:
        warnings.append("没有从标题中识别出年度，请在“标题”中填写报告年度。")
    org = re.search(r"((?:[\u4e00-\u9fff]{2,3}[省市])?[\u4e00-\u9fff]{2,6}?(?:区|县|市|自治县|旗))政协", source)
    if org:
        report.org_full = org.group(1) + "政协"
        short = re.sub(r"^[\u4e00-\u9fff]{2,3}[省市](?=[\u4e00-\u9fff]{2,}(?:区|县|旗))", "", org.group(1))
        report.org_short = short + "政协"
    else:
        warnings.append("没有识别出单位名称，请在“标题”中填写单位全称和简称。")


def text_blocks(text: str) -> list[RawBlock]:
    """Blocks of plain text: lines separated by blank lines; Markdown headings and emphasis understood."""
    blocks: list[RawBlock] = []
    for chunk in re.split(r"\n[ \t\u3000]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        markdown_heading = lines[0].startswith("#")
        for line in lines if not markdown_heading else lines[:1]:
            clean = re.sub(r"^#+\s*", "", line)
            lead = None
            bold = re.match(r"^\*\*(.+?)\*\*(.*)$", clean)
            if bold:
                lead, clean = bold.group(1), bold.group(1) + bold.group(2)
            blocks.append(RawBlock(clean.replace("**", ""), heading_hint=markdown_heading and not line.startswith("# "),
                                   title_hint=line.startswith("# "), lead=lead))
        if markdown_heading and len(lines) > 1:
            blocks.append(RawBlock("".join(lines[1:])))
    return _join_two_line_headings(blocks)


def _short_phrase(text: str) -> bool:
    return 4 <= len(text) <= 20 and not re.search(r"[，。；：！？、“”]", text) and "政协" not in text[:4]


def _join_two_line_headings(blocks: list[RawBlock]) -> list[RawBlock]:
    """A paired heading printed as two short lines (突出特色创新实践 / 推动协商品牌更加响亮) is one heading."""
    out: list[RawBlock] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (following is not None and block.image is None and following.image is None and index > 1
                and _short_phrase(block.text.strip()) and _short_phrase(following.text.strip())
                and not is_caption(block.text) and not is_caption(following.text)
                and (following.text.strip().startswith(("推动", "服务", "共同", "更加", "展现", "政协")) or
                     re.search(r"(更加|取得新|新作为|新成效|新进展|新篇章)", following.text))):
            out.append(RawBlock(f"{block.text.strip()} {following.text.strip()}", heading_hint=True))
            index += 2
            continue
        out.append(block)
        index += 1
    return out


def import_text(text: str, source_name: str = "文本") -> ImportResult:
    if len(text) > MAX_TEXT_CHARS:
        raise ReportImportError(f"{source_name} 太长（超过 200 万字），请确认选择的是工作综述。")
    return build_report(text_blocks(text), source_name)


def import_file(path: str | Path) -> ImportResult:
    """Import a .docx, .txt or .md file; every failure is an ReportImportError with a clear message."""
    from report_writer.language.sources import SourceError, read_text_file

    source = Path(path)
    if not source.is_file():
        raise ReportImportError(f"找不到文件：{source}")
    if source.stat().st_size == 0:
        raise ReportImportError(f"{source.name} 是空文件。")
    suffix = source.suffix.lower()
    try:
        if suffix == ".docx":
            from report_writer.core.docx_import import docx_blocks

            return _checked(build_report(docx_blocks(source), source.name))
        if suffix in (".txt", ".md", ".markdown"):
            return _checked(import_text(read_text_file(source), source.name))
    except SourceError as exc:
        raise ReportImportError(str(exc)) from exc
    raise ReportImportError(f"不支持的文件类型：{suffix or '无扩展名'}（可导入 .docx、.txt、.md；.doc 请先另存为 .docx）")


def _checked(result: ImportResult) -> ImportResult:
    """The boundary check every import passes (core/sanitize.py): XML-safe text, bounded lengths."""
    from report_writer.core.model import ModelError
    from report_writer.core.sanitize import check_report

    try:
        result.warnings.extend(check_report(result.report, shorten_names=True))
    except ModelError as exc:
        raise ReportImportError(f"无法导入：{exc}") from exc
    return result
