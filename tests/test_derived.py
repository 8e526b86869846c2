"""Figures that check each other: rates from counts, totals from parts, percentages stated in the text."""

from __future__ import annotations

from pathlib import Path

from report_writer.core.model import Field, FieldRef, Paragraph, Report, Section
from report_writer.core.templating import load_pack, render_pack
from report_writer.language.proofread import check_report, check_text


def _derived(findings):  # type: ignore[no-untyped-def]
    return [(f.text, f.suggestion) for f in findings if f.code == "figure.derived"]


def _report(filed: int, rate: float) -> Report:
    fields = {
        "received": Field("received", "收到提案", "件", "integer", 268),
        "filed": Field("filed", "立案提案", "件", "integer", filed),
        "rate": Field("rate", "提案立案率", "", "percent", rate),
    }
    paragraph = Paragraph(
        [
            "收到提案",
            FieldRef("received"),
            "件，立案",
            FieldRef("filed"),
            "件，立案率",
            FieldRef("rate"),
            "。",
        ]
    )
    return Report(
        "重庆市测试县政协",
        "测试县政协",
        2025,
        "t",
        fields=fields,
        sections=[Section("民主监督", "", [paragraph])],
    )


def test_rate_from_counts() -> None:
    assert _derived(check_report(_report(245, 91.4), with_typos=False)) == []
    assert _derived(check_report(_report(245, 95.0), with_typos=False)) == [("95%", "91.4%")]


def test_percentage_in_plain_text() -> None:
    text = (
        "测试县政协2025年工作综述\n\n全年收到提案268件，立案245件，立案率达93.5%。"
        "编报社情民意信息120篇，被采用60篇，采用率50%。"
    )
    assert _derived(check_text(text, with_typos=False)) == [("93.5%", "91.4%")]


def test_total_declared_by_the_template(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "template.toml").write_text(
        'id = "p"\nname = "p"\ntitle = "t"\n'
        '[[fields]]\nname = "all"\nlabel = "各类协商"\nunit = "场"\ntotal_of = ["key", "small"]\n'
        '[[fields]]\nname = "key"\nlabel = "重点协商"\nunit = "场"\n'
        '[[fields]]\nname = "small"\nlabel = "小微协商"\nunit = "场"\n'
        '[[sections]]\nkind = "协商平台"\nfile = "a.j2"\n',
        encoding="utf-8",
    )
    (root / "a.j2").write_text(
        "开展各类协商{{ all }}场，其中重点协商{{ key }}场、小微协商{{ small }}场。", encoding="utf-8"
    )
    report = render_pack(
        load_pack(root), "重庆市测试县政协", "测试县政协", 2025, {"all": 30, "key": 12, "small": 15}
    )
    assert report.fields["all"].total_of == ["key", "small"]
    assert _derived(check_report(report, with_typos=False)) == [("30", "27")]
    assert Report.from_dict(report.to_dict()).fields["all"].total_of == ["key", "small"]
    report.fields["all"].value = 27
    assert _derived(check_report(report, with_typos=False)) == []
