"""The office's level (区/县/市 …): derived from its name, stored in the report, given to every template."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_writer.cli import main
from report_writer.core.level import LEVELS, derive_level, level_of_name
from report_writer.core.model import ModelError, Report
from report_writer.core.project import Project
from report_writer.core.templating import TemplateError, find_pack, load_pack, render_pack


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("重庆市测试县政协", "县"),
        ("测试县政协", "县"),
        ("政协石柱土家族自治县委员会", "县"),
        ("中国人民政治协商会议重庆市涪陵区委员会", "区"),
        ("浦东新区政协", "区"),
        ("恩施土家族苗族自治州政协", "州"),
        ("都江堰市政协", "市"),
        ("鄂温克族自治旗政协", "旗"),
        ("锡林郭勒盟政协", "盟"),
        ("六枝特区政协", "特区"),
        ("神农架林区政协", "林区"),
        ("政协××县委员会办公室", "县"),
    ],
)
def test_level_from_name(name: str, level: str) -> None:
    assert level_of_name(name) == level


def test_short_name_wins_and_default_is_qu() -> None:
    assert derive_level("重庆市政协", "测试县政协") == "县"
    assert derive_level("", "") == "区"
    assert level_of_name("本单位") is None


def test_report_keeps_level_and_old_files_derive_it() -> None:
    report = Report(org_full="重庆市测试县政协", org_short="测试县政协", year=2025, title="t")
    assert report.level == "县"
    data = report.to_dict()
    assert data["level"] == "县"
    data["level"] = "市"
    assert Report.from_dict(data).level == "市"
    del data["level"]  # a file written before the level existed
    assert Report.from_dict(data).level == "县"
    data["level"] = "村"
    with pytest.raises(ModelError, match="level"):
        Report.from_dict(data)


def test_level_reaches_every_template(tmp_path: Path) -> None:
    pack_dir = tmp_path / "p"
    pack_dir.mkdir()
    (pack_dir / "template.toml").write_text(
        'id = "p"\nname = "p"\ntitle = "{{ short }}"\n[[sections]]\nkind = "导语"\nfile = "a.j2"\n',
        encoding="utf-8",
    )
    (pack_dir / "a.j2").write_text(
        "全{{ level }}上下，{{ level }}委、{{ level }}政府，{{ level }}政协。", encoding="utf-8"
    )
    pack = load_pack(pack_dir)
    report = render_pack(pack, "重庆市测试县政协", "测试县政协", 2025)
    assert report.level == "县"
    assert report.sections[0].blocks[0].text(report.fields) == "全县上下，县委、县政府，县政协。"
    chosen = render_pack(pack, "重庆市测试县政协", "测试县政协", 2025, level="市")
    assert chosen.sections[0].blocks[0].text(chosen.fields).startswith("全市上下")
    with pytest.raises(TemplateError, match="级别"):
        render_pack(pack, "重庆市测试县政协", "测试县政协", 2025, level="村")


def test_builtin_packs_render_with_every_level() -> None:
    for level in LEVELS:
        report = render_pack(find_pack("plain"), "重庆市测试县政协", "测试县政协", 2025, level=level)
        assert report.level == level


def test_cli_new_level(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "x.rwp"
    args = [
        "new",
        "--template",
        "plain",
        "--org",
        "重庆市测试县政协",
        "--short",
        "测试县政协",
        "--year",
        "2025",
    ]
    assert main([*args, "-o", str(target)]) == 0
    assert "县级" in capsys.readouterr().out
    with Project.open(target, readonly=True) as project:
        assert project.load().level == "县"
    assert main([*args, "--level", "市", "-o", str(target), "--force"]) == 0
    with Project.open(target, readonly=True) as project:
        assert project.load().level == "市"
    assert main([*args, "--level", "村", "-o", str(tmp_path / "y.rwp")]) != 0
    assert "级别" in capsys.readouterr().err
    assert not (tmp_path / "y.rwp").exists()


OTHER = {
    "区": ("全县", "县委", "县政府", "县政协"),
    "县": ("全区", "区委", "区政府", "区政协"),
    "市": ("全区", "区委", "区政府", "全县", "县委", "县政府"),
}


@pytest.mark.parametrize("template_id", ["huimou", "zongshu", "plain"])
@pytest.mark.parametrize(
    ("org_full", "org_short", "level"),
    [
        ("重庆市测试区政协", "测试区政协", "区"),
        ("重庆市测试县政协", "测试县政协", "县"),
        ("四川省测试市政协", "测试市政协", "市"),
    ],
)
def test_every_pack_speaks_as_the_office_level(
    template_id: str, org_full: str, org_short: str, level: str
) -> None:
    from report_writer.core.model import Figure, Paragraph
    from report_writer.language.proofread import check_report

    report = render_pack(find_pack(template_id), org_full, org_short, 2025)
    assert report.level == level
    text = "\n".join(
        [report.title, report.subtitle]
        + [
            b.text(report.fields) if isinstance(b, Paragraph) else b.placeholder
            for s in report.sections
            for b in s.blocks
            if isinstance(b, Paragraph | Figure)
        ]
        + [s.heading for s in report.sections]
    )
    for word in OTHER[level]:
        assert word not in text, f"{template_id}: {word} in a {level} report"
    assert f"全{level}" in text or f"{level}委" in text
    assert all(f.value is None for f in report.fields.values())
    assert "level.other" not in [f.code for f in check_report(report, with_typos=False)]


def test_proofreader_flags_another_levels_words() -> None:
    from report_writer.core.model import Paragraph, Section
    from report_writer.language.proofread import check_report, check_text

    report = Report(
        org_full="重庆市测试县政协",
        org_short="测试县政协",
        year=2025,
        title="t",
        sections=[
            Section(
                "导语",
                "",
                [
                    Paragraph(
                        ["在中共测试区委领导下，全区上下报区委、区政府审定；赴渝北区政协学习，指导区县政协。"]
                    )
                ],
            )
        ],
    )
    found = [
        (f.text, f.suggestion) for f in check_report(report, with_typos=False) if f.code == "level.other"
    ]
    assert found == [("测试区委", "测试县委"), ("全区", "全县"), ("区委", "县委"), ("区政府", "县政府")]
    plain = check_text("测试县政协2025年工作综述\n\n一年来，测试县政协紧扣全区中心工作。", with_typos=False)
    assert [(f.text, f.suggestion) for f in plain if f.code == "level.other"] == [("全区", "全县")]


def test_sample_reports_are_clean_of_other_levels() -> None:
    from report_writer.core.templating import sample_report
    from report_writer.language.proofread import check_report

    for template_id in ("huimou", "zongshu", "plain"):
        report = sample_report(template_id)
        assert report.level == derive_level(report.org_full, report.org_short)
        assert "level.other" not in [f.code for f in check_report(report, with_typos=False)]


def test_phrases_are_filled_with_the_units_words() -> None:
    from report_writer.core.templating import phrases_for

    report = render_pack(find_pack("huimou"), "重庆市测试县政协", "测试县政协", 2025)
    phrases = phrases_for("huimou", "导语", report)
    assert "在中共测试县委的坚强领导下，" in phrases
    assert not any("××" in p or "全区" in p or "区委" in p for p in phrases)


def test_imported_report_takes_the_level_from_its_names() -> None:
    from report_writer.core.importer import import_text

    text = "凝心聚力 共谋发展\n——重庆市测试县政协2024年工作回眸\n\n一年来，测试县政协紧扣全县中心工作。\n"
    report = import_text(text).report
    assert report.org_short == "测试县政协" and report.level == "县"
