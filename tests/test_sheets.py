"""数据征集表: written with openpyxl, filled by a script as the 专委会 would, merged back; hostile
workbooks."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from report_writer.cli import main
from report_writer.core.project import Project, write_new_project
from report_writer.core.sheets import (
    FIRST_ROW,
    META_SHEET,
    THIS,
    SheetError,
    apply_merge,
    plan_merge,
    write_sheets,
)
from report_writer.core.templating import find_pack, render_pack


def _report():  # type: ignore[no-untyped-def]
    return render_pack(find_pack("huimou"), "重庆市测试县政协", "测试县政协", 2025)


def _fill(path: Path, values: dict[str, object], only: set[str] | None = None) -> None:
    """Type values into this year's column, as a 专委会 would in WPS or Excel."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        if sheet.title == META_SHEET:
            continue
        for row in range(FIRST_ROW, sheet.max_row + 1):
            code = sheet.cell(row, 1).value
            if code in values and (only is None or sheet.title in only):
                sheet.cell(row, THIS).value = values[code]
    book.save(path)


def test_workbook_layout(tmp_path: Path) -> None:
    report = _report()
    path = write_sheets(report, tmp_path / "征集表.xlsx")
    book = openpyxl.load_workbook(path)
    sheets = [s for s in book.worksheets if s.title != META_SHEET]
    assert len(sheets) >= 3 and "提案委员会" in book.sheetnames
    assert book[META_SHEET].sheet_state == "veryHidden"
    sheet = book["提案委员会"]
    assert [c.value for c in sheet[4]][1:] == ["项目", "单位", "2024年", "2025年", "备注"]
    assert sheet.protection.sheet
    assert not sheet.cell(FIRST_ROW, THIS).protection.locked and sheet.cell(FIRST_ROW, 2).protection.locked
    assert sheet.data_validations.dataValidation
    listed = {s.cell(r, 1).value for s in sheets for r in range(FIRST_ROW, s.max_row + 1)} - {None}
    assert listed == set(report.fields)


def test_round_trip_equals_typing(tmp_path: Path) -> None:
    report = _report()
    path = write_sheets(report, tmp_path / "表.xlsx")
    names = list(report.fields)
    typed = {name: 10 + index for index, name in enumerate(names)}
    for name in names:
        if report.fields[name].type == "percent":
            typed[name] = 96.5
    first, second = tmp_path / "表1.xlsx", tmp_path / "表2.xlsx"
    first.write_bytes(path.read_bytes())
    second.write_bytes(path.read_bytes())
    _fill(first, typed, only={"提案委员会"})
    _fill(second, typed, only=set(openpyxl.load_workbook(path).sheetnames) - {"提案委员会"})
    plan = plan_merge(report, [first, second])
    assert not plan.conflicts and not plan.unusual
    apply_merge(report, plan)
    by_hand = _report()
    for name, value in typed.items():
        by_hand.fields[name].value = value
    assert {n: f.value for n, f in report.fields.items()} == {n: f.value for n, f in by_hand.fields.items()}
    assert all(f.status == "filled" for f in report.fields.values())


def test_conflicts_and_unusual_values_are_shown(tmp_path: Path) -> None:
    report = _report()
    report.fields["proposals"].last_value = 250
    path = write_sheets(report, tmp_path / "表.xlsx")
    one, two = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    one.write_bytes(path.read_bytes())
    two.write_bytes(path.read_bytes())
    _fill(one, {"proposals": 268})
    _fill(two, {"proposals": 9999, "consult_sessions": "86余"})
    plan = plan_merge(report, [one, two])
    assert plan.conflicts and "9999" in plan.conflicts[0]
    assert plan.unusual and "十倍" in plan.unusual[0]
    assert plan.values["consult_sessions"].qualifier == "余"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("text", "应填数字"),
        ("missing sheet", "缺少工作表"),
        ("extra row", "不是征集表中的项目"),
        ("renamed label", "项目名称被改"),
        ("header", "表头"),
        ("no meta", "不是本程序导出"),
    ],
)
def test_damaged_workbooks_change_nothing(tmp_path: Path, damage: str, message: str) -> None:
    report = _report()
    path = write_sheets(report, tmp_path / "表.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["提案委员会"]
    if damage == "text":
        sheet.cell(FIRST_ROW, THIS).value = "很多"
    elif damage == "missing sheet":
        book.remove(sheet)
    elif damage == "extra row":
        sheet.cell(sheet.max_row + 1, 2).value = "自己加的一项"
        sheet.cell(sheet.max_row, THIS).value = 5
    elif damage == "renamed label":
        sheet.cell(FIRST_ROW, 2).value = "别的名字"
    elif damage == "header":
        sheet.cell(4, 2).value = "名称"
    else:
        book.remove(book[META_SHEET])
    book.save(path)
    before = report.to_dict()
    with pytest.raises(SheetError, match=message):
        plan_merge(report, [path])
    assert report.to_dict() == before


def test_not_a_workbook_and_zip_bomb(tmp_path: Path) -> None:
    report = _report()
    fake = tmp_path / "假.xlsx"
    fake.write_text("不是表格", encoding="utf-8")
    with pytest.raises(SheetError, match="损坏"):
        plan_merge(report, [fake])
    bomb = tmp_path / "大.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/big.xml", b"0" * (41 * 1024 * 1024))
    with pytest.raises(SheetError, match="过大"):
        plan_merge(report, [bomb])
    with pytest.raises(SheetError, match="xlsx"):
        plan_merge(report, [tmp_path / "x.xls"]) if (tmp_path / "x.xls").write_bytes(b"x") else None


def test_cli_sheet_and_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "2025.rwp"
    write_new_project(project, _report())
    sheet = tmp_path / "数据征集表.xlsx"
    assert main(["sheet", str(project), "-o", str(sheet)]) == 0
    _fill(sheet, {"proposals": 300})
    assert main(["sheet", "--merge", str(project), str(sheet)]) == 0
    assert "1 个数字" in capsys.readouterr().out
    with Project.open(project, readonly=True) as opened:
        assert opened.load().fields["proposals"].value == 300
        assert opened.revisions()[-1].label == "导入数据征集表"
    _fill(sheet, {"proposals": "很多"})
    assert main(["sheet", "--merge", str(project), str(sheet)]) == 1
    assert "应填数字" in capsys.readouterr().err
