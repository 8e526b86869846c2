"""Proofreading in the app: underlines, the 校对 list, apply a suggestion, ignore, stale results."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from gui_helpers import Answers, all_text, make_window, type_chinese


@pytest.fixture
def window(window):  # type: ignore[no-untyped-def]
    """The sample window (conftest) with a sentence of slips typed at the end of section 2, checked."""
    section = window.controller.report.sections[1]
    window.select_section(section.id)
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(window.editor.body, "委员们积极建言,深刻把握把握精神，政协代表发挥作用。")
    # the first check of the session waits for jieba in the checking process; slow on a busy machine
    window.proofreader.wait(120000)
    return window


def _codes(window) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(item.finding.code, item.finding.text) for item in window.proofreader.findings}


def test_findings_listed_underlined_and_counted(window) -> None:  # type: ignore[no-untyped-def]
    assert {
        ("doubled.word", "把握"),
        ("punct.half-width", ","),
        ("wording.zhengxie-daibiao", "政协代表"),
    } <= _codes(window)
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
    assert window.proofreading_actions.apply_suggestion(items["wording.zhengxie-daibiao"])
    assert window.proofreading_actions.apply_suggestion(items["doubled.word"])
    text = all_text(window)
    assert "政协委员发挥作用" in text and "深刻把握精神" in text
    window.proofreader.wait()
    comma = next(i for i in window.proofreader.findings if i.finding.code == "punct.half-width")
    window.proofreader.ignore(comma)
    window.proofreader.wait()
    assert ("punct.half-width", ",") not in _codes(window)
    assert window.controller.report.ignored_findings  # kept with the report, so it survives saving
    window.edit_actions.undo_any()  # 忽略 is a step of the one history: the first Ctrl+Z brings it back
    assert ("punct.half-width", ",") in _codes(window) and "政协委员发挥作用" in all_text(window)
    window.edit_actions.undo_any()
    window.edit_actions.undo_any()
    assert "政协代表发挥作用" in all_text(window)


def test_ignore_is_undone_by_ctrl_z_and_restored_from_the_panel(window) -> None:  # type: ignore[no-untyped-def]
    """The tester's case: Ctrl+Z right after 忽略 undid the paragraph typed before it. Now it brings the
    finding back, and the 校对 tab lists what is ignored, to restore one or all."""
    proofreader, panel, report = window.proofreader, window.proof_panel, window.controller.report
    typed = all_text(window)
    comma = next(i for i in proofreader.findings if i.finding.code == "punct.half-width")
    doubled = next(i for i in proofreader.findings if i.finding.code == "doubled.word")
    assert panel.ignored_button.isHidden()
    window.select_section(report.sections[0].id)  # ignored from the list while another section is shown
    window.proofreading_actions.ignore(comma)
    assert comma.key in report.ignored_findings and ("punct.half-width", ",") not in _codes(window)
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    assert not panel.ignored_button.isHidden() and panel.ignored_button.text() == "已忽略 1 处（恢复…）"

    window.menus.undo.trigger()
    assert all_text(window) == typed, "Ctrl+Z after 忽略 must not undo the text typed before"
    assert comma.key not in report.ignored_findings and ("punct.half-width", ",") in _codes(window)
    assert panel.ignored_button.isHidden()
    # the finding is shown where it is, with the cursor on it, as the undo of 改为 does
    _, start, end = proofreader.document_range(comma)
    assert window.editor.section_id == comma.section_id
    assert start <= window.editor.body.textCursor().position() <= end
    window.menus.redo.trigger()
    assert comma.key in report.ignored_findings and ("punct.half-width", ",") not in _codes(window)

    window.proofreading_actions.ignore(doubled)
    proofreader.wait()  # a new check keeps both out, and still knows them as ignored
    assert {i.key for i in proofreader.ignored} == {comma.key, doubled.key}
    assert panel.ignored_button.text() == "已忽略 2 处（恢复…）"
    offers = panel.ignored_actions()
    assert [text for text, _ in offers][-1] == "全部恢复（2 处）"
    assert any("「,」" in text for text, _ in offers[:-1])
    panel._fill_ignored_menu()
    actions = panel.ignored_menu.actions()
    next(a for a in actions if "「把握」" in a.text()).trigger()  # restore one
    assert ("doubled.word", "把握") in _codes(window) and doubled.key not in report.ignored_findings
    assert ("punct.half-width", ",") not in _codes(window)
    panel._fill_ignored_menu()
    panel.ignored_menu.actions()[-1].trigger()  # 全部恢复 (here the one left)
    assert not report.ignored_findings and ("punct.half-width", ",") in _codes(window)
    window.edit_actions.undo_any()  # restoring is undone like any step
    assert comma.key in report.ignored_findings
    assert all_text(window) == typed


def test_jump_to_finding_selects_it(window) -> None:  # type: ignore[no-untyped-def]
    window.select_section(window.controller.report.sections[0].id)
    item = next(i for i in window.proofreader.findings if i.finding.code == "wording.zhengxie-daibiao")
    window.proofreading_actions.jump_to_finding(item)
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


def test_add_word_to_whitelist_from_the_list(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from report_writer.language.config import read_config

    answers = Answers()
    w = make_window(qtbot, monkeypatch, answers)
    try:
        w.project_files.open_sample()
        w.select_section(w.controller.report.sections[1].id)
        w.editor.body.moveCursor(QTextCursor.MoveOperation.End)
        type_chinese(w.editor.body, "区政协召开主席悔意，研究部署全年重点工作。")
        w.proofreader.wait(120000)  # first check: jieba loads in the checking process
        item = next(i for i in w.proofreader.findings if i.finding.code == "typo.confusion")
        assert item.finding.text == "悔意"
        asked: list[str] = []
        replies: list[str | None] = [None, "主席悔意"]  # cancel first, then widen the word before adding it
        monkeypatch.setattr(
            w.proofreading_actions,
            "ask_word",
            lambda title, label, word: asked.append(f"{label}|{word}") or replies.pop(0),
        )
        assert not w.proofreading_actions.add_to_whitelist(item), "nothing changes unless the writer confirms"
        assert "原文：……" in asked[0] and "主席悔意" in asked[0] and asked[0].endswith("|悔意")
        assert w.proofreading_actions.add_to_whitelist(item)
        assert "主席悔意" in read_config().whitelist
        # not a step of the report's history (a setting of this computer): the status bar says where
        # to undo it
        assert w.statusBar().currentMessage() == "已加入词表：主席悔意（可在“校对设置”中删除）"
        w.proofreader.wait()
        assert ("typo.confusion", "悔意") not in _codes(w)
        type_chinese(
            w.editor.body, "再加一句,"
        )  # punctuation is not a word: the button explains instead of asking
        w.proofreader.wait()
        half_width = next(i for i in w.proofreader.findings if i.finding.code == "punct.half-width")
        assert not w.proofreading_actions.add_to_whitelist(half_width) and len(asked) == 2
        w.proof_panel.list.setCurrentRow(w.proofreader.findings.index(half_width))
        assert not w.proof_panel.whitelist_button.isEnabled() and w.proof_panel.ignore_button.isEnabled()
    finally:
        w.controller.session.dirty = False
        w.close()


def test_settings_dialog_edits_words_checks_and_own_rules(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from report_writer.gui.proof_settings import ProofSettingsDialog
    from report_writer.language.checks_context import Context
    from report_writer.language.config import ProofConfig, read_config, save_config
    from report_writer.language.proofread import check_text

    hand_written = {"code": "wording.local-regex", "pattern": "示范(?:区|县)政协", "replace": "示例区政协"}
    dialog = ProofSettingsDialog(ProofConfig(whitelist={"大渡村"}, extra_rules=[hand_written]))
    qtbot.addWidget(dialog)
    assert [dialog.words.item(i).text() for i in range(dialog.words.count())] == ["大渡村"]
    dialog.words.addItem("万凯")
    typo_row = next(
        i
        for i in range(dialog.checks.count())
        if dialog.checks.item(i).data(Qt.ItemDataRole.UserRole) == "typo"
    )
    dialog.checks.item(typo_row).setCheckState(Qt.CheckState.Unchecked)
    dialog._add_rule_row({})
    dialog.rules.item(0, 0).setText("示例区（县）政协")
    dialog.rules.item(0, 1).setText("示例区政协")
    dialog.rules.item(0, 3).setText("本区政协的规范简称")
    dialog.rules.cellWidget(0, 2).setCurrentIndex(0)  # 错误
    save_config(dialog.result_config())

    saved = read_config()
    assert saved.whitelist == {"大渡村", "万凯"} and saved.disabled == {"typo"}
    assert hand_written in saved.extra_rules, "rules written by hand survive the dialog"
    found = check_text(
        "示例区（县）政协召开会议，主席悔意研究工作。示范县政协参加。", saved, Context(2024, [])
    )
    assert [(f.code, f.text, f.suggestion, f.severity, f.message) for f in found] == [
        (
            "wording.user.1",
            "示例区（县）政协",
            "示例区政协",
            "error",
            "本单位提法：本区政协的规范简称。规范写法：示例区政协。",
        ),
        ("wording.local-regex", "示范县政协", "示例区政协", "warning", "规范提法：请核对这一写法。"),
    ]
    assert all(f.code != "typo.confusion" for f in found)


def test_settings_dialog_save_keeps_the_comments_written_in_proofreading_toml(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The office edits proofreading.toml by hand too: the dialog's save changes the values it shows
    and leaves the comments, the order and the rules written by hand as they were."""
    import tomllib

    from report_writer.gui import proof_settings
    from report_writer.language.config import config_path

    written = (
        "# 本单位的校对设置（办公室 张三，2025 年 3 月）\n"
        "\n"
        'disabled = ["typo"]  # 错别字先不查，等词表更新\n'
        "whitelist = [\n"
        '  "大渡村",  # 村名，不是错字\n'
        '  "合广长",\n'
        "]\n"
        "\n"
        "# 我们自己的提法\n"
        "[[rule]]\n"
        "# 简称一律这样写\n"
        'text = "示范区政协"\n'
        'replace = "示例区政协"\n'
    )
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(written, encoding="utf-8")

    def accept_after_adding_a_word(dialog: proof_settings.ProofSettingsDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.words.addItem("万凯")
        return 1

    monkeypatch.setattr(proof_settings.ProofSettingsDialog, "exec", accept_after_adding_a_word)
    assert proof_settings.edit_proof_settings(None)

    saved = config_path().read_text(encoding="utf-8")
    for comment in (
        "# 本单位的校对设置（办公室 张三，2025 年 3 月）",
        "# 错别字先不查，等词表更新",
        "# 村名，不是错字",
        "# 我们自己的提法",
        "# 简称一律这样写",
    ):
        assert comment in saved, f"{comment} lost in:\n{saved}"
    data = tomllib.loads(saved)
    assert set(data["whitelist"]) == {"大渡村", "合广长", "万凯"} and data["disabled"] == ["typo"]
    assert [(r["text"], r["replace"]) for r in data["rule"]] == [("示范区政协", "示例区政协")]
    assert saved.index("disabled") < saved.index("whitelist") < saved.index("[[rule]]"), "order kept"


def test_apply_is_offered_only_where_there_is_a_suggestion(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.proof_panel
    panel.list.setCurrentRow(-1)
    assert not panel.apply_button.isEnabled() and not panel.ignore_button.isEnabled()
    row = next(
        i
        for i in range(panel.list.count())
        if panel.list.item(i).data(0x0100).finding.suggestion is not None
        and panel.list.item(i).data(0x0100).finding.text.isalnum()
    )
    panel.list.setCurrentRow(row)
    assert panel.apply_button.isEnabled() and panel.ignore_button.isEnabled()
    assert not panel.whitelist_button.isEnabled()  # a slip, 提法 or punctuation with its fix: no 加入词表
    panel.current().finding.suggestion = None  # a “疑似错字” finding: nothing to apply …
    panel.current().finding.code = "typo.confusion"  # … but a word to add to the list, if it is a name
    panel.list.setCurrentRow(-1)
    panel.list.setCurrentRow(row)
    assert not panel.apply_button.isEnabled() and panel.whitelist_button.isEnabled()


def test_the_right_click_redo_follows_the_history(window) -> None:  # type: ignore[no-untyped-def]
    body = window.editor.body

    def states() -> tuple[bool, bool]:
        actions = {a.text(): a.isEnabled() for a in body._editing_actions(body, 0)}
        return actions["撤销"], actions["重做"]

    assert states() == (True, False)  # the sentence typed can be undone; nothing to redo
    window.edit_actions.undo_any()
    assert states()[1] is True


def test_undo_of_a_suggestion_puts_the_cursor_where_the_text_changed(window) -> None:  # type: ignore[no-untyped-def]
    item = next(i for i in window.proofreader.findings if i.finding.code == "wording.zhengxie-daibiao")
    assert window.proofreading_actions.apply_suggestion(item)
    body = window.editor.body
    body.moveCursor(QTextCursor.MoveOperation.Start)
    window.edit_actions.undo_any()
    text = body.toPlainText()
    place = text.index("政协代表")
    assert "政协代表发挥作用" in text
    assert place <= body.textCursor().position() <= place + len("政协代表")


def test_export_says_how_many_errors_are_still_open(window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The tester exported with 33 错误 open and nothing was said: the success message now says it."""
    from report_writer.gui import dialogs

    errors = sum(item.finding.severity == "error" for item in window.proofreader.findings)
    assert errors >= 2
    choice = dialogs.ExportChoice("公文", "公文标准", "", str(tmp_path / "导出.docx"))
    assert window.export_actions.export_to(choice)
    said = next(a for a in answers.asked if "已导出" in a)
    assert said.endswith(f"校对还有 {errors} 处错误未处理（见右侧“校对”页）。")
    for item in [i for i in window.proofreader.findings if i.finding.severity == "error"]:
        window.proofreader.ignore(item)
    assert window.export_actions.export_to(choice)
    assert "校对还有" not in [a for a in answers.asked if "已导出" in a][-1]
