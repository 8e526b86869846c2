"""The left pane: the title, then the sections with kind, 字数 and a mark for figures still to update.
The list model wraps the report's sections (it does not copy them); moves go through the undo stack."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from report_writer.core.compare import section_text
from report_writer.core.editing import section_needs_update
from report_writer.core.frame import section_figure_state
from report_writer.gui.commands import MoveSection
from report_writer.gui.controller import ReportController
from report_writer.language import counting

MIME = "application/x-report-writer-section"


@functools.lru_cache(maxsize=512)
def word_count(text: str) -> int:
    """字数 of a section's text, remembered: the outline and the status bar ask on every switch and
    repaint, and counting a long section takes a few milliseconds."""
    return counting.word_count(text)


TITLE_ROW = 0
Index = QModelIndex | QPersistentModelIndex


class OutlineModel(QAbstractListModel):
    SectionIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, controller: ReportController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.finding_counts: dict[str, int] = {}
        # A section's key terms (the window hands in the proofreader's, found by each check).
        self.keywords_of: Callable[[str], list[str]] = lambda _section_id: []
        controller.structureChanged.connect(lambda _sid: self.refresh())
        controller.sessionChanged.connect(self.refresh)
        controller.headingChanged.connect(lambda _sid: self.refresh_rows())
        controller.sectionEdited.connect(lambda _sid: self.refresh_rows())
        controller.fieldsChanged.connect(self.refresh_rows)

    def refresh(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def refresh_rows(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else 1 + len(self.controller.report.sections)

    def row_for(self, section_id: str) -> int:
        return 1 + self.controller.index_of(section_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        report = self.controller.report
        if index.row() == TITLE_ROW:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"标题　{report.title or '（未填写）'}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(x for x in (report.title, report.subtitle, report.byline) if x)
            return None
        section = report.sections[index.row() - 1]
        if role == self.SectionIdRole:
            return section.id
        stale = section_needs_update(report, section)
        if role == Qt.ItemDataRole.DisplayRole:
            count = word_count(section_text(report, section))
            mark = f" · ●有数字{section_figure_state(report, section)}" if stale else ""
            found = self.finding_counts.get(section.id, 0)
            mark += f" · 校对 {found} 处" if found else ""
            heading = section.heading or f"（{section.kind}）"
            return f"{heading}\n{section.kind} · {count} 字{mark}"
        if role == Qt.ItemDataRole.ForegroundRole and stale:
            return QColor("#b35c00")
        if role == Qt.ItemDataRole.ToolTipRole:
            found_terms = self.keywords_of(section.id)
            terms = "\n关键词：" + "、".join(found_terms) if found_terms else ""
            return f"{section.heading or section.kind}{terms}\n拖动可调整顺序"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        if index.row() == TITLE_ROW:
            return base
        return base | Qt.ItemFlag.ItemIsDragEnabled

    # ---- drag to reorder ---------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = [i.row() for i in indexes if i.isValid() and i.row() != TITLE_ROW]
        if rows:
            data.setData(MIME, QByteArray(str(rows[0]).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:  # noqa: N802
        if not data.hasFormat(MIME):
            return False
        source_row = int(bytes(data.data(MIME).data()).decode())
        target_row = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        target_row = max(1, target_row)
        source = source_row - 1
        target = target_row - 1 if target_row <= source_row else target_row - 2
        target = min(max(target, 0), len(self.controller.report.sections) - 1)
        self.move_section(source, target)
        return False  # the move is done; the view must not remove the source row itself

    def move_section(self, source: int, target: int) -> None:
        """Move section `source` to position `target` (section indexes), undoably."""
        if (
            source == target
            or not (0 <= source < len(self.controller.report.sections))
            or not (0 <= target < len(self.controller.report.sections))
        ):
            return
        self.controller.undo_stack.push(MoveSection(self.controller, source, target))


class OutlineView(QListView):
    def __init__(self, model: OutlineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("outline")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSpacing(2)
        # Long headings end in “…” (the tooltip has them whole) rather than wrap one character alone.
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlternatingRowColors(True)
