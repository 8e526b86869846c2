"""One way in for an existing report (core.loading): the command line and the window read a project file or an
old report the same way, with one rule for a report whose title gives no year."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_writer.cli import main
from report_writer.core.importer import ReportImportError
from report_writer.core.loading import assume_year, load_report
from report_writer.core.project import Project

YEARLESS_TEXT = """示例县政协工作回眸

一、坚持政治引领，凝聚思想共识

县政协组织委员开展专题学习12次，参加委员300余人次。

二、聚焦中心大局，积极建言资政

全年收到提案186件，立案160件。
"""


def test_a_project_file_and_an_old_text_come_in_the_same_way(tmp_path: Path) -> None:
    project_path = tmp_path / "a.rwp"
    assert (
        main(
            [
                "new",
                "--template",
                "huimou",
                "--org",
                "示例县政协",
                "--short",
                "县政协",
                "--year",
                "2025",
                "-o",
                str(project_path),
            ]
        )
        == 0
    )
    from_project = load_report(project_path)
    with Project.open(project_path, readonly=True) as project:
        assert from_project.report.to_dict() == project.load().to_dict()
    assert from_project.warnings == []

    text = tmp_path / "old.txt"
    text.write_text(YEARLESS_TEXT, encoding="utf-8")
    imported = load_report(text)
    assert imported.report.title == "示例县政协工作回眸"
    assert [s.heading for s in imported.report.sections][-2:] == [
        "坚持政治引领，凝聚思想共识",
        "聚焦中心大局，积极建言资政",
    ]


def test_a_file_that_is_not_a_report_is_refused_with_a_message(tmp_path: Path) -> None:
    fake = tmp_path / "x.docx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(ReportImportError, match="Word"):
        load_report(fake)


def test_a_report_without_a_year_is_taken_as_the_year_before(tmp_path: Path) -> None:
    text = tmp_path / "old.txt"
    text.write_text(YEARLESS_TEXT, encoding="utf-8")
    result = load_report(text)
    assert result.report.year == 0
    assume_year(result.report, 2026, result.warnings)
    assert result.report.year == 2025
    assert "按 2025 年处理" in result.warnings[-1]
    dated = load_report(text)
    dated.report.year = 2023
    assume_year(dated.report, 2026, dated.warnings)
    assert dated.report.year == 2023 and not any("年处理" in w for w in dated.warnings)


def test_rollover_on_the_command_line_follows_the_same_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "old.txt"
    text.write_text(YEARLESS_TEXT, encoding="utf-8")
    target = tmp_path / "new.rwp"
    assert main(["rollover", str(text), "--year", "2026", "-o", str(target)]) == 0
    assert "按 2025 年处理" in capsys.readouterr().out
    with Project.open(target, readonly=True) as project:
        assert project.load().year == 2026
