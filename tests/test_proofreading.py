"""Proofreading checks on real-looking sentences, and on sentences that must not be flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from report_writer.language import segment
from report_writer.language.checks_context import Context
from report_writer.language.config import ProofConfig
from report_writer.language.proofread import check_report, check_text


@pytest.fixture(scope="module", autouse=True)
def loaded_segmenter() -> None:
    segment.tokenizer()


def codes(text: str, **kwargs) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [
        (f.code, f.text) for f in check_text(text, ProofConfig(), Context(2024, ["示例区政协"]), **kwargs)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("团结引导各界人士深刻把握把握党的二十大的精神实质。", ("doubled.word", "把握")),
        ("根据居住地和和工作领域，就近划入联络站。", ("doubled.char", "和")),
        ("开展“渝事好商量”面对面对面协商活动。", ("doubled.word", "面对")),
        ("召开座谈会，，听取意见。", ("punct.doubled", "，")),
        ("开展“小微协商活动，取得实效。", ("punct.unclosed", "“")),
        ("形成“三化”（法治化、市场化的工作格局。", ("punct.unclosed", "（")),
        ("开展面对面协商”工作。", ("punct.unmatched", "”")),
        ("委员们积极建言,提出意见。", ("punct.half-width", ",")),
        ("二○二四年工作回眸", ("number.year-zero", "二○二四")),
        ("编报信息约430余篇。", ("number.approx-twice", "约430余")),
        ("政协代表积极参政议政。", ("wording.zhengxie-daibiao", "政协代表")),
        ("委员们认真审议政府工作报告。", ("wording.weiyuan-shenyi", "审议")),
        ("增强“四个自信”。", ("wording.sige-zixin-verb", "增强")),
        ("认真学习二十大精神。", ("wording.bare-congress", "二十大")),
        (
            "认真履行民主监督、政治协商、参政议政职能。",
            ("wording.three-functions-order", "民主监督、政治协商"),
        ),
        ("委员们持旭推进协商成果落实。", ("typo.confusion", "旭")),
        ("加强交通运舒保障工作。", ("typo.confusion", "舒")),
        ("提案经懂事会讨论后形成决定。", ("typo.confusion", "懂")),  # a slip inside a real word
        ("区政协召开主席悔意，研究部署全年重点工作。", ("typo.confusion", "悔意")),  # two slips in a row
        ("全面提升基层医疗服务的质量和水瓶。", ("typo.confusion", "瓶")),
        ("推动教育资原均衡配置。", ("typo.confusion", "原")),
        ("时间记录坚实的脚步--岁月镌刻奋斗的足迹。", ("punct.dash", "--")),
        ("坚持党的领导。—委员们积极履职。", ("punct.dash", "—")),
        ("发展涛声催人急...", ("punct.ellipsis", "...")),
    ],
)
def test_finds_the_slip(text: str, expected: tuple[str, str]) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "常常深入基层，一项项建议得到落实，方方面面都有进步。",
        "一个个充满关切的问题，一次次肯定，一条条睿智之言。",
        "倡导严谨细致的工作作风，召开常委会会议，学习习近平新时代中国特色社会主义思想。",
        "践行全过程人民民主，坚持原原本本学理论。",
        "坚持“第一议题”制度，深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "全面贯彻党的二十大和二十届二中全会精神，中共二十大报告提出新要求。",
        "认真履行政治协商、民主监督、参政议政职能。",
        "开展重点协商和小微协商91场次，编报社情民意信息430余篇，人均1,000元，比例为3:2。",
        "聚焦两江新区—长寿区快速通道项目，2023—2024年持续推进。",
        "一串串数字……勾勒出履职轨迹——这是“有事好商量”的生动实践。",
        "二〇二四年工作回眸",
        "委员们认真讨论政府工作报告，人大代表审议政府工作报告。",
        "区政协主席杜海波率队到街道调研，组织委员深入以及大渡村干部家中走访，赴青杠镇、石坝乡等地调研。",
        "围绕渝北、川渝合作开展协商，推动万凯新材料项目投产，落实冀政办发〔2023〕5号文件。",
        "坚持学纪、知纪、明纪、守纪，营造风清气正的良好环境，深化“放管服”改革和自贸试验区建设。",
    ],
)
def test_does_not_flag_correct_text(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize("template_id", ["huimou", "zongshu", "plain"])
def test_our_own_template_prose_raises_no_finding(template_id: str) -> None:
    from report_writer.core.templating import sample_report

    assert [(f.code, f.text) for f in check_report(sample_report(template_id))] == []


def test_indexes_refer_to_the_whole_text_and_split_paragraphs_are_joined() -> None:
    text = "第一段没有问题。\n\n第二段开展“协商活动，\n\n这句话接着上一段”。\n\n第三段和和。"
    findings = check_text(text, ProofConfig(), Context(2024, []))
    assert [(f.code, text[f.start : f.end]) for f in findings] == [("doubled.char", "和")]
    assert findings[0].start == text.index("和和") + 1


def test_context_checks_years_names_and_figures() -> None:
    text = (
        "示例区政协2024年开展协商91场次。\n\n2019年持续推进，示例政协作出贡献。\n\n"
        "全年开展协商93场次。\n\n重庆示例区政协召开会议。"
    )
    context = Context(2024, ["重庆市示例区政协", "示例区政协"])
    found = {(f.code, f.text) for f in check_text(text, ProofConfig(), context)}
    assert ("figure.year", "2019") in found
    assert ("name.variant", "示例政协") in found
    assert any(code == "name.variant" and "重庆示例区政协".endswith(t) for code, t in found)
    assert {t for code, t in found if code == "figure.inconsistent"} == {"91场次", "93场次"}


def test_figures_under_a_plan_heading_or_listed_in_one_sentence_are_not_compared() -> None:
    review = "一、2025年工作回顾\n全年改造老旧小区682个，建成口袋公园50个。\n"
    plan = "二、2026年重点工作\n改造老旧小区300个，建成口袋公园80个。\n"
    context = Context(2026, [], year_from_text=True)
    found = [f for f in check_text(review + plan, ProofConfig(), context) if f.code == "figure.inconsistent"]
    assert found == []
    # the same figures both under the review heading do disagree
    twice = review + "全年改造老旧小区300个。\n"
    found = [f for f in check_text(twice, ProofConfig(), context) if f.code == "figure.inconsistent"]
    assert {f.text for f in found} == {"682个", "300个"}
    listed = "新增前1‰学科1个、前1%学科24个。"
    assert not [f for f in check_text(listed, ProofConfig(), context) if f.code == "figure.inconsistent"]


def test_typo_suggestion_replaces_exactly_the_flagged_span() -> None:
    text = "区政协召开主席悔意，研究部署全年重点工作。"
    [finding] = [f for f in check_text(text, ProofConfig(), Context(2024, [])) if f.code == "typo.confusion"]
    fixed = text[: finding.start] + (finding.suggestion or "") + text[finding.end :]
    assert fixed == "区政协召开主席会议，研究部署全年重点工作。"


def test_user_whitelist_and_switched_off_rules() -> None:
    text = "政协代表和和委员。"
    assert ("wording.zhengxie-daibiao", "政协代表") in codes(text)
    config = ProofConfig(disabled={"wording"}, whitelist={"和和"})
    assert check_text(text, config, Context(2024, [])) == [] or all(
        f.code != "wording.zhengxie-daibiao" for f in check_text(text, config, Context(2024, []))
    )
    assert all(not f.code.startswith("wording") for f in check_text(text, config, Context(2024, [])))


def test_office_can_add_its_own_wording_rule() -> None:
    config = ProofConfig(
        extra_rules=[
            {
                "code": "wording.local",
                "pattern": "示范区政协",
                "severity": "error",
                "replace": "示例区政协",
                "note": "本区的规范简称",
            }
        ]
    )
    found = check_text("示范区政协召开会议。", config, Context(2024, []))
    assert [(f.code, f.suggestion) for f in found] == [("wording.local", "示例区政协")]


def test_report_check_marks_stale_fields_with_section_and_paragraph(sample_report_factory) -> None:  # type: ignore[no-untyped-def]
    report = sample_report_factory()
    assert check_report(report, ProofConfig()) == []
    report.fields["proposals"].status = "to_update"
    report.fields["proposals"].last_value = 268
    stale = [f for f in check_report(report, ProofConfig()) if f.code == "figure.stale"]
    assert stale and all(f.section is not None and f.paragraph is not None for f in stale)
    section = report.sections[stale[0].section]
    paragraph = section.blocks[stale[0].paragraph]
    assert paragraph.text(report.fields)[stale[0].start : stale[0].end] == "268"
    assert (stale[0].section_id, stale[0].block_id) == (section.id, paragraph.id)
    assert "block_id" not in stale[0].to_json()  # `check --json` prints what it printed before ids


def test_samples_find_the_real_slips(shared_dir: Path) -> None:
    text = (shared_dir / "samples" / "fuling-2023-huimou.txt").read_text(encoding="utf-8")
    found = {(f.code, f.text) for f in check_text(text, ProofConfig())}
    assert ("doubled.word", "把握") in found
    assert ("doubled.char", "和") in found
    assert ("punct.unmatched", "”") in found
    assert ("punct.unclosed", "（") in found
    other = (shared_dir / "samples" / "changshou-2023-zongshu.txt").read_text(encoding="utf-8")
    assert len(check_text(other, ProofConfig())) / len(other) * 1000 < 2


def test_cli_check_json_for_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from report_writer.cli import main

    path = tmp_path / "a.txt"
    content = "示例区政协2024年工作回眸\n\n委员们深刻把握把握精神实质。"
    path.write_text(content, encoding="utf-8")
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data and data[0]["code"] == "doubled.word"
    assert content[data[0]["start"] : data[0]["end"]] == data[0]["text"] == "把握"
    assert "section" not in data[0]


# The one line `check` prints for each, in the guard's own words (a removed guard changes the line).
CHECK_REFUSALS = {
    "not_docx": "x.docx 已损坏或不是有效的 Word 文件（.docx）",
    "empty": "x.docx 是空文件。",
    "bomb": "x.docx 中的 word/document.xml 解压后过大，可能是恶意文件，已拒绝。",
    "not_text": "x.txt 既不是 UTF-8 也不是 GBK 编码的文本。请在记事本或 WPS 中另存为 UTF-8 后再试。",
}


@pytest.mark.parametrize("kind", list(CHECK_REFUSALS))
def test_cli_check_hostile_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    import zipfile

    from report_writer.cli import main

    if kind == "not_docx":
        path = tmp_path / "x.docx"
        path.write_bytes(b"not a zip at all")
    elif kind == "empty":
        path = tmp_path / "x.docx"
        path.write_bytes(b"")
    elif kind == "bomb":
        path = tmp_path / "x.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", b"\0" * (210 * 1024 * 1024))
    else:
        path = tmp_path / "x.txt"
        path.write_bytes(bytes(range(256)) * 4)
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and CHECK_REFUSALS[kind] in err


def test_settings_file_round_trip_and_a_damaged_file_is_never_overwritten() -> None:
    import tomllib

    from report_writer.language.config import (
        ConfigError,
        add_to_whitelist,
        config_path,
        load_config,
        read_config,
        save_config,
        to_toml,
    )

    config = ProofConfig(
        disabled={"typo", "wording.bare-congress"},
        whitelist={'引号"和\\反斜杠', "合广长"},
        extra_rules=[{"text": "示范区政协", "replace": "示例区政协", "note": "换行\n说明"}],
    )
    parsed = tomllib.loads(to_toml(config))
    assert set(parsed["disabled"]) == config.disabled and set(parsed["whitelist"]) == config.whitelist
    assert parsed["rule"] == config.extra_rules
    save_config(config)
    assert add_to_whitelist("大渡村").whitelist == config.whitelist | {"大渡村"}
    assert read_config().extra_rules == config.extra_rules

    config_path().write_text('whitelist = ["未闭合"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="格式有误"):
        add_to_whitelist("万凯")
    assert config_path().read_text(encoding="utf-8") == 'whitelist = ["未闭合"\n'
    assert load_config() == ProofConfig(), "the check itself still runs, with the defaults"


def test_a_total_over_years_is_not_the_years_figure() -> None:
    context = Context(2026, [], year_from_text=True)
    year = "全年组织视察调研26次，形成调研报告18篇。\n"
    term = "五年来，委员们围绕中心工作组织视察调研130次，形成调研报告75篇。\n"
    summed = "本届以来累计形成调研报告75篇。\n"
    for text in (year + term, year + summed):
        found = [f for f in check_text(text, ProofConfig(), context) if f.code == "figure.inconsistent"]
        assert found == [], text
    # two figures for the year still disagree, also where a paragraph opens with the year's 一年来
    others = ("全年形成调研报告20篇。\n", "一年来，形成调研报告20篇。\n", "过去一年，形成调研报告20篇。\n")
    for other in others:
        found = [f for f in check_text(year + other, ProofConfig(), context)]
        assert {f.text for f in found if f.code == "figure.inconsistent"} == {"18篇", "20篇"}, other


def test_a_bare_congress_is_found_after_and_too() -> None:
    for text in ("深入学习贯彻习近平新时代中国特色社会主义思想和二十大精神。", "认真学习宪法及二十大报告。"):
        assert ("wording.bare-congress", "二十大") in [(f.code, f.text) for f in check_text(text)], text
    codes = [(f.code, f.text) for f in check_text("认真学习贯彻十九大精神。")]
    assert ("wording.bare-congress", "十九大") in codes


def test_another_office_the_text_mentions_is_not_the_reports_office() -> None:
    from report_writer.language.checks_context import infer_context

    text = (
        "2024年，区政协在区委的坚强领导下履职。\n会上，邀请市政协副主席作专题辅导。\n"
        "组织委员参加市政协全体会议。\n"
    )
    assert infer_context(text).org_names == []
    assert not [f for f in check_text(text) if f.code == "level.other"]
    named = "重庆市长寿区政协2024年工作综述\n长寿区政协在区委领导下履职，邀请市政协专家授课。\n"
    assert infer_context(named).org_names == ["重庆市长寿区政协", "长寿区政协"]


def test_yian_and_shenyi_across_a_comma_but_not_about_the_peoples_congress() -> None:
    def codes(text: str) -> list[tuple[str, str]]:
        return [(f.code, f.text) for f in check_text(text) if f.code.startswith("wording")]

    assert ("wording.zhengxie-yian", "议案") in codes("全区政协委员积极撰写提案，共提交议案120件。")
    assert ("wording.weiyuan-shenyi", "审议") in codes("委员王明同志在全体会议期间审议了政府工作报告。")
    assert codes("区政协主席列席区人大常委会会议，听取议案办理情况。") == []
    assert codes("办理区政协提案95件，全区办结行政复议案件120件。") == []


def test_cli_check_reads_a_text_saved_as_gbk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from report_writer.cli import main

    path = tmp_path / "旧稿.txt"  # what Notepad and WPS save on older Chinese Windows
    path.write_bytes("示例区政协2024年工作回眸\n\n委员们深刻把握把握精神实质，再接再励。".encode("gbk"))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "「把握」" in out and "「励」" in out


def test_last_years_figure_named_with_its_year_is_not_this_years() -> None:
    context = Context(2024, [])
    text = "2023年，区政协共收到提案268件。\n2024年，区政协共收到提案270件。\n"
    assert not [f for f in check_text(text, ProofConfig(), context) if f.code == "figure.inconsistent"]
    text = "全年收到提案268件。\n2024年，区政协共收到提案270件。\n"
    found = [f.text for f in check_text(text, ProofConfig(), context) if f.code == "figure.inconsistent"]
    assert found == ["268件", "270件"]
