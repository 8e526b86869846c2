"""Ties the open report (an EditSession) to the Qt side: one QTextDocument per section, the undo
stack for structural edits, and signals the views listen to. The model stays the authority: a
section's document is written back into its Section whenever it changes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument, QUndoStack

from report_writer.core.model import Report, Section
from report_writer.core.session import EditSession
from report_writer.gui.look import editor_font
from report_writer.gui.textdoc import (
    FIELD_OBJECT,
    FIGURE_OBJECT,
    BlockPlace,
    FieldTokenRenderer,
    FigureRenderer,
    fill_document,
    read_document,
)


class ReportController(QObject):
    structureChanged = Signal(object)  # section id to select, or None
    headingChanged = Signal(str)
    fieldsChanged = Signal()
    sectionEdited = Signal(str)  # a section's text changed (after sync)
    sessionChanged = Signal()  # a different report or file is now open
    revealRequested = Signal(str)  # an undo step changes this section: show it
    cursorPlaced = Signal(str, int)  # … and put the cursor where it changed (section id, position)
    modifiedChanged = Signal(bool)

    def __init__(self, session: EditSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.skipped_steps = 0  # text steps found empty while undoing (see commands.TextEdit)
        self.field_renderer = FieldTokenRenderer(lambda: self.report.fields, self)
        self.figure_renderer = FigureRenderer(lambda: self.report.media, self)
        self._docs: dict[str, QTextDocument] = {}
        self._pending: set[str] = set()
        # Per section: the document's revision when it was last read, and where its blocks stood then.
        self._places: dict[str, tuple[int, dict[str, BlockPlace]]] = {}
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(150)
        self._sync_timer.timeout.connect(self.flush)
        self.session = session

    # ---- session -----------------------------------------------------------------------------

    @property
    def report(self) -> Report:
        return self.session.report

    def replace_session(self, session: EditSession) -> None:
        self._sync_timer.stop()
        self._pending.clear()
        self._places.clear()
        for doc in self._docs.values():
            doc.deleteLater()
        self._docs.clear()
        self.undo_stack.clear()
        self.session = session
        self.sessionChanged.emit()

    # ---- documents ---------------------------------------------------------------------------

    def section(self, section_id: str) -> Section:
        for section in self.report.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def index_of(self, section_id: str) -> int:
        return next(i for i, s in enumerate(self.report.sections) if s.id == section_id)

    def document(self, section_id: str) -> QTextDocument:
        doc = self._docs.get(section_id)
        if doc is None:
            doc = QTextDocument(self)
            doc.setDefaultFont(editor_font())
            doc.setDocumentMargin(12)
            layout = doc.documentLayout()
            layout.registerHandler(FIELD_OBJECT, self.field_renderer)
            layout.registerHandler(FIGURE_OBJECT, self.figure_renderer)
            fill_document(doc, self.section(section_id))
            doc.contentsChanged.connect(lambda sid=section_id: self._on_doc_changed(sid))
            doc.undoCommandAdded.connect(lambda sid=section_id: self._text_edit_added(sid))
            self._docs[section_id] = doc
        return doc

    def documents(self) -> dict[str, QTextDocument]:
        """Every section's document (created on demand), in report order."""
        return {s.id: self.document(s.id) for s in self.report.sections}

    def _text_edit_added(self, section_id: str) -> None:
        """Every text edit becomes a step of the one undo history (see commands.TextEdit)."""
        from report_writer.gui.commands import TextEdit

        self.undo_stack.push(TextEdit(self, section_id))

    def reveal(self, section_id: str, position: int | None = None) -> None:
        self.revealRequested.emit(section_id)
        if position is not None:
            self.cursorPlaced.emit(section_id, position)

    @contextlib.contextmanager
    def one_step(self, text: str) -> Iterator[None]:
        """Everything pushed inside (text edits in any section, headings, title, figures) is one undo step."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    def _on_doc_changed(self, section_id: str) -> None:
        self._pending.add(section_id)
        self._places.pop(section_id, None)
        self.mark_changed()
        self._sync_timer.start()

    def flush(self) -> None:
        """Write every changed document back into the model (before saving, exporting, checking)."""
        self._sync_timer.stop()
        pending, self._pending = self._pending, set()
        for section_id in pending:
            doc = self._docs.get(section_id)
            try:
                section = self.section(section_id)
            except KeyError:
                continue
            if doc is not None:
                section.blocks, places = read_document(doc)
                self._places[section_id] = (doc.revision(), places)
            self.sectionEdited.emit(section_id)

    def block_places(self, section_id: str) -> dict[str, BlockPlace]:
        """Where each block of a section stands in its document now (block id -> place), as
        read_document found it. A document edited since it was last read is read now, into the model
        too, so the places and the model's blocks agree; its sectionEdited still comes with the flush."""
        section = self.section(section_id)  # KeyError for a section no longer in the report
        doc = self.document(section_id)
        # The revision, not only contentsChanged: the editor reports its moved cursor (and the window
        # underlines) during an edit, before the document says its contents changed.
        revision, places = self._places.get(section_id, (-1, {}))
        if revision != doc.revision():
            section.blocks, places = read_document(doc)
            self._places[section_id] = (doc.revision(), places)
        return places

    def reload_sections(self, section_ids: list[str]) -> None:
        """The model's blocks of these sections changed (a figure deleted, a number made a figure): show them.
        Their documents are filled again, which starts their text-undo history afresh."""
        for section_id in section_ids:
            doc = self._docs.get(section_id)
            if doc is None:
                continue
            try:
                section = self.section(section_id)
            except KeyError:
                continue
            fill_document(doc, section)
            self._pending.discard(section_id)
            self._places.pop(section_id, None)
            self.sectionEdited.emit(section_id)

    def refresh_tokens(self) -> None:
        """Field values changed: lay out every document again so tokens show the new values."""
        for doc in self._docs.values():
            doc.markContentsDirty(0, doc.characterCount())

    # ---- notifications from commands -----------------------------------------------------------

    def mark_changed(self) -> None:
        was_dirty = self.session.dirty
        self.session.mark_changed()
        if not was_dirty:
            self.modifiedChanged.emit(True)

    def structure_changed(self, select_id: str | None) -> None:
        self.mark_changed()
        self.structureChanged.emit(select_id)

    def heading_changed(self, section_id: str) -> None:
        self.mark_changed()
        self.headingChanged.emit(section_id)

    def fields_changed(self) -> None:
        self.mark_changed()
        self.refresh_tokens()
        self.fieldsChanged.emit()

    def saved(self) -> None:
        self.modifiedChanged.emit(False)

    def autosaved(self) -> None:
        """Still unsaved, but the status bar now says when it was autosaved."""
        self.modifiedChanged.emit(True)
