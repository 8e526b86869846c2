"""Reuse in the app: start from last year's report, see last year beside this year, save as template."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from report_writer import paths
from report_writer.core.model import Report
from report_writer.core.rollover import comparison, comparison_csv
from report_writer.gui.common import button, button_row, message


def load_old_report(path: str, simplify: bool = False) -> tuple[Report, list[str]]:
    """A project file, or a .docx/.txt/.md to import (traditional characters converted to simplified
    when `simplify`); raises ReportImportError or ProjectError. The same reading as the command line's."""
    from report_writer.core.loading import load_report

    result = load_report(path, simplify=simplify)
    return result.report, result.warnings


def is_traditional(report: Report) -> bool:
    """Whether an imported report is written in traditional characters (the app then offers 转为简体)."""
    from report_writer.core import script
    from report_writer.core.model import Paragraph

    text = report.title + "".join(
        b.text(report.fields) for s in report.sections for b in s.blocks if isinstance(b, Paragraph)
    )
    return script.is_traditional(text)


class ComparisonDialog(QDialog):
    """年度对比: every figure, last year beside this year, with the change."""

    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(f"年度对比：{report.year - 1} 年与 {report.year} 年")
        self.setObjectName("comparisonDialog")
        rows = comparison(report)
        self.table = QTableWidget(len(rows), 6)
        self.table.setObjectName("comparisonTable")
        self.table.setHorizontalHeaderLabels(
            ["项目", "单位", f"{report.year - 1}年", f"{report.year}年", "增减", "幅度"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, item in enumerate(rows):
            values = [
                item.label,
                item.unit,
                "" if item.last is None else str(item.last),
                "待更新" if item.this is None else str(item.this),
                "" if item.change is None else f"{item.change:+g}",
                "" if item.percent is None else f"{item.percent:+.1f}%",
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = button_row([button("导出 CSV…", self.export_csv)], [button("关闭", self.accept)])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("“待更新”表示今年的数字还没有填写。导出 Word 时可以选择附上这张表。"))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(720, 520)

    def export_csv(self, path: str | None = None) -> Path | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                "导出年度对比",
                str(paths.documents_dir() / f"{self.report.year}年度对比.csv"),
                "CSV 表格 (*.csv)",
            )
            if not path:
                return None
        target = Path(path)
        try:
            target.write_text(
                comparison_csv(self.report), encoding="utf-8-sig"
            )  # BOM: Excel and WPS read it as UTF-8
        except OSError as exc:
            message(self, QMessageBox.Icon.Warning, "导出失败", f"无法写入 {target}：{exc.strerror or exc}")
            return None
        return target
