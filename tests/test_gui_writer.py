"""The app as an office writer meets it: a plain Chinese interface font, Qt's own texts in Chinese,
our right-click menu, paragraphs shown as they print, and one undo history for everything."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit

from gui_helpers import all_text, select_typed_number, type_chinese


def _texts(actions: list[QAction]) -> list[str]:
    return [a.text() for a in actions if not a.isSeparator()]


# ---- fonts -------------------------------------------------------------------------------------


def test_interface_font_is_never_calligraphic() -> None:
    from report_writer.gui.look import interface_families

    kaiti_first = ["AR PL KaitiM GB", "Noto Serif CJK SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC"]
    assert interface_families(kaiti_first, kaiti_first, "DejaVu Sans") == [
        "Noto Sans CJK SC",
        "WenQuanYi Micro Hei",
        "DejaVu Sans",
    ]
    assert interface_families(["微软雅黑", "宋体", "楷体"], [], "宋体") == ["微软雅黑"]
    only_print_faces = ["AR PL UKai CN", "AR PL UMing CN", "FangSong"]
    assert interface_families(only_print_faces, only_print_faces, "Sans Serif") == ["Sans Serif"]
    assert interface_families(["Some Hei"], ["AR PL KaitiM GB", "Some Hei"], "") == ["Some Hei"]


def test_application_font_and_chinese_qt_texts(qapp) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui.app import install_translations, setup_application

    setup_application(qapp)
    families = qapp.font().families()
    assert families and not any(word in f.lower() for f in families for word in ("kai", "楷", "song", "宋"))
    assert any("qtbase_zh_CN" in path for path in install_translations(qapp))
    edit = QLineEdit()
    menu = edit.createStandardContextMenu()
    texts = " ".join(_texts(menu.actions()))
    assert "剪切" in texts and "粘贴" in texts and "全选" in texts and "Paste" not in texts
    assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
    from PySide6.QtWidgets import QFileDialog, QLabel

    chooser = QFileDialog(None, "打开报告", "", "报告项目 (*.rwp)")
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog)  # the one Qt draws where the desktop has none
    labels = [label.text() for label in chooser.findChildren(QLabel) if label.text()]
    words = [re.sub(r"\(&\w\)", "", text) for text in labels]  # “文件名称(&N)：” keeps its access key
    assert len(labels) == 3 and not any(re.search(r"[A-Za-z]", word) for word in words), labels
    chooser.deleteLater()


def test_editor_shows_paragraphs_as_they_print(window) -> None:  # type: ignore[no-untyped-def]
    window.select_section(window.controller.report.sections[1].id)
    doc = window.editor.body.document()
    block = doc.begin()
    assert block.blockFormat().textIndent() > 20 and block.blockFormat().bottomMargin() > 5
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.body.textCursor().insertBlock()  # Enter: the new paragraph looks the same
    assert doc.lastBlock().blockFormat().textIndent() == block.blockFormat().textIndent()


# ---- the right-click menu ------------------------------------------------------------------------


def test_context_menu_without_finding_is_chinese(window) -> None:  # type: ignore[no-untyped-def]
    window.select_section(window.controller.report.sections[1].id)
    menu = window.editor.body.context_menu(3)
    texts = _texts(menu.actions())
    assert texts[:6] == ["撤销", "重做", "剪切", "复制", "粘贴", "全选"]
    assert "设为段首语 / 取消" in texts


def test_context_menu_hook_for_other_actions(window) -> None:  # type: ignore[no-untyped-def]
    def provider(menu, position):  # type: ignore[no-untyped-def]
        return [QAction(f"设为数字（{position}）", menu)]

    window.editor.body.extra_providers.append(provider)
    window.select_section(window.controller.report.sections[1].id)
    texts = _texts(window.editor.body.context_menu(5).actions())
    assert texts[-1] == "设为数字（5）" and texts.index("设为段首语 / 取消") < texts.index("设为数字（5）")


def test_right_click_on_a_finding_offers_fix_ignore_and_word_list(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    section = window.controller.report.sections[1]
    window.select_section(section.id)
    body = window.editor.body
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(body, "深刻把握把握精神，政协代表发挥作用。区政协召开主席悔意。")
    window.proofreader.wait()
    item = next(i for i in window.proofreader.findings if i.finding.code == "wording.zhengxie-daibiao")
    _, start, end = window.proofreader.document_range(item)
    menu = body.context_menu(start + 1)
    texts = _texts(menu.actions())
    fix = texts.index("改为“政协委员”")
    # a 提法 with its sure fix: 忽略, but no 加入词表 (it would hide the slip in every report)
    assert texts[fix + 1] == "忽略" and "加入词表…" not in texts and texts.index("撤销") > fix + 1
    # the message first, whole, a line at a time (3 lines at most, the last elided if need be)
    message = "".join(texts[:fix])
    assert 1 <= fix <= 3 and message.startswith("［") and not any(a.isEnabled() for a in menu.actions()[:fix])
    assert message.rstrip("…") in f"［错误］{item.finding.message}"
    next(a for a in menu.actions() if a.text() == "改为“政协委员”").trigger()
    assert "政协委员发挥作用" in all_text(window)

    window.proofreader.wait()
    typo = next(i for i in window.proofreader.findings if i.finding.code == "typo.confusion")
    _, start, _ = window.proofreader.document_range(typo)
    asked: list[str] = []
    monkeypatch.setattr(
        window.proofreading_actions, "ask_word", lambda title, label, word: asked.append(word)
    )
    texts = _texts(body.context_menu(start).actions())
    assert texts[texts.index("忽略") + 1] == "加入词表…"  # a word the typo check does not know: offered
    next(a for a in body.context_menu(start).actions() if a.text() == "加入词表…").trigger()
    assert asked == ["悔意"]  # the writer is asked which word to add (here: cancelled)
    doubled = next(i for i in window.proofreader.findings if i.finding.code == "doubled.word")
    _, start, _ = window.proofreader.document_range(doubled)
    menu = body.context_menu(start)
    assert "加入词表…" not in _texts(menu.actions())
    next(a for a in menu.actions() if a.text() == "忽略").trigger()
    assert doubled.key in window.controller.report.ignored_findings


def test_message_lines_of_the_menu_keep_numbers_whole() -> None:
    from report_writer.gui.context_menu import message_lines

    note = (
        "［提示］年度提法：这一写法属于2025年，与报告年度（2024年）不符。"
        "2024年的提法是“实现‘十四五’规划目标任务的关键一年”。"
    )
    for width in range(12, 40):
        lines = message_lines(note, width, 99)
        assert "".join(lines) == note
        for first, second in zip(lines, lines[1:], strict=False):
            assert not (first[-1].isdigit() and second[0].isdigit()), (width, lines)
            assert second[0] not in "，。、）”’", (width, lines)  # closing punctuation stays with its text
            assert first[-1] not in "（“‘", (width, lines)
    assert message_lines(note, 10, 3)[-1].endswith("…") and len(message_lines(note, 10, 3)) == 3


# ---- one undo history --------------------------------------------------------------------------


def test_replace_all_is_one_undo_step_including_title(window) -> None:  # type: ignore[no-untyped-def]
    report = window.controller.report
    before_text, before_subtitle = all_text(window), report.subtitle
    before_headings = [s.heading for s in report.sections]
    dialog = window.edit_actions.find_dialog()
    dialog.find_text.setText("示例区政协")
    dialog.replace_text.setText("样板区政协")
    count = dialog.replace_all()
    assert (
        count >= 5 and "样板区政协" in report.subtitle
    )  # the sample names itself in full in the lead and captions, then 区政协
    window.select_section(None)  # on the title page, as in the issue
    assert window.menus.undo.isEnabled() and "全部替换" in window.menus.undo.text()
    assert window.menus.undo.iconText() == "撤销"  # the toolbar button keeps its short name
    window.menus.undo.trigger()
    assert all_text(window) == before_text and report.subtitle == before_subtitle
    assert [s.heading for s in report.sections] == before_headings
    assert window.title_form.subtitle.text() == before_subtitle
    window.menus.redo.trigger()
    assert "样板区政协" in report.subtitle and "示例区政协" not in all_text(window)
    dialog.close()


def test_undo_and_redo_keys_follow_word(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.menus.redo.shortcut().toString() == "Ctrl+Y"
    assert [k.toString() for k in window.menus.redo.shortcuts()] == ["Ctrl+Y", "Ctrl+Shift+Z"]
    first, second = window.controller.report.sections[1], window.controller.report.sections[2]
    body = window.editor.body
    window.select_section(first.id)
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(body, "第一节加的话")
    window.select_section(second.id)
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(body, "第二节加的话")
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "第二节加的话" not in all_text(window) and "第一节加的话" in all_text(window)
    qtbot.keyClick(
        body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )  # the earlier edit, in another section
    assert "第一节加的话" not in all_text(window) and window.editor.section_id == first.id
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert "第一节加的话" in all_text(window)
    qtbot.keyClick(
        window.editor.body,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "第二节加的话" in all_text(window)


def test_many_figures_changed_at_once_are_one_undo_step(window) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui.commands import ChangeFields

    report = window.controller.report
    before = {name: (f.value, f.status) for name, f in report.fields.items()}

    def roll_over(r) -> None:  # type: ignore[no-untyped-def]
        for field in r.fields.values():
            field.last_value, field.status = field.value, "to_update"

    window.controller.undo_stack.push(ChangeFields(window.controller, "数字转入新年度", roll_over))
    assert all(f.status == "to_update" for f in report.fields.values())
    window.edit_actions.undo_any()
    assert {name: (f.value, f.status) for name, f in report.fields.items()} == before
    window.edit_actions.redo_any()
    assert all(f.status == "to_update" for f in report.fields.values())


def test_title_line_edit_hands_ctrl_z_to_the_report(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.controller.undo_stack.push(
        __import__("report_writer.gui.commands", fromlist=["SetReportTexts"]).SetReportTexts(
            window.controller, {"title": "新的大标题"}
        )
    )
    window.select_section(None)
    assert window.title_form.title.text() == "新的大标题"
    window.title_form.title.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(window.title_form.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.report.title != "新的大标题"


def test_new_paragraph_after_a_photo_is_body_text(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor as Cursor

    section = next(s for s in window.controller.report.sections if type(s.blocks[-1]).__name__ == "Figure")
    window.select_section(section.id)
    body = window.editor.body
    body.moveCursor(Cursor.MoveOperation.End)  # just after the photo, the section's last block
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Return)
    type_chinese(body, "照片后面的新段落")
    block = body.textCursor().block()
    assert block.text() == "照片后面的新段落"
    assert (
        block.blockFormat().textIndent() > 20
        and not block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
    )


def test_make_figure_from_the_right_click_menu_and_undo_past_it(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui import common

    section, body = select_typed_number(window)
    menu = body.context_menu(body.textCursor().block().position() + 9)
    make = next(a for a in menu.actions() if a.objectName() == "makeFigure")
    assert make.isEnabled() and _texts(menu.actions())[-2:] == ["设为数字…", "取消数字"]
    monkeypatch.setattr(common, "ask_text", lambda parent, title, label, text="", *args, **kwargs: text)
    fields_before = set(window.controller.report.fields)
    make.trigger()
    assert set(window.controller.report.fields) - fields_before
    window.edit_actions.undo_any()  # the figure goes
    assert set(window.controller.report.fields) == fields_before
    assert "编报社情民意信息430余篇。" in all_text(window)
    # the text typed before was filled again by that change; Ctrl+Z goes on without a dead step
    steps = window.controller.undo_stack.index()
    window.edit_actions.undo_any()
    assert window.controller.undo_stack.index() < steps


def test_right_click_at_the_end_of_a_section_warns_nothing(window, qtlog) -> None:  # type: ignore[no-untyped-def]
    """The tester's app.log had “QTextCursor::setPosition: Position … out of range”: the menu's 取消数字
    looked one character past the cursor at the end of the section."""
    window.select_section(window.controller.report.sections[1].id)
    body = window.editor.body
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(body, "委员们积极建言。")
    texts = _texts(body.context_menu(body.textCursor().position()).actions())
    assert "取消数字" in texts and not window.figure_actions.can_unmake_figure()
    assert not [r.message for r in qtlog.records if "out of range" in r.message]
