"""The desktop app, driven as a writer would (pytest-qt, offscreen)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import docx
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor

from gui_helpers import all_text, make_window, type_chinese
from report_writer.core.model import FieldRef, Figure, Paragraph
from report_writer.core.project import Project
from report_writer.paths import resource


def _section_with_field(window, name: str):  # type: ignore[no-untyped-def]
    for section in window.controller.report.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph) and name in block.field_names():
                return section
    raise AssertionError(name)


def test_open_sample_and_switch_sections(window) -> None:  # type: ignore[no-untyped-def]
    report = window.controller.report
    assert window.outline_model.rowCount() == len(report.sections) + 1
    for section in report.sections:
        window.select_section(section.id)
        assert window.editor.section_id == section.id
        assert window.editor.heading.text() == section.heading
        assert window.editor.body.document().characterCount() > 10
    window.select_section(None)
    assert window.stack.currentWidget() is window.title_form
    assert window.title_form.title.text() == report.title


def test_typing_chinese_changes_word_count(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    section = window.controller.report.sections[1]
    window.select_section(section.id)
    before_total = int(window.total_label.text().split()[1])
    before = int(window.section_label.text().split()[1])
    body = window.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(body, "委员们积极建言献策")
    qtbot.waitUntil(lambda: int(window.section_label.text().split()[1]) == before + 9, timeout=3000)
    assert int(window.total_label.text().split()[1]) == before_total + 9
    assert "委员们积极建言献策" in all_text(window)
    assert window.controller.session.dirty and "未保存" in window.save_label.text()


def test_field_value_changes_every_sentence(window) -> None:  # type: ignore[no-untyped-def]
    model = window.fields_model
    names = list(window.controller.report.fields)
    row = names.index("consult_sessions")
    before = all_text(window).count("86场次")
    assert before >= 2
    assert model.setData(model.index(row, 1), "123")
    text = all_text(window)
    assert text.count("123场次") == before and "86场次" not in text
    assert model.data(model.index(row, 1)) == "123"
    window.controller.undo_stack.undo()
    assert all_text(window).count("86场次") == before


def test_bad_field_value_is_refused_with_message(window, answers) -> None:  # type: ignore[no-untyped-def]
    model = window.fields_model
    row = list(window.controller.report.fields).index("proposals")
    assert not model.setData(model.index(row, 1), "二百多")
    assert any("应填整数" in w for w in answers.warnings)
    assert window.controller.report.fields["proposals"].value == 268


def test_token_is_atomic(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    section = _section_with_field(window, "study_sessions")
    window.select_section(section.id)
    body = window.editor.body
    doc = body.document()
    text = doc.toPlainText()
    position = text.index("学习研讨") + len("学习研讨")  # the token follows
    assert doc.characterAt(position) == "\ufffc"
    cursor = body.textCursor()
    cursor.setPosition(position)
    body.setTextCursor(cursor)
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Right)  # steps over the whole token
    assert body.textCursor().position() == position + 1
    qtbot.keyClick(body, Qt.Key.Key_Backspace)  # removes it whole
    window.controller.flush()
    assert "study_sessions" not in [
        n for b in section.blocks if isinstance(b, Paragraph) for n in b.field_names()
    ]
    assert "学习研讨次" in all_text(window)
    assert "\ufffc" not in doc.toPlainText()[position - 4 : position + 1]
    body.undo()
    window.controller.flush()
    assert "学习研讨38次" in all_text(window)


def test_reorder_sections_and_undo(window) -> None:  # type: ignore[no-untyped-def]
    report = window.controller.report
    order = [s.id for s in report.sections]
    window.outline_model.move_section(1, 3)
    assert [s.id for s in report.sections] == [order[0], order[2], order[3], order[1], *order[4:]]
    assert window.editor.section_id == order[1]
    window.controller.undo_stack.undo()
    assert [s.id for s in report.sections] == order
    # and by drag and drop through the model's mime data
    mime = window.outline_model.mimeData([window.outline_model.index(2)])
    window.outline_model.dropMimeData(mime, Qt.DropAction.MoveAction, 5, 0, window.outline_model.index(-1))
    assert [s.id for s in report.sections].index(order[1]) == 3
    window.controller.undo_stack.undo()
    assert [s.id for s in report.sections] == order


def test_section_add_duplicate_delete_undo(window) -> None:  # type: ignore[no-untyped-def]
    report = window.controller.report
    count = len(report.sections)
    window.select_section(report.sections[2].id)
    window.section_actions.add_section_after()
    assert len(report.sections) == count + 1 and report.sections[3].heading == "新的一节"
    window.section_actions.duplicate_section()
    assert len(report.sections) == count + 2
    window.section_actions.delete_section()  # answers default: 取消
    assert len(report.sections) == count + 2
    for _ in range(2):
        window.controller.undo_stack.undo()
    assert len(report.sections) == count


def test_undo_survives_switching_sections(window) -> None:  # type: ignore[no-untyped-def]
    first, second = window.controller.report.sections[1], window.controller.report.sections[2]
    window.select_section(first.id)
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(window.editor.body, "第一处修改")
    window.select_section(second.id)
    window.select_section(first.id)
    assert window.editor.body.document().isUndoAvailable()
    window.editor.body.undo()
    assert "第一处修改" not in all_text(window)


def test_insert_figure_and_edit_caption(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui import dialogs

    section = window.controller.report.sections[1]
    window.select_section(section.id)
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    assert window.edit_actions.insert_figure(str(resource("photos", "training.png")), "初始图注")
    window.controller.flush()
    figures = [b for b in section.blocks if isinstance(b, Figure)]
    assert figures[-1].caption == "初始图注" and figures[-1].image in window.controller.report.media
    position = window.editor.body.document().toPlainText().rindex("\ufffc")

    def fake_exec(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.caption.setText("示例区政协举办培训班")
        return 1

    monkeypatch.setattr(dialogs.FigureDialog, "exec", fake_exec)
    window.edit_actions.edit_figure(position)
    window.controller.flush()
    figures = [b for b in section.blocks if isinstance(b, Figure)]
    assert figures[-1].caption == "示例区政协举办培训班"


def test_paste_keeps_paragraphs_drops_formatting(window) -> None:  # type: ignore[no-untyped-def]
    section = window.controller.report.sections[1]
    window.select_section(section.id)
    body = window.editor.body
    body.moveCursor(QTextCursor.MoveOperation.End)
    body.textCursor().insertBlock()
    mime = QMimeData()
    mime.setHtml("<p><b>第一段</b>文字</p><p></p><p>第二段</p>")
    mime.setText("第一段文字\r\n\r\n   \r\n第二段\u3000\u3000")
    body.insertFromMimeData(mime)
    window.controller.flush()
    texts = [b.text(window.controller.report.fields) for b in section.blocks if isinstance(b, Paragraph)]
    assert texts[-2:] == ["第一段文字", "第二段"]


def test_save_close_reopen(window, qtbot, monkeypatch, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.rwp"
    window.select_section(window.controller.report.sections[1].id)
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(window.editor.body, "保存前写下的话")
    row = list(window.controller.report.fields).index("members")
    window.fields_model.setData(window.fields_model.index(row, 1), "333")
    assert window.project_files.save_as(str(path))
    assert "已保存" in window.save_label.text()
    expected = json.dumps(window.controller.report.to_dict(), ensure_ascii=False, sort_keys=True)
    window.close()
    assert not answers.asked, "nothing unsaved, no question on close"
    again = make_window(qtbot, monkeypatch, answers)
    assert again.project_files.open_file(str(path))
    assert json.dumps(again.controller.report.to_dict(), ensure_ascii=False, sort_keys=True) == expected
    assert "保存前写下的话" in all_text(again)
    assert again.controller.report.media.keys() == window.controller.report.media.keys()
    again.close()


def test_close_with_unsaved_changes_asks(window, answers) -> None:  # type: ignore[no-untyped-def]
    window.select_section(window.controller.report.sections[1].id)
    type_chinese(window.editor.body, "未保存")
    answers.queue.append("取消")
    assert not window.close()
    assert any("未保存" in a for a in answers.asked)
    answers.queue.append("不保存")
    assert window.close()


def test_autosave_crash_and_recovery(window, qtbot, monkeypatch, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "crash.rwp"
    assert window.project_files.save_as(str(path))
    window.select_section(window.controller.report.sections[1].id)
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(window.editor.body, "自动保存的文字")
    assert window.project_files.autosave_now()
    assert "已自动保存" in window.save_label.text()
    # Simulated crash: the window is never closed and its lock belongs to a dead process.
    lock = tmp_path / "crash.rwp.lock"
    lock.write_text(json.dumps({"holder": "已退出的程序", "host": socket.gethostname(), "pid": 2**22 + 4321}))
    window.controller.session.project._conn.close()
    window.controller.session.project = None
    answers.queue.append("恢复")
    again = make_window(qtbot, monkeypatch, answers)
    assert again.project_files.open_file(str(path))
    assert any("自动保存" in a for a in answers.asked)
    assert "自动保存的文字" in all_text(again)
    assert again.controller.session.dirty
    again.controller.session.dirty = False
    again.close()


def test_export_from_dialog(window, monkeypatch, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui import dialogs

    target = tmp_path / "导出.docx"

    def fake_exec(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.profile.setCurrentText("刊物稿")
        dialog.target.setText(str(target))
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(dialogs.ExportDialog, "exec", fake_exec)
    window.export_actions.export_dialog()
    assert target.is_file()
    document = docx.Document(str(target))
    assert document.paragraphs[0].text.startswith("凝心聚力")
    assert any("已导出" in a for a in answers.asked)


def test_find_and_replace_across_sections(window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.edit_actions.find_dialog()
    dialog.find_text.setText("区政协")  # the sample names itself 示例区政协 once, then 区政协
    dialog.replace_text.setText("县政协")
    assert dialog.find_next()
    first_hit = window.editor.section_id
    assert window.editor.body.textCursor().selectedText() == "区政协"
    count = dialog.replace_all()
    sections_with_hits = sum(1 for s in window.controller.report.sections if "区政协" in s.heading) or 0
    assert count >= 10 and sections_with_hits == 0
    text = all_text(window) + window.controller.report.subtitle
    assert "区政协" not in text and text.count("县政协") == count
    assert first_hit is not None
    window.select_section(window.controller.report.sections[1].id)
    window.editor.body.undo()  # replacements are undoable per section
    assert "区政协" in all_text(window)
    dialog.close()


def test_compare_two_revisions(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.project_files.save_as(str(tmp_path / "v.rwp"))
    section = window.controller.report.sections[2]
    window.section_actions.rename_section(section.id, "改过的栏目标题")
    window.project_files.save()
    dialog = window.report_actions.history_dialog()
    assert dialog.table.rowCount() == 2
    dialog.table.selectAll()
    compare = dialog.compare_selected()
    assert compare is not None
    assert "改过的栏目标题" in compare.changed_headings()
    assert "line-through" in compare.view.toHtml() or "改过的栏目标题" in compare.view.toPlainText()
    compare.close()
    dialog.close()


def test_restore_revision_creates_new_revision(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.project_files.save_as(str(tmp_path / "r.rwp"))
    first = window.controller.session.project.latest_revision().id
    window.controller.report.title = "第二稿标题"
    window.controller.mark_changed()
    window.project_files.save()
    window.report_actions.restore_revision(first)
    assert window.controller.report.title != "第二稿标题"
    kinds = [r.kind for r in window.controller.session.project.revisions()]
    assert kinds[-1] == "restore" and len(kinds) == 3


def test_emergency_save_keeps_the_text(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_section(window.controller.report.sections[1].id)
    type_chinese(window.editor.body, "出错前的文字")
    saved = window.project_files.emergency_save()
    assert saved
    with Project.open(saved, readonly=True) as project:
        report = project.load(include_autosave=True)
    texts = [b.text(report.fields) for s in report.sections for b in s.blocks if isinstance(b, Paragraph)]
    assert any("出错前的文字" in t for t in texts)


def test_preview_draws_pages(window) -> None:  # type: ignore[no-untyped-def]
    window.center.setCurrentIndex(1)
    assert window.preview.pages.page_count() >= 5
    image = window.preview.pages.grab().toImage()
    assert image.width() > 400


def test_field_tokens_keep_their_reference_in_model(window) -> None:  # type: ignore[no-untyped-def]
    section = _section_with_field(window, "consult_sessions")
    window.select_section(section.id)
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.body.insert_field("members", "plain")
    window.controller.flush()
    refs = [p for b in section.blocks if isinstance(b, Paragraph) for p in b.parts if isinstance(p, FieldRef)]
    assert refs[-1] == FieldRef("members")
