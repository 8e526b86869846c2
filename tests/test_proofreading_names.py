"""Names a 政协 review carries that no dictionary knows: the speaker's name on its own line, the hamlet
(X家坝), the platform named before its kind (…联络组, …委员工作室), a province by its one character.
Each case is first checked with the rule switched off, so the test shows the rule is what keeps it quiet."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from report_writer.language import names, proofread
from report_writer.language.checks_context import Context
from report_writer.language.config import ProofConfig
from report_writer.language.proofread import check_text

NEVER = re.compile("(?!)")


@pytest.fixture(autouse=True)
def fresh_memory() -> Iterator[None]:
    """Checks remember paragraphs: a result from a case with a rule switched off must not outlive it."""
    proofread.forget()
    yield
    proofread.forget()


def typo_texts(text: str) -> list[str]:
    return [f.text for f in check_text(text, ProofConfig(), Context(2025, [])) if f.code == "typo.confusion"]


@pytest.mark.parametrize(
    ("rule", "text", "name"),
    [
        ("SPEAKER", "（2025年1月10日）\n高侃然\n各位委员、同志们：\n我代表常务委员会报告工作。", "侃"),
        ("SPEAKER", "高侃望各位委员、同志们：\n我代表常务委员会报告工作。", "侃"),
        ("HAMLET", "村里在郭家湾召开会议。", "郭"),
        ("PLATFORM", "区政协经济委（作凤联络组）组织委员视察。", "凤"),
        ("PROVINCE", "加快建设陕电入鄂输电通道。", "陕"),
        ("PROVINCE", "推动优质农产品进京入津。", "津"),
        ("PROVINCE", "开展津派曲艺进社区活动。", "津"),
    ],
)
def test_a_name_of_its_kind_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, rule: str, text: str, name: str
) -> None:
    assert typo_texts(text) == []
    monkeypatch.setattr(names, rule, NEVER)
    proofread.forget()
    assert name in typo_texts(text)  # without the rule the name would be underlined


def test_a_slip_next_to_a_named_place_is_still_found() -> None:
    # the rules cover the name only, not the sentence around it
    assert typo_texts("清溪镇郭家湾院落开展协商，解决群众的实际困准。") == ["准"]


def test_the_word_offered_for_the_word_list_is_the_whole_name() -> None:
    from report_writer.language.segment import word_around

    text = "小院的侯侃然结束了一天的劳作。"
    assert word_around(text, text.index("侃"), text.index("侃") + 1) == "侯侃然"
    text = "在新征程上奋力前行，以高质量履职。"
    assert word_around(text, text.index("行"), text.index("行") + 1) == "前行"


def test_a_name_led_by_a_surname_before_a_role_is_left_alone() -> None:
    for text in ("会上，张婷婷委员、黄菁菁副主席分别讲话。", "会上，黄菁菁委员作交流发言。"):
        assert not [f for f in check_text(text) if f.code.startswith("typo")], text
