"""The raw blocks an import reads (lines of pasted text, paragraphs of a Word file) and what is done to them
before sections are built: the front matter (dateline, title over lines, subtitle or occasion line, speaker,
byline) and the repairs pasted print-layout text needs (split sentences, heads over two lines)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from report_writer.core import import_shapes as shapes
from report_writer.core.model import MediaItem, Paragraph, Report

TERMINAL = "。！？…；：”’）】」』!?;:"


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
    from_word: bool = False  # a Word paragraph: never joined with the next one
    centred: bool = False
    blank_before: int = 0  # blank lines above it in plain text (three where a photo stood)
    numbering: str = ""  # a marker Word's list numbering draws (not part of the text)
    table: bool = False  # a row of a Word table, kept as a paragraph of text
    subtitle_hint: bool = False  # Word's Subtitle / 副标题 style
    own_heading: bool = (
        False  # in our own export's heading style (its number is the profile's, not the writer's)
    )


@dataclass
class ImportResult:
    report: Report
    warnings: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(
        default_factory=list
    )  # (text left out, why), each named in a warning
    traditional: bool = False  # the text is in traditional characters (import --simplify converts it)


def placed_text(result: ImportResult) -> str:
    """Every piece of text the import kept or named as left out (for the never-lose-a-character check)."""
    report = result.report
    pieces = [report.title, report.subtitle, report.byline]
    for section in report.sections:
        pieces.append(section.numbering + section.heading)
        for block in section.blocks:
            pieces.append(block.text(report.fields) if isinstance(block, Paragraph) else block.caption)
    pieces.extend(text for text, _why in result.dropped)
    return "\n".join(pieces)


def squeeze(text: str) -> str:
    return "".join(text.split())


def is_heading(text: str) -> bool:
    """Numbered heads (一、 （一） 1. ■), paired phrases, short verb-object heads (明方向，把稳“思想之舵”)."""
    return shapes.numbered_heading(text) is not None or shapes.plain_heading_shape(text)


def is_caption(text: str) -> bool:
    return shapes.is_caption(text)


# ---- front matter: dateline, title over lines, subtitle or occasion line, speaker, byline ----------


@dataclass
class FrontMatter:
    title: str = ""
    subtitle: str = ""
    byline: list[str] = field(default_factory=list)
    end: int = 0


def front_matter(blocks: list[RawBlock]) -> FrontMatter:
    front = FrontMatter()
    index = 0

    def text(i: int) -> str:
        return blocks[i].text.strip() if i < len(blocks) and blocks[i].image is None else ""

    while text(index) and shapes.is_media_marker(text(index)) and index < 4:
        front.byline.append(text(index))
        index += 1
    first = text(index)
    if (
        first
        and (blocks[index].title_hint or shapes.title_like(first))
        and not shapes.is_subtitle(first)
        and not shapes.is_speaker(first)
        and not shapes.numbered_heading(first)
    ):
        lines = [first]
        index += 1
        while text(index) and len(lines) < 4:
            following = text(index)
            word_title = blocks[index].title_hint and blocks[index - 1].title_hint
            paired = (
                not blocks[index].from_word
                and len(lines) == 1
                and len(first) <= 20
                and len(following) <= 20
                and shapes.short_phrase(first)
                and shapes.short_phrase(following)
                and shapes.is_subtitle(text(index + 1))
            )
            if (
                not (word_title or shapes.joins_title(lines[-1], following) or paired)
                or shapes.is_subtitle(following)
                or blocks[index].subtitle_hint
            ):
                break
            lines.append(following)
            index += 1
        front.title = " ".join(lines)
    for _ in range(5):
        line = text(index)
        if not line:
            break
        if not front.subtitle and (shapes.is_subtitle(line) or blocks[index].subtitle_hint):
            front.subtitle = line
            if shapes.continues_subtitle(line, text(index + 1)):
                front.subtitle = f"{line}{text(index + 1)}"
                index += 1
        elif (
            shapes.is_date_line(line)
            or (shapes.is_speaker(line) and (front.title or front.subtitle))
            or shapes.is_byline(line)
            or shapes.is_media_marker(line)
        ):
            front.byline.append(line)
        else:
            break
        index += 1
    front.end = index
    return front


# ---- plain-text repairs: split sentences, headings over two lines ----------------------------------


def kind_of(block: RawBlock) -> str:
    text = block.text.strip()
    if block.image is not None:
        return "image"
    if block.heading_hint or is_heading(text):
        return "heading"
    if (
        block.caption_hint
        or shapes.is_caption(text)
        or (
            block.blank_before >= 3
            and shapes.caption_shape(text, True)
            and len(text) <= 60
            and text[-1:] != "。"
        )
    ):
        return "caption"
    return "text"


def join_split_sentences(blocks: list[RawBlock]) -> list[RawBlock]:
    """Pasted text only: a text block that does not end a sentence continues in the next text block
    (captions and pictures between them are kept, in front of the joined paragraph)."""
    out: list[RawBlock] = []
    pending: RawBlock | None = None
    held: list[RawBlock] = []
    for block in blocks:
        text = block.text.strip()
        kind = kind_of(block)
        if pending is not None and kind in ("caption", "image"):
            held.append(block)
            continue
        # a caption or picture between the halves means the layout moved things: the next text block
        # is probably not the continuation, so the halves stay apart (and a warning names them)
        if pending is not None and kind == "text" and not held and not starts_fragment_elsewhere(text):
            pending = RawBlock(
                pending.text.rstrip() + text, lead=pending.lead, blank_before=pending.blank_before
            )
            if text[-1:] in TERMINAL:
                out.append(pending)
                out.extend(held)
                pending, held = None, []
            continue
        if pending is not None:
            out.append(pending)
            out.extend(held)
            pending, held = None, []
        if kind == "text" and text[-1:] not in TERMINAL and len(text) > 30:
            pending = block
            continue
        out.append(block)
    if pending is not None:
        out.append(pending)
    out.extend(held)
    return out


def _join_pairs(
    blocks: list[RawBlock], joined: Callable[[RawBlock, RawBlock, RawBlock | None], RawBlock | None]
) -> list[RawBlock]:
    """The blocks with each text block and the text block after it replaced by `joined(block, following,
    the one after)` where that gives one."""
    out: list[RawBlock] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        one = None
        if following is not None and block.image is None and following.image is None:
            one = joined(block, following, blocks[index + 2] if index + 2 < len(blocks) else None)
        if one is not None:
            out.append(one)
            index += 2
            continue
        out.append(block)
        index += 1
    return out


def join_wrapped_heads(blocks: list[RawBlock]) -> list[RawBlock]:
    """A long numbered head wrapped in a PDF copy (一、坚持…凝心铸魂， / 始终坚持…更加有力) is one head."""
    return _join_pairs(blocks, _wrapped_head)


def _wrapped_head(block: RawBlock, following: RawBlock, _after: RawBlock | None) -> RawBlock | None:
    text = block.text.strip()
    if shapes.split_marker(text)[0] and text[-1:] in "，、" and not shapes.split_marker(following.text)[0]:
        joined = text + following.text.strip()
        if shapes.numbered_heading(joined) and len(following.text.strip()) <= 40:
            return RawBlock(joined, blank_before=block.blank_before)
    return None


def starts_fragment_elsewhere(text: str) -> bool:
    """兴、重点项目建设… : a continuation whose other half stands elsewhere in a print layout."""
    return (
        bool(re.match(r"^[\u4e00-\u9fff]、(?![\u4e00-\u9fff]、)", text)) and not shapes.split_marker(text)[0]
    )


def join_two_line_headings(blocks: list[RawBlock]) -> list[RawBlock]:
    """A head printed as two short lines (打造委员进小院3.0版本 / 将政协协商延伸到群众家门口) is one head."""
    return _join_pairs(blocks, _two_line_heading)


def _two_line_heading(block: RawBlock, following: RawBlock, after: RawBlock | None) -> RawBlock | None:
    first, second = block.text.strip(), following.text.strip()
    if (
        shapes.short_phrase(first)
        and shapes.short_phrase(second)
        and not shapes.PART_HEAD_END.search(first)
        and not re.match(r"^(?:19|20)\d{2}", first)
        and (block.heading_hint == following.heading_hint)
        and (block.heading_hint or (after is not None and body_like(after)))
    ):
        return RawBlock(
            f"{first} {second}",
            heading_hint=True,
            from_word=block.from_word,
            centred=block.centred,
            blank_before=block.blank_before,
        )
    return None


def body_like(block: RawBlock | None) -> bool:
    if block is None or block.image is not None:
        return block is not None
    text = block.text.strip()
    return (len(text) >= 25 or text[-1:] in "。！？") and not is_heading(text)


def text_blocks(text: str, markup: list[str] | None = None) -> list[RawBlock]:
    """Blocks of plain text: one per line, with the blank lines above it; Markdown headings (# and a space)
    and bold leads understood, the marks they take off collected in `markup`."""
    blocks: list[RawBlock] = []
    blank = 0
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            blank += 1
            continue
        markdown_heading = re.match(r"^(#{1,6})\s+(?=\S)", stripped)
        clean = stripped[markdown_heading.end() :] if markdown_heading else stripped
        lead = None
        bold = re.match(r"^\*\*(.+?)\*\*(.*)$", clean)
        if bold:
            lead, clean = bold.group(1), bold.group(1) + bold.group(2)
        level = len(markdown_heading.group(1)) if markdown_heading else 0
        if markup is not None:
            markup.extend(["#" * level] if level else [])
            markup.extend(["****"] if bold else [])
            markup.extend(["**" * clean.count("**")] if bold else [])
        blocks.append(
            RawBlock(
                clean.replace("**", "") if bold else clean,
                heading_hint=level >= 2,
                title_hint=level == 1,
                lead=lead,
                blank_before=blank,
            )
        )
        blank = 0
    return blocks
