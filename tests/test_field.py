"""A figure (Field) owns what it means: 待填/待更新/已填, how the 数据 table shows it, what the writer may
type into it, and setting and restoring its value (the undo of 修改 goes through these too)."""

from __future__ import annotations

import pytest

from report_writer.core.model import Field, FieldState, FigureError, Report


def test_empty_stale_and_filled() -> None:
    empty = Field("a", "收到提案", value=None)
    stale = Field("b", "协商活动", value=86, status="to_update")
    filled = Field("c", "视察调研", value=24)
    assert [f.status_text() for f in (empty, stale, filled)] == ["待填", "待更新", "已填"]
    assert (empty.is_empty(), empty.is_stale(), empty.needs_update()) == (True, False, True)
    assert (stale.is_empty(), stale.is_stale(), stale.needs_update()) == (False, True, True)
    assert (filled.is_empty(), filled.is_stale(), filled.needs_update()) == (False, False, False)
    assert Field("d", "空字", value="", type="text").status_text() == "待填"


def test_table_text_and_sentence_text() -> None:
    about = Field("a", "提案", value=450, qualifier="余")
    assert (about.value_text(about.value), about.display()) == ("450余", "450余")
    near = Field("b", "委员", value=100, qualifier="近")
    assert (near.value_text(near.value), near.display()) == ("100", "近100")
    rate = Field("c", "办复率", type="percent", value=98.5)
    assert rate.value_text(rate.value) == "98.5%" and rate.value_text(None) == ""


def test_what_the_writer_types() -> None:
    count = Field("a", "提案")
    assert count.parse_input(" 1,200 ") == (1200, None)
    assert count.parse_input("约30") == (30, "约") and count.parse_input("450余") == (450, "余")
    assert count.parse_input("") == (None, None)
    with pytest.raises(FigureError, match="应填整数"):
        count.parse_input("3.5")
    assert Field("b", "比率", type="percent").parse_input("98.5%") == (98.5, None)
    assert Field("c", "名称", type="text").parse_input(" 大渡村 ") == ("大渡村", None)


def test_set_restore_and_roll_over() -> None:
    report = Report("示例区政协", "示例区政协", 2024, "标题")
    report.fields["a"] = Field("a", "提案", value=86, status="to_update")
    before = report.fields["a"].set_value(90)
    assert before == FieldState(86, "to_update") and report.fields["a"].state() == FieldState(90, "filled")
    report.fields["a"].set_value(None)
    assert report.fields["a"].state() == FieldState(None, "to_update"), "emptied: to fill again"
    report.fields["a"].restore(before)
    assert report.fields["a"].state() == FieldState(86, "to_update")
    report.fields["a"].set_value(91)
    report.fields["a"].carry_to_next_year()
    assert (report.fields["a"].last_value, report.fields["a"].status_text()) == (91, "待更新")
