"""The paragraph plan (export/plan.py) that both the Word writer and the preview draw: which paragraphs a
report makes, in which style, and which runs of text are marked as still to fill."""

from __future__ import annotations

from report_writer.core.model import Field, FieldRef, Figure, Paragraph, Report, Section
from report_writer.export.blocks import Run
from report_writer.export.plan import plan_report
from report_writer.export.profiles import PROFILES
from report_writer.export.styles import STYLE_BODY, STYLE_CAPTION, STYLE_LEAD, STYLE_PICTURE, STYLE_TITLE


def _report(*blocks: Paragraph | Figure) -> Report:
    report = Report("示例县政协", "示例县政协", 2025, "凝心聚力 共谋发展")
    report.fields["proposals"] = Field("proposals", "提案", value=86)
    report.fields["visits"] = Field("visits", "视察", value=12, status="to_update")
    report.fields["meetings"] = Field("meetings", "协商会", value=None)
    report.sections.append(Section("建言资政", "", list(blocks)))
    return report


def _body(report: Report) -> list[tuple[Run, ...]]:
    return [p.runs for p in plan_report(report, PROFILES["公文"]) if p.style == STYLE_BODY and p.runs]


def test_a_filled_figure_reads_within_one_plain_run() -> None:
    report = _report(Paragraph(["全年收到提案", FieldRef("proposals"), "件。"]))
    assert _body(report) == [(Run("全年收到提案86件。"),)]


def test_what_is_still_to_fill_is_a_marked_run_of_its_own() -> None:
    """A figure 待更新 or 待填, and a 【…】 left by a template, each marked; the text between stays plain."""
    report = _report(
        Paragraph(
            ["开展视察", FieldRef("visits"), FieldRef("meetings"), "次，【补充典型事例】。"], lead="履职。"
        )
    )
    assert _body(report) == [
        (
            Run("履职。", STYLE_LEAD),
            Run("开展视察"),
            Run("12", marked=True),
            Run("【协商会】", marked=True),
            Run("次，"),
            Run("【补充典型事例】", marked=True),
            Run("。"),
        )
    ]


def test_title_lines_break_and_a_photo_placeholder_is_marked_with_its_caption_below() -> None:
    report = _report(Figure(None, "委员视察现场", "视察"))
    plan = plan_report(report, PROFILES["公文"])
    assert plan[0].style == STYLE_TITLE
    assert plan[0].runs == (Run("凝心聚力", line_break=True), Run("共谋发展"))
    picture, caption = plan[-2:]
    assert (picture.style, picture.runs) == (STYLE_PICTURE, (Run("〔此处插入图片：视察〕", marked=True),))
    assert (caption.style, caption.runs) == (STYLE_CAPTION, (Run("委员视察现场"),))
