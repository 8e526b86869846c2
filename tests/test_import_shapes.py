"""Import of real report shapes (texts written here in the shapes the corpus has): 常委会工作报告
front matter, numbered heads with their marker kept apart, Word files read as Word, one field per figure,
layout warnings."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from report_writer.core.importer import import_file, import_text
from report_writer.core.model import FieldRef, Figure, Paragraph
from report_writer.export.docx_writer import ExportOptions, export_docx
from report_writer.export.profiles import FONT_PRESETS, PROFILES
from test_import import figures_float

REPORT = """中国人民政治协商会议
某某县第十届委员会常务委员会工作报告
——在中国人民政治协商会议某某县第十届委员会第五次会议上
（2025年1月8日）
张 三 丰
各位委员、同志们：
我受政协某某县第十届委员会常务委员会的委托，向大会报告工作，请予审议。
2024年工作回顾
2024年是实现“十四五”规划目标任务的关键一年。一年来，常委会收到提案301件。
一、坚持凝心铸魂，思想政治引领更加有力
（一）坚持党的领导，把牢履职之本。坚持在县委领导下谋划和开展工作，向县委请示报告32次。
■围绕乡村振兴积极履职
■聚焦产业体系，召开专题协商会议，形成建议18条。
1.助推重点项目建设
全年收到提案301件，立案286件。
"""


def test_standing_committee_report_front_matter_and_numbered_heads() -> None:
    report = import_text(REPORT).report
    assert report.title == "中国人民政治协商会议 某某县第十届委员会常务委员会工作报告"
    assert report.subtitle == "——在中国人民政治协商会议某某县第十届委员会第五次会议上"
    assert report.byline == "（2025年1月8日） 张 三 丰"
    assert report.sections[0].blocks[0].text(report.fields) == "各位委员、同志们："
    headings = [(s.numbering, s.heading) for s in report.sections if s.heading]
    assert headings == [
        ("", "2024年工作回顾"),
        ("一、", "坚持凝心铸魂，思想政治引领更加有力"),
        ("■", "围绕乡村振兴积极履职"),
        ("1.", "助推重点项目建设"),
    ]
    leads = [b.lead for s in report.sections for b in s.blocks if isinstance(b, Paragraph) and b.lead]
    assert leads == ["（一）坚持党的领导，把牢履职之本。"]


def test_occasion_line_in_brackets_and_dateline_before_title() -> None:
    text = (
        "新华社北京3月3日电\n某某县政协常务委员会工作报告\n"
        "（2011年3月7日在政协第七届某某县委员会第五次会议上）\n各位委员：\n正文第一段。"
    )
    report = import_text(text).report
    assert report.byline == "新华社北京3月3日电" and report.title == "某某县政协常务委员会工作报告"
    assert report.subtitle == "（2011年3月7日在政协第七届某某县委员会第五次会议上）"


def test_page_chrome_is_named_in_a_warning_not_lost() -> None:
    text = (
        "下载 打印 分享到\n某某区政协2024年工作综述\n\n"
        "一年来，区政协开展协商21场次。\n\n- 3 -\n\n全年提交提案50件。"
    )
    result = import_text(text)
    assert [t for t, _why in result.dropped] == ["下载 打印 分享到", "- 3 -"]
    assert any("下载 打印 分享到" in w for w in result.warnings)


def test_two_line_heading_and_heading_without_inner_space() -> None:
    text = (
        "某某区政协2024年工作综述\n\n近年来，区政协认真落实协商工作规则，推动协商向基层延伸，取得明显成效。\n\n打造委员进小院3.0版本\n\n"
        "将政协协商延伸到群众家门口\n\n1月8日傍晚，委员们来到村民小院，与群众围坐在一起商量事情。\n\n强化政治引领夯实思想之基\n\n"
        "全年组织学习研讨18次，委员读书活动持续开展。"
    )
    report = import_text(text).report
    assert [s.heading for s in report.sections if s.heading] == [
        "打造委员进小院3.0版本 将政协协商延伸到群众家门口",
        "强化政治引领夯实思想之基",
    ]


def _picture(path: Path) -> Path:
    import struct
    import zlib

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"".join(b"\x00" + b"\x80\x40\x20" * 8 for _ in range(6))
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 6, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    path.write_bytes(data)
    return path


def test_word_captions_after_pictures_are_never_joined_to_text(tmp_path: Path) -> None:
    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("某某区政协2024年工作综述")
    run.font.size = Pt(22)
    document.add_paragraph(
        "一年来，区政协围绕中心履职，在理论研究成果交流暨建言资政大会"
    )  # ends without 。 in the file
    captions = [
        "委员视察重点项目建设现场",
        "3月15日，委员们在产业园区察看项目进展情况。",
        "专题协商会现场（记者 王明 摄）",
    ]
    for index, caption in enumerate(captions):
        holder = document.add_paragraph()
        holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
        holder.add_run().add_picture(str(_picture(tmp_path / f"p{index}.png")), width=Cm(4))
        paragraph = document.add_paragraph(caption)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = document.add_paragraph()
    heading.add_run("强化思想引领").bold = True
    lead = document.add_paragraph()
    lead.add_run("坚持党的领导，把牢履职之本。").bold = True
    lead.add_run("全年组织学习研讨18次。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text, table.cell(1, 1).text = (
        "项目",
        "数量",
        "提案",
        "301件",
    )
    path = tmp_path / "writer.docx"
    document.save(str(path))
    result = import_file(path)
    report = result.report
    figures = [b for s in report.sections for b in s.blocks if isinstance(b, Figure)]
    assert [f.caption for f in figures] == captions and all(f.image for f in figures)
    first = report.sections[0].blocks[0]
    assert isinstance(first, Paragraph) and first.text(report.fields).endswith("建言资政大会")
    assert [s.heading for s in report.sections] == ["", "强化思想引领"]
    assert report.sections[1].blocks[0].lead == "坚持党的领导，把牢履职之本。"
    rows = [b.text(report.fields) for b in report.sections[1].blocks[1:]]
    assert rows == ["项目 | 数量", "提案 | 301件"] and any("表格" in w for w in result.warnings)


def test_one_figure_one_field_and_different_things_apart() -> None:
    text = (
        "某某区政协2024年工作综述\n\n一年来，区政协收到提案301件，召开座谈会13场次。\n\n建言资政\n\n"
        "全年收到提案301件，开展协商13场次。"
    )
    report = import_text(text).report
    by_value = {}
    for item in report.fields.values():
        by_value.setdefault(item.value, []).append(item)
    assert len(by_value[301]) == 1 and len(by_value[13]) == 2
    proposal = by_value[301][0].name
    refs = [
        p.name
        for s in report.sections
        for b in s.blocks
        if isinstance(b, Paragraph)
        for p in b.parts
        if isinstance(p, FieldRef)
    ]
    assert refs.count(proposal) == 2


def test_round_trip_keeps_merged_fields_numbering_and_captions(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    original = sample_report_factory()
    shared = next(iter(original.fields.values()))
    first = next(
        b
        for s in original.sections
        for b in s.blocks
        if isinstance(b, Paragraph) and shared.name in b.field_names()
    )
    original.sections[2].blocks.append(
        Paragraph(parts=list(first.parts))
    )  # the same figure cited a second time
    original.sections[1].numbering = "■"
    options = ExportOptions(PROFILES["刊物稿"], FONT_PRESETS["公文标准"])
    imported = import_file(export_docx(original, tmp_path / "刊物稿.docx", options)).report

    def shape(report):  # type: ignore[no-untyped-def]
        return [
            (
                s.kind,
                s.numbering,
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

    assert shape(imported) == shape(original)
    twins = [f for f in imported.fields.values() if (f.value, f.unit) == (shared.value, shared.unit)]
    assert len(twins) == 1

    def refs(report):  # type: ignore[no-untyped-def]
        return [
            p for s in report.sections for b in s.blocks if isinstance(b, Paragraph) for p in b.field_names()
        ]

    assert refs(imported).count(twins[0].name) == refs(original).count(shared.name) >= 2
    again = import_file(export_docx(imported, tmp_path / "again.docx", options)).report
    assert shape(again) == shape(imported) and len(again.fields) == len(imported.fields)


def test_print_layout_fragments_are_named_with_their_place(shared_dir: Path) -> None:
    result = import_file(shared_dir / "samples" / "fuling-2023-huimou.txt")
    fragment = [w for w in result.warnings if "兴、重点项目建设" in w]
    assert fragment and "导语" in fragment[0]
    assert any("没有结束" in w and "突出特色创新实践" in w for w in result.warnings)
    closing = [s for s in result.report.sections if s.kind == "结语" and not s.heading]
    assert len(closing) == 1 and closing[0].blocks[0].text(result.report.fields).startswith("立足当下")
    assert any("移到末尾" in w for w in result.warnings)


def test_web_copy_breadcrumb_repeated_headline_wrapped_subtitle_and_speaker_with_office() -> None:
    text = (
        "首页 | 新闻 | 政协要闻\n某某市政协常务委员会工作报告\n某某市政协常务委员会\n工作报告\n"
        "——2025年1月10日在政协某某市第十二届委员会\n第三次会议上\n政协某某市委员会主席  王建国\n各位委员：\n"
        "现在，我代表常务委员会向大会报告工作，请予审议。\n（责任编辑：赵六）"
    )
    result = import_text(text)
    report = result.report
    assert report.title == "某某市政协常务委员会 工作报告"
    assert report.subtitle == "——2025年1月10日在政协某某市第十二届委员会第三次会议上"
    assert report.byline == "政协某某市委员会主席  王建国" and report.org_short == "某某市政协"
    assert [t for t, _why in result.dropped] == [
        "首页 | 新闻 | 政协要闻",
        "（责任编辑：赵六）",
        "某某市政协常务委员会工作报告",
    ]


def test_word_file_in_default_sizes_and_a_figure_in_a_bold_opening(tmp_path: Path) -> None:
    document = docx.Document()  # Word's default 11 pt body: a 16 pt centred title is large here
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("某某县政协2024年工作综述").font.size = Pt(16)
    document.add_paragraph(
        "一年来，县政协围绕中心、服务大局，认真履行政治协商、民主监督、参政议政职能，各项工作取得新成效。"
    )
    heading = document.add_paragraph()
    heading.add_run("聚焦中心建言资政").font.size = Pt(14)
    paragraph = document.add_paragraph()
    paragraph.add_run("全年收到提案 301 件。").bold = True
    paragraph.add_run("立案286件，办复率100%，形成了一批有分量的成果，推动解决了一批群众关心的问题。")
    path = tmp_path / "default.docx"
    document.save(str(path))
    report = import_file(path).report
    assert report.title == "某某县政协2024年工作综述"
    assert [s.heading for s in report.sections] == ["", "聚焦中心建言资政"]
    block = report.sections[1].blocks[0]
    assert (
        isinstance(block, Paragraph) and block.lead is None
    )  # a lead holds no field: the figure stays a field
    assert {(f.value, f.unit) for f in report.fields.values()} >= {(301, "件"), (286, "件")}
    assert block.text(report.fields).startswith("全年收到提案 301 件。")


def test_word_subtitle_and_caption_styles_by_name(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("凝心聚力谋发展 履职尽责谱新篇", style="Title")
    document.add_paragraph("某某县政协2024年工作综述", style="Subtitle")
    document.add_paragraph("一年来，县政协围绕中心、服务大局，认真履行各项职能，全年开展协商活动21场次。")
    holder = document.add_paragraph()
    holder.add_run().add_picture(str(_picture(tmp_path / "p.png")), width=Cm(4))
    document.add_paragraph(
        "委员们在产业园区察看项目进展情况，了解企业发展中遇到的困难和问题，提出意见建议。", style="Caption"
    )
    path = tmp_path / "styles.docx"
    document.save(str(path))
    report = import_file(path).report
    assert (report.title, report.subtitle) == ("凝心聚力谋发展 履职尽责谱新篇", "某某县政协2024年工作综述")
    assert report.year == 2024
    figure = report.sections[0].blocks[1]
    assert isinstance(figure, Figure) and figure.caption.startswith("委员们在产业园区")
