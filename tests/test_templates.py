from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from report_writer.core.model import FieldRef, Figure, Paragraph
from report_writer.core.templating import TemplateError, find_pack, list_packs, load_pack, render_pack
from report_writer.language.counting import word_count

BUILTIN = ("huimou", "zongshu", "plain")


def _text(report) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(
        b.text(report.fields) for s in report.sections for b in s.blocks if isinstance(b, Paragraph)
    )


@pytest.mark.parametrize("template_id", BUILTIN)
def test_builtin_pack_renders_a_full_review(template_id: str) -> None:
    pack = find_pack(template_id)
    report = render_pack(
        pack, pack.sample["org_full"], pack.sample["org_short"], pack.sample["year"], sample=True
    )
    text = _text(report)
    kinds = [s.kind for s in report.sections]
    assert word_count(text) >= 3000
    assert len(report.fields) >= 15
    assert len(report.sections) >= 5
    assert {"思想政治引领", "协商平台", "自身建设"} <= set(kinds)
    assert kinds[0] == "导语" and kinds[-1] == "结语"
    lead_refs = [
        p
        for b in report.sections[0].blocks
        if isinstance(b, Paragraph)
        for p in b.parts
        if isinstance(p, FieldRef)
    ]
    assert len(lead_refs) >= 3, "the lead is built on the year's figures"
    figures = [b for s in report.sections for b in s.blocks if isinstance(b, Figure)]
    assert figures and all(f.caption and f.image in report.media for f in figures)
    used = {
        p.name
        for s in report.sections
        for b in s.blocks
        if isinstance(b, Paragraph)
        for p in b.parts
        if isinstance(p, FieldRef)
    }
    assert used == set(report.fields), "every field is used in the prose"
    assert "\ue000" not in text and "{{" not in text and "**" not in text
    assert report.title and str(pack.sample["year"]) in report.subtitle + report.title


def test_fields_stay_fields_after_rendering() -> None:
    report = render_pack(find_pack("huimou"), "重庆市乙区政协", "乙区政协", 2025, sample=True)
    assert "乙区政协" in _text(report)
    before = _text(report).count("86场次")
    assert before >= 2
    report.fields["consult_sessions"].value = 123
    assert _text(report).count("123场次") == before
    assert "86场次" not in _text(report)


def test_values_override_defaults_and_are_type_checked() -> None:
    pack = find_pack("plain")
    report = render_pack(pack, "甲", "甲区政协", 2025, {"proposals": 300})
    assert "收到提案300件" in _text(report)
    with pytest.raises(TemplateError, match="应为整数"):
        render_pack(pack, "甲", "甲区政协", 2025, {"proposals": "很多"})
    with pytest.raises(TemplateError, match="没有的字段"):
        render_pack(pack, "甲", "甲区政协", 2025, {"nonsense": 1})


def _make_pack(root: Path, body: str, extra_toml: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "template.toml").write_text(
        textwrap.dedent(
            f"""
            id = "evil"
            name = "测试"
            title = "{{{{ short }}}}年度总结"
            {extra_toml}
            [[fields]]
            name = "count"
            label = "次数"
            default = 3

            [[sections]]
            kind = "其他"
            heading = "一节"
            file = "body.j2"
            """
        ),
        encoding="utf-8",
    )
    (root / "body.j2").write_text(body, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ count.__class__.__init__.__globals__ }}",
        "{{ ().__class__.__bases__[0].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ self._TemplateReference__context }}",
    ],
)
def test_sandbox_blocks_escape_attempts(tmp_path: Path, body: str) -> None:
    pack = load_pack(_make_pack(tmp_path / "evil", "第一行\n" + body))
    with pytest.raises(TemplateError) as caught:
        render_pack(pack, "甲", "甲区政协", 2025)
    message = str(caught.value)
    assert "body.j2" in message
    assert "不安全" in message or "缺少" in message


def test_missing_field_error_names_file_line_and_field(tmp_path: Path) -> None:
    pack = load_pack(_make_pack(tmp_path / "p", "第一段。\n\n第二段{{ count }}次，\n还有{{ nowhere }}项。"))
    with pytest.raises(TemplateError) as caught:
        render_pack(pack, "甲", "甲区政协", 2025)
    message = str(caught.value)
    assert "body.j2" in message and "第 4 行" in message and "nowhere" in message


def test_syntax_error_names_line(tmp_path: Path) -> None:
    pack = load_pack(_make_pack(tmp_path / "p", "好\n\n{% if %}\n"))
    with pytest.raises(TemplateError, match="第 3 行"):
        render_pack(pack, "甲", "甲区政协", 2025)


def test_figure_path_cannot_leave_the_pack(tmp_path: Path) -> None:
    pack = load_pack(_make_pack(tmp_path / "p", "![说明](../../../etc/passwd)"))
    with pytest.raises(TemplateError, match="超出"):
        render_pack(pack, "甲", "甲区政协", 2025)


def test_markup_lead_and_filters(tmp_path: Path) -> None:
    body = (
        "**段首语。**正文{{ count|cn }}次，{{ count }}次，{{ 2024|year_cn }}年，{{ 12.34|pct }}。"
        "\n\n![图注{{ short }}](images/none.png)"
    )
    pack = load_pack(_make_pack(tmp_path / "p", body))
    report = render_pack(pack, "甲", "甲区政协", 2025, sample=True)
    paragraph, figure = report.sections[0].blocks
    assert isinstance(paragraph, Paragraph) and paragraph.lead == "段首语。"
    assert paragraph.parts[1] == FieldRef("count", "cn")
    assert paragraph.body_text(report.fields) == "正文三次，3次，二〇二四年，12.3%。"
    assert isinstance(figure, Figure) and figure.caption == "图注甲区政协" and figure.image is None


def test_user_templates_are_listed_beside_builtin(isolated_user_folders: Path) -> None:
    target = isolated_user_folders / "templates" / "mine"
    shutil.copytree(find_pack("plain").path, target)
    text = (target / "template.toml").read_text(encoding="utf-8").replace('id = "plain"', 'id = "mine"')
    (target / "template.toml").write_text(text, encoding="utf-8")
    broken = isolated_user_folders / "templates" / "broken"
    broken.mkdir()
    (broken / "template.toml").write_text("id = [", encoding="utf-8")
    packs = {p.id: p for p in list_packs()}
    assert set(BUILTIN) <= set(packs) and "mine" in packs
    assert packs["huimou"].builtin and not packs["mine"].builtin


def test_bad_manifest_is_reported(tmp_path: Path) -> None:
    root = _make_pack(tmp_path / "p", "x")
    (root / "template.toml").write_text(
        'id = "x"\nname = "y"\ntitle = "t"\n[[sections]]\nkind = "乱写"\nfile = "a.j2"\n', encoding="utf-8"
    )
    with pytest.raises(TemplateError, match="未知的栏目类型"):
        load_pack(root)
    (root / "template.toml").write_text(
        'id = "x"\nname = "y"\ntitle = "t"\n[[sections]]\nkind = "其他"\nfile = "../a.j2"\n', encoding="utf-8"
    )
    with pytest.raises(TemplateError, match="不能包含路径"):
        load_pack(root)
