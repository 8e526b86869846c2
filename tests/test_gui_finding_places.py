"""A finding names its paragraph by id and an offset in the paragraph's text: the writer may add, delete
or edit paragraphs and sections while a check runs or before acting on a finding, and the finding then
lands on its own characters or is dropped, never on other ones (docs/ARCHITECTURE.md, The window)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from gui_helpers import all_text, type_chinese

SLIPS = "委员们积极建言,深刻把握把握精神，政协代表发挥作用。"


@pytest.fixture
def window(window):  # type: ignore[no-untyped-def]
    """The sample window (conftest) with a paragraph of slips typed at the end of section 2, checked."""
    section = window.controller.report.sections[1]
    window.select_section(section.id)
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.body.textCursor().insertBlock()
    type_chinese(window.editor.body, SLIPS)
    window.proofreader.wait(120000)  # the session's first check waits for jieba (slow on a busy machine)
    return window


def _item(window, code: str):  # type: ignore[no-untyped-def]
    return next(i for i in window.proofreader.findings if i.finding.code == code)


def _finish_check_without_sync(window) -> None:  # type: ignore[no-untyped-def]
    """Let the check in flight answer before the editor's text reaches the model (the sync timer has
    not fired): its results describe the report as it was, the race a check always runs."""
    proofreader = window.proofreader
    while proofreader._future is not None and not proofreader._future.done():
        pass
    proofreader._collect()


def _underlined(window) -> set[str]:  # type: ignore[no-untyped-def]
    window.editor.body.clearFocus()
    window._underline()
    return {s.cursor.selectedText() for s in window.editor.body.extraSelections()}


def _delete_block(body, number: int) -> None:  # type: ignore[no-untyped-def]
    cursor = QTextCursor(body.document().findBlockByNumber(number))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()


def test_deleting_a_paragraph_while_a_check_runs(window, qtlog) -> None:  # type: ignore[no-untyped-def]
    body = window.editor.body
    slips = body.document().lastBlock().blockNumber()
    assert slips > 0 and body.document().lastBlock().text() == SLIPS
    window.proofreader.start_check()
    _delete_block(body, 0)  # a paragraph before the slips goes while the check runs
    # The editor's cursor moved with the deletion and the underlines were redrawn in the middle of
    # the edit: from where the blocks stand now, not where they stood at the last read.
    assert not [r.message for r in qtlog.records if "out of range" in r.message]
    _finish_check_without_sync(window)
    assert {"把握", ",", "政协代表"} <= _underlined(window), "the findings still mark their own words"
    assert window.proofreading_actions.apply_suggestion(_item(window, "wording.zhengxie-daibiao"))
    assert "，政协委员发挥作用。" in all_text(window)

    window.proofreader.start_check()
    _delete_block(body, body.document().lastBlock().blockNumber())  # now the slips' paragraph itself
    _finish_check_without_sync(window)
    assert SLIPS[:10] not in all_text(window)
    assert not [i for i in window.proofreader.findings if i.finding.text in ("把握", ",")]
    assert window.proof_panel.list.count() == len(window.proofreader.findings)
    assert not (_underlined(window) & {"把握", ","})
    window.proofreader.wait()
    assert not [i for i in window.proofreader.findings if i.finding.text in ("把握", ",")]


def test_deleting_a_section_drops_its_findings_and_points_nowhere_else(window) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui.commands import RemoveSection

    controller = window.controller
    doomed = controller.report.sections[1]
    stale = list(window.proofreader.for_section(doomed.id))
    assert stale
    window.proofreader.start_check()
    controller.undo_stack.push(RemoveSection(controller, 1))
    _finish_check_without_sync(window)
    assert all(controller.report.sections[0].id != i.section_id for i in stale)
    assert window.proofreader.for_section(doomed.id) == []
    for item in stale:  # held by a menu opened before the delete
        assert window.proofreader.document_range(item) is None
        assert not window.proofreading_actions.apply_suggestion(item)
    window.proofreading_actions.jump_to_finding(stale[0])  # nothing to jump to: the editor stays where it is
    assert window.editor.section_id != doomed.id
    assert "第1节" not in "\n".join(
        window.proof_panel.list.item(row).text() for row in range(window.proof_panel.list.count())
    )


def test_an_edit_before_a_finding_keeps_a_suggestion_off_other_characters(window) -> None:  # type: ignore[no-untyped-def]
    body = window.editor.body
    doubled = _item(window, "doubled.word")
    cursor = QTextCursor(body.document().lastBlock())
    body.setTextCursor(cursor)
    type_chinese(body, "会上，")  # three characters before the finding: its offsets now name other ones
    window.controller.flush()
    before = all_text(window)
    assert not window.proofreading_actions.apply_suggestion(doubled)
    assert all_text(window) == before, "nothing is replaced"
    assert doubled not in window.proofreader.findings
    window.proofreader.wait()
    assert window.proofreading_actions.apply_suggestion(_item(window, "doubled.word"))
    assert "会上，委员们积极建言,深刻把握精神，" in all_text(window)


def test_an_edit_after_a_finding_keeps_it_where_it_was(window) -> None:  # type: ignore[no-untyped-def]
    body = window.editor.body
    comma = _item(window, "punct.half-width")
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(body, "再添一句。")  # after every finding of the paragraph
    assert "," in _underlined(window)
    assert window.proofreading_actions.apply_suggestion(comma)
    assert "委员们积极建言，深刻把握把握精神" in all_text(window)
    assert "，政协代表发挥作用。再添一句。" in all_text(window)
