"""Import last year's report from plain text (.txt, .md, pasted) or Word (.docx) into the model.

Text from a print layout is messy: sentences split across blank lines, photo captions standing alone
where a picture was, page furniture. A Word file is read as Word: a paragraph is a paragraph, a short
centred line under a picture is its caption, a bold opening run is a run-in lead. The importer
classifies each block (title, subtitle, byline, heading, caption, text), turns figures into fields (one
field per figure, however often it is cited) and gives each section a kind.

Nothing is lost: every non-space character of the input ends in the report or in a warning that names
what was left out and why (page chrome, page numbers). The importer checks this itself before it returns.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from report_writer.core import import_shapes as shapes
from report_writer.core.import_blocks import (  # noqa: F401  (RawBlock, ReportImportError … are this module's API too)
    TERMINAL,
    ImportResult,
    RawBlock,
    ReportImportError,
    body_like,
    front_matter,
    is_caption,
    is_heading,
    join_split_sentences,
    join_two_line_headings,
    join_wrapped_heads,
    placed_text,
    squeeze,
    starts_fragment_elsewhere,
    text_blocks,
)
from report_writer.core.import_fields import merge_same_figures
from report_writer.core.level import derive_level
from report_writer.core.model import Block, Figure, Paragraph, Report, Section
from report_writer.core.statistics import extract_fields

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


def classify_kind(heading: str, body: str) -> str:
    """The section's kind from its words: heading words weigh most (substring counts, no segmentation,
    so a long file imports fast)."""
    text = heading + "。" + body[:600]
    scores: dict[str, float] = {}
    for kind, keys in KIND_WORDS.items():
        scores[kind] = sum(
            3 * heading.count(key) + 0.2 * text.count(key) + (1 if key in heading else 0) for key in keys
        )
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0.5 else "其他"


# ---- the body: sections, paragraphs, figures ------------------------------------------------------


def _heading_of(block: RawBlock, following: RawBlock | None, shape_headings: bool) -> tuple[str, str] | None:
    """(marker, heading) when the block is a section heading."""
    text = block.text.strip()
    numbered = shapes.numbered_heading(text)
    if block.heading_hint and text[-1:] not in "。；，、：;,:" and "。" not in text:
        marker, rest = shapes.split_marker(text)
        return (block.numbering or marker, rest) if rest else None
    if numbered:
        return numbered
    if (
        shape_headings
        and shapes.plain_heading_shape(text)
        and (body_like(following) or (following is not None and is_heading(following.text)))
    ):
        return "", text
    return None


# Where a draft (ours) shows a photo still to insert: 〔此处插入图片〕, 〔此处插入图片：全体会议〕.
PHOTO_PLACEHOLDER = re.compile(r"[〔\[（(]?此处插入图片(?:[：:]\s*(.+?))?[〕\]）)]?")


def _body_sections(
    report: Report, body: list[RawBlock], warnings: list[str], from_word: bool
) -> list[Section]:
    current = Section(kind="导语", heading="", blocks=[])
    sections = [current]
    last_figure: Figure | None = None
    shape_headings = not from_word or not any(b.heading_hint for b in body)
    leads_by_format = from_word and any(b.lead for b in body)
    comma_leads = _comma_leads_in_series(body) if not leads_by_format else False
    for position, block in enumerate(body):
        text = block.text.strip()
        if block.table:
            current.blocks.append(Paragraph(parts=[text]))
            last_figure = None
            continue
        if block.image is not None:
            last_figure = Figure(image=block.image.sha256, caption="")
            report.media[block.image.sha256] = block.image
            current.blocks.append(last_figure)
            continue
        placeholder = PHOTO_PLACEHOLDER.fullmatch(text)
        if placeholder:  # a photo still to insert, as our own draft export writes it
            last_figure = Figure(image=None, caption="", placeholder=placeholder.group(1) or "")
            current.blocks.append(last_figure)
            continue
        after_picture = last_figure is not None and not last_figure.caption
        following = body[position + 1] if position + 1 < len(body) else None
        if block.caption_hint or (after_picture and _caption_after_picture(block)):
            if last_figure is not None and not last_figure.caption:
                last_figure.caption = text
            else:
                current.blocks.append(Figure(image=None, caption=text))
            last_figure = None
            continue
        last_figure = None
        heading = (
            None
            if (shapes.is_caption(text) and not block.heading_hint)
            else _heading_of(block, following, shape_headings)
        )
        if heading is not None:
            marker, title = heading
            if current.blocks or current.heading or current.numbering:
                current = Section(kind="其他", heading=title, blocks=[], numbering=marker)
                sections.append(current)
            else:
                current.heading, current.kind, current.numbering = title, "其他", marker
            continue
        if not block.from_word and (
            shapes.is_caption(text)
            or (
                block.blank_before >= 3
                and len(text) <= 60
                and shapes.caption_shape(text, True)
                and text[-1:] != "。"
            )
        ):
            current.blocks.append(Figure(image=None, caption=text))  # the caption of a photo the text lost
            continue
        if block.lead and text.startswith(block.lead):
            lead, rest = block.lead, text[len(block.lead) :]
        elif leads_by_format:
            lead, rest = None, text
        else:
            lead, rest = shapes.split_lead(text, comma_leads)
        paragraph = Paragraph(parts=[rest], lead=lead)
        extract_fields(paragraph, report.fields)
        current.blocks.append(paragraph)
    return [s for s in sections if s.blocks or s.heading or s.numbering]


def _caption_after_picture(block: RawBlock) -> bool:
    text = block.text.strip()
    if not shapes.caption_shape(text, True) or shapes.numbered_heading(text):
        return False
    if block.from_word:
        return block.centred or len(text) <= 40 or shapes.is_caption(text)
    return len(text) <= 70


def _comma_leads_in_series(body: list[RawBlock]) -> bool:
    """Leads of the form 坚定捍卫“两个确立”，坚守政治底色。 count only where several paragraphs open so."""
    count = 0
    for block in body:
        lead, _rest = shapes.split_lead(block.text.strip(), True)
        if lead and "，" in lead:
            count += 1
    return count >= 2


# ---- warnings about the print layout ------------------------------------------------------------


def _layout_warnings(report: Report, warnings: list[str]) -> None:
    """Blocks standing out of order in a print layout (兴、重点项目建设… between sections): named with
    their place."""
    for number, section in enumerate(report.sections, start=1):
        place = f"“{section.heading}”" if section.heading else f"第{number}部分（{section.kind}）"
        paragraphs = [b for b in section.blocks if isinstance(b, Paragraph)]
        for index, paragraph in enumerate(paragraphs, start=1):
            text = paragraph.text(report.fields).strip()
            if starts_fragment_elsewhere(text) or re.match(r"^[，。；、：）」』]", text):
                warnings.append(
                    f"{place}第{index}段“{text[:12]}…”像是版面中断开的后半句，请把它移到前文对应位置。"
                )
            elif text and text[-1] not in TERMINAL and len(text) > 30:
                warnings.append(f"{place}第{index}段“…{text[-12:]}”没有结束，后半句可能在别处，请核对。")


CLOSING_CUES = re.compile(
    r"^(?:征程|展望|新的一年|站在新的起点|回望来路|立足当下|风劲|新征程|未来|(?:19|20)\d{2}年，[^。]{0,20}将|(?:19|20)\d{2}年是)"
)


def _split_closing(report: Report, warnings: list[str]) -> None:
    """A closing paragraph printed without a heading after a section's text becomes a 结语 section; in a
    print layout it may stand between sections, which a warning names."""
    if len(report.sections) < 2 or any(s.kind == "结语" and not s.heading for s in report.sections[1:]):
        return
    if not report.sections[-1].heading:
        return
    for position, section in enumerate(report.sections):
        if not section.heading:
            continue
        paragraphs = [i for i, b in enumerate(section.blocks) if isinstance(b, Paragraph)]
        if len(paragraphs) < 2:
            continue
        for start in paragraphs[-3:]:
            tail = section.blocks[start]
            later = section.blocks[start + 1 :]
            assert isinstance(tail, Paragraph)  # `paragraphs` holds only their indices
            if CLOSING_CUES.match(tail.text(report.fields)):
                moved: list[Block] = [b for b in section.blocks[start:] if isinstance(b, Paragraph)]
                section.blocks = [b for b in section.blocks[:start]] + [
                    b for b in later if not isinstance(b, Paragraph)
                ]
                report.sections.insert(position + 1, Section(kind="结语", heading="", blocks=moved))
                if position + 1 != len(report.sections) - 1:
                    warnings.append(
                        f"结束语“{tail.text(report.fields)[:12]}…”排在“{section.heading}”之后、"
                        "其他部分之前，可能是版面顺序，请把它移到末尾。"
                    )
                return


def _fill_identity(report: Report, warnings: list[str]) -> None:
    """Year and organisation from the subtitle or title (——重庆市涪陵区政协2023年工作回眸)."""
    source = report.subtitle + " " + report.title
    year = re.search(r"((?:19|20)\d{2})年", source)
    report.year = int(year.group(1)) if year else 0
    if not year:
        warnings.append("没有从标题中识别出年度，请在“标题”中填写报告年度。")
    org = re.search(
        r"((?:[\u4e00-\u9fff]{2,3}[省市])?[\u4e00-\u9fff]{2,6}?(?:区|县|市|自治县|旗))政协", source
    ) or re.search(
        r"(?:政协|中国人民政治协商会议)(?:第[一二三四五六七八九十]+届)?((?:[\u4e00-\u9fff]{2,3}[省市])?[\u4e00-\u9fff]{1,6}?"
        r"(?:区|县|市|自治县|旗))(?:第[一二三四五六七八九十]+届)?委员会",
        source,
    )
    if org:
        report.org_full = org.group(1) + "政协"
        short = re.sub(r"^[\u4e00-\u9fff]{2,3}[省市](?=[\u4e00-\u9fff]{2,}(?:区|县|旗))", "", org.group(1))
        report.org_short = short + "政协"
    else:
        warnings.append("没有识别出单位名称，请在“标题”中填写单位全称和简称。")


# ---- assembling the report ----------------------------------------------------------------------


def build_report(blocks: list[RawBlock], source_name: str) -> ImportResult:
    warnings: list[str] = []
    dropped: list[tuple[str, str]] = []
    source_text = "\n".join(b.text for b in blocks if b.image is None)
    from_word = any(b.from_word for b in blocks)
    kept: list[RawBlock] = []
    for block in blocks:
        text = block.text.strip()
        if block.image is None and not text:
            continue
        if block.image is None and shapes.is_chrome(text):
            why = (
                "页码"
                if re.fullmatch(r"[-—－\s\d第页共]+", text)
                else ("拼音或网址" if shapes.is_latin_noise(text) else "网页或版面上的栏目文字")
            )
            dropped.append((text, why))
            continue
        kept.append(block)
    if dropped:
        names = "、".join(f"“{t}”" for t, _why in dropped[:8]) + ("等" if len(dropped) > 8 else "")
        warnings.append(f"已略去 {len(dropped)} 处不属于报告正文的页码、网页栏目文字或拼音：{names}。")
    if not kept:
        raise ReportImportError(f"{source_name} 中没有可导入的文字。")
    _drop_repeated_headline(kept, dropped, warnings)
    front = front_matter(kept)
    body = kept[front.end :]
    if not from_word:
        body = join_split_sentences(join_wrapped_heads(body))
    body = join_two_line_headings(body)
    _drop_profile_numbers(body, dropped, warnings)
    report = Report(
        org_full="",
        org_short="",
        year=0,
        title=front.title,
        subtitle=front.subtitle,
        byline=" ".join(front.byline),
        template_id="",
    )
    if not report.title:
        warnings.append("没有找到标题，请在“标题”中补上。")
    report.sections = _body_sections(report, body, warnings, from_word)
    _split_closing(report, warnings)
    for section in report.sections:
        body_text = "".join(b.text(report.fields) for b in section.blocks if isinstance(b, Paragraph))
        if section.heading:
            section.kind = classify_kind(section.heading, body_text)
        elif section is not report.sections[0] and section.kind != "结语":
            section.kind = classify_kind("", body_text)
    if len(report.sections) > 1 and not report.sections[-1].heading:
        report.sections[-1].kind = "结语"
    merge_same_figures(report)
    tables = sum(1 for b in body if b.table)
    if tables:
        warnings.append(f"原文中的表格已按行转为 {tables} 段文字（单元格以“ | ”分隔），请核对。")
    _fill_identity(report, warnings)
    report.level = derive_level(
        report.org_full, report.org_short
    )  # 县 for a 县政协's report (names came late)
    _layout_warnings(report, warnings)
    for section in report.sections:
        missing = sum(1 for b in section.blocks if isinstance(b, Figure) and b.image and not b.caption)
        warnings.extend([f"“{section.heading or section.kind}”中有一张图片没有图注。"] * missing)
    result = ImportResult(report, warnings, dropped)
    _keep_every_character(result, source_text)
    return result


def _drop_profile_numbers(body: list[RawBlock], dropped: list[tuple[str, str]], warnings: list[str]) -> None:
    """Our own 公文 export numbers its headings 一、二、三…; imported back, that numbering is the profile's,
    not part of the headings, so the round trip stays identical (the numbers are named in a warning)."""
    from report_writer.core.numerals import chinese_number

    own = [b for b in body if b.own_heading]
    if not own or len(own) != sum(1 for b in body if b.heading_hint):
        return
    markers = [shapes.split_marker(b.text)[0] for b in own]
    if markers != [f"{chinese_number(i)}、" for i in range(1, len(own) + 1)]:
        return
    for block, marker in zip(own, markers, strict=True):
        block.text = shapes.split_marker(block.text)[1]
        dropped.append((marker, "导出格式自动加的标题序号"))
    warnings.append(
        f"标题序号（{markers[0]}…{markers[-1]}）是导出格式自动加的，导入时不计入标题；导出时会按格式重新编号。"
    )


def _drop_repeated_headline(
    blocks: list[RawBlock], dropped: list[tuple[str, str]], warnings: list[str]
) -> None:
    """A web page's headline above the title it repeats (the same words on one line) is left out, named."""
    for start in range(min(3, len(blocks) - 1)):
        line = squeeze(blocks[start].text)
        if not line or blocks[start].image is not None or len(line) > 80:
            continue
        for count in (1, 2, 3):
            following = blocks[start + 1 : start + 1 + count]
            if (
                len(following) == count
                and all(b.image is None for b in following)
                and squeeze("".join(b.text for b in following)) == line
            ):
                dropped.append((blocks[start].text.strip(), "网页标题（与正文标题重复）"))
                warnings.append(f"已略去重复的网页标题：“{blocks[start].text.strip()}”。")
                del blocks[start]
                return


def _keep_every_character(result: ImportResult, source_text: str) -> None:
    """The invariant: every non-space character of the input is in the report or named as left out.
    Should a rule ever swallow text, the missing lines are put back at the end with a warning."""
    missing = Counter(squeeze(source_text)) - Counter(squeeze(placed_text(result)))
    if not missing:
        return
    placed = squeeze(placed_text(result))
    lines = [line.strip() for line in source_text.split("\n") if line.strip() and squeeze(line) not in placed]
    report = result.report
    if not report.sections:
        report.sections.append(Section(kind="其他", heading="", blocks=[]))
    for line in lines or ["".join(sorted(missing.elements()))]:
        report.sections[-1].blocks.append(Paragraph(parts=[line]))
    result.warnings.append(f"有 {len(lines) or 1} 段文字未能归入结构，已原样放在报告末尾，请移到合适位置。")


# ---- plain text and files ------------------------------------------------------------------------


def import_text(text: str, source_name: str = "文本", simplify: bool = False) -> ImportResult:
    if len(text) > MAX_TEXT_CHARS:
        raise ReportImportError(f"{source_name} 太长（超过 200 万字），请确认选择的是工作综述。")
    from report_writer.core import script

    traditional = script.is_traditional(text)
    if simplify and traditional:
        text = _simplified(text)
    markup: list[str] = []
    blocks = text_blocks(text, markup)
    originals = _read_by_probe(blocks) if traditional and not simplify else None
    result = build_report(blocks, source_name)
    if originals:
        _restore_original(result, *originals)
    if "".join(markup):
        result.dropped.append(("".join(markup), "Markdown 标记"))
        result.warnings.append("已按 Markdown 读取标题和加粗标记（#、**），这些符号不计入正文。")
    _note_script(result, traditional, simplify)
    return result


def _read_by_probe(blocks: list[RawBlock]) -> tuple[str, str] | None:
    """Traditional text imported as it is: the rules read a simplified probe of each block (same length);
    the report's text is cut back from the original afterwards."""
    from report_writer.core import script

    try:
        original = "".join(b.text for b in blocks)
        for block in blocks:
            block.text = script.probe(block.text)
            block.lead = script.probe(block.lead) if block.lead else block.lead
    except script.ConversionUnavailable:
        return None
    return "".join(b.text for b in blocks), original


def _restore_original(result: ImportResult, probe_text: str, original: str) -> None:
    def back(piece: str) -> str:
        if not piece:
            return piece
        at = probe_text.find(piece)
        if at >= 0:
            return original[at : at + len(piece)]
        return (
            " ".join(back(part) if part != piece else part for part in piece.split(" "))
            if " " in piece
            else piece
        )

    report = result.report
    report.title, report.subtitle, report.byline = (
        back(report.title),
        back(report.subtitle),
        back(report.byline),
    )
    for section in report.sections:
        section.heading, section.numbering = back(section.heading), back(section.numbering)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                block.lead = back(block.lead) if block.lead else block.lead
                block.parts = [back(p) if isinstance(p, str) else p for p in block.parts]
            else:
                block.caption = back(block.caption)
    for item in report.fields.values():
        item.label, item.unit = back(item.label), back(item.unit)
    result.dropped = [(back(text), why) for text, why in result.dropped]


def _simplified(text: str) -> str:
    from report_writer.core import script

    try:
        return script.to_simplified(text)
    except script.ConversionUnavailable as exc:
        raise ReportImportError(str(exc)) from exc


def _note_script(result: ImportResult, traditional: bool, simplify: bool) -> None:
    result.traditional = traditional
    if traditional and simplify:
        result.warnings.append("原文是繁体字，已转换为简体字（OpenCC）。")
    elif traditional:
        result.warnings.append(
            "原文是繁体字，已按原样导入；如需简体，请选择“转为简体”（命令行：--simplify）。"
        )


def import_file(path: str | Path, simplify: bool = False) -> ImportResult:
    """Import a .docx, .txt or .md file; every failure is an ReportImportError with a clear message."""
    from report_writer.core.guards import SourceError, read_text_file

    source = Path(path)
    if not source.is_file():
        raise ReportImportError(f"找不到文件：{source}")
    if source.stat().st_size == 0:
        raise ReportImportError(f"{source.name} 是空文件。")
    suffix = source.suffix.lower()
    try:
        if suffix == ".docx":
            from report_writer.core import script
            from report_writer.core.docx_import import docx_blocks

            blocks = docx_blocks(source)
            traditional = script.is_traditional("".join(b.text for b in blocks[:400]))
            if simplify and traditional:
                for block in blocks:
                    block.text = _simplified(block.text)
                    block.lead = _simplified(block.lead) if block.lead else block.lead
            originals = _read_by_probe(blocks) if traditional and not simplify else None
            result = build_report(blocks, source.name)
            if originals:
                _restore_original(result, *originals)
            _note_script(result, traditional, simplify)
            return _checked(result)
        if suffix in (".txt", ".md", ".markdown"):
            return _checked(
                import_text(
                    _text_within_budget(read_text_file(source), source.name), source.name, simplify=simplify
                )
            )
    except SourceError as exc:
        raise ReportImportError(str(exc)) from exc
    raise ReportImportError(
        f"不支持的文件类型：{suffix or '无扩展名'}（可导入 .docx、.txt、.md；.doc 请先另存为 .docx）"
    )


def _checked(result: ImportResult) -> ImportResult:
    """The boundary check every import passes (core/sanitize.py): XML-safe text, bounded lengths."""
    from report_writer.core.model import ModelError
    from report_writer.core.sanitize import check_report

    try:
        result.warnings.extend(check_report(result.report, shorten_names=True))
    except ModelError as exc:
        raise ReportImportError(f"无法导入：{exc}") from exc
    return result


def _text_within_budget(text: str, source_name: str) -> str:
    """Refuse, before parsing, a text whose paragraphs could not fit the report budget anyway."""
    from report_writer.core.sanitize import MAX_BLOCKS

    paragraphs = sum(1 for line in text.splitlines() if line.strip())
    if paragraphs > MAX_BLOCKS * 3:
        raise ReportImportError(
            f"{source_name} 有 {paragraphs} 段，超过上限 {MAX_BLOCKS * 3} 段，请确认选择的是工作综述。"
        )
    return text
