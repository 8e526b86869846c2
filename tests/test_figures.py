"""Managing figures without Qt: typed input with qualifiers, add/rename/delete, number <-> figure."""

from __future__ import annotations

import pytest

from report_writer.core import figures
from report_writer.core.figures import FigureError
from report_writer.core.model import Field, FieldRef, Paragraph, Report, Section


def _report() -> Report:
    fields = {
        "p": Field("p", "收到提案", "件", "integer", 268),
        "r": Field("r", "办复率", "", "percent", None),
    }
    return Report(
        "重庆市测试县政协",
        "测试县政协",
        2025,
        "t",
        fields=fields,
        sections=[
            Section(
                "导语",
                "一",
                [Paragraph(["收到提案", FieldRef("p"), "件，办复率", FieldRef("r"), "。"], lead="数字。")],
            )
        ],
    )


@pytest.mark.parametrize(
    ("typed", "value", "qualifier"),
    [
        ("450余", 450, "余"),
        ("约30", 30, "约"),
        ("近 100", 100, "近"),
        ("1,200", 1200, None),
        ("30多", 30, "多"),
        ("", None, None),
    ],
)
def test_typed_values_keep_the_qualifier_apart(typed: str, value: int | None, qualifier: str | None) -> None:
    assert figures.parse_figure_input(Field("x", "某数", type="integer"), typed) == (value, qualifier)


def test_bad_input_is_refused_with_a_message() -> None:
    with pytest.raises(FigureError, match="应填整数"):
        figures.parse_figure_input(Field("x", "某数", type="integer"), "二百多")
    with pytest.raises(FigureError, match="应填整数"):
        figures.parse_figure_input(Field("x", "某数", type="integer"), "3.5")
    assert figures.parse_figure_input(Field("x", "比率", type="percent"), "98.5%") == (98.5, None)


def test_add_rename_delete() -> None:
    report = _report()
    item = figures.add_field(report, "新数字", "场")
    assert item.name in report.fields and item.value is None
    with pytest.raises(FigureError, match="已经有"):
        figures.add_field(report, "新数字")
    with pytest.raises(FigureError, match="不能为空"):
        figures.rename_field(report, "p", " ")
    figures.rename_field(report, "p", "收到提案数")
    assert report.fields["p"].label == "收到提案数"
    uses = figures.field_uses(report, "p")
    assert len(uses) == 1 and "268" in uses[0].snippet
    figures.delete_field(report, "p")
    figures.delete_field(report, "r")  # 待填: leaves nothing behind
    assert report.sections[0].blocks[0].parts == ["收到提案268件，办复率。"]


def test_number_in_text_becomes_a_figure_and_back() -> None:
    report = Report(
        "甲",
        "甲区政协",
        2025,
        "t",
        sections=[Section("导语", "", [Paragraph(["编报信息430余篇。"], lead="一。")])],
    )
    name = figures.make_figure_in_paragraph(report, 0, 0, 2 + 4, 2 + 9, "编报信息")
    paragraph = report.sections[0].blocks[0]
    assert paragraph.parts == ["编报信息", FieldRef(name), "篇。"]
    assert report.fields[name].value == 430 and report.fields[name].qualifier == "余"
    assert paragraph.text(report.fields) == "一。编报信息430余篇。"
    with pytest.raises(FigureError):
        figures.make_figure_in_paragraph(report, 0, 0, 0, 1, "x")  # inside the lead
    assert figures.unmake_figure_in_paragraph(report, 0, 0, 2 + 4) == name
    assert paragraph.parts == ["编报信息430余篇。"]
    with pytest.raises(FigureError, match="选中一个数字"):
        figures.read_number("协商")
