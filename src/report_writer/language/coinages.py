"""Coinages and names of policy prose that the typo check must not take for slips, found by the shape of
the text around them — never by a list of today's terms:

- a series of coined items in a list that share a character (尊商、重商、亲商、护商; 赣服通、赣政通、
  赣企通; 府院、府检): a writer who repeats the pattern means every item of it;
- the short name of a company, product or site before what it is (华熙生物, 中芯国际, 弘润石化,
  兴银投资, 朔门古港, 哈素海): the characters of a name are chosen, not slipped.

And how much evidence a typo needs (`needed_gain`): a substitute that only pairs up with one neighbour
(扩能提质 → 扩大) is what a coinage of bound morphemes looks like; one that completes a longer word
(大数局 → 大数据, 按步就班 → 按部就班) is what a slip looks like.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from report_writer.language import segment

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ITEM_SEPARATORS = "、，；：。！？\n（）()“”《》"
MAX_ITEM = 6  # list items longer than this are phrases, not coined names
KNOWN_NAME = 3  # a neighbour item ending (starting) in a dictionary word this long is a known name
# What follows the short name of a company, a product line or a site.
ENTITY_SUFFIX = re.compile(
    r"生物|信息|石化|化工|投资|新能源|能源|半导体|智能|传感|动力|电子|科技|集团|股份|公司|实业|控股|药业|"
    r"汽车|电气|重工|机械|装备|钢铁|材料|医药|制药|银行|证券|人寿|保险|基金|电力|核电|通信|光电|软件|"
    r"数据|物流|国际|工场|古港|遗址|保护区|湿地"
)
ENTITY_LENGTH = 4  # characters of a short name before its suffix
# A substitute that makes only a two-character word needs this much more gain than typos.THRESHOLD:
# tuned on odw.train's even lines with the official prose beside it (see the dev note of issue 9).
SHORT_WORD_EXTRA = 0.25


def _items(text: str, index: int) -> tuple[int, int]:
    """The list item around `index`: the run of text between separators."""
    start = index
    while start > 0 and text[start - 1] not in _ITEM_SEPARATORS:
        start -= 1
    end = index
    while end < len(text) and text[end] not in _ITEM_SEPARATORS:
        end += 1
    return start, end


def _neighbours(text: str, start: int, end: int) -> Iterator[str]:
    """The items before and after, when they are joined to this one by 、."""
    if start > 0 and text[start - 1] == "、":
        before_start, _ = _items(text, start - 2) if start >= 2 else (0, 0)
        yield text[before_start : start - 1]
    if end < len(text) and text[end] == "、":
        _, after_end = _items(text, end + 1)
        yield text[end + 1 : after_end]


def in_coined_series(text: str, index: int) -> bool:
    """True when the character's list item shares a character at the same place (from its start or
    from its end) with a neighbouring item of a 、-list, and that neighbour's matching piece is itself no
    dictionary word: a series of coinages (亲商、护商), not a list of names the dictionary knows
    (教育部、财政部, where a slip in 财正部 is still caught)."""
    freq = segment.tokenizer().FREQ
    start, end = _items(text, index)
    item = text[start:end]
    pieces = [(p, text[p : p + 2]) for p in {end - 2, start} if start <= p <= index < p + 2 <= end]
    for neighbour in _neighbours(text, start, end):
        if len(neighbour) > MAX_ITEM and len(item) > MAX_ITEM:
            continue
        for place, piece in pieces:
            at_end = place == end - 2
            other = neighbour[-2:] if at_end else neighbour[:2]
            # the neighbour's end (or start) that a dictionary word covers: 教育部 is a name, not a coinage
            known = any(
                freq.get(neighbour[-k:] if at_end else neighbour[:k])
                for k in range(KNOWN_NAME, len(neighbour) + 1)
            )
            if (
                len(other) == 2
                and re.fullmatch(r"[\u4e00-\u9fff]{2}", other)
                and _shared_place(piece, other)
                and not known
                and not freq.get(other)
                and not freq.get(piece)
            ):
                return True
        if _in_slot_before_shared_part(item, neighbour, index - start, freq):
            return True
    return False


def _in_slot_before_shared_part(item: str, neighbour: str, place: int, freq: dict[str, int]) -> bool:
    """The items end (or start) alike — 多劳者多得、技高者多得 — and the character stands in the one
    or two places before (after) the shared part, where the items differ; the neighbour's differing
    part with the shared one is no dictionary word (教育部、财正部 stays a slip)."""
    suffix = len(os.path.commonprefix([item[::-1], neighbour[::-1]]))
    prefix = len(os.path.commonprefix([item, neighbour]))
    shared = min(len(item), len(neighbour))
    before_suffix = 0 < suffix < shared and len(item) - suffix - 2 <= place < len(item) - suffix
    if before_suffix and not any(
        freq.get(neighbour[-k:]) for k in range(max(suffix + 1, KNOWN_NAME), len(neighbour) + 1)
    ):
        return True
    after_prefix = 0 < prefix < shared and prefix <= place < prefix + 2
    return after_prefix and not any(
        freq.get(neighbour[:k]) for k in range(max(prefix + 1, KNOWN_NAME), len(neighbour) + 1)
    )


def _shared_place(piece: str, other: str) -> bool:
    return piece != other and (piece[0] == other[0] or piece[1] == other[1])


def in_entity_name(text: str, index: int) -> bool:
    """True when the character is in the short name right before a company's, product's or site's
    kind (华[熙]生物, 中[芯]国际), and that name is no dictionary word with the suffix."""
    freq = segment.tokenizer().FREQ
    for match in ENTITY_SUFFIX.finditer(text, index + 1, index + ENTITY_LENGTH + 1):
        name = text[max(0, index - ENTITY_LENGTH + 1) : match.start()]
        if not name or not all(_CJK.fullmatch(char) for char in text[index : match.start()]):
            continue
        if any(freq.get(text[first : match.end()]) for first in range(max(0, index - 3), index + 1)):
            continue  # 新能源, 大数据: the characters make a word with the suffix
        return True
    return False


_FOUR = re.compile(r"[\u4e00-\u9fff]{4}")


def in_parallel_phrases(text: str, index: int) -> bool:
    """True when the character stands in one of two four-character phrases joined by 、 that share their
    second character (and maybe their third) but not their first nor their whole end: 深学细悟、真学笃用,
    知责于心、担责于身 — coined in parallel, every other character chosen to fit. Lists of kinds that end
    alike (民族地区、边疆地区) are not such phrases."""
    for mark in range(max(4, index - 4), min(len(text) - 4, index + 5)):
        if text[mark] != "、":
            continue
        left, right = text[mark - 4 : mark], text[mark + 1 : mark + 5]
        if not (_FOUR.fullmatch(left) and _FOUR.fullmatch(right)):
            continue
        shared = {place for place in range(4) if left[place] == right[place]}
        if 1 not in shared or 0 in shared or {2, 3} <= shared:
            continue
        for start in (mark - 4, mark + 1):
            if start <= index < start + 4 and index - start not in shared:
                return True
    return False


# Two verbs, each with the adverb that says how: 深学细悟, 真学实用, 勤思善谋 — the 政协 review's
# favourite coinage, every character chosen, none of it in a dictionary.
_HOW = "深细真实笃勤精常严善活快早广全准"
_VERBS = "学悟用思践行干做抓谋研判改促"
PAIRED_VERBS = re.compile(f"[{_HOW}][{_VERBS}][{_HOW}][{_VERBS}]")


def in_paired_verbs(text: str, index: int) -> bool:
    return any(
        PAIRED_VERBS.fullmatch(text, start, start + 4) for start in range(max(0, index - 3), index + 1)
    )


def left_alone(text: str, start: int, end: int, substitute: str, gain: float, threshold: float) -> bool:
    """Whether a typo candidate above the threshold is dropped: a substitute that only pairs up with a
    neighbour needs SHORT_WORD_EXTRA more gain and must not stand in a coined series or a short name."""
    if len(word_formed(text, start, end, substitute)) > 2:
        return False
    return (
        gain <= threshold + SHORT_WORD_EXTRA
        or in_coined_series(text, start)
        or in_entity_name(text, start)
        or in_parallel_phrases(text, start)
        or in_paired_verbs(text, start)
    )


def word_formed(text: str, start: int, end: int, substitute: str) -> str:
    """The longest dictionary word over the substituted characters once the substitute stands there."""
    freq = segment.tokenizer().FREQ
    fixed = text[:start] + substitute + text[end:]
    best = substitute
    for first in range(max(0, start - 7), start + 1):
        for last in range(start + len(substitute), min(len(fixed), first + 8) + 1):
            word = fixed[first:last]
            if len(word) > len(best) and freq.get(word):
                best = word
    return best
