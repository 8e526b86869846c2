"""A report new from a template is a frame: figures 待填, photos placeholders, and export says so."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from report_writer.core.frame import find_gaps
from report_writer.core.model import Figure, Report
from report_writer.core.templating import find_pack, render_pack, sample_report
from report_writer.export.docx_writer import ExportOptions, export_docx
from report_writer.export.profiles import FONT_PRESETS, PROFILES
from report_writer.language.proofread import check_report

BUILTIN = ("huimou", "zongshu", "plain")


@pytest.mark.parametrize("template_id", BUILTIN)
def test_new_report_is_a_frame(template_id: str) -> None:
    report = render_pack(find_pack(template_id), "重庆市测试县政协", "测试县政协", 2025)
    assert report.fields and all(f.value is None for f in report.fields.values())
    figures = [b for s in report.sections for b in s.blocks if isinstance(b, Figure)]
    assert figures and all(f.image is None and f.caption == "" and f.placeholder for f in figures)
    assert not report.media
    assert all("测试县" not in f.placeholder and "政协召开" not in f.placeholder for f in figures)
    first = next(f for f in report.fields.values())
    assert f"【{first.label}】" in "".join(
        b.text(report.fields) for s in report.sections for b in s.blocks if not isinstance(b, Figure)
    )
    codes = [f.code for f in check_report(report, with_typos=False)]
    used = find_gaps(report).unfilled
    assert used and codes.count("figure.unfilled") >= len(used)
    assert "figure.stale" not in codes


def test_values_given_are_kept_and_only_the_rest_is_unfilled() -> None:
    report = render_pack(find_pack("plain"), "重庆市测试县政协", "测试县政协", 2025, {"proposals": 300})
    assert report.fields["proposals"].value == 300
    assert all(f.value is None for n, f in report.fields.items() if n != "proposals")


def test_sample_report_keeps_figures_and_photos() -> None:
    report = sample_report()
    assert all(f.value is not None for f in report.fields.values())
    assert find_gaps(report).empty
    assert "figure.unfilled" not in [f.code for f in check_report(report, with_typos=False)]


def test_export_marks_what_is_still_to_fill(tmp_path: Path) -> None:
    report = render_pack(find_pack("huimou"), "重庆市测试县政协", "测试县政协", 2025, {"proposals": 268})
    gaps = find_gaps(report)
    assert "待填" in gaps.summary() and "图片待插入" in gaps.summary()
    path = export_docx(report, tmp_path / "a.docx", ExportOptions(PROFILES["公文"], FONT_PRESETS["公文标准"]))
    document = docx.Document(str(path))
    highlighted = [
        r.text
        for p in document.paragraphs
        for r in p.runs
        if r._r.rPr is not None and r._r.rPr.find(docx.oxml.ns.qn("w:highlight")) is not None
    ]
    assert any(t.startswith("【") for t in highlighted)
    assert any(t.startswith("〔此处插入图片：") for t in highlighted)
    assert "268" not in "".join(highlighted)  # a filled figure is not marked


def test_placeholder_survives_save_and_load() -> None:
    report = render_pack(find_pack("huimou"), "重庆市测试县政协", "测试县政协", 2025)
    again = Report.from_dict(report.to_dict())
    before = [b.placeholder for s in report.sections for b in s.blocks if isinstance(b, Figure)]
    after = [b.placeholder for s in again.sections for b in s.blocks if isinstance(b, Figure)]
    assert before == after and before[0]
