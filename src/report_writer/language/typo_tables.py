"""The typo check's tables: which characters look or sound alike (ECSpell's confusion sets and our own
shape-alike table), and indexes over the common words of 2–4 characters that tell, for a word with one
character left open, which characters complete it and how common the result is. Built once per process
(the checking process's warm-up), shared by every check."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from operator import itemgetter

from report_writer.language import segment
from report_writer.language.config import resource_lines

MIN_WORD_FREQ = 50  # the word the substitute forms must be at least this common
INDEXED_LENGTHS = (2, 3, 4)  # word lengths the substitute may complete
WILDCARD = "\x00"


@cache
def confusion() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for line in resource_lines("confusion.txt"):
        char, _, alikes = line.partition("\t")
        table[char] = set(alikes)
    for group in resource_lines("shape_alikes.txt"):  # our own table of common shape slips (白/自, 目/日)
        for char in group:
            table.setdefault(char, set()).update(other for other in group if other != char)
    return {char: frozenset(alikes) for char, alikes in table.items()}


# The indexes below list what completes a word commonest first, with the log of the word's count: a
# check scans them only while the word could still lift the text to the floor (most lookups stop at
# the first entry), and the counts are not looked up again in the whole dictionary.
Completions = tuple[str, tuple[float, ...]]  # the characters, and the log count of each one's word


@cache
def _common_words() -> dict[str, float]:
    """Every common word of 2–4 characters -> the log of its count, commonest first (ties in code
    order): indexes filled in this order list each key's completions commonest first unsorted. Built
    once; the indexes share the floats."""
    words = [
        (word, math.log(count))
        for word, count in segment.tokenizer().FREQ.items()
        if count >= MIN_WORD_FREQ and len(word) in INDEXED_LENGTHS
    ]
    words.sort()
    words.sort(key=itemgetter(1), reverse=True)  # stable: equal counts stay in code order
    return dict(words)


def _completions(entries: Iterable[tuple[str, str, float]]) -> dict[str, Completions]:
    """(key, character, log count), commonest first -> key -> its characters and their log counts."""
    index: dict[str, dict[str, float]] = {}
    for key, char, logged in entries:
        index.setdefault(key, {})[char] = logged
    return {key: ("".join(found), tuple(found.values())) for key, found in index.items()}


@cache
def pair_index() -> dict[str, Completions]:
    """First character of every common two-character word -> the characters that follow it (a small
    table: looking each word up in the whole dictionary costs more)."""
    return _completions(
        (word[0], word[1], logged) for word, logged in _common_words().items() if len(word) == 2
    )


@cache
def wildcard_index() -> dict[str, Completions]:
    """For every common word of 2–4 characters and every position in it, the word with that
    character replaced by a wildcard -> the characters that complete it (built once, ~0.2 s)."""
    return _completions(
        (word[:position] + WILDCARD + word[position + 1 :], char, logged)
        for word, logged in _common_words().items()
        for position, char in enumerate(word)
    )


@cache
def pair_heads() -> dict[str, Completions]:
    """Every character of the confusion table -> its alikes that begin a common two-character word, with
    the log count of the commonest word each begins."""
    table = pair_index()
    ranked = sorted(table, key=lambda head: (-table[head][1][0], head))
    rank = {head: place for place, head in enumerate(ranked)}
    result = {}
    for char, alikes in confusion().items():
        ordered = sorted(rank.keys() & alikes, key=rank.__getitem__)
        result[char] = ("".join(ordered), tuple([table[head][1][0] for head in ordered]))
    return result


@cache
def _pair_bits() -> tuple[dict[str, int], dict[str, int], str, dict[str, int]]:
    """word_alternatives' pairs as bit sets (a check meets hundreds of words, each asking about every
    alike of its first character): every character that ends a common pair has a bit (the commonest
    the lowest); each character of the confusion table -> the bits of its alikes; the first character of
    every common pair -> the bits of the characters that follow it. And the characters by bit, and the
    bit of each."""
    pairs = pair_index()
    ends = Counter(tail for tails, _logs in pairs.values() for tail in tails)
    chars = "".join(sorted(ends, key=lambda char: (-ends[char], char)))
    bit = {char: place for place, char in enumerate(chars)}

    def bits(members: Iterable[str]) -> int:
        found = bytearray((len(chars) + 7) // 8)
        for member in members:
            place = bit.get(member)
            if place is not None:
                found[place >> 3] |= 1 << (place & 7)
        return int.from_bytes(found, "little")

    alikes = {char: bits(others) for char, others in confusion().items()}
    return alikes, {head: bits(tails) for head, (tails, _logs) in pairs.items()}, chars, bit


@lru_cache(maxsize=65536)
def word_alternatives(word: str) -> tuple[str, ...]:
    """The common words of the same length that sound- or shape-alikes make of a two-character word,
    one character changed or both (暴涨 -> 保障)."""
    table, wildcards, nothing = confusion(), wildcard_index(), frozenset[str]()
    found: set[str] = set()
    completions = wildcards.get(WILDCARD + word[1])
    if completions is not None:
        found.update([alike + word[1] for alike in table.get(word[0], nothing).intersection(completions[0])])
    completions = wildcards.get(word[0] + WILDCARD)
    if completions is not None:
        found.update([word[0] + alike for alike in table.get(word[1], nothing).intersection(completions[0])])
    alike_bits, tail_bits, chars, _places = _pair_bits()
    second = alike_bits.get(word[1], 0)
    if second:
        for head in pair_heads().get(word[0], ("", ()))[0]:  # the alikes that begin a common pair
            both = tail_bits[head] & second
            while both:
                lowest = both & -both
                found.add(head + chars[lowest.bit_length() - 1])
                both ^= lowest
    found.discard(word)
    return tuple(sorted(found))


@lru_cache(maxsize=65536)
def commoner_alternatives(word: str) -> tuple[str, ...]:
    """word_alternatives that are commoner than the word itself: what word_swaps asks for, remembered
    (it meets the same words sentence after sentence). Found directly rather than by filtering
    word_alternatives, in one pass over the pair bit sets, the written characters' own bits among
    their alikes', and with the counts of the small table of common words, not the whole dictionary:
    a fresh process's first check computes this for some 600 words (2.5 times faster: 28 -> 11 ms)."""
    count = segment.tokenizer().FREQ.get(word) or 0
    # a common word's log count above this: a commoner word (log keeps the order of whole counts)
    floor = math.log(count) if count else -math.inf
    logs = _common_words()
    alike_bits, tail_bits, chars, places = _pair_bits()
    first, second = word[0], word[1]
    place = places.get(second)
    tails = alike_bits.get(second, 0) | (1 << place if place is not None else 0)
    heads = pair_heads().get(first, ("", ()))[0]  # the alikes that begin a common pair …
    if first in tail_bits and first not in heads:
        heads += first  # … and the written character, if it does
    found = []
    for head in heads:
        both = tail_bits[head] & tails
        while both:
            lowest = both & -both
            both ^= lowest
            other = head + chars[lowest.bit_length() - 1]
            if logs[other] > floor and other != word:
                found.append(other)
    found.sort()
    return tuple(found)
