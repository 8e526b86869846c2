"""A section's blocks as a QTextDocument and back.

Field references are single object characters (U+FFFC) drawn by FieldTokenRenderer, so they are
atomic while editing: the cursor steps over one, Backspace removes it whole. Figures are object
characters in a paragraph of their own, drawn as thumbnail and caption. Run-in lead phrases carry
a character property and are drawn bold in a dark red.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPixmap,
    QPyTextObject,
    QTextBlock,
    QTextBlockFormat,
    QTextBlockUserData,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from report_writer.core.model import Block, Field, FieldRef, Figure, MediaItem, Paragraph, Section, new_id
from report_writer.gui.look import body_block_format

OBJECT = "\ufffc"
FIELD_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
FIGURE_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 2
PROP_FIELD = int(QTextFormat.Property.UserProperty) + 1
PROP_STYLE = int(QTextFormat.Property.UserProperty) + 2
PROP_LEAD = int(QTextFormat.Property.UserProperty) + 3
PROP_IMAGE = int(QTextFormat.Property.UserProperty) + 4
PROP_CAPTION = int(QTextFormat.Property.UserProperty) + 5
PROP_PLACEHOLDER = int(QTextFormat.Property.UserProperty) + 6  # what a photo still to insert should show
# A block's id (Paragraph.id, Figure.id): on a paragraph's block format, on a figure's character format.
PROP_BLOCK_ID = int(QTextFormat.Property.UserProperty) + 7

LEAD_COLOR = QColor("#8a1c1c")
FILLED_BG = QColor("#dbe9f9")
STALE_BG = QColor("#ffd8a8")
THUMB_MAX_W, THUMB_MAX_H = 360, 220


def plain_format() -> QTextCharFormat:
    return QTextCharFormat()


def lead_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setProperty(PROP_LEAD, True)
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setForeground(LEAD_COLOR)
    return fmt


def field_format(name: str, style: str = "plain") -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(FIELD_OBJECT)
    fmt.setProperty(PROP_FIELD, name)
    fmt.setProperty(PROP_STYLE, style)
    fmt.setToolTip("数字字段：双击修改数值")
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
    return fmt


def figure_format(
    image: str | None, caption: str, placeholder: str = "", block_id: str = ""
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(FIGURE_OBJECT)
    if block_id:
        fmt.setProperty(PROP_BLOCK_ID, block_id)
    fmt.setProperty(PROP_IMAGE, image or "")
    fmt.setProperty(PROP_CAPTION, caption)
    fmt.setProperty(PROP_PLACEHOLDER, placeholder)
    fmt.setToolTip("图片：双击修改图注或更换图片")
    return fmt


def figure_block_format() -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return fmt


def is_field(fmt: QTextFormat) -> bool:
    return fmt.objectType() == FIELD_OBJECT


def is_figure(fmt: QTextFormat) -> bool:
    return fmt.objectType() == FIGURE_OBJECT


class FieldTokenRenderer(QPyTextObject):
    """Draws a field reference as a rounded token showing the field's current value."""

    def __init__(self, fields: Callable[[], dict[str, Field]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fields = fields

    def _text(self, fmt: QTextFormat) -> tuple[str, bool]:
        name = fmt.stringProperty(PROP_FIELD)
        field = self._fields().get(name)
        if field is None:
            return f"〔未知字段 {name}〕", True
        return field.display(fmt.stringProperty(PROP_STYLE) or "plain"), field.needs_update()

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:  # noqa: N802 (Qt API)
        text, _ = self._text(fmt)
        metrics = QFontMetricsF(fmt.toCharFormat().font())
        return QSizeF(metrics.horizontalAdvance(text) + 6, metrics.height())

    def drawObject(
        self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument, pos: int, fmt: QTextFormat
    ) -> None:  # noqa: N802
        rect = QRectF(rect)
        text, stale = self._text(fmt)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#c77700") if stale else QColor("#7aa6d8")))
        painter.setBrush(QBrush(STALE_BG if stale else FILLED_BG))
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.setPen(QColor("#222222"))
        painter.setFont(fmt.toCharFormat().font())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class FigureRenderer(QPyTextObject):
    """Draws a figure as its thumbnail with the caption underneath."""

    def __init__(self, media: Callable[[], dict[str, MediaItem]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._media = media
        self._cache: dict[str, QPixmap] = {}

    def _pixmap(self, sha: str) -> QPixmap | None:
        if not sha:
            return None
        if sha not in self._cache:
            item = self._media().get(sha)
            if item is None:
                return None
            pixmap = QPixmap()
            pixmap.loadFromData(item.data)
            if not pixmap.isNull():
                pixmap = pixmap.scaled(
                    THUMB_MAX_W,
                    THUMB_MAX_H,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self._cache[sha] = pixmap
        return self._cache[sha]

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:  # noqa: N802
        pixmap = self._pixmap(fmt.stringProperty(PROP_IMAGE) or "")
        metrics = QFontMetricsF(fmt.toCharFormat().font())
        width = max(pixmap.width() if pixmap else 240, 240)
        height = (pixmap.height() if pixmap else 120) + metrics.height() * 1.6
        return QSizeF(width, height)

    def drawObject(
        self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument, pos: int, fmt: QTextFormat
    ) -> None:  # noqa: N802
        rect = QRectF(rect)
        pixmap = self._pixmap(fmt.stringProperty(PROP_IMAGE) or "")
        caption = fmt.stringProperty(PROP_CAPTION) or "（无图注）"
        painter.save()
        if pixmap and not pixmap.isNull():
            x = rect.x() + (rect.width() - pixmap.width()) / 2
            painter.drawPixmap(QPointF(x, rect.y()), pixmap)
            image_height = pixmap.height()
        else:
            image_height = 120
            painter.setPen(QPen(QColor("#999999"), 1, Qt.PenStyle.DashLine))
            painter.drawRect(QRectF(rect.x(), rect.y(), rect.width(), image_height))
            hint = Figure(None, placeholder=fmt.stringProperty(PROP_PLACEHOLDER) or "").placeholder_text()
            painter.setPen(QColor("#c77700"))
            painter.drawText(
                QRectF(rect.x(), rect.y(), rect.width(), image_height), Qt.AlignmentFlag.AlignCenter, hint
            )
        painter.setPen(QColor("#444444"))
        font = fmt.toCharFormat().font()
        font.setItalic(True)
        painter.setFont(font)
        caption_rect = QRectF(
            rect.x(), rect.y() + image_height + 2, rect.width(), rect.height() - image_height - 2
        )
        painter.drawText(caption_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, caption)
        painter.restore()

    def forget(self, sha: str) -> None:
        self._cache.pop(sha, None)


def fill_document(doc: QTextDocument, section: Section) -> None:
    """Write a section's blocks into an empty document (no undo history is recorded)."""
    doc.setUndoRedoEnabled(False)
    doc.clear()
    cursor = QTextCursor(doc)
    first = True
    for block in section.blocks:
        if not first:
            cursor.insertBlock()
        first = False
        if isinstance(block, Figure):
            cursor.setBlockFormat(figure_block_format())
            cursor.insertText(OBJECT, figure_format(block.image, block.caption, block.placeholder, block.id))
            continue
        block_format = body_block_format()
        block_format.setProperty(PROP_BLOCK_ID, block.id)
        cursor.setBlockFormat(block_format)
        if block.lead:
            cursor.insertText(block.lead, lead_format())
        for part in block.parts:
            if isinstance(part, FieldRef):
                cursor.insertText(OBJECT, field_format(part.name, part.style))
            elif part:
                cursor.insertText(part, plain_format())
    doc.setUndoRedoEnabled(True)
    doc.setModified(False)


class BlockTag(QTextBlockUserData):
    """The id read_document settled on for a QTextBlock. Qt copies a block's format to the new block
    when a paragraph is split (Enter), so the id in the format alone would name both halves; this tag
    stays with the first half only, and remembers the new id the second half was given."""

    def __init__(self, block_id: str) -> None:
        super().__init__()
        self.block_id = block_id


@dataclass
class Piece:
    """Where one piece of a paragraph's text (Paragraph.pieces: the lead, then each part) stands in
    the document: runs of (offset in the piece's text, document position) — a piece is one run unless
    a figure stands inside it; a field is one object character whatever its text."""

    is_object: bool
    runs: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class BlockPlace:
    """Where a model block stands in its section's document, as read_document found it."""

    block: Block
    position: int  # of its first character (a figure: of its object character)
    pieces: list[Piece] = field(default_factory=list)  # a paragraph's, in the order of Paragraph.pieces


class DocumentRead(NamedTuple):
    blocks: list[Block]
    places: dict[str, BlockPlace]  # block id -> where it stands in the document read


def read_document(doc: QTextDocument) -> DocumentRead:
    """The blocks a document shows, and where each stands in it. Lead-formatted text counts as a lead
    only at a paragraph's start. On a split paragraph the first half keeps the id (see BlockTag)."""
    blocks: list[Block] = []
    places: dict[str, BlockPlace] = {}
    seen: set[str] = set()
    text_block = doc.begin()
    while text_block.isValid():
        paragraph = Paragraph(parts=[], id=_settled_id(text_block, seen))
        lead = Piece(False)
        lead_parts: list[str] = []
        part_pieces: list[Piece] = []
        at_start = True
        pending: list[Figure] = []
        iterator = text_block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            iterator += 1
            fmt = fragment.charFormat()
            text = fragment.text()
            position = fragment.position()
            if is_figure(fmt):
                for index, _ in enumerate(text):
                    figure = Figure(
                        image=(fmt.stringProperty(PROP_IMAGE) or "") or None,
                        caption=(fmt.stringProperty(PROP_CAPTION) or ""),
                        placeholder=(fmt.stringProperty(PROP_PLACEHOLDER) or ""),
                        id=_unique(fmt.stringProperty(PROP_BLOCK_ID), seen),
                    )
                    pending.append(figure)
                    places[figure.id] = BlockPlace(figure, position + index)
                continue
            if is_field(fmt):
                for index, char in enumerate(text):
                    if char == OBJECT:
                        paragraph.parts.append(
                            FieldRef(
                                fmt.stringProperty(PROP_FIELD), (fmt.stringProperty(PROP_STYLE) or "plain")
                            )
                        )
                        part_pieces.append(Piece(True, [(0, position + index)]))
                    else:
                        _append_text(paragraph, part_pieces, char, position + index)
                at_start = False
                continue
            if at_start and fmt.boolProperty(PROP_LEAD):
                lead.runs.append((sum(map(len, lead_parts)), position))
                lead_parts.append(text)
                continue
            at_start = False
            _append_text(paragraph, part_pieces, text, position)
        if lead_parts:
            paragraph.lead = "".join(lead_parts)
        blocks.extend(pending)
        if paragraph.parts or lead.runs or not pending:
            blocks.append(paragraph)
            places[paragraph.id] = BlockPlace(
                paragraph, text_block.position(), ([lead] if lead.runs else []) + part_pieces
            )
        text_block = text_block.next()
    # An empty trailing paragraph after a figure is editing room, not content.
    while (
        len(blocks) > 1 and isinstance(blocks[-1], Paragraph) and not blocks[-1].parts and not blocks[-1].lead
    ):
        places.pop(blocks.pop().id, None)
    return DocumentRead(blocks, places)


def _settled_id(text_block: QTextBlock, seen: set[str]) -> str:
    tag = text_block.userData()
    known = (
        tag.block_id if isinstance(tag, BlockTag) else text_block.blockFormat().stringProperty(PROP_BLOCK_ID)
    )
    block_id = _unique(known, seen)
    if not isinstance(tag, BlockTag) or tag.block_id != block_id:
        text_block.setUserData(BlockTag(block_id))
    return block_id


def _unique(block_id: str, seen: set[str]) -> str:
    if not block_id or block_id in seen:
        block_id = new_id()
    seen.add(block_id)
    return block_id


def _append_text(paragraph: Paragraph, pieces: list[Piece], text: str, position: int) -> None:
    if paragraph.parts and isinstance(paragraph.parts[-1], str):
        pieces[-1].runs.append((len(paragraph.parts[-1]), position))
        paragraph.parts[-1] += text
    else:
        paragraph.parts.append(text)
        pieces.append(Piece(False, [(0, position)]))


def document_span(
    place: BlockPlace, fields: dict[str, Field], start: int, end: int
) -> tuple[int, int] | None:
    """The document positions of [start, end) of a paragraph's text (Paragraph.text, fields as they
    read), through the pieces read_document recorded: an offset inside a field covers the whole field."""
    paragraph = place.block
    if not isinstance(paragraph, Paragraph):
        return None
    doc_start = doc_end = None
    offset = 0
    for text, piece in zip(paragraph.pieces(fields), place.pieces, strict=True):
        size = len(text)
        if doc_start is None and start < offset + size:
            doc_start = piece.runs[0][1] if piece.is_object else _position(text, piece, start - offset, False)
        if offset < end <= offset + size:
            doc_end = piece.runs[0][1] + 1 if piece.is_object else _position(text, piece, end - offset, True)
        offset += size
    if doc_start is None or doc_end is None:
        return None
    return doc_start, doc_end


def _position(text: str, piece: Piece, index: int, is_end: bool) -> int:
    """The document position of character `index` of a text piece (Qt counts UTF-16 units); an end
    falling where a run starts stays at the end of the run before."""
    run_offset, run_position = next(
        (o, p) for o, p in reversed(piece.runs) if o < index or o == index == 0 or (o == index and not is_end)
    )
    return run_position + len(text[run_offset:index].encode("utf-16-le")) // 2


# Note: read format properties with boolProperty/stringProperty, never property(): for a property
# that is not set, PySide6's property() hands back None without a reference and the interpreter
# aborts later with "deallocating None".
