"""Proofreading on published official prose: what an editor would call correct must not be flagged
(sentences written by us in the register of a 政协 review), while the real slips are still found."""

from __future__ import annotations

import pytest

from report_writer.language import segment
from report_writer.language.checks_context import Context
from report_writer.language.config import ProofConfig
from report_writer.language.proofread import check_text


@pytest.fixture(scope="module", autouse=True)
def loaded_segmenter() -> None:
    segment.tokenizer()


def found(text: str, year: int = 2025) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in check_text(text, ProofConfig(), Context(year, ["示例区政协"]))]


@pytest.mark.parametrize(
    "text",
    [
        "区政协党组会议传达学习习近平总书记重要讲话精神。",
        "上海市市长在开幕会上作报告。",
        "办好中国国际进口博览会，拓展区区结对合作。",
        "今年是“十五五”开局之年，委员们围绕“十五五”规划建言。",
        "区政协常委会会议协商议题，等等。",
        "强化食品药品安全全链条监管，确保社会生机勃勃又井然有序。",
        "深入践行“八八战略”，实现县县通高速。",
        "委员们视察焦化化产精深加工项目，参加徽学学术研讨会。",  # short forms of two lone characters
    ],
)
def test_repeated_character_across_words_is_no_slip(text: str) -> None:
    assert not [f for f in found(text) if f[0].startswith("doubled")]


@pytest.mark.parametrize(
    ("text", "slip"),
    [
        ("团结引导各界人士深刻把握把握精神实质。", ("doubled.word", "把握")),
        ("根据居住地和和工作领域划入联络站。", ("doubled.char", "和")),
        ("开展面对面对面协商活动。", ("doubled.word", "面对")),
        ("这是委员们的的心声。", ("doubled.char", "的")),
        ("我们们要再接再厉。", ("doubled.char", "们")),
        ("委员们要推动动高质量发展。", ("doubled.char", "动")),
        ("各界人士到处都是活跃跃的身影。", ("doubled.char", "跃")),
    ],
)
def test_real_doubled_slips_are_still_found(text: str, slip: tuple[str, str]) -> None:
    assert slip in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "深刻汲取孙某骋、王某霞严重违纪违法案件教训。",  # a list of names
        "加快杭淳开高速公路、沈白高铁建设。",  # the short forms before a road or railway
        "一体推进不敢腐、不能腐、不想腐。",  # parallel items
        "完善主责主业管理，提速提效，知责担责。",  # parallel coinages
    ],
)
def test_names_and_parallel_coinages_are_left_alone(text: str) -> None:
    assert not [f for f in found(text) if f[0].startswith("typo")]


def test_a_term_written_again_elsewhere_is_the_writers_term() -> None:
    text = "推动服务业扩能提质。\n\n实施制造业扩能工程，推动商贸扩能升级。"
    assert not [f for f in found(text) if f[0].startswith("typo")]


def test_a_slip_in_a_parallel_idiom_is_still_found() -> None:
    assert ("typo.confusion", "拆") in found("各项制度不拆不扣执行到位。")


@pytest.mark.parametrize(
    "text",
    [
        "全体委员绵绵用力、久久为功，办成一桩桩实事，提交一份份提案。",
        "满意度节节攀升，巍巍山峦间脉脉温情。",
        "会上，张婷婷委员、黄菁菁委员分别作交流发言。",
        "王芳芳同志、欧阳娜娜委员参加调研。",
        "会上，刘丹丹委员、黄菁菁副主席分别讲话。",
        "委员们走进嘎嘎村开展协商。",
    ],
)
def test_reduplicated_words_and_doubled_given_names_are_no_slips(text: str) -> None:
    assert not [f for f in found(text) if f[0].startswith("doubled")]


def test_a_doubled_character_inside_the_writers_own_word_is_left_alone() -> None:
    text = "黄菁婷委员作发言，黄菁菁委员作补充。"
    config = ProofConfig(whitelist={"黄菁菁"})
    findings = check_text(text, config, Context(2025, ["示例区政协"]))
    assert not [f for f in findings if f.code.startswith("doubled")]


@pytest.mark.parametrize(
    ("text", "slip"),
    [
        ("关于于做好委员联络工作的通知。", ("doubled.char", "于")),  # 关 is a surname, 于 no given name
        ("会上由王芳芳同志同志作说明。", ("doubled.word", "同志")),
    ],
)
def test_a_doubled_character_after_a_surname_like_character_can_still_be_a_slip(
    text: str, slip: tuple[str, str]
) -> None:
    assert slip in found(text)
