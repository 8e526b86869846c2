"""The year follows 报告年度; a year that no longer fits is listed by the proofreader."""

from __future__ import annotations

from report_writer.core.model import Paragraph, Report, Section
from report_writer.core.year_follow import move_report_year, year_mentions
from report_writer.language.proofread import check_report


def _report() -> Report:
    return Report(
        "重庆市测试县政协",
        "测试县政协",
        2026,
        "凝心聚力 共谋发展",
        "——重庆市测试县政协2026年工作回眸",
        sections=[
            Section(
                "导语",
                "2026年工作回顾",
                [Paragraph(["2026年，测试县政协召开全会。2026年3月，开展视察。与2025年相比有所增长。"])],
            )
        ],
    )


def test_move_the_year_but_not_dates() -> None:
    report = _report()
    assert year_mentions(report, 2026) == 3
    assert move_report_year(report, 2026, 2027) == 3
    assert report.year == 2027 and report.subtitle == "——重庆市测试县政协2027年工作回眸"
    assert report.sections[0].heading == "2027年工作回顾"
    text = report.sections[0].blocks[0].text(report.fields)
    assert text.startswith("2027年，") and "2026年3月" in text and "与2025年相比" in text


def test_years_that_no_longer_fit_are_listed() -> None:
    report = _report()
    assert "figure.year-stale" not in [f.code for f in check_report(report, with_typos=False)]
    report.year = 2027  # changed without moving the text
    stale = [
        (f.text, f.suggestion, f.section)
        for f in check_report(report, with_typos=False)
        if f.code == "figure.year-stale"
    ]
    assert ("2026", "2027", 0) in stale  # “2026年，……” in the text
    assert ("2026", "2027", None) in stale  # the subtitle
    assert all(text == "2026" for text, _, _ in stale)
    assert len([s for s in stale if s[2] == 0]) == 1  # 2026年3月 and 与2025年相比 are not flagged


def test_this_year_last_year_and_next_year_say_which_year_a_phrase_is_about() -> None:
    from report_writer.language.checks_context import Context
    from report_writer.language.config import ProofConfig
    from report_writer.language.proofread import check_text

    def stale(text: str) -> list[str]:
        found = check_text(text, ProofConfig(), Context(2024, []))
        return [f.text for f in found if f.code == "wording.year-stale"]

    assert stale("今年是全面贯彻党的二十大精神的开局之年。") == ["全面贯彻党的二十大精神的开局之年"]
    assert stale("去年是全面贯彻党的二十大精神的开局之年。") == []
    assert stale("明年是“十五五”规划开局之年。") == ["“十五五”规划开局之年"]
    assert stale("明年是“十四五”规划收官之年。") == []
