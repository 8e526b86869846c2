"""文件 ▸ 导出数据征集表 / 导入数据征集表: the same core as `report-writer sheet`, with questions before
changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from report_writer import paths
from report_writer.core.sheets import SheetError, apply_merge, plan_merge, write_sheets
from report_writer.gui import settings
from report_writer.gui.figure_commands import change_figures

if TYPE_CHECKING:
    from report_writer.gui.controller import ReportController
    from report_writer.gui.services import WindowServices


def export_sheet(services: WindowServices, controller: ReportController, target: str) -> Path | None:
    controller.flush()
    try:
        return write_sheets(controller.report, target)
    except SheetError as exc:
        services.warn("无法导出征集表", str(exc))
        return None


def export_sheet_dialog(services: WindowServices, controller: ReportController) -> Path | None:
    report = controller.report
    folder = Path(settings.get("export_folder", str(paths.documents_dir())))
    default = str(folder / f"{report.org_short}{report.year}年数据征集表.xlsx")
    target, _ = QFileDialog.getSaveFileName(
        services.dialog_parent(), "导出数据征集表", default, "Excel 工作簿 (*.xlsx)"
    )
    if not target:
        return None
    path = export_sheet(
        services, controller, target if target.lower().endswith(".xlsx") else target + ".xlsx"
    )
    if path is not None:
        services.inform(
            "导出完成",
            f"已导出数据征集表：\n{path}\n\n每个专委会、部门一张表，只有“{report.year}年”一栏可以填写。",
        )
    return path


def import_sheets(services: WindowServices, controller: ReportController, workbooks: list[str]) -> bool:
    """Read the workbooks, show conflicts and odd values, then write the figures as one undo step."""
    report = controller.report
    try:
        plan = plan_merge(report, [*workbooks])
    except SheetError as exc:
        services.warn("无法导入征集表", f"{exc}\n\n报告没有任何改动。")
        return False
    if not plan.values:
        services.inform("导入数据征集表", "征集表中还没有填写任何数字。")
        return False
    lines = [plan.summary() + "。"]
    if plan.conflicts:
        lines += ["", "两张表填得不一样：", *(f"· {c}" for c in plan.conflicts[:10])]
    if plan.unusual:
        lines += ["", "请核对这些数值：", *(f"· {u}" for u in plan.unusual[:10])]
    go = "写入报告"
    answer = services.ask(
        "导入数据征集表",
        "\n".join(lines) + "\n\n写入后可以用“撤销”一步还原。",
        {go: QMessageBox.ButtonRole.AcceptRole, "取消": QMessageBox.ButtonRole.RejectRole},
        "取消" if plan.needs_confirmation else go,
    )
    if answer != go:
        return False
    change_figures(controller, "导入数据征集表", lambda r: apply_merge(r, plan))
    return True


def import_sheet_dialog(services: WindowServices, controller: ReportController) -> bool:
    files, _ = QFileDialog.getOpenFileNames(
        services.dialog_parent(),
        "选择填好的数据征集表（可多选）",
        str(paths.documents_dir()),
        "Excel 工作簿 (*.xlsx)",
    )
    return import_sheets(services, controller, files) if files else False
