"""历史版本: list revisions, label one, compare any two section by section, restore one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from report_writer.core.compare import compare_reports
from report_writer.core.project import Project, ProjectError
from report_writer.gui.common import ask_text, button, button_row, confirm, message

LABELS = ["初稿", "征求意见稿", "送审稿", "定稿"]
STATUS_NAMES = {"same": "未改动", "changed": "有修改", "added": "新增", "removed": "已删除"}


class HistoryDialog(QDialog):
    restoreRequested = Signal(int)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(f"历史版本 — {project.path.name}")
        self.setObjectName("historyDialog")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("revisionTable")
        self.table.setHorizontalHeaderLabels(["编号", "保存时间", "类型", "标签"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        buttons = button_row(
            [
                button("设置标签…", self._label),
                button("比较所选两个版本", self.compare_selected, "compareButton"),
                button("恢复此版本", self._restore),
            ],
            [button("关闭", self.accept)],
        )
        self.readonly_note = QLabel("（只读打开：不能设置标签或恢复）" if project.readonly else "")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "每次保存都是一个版本，恢复旧版本会另存为新版本，不会覆盖任何内容。"
                "按住 Ctrl 选择两个版本可以比较。"
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.readonly_note)
        layout.addLayout(buttons)
        self.resize(640, 460)
        self.reload()

    def reload(self) -> None:
        revisions = list(reversed(self.project.revisions()))
        self.table.setRowCount(len(revisions))
        for row, rev in enumerate(revisions):
            values = [str(rev.id), rev.saved_at_text, rev.kind_name, rev.label]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, rev.id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        items = [self.table.item(row, 0) for row in rows]
        return [int(item.data(Qt.ItemDataRole.UserRole)) for item in items if item is not None]

    def _label(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            message(self, QMessageBox.Icon.Information, "设置标签", "请选择一个版本。")
            return
        text = ask_text(self, "设置标签", "标签（可直接输入）：", items=LABELS)
        if text is not None:
            try:
                self.project.set_label(ids[0], text)
            except ProjectError as exc:
                message(self, QMessageBox.Icon.Warning, "设置标签", str(exc))
            self.reload()

    def compare_selected(self) -> CompareDialog | None:
        ids = self.selected_ids()
        if len(ids) != 2:
            message(self, QMessageBox.Icon.Information, "比较版本", "请按住 Ctrl 选择两个版本。")
            return None
        old_id, new_id = sorted(ids)
        dialog = CompareDialog(self.project, old_id, new_id, self)
        dialog.show()
        return dialog

    def _restore(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            message(self, QMessageBox.Icon.Information, "恢复版本", "请选择一个版本。")
            return
        if confirm(
            self, "恢复版本", f"把第 {ids[0]} 号版本作为当前内容？当前内容仍保留在历史版本中。", "恢复"
        ):
            self.restoreRequested.emit(ids[0])
            self.reload()


class CompareDialog(QDialog):
    """Two revisions side by side as one text: deletions struck out in red, insertions in green."""

    def __init__(self, project: Project, old_id: int, new_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"比较版本 {old_id} → {new_id}")
        self.setObjectName("compareDialog")
        self.diffs = compare_reports(project.load(old_id), project.load(new_id))
        self.only_changes = QComboBox()
        self.only_changes.addItems(["只看有改动的栏目", "显示全部栏目"])
        self.only_changes.currentIndexChanged.connect(self._render)
        self.view = QTextBrowser()
        self.view.setObjectName("compareView")
        layout = QVBoxLayout(self)
        layout.addWidget(self.only_changes)
        layout.addWidget(self.view, 1)
        self.resize(760, 600)
        self._render()

    def _render(self) -> None:
        show_all = self.only_changes.currentIndex() == 1
        parts = []
        for diff in self.diffs:
            if diff.status == "same" and not show_all:
                continue
            parts.append(
                f"<h3>{diff.heading}　<small>［{STATUS_NAMES[diff.status]}］</small></h3><p>{diff.html()}</p>"
            )
        self.view.setHtml("".join(parts) or "<p>两个版本内容相同。</p>")

    def changed_headings(self) -> list[str]:
        return [d.heading for d in self.diffs if d.status != "same"]
