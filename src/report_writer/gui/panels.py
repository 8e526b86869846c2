"""The right pane's tabs: 数据 (every field), 素材 (phrases for the section kind), 校对 (placeholder)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from report_writer.core.model import QUALIFIERS, Field, FigureError
from report_writer.gui.commands import SetFieldValue
from report_writer.gui.common import button, button_row
from report_writer.gui.controller import ReportController

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("项目", "今年", "去年", "单位", "状态")
VALUE_COLUMN, LAST_COLUMN, UNIT_COLUMN = 1, 2, 3


class FieldsModel(QAbstractTableModel):
    """Every field of the report; editing 今年 changes every sentence that uses the field."""

    errorRaised = Signal(str)
    detailsEdited = Signal(str, object, object)  # field name, unit or None, qualifier or None

    def __init__(self, controller: ReportController) -> None:
        super().__init__(controller)
        self.controller = controller
        controller.fieldsChanged.connect(self._changed)
        controller.sessionChanged.connect(self._reset)

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))

    def field_at(self, row: int) -> Field:
        return list(self.controller.report.fields.values())[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.controller.report.fields)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        field = self.field_at(index.row())
        stale = field.needs_update()
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return field.label
            if column == VALUE_COLUMN:
                return (
                    field.value_text(field.value)
                    if role == Qt.ItemDataRole.DisplayRole
                    else ("" if field.value is None else str(field.value))
                )
            if column == LAST_COLUMN:
                return field.value_text(field.last_value)
            if column == 3:
                return field.unit
            return field.status_text()
        if role == Qt.ItemDataRole.BackgroundRole and stale and column in (VALUE_COLUMN, 4):
            return QColor("#ffe3c2")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{field.label}（{field.name}）：双击“项目”列把它插入正文，双击“今年”列修改数值"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (VALUE_COLUMN, LAST_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (VALUE_COLUMN, UNIT_COLUMN):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole:
            return False
        field = self.field_at(index.row())
        if index.column() == UNIT_COLUMN:
            if str(value).strip() != field.unit:
                self.detailsEdited.emit(field.name, str(value), None)
            return True
        if index.column() != VALUE_COLUMN:
            return False
        try:  # 450余, 约30: the qualifier typed with the number is kept apart from it
            parsed, qualifier = field.parse_input(str(value))
        except FigureError as exc:
            self.errorRaised.emit(str(exc))
            return False
        if qualifier is not None and qualifier != field.qualifier:
            self.controller.undo_stack.beginMacro(f"修改“{field.label}”")
            self.detailsEdited.emit(field.name, None, qualifier)
            self.controller.undo_stack.push(SetFieldValue(self.controller, field.name, parsed))
            self.controller.undo_stack.endMacro()
            return True
        if parsed == field.value and field.status == "filled":
            return True
        self.controller.undo_stack.push(SetFieldValue(self.controller, field.name, parsed))
        return True


class FieldsPanel(QWidget):
    insertRequested = Signal(str, str)  # field name, style
    addRequested = Signal()
    renameRequested = Signal()
    deleteRequested = Signal()
    detailsEdited = Signal(str, object, object)  # field name, unit or None, qualifier or None

    def __init__(self, model: FieldsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView()
        self.table.setObjectName("fieldsTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._double_clicked)
        insert = button("插入到正文", lambda: self._insert("plain"))
        insert.setToolTip("把所选数字以字段形式插入光标处")
        buttons = button_row([insert, button("插入（中文数字）", lambda: self._insert("cn"))])
        manage = button_row(
            [
                button("添加…", self.addRequested.emit, "addFigure"),
                button("改名…", self.renameRequested.emit, "renameFigure"),
                button("删除…", self.deleteRequested.emit, "deleteFigure"),
            ]
        )
        self.qualifier = QComboBox()
        self.qualifier.setObjectName("figureQualifier")
        self.qualifier.addItems(["无", *[q for q in QUALIFIERS if q]])
        self.qualifier.setToolTip("约数词：余、多写在数字后（450余篇），近、约写在数字前（约30场）")
        self.qualifier.activated.connect(self._qualifier_picked)
        details = QHBoxLayout()
        details.addWidget(QLabel("约数"))
        details.addWidget(self.qualifier)
        details.addStretch(1)
        model.detailsEdited.connect(self.detailsEdited)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_details(current.row())
        )
        model.modelReset.connect(lambda: self._show_details(self.table.currentIndex().row()))
        model.dataChanged.connect(lambda *_args: self._show_details(self.table.currentIndex().row()))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("本报告的全部数字：修改“今年”一栏（可写 450余、约30），正文中用到它的句子随之更新。")
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(details)
        layout.addLayout(manage)
        layout.addLayout(buttons)

    def _insert(self, style: str) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.insertRequested.emit(self.model.field_at(rows[0].row()).name, style)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() == 0:
            self.insertRequested.emit(self.model.field_at(index.row()).name, "plain")

    def select_field(self, name: str, edit: bool = True) -> None:
        names = list(self.model.controller.report.fields)
        if name in names:
            index = self.model.index(names.index(name), VALUE_COLUMN)
            self.table.setCurrentIndex(index)
            if edit:
                self.table.edit(index)

    def selected_name(self) -> str | None:
        row = self.table.currentIndex().row()
        return self.model.field_at(row).name if 0 <= row < self.model.rowCount() else None

    def _show_details(self, row: int) -> None:
        valid = 0 <= row < self.model.rowCount()
        self.qualifier.setEnabled(valid)
        if valid:
            self.qualifier.setCurrentText(self.model.field_at(row).qualifier or "无")

    def _qualifier_picked(self, _index: int) -> None:
        name = self.selected_name()
        if name:
            text = self.qualifier.currentText()
            self.detailsEdited.emit(name, None, "" if text == "无" else text)


class PhrasesPanel(QWidget):
    """Phrases of the template for the current section kind; double-click inserts one."""

    insertRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("phrasesList")
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(lambda item: self.insertRequested.emit(item.text()))
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.list, 1)

    def show_phrases(self, kind: str, phrases: list[str]) -> None:
        self.caption.setText(f"“{kind}”常用表述（双击插入到光标处）：")
        self.list.clear()
        self.list.addItems(phrases)
