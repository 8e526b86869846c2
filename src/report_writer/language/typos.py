"""错别字: a character that stands alone in the segmentation, and that a sound- or shape-alike
character would join into a known word, is flagged when the best segmentation of its neighbourhood
becomes much more probable with the substitute (jieba's unigram word frequencies).

Confusion sets derived from ECSpell (MIT), see resources/proofreading/confusion.txt. Measured on
ECSpell's odw.train by benchmarks/eval_proofreading.py.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import cache

from report_writer.language import segment
from report_writer.language.config import ProofConfig, resource_lines
from report_writer.language.findings import Finding

WINDOW = 4  # characters either side whose segmentation is compared
THRESHOLD = 8.0  # natural-log gain needed to flag: chosen for few false alarms (see the evaluation)
MIN_WORD_FREQ = 50  # the word the substitute forms must be at least this common
MAX_WORD = 8


@cache
def confusion() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in resource_lines("confusion.txt"):
        char, _, alikes = line.partition("\t")
        table[char] = alikes
    return table


def _best_route(text: str, freq: dict[str, int], log_total: float) -> float:
    """Log-probability of the most probable segmentation of `text`."""
    n = len(text)
    best = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        score = -math.inf
        for j in range(i + 1, min(n, i + MAX_WORD) + 1):
            count = freq.get(text[i:j])
            if count or j == i + 1:
                score = max(score, math.log(count or 1) - log_total + best[j])
        best[i] = score
    return best[0]


WILDCARD = "\x00"


@cache
def wildcard_index() -> dict[str, str]:
    """For every common word of 2–4 characters and every position in it, the word with that
    character replaced by a wildcard -> the characters that complete it (built once, ~0.5 s)."""
    index: dict[str, set[str]] = {}
    for word, count in segment.tokenizer().FREQ.items():
        if count >= MIN_WORD_FREQ and 2 <= len(word) <= 4:
            for position, char in enumerate(word):
                index.setdefault(word[:position] + WILDCARD + word[position + 1 :], set()).add(char)
    return {key: "".join(chars) for key, chars in index.items()}


def _word_forming(text: str, index: int) -> set[str]:
    """Characters that, put at `index`, make a common word with their neighbours."""
    found: set[str] = set()
    table = wildcard_index()
    for length in (2, 3, 4):
        for start in range(max(0, index - length + 1), min(index, len(text) - length) + 1):
            found.update(table.get(text[start:index] + WILDCARD + text[index + 1 : start + length], ""))
    return found


def warm_up() -> None:
    """Load the segmenter and build the index (the GUI calls this on a background thread)."""
    wildcard_index()
    confusion()


def typos(text: str, config: ProofConfig) -> Iterator[Finding]:
    tokenizer = segment.tokenizer()
    freq = tokenizer.FREQ
    log_total = math.log(tokenizer.total)
    table = confusion()
    protected = [False] * len(text)
    for word in config.whitelist:
        start = text.find(word)
        while start >= 0:
            for i in range(start, start + len(word)):
                protected[i] = True
            start = text.find(word, start + 1)
    depth = 0  # inside quotation marks or title marks stand names and slogans: not checked
    for index, char in enumerate(text):
        if char in "“‘《":
            depth += 1
        elif char in "”’》" and depth:
            depth -= 1
        if depth:
            protected[index] = True
    for word, start, end in tokenizer.tokenize(text, HMM=False):
        if end - start != 1 or protected[start] or word not in table:
            continue
        low, high = max(0, start - WINDOW), min(len(text), start + WINDOW + 1)
        base = _best_route(text[low:high], freq, log_total)
        best: tuple[float, str] | None = None
        for substitute in _word_forming(text, start).intersection(table[word]):
            gain = _best_route(text[low:start] + substitute + text[start + 1 : high], freq, log_total) - base
            if gain > THRESHOLD and (best is None or gain > best[0]):
                best = (gain, substitute)
        if best is not None:
            yield Finding("typo.confusion", "warning", start, end, f"“{word}”可能是错别字，是否应为“{best[1]}”？",
                          best[1], word, extra={"score": round(best[0], 1)})
