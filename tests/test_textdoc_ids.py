"""A section's document keeps each block's id (Paragraph.id, Figure.id), and read_document says where
every block and every piece of its text stands, so a finding (block id + offset in the paragraph's
text) becomes editor positions without re-deriving the text (docs/ARCHITECTURE.md, The window)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from report_writer.core.model import Field, FieldRef, Figure, Paragraph, Section
from report_writer.gui.textdoc import document_span, fill_document, read_document

FIELDS = {
    "reports": Field("reports", "社情民意信息", "篇", "integer", 430, qualifier="余"),
    "rate": Field("rate", "办复率", "", "percent", 99.5),
}


@pytest.fixture
def doc(qapp) -> QTextDocument:  # type: ignore[no-untyped-def]
    document = QTextDocument()
    fill_document(document, _section())
    return document


def _section() -> Section:
    return Section(
        kind="建言资政",
        heading="建言",
        blocks=[
            Paragraph(["编报", FieldRef("reports"), "篇，办复率", FieldRef("rate"), "。"], lead="建言有力。"),
            Figure(image=None, caption="协商现场"),
            Paragraph(["𠀾家坝社区开展协商和和。"]),  # 𠀾 is one character in Python, two UTF-16 units in Qt
            Paragraph(["第四段。"]),
        ],
    )


def _ids(doc: QTextDocument) -> list[str]:
    return [block.id for block in read_document(doc).blocks]


def _selected(doc: QTextDocument, span: tuple[int, int] | None) -> str:
    assert span is not None
    cursor = QTextCursor(doc)
    cursor.setPosition(span[0])
    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_the_document_keeps_the_model_ids(doc: QTextDocument) -> None:
    section = _section()
    fill_document(doc, section)
    read = read_document(doc)
    assert [b.id for b in read.blocks] == [b.id for b in section.blocks]
    assert read.blocks == section.blocks
    assert set(read.places) == {b.id for b in section.blocks}
    assert _ids(doc) == [b.id for b in section.blocks], "reading again gives the same ids"


def test_offsets_in_a_paragraph_text_become_document_positions(doc: QTextDocument) -> None:
    read = read_document(doc)
    first, figure, last, _fourth = read.blocks
    assert first.text(FIELDS) == "建言有力。编报430余篇，办复率99.5%。"
    place = read.places[first.id]
    assert _selected(doc, document_span(place, FIELDS, 0, 4)) == "建言有力"  # the lead
    assert _selected(doc, document_span(place, FIELDS, 5, 7)) == "编报"
    assert _selected(doc, document_span(place, FIELDS, 7, 11)) == "\ufffc"  # 430余 is one field object
    assert _selected(doc, document_span(place, FIELDS, 8, 9)) == "\ufffc", "inside a field: the whole field"
    assert _selected(doc, document_span(place, FIELDS, 11, 12)) == "篇"
    assert _selected(doc, document_span(place, FIELDS, 21, 22)) == "。"
    assert read.places[figure.id].position == doc.findBlockByNumber(1).position()
    text = last.text(FIELDS)
    start = text.index("和和")
    assert _selected(doc, document_span(read.places[last.id], FIELDS, start, start + 2)) == "和和"
    assert _selected(doc, document_span(read.places[last.id], FIELDS, 0, 3)) == "𠀾家坝"


def test_a_split_paragraph_keeps_its_id_in_the_first_half(doc: QTextDocument) -> None:
    before = _ids(doc)
    cursor = QTextCursor(doc.findBlockByNumber(2))
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=5)
    cursor.insertBlock()  # Enter in the middle: Qt copies the block format (and its id) to the new block
    after = _ids(doc)
    assert after[:3] == before[:3] and after[4] == before[3] and after[3] not in before
    assert _ids(doc) == after, "the second half's new id is stable from one read to the next"


def test_merged_paragraphs_keep_the_first_id_and_undo_brings_the_second_back(doc: QTextDocument) -> None:
    four = _ids(doc)
    cursor = QTextCursor(doc.findBlockByNumber(3))
    cursor.deletePreviousChar()  # Backspace at the start of the fourth paragraph
    merged = read_document(doc)
    assert [b.id for b in merged.blocks] == four[:3]
    assert merged.blocks[2].text(FIELDS).endswith("和和。第四段。")
    doc.undo()
    assert _ids(doc) == four


def test_a_pasted_copy_of_a_paragraph_gets_a_new_id(doc: QTextDocument) -> None:
    from PySide6.QtGui import QTextDocumentFragment

    first = _ids(doc)
    copy = QTextCursor(doc.findBlockByNumber(2))
    copy.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    copy.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
    fragment = QTextDocumentFragment(copy)  # the whole third paragraph, with its block format
    cursor = QTextCursor(doc)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock()
    cursor.insertFragment(fragment)
    ids = _ids(doc)
    assert ids[:4] == first and len(ids) > 4 and len(set(ids)) == len(ids)
