"""Data-collection sheets (数据征集表): every winter the office gathers the year's figures from the
专委会, 提案委, 办公室. One workbook, one sheet per department, with label, unit, last year, this year
and a note; only this year's cells are unlocked and they accept numbers only. Filled workbooks come back
and their values land in the report's figures, after conflicts and odd values have been shown.

Workbooks come back from other people's machines: they are read as hostile input (size and zip limits, one
clear Chinese message for any wrong type, missing sheet or extra row, and nothing changes on an error).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report_writer.core.figures import FigureError, used_in_order
from report_writer.core.model import Field, Report

MAX_WORKBOOK_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_SHEETS = 40
MAX_ROWS = 400
META_SHEET = "_征集表信息"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
COLUMNS = ("代码", "项目", "单位", "去年", "今年", "备注")  # 去年/今年 become “2024年”/“2025年” in the sheet
CODE, LABEL, UNIT, LAST, THIS, NOTE = range(1, 7)

# Who usually holds a figure, by words in its name. A 县 office without a 研究室 simply gets the sheet
# for whoever does that work; the writer can also forward sheets as they like.
_DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("提案委员会", r"提案|立案|办复|督办|交办"),
    ("社情民意信息", r"社情民意|信息|采用|批示|专报"),
    ("委员工作", r"委员|履职|培训|界别|工作室|联络站"),
    ("学习和文史", r"学习|文史|读书|研讨|讲座"),
    ("各专门委员会", r"调研|视察|协商|监督|议政|建议|座谈|课题|报告"),
)
OFFICE = "办公室"


class SheetError(Exception):
    """A workbook cannot be written or read back; the message is for the user."""


def department_of(item: Field) -> str:
    for name, pattern in _DEPARTMENTS:
        if re.search(pattern, item.label):
            return name
    return OFFICE


def _groups(report: Report) -> dict[str, list[Field]]:
    groups: dict[str, list[Field]] = {}
    for item in used_in_order(report):
        groups.setdefault(department_of(item), []).append(item)
    order = [name for name, _ in _DEPARTMENTS] + [OFFICE]
    return {name: groups[name] for name in order if name in groups}


def _number_format(item: Field) -> str:
    return "0" if item.type == "integer" else "0.0#"


def write_sheets(report: Report, target: str | Path) -> Path:
    """Write the workbook: a sheet a department, listing the figures the report uses, then a hidden sheet
    that says whose workbook it is; return its path."""
    from openpyxl import Workbook

    path = Path(target)
    if path.suffix.lower() != ".xlsx":
        raise SheetError(f"征集表文件名应以 .xlsx 结尾：{path.name}")
    if not path.parent.exists():
        raise SheetError(f"文件夹不存在：{path.parent}")
    groups = _groups(report)
    if not groups:
        raise SheetError("正文中没有用到任何数字，无需征集。")
    book = Workbook()
    book.remove(book.active)
    for department, items in groups.items():
        _department_sheet(book.create_sheet(department), report, department, items)
    meta = book.create_sheet(META_SHEET)
    meta.append(["report-writer 数据征集表", 1])
    meta.append(["单位", report.org_short or report.org_full])
    meta.append(["年度", report.year])
    meta.append(["工作表", *groups])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    _save_book(book, path)
    return path


_QUALIFIER_NOTES = {
    "余": "报告中写作“××余”",
    "多": "报告中写作“××多”",
    "近": "报告中写作“近××”",
    "约": "报告中写作“约××”",
}


def _department_sheet(sheet: Any, report: Report, department: str, items: list[Field]) -> None:
    """Title, instructions, the header row and a row a figure; only the yellow 今年 cells can be edited."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    years = (f"{report.year - 1}年", f"{report.year}年")
    # Titles start in column B: column A (the codes) is hidden.
    sheet["B1"] = f"{report.org_short or report.org_full} {report.year}年数据征集表 · {department}"
    sheet["B1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=LABEL, end_row=1, end_column=NOTE)
    sheet["B2"] = (
        f"请在黄色的“{years[1]}”一栏填写数字（只填阿拉伯数字；约数词如“余”已在报告中设定）。其他栏目已锁定。"
    )
    sheet.merge_cells(start_row=2, start_column=LABEL, end_row=2, end_column=NOTE)
    sheet["B2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 34
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for column, text in enumerate(("代码", "项目", "单位", years[0], years[1], "备注"), start=1):
        cell = sheet.cell(HEADER_ROW, column, text)
        cell.font = Font(bold=True)
        cell.border = border
        cell.alignment = Alignment(horizontal="center")
    whole = _validation(sheet, "whole", "应填整数", "这一栏只能填整数，例如 268。")
    decimal = _validation(sheet, "decimal", "应填数字", "这一栏只能填数字，例如 98.5。")
    fill = PatternFill("solid", fgColor="FFF2CC")
    for row, item in enumerate(items, start=FIRST_ROW):
        values = (
            item.name,
            item.label,
            "%" if item.type == "percent" else item.unit,
            item.last_value if isinstance(item.last_value, int | float) else None,
            item.value if isinstance(item.value, int | float) and item.status == "filled" else None,
            _QUALIFIER_NOTES.get(item.qualifier, ""),
        )
        for column, value in enumerate(values, start=1):
            sheet.cell(row, column, value).border = border
        this = sheet.cell(row, THIS)
        this.protection = Protection(locked=False)
        this.fill = fill
        this.number_format = _number_format(item)
        (whole if item.type == "integer" else decimal).add(this.coordinate)
    _lay_out_sheet(sheet)


def _validation(sheet: Any, kind: str, title: str, message: str) -> Any:
    """A number check (whole or decimal, 0 to 10⁸, blank allowed) added to the sheet, for cells to join."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type=kind,
        operator="between",
        formula1="0",
        formula2="100000000",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=message,
    )
    sheet.add_data_validation(validation)
    return validation


def _lay_out_sheet(sheet: Any) -> None:
    """Column widths, the hidden code column, protection, frozen headers, printing one page wide."""
    for letter, width in zip("ABCDEF", (4, 30, 7, 11, 11, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["A"].hidden = True  # the code that finds the figure again; not for people
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.freeze_panes = sheet.cell(FIRST_ROW, LABEL)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1  # one page wide when printed, however many rows
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _save_book(book: Any, path: Path) -> None:
    """Through a temporary file, so a failed save leaves the old workbook."""
    temp = path.with_name(f".~{path.stem}.tmp.xlsx")
    try:
        book.save(str(temp))
        temp.replace(path)
    except PermissionError as exc:
        raise SheetError(f"无法写入 {path.name}：文件可能正在 WPS 或 Excel 中打开。请关闭后重试。") from exc
    except OSError as exc:
        raise SheetError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)


# ---- reading filled workbooks back ------------------------------------------------------------


@dataclass
class SheetValue:
    name: str  # the field
    value: int | float
    qualifier: str | None
    source: str  # 表1.xlsx · 提案委员会 第5行


@dataclass
class MergePlan:
    values: dict[str, SheetValue] = field(default_factory=dict)
    conflicts: list[str] = field(
        default_factory=list
    )  # two sheets, two values: shown before anything changes
    unusual: list[str] = field(default_factory=list)  # values outside a sane range
    unchanged: int = 0

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.conflicts or self.unusual)

    def summary(self) -> str:
        return f"{len(self.values)} 个数字将写入报告" + (
            f"（{self.unchanged} 个与报告中相同）" if self.unchanged else ""
        )


def _check_package(path: Path) -> None:
    if not path.is_file():
        raise SheetError(f"找不到文件：{path}")
    if path.suffix.lower() != ".xlsx":
        raise SheetError(f"{path.name} 不是 .xlsx 文件（请在 WPS 或 Excel 中另存为 .xlsx）")
    if path.stat().st_size > MAX_WORKBOOK_BYTES:
        raise SheetError(f"{path.name} 过大（上限 5 MB），不像是征集表")
    try:
        with zipfile.ZipFile(path) as package:
            if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED_BYTES:
                raise SheetError(f"{path.name} 解压后过大，已拒绝")
    except zipfile.BadZipFile as exc:
        raise SheetError(f"{path.name} 已损坏或不是 .xlsx 文件") from exc


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _read_workbook(path: Path, report: Report) -> list[SheetValue]:
    from openpyxl import load_workbook

    _check_package(path)
    try:
        book = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SheetError(f"{path.name} 无法读取：{exc}") from exc
    try:
        if META_SHEET not in book.sheetnames:
            raise SheetError(f"{path.name} 不是本程序导出的数据征集表（缺少“{META_SHEET}”信息）")
        meta = {
            str(row[0]): row[1:]
            for row in book[META_SHEET].iter_rows(max_row=10, values_only=True)
            if row and row[0]
        }
        year = meta.get("年度", (None,))[0]
        if year != report.year:
            raise SheetError(f"{path.name} 是 {year} 年的征集表，本报告是 {report.year} 年")
        expected = [str(n) for n in meta.get("工作表", ()) if n]
        if len(book.sheetnames) > MAX_SHEETS:
            raise SheetError(f"{path.name} 的工作表过多")
        for name in expected:
            if name not in book.sheetnames:
                raise SheetError(f"{path.name} 缺少工作表“{name}”（工作表不能删除或改名）")
        values: list[SheetValue] = []
        for name in expected:
            values.extend(_read_sheet(book[name], f"{path.name} · {name}", report))
        return values
    finally:
        book.close()


def _read_sheet(sheet: Any, where: str, report: Report) -> list[SheetValue]:
    header = [
        _cell_text(c)
        for c in next(sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True), ())
    ]
    if header[:3] != list(COLUMNS[:3]) or header[THIS - 1] != f"{report.year}年":
        raise SheetError(
            f"{where}：表头被改动（第 {HEADER_ROW} 行应为 代码、项目、单位、去年、{report.year}年、备注）"
        )
    values: list[SheetValue] = []
    for row_number, row in enumerate(
        sheet.iter_rows(min_row=FIRST_ROW, max_col=NOTE, values_only=True), start=FIRST_ROW
    ):
        if row_number > FIRST_ROW + MAX_ROWS:
            raise SheetError(f"{where}：行数过多（上限 {MAX_ROWS} 行）")
        cells = list(row) + [None] * (NOTE - len(row))
        code, label, this = _cell_text(cells[CODE - 1]), _cell_text(cells[LABEL - 1]), cells[THIS - 1]
        if not code and not label and this in (None, ""):
            continue
        item = report.fields.get(code)
        if item is None:
            raise SheetError(f"{where} 第 {row_number} 行：“{label or code}”不是征集表中的项目（请勿增加行）")
        if label != item.label:
            raise SheetError(f"{where} 第 {row_number} 行：项目名称被改成了“{label}”（应为“{item.label}”）")
        if this in (None, ""):
            continue
        if isinstance(this, bool) or not isinstance(this, int | float | str):
            raise SheetError(f"{where} 第 {row_number} 行：“{item.label}”应填数字，实际是“{this}”")
        try:
            parsed, qualifier = item.parse_input(str(this) if isinstance(this, str) else _plain_number(this))
        except FigureError:
            raise SheetError(f"{where} 第 {row_number} 行：“{item.label}”应填数字，实际是“{this}”") from None
        if isinstance(parsed, int | float):
            values.append(SheetValue(item.name, parsed, qualifier, f"{where} 第 {row_number} 行"))
    return values


def _plain_number(value: int | float) -> str:
    """Excel stores 268 as 268.0: an integer field takes it as 268."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _unusual(item: Field, value: float) -> str | None:
    if value < 0:
        return f"“{item.label}”为负数：{value}"
    if item.type == "percent" and value > 100:
        return f"“{item.label}”超过 100%：{value}"
    last = item.last_value if isinstance(item.last_value, int | float) else None
    if last and last > 0 and (value > last * 10 or value < last / 10):
        return f"“{item.label}”为 {value}{item.unit}，去年为 {last}{item.unit}，相差十倍以上，请核对"
    if value > 10_000_000:
        return f"“{item.label}”为 {value}，数值过大，请核对"
    return None


def plan_merge(report: Report, workbooks: list[str | Path]) -> MergePlan:
    """Read every workbook; raise SheetError (nothing changes) or return what would change."""
    if not workbooks:
        raise SheetError("请至少给出一个填好的征集表")
    plan = MergePlan()
    seen: dict[str, SheetValue] = {}
    for workbook in workbooks:
        for found in _read_workbook(Path(workbook), report):
            earlier = seen.get(found.name)
            item = report.fields[found.name]
            if earlier is not None and (earlier.value, earlier.qualifier) != (found.value, found.qualifier):
                plan.conflicts.append(
                    f"“{item.label}”：{earlier.source} 填 {earlier.value}，{found.source} 填 {found.value}"
                    "（以后者为准）"
                )
            seen[found.name] = found
    for name, found in seen.items():
        item = report.fields[name]
        problem = _unusual(item, float(found.value))
        if problem:
            plan.unusual.append(f"{problem}（{found.source}）")
        if (
            item.value == found.value
            and item.status == "filled"
            and found.qualifier in (None, item.qualifier)
        ):
            plan.unchanged += 1
        plan.values[name] = found
    return plan


def apply_merge(report: Report, plan: MergePlan) -> None:
    for name, found in plan.values.items():
        item = report.fields[name]
        item.set_value(found.value)
        if found.qualifier is not None:
            item.qualifier = found.qualifier
