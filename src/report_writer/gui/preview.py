"""Page preview drawn from the same block list the Word export writes: A4 pages with the GB/T 9704
type area, 28.95 pt line pitch, two-character indents and "— N —" page numbers."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPaintEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)
from PySide6.QtWidgets import QScrollArea, QWidget

from report_writer.core.model import Report
from report_writer.export import profiles
from report_writer.export.plan import Picture, plan_report
from report_writer.export.profiles import FontPreset, Profile
from report_writer.export.styles import (
    HIGHLIGHT_RGB,
    BlockStyle,
    page_number_style,
    style_table,
)

DPI = 96.0
FALLBACKS = {
    "title": ["Noto Serif CJK SC", "SimSun", "serif"],
    "body": ["FangSong", "Noto Serif CJK SC", "serif"],
    "heading1": ["SimHei", "Noto Sans CJK SC", "sans-serif"],
    "heading2": ["KaiTi", "AR PL KaitiM GB", "AR PL UKai CN", "serif"],
    "page_number": ["SimSun", "Noto Serif CJK SC", "serif"],
}


def mm(value: float) -> float:
    return value / 25.4 * DPI


def pt(value: float) -> float:
    return value / 72 * DPI


def twips(value: float) -> float:
    return value / 1440 * DPI


_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "justify": Qt.AlignmentFlag.AlignJustify,
}


def style_font(style: BlockStyle) -> QFont:
    """A row of the style table (export/styles.py) as a QFont: its font first, then look-alikes."""
    font = QFont()
    font.setFamilies([style.font, *FALLBACKS[style.role]])
    font.setPixelSize(round(pt(style.size_pt)))
    font.setBold(bool(style.bold))
    # Word's −0.25 pt between characters: 28 characters of 16 pt on a line, so lines break as in Word
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, pt(style.letter_spacing_pt))
    return font


def style_char_format(style: BlockStyle, color: str = "#000000") -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(style_font(style))
    fmt.setForeground(QColor(color))
    return fmt


def style_block_format(style: BlockStyle) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(_ALIGN[style.align or "left"])
    fmt.setTextIndent(pt(style.size_pt) * style.indent_chars)
    if style.exact:
        fmt.setLineHeight(twips(profiles.LINE_PITCH), 2)  # QTextBlockFormat.FixedHeight
    fmt.setTopMargin(twips(style.space_before_twips))
    return fmt


def build_preview_document(
    report: Report, profile: Profile, fonts: FontPreset, section_starts: dict[str, int] | None = None
) -> QTextDocument:
    """The pages as a QTextDocument, drawn from the plan the Word writer writes (export/plan.py);
    `section_starts` (if given) receives each section's first position."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    type_width = twips(profiles.PAGE_WIDTH - profiles.MARGIN_LEFT - profiles.MARGIN_RIGHT)
    type_height = twips(profiles.PAGE_HEIGHT - profiles.MARGIN_TOP - profiles.MARGIN_BOTTOM)
    doc.setPageSize(QSizeF(type_width, type_height))
    cursor = QTextCursor(doc)
    styles = style_table(profile, fonts)
    first = True

    def block(style_name: str) -> QTextCharFormat:
        """A new paragraph in the style; returns the style's character format."""
        nonlocal first
        style = styles[style_name]
        chars = style_char_format(style)
        if first:
            cursor.setBlockFormat(style_block_format(style))
            cursor.setBlockCharFormat(chars)
            first = False
        else:  # an empty paragraph has the style's font too
            cursor.insertBlock(style_block_format(style), chars)
        return chars

    for planned in plan_report(report, profile):
        section_id = planned.section_id
        if section_starts is not None and section_id and section_id not in section_starts:
            section_starts[section_id] = cursor.position() + (0 if first else 1)
        chars = block(planned.style)
        for run in planned.runs:
            fmt = chars if run.char_style is None else style_char_format(styles[run.char_style])
            if run.marked:  # what is still to fill, highlighted as the export marks it
                fmt = QTextCharFormat(fmt)
                fmt.setBackground(QColor(HIGHLIGHT_RGB))
            if run.text:
                cursor.insertText(run.text, fmt)
            if run.line_break:  # the title's next line: a paragraph of its own here, in the same style
                chars = block(planned.style)
        if planned.picture is not None:
            _insert_picture(doc, cursor, planned.picture)
    return doc


def _insert_picture(doc: QTextDocument, cursor: QTextCursor, picture: Picture) -> None:
    url = QUrl(f"rw-media:{picture.media.sha256}")
    doc.addResource(QTextDocument.ResourceType.ImageResource, url, QImage.fromData(picture.media.data))
    fmt = QTextImageFormat()
    fmt.setName(url.toString())
    fmt.setWidth(mm(picture.width_mm))
    fmt.setHeight(mm(picture.height_mm))
    cursor.insertImage(fmt)


class PagesWidget(QWidget):
    GAP = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: QTextDocument | None = None
        self.fonts: FontPreset | None = None
        self.zoom = 0.75
        self.setObjectName("previewPages")

    def page_size(self) -> QSizeF:
        return QSizeF(twips(profiles.PAGE_WIDTH) * self.zoom, twips(profiles.PAGE_HEIGHT) * self.zoom)

    def set_document(self, doc: QTextDocument, fonts: FontPreset) -> None:
        self.doc, self.fonts = doc, fonts
        size = self.page_size()
        pages = max(1, doc.pageCount())
        self.setFixedSize(
            QSize(int(size.width()) + 2 * self.GAP, int((size.height() + self.GAP) * pages + self.GAP))
        )
        self.update()

    def page_count(self) -> int:
        return self.doc.pageCount() if self.doc else 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#8a8f99"))
        if self.doc is None or self.fonts is None:
            return
        size = self.page_size()
        type_height = self.doc.pageSize().height()
        for page in range(self.doc.pageCount()):
            top = self.GAP + page * (size.height() + self.GAP)
            page_rect = QRectF(self.GAP, top, size.width(), size.height())
            if not page_rect.intersects(QRectF(event.rect())):
                continue
            painter.fillRect(page_rect, Qt.GlobalColor.white)
            painter.save()
            painter.translate(page_rect.topLeft())
            painter.scale(self.zoom, self.zoom)
            painter.translate(QPointF(twips(profiles.MARGIN_LEFT), twips(profiles.MARGIN_TOP)))
            clip = QRectF(0, page * type_height, self.doc.pageSize().width(), type_height)
            painter.translate(0, -page * type_height)
            self.doc.drawContents(painter, clip)
            painter.restore()
            self._page_number(painter, page_rect, page + 1)

    def _page_number(self, painter: QPainter, page_rect: QRectF, number: int) -> None:
        assert self.fonts is not None
        painter.save()
        painter.translate(page_rect.topLeft())
        painter.scale(self.zoom, self.zoom)
        painter.setFont(style_font(page_number_style(self.fonts)))
        painter.setPen(Qt.GlobalColor.black)
        bottom = twips(profiles.PAGE_HEIGHT - profiles.FOOTER_DISTANCE)
        area = QRectF(
            twips(profiles.MARGIN_LEFT) + pt(14),
            bottom - pt(20),
            twips(profiles.PAGE_WIDTH - profiles.MARGIN_LEFT - profiles.MARGIN_RIGHT) - 2 * pt(14),
            pt(20),
        )
        align = Qt.AlignmentFlag.AlignRight if number % 2 else Qt.AlignmentFlag.AlignLeft
        painter.drawText(area, align | Qt.AlignmentFlag.AlignBottom, f"— {number} —")
        painter.restore()


class PreviewWidget(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = PagesWidget()
        self.setWidget(self.pages)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setObjectName("preview")

        self.section_starts: dict[str, int] = {}

    def show_report(self, report: Report, profile: Profile, fonts: FontPreset) -> None:
        self.section_starts = {}
        self.pages.set_document(build_preview_document(report, profile, fonts, self.section_starts), fonts)

    def section_y(self, section_id: str | None) -> int | None:
        """Where the section begins in the pages widget (pixels), or None."""
        doc = self.pages.doc
        if doc is None:
            return None
        if section_id is None:
            return 0
        position = self.section_starts.get(section_id)
        if position is None:
            return None
        top = doc.documentLayout().blockBoundingRect(doc.findBlock(position)).top()
        type_height = doc.pageSize().height()
        page = int(top // type_height)
        within = top - page * type_height
        page_height = self.pages.page_size().height()
        return int(
            self.pages.GAP
            + page * (page_height + self.pages.GAP)
            + (twips(profiles.MARGIN_TOP) + within) * self.pages.zoom
        )

    def scroll_to_section(self, section_id: str | None) -> None:
        y = self.section_y(section_id)
        if y is not None:
            self.verticalScrollBar().setValue(max(0, y - self.pages.GAP))
