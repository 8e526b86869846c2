"""The table of classic slips: every row is found in a sentence of 政协 prose with its correction, and
the correct form of the same sentence gives no finding at all."""

from __future__ import annotations

import re

import pytest

from report_writer.language import segment
from report_writer.language.checks_context import Context
from report_writer.language.checks_slips import _matches, changed_part, slip_table
from report_writer.language.config import ProofConfig
from report_writer.language.proofread import check_text

ROWS = sorted(slip_table().values(), key=lambda slip: slip.wrong)


@pytest.fixture(scope="module", autouse=True)
def loaded_segmenter() -> None:
    segment.tokenizer()


def sentence(form: str) -> str:
    if form[-1:].isdigit():
        form += "24年底"
    return f"区政协委员在专题协商会上谈到{form}的事例，提出意见建议。"


def test_the_table_has_at_least_700_rows() -> None:
    assert len(ROWS) >= 700


@pytest.mark.parametrize("slip", ROWS, ids=[slip.wrong for slip in ROWS])
def test_every_row_is_found_with_its_correction_and_the_correct_form_is_clean(slip) -> None:  # type: ignore[no-untyped-def]
    context = Context(2024, ["示例区政协"])
    wrong = sentence(slip.wrong)
    everything = check_text(wrong, ProofConfig(), context)
    findings = [f for f in everything if f.code.startswith("slip.")]
    assert len(findings) == 1, findings
    finding = findings[0]
    phrase = range(wrong.index(slip.wrong), wrong.index(slip.wrong) + len(slip.wrong))
    # one underline for the phrase: no typo guess beside the table's certain fix (高屋建领: not 屋 too)
    assert not [f for f in everything if f is not finding and f.start in phrase], everything
    fixed = wrong[: finding.start] + (finding.suggestion or "") + wrong[finding.end :]
    assert fixed == sentence(slip.right)
    assert check_text(sentence(slip.right), ProofConfig(), context) == []


def test_the_changed_part_only_is_underlined() -> None:
    assert changed_part("再接再励", "再接再厉") == (3, 4, "厉")
    assert changed_part("截止到目前", "截至目前") == (1, 3, "至")


def test_a_whitelisted_form_and_a_disabled_family_are_not_reported() -> None:
    text = sentence("再接再励")
    assert not check_text(text, ProofConfig(whitelist={"再接再励"}), Context(2024, []))
    assert not [
        f
        for f in check_text(text, ProofConfig(disabled={"slip"}), Context(2024, []))
        if f.code.startswith("slip")
    ]


def test_forms_are_found_as_one_alternation_of_them_longest_first_would_find_them() -> None:
    forms = sorted(slip_table(), key=len, reverse=True)
    plain = re.compile("|".join(map(re.escape, forms)))
    texts = [
        "".join(forms),  # every form against the next: overlaps, forms inside forms
        "".join(form + form[:-1] for form in forms),
        "".join(form[1:] + form for form in reversed(forms)),
        "，".join(forms),
        sentence("再接再励") + sentence("截止到目前") + "截止",
        "",
    ]
    for text in texts:
        expected = [(match.start(), match.group()) for match in plain.finditer(text)]
        assert list(_matches(text)) == expected
    assert len(list(_matches(texts[3]))) == len(forms)
