from __future__ import annotations

import json

import pytest

from report_writer.core.model import Field, FieldRef, Figure, ModelError, Paragraph, Report, Section
from report_writer.core.numerals import chinese_count, chinese_number, chinese_year, percent


def _report() -> Report:
    fields = {
        "sessions": Field("sessions", "协商", "场次", "integer", 91, 80),
        "reports": Field("reports", "社情民意信息", "篇", "integer", 430, None, qualifier="余"),
        "rate": Field("rate", "办复率", "", "percent", 99.5),
        "depts": Field("depts", "评议部门", "个", "integer", 2),
    }
    return Report(
        org_full="重庆市甲区政协",
        org_short="甲区政协",
        year=2024,
        title="甲 乙",
        subtitle="——重庆市甲区政协2024年工作回眸",
        fields=fields,
        sections=[
            Section(
                kind="协商平台",
                heading="协商 更加有效",
                blocks=[
                    Paragraph(
                        ["开展协商", FieldRef("sessions"), "场次，编报", FieldRef("reports"), "篇。"],
                        lead="平台延伸。",
                    ),
                    Paragraph(["评议", FieldRef("depts", "cn"), "个部门，办复率", FieldRef("rate"), "。"]),
                    Figure(image=None, caption="协商现场"),
                ],
            )
        ],
    )


def test_json_round_trip_keeps_everything() -> None:
    report = _report()
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    again = Report.from_dict(data)
    assert again.to_dict() == report.to_dict()
    assert again.sections[0].blocks[0].parts[1] == FieldRef("sessions")
    assert again.sections[0].id == report.sections[0].id


def test_paragraph_text_shows_current_values_and_follows_changes() -> None:
    report = _report()
    first = report.sections[0].blocks[0]
    assert first.text(report.fields) == "平台延伸。开展协商91场次，编报430余篇。"
    report.fields["sessions"].value = 95
    assert "95场次" in first.text(report.fields)
    assert report.sections[0].blocks[1].text(report.fields) == "评议两个部门，办复率99.5%。"


def test_empty_value_is_visible_placeholder() -> None:
    report = _report()
    report.fields["sessions"].value = None
    assert "【协商】" in report.sections[0].blocks[0].text(report.fields)
    assert [f.name for f in report.fields_to_update()] == ["sessions"]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("title"), "缺少“title”"),
        (lambda d: d.update(format_version=99), "格式版本为 99"),
        (lambda d: d["sections"][0].update(kind="无此类"), "sections[0].kind"),
        (lambda d: d["sections"][0]["blocks"][0]["parts"].append({"field": "ghost"}), "不存在的字段“ghost”"),
        (lambda d: d["fields"][0].update(value=[1]), "fields[0].value"),
        (lambda d: d["sections"][0]["blocks"].append({"type": "table"}), "未知的块类型"),
        (lambda d: d.update(year="2024"), "year"),
    ],
)
def test_validation_names_the_problem(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = _report().to_dict()
    mutate(data)
    with pytest.raises(ModelError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Report.from_dict(data)


def test_numerals() -> None:
    assert [chinese_number(n) for n in (0, 3, 10, 12, 20, 105, 1000, 1010, 20300, 100000)] == [
        "零",
        "三",
        "十",
        "十二",
        "二十",
        "一百零五",
        "一千",
        "一千零一十",
        "二万零三百",
        "十万",
    ]
    assert chinese_count(2) == "两"
    assert chinese_count(12) == "十二"
    assert chinese_year(2024) == "二〇二四"
    assert "○" not in chinese_year(2000)
    assert percent(15.0) == "15%"
    assert percent(12.345) == "12.3%"


# ---- block ids: findings and the editor address a paragraph by id (docs/ARCHITECTURE.md, The model) ----


def _block_ids(report: Report) -> list[str]:
    return [block.id for section in report.sections for block in section.blocks]


def test_every_block_has_an_id_that_a_save_keeps() -> None:
    report = _report()
    ids = _block_ids(report)
    assert len(set(ids)) == len(ids) == 3 and all(ids)
    again = Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert _block_ids(again) == ids
    assert report.blocks_by_id()[ids[2]][1] is report.sections[0].blocks[2]


def test_a_file_without_block_ids_gets_them_on_load() -> None:
    data = _report().to_dict()
    for block in data["sections"][0]["blocks"]:
        del block["id"]  # a .rwp written before blocks had ids
    report = Report.from_dict(data)
    ids = _block_ids(report)
    assert len(set(ids)) == 3 and all(len(i) == 12 for i in ids)
    assert report.sections[0].blocks[0].text(report.fields) == "平台延伸。开展协商91场次，编报430余篇。"


def test_repeated_or_strange_block_ids_are_replaced() -> None:
    data = _report().to_dict()
    blocks = data["sections"][0]["blocks"]
    blocks[1]["id"] = blocks[0]["id"]
    blocks[2]["id"] = "<script>" * 20
    report = Report.from_dict(data)
    ids = _block_ids(report)
    assert ids[0] == blocks[0]["id"]
    assert len(set(ids)) == 3 and ids[2] != blocks[2]["id"]


def test_block_ids_do_not_make_equal_paragraphs_unequal() -> None:
    assert Paragraph(["同一段"]) == Paragraph(["同一段"])
    assert Paragraph(["同一段"]).id != Paragraph(["同一段"]).id


def test_pieces_are_the_text_of_the_lead_and_each_part() -> None:
    report = _report()
    first = report.sections[0].blocks[0]
    assert first.pieces(report.fields) == ["平台延伸。", "开展协商", "91", "场次，编报", "430余", "篇。"]
    assert "".join(first.pieces(report.fields)) == first.text(report.fields)


def test_a_copied_section_gets_new_block_ids() -> None:
    from report_writer.core.editing import clone_section

    report = _report()
    clone = clone_section(report.sections[0])
    assert not set(_block_ids(report)) & {b.id for b in clone.blocks}
    assert clone.blocks == report.sections[0].blocks


def test_import_templates_and_rollover_give_every_block_its_own_id() -> None:
    from report_writer.core.importer import import_text
    from report_writer.core.rollover import rollover
    from report_writer.core.templating import sample_report

    for report in (
        sample_report(),
        import_text(
            "甲区政协2024年工作综述\n一、协商议政\n全年开展协商12次。\n二、民主监督\n开展视察5次。"
        ).report,
    ):
        ids = _block_ids(report)
        assert len(set(ids)) == len(ids) > 1
        assert _block_ids(rollover(report, report.year + 1).report) == ids  # next year's draft: same blocks
