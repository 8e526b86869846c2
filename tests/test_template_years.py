"""The built-in packs follow the report's year and the office's level, invent nothing, and what the
writer still has to supply is exactly what the proofreader lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from report_writer.core.frame import find_gaps
from report_writer.core.model import FieldRef, Figure, Paragraph, Report
from report_writer.core.rollover import rollover
from report_writer.core.templating import find_pack, render_pack, sample_report
from report_writer.core.yearly import MARKER_RE, row_for, rows, upper_level
from report_writer.language.checks_context import Context
from report_writer.language.config import ProofConfig
from report_writer.language.proofread import check_report, check_text

PACKS = ("huimou", "zongshu", "plain")
OFFICES = {  # level: (full name, short name)
    "区": ("重庆市甲区政协", "甲区政协"),
    "县": ("四川省乙市丙县政协", "丙县政协"),
    "市": ("湖南省丁市政协", "丁市政协"),
}
YEARS = (2024, 2025, 2026)
LEVEL_WORDS = ("全{}", "{}委", "{}政府", "{}政协")
CN_COUNT = re.compile(
    r"(?<![第“])[一二三四五六七八九十两]+(?:次|项|件|个|场|篇|条|名|期|批|家|人次|场次)(?=[，。；、])"
)


def _all_text(report: Report) -> str:
    parts = [report.title, report.subtitle]
    for section in report.sections:
        parts.append(section.heading)
        for block in section.blocks:
            parts.append(block.text(report.fields) if isinstance(block, Paragraph) else block.caption)
    return "\n".join(parts)


def _body_markers(report: Report) -> list[str]:
    return [
        m.group()
        for s in report.sections
        for b in s.blocks
        if isinstance(b, Paragraph)
        for p in b.parts
        if isinstance(p, str)
        for m in MARKER_RE.finditer(p)
    ]


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str, int], Report]:
    return {
        (pack, level, year): render_pack(find_pack(pack), *OFFICES[level], year)
        for pack in PACKS
        for level in OFFICES
        for year in YEARS
    }


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("level", tuple(OFFICES))
@pytest.mark.parametrize("year", YEARS)
def test_pack_speaks_the_year_and_the_level(rendered, pack: str, level: str, year: int) -> None:  # type: ignore[no-untyped-def]
    report = rendered[(pack, level, year)]
    text = _all_text(report)
    own = {level, upper_level(OFFICES[level][0], level)}
    for other in set(OFFICES) - own:
        for form in LEVEL_WORDS:
            assert form.format(other) not in text, f"{other}级的“{form.format(other)}”出现在{level}的报告中"
    assert f"全{level}" in text and f"{level}委" in text and f"{level}政协" in text
    # that year's 全会 and plan-period wording, and nobody else's
    plenary = row_for("plenary", year)
    assert plenary is not None and plenary.text in text
    for row in rows():
        if row.key == "plenary" and row is not plenary:
            assert row.short not in text
    role = row_for("year_role", year)
    assert role is not None and f"{year}年是{role.text}" in text
    if year == 2025:
        assert "“十四五”规划收官之年" in text and f"{year + 1}年是“十五五”规划开局之年" in text
    if year == 2026:
        assert "收官之年" not in text
    assert ("党纪学习教育" in text) == (year == 2024)
    anniversary = row_for("anniversary", year)
    assert anniversary is not None and anniversary.text in text
    # no speech in quotation marks (quoted terms and formulas only: “第一议题”, “懂政协、会协商、善议政……”)
    for quoted in re.findall(r"“([^”]*)”", text):
        assert len(quoted) <= 30 and not re.search(r"[。！？：]", quoted), quoted
    assert "：“" not in text
    # counts in Arabic numerals, as fields
    assert not CN_COUNT.findall(text)
    refs = [
        p
        for s in report.sections
        for b in s.blocks
        if isinstance(b, Paragraph)
        for p in b.parts
        if isinstance(p, FieldRef)
    ]
    assert refs and all(ref.style == "plain" for ref in refs)


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("level", tuple(OFFICES))
def test_check_lists_every_unfilled_figure_and_marker_and_nothing_else(
    rendered, pack: str, level: str
) -> None:  # type: ignore[no-untyped-def]
    for year in YEARS:
        report = rendered[(pack, level, year)]
        findings = check_report(report, ProofConfig())
        assert {f.code for f in findings} == {"figure.unfilled", "marker.placeholder"}, [
            (f.code, f.text) for f in findings if f.code not in ("figure.unfilled", "marker.placeholder")
        ]
        refs = sum(
            isinstance(p, FieldRef)
            for s in report.sections
            for b in s.blocks
            if isinstance(b, Paragraph)
            for p in b.parts
        )
        assert sum(f.code == "figure.unfilled" for f in findings) == refs
        markers = _body_markers(report)
        assert markers and sorted(f.text for f in findings if f.code == "marker.placeholder") == sorted(
            markers
        )
        assert "【核实】" in markers
        gaps = find_gaps(report)
        assert gaps.markers == markers and "待补写" in gaps.summary()


def test_review_coverage_and_no_invented_claims(rendered) -> None:  # type: ignore[no-untyped-def]
    for pack in PACKS:
        text = _all_text(rendered[(pack, "区", 2025)])
        for topic in (
            "文史资料",
            "港澳台侨",
            "专题议政性常委会议",
            "委员联络站",
            "理论研究",
            "民主党派",
            "集体提案",
            "全过程人民民主",
            "建言资政和凝聚共识双向发力",
        ):
            assert topic in text, (pack, topic)
        for invented in (
            "干在实处",
            "走在前列",
            "被纳入相关规划",
            "肯定性批示",
            "全部编入",
            "权威性",
            "执法检查",
            "以本界别名义",
            "委员党员",
            "根本遵循",
            "全会期间",
            "保持高度一致，坚决贯彻落实区委",
        ):
            assert invented not in text, (pack, invented)
    plain = rendered[("plain", "县", 2025)]
    assert [s.heading for s in plain.sections][-2:] == ["存在的不足", "2026年工作打算"]


@pytest.mark.parametrize("pack", PACKS)
def test_sample_report_fills_its_blanks(pack: str) -> None:
    report = sample_report(pack)
    assert _body_markers(report) == []
    assert check_report(report, ProofConfig()) == []


def test_every_table_row_has_a_source_and_years() -> None:
    for row in rows():
        assert row.source and row.years[0] <= row.years[1]
    for year in YEARS:
        for key in ("plenary", "year_role", "anniversary"):
            assert row_for(key, year) is not None


def test_rollover_moves_the_years_wording_and_the_proofreader_flags_the_rest() -> None:
    old = sample_report("huimou")  # 2024
    result = rollover(old, 2025)
    text = _all_text(result.report)
    assert "2025年是“十四五”规划收官之年" in text and "2026年是“十五五”规划开局之年" in text
    assert "二十届历次全会精神" in text and "二十届二中、三中全会精神" not in text
    assert any("年度提法" in line for line in result.review)
    stale = [f for f in check_report(result.report, ProofConfig()) if f.code == "wording.year-stale"]
    assert [f.text for f in stale] == ["党纪学习教育"]
    assert "深入贯彻中央八项规定精神学习教育" in stale[0].message


@pytest.mark.parametrize(
    ("year", "sentence", "flagged", "suggestion"),
    [
        (
            2025,
            "全面贯彻党的二十大和二十届二中、三中全会精神。",
            "二十届二中、三中全会精神",
            "二十届历次全会精神",
        ),
        (2024, "全面贯彻党的二十大和二十届二中、三中全会精神。", None, None),
        (2025, "扎实开展党纪学习教育，坚持学纪、知纪、明纪、守纪。", "党纪学习教育", None),
        (2025, "巩固拓展党纪学习教育成果。", None, None),
        (2026, "回顾五年，先后开展党史学习教育、主题教育、党纪学习教育。", None, None),
        (2025, "2025年是“十四五”开局之年。", "“十四五”开局之年", "“十四五”规划收官之年"),
        (2025, "2026年是“十五五”开局之年。", None, None),
        (2026, "2026年是“十四五”规划收官之年。", "“十四五”规划收官之年", "“十五五”规划开局之年"),
    ],
)
def test_year_stale_wording(year: int, sentence: str, flagged: str | None, suggestion: str | None) -> None:
    found = [
        f
        for f in check_text(sentence, ProofConfig(), Context(year), with_typos=False)
        if f.code == "wording.year-stale"
    ]
    assert [(f.text, f.suggestion) for f in found] == ([(flagged, suggestion)] if flagged else [])


@pytest.mark.parametrize(
    ("code", "bad", "flagged", "good"),
    [
        (
            "wording.central-alignment",
            "在重大问题上始终与区委保持高度一致。",
            "保持高度一致",
            "始终同以习近平同志为核心的党中央保持高度一致，与区委同向发力。",
        ),
        (
            "wording.supervision-authority",
            "民主监督的权威性和实效性进一步增强。",
            "权威性",
            "努力提高民主监督的针对性和实效性。",
        ),
        (
            "wording.law-enforcement-inspection",
            "推荐政协委员担任特约监督员，参与执法检查。",
            "执法检查",
            "推荐政协委员担任特约监督员，参与政风行风监督。",
        ),
        (
            "wording.party-not-jiebie",
            "支持民主党派在政协以本界别名义发表意见。",
            "本界别",
            "支持民主党派在政协以本党派、本团体名义发表意见。",
        ),
        ("wording.party-member-order", "发挥委员党员示范作用。", "委员党员", "发挥党员委员示范作用。"),
        (
            "wording.mixed-numerals",
            "全年开展学习研讨38次，讲专题党课九次。",
            "九",
            "全年开展学习研讨38次，讲专题党课9次。",
        ),
        (
            "wording.mixed-numerals-cn-first",
            "举办培训班三期，开展调研12次。",
            "三",
            "举办培训班3期，开展调研12次。",
        ),
        ("wording.approx-round", "联系服务企业25余个。", "25余", "联系服务企业20余个。"),
        (
            "wording.plenary-session",
            "全会期间，委员们围绕发展积极建言。",
            "全会",
            "区政协十届四次会议期间，委员们积极建言。",
        ),
    ],
)
def test_review_rules(code: str, bad: str, flagged: str, good: str) -> None:
    found = [(f.code, f.text) for f in check_text(bad, ProofConfig(), Context(2025), with_typos=False)]
    assert (code, flagged) in found
    assert not [
        f
        for f in check_text(good, ProofConfig(), Context(2025), with_typos=False)
        if f.code.startswith("wording")
    ]


def test_review_rules_stay_quiet_on_official_prose() -> None:
    folder = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "official_prose"
    files = sorted(folder.glob("*.txt"))
    if not files:
        pytest.skip("../shared/corpus/official_prose is not here")
    ours = (
        "wording.year-stale",
        "marker.",
        "wording.central-alignment",
        "wording.supervision-authority",
        "wording.law-enforcement",
        "wording.party-",
        "wording.mixed-numerals",
        "wording.approx-round",
        "wording.plenary-session",
    )
    noisy = [
        (path.name, f.code, f.text)
        for path in files
        for f in check_text(path.read_text(encoding="utf-8"), ProofConfig(), with_typos=False)
        if f.code.startswith(ours)
    ]
    assert noisy == []


def test_figures_in_new_report_are_fields_not_photos() -> None:
    report = render_pack(find_pack("zongshu"), *OFFICES["县"], 2025)
    assert all(not b.image for s in report.sections for b in s.blocks if isinstance(b, Figure))


def test_moving_a_reports_year_either_way_moves_its_wording() -> None:
    from report_writer.core.rollover import roll_report_year

    report = render_pack(find_pack("plain"), *OFFICES["县"], 2025)
    before = _all_text(report)
    notes = roll_report_year(report, 2026)
    text = _all_text(report)
    assert "2026年是“十五五”规划开局之年" in text and "2027年是【核实：2027年的年度定位】" in text
    assert "收官之年" not in text and "2027年工作打算" in text and "二十届历次全会精神" in text
    assert "年度提法已随年度更新：“十四五”规划收官之年 → “十五五”规划开局之年，请核对。" in notes
    roll_report_year(report, 2025)
    assert _all_text(report) == before


def test_changing_the_year_in_the_app_moves_the_wording_too() -> None:
    from report_writer.core.year_follow import move_report_year

    report = render_pack(find_pack("zongshu"), *OFFICES["区"], 2024)
    move_report_year(report, 2024, 2025)
    text = _all_text(report)
    assert "2025年是“十四五”规划收官之年" in text and "二十届历次全会精神" in text
