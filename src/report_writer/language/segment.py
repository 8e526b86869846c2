"""jieba set up for this domain: our 政协 user dictionary, a cache in the per-user folder, loaded once
(thread-safe) so the GUI can load it on a background thread after the window is shown."""

from __future__ import annotations

import functools
import logging
import math
import threading
from collections.abc import Sequence
from typing import Any

from report_writer import paths
from report_writer.language.config import resource_lines

POLICY_WORD_FREQ = 1000  # newer policy terms jieba's 2013 dictionary lacks
_lock = threading.Lock()
_tokenizer: Any = None


def tokenizer() -> Any:
    """The jieba Tokenizer with our dictionary (about 0.5–1 s the first time, then instant)."""
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            instance = jieba.Tokenizer()
            cache_dir = paths.user_data_dir() / "cache"
            cache_dir.mkdir(parents=True, exist_ok=True)
            instance.tmp_dir = str(cache_dir)
            instance.initialize()
            for line in (*resource_lines("userdict.txt"), *resource_lines("gongwen_vocab.txt")):
                word, *rest = line.split()
                instance.add_word(word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None)
            from report_writer.language.checks_slips import slip_table

            right_forms = {slip.right for slip in slip_table().values() if not slip.right[-1:].isdigit()}
            for word in resource_lines("policy_vocab.txt"):
                if (instance.FREQ.get(word) or 0) < POLICY_WORD_FREQ:
                    instance.add_word(word, POLICY_WORD_FREQ)
            for word in sorted(right_forms):  # the correct forms of the slip table are common words
                if (instance.FREQ.get(word) or 0) < POLICY_WORD_FREQ:
                    instance.add_word(word, POLICY_WORD_FREQ)
            _tokenizer = instance
    return _tokenizer


def is_loaded() -> bool:
    return _tokenizer is not None


def tokens(text: str) -> list[tuple[str, int, int]]:
    return list(tokenizer().tokenize(text, HMM=False))


def word_frequency(word: str) -> int:
    return int(tokenizer().FREQ.get(word, 0) or 0)


# Words every review is full of: they say nothing about what a section is about.
_FILLER_WORDS = (
    "工作 开展 推动 推进 加强 持续 不断 积极 全面 深入 进一步 围绕 坚持 组织 召开 提出 "
    "提升 形成 有效 重要 各项 一批 相关 全年 今年 去年 一年 以来 方面 情况 问题 建议 "
    "意见 我们 他们 共同 充分 切实 扎实 认真 主动 广泛 深化 强化 完善 发挥 作用 落实 "
    "服务 活动 参加 参与 通过 进行 实现 取得 成效 聚焦 "
)
_FILLER = frozenset(_FILLER_WORDS.split())


@functools.lru_cache(maxsize=256)  # a re-check after one edit segments only the section edited
def _content_words(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in tokenizer().cut(text, HMM=False):
        if len(word) < 2 or word in _FILLER or not all("\u4e00" <= char <= "\u9fff" for char in word):
            continue
        counts[word] = counts.get(word, 0) + 1
    return counts


def section_keywords(texts: Sequence[str], top: int = 5) -> list[list[str]]:
    """Key terms of each section of a report, for the outline's tooltip: how often a word occurs in the
    section, weighed by how rare it is in the dictionary (jieba's counts stand in for document frequency,
    so no separate IDF table — that one cost 116 MB) and by how few of the report's sections use it (政协,
    委员 run through every section of a review and tell one section from another not at all)."""
    segmenter = tokenizer()
    total = float(segmenter.total)
    frequency = segmenter.FREQ
    counted = [_content_words(text) for text in texts]
    in_sections: dict[str, int] = {}
    for counts in counted:
        for word in counts:
            in_sections[word] = in_sections.get(word, 0) + 1
    sections = len(counted)

    def weight(counts: dict[str, int], word: str) -> float:
        rarity = math.log(total / max(1, int(frequency.get(word) or 0)))
        return counts[word] * rarity * math.log(1 + sections / in_sections[word])

    return [sorted(counts, key=lambda word: (-weight(counts, word), word))[:top] for counts in counted]


_NOT_IN_A_NAME = "的地得和与及在对为是了各等把被将向从"
_CLAUSE_MARKS = "，。；！？、：（）“”《》\n "


def word_around(text: str, start: int, end: int, longest: int = 4) -> str:
    """The word a flagged character belongs to, to offer for 加入词表: the segmenter's word over it, or,
    where the segmenter breaks an unknown name into single characters (宪|廷|池), that run of them."""
    clause_start = max((text.rfind(mark, 0, start) for mark in _CLAUSE_MARKS), default=-1) + 1
    clause_end = min(
        (i for i in (text.find(mark, end) for mark in _CLAUSE_MARKS) if i >= 0), default=len(text)
    )
    clause = text[clause_start:clause_end]
    spans: list[tuple[int, int]] = []
    position = clause_start
    for word in tokenizer().cut(clause, HMM=False):
        spans.append((position, position + len(word)))
        position += len(word)
    covering = [i for i, (a, b) in enumerate(spans) if a < end and b > start]
    if not covering:
        return text[start:end]
    first, last = covering[0], covering[-1]
    if spans[last][1] - spans[first][0] == 1:  # a lone character: gather the lone ones beside it

        def lone(i: int) -> bool:
            a, b = spans[i]
            return b - a == 1 and text[a] not in _NOT_IN_A_NAME and "\u4e00" <= text[a] <= "\u9fff"

        while first > 0 and lone(first - 1) and spans[last][1] - spans[first - 1][0] <= longest:
            first -= 1
        while last + 1 < len(spans) and lone(last + 1) and spans[last + 1][1] - spans[first][0] <= longest:
            last += 1
    return text[spans[first][0] : spans[last][1]]
