"""Proofreading in the app: underlines, the 校对 list, apply a suggestion, ignore, stale results."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from gui_helpers import all_text, type_chinese
from test_gui import Answers, make_window


@pytest.fixture
def window(qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    w = make_window(qtbot, monkeypatch, Answers())
    w.open_sample()
    section = w.controller.report.sections[1]
    w.select_section(section.id)
    w.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(w.editor.body, "委员们积极建言,深刻把握把握精神，政协代表发挥作用。")
    w.proofreader.wait()
    yield w
    w.controller.session.dirty = False
    w.close()


def _codes(window) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(item.finding.code, item.finding.text) for item in window.proofreader.findings}


def test_findings_listed_underlined_and_counted(window) -> None:  # type: ignore[no-untyped-def]
    assert {("doubled.word", "把握"), ("punct.half-width", ","), ("wording.zhengxie-daibiao", "政协代表")} <= _codes(window)
    assert window.proof_panel.list.count() == len(window.proofreader.findings)
    window.editor.body.clearFocus()
    window._underline()
    selections = window.editor.body.extraSelections()
    underlined = {s.cursor.selectedText() for s in selections}
    assert {"把握", ",", "政协代表"} <= underlined
    row = window.outline_model.row_for(window.controller.report.sections[1].id)
    assert "校对 3 处" in window.outline_model.data(window.outline_model.index(row))


def test_apply_suggestion_and_ignore(window) -> None:  # type: ignore[no-untyped-def]
    items = {item.finding.code: item for item in window.proofreader.findings}
    assert window.apply_suggestion(items["wording.zhengxie-daibiao"])
    assert window.apply_suggestion(items["doubled.word"])
    text = all_text(window)
    assert "政协委员发挥作用" in text and "深刻把握精神" in text
    window.proofreader.wait()
    comma = next(i for i in window.proofreader.findings if i.finding.code == "punct.half-width")
    window.proofreader.ignore(comma)
    window.proofreader.wait()
    assert ("punct.half-width", ",") not in _codes(window)
    assert window.controller.report.ignored_findings  # kept with the report, so it survives saving
    window.editor.body.undo()
    window.editor.body.undo()
    assert "政协代表发挥作用" in all_text(window)


def test_jump_to_finding_selects_it(window) -> None:  # type: ignore[no-untyped-def]
    window.select_section(window.controller.report.sections[0].id)
    item = next(i for i in window.proofreader.findings if i.finding.code == "wording.zhengxie-daibiao")
    window.jump_to_finding(item)
    assert window.editor.section_id == item.section_id
    assert window.editor.body.textCursor().selectedText() == "政协代表"


def test_results_for_changed_text_are_dropped(window) -> None:  # type: ignore[no-untyped-def]
    proofreader = window.proofreader
    proofreader.start_check()
    type_chinese(window.editor.body, "和和")  # the report changes while the check runs
    window.controller.flush()
    before = list(proofreader.findings)
    while proofreader._future is not None and not proofreader._future.done():
        pass
    proofreader._collect()
    assert proofreader.findings == before, "stale results must not replace the list"
    proofreader.wait()
    assert ("doubled.char", "和") in _codes(window)
