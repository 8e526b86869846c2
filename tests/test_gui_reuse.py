"""Reuse in the app: 从往年报告新建, 年度对比, 另存为模板, export with the appendix."""

from __future__ import annotations

from pathlib import Path

import docx

from gui_helpers import Answers, all_text, make_window
from report_writer.export.docx_writer import ExportOptions, export_docx
from report_writer.export.profiles import FONT_PRESETS, PROFILES


def test_start_from_last_years_word_file(qtbot, monkeypatch, tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    old = export_docx(
        sample_report_factory(),
        tmp_path / "2024.docx",
        ExportOptions(PROFILES["公文"], FONT_PRESETS["公文标准"]),
    )
    answers = Answers()
    window = make_window(qtbot, monkeypatch, answers)
    assert window.report_actions.start_from_old(str(old), 2025)
    report = window.controller.report
    assert report.year == 2025 and "2025年工作回眸" in report.subtitle
    assert report.fields and all(f.status == "to_update" for f in report.fields.values())
    assert any("待更新" in w for w in answers.warnings)
    assert "2025年是“十四五”规划收官之年" in all_text(window)  # the year and its wording moved on
    row = window.outline_model.row_for(report.sections[0].id)
    assert "待更新" in window.outline_model.data(window.outline_model.index(row))
    dialog = window.report_actions.comparison_dialog()
    assert dialog.table.rowCount() == len(report.fields)
    assert dialog.table.item(0, 3).text() == "待更新"
    csv_path = dialog.export_csv(str(tmp_path / "对比.csv"))
    assert csv_path is not None and csv_path.read_text(encoding="utf-8-sig").startswith(
        "项目,单位,2024年,2025年"
    )
    dialog.close()
    window.controller.session.dirty = False
    window.close()


TRADITIONAL = (
    "凝心聚力謀發展 履職盡責譜新篇\n\n——商南縣政協2023年工作綜述\n\n2023年，商南縣政協緊扣縣委中心工作，"
    "開展協商議政活動21場次。\n\n強化政治引領夯實思想之基\n\n全年組織學習研討18次，委員讀書活動持續開展。\n"
)


def test_start_from_a_traditional_report_offers_simplified(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "2023.txt"
    old.write_text(TRADITIONAL, encoding="utf-8")
    for choice, title in (
        ("转为简体", "凝心聚力谋发展 履职尽责谱新篇"),
        ("保留繁体", "凝心聚力謀發展 履職盡責譜新篇"),
    ):
        answers = Answers()
        answers.queue.append(choice)
        window = make_window(qtbot, monkeypatch, answers)
        assert window.report_actions.start_from_old(str(old), 2024)
        assert any("繁体字" in asked for asked in answers.asked)
        assert window.controller.report.title == title and window.controller.report.sections[1].heading
        window.controller.session.dirty = False
        window.close()


def test_save_as_template_then_offered_for_new_reports(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from report_writer.core.templating import list_packs
    from report_writer.gui import common

    monkeypatch.setattr(common, "ask_text", lambda *args, **kwargs: "本区样式")
    window.report_actions.save_as_template_dialog()
    assert "本区样式" in [p.name for p in list_packs()]


def test_export_dialog_appendix(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui.dialogs import ExportChoice

    path = window.export_actions.export_to(
        ExportChoice("公文", "公文标准", "", str(tmp_path / "a.docx"), True), ask_open=False
    )
    assert path is not None and docx.Document(str(path)).tables
