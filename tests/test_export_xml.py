"""The XML that decides how Word and WPS show the export (docs/ARCHITECTURE.md, “Word output”)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from docx_xml import NS, parts, style_by_name, w
from report_writer.export.docx_writer import ExportError, ExportOptions, export_docx
from report_writer.export.profiles import FONT_PRESETS, PROFILES

THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


@pytest.fixture(scope="module")
def exported(sample_docx: Path) -> Path:
    return sample_docx


def test_every_style_names_an_east_asian_font_and_no_theme_fonts(exported: Path) -> None:
    xml = parts(exported)
    styles = xml["word/styles.xml"]
    for style in styles.findall("w:style", NS):
        rfonts = style.find("w:rPr/w:rFonts", NS)
        name = style.find("w:name", NS).get(w("val"))
        assert rfonts is not None and rfonts.get(w("eastAsia")), name
    for name, root in xml.items():
        for rfonts in root.iter(w("rFonts")):
            assert not any(rfonts.get(w(a)) for a in THEME_ATTRS), name
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert defaults.get(w("eastAsia")) == "仿宋_GB2312"
    assert "stylesWithEffects" not in " ".join(xml)


def test_role_fonts_sizes_and_hint(exported: Path) -> None:
    styles = parts(exported)["word/styles.xml"]
    expected = {
        "Normal": ("仿宋_GB2312", "32"),
        "报告正文": ("仿宋_GB2312", "32"),
        "报告大标题": ("方正小标宋简体", "44"),
        "报告一级标题": ("黑体", "32"),
        "报告二级标题": ("楷体_GB2312", "32"),
        "报告页码": ("宋体", "28"),
    }
    for name, (font, size) in expected.items():
        style = style_by_name(styles, name)
        rfonts = style.find("w:rPr/w:rFonts", NS)
        assert rfonts.get(w("eastAsia")) == font, name
        assert rfonts.get(w("ascii")) == "Times New Roman", name
        assert rfonts.get(w("hint")) == "eastAsia", name
        assert style.find("w:rPr/w:sz", NS).get(w("val")) == size, name
    body = style_by_name(styles, "Normal")
    assert body.find("w:rPr/w:spacing", NS).get(w("val")) == "-5"
    assert body.find("w:pPr/w:widowControl", NS).get(w("val")) == "0"


def test_settings_compat_15_and_chinese_theme_language(exported: Path) -> None:
    settings = parts(exported)["word/settings.xml"]
    modes = [s for s in settings.iter(w("compatSetting")) if s.get(w("name")) == "compatibilityMode"]
    assert [m.get(w("val")) for m in modes] == ["15"]
    assert settings.find("w:themeFontLang", NS).get(w("eastAsia")) == "zh-CN"
    assert settings.find("w:evenAndOddHeaders", NS) is not None


def test_theme_has_east_asian_font(exported: Path) -> None:
    import zipfile

    with zipfile.ZipFile(exported) as archive:
        theme = archive.read("word/theme/theme1.xml").decode("utf-8")
    assert '<a:ea typeface=""/>' not in theme


def test_page_geometry_and_grid(exported: Path) -> None:
    document = parts(exported)["word/document.xml"]
    sect = document.find("w:body/w:sectPr", NS)
    margins = sect.find("w:pgMar", NS)
    assert [margins.get(w(k)) for k in ("top", "bottom", "left", "right")] == ["2098", "1984", "1587", "1474"]
    size = sect.find("w:pgSz", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    grid = sect.find("w:docGrid", NS)
    assert grid.get(w("type")) == "lines" and grid.get(w("linePitch")) == "579"


def test_body_spacing_is_exact_579_with_two_char_indent(exported: Path) -> None:
    styles = parts(exported)["word/styles.xml"]
    for name in ("Normal", "报告正文", "报告一级标题", "报告大标题"):
        spacing = style_by_name(styles, name).find("w:pPr/w:spacing", NS)
        assert spacing.get(w("line")) == "579" and spacing.get(w("lineRule")) == "exact", name
    ind = style_by_name(styles, "报告正文").find("w:pPr/w:ind", NS)
    assert ind.get(w("firstLineChars")) == "200" and ind.get(w("firstLine")) == "640"


def test_page_number_fields_have_cached_results(exported: Path) -> None:
    xml = parts(exported)
    footers = [root for name, root in xml.items() if name.startswith("word/footer")]
    assert len(footers) >= 2
    alignments = set()
    for footer in footers:
        paragraph = footer.find("w:p", NS)
        kinds = [f.get(w("fldCharType")) for f in paragraph.iter(w("fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        runs = paragraph.findall("w:r", NS)
        texts = ["".join(t.text or "" for t in r.iter(w("t"))) for r in runs]
        instr = "".join(i.text for i in paragraph.iter(w("instrText")))
        assert instr.strip() == "PAGE"
        separate_index = next(
            i
            for i, r in enumerate(runs)
            if r.find("w:fldChar", NS) is not None
            and r.find("w:fldChar", NS).get(w("fldCharType")) == "separate"
        )
        assert texts[separate_index + 1] == "1", "a cached result follows the separate mark"
        assert texts[0] == "— " and texts[-1] == " —"
        for run in runs:
            assert run.find("w:rPr/w:rFonts", NS).get(w("hint")) == "eastAsia"
        alignments.add(paragraph.find("w:pPr/w:jc", NS).get(w("val")))
    assert alignments == {"right", "left"}


def test_no_picture_in_an_exact_spacing_paragraph(exported: Path) -> None:
    xml = parts(exported)
    styles, document = xml["word/styles.xml"], xml["word/document.xml"]
    style_ids = {s.get(w("styleId")): s for s in styles.findall("w:style", NS)}
    pictures = 0
    for paragraph in document.iter(w("p")):
        if paragraph.find(".//w:drawing", NS) is None:
            continue
        pictures += 1
        direct = paragraph.find("w:pPr/w:spacing", NS)
        assert direct is None or direct.get(w("lineRule")) != "exact"
        style = style_ids[paragraph.find("w:pPr/w:pStyle", NS).get(w("val"))]
        spacing = style.find("w:pPr/w:spacing", NS)
        assert spacing is None or spacing.get(w("lineRule")) != "exact"
        assert style.find("w:pPr/w:keepNext", NS) is not None, "a picture stays with its caption"
    assert pictures == 4


def test_text_runs_carry_east_asia_hint_and_title_is_split(exported: Path) -> None:
    document = docx.Document(str(exported))
    title = document.paragraphs[0]
    assert title.style.name == "报告大标题"
    assert title.text == "凝心聚力助推示例区高质量发展\n履职尽责书写政协事业新篇章"
    assert document.paragraphs[1].text.startswith("——")
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text:
                assert run._r.rPr.rFonts.get(w("hint")) == "eastAsia"
    headings = [p.text for p in document.paragraphs if p.style.name == "报告一级标题"]
    assert headings[0].startswith("一、") and headings[1].startswith("二、")
    leads = [
        r for p in document.paragraphs for r in p.runs if r.style is not None and r.style.name == "段首语"
    ]
    assert leads and leads[0].text.endswith("。")


def test_profile_kanwu_has_unnumbered_centred_headings(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    path = export_docx(
        sample_report_factory(),
        tmp_path / "k.docx",
        ExportOptions(PROFILES["刊物稿"], FONT_PRESETS["Windows自带"]),
    )
    document = docx.Document(str(path))
    headings = [p for p in document.paragraphs if p.style.name == "报告一级标题"]
    assert headings and not headings[0].text.startswith("一、")
    styles = parts(path)["word/styles.xml"]
    assert style_by_name(styles, "报告一级标题").find("w:pPr/w:jc", NS).get(w("val")) == "center"
    assert style_by_name(styles, "Normal").find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "仿宋"
    title = style_by_name(styles, "报告大标题")
    assert title.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "宋体"
    assert title.find("w:rPr/w:b", NS) is not None


def test_reference_docx_styles_win(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    reference = docx.Document()
    style = reference.styles.add_style("报告正文", WD_STYLE_TYPE.PARAGRAPH)
    style.font.size = Pt(15)
    style.font.name = "Arial"
    style.element.get_or_add_rPr().get_or_add_rFonts().set(w("eastAsia"), "华文仿宋")
    ref_path = tmp_path / "ref.docx"
    reference.save(str(ref_path))
    path = export_docx(
        sample_report_factory(),
        tmp_path / "r.docx",
        ExportOptions(PROFILES["公文"], FONT_PRESETS["公文标准"], ref_path),
    )
    styles = parts(path)["word/styles.xml"]
    body = style_by_name(styles, "报告正文")
    assert body.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "华文仿宋"
    assert body.find("w:rPr/w:sz", NS).get(w("val")) == "30"
    assert style_by_name(styles, "报告一级标题").find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "黑体"
    document = docx.Document(str(path))
    assert any(p.style.name == "报告正文" for p in document.paragraphs)


def test_bad_reference_and_targets_give_clear_errors(tmp_path: Path, sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    report = sample_report_factory()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    options = ExportOptions(PROFILES["公文"], FONT_PRESETS["公文标准"], bad)
    with pytest.raises(ExportError, match="不是有效的 Word 文件"):
        export_docx(report, tmp_path / "x.docx", options)
    plain = ExportOptions(PROFILES["公文"], FONT_PRESETS["公文标准"])
    with pytest.raises(ExportError, match="文件夹不存在"):
        export_docx(report, tmp_path / "no" / "x.docx", plain)
    with pytest.raises(ExportError, match=".docx"):
        export_docx(report, tmp_path / "x.doc", plain)


def test_failed_write_leaves_old_file(
    tmp_path: Path, sample_report_factory, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "keep.docx"
    target.write_bytes(b"old contents")
    import report_writer.export.docx_writer as writer

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(writer.os, "replace", refuse)
    with pytest.raises(ExportError, match="WPS 或 Word"):
        export_docx(
            sample_report_factory(), target, ExportOptions(PROFILES["公文"], FONT_PRESETS["公文标准"])
        )
    assert target.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.docx"]
