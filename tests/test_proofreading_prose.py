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
