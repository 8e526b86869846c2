"""The machinery that makes a check fast must not change what it finds: the typo check works
sentence by sentence and remembers sentences and paragraphs; these tests hold its results to the
plain computation (no timings here: those are in benchmarks/speed_proofreading.py)."""

from __future__ import annotations

import math

import pytest

from report_writer.language import context_model, names, proofread, segment, typos
from report_writer.language.checks_context import Context
from report_writer.language.config import ProofConfig
from report_writer.language.proofread import check_text

# Written for these tests: sentences with a slip (能历 for 能力), a list of names, a quotation with a
# sentence mark inside it.
PARAGRAPH = (
    "区政协围绕“深化改革。扩大开放”主题开展协商，提出意见建议。"
    "委员们建议提高最低生活保障标准，努力提高履职能历；"
    "孙春兰、刘明、赵立新等委员参加调研！全年共办理提案120件。"
)


@pytest.fixture(autouse=True)
def nothing_remembered() -> None:
    segment.tokenizer()
    proofread.forget()


def _reference_routes(text: str) -> tuple[list[float], list[float], list[tuple[int, int]]]:
    """The unigram routes computed the plain way, from jieba's DAG over the whole text."""
    tokenizer = segment.tokenizer()
    freq, log_total, n = tokenizer.FREQ, math.log(tokenizer.total), len(text)
    words: list[list[tuple[int, float]]] = []
    for start, lasts in sorted(tokenizer.get_DAG(text).items()):
        edges = [(last + 1, math.log(freq.get(text[start : last + 1]) or 1) - log_total) for last in lasts]
        if lasts[0] != start:
            edges.append((start + 1, math.log(freq.get(text[start]) or 1) - log_total))
        words.append(edges)
    after = [0.0] * (n + 1)
    for start in range(n - 1, -1, -1):
        after[start] = max(score + after[end] for end, score in words[start])
    before = [0.0] + [-math.inf] * n
    for start in range(n):
        for end, score in words[start]:
            before[end] = max(before[end], before[start] + score)
    cuts, start = [], 0
    while start < n:
        end = max(words[start], key=lambda edge: (edge[1] + after[edge[0]], edge[0]))[0]
        cuts.append((start, end))
        start = end
    return before, after, cuts


def test_routes_equal_the_plain_computation() -> None:
    routes = typos._Routes(PARAGRAPH)
    before, after, cuts = _reference_routes(PARAGRAPH)
    assert routes.before == before and routes.after == after
    assert list(routes.segmentation()) == cuts


def test_routes_segment_as_jieba_does() -> None:
    sentence = "委员们建议提高最低生活保障标准，完善社会救助体系"
    jieba_words = [word for word, _start, _end in segment.tokens(sentence)]
    assert [sentence[s:e] for s, e in typos._Routes(sentence).segmentation()] == jieba_words


def test_sentence_marks_are_in_no_dictionary_word() -> None:
    marks = typos.SENTENCE_MARKS
    assert not [w for w, c in segment.tokenizer().FREQ.items() if c and len(w) > 1 and set(w) & set(marks)]
    parts = list(typos.sentences(PARAGRAPH))
    assert "".join(part for _offset, part in parts) == PARAGRAPH
    assert [offset for offset, _part in parts] == [PARAGRAPH.index(part) for _offset, part in parts]
    assert len(parts) == 5  # the 。 inside the quotation ends a sentence too


def test_sentence_by_sentence_gains_equal_the_whole_paragraph() -> None:
    """Gains computed per sentence equal those over the whole paragraph (up to rounding)."""
    whole = typos._Routes(PARAGRAPH)
    index = PARAGRAPH.index("能历") + 1
    alikes = typos.confusion()[PARAGRAPH[index]]
    offset = next(o for o, part in typos.sentences(PARAGRAPH) if o <= index < o + len(part))
    part = next(p for o, p in typos.sentences(PARAGRAPH) if o == offset)
    alone = typos._Routes(part)
    expected, got = whole.gains(index, alikes, 0.0), alone.gains(index - offset, alikes, 0.0)
    assert expected.keys() == got.keys() and expected
    assert all(abs(expected[k] - got[k]) < 1e-6 for k in expected)


def _old_protected(text: str) -> list[bool]:
    """The quotation rule as a character loop: inside “” ‘’ 《》 is protected, the opening mark too."""
    protected, depth = [False] * len(text), 0
    for index, char in enumerate(text):
        if char in "“‘《":
            depth += 1
        elif char in "”’》" and depth:
            depth -= 1
        if depth:
            protected[index] = True
    return protected


@pytest.mark.parametrize(
    "text",
    [
        "开展“小微协商”活动",
        "学习《关于“十五五”规划的建议》精神",
        "”开头多余的引号“没有闭合的引号",
        "“‘《》’”",
        "",
    ],
)
def test_quotations_are_protected_as_before(text: str) -> None:
    got = typos.protected_positions(text, ProofConfig())
    quoted = _old_protected(text)
    assert all(bool(got[i]) or not quoted[i] for i in range(len(text)))
    # nothing outside the quotations is protected by the quotation rule (no names in these texts)
    assert [bool(x) for x in got] == quoted


def test_a_long_paragraph_edited_in_one_sentence_is_checked_in_that_sentence_only() -> None:
    context = Context(2024, ["示例区政协"])
    first = check_text(PARAGRAPH, ProofConfig(), context)
    assert ("typo.confusion", "历") in [(f.code, f.text) for f in first]
    checked = typos._sentence_flagged.cache_info().misses
    edited = PARAGRAPH.replace("全年共办理提案120件。", "全年共办理提案125件。")
    second = check_text(edited, ProofConfig(), context)
    assert typos._sentence_flagged.cache_info().misses == checked + 1  # only the edited sentence
    proofread.forget()
    assert [f.to_json() for f in second] == [f.to_json() for f in check_text(edited, ProofConfig(), context)]


def test_remembered_paragraphs_follow_the_settings() -> None:
    context = Context(2024, ["示例区政协"])
    assert ("typo.confusion", "历") in [
        (f.code, f.text) for f in check_text(PARAGRAPH, ProofConfig(), context)
    ]
    allowed = check_text(PARAGRAPH, ProofConfig(whitelist={"能历"}), context)
    assert "历" not in [f.text for f in allowed]
    switched_off = check_text(PARAGRAPH, ProofConfig(disabled={"typo"}), context)
    assert not [f for f in switched_off if f.code.startswith("typo")]


def test_the_tagger_runs_only_where_a_listed_name_could_cover_a_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    windows: list[str] = []
    tagged = names._tagged
    monkeypatch.setattr(names, "_tagged", lambda text: (windows.append(text), tagged(text))[1])
    in_list = PARAGRAPH.index("春兰")
    far_from_list = PARAGRAPH.index("办理")
    spans = list(names.name_spans(PARAGRAPH, [in_list]))
    assert windows and any(start <= in_list < end for start, end in spans)
    windows.clear()
    list(names.name_spans(PARAGRAPH, [far_from_list]))
    assert windows == []


def _plain_word_alternatives(word: str) -> tuple[str, ...]:
    """Every common two-character word the alikes of one or both characters make, the plain way."""
    table, common = typos.confusion(), typos._common_words()
    first, second = table.get(word[0], frozenset()) | {word[0]}, table.get(word[1], frozenset()) | {word[1]}
    found = {head + tail for head in first for tail in second if len(head + tail) == 2}
    return tuple(sorted(w for w in found if w in common and w != word))


@pytest.mark.parametrize("word", ["暴涨", "悔意", "会议", "能历", "提质", "政协", "的的", "ab"])
def test_word_alternatives_equal_the_plain_computation(word: str) -> None:
    assert typos.word_alternatives(word) == _plain_word_alternatives(word)


@pytest.mark.parametrize(
    "word", ["暴涨", "悔意", "会议", "能历", "提质", "政协", "的的", "ab", "一级", "教室"]
)
def test_commoner_alternatives_are_the_plain_ones_commoner_than_the_word(word: str) -> None:
    freq = segment.tokenizer().FREQ
    count = freq.get(word) or 0
    plain = tuple(other for other in _plain_word_alternatives(word) if freq[other] > count)
    assert typos.commoner_alternatives(word) == plain
    # no common word is commoner than these (nor made of "ab"); every other example has some
    assert bool(plain) == (word not in {"会议", "政协", "ab"})


def test_the_warm_up_prepares_the_commonest_words_word_swaps_asks_about(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(typos, "commoner_alternatives", asked.append)
    typos._prepare_word_swaps()
    freq = segment.tokenizer().FREQ
    counts = [freq[word] for word in asked]
    assert len(asked) == len(set(asked)) == typos.PREPARED_SWAP_WORDS
    assert all(typos._CJK_RUN.fullmatch(word) and len(word) == 2 for word in asked)
    assert counts == sorted(counts, reverse=True) and counts[0] <= context_model.SWAP_MAX_FREQ
    assert segment.POLICY_WORD_FREQ not in counts and counts[-1] >= typos.MIN_WORD_FREQ
