"""Reuse of last year's report: import, structure recovery, statistics, roll-over, comparison, templates."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from report_writer.core.importer import ReportImportError, import_file, import_text
from report_writer.core.model import Figure, Paragraph
from report_writer.core.rollover import comparison, comparison_csv, rollover
from report_writer.core.save_template import save_as_template
from report_writer.core.templating import load_pack, render_pack
from report_writer.export.docx_writer import ExportOptions, export_docx
from report_writer.export.profiles import FONT_PRESETS, PROFILES


def _all_text(report) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(
        b.text(report.fields) for s in report.sections for b in s.blocks if isinstance(b, Paragraph)
    )


def _captions(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.caption for s in report.sections for b in s.blocks if isinstance(b, Figure)]


def _shape(report):  # type: ignore[no-untyped-def]
    return [
        (
            s.kind,
            s.heading,
            figures_float(
                [
                    (
                        type(b).__name__,
                        getattr(b, "lead", None),
                        getattr(b, "caption", None),
                        b.text(report.fields) if isinstance(b, Paragraph) else bool(b.image),
                    )
                    for b in s.blocks
                ]
            ),
        )
        for s in report.sections
    ]


def figures_float(items: list) -> tuple:  # type: ignore[type-arg]
    """A section's blocks with the photos' places left out: the export may set a photo after the
    text that follows it, or before the paragraph before it, to fill a page (export/page_fit.py)."""
    return ([i for i in items if i[0] != "Figure"], sorted(i for i in items if i[0] == "Figure"))


def test_fuling_sample(shared_dir: Path) -> None:
    result = import_file(shared_dir / "samples" / "fuling-2023-huimou.txt")
    report = result.report
    assert report.title == "聚智聚力助推涪陵高质量发展 同心同行展现政协事业新作为"
    assert report.subtitle == "——重庆市涪陵区政协2023年工作回眸"
    assert (report.year, report.org_short, report.org_full) == (2023, "涪陵区政协", "重庆市涪陵区政协")
    assert [s.heading for s in report.sections if s.heading] == [
        "突出特色创新实践 推动协商品牌更加响亮",
        "持续加强自身建设 政协工作能力水平更加过硬",
        "坚持思想政治引领 共同思想政治基础更加牢固",
        "围绕中心建言资政 服务经济社会发展更加有效",
    ]
    assert report.sections[0].kind == "导语" and report.sections[0].heading == ""
    assert {s.kind for s in report.sections} >= {"协商平台", "自身建设", "思想政治引领", "建言资政"}
    assert set(_captions(report)) == {
        "涪陵区政协组织开展生命通道整治专题协商会议",
        "涪陵区政协常委视察有效投资项目建设推进情况",
        "涪陵区政协召开信息和理论研究工作会",
        "涪陵区政协开展民主评议区卫生健康委回访视察工作",
        "涪陵区政协助推涪陵与清华大学交流合作",
    }
    text = _all_text(report)
    assert "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻" in text  # split sentence joined
    assert "建成活动范围覆盖全区的7个委员联络站和5济区" not in text
    assert len(report.fields) >= 20
    field = next(f for f in report.fields.values() if f.value == 430)
    assert (field.unit, field.qualifier) == ("篇", "余") and "社情民意信息" in field.label
    assert "编报社情民意信息430余篇" in text
    leads = [b.lead for s in report.sections for b in s.blocks if isinstance(b, Paragraph) and b.lead]
    assert "聚焦热点建言献策。" in leads


def test_changshou_sample(shared_dir: Path) -> None:
    report = import_file(shared_dir / "samples" / "changshou-2023-zongshu.txt").report
    assert report.title == "展现时代新作为 干出政协新样子"
    assert report.subtitle == "——重庆市长寿区政协2023年履职工作综述"
    headings = [s.heading for s in report.sections if s.heading]
    assert headings == [
        "明方向，把稳“思想之舵”",
        "强担当，服务发展大局",
        "凝共识，联动共助“双城记”",
        "重履职，迭代升级“渝事好商量”协商平台",
        "激活力，建好用活委员工作室",
    ]
    captions = _captions(report)
    assert len(captions) == 8 and "长寿区政协慰问困难党员" in captions and "长寿区政协走访企业" in captions
    assert report.sections[1].kind == "思想政治引领"


def test_every_character_ends_up_somewhere(shared_dir: Path) -> None:
    source = (shared_dir / "samples" / "fuling-2023-huimou.txt").read_text(encoding="utf-8")
    report = import_text(source).report
    placed = (
        report.title
        + report.subtitle
        + "".join(s.heading for s in report.sections)
        + _all_text(report)
        + "".join(_captions(report))
    )
    strip = lambda t: "".join(t.split())  # noqa: E731
    assert sorted(strip(placed)) == sorted(strip(source))


def test_json_output_shape(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from report_writer.cli import main

    assert main(["import", str(shared_dir / "samples" / "changshou-2023-zongshu.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"title", "subtitle", "byline", "sections", "fields", "warnings"}
    assert data["sections"][0]["heading"] is None and data["sections"][0]["kind"] == "导语"
    block = data["sections"][1]["blocks"][0]
    assert set(block) == {"type", "lead", "text"}
    assert set(data["fields"][0]) == {"name", "label", "value", "unit", "qualifier", "text"}
    assert all("\ufffc" not in b.get("text", "") for s in data["sections"] for b in s["blocks"])


def test_round_trip_of_our_own_export(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    original = sample_report_factory()
    for profile in ("公文", "刊物稿"):
        path = export_docx(
            original, tmp_path / f"{profile}.docx", ExportOptions(PROFILES[profile], FONT_PRESETS["公文标准"])
        )
        imported = import_file(path).report
        assert _shape(imported) == _shape(original)
        assert [s.numbering for s in imported.sections] == [s.numbering for s in original.sections]
        assert imported.title == original.title.replace("\n", " ") and imported.subtitle == original.subtitle
        assert len(imported.media) == len(original.media)


def test_plain_docx_with_bold_and_centred_headings(tmp_path: Path) -> None:
    document = docx.Document()
    title = document.add_paragraph("某某县政协2024年工作综述")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("一年来，某某县政协围绕中心履职，开展协商21场次。")
    bold = document.add_paragraph()
    bold.add_run("强化思想引领").bold = True
    document.add_paragraph("全年组织学习研讨18次，委员读书活动持续开展。")
    centred = document.add_paragraph("服务发展大局")
    centred.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lead = document.add_paragraph()
    lead.add_run("聚焦产业发展。").bold = True
    lead.add_run("组织委员开展视察调研12次。")
    path = tmp_path / "plain.docx"
    document.save(str(path))
    report = import_file(path).report
    assert report.title == "某某县政协2024年工作综述"
    assert [s.heading for s in report.sections] == ["", "强化思想引领", "服务发展大局"]
    assert report.sections[2].blocks[0].lead == "聚焦产业发展。"
    assert report.year == 2024 and len(report.fields) == 3


def test_rollover_marks_every_field_and_moves_the_year(shared_dir: Path) -> None:
    old = import_file(shared_dir / "samples" / "fuling-2023-huimou.txt").report
    result = rollover(old, 2024)
    new = result.report
    assert new.year == 2024 and "2024年工作回眸" in new.subtitle
    assert all(f.status == "to_update" and f.last_value == f.value for f in new.fields.values())
    assert any("2023年3月30日" in note for note in result.review)
    assert "涪陵区政协2024年履职日历" in _all_text(new)
    assert "2023年3月30日" in _all_text(new)  # events of last year stay, flagged for review
    from report_writer.language.proofread import check_report

    stale = [f for f in check_report(new) if f.code == "figure.stale"]
    assert len(stale) >= len(new.fields)
    with pytest.raises(ValueError):
        rollover(old, 2023)


def test_comparison_and_csv(sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    report = rollover(sample_report_factory(), 2025).report
    report.fields["proposals"].value = 300
    report.fields["proposals"].status = "filled"
    rows = {r.label: r for r in comparison(report)}
    assert rows["收到提案"].last == 268 and rows["收到提案"].this == 300 and rows["收到提案"].change == 32
    assert rows["提出意见建议"].this is None
    csv_text = comparison_csv(report)
    assert csv_text.splitlines()[0] == "项目,单位,2024年,2025年,增减,增减幅度"
    assert "收到提案,件,268,300,+32,+11.9%" in csv_text


def test_export_appendix_table(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    report = rollover(sample_report_factory(), 2025).report
    options = ExportOptions(PROFILES["公文"], FONT_PRESETS["公文标准"], appendix=True)
    document = docx.Document(str(export_docx(report, tmp_path / "a.docx", options)))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["项目", "单位", "2024年", "2025年", "增减"]
    assert len(table.rows) == len(report.fields) + 1


def test_save_as_template_round_trip(shared_dir: Path, isolated_user_folders: Path) -> None:
    report = import_file(shared_dir / "samples" / "fuling-2023-huimou.txt").report
    root = save_as_template(report, "涪陵样式")
    assert root.parent == isolated_user_folders / "templates"
    pack = load_pack(root)
    new = render_pack(pack, "重庆市甲区政协", "甲区政协", 2025)
    assert new.subtitle == "——重庆市甲区政协2025年工作回眸"
    assert len(new.fields) == len(report.fields)
    assert "涪陵区政协" not in _all_text(new) and "甲区政协" in _all_text(new)
    from report_writer.core.templating import list_packs

    assert "涪陵样式" in [p.name for p in list_packs()]


# Each refusal in the guard's own words (core/guards.py, core/docx_guard.py): with a guard removed, the file
# fails later with another message (a zip bomb as “XML 已损坏”), and the test fails.
HOSTILE_MESSAGES = {
    "not_docx": "a.docx 已损坏或不是有效的 Word 文件（.docx）。如果是 .doc 或 WPS 格式，请先另存为 .docx。",
    "zip_bomb": "a.docx 中的 word/document.xml 解压后过大，可能是恶意文件，已拒绝。",
    "huge_text": "a.txt 太大（上限 20 MB）。",
    "empty": "a.txt 是空文件。",
    "binary_text": "a.txt 既不是 UTF-8 也不是 GBK 编码的文本。请在记事本或 WPS 中另存为 UTF-8 后再试。",
    # the entity is never resolved, so the one paragraph holding it is empty (resolved: /etc/passwd imported)
    "external_entity": "a.docx 中没有可导入的文字。",
}


@pytest.mark.parametrize("kind", list(HOSTILE_MESSAGES))
def test_hostile_input(tmp_path: Path, kind: str) -> None:
    if kind == "not_docx":
        path = tmp_path / "a.docx"
        path.write_bytes(b"%PDF-1.4 not a word file")
    elif kind == "zip_bomb":
        path = tmp_path / "a.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", b"\0" * (210 * 1024 * 1024))
    elif kind == "huge_text":
        path = tmp_path / "a.txt"
        path.write_bytes(("政协" * 9_000_000).encode("utf-8"))
    elif kind == "external_entity":
        base = tmp_path / "base.docx"
        docx.Document().save(str(base))
        path = tmp_path / "a.docx"
        with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w") as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "word/document.xml":
                    data = (
                        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        + data.split(b"?>", 1)[1].replace(
                            b"<w:body>", b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>", 1
                        )
                    )
                target.writestr(item, data)
    elif kind == "empty":
        path = tmp_path / "a.txt"
        path.write_bytes(b"")
    else:
        path = tmp_path / "a.txt"
        path.write_bytes(bytes(range(256)) * 100)
    with pytest.raises(ReportImportError) as refused:
        import_file(path)
    assert str(refused.value) == HOSTILE_MESSAGES[kind]


def test_heading_split_over_two_lines_and_numbered_headings() -> None:
    text = (
        "协商议政谱新篇 同心履职展新颜\n\n——某某县政协2024年工作回眸\n\n"
        "一年来，某某县政协围绕中心履职尽责，开展协商21场次。\n\n"
        "突出特色创新实践\n推动协商品牌更加响亮\n\n"
        "聚焦民生开展协商。全年组织小微协商15场次，助推解决问题30个。\n\n"
        "二、加强自身建设\n\n"
        "举办委员培训3期，参训200余人次。\n\n"
        "（某某县政协供图）\n\n"
        "— 3 —\n"
    )
    report = import_text(text).report
    assert [s.heading for s in report.sections] == [
        "",
        "突出特色创新实践 推动协商品牌更加响亮",
        "加强自身建设",
    ]
    assert report.sections[1].blocks[0].lead == "聚焦民生开展协商。"
    assert _captions(report) == ["（某某县政协供图）"]
    assert "— 3 —" not in _all_text(report)
    assert len(report.fields) == 5


def test_a_photo_still_to_insert_comes_back_as_one(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    # A draft shows 〔此处插入图片：…〕 where a photo is to go; read back, it is that placeholder again,
    # never the heading of a new section (the sections, and every finding's place, would shift).
    original = sample_report_factory()
    section = original.sections[2]
    section.blocks.insert(1, Figure(image=None, caption="委员视察现场", placeholder="视察现场"))
    section.blocks.insert(3, Figure(image=None, caption=""))
    path = export_docx(
        original, tmp_path / "draft.docx", ExportOptions(PROFILES["公文"], FONT_PRESETS["公文标准"])
    )
    imported = import_file(path).report
    assert [s.heading for s in imported.sections] == [s.heading for s in original.sections]
    figures = [b for b in imported.sections[2].blocks if isinstance(b, Figure) and b.image is None]
    assert [(f.placeholder, f.caption) for f in figures] == [("视察现场", "委员视察现场"), ("", "")]
