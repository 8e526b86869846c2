"""错别字: a character is flagged when a sound- or shape-alike character would make the best
segmentation of the whole paragraph much more probable (jieba's unigram word frequencies plus our
vocabulary), i.e. when the substitute joins its neighbours into a common word that fits far better.

Characters that stand alone in the segmentation and characters of less common two-character words
are tried, and rare two-character words as a whole (two slips: 悔意 for 会议); common words are
trusted. Names are left alone: text inside quotation or title marks, places (…镇X村, X社区), the
person named after a title (主席X), companies (X新材料), the issuer code of a document number
(X政发〔2024〕), and short names of provinces (渝, 鄂).

Confusion sets derived from ECSpell (MIT), see resources/proofreading/confusion.txt. Measured on
ECSpell's odw.train by benchmarks/eval_proofreading.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from report_writer.language import coinages, context_model, names, segment
from report_writer.language.config import ProofConfig
from report_writer.language.findings import Finding
from report_writer.language.typo_protect import protected_positions
from report_writer.language.typo_tables import (  # noqa: F401  (the typo check's tables are this module's API too)
    INDEXED_LENGTHS,
    MIN_WORD_FREQ,
    WILDCARD,
    Completions,
    _common_words,
    _pair_bits,
    commoner_alternatives,
    confusion,
    pair_heads,
    pair_index,
    wildcard_index,
    word_alternatives,
)

THRESHOLD = 6.25  # natural-log gain needed to flag: tuned on odw.train's even lines (see the evaluation)
MAX_WORD = 8  # longest dictionary word the segmentation considers
LONG_WORD_MARGIN = 5.0  # alikes this far under the threshold are not tried in longer words
RARE_PAIR_FREQ = 300  # two-character words rarer than this may be two slips (悔意 for 会议)
PAIR_PENALTY = 3.0  # two slips in a row are less likely than one
TRUSTED_WORD_FREQ = 2000  # two-character words commoner than this are taken as written
TRUSTED_CHAR_FREQ = 100_000  # so are the commonest function characters standing alone (和, 的, 在, 是)


def warm_up() -> None:
    """Load the segmenter and build the index (the GUI calls this on a background thread)."""
    wildcard_index()
    pair_heads()
    confusion()
    names.warm_up()
    if context_model.available():  # maps the language model, when there is one
        _pair_bits()
        _prepare_word_swaps()


PREPARED_SWAP_WORDS = 8000  # rare two-character words whose commoner alternatives the warm-up finds


def _prepare_word_swaps() -> None:
    """The commoner alternatives of the commonest words word_swaps asks about (counts ~360–2,000): a fresh
    process's first check of 20,000 characters meets ~600 such words and would compute them all while
    the writer waits; these 8,000 are 56–64 % of the words the samples and the 政协 texts of
    corpus/import_dev meet (~100–140 ms of warm-up here, ~3 MB)."""
    freq = segment.tokenizer().FREQ
    prepared = 0
    for word in _common_words():  # commonest first
        count = freq[word]
        if (
            len(word) == 2
            and count <= context_model.SWAP_MAX_FREQ
            and count != segment.POLICY_WORD_FREQ
            and _CJK_RUN.fullmatch(word)
        ):
            commoner_alternatives(word)
            prepared += 1
            if prepared == PREPARED_SWAP_WORDS:
                return


# character of the dictionary -> (log p of it alone, True): the route's one lookup per character, from a
# table of at most its few thousand characters instead of the 500,000 words
_lone_characters: dict[str, tuple[float, bool]] = {}


def _masked_windows(text: str, index: int) -> list[tuple[int, int, str]]:
    """(start, length, text with a wildcard at the index) of every window of 2–4 characters (the
    INDEXED_LENGTHS) over the index: where an alike there could complete a word (written out: this runs
    for most characters)."""
    n, windows = len(text), []
    before = text[index - 1] if index >= 1 else ""
    after = text[index + 1] if index + 1 < n else ""
    if before:
        left = before + WILDCARD
        windows.append((index - 1, 2, left))
        if after:
            windows.append((index - 1, 3, left + after))
        if index >= 2:
            left = text[index - 2] + left
            windows.append((index - 2, 3, left))
            if after:
                windows.append((index - 2, 4, left + after))
            if index >= 3:
                windows.append((index - 3, 4, text[index - 3] + left))
    if after:
        right = WILDCARD + after
        windows.append((index, 2, right))
        if index + 2 < n:
            right += text[index + 2]
            windows.append((index, 3, right))
            if before:
                windows.append((index - 1, 4, before + right))
            if index + 3 < n:
                windows.append((index, 4, right + text[index + 3]))
    return windows


class _Routes:
    """Best segmentation scores of every prefix and suffix of a text (jieba's unigram model): the
    best segmentation with one character substituted is then the best, over the dictionary words w
    covering it, of before[start(w)] + log p(w) + after[end(w)]."""

    def __init__(self, text: str) -> None:
        tokenizer = segment.tokenizer()
        freq = tokenizer.FREQ
        self.text, self.freq, self.log_total = text, freq, math.log(tokenizer.total)
        n = len(text)
        log, log_total, get, lone = math.log, self.log_total, freq.get, _lone_characters
        # start -> the score of its character alone (which always fits) and the (end, log p) of the
        # longer words there (jieba's DAG); filled from the end so that the best route from every
        # start (`after`) and its first word (`ends`) come in the same pass. One dictionary lookup per
        # piece of text: the dictionary is large, and on a busy machine its lookups are what a check
        # waits for.
        alone = [0.0] * n
        longer: list[list[tuple[int, float]] | None] = [None] * n
        after = [0.0] * (n + 1)
        ends = [0] * n
        for start in range(n - 1, -1, -1):
            char = text[start]
            known = lone.get(char)
            if known is None:
                count = get(char)
                known = (log(count or 1) - log_total, count is not None)
                if count is not None:  # (only the dictionary's characters: the table stays small)
                    lone[char] = known
            score, is_prefix = known
            alone[start] = score
            best_value, best_end = score + after[start + 1], start + 1
            if is_prefix:  # the dictionary holds every prefix of its words
                edges = None
                end = start + 2
                while end <= n:
                    count = get(text[start:end])
                    if count is None:
                        break
                    if count:
                        score = log(count) - log_total
                        if edges is None:
                            edges = longer[start] = []
                        edges.append((end, score))
                        value = score + after[end]
                        if value >= best_value:  # ties go to the longer word, as in jieba's route
                            best_value, best_end = value, end
                    end += 1
            after[start], ends[start] = best_value, best_end
        before = [0.0] + [-math.inf] * n
        for start in range(n):
            reached = before[start]
            value = reached + alone[start]
            if value > before[start + 1]:
                before[start + 1] = value
            edges = longer[start]
            if edges is not None:
                for end, score in edges:
                    if reached + score > before[end]:
                        before[end] = reached + score
        self.before, self.after, self.best, self._ends = before, after, after[0], ends

    def segmentation(self) -> Iterator[tuple[int, int]]:
        """(start, end) of each word of the most probable segmentation, as jieba finds it."""
        start, ends = 0, self._ends
        while start < len(self.text):
            yield start, ends[start]
            start = ends[start]

    def gains(
        self, index: int, alikes: frozenset[str], floor: float, only_above: bool = False
    ) -> dict[str, float]:
        """How much more probable the text becomes with each alike that forms a common word at
        `index`. Alikes whose common words gain at least `floor` are also tried in every longer
        dictionary word over the index (工业互联网), which only the best few need. `only_above`: alikes
        that stay under `floor` are left out (for a caller that keeps only gains far above it)."""
        text, lookup, before, after = self.text, wildcard_index().get, self.before, self.after
        threshold = self.best + self.log_total + floor
        best: dict[str, float] = {}
        for start, length, key in _masked_windows(text, index):
            entry = lookup(key)
            if entry is None:
                continue
            reached, beyond = before[start], after[start + length]
            substitutes, logs = entry
            if only_above and reached + logs[0] + beyond < threshold:
                continue  # not even the commonest word of this window comes up to the floor
            for substitute, logged in zip(substitutes, logs, strict=True):
                total = reached + logged + beyond
                if total < threshold and only_above:
                    break  # the words after this one are rarer still
                if substitute in alikes and total > best.get(substitute, -math.inf):
                    best[substitute] = total
        for substitute, total in best.items():
            if total >= threshold:
                best[substitute] = self.best_total(index, substitute, total)
        return {substitute: total - self.log_total - self.best for substitute, total in best.items()}

    def best_total(self, index: int, substitute: str, total: float = -math.inf) -> float:
        """Score (without the common -log total) of the best segmentation with `substitute` in place
        of the text from `index` on: the best over every dictionary word covering it."""
        text, freq, before, after, log = self.text, self.freq, self.before, self.after, math.log
        n, after_substitute = len(text), index + len(substitute)
        for start in range(max(0, index - MAX_WORD + 1), index + 1):
            prefix = text[start:index]
            if prefix and prefix not in freq:  # the dictionary holds every prefix of its words
                continue
            word, end = prefix + substitute, after_substitute
            while word in freq:
                count = freq[word]
                if count and before[start] + log(count) + after[end] > total:
                    total = before[start] + log(count) + after[end]
                if end == n or end - start == MAX_WORD:
                    break
                word, end = word + text[end], end + 1
        return total

    def pair_gains(self, index: int, floor: float, only_above: bool = False) -> dict[str, float]:
        """Both characters of a rare two-character word (at `index`) replaced by alikes that make a
        common word (悔意 -> 会议): the gain of each such word (longer words over it tried from `floor` up).
        `only_above`: words whose gain stays under `floor` may be left out (for a caller that keeps
        only gains far above it: they can be neither the best nor close to it)."""
        table, second = pair_index(), confusion()[self.text[index + 1]]
        before, after = self.before[index], self.after[index + 2]
        threshold = self.best + self.log_total + floor
        gains: dict[str, float] = {}
        for head, commonest in zip(*pair_heads()[self.text[index]], strict=True):
            if only_above and before + commonest + after < threshold:
                break  # no word this alike (or any after it) begins comes up to the floor
            for tail, logged in zip(*table[head], strict=True):
                total = before + logged + after
                if only_above and total < threshold:
                    break
                if tail in second:
                    if total >= threshold:
                        total = self.best_total(index, head + tail, total)
                    gains[head + tail] = total - self.log_total - self.best
        return gains


# Marks no dictionary word holds (tests/test_proofreading_speed.py checks the dictionary with our word
# lists): the best segmentation of a paragraph is the best segmentation of its sentences one after
# another, so the typo check works (and remembers) sentence by sentence.
SENTENCE_MARKS = "。！？；\n"
_SENTENCE = re.compile(f"[^{SENTENCE_MARKS}]*[{SENTENCE_MARKS}]+|[^{SENTENCE_MARKS}]+")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) of a paragraph, the closing marks kept with their sentence."""
    for match in _SENTENCE.finditer(text):
        yield match.start(), match.group()


def candidates(
    text: str, config: ProofConfig, floor: float | None = None
) -> Iterator[tuple[int, int, str, float, float]]:
    """(start, end, best substitute, gain, its lead over the next alike) for every character, or rare
    two-character word, that alikes would improve; gains below `floor` (default: a margin under the
    threshold) may be underestimated. A two-character substitute carries PAIR_PENALTY in its gain."""
    floor = THRESHOLD - LONG_WORD_MARGIN if floor is None else floor
    protected = protected_positions(text, config)
    for offset, sentence in sentences(text):
        mask = bytes(protected[offset : offset + len(sentence)])
        for start, end, substitute, gain, margin in _sentence_candidates(sentence, mask, floor):
            yield start + offset, end + offset, substitute, gain, margin


def _sentence_candidates(
    text: str, protected: bytes, floor: float, only_above: bool = False, routes: _Routes | None = None
) -> Iterator[tuple[int, int, str, float, float]]:
    table = confusion()
    routes = _Routes(text) if routes is None else routes
    get = routes.freq.get
    start, ends, n = 0, routes._ends, len(text)
    while start < n:  # the words of the best segmentation (routes.segmentation(), written out)
        end = ends[start]
        word_start, start = start, end
        if end - word_start > 2:
            continue  # longer words are taken as written
        if end - word_start == 1:
            char = text[word_start]
            if protected[word_start] or char not in table or (get(char) or 0) > TRUSTED_CHAR_FREQ:
                continue
            gains = routes.gains(word_start, table[char], floor, only_above)
            if gains:
                substitute, gain = _best(gains)
                yield word_start, end, substitute, gain, _margin(gains)
            continue
        count = get(text[word_start:end]) or 0
        if count > TRUSTED_WORD_FREQ or count == segment.POLICY_WORD_FREQ:
            continue  # a common word, or a term of our policy vocabulary (调增, 找准): taken as written
        for index in (word_start, word_start + 1):
            char = text[index]
            if protected[index] or char not in table:
                continue
            gains = routes.gains(index, table[char], floor, only_above)
            if gains:
                substitute, gain = _best(gains)
                yield index, index + 1, substitute, gain, _margin(gains)
        if (
            count <= RARE_PAIR_FREQ
            and not protected[word_start]
            and not protected[end - 1]
            and text[word_start] in table
            and text[end - 1] in table
        ):
            gains = routes.pair_gains(word_start, floor + PAIR_PENALTY, only_above)
            if gains:
                substitute, gain = _best(gains)
                yield word_start, end, substitute, gain - PAIR_PENALTY, _margin(gains)


def _best(gains: dict[str, float]) -> tuple[str, float]:
    """The alike with the highest gain; of alikes tied for it, the last in code order (not the first met,
    which would hang on the order of a set, and so differ from process to process)."""
    return max(gains.items(), key=lambda item: (item[1], item[0]))


def _margin(gains: dict[str, float]) -> float:
    """How far the best alike is ahead of the next one (a clear winner is a confident suggestion)."""
    ranked = sorted(gains.values(), reverse=True)
    return ranked[0] - ranked[1] if len(ranked) > 1 else math.inf


@lru_cache(maxsize=32768)
def _sentence_flagged(
    sentence: str, protected: bytes, with_model: bool = False
) -> tuple[tuple[int, int, str, float, float], ...]:
    """The candidates of one sentence above the threshold, remembered: a long paragraph edited in one
    sentence is checked again in that sentence only. With the language model, candidates from its
    lower floor are kept too, and the model decides about them all (context_model)."""
    floor = THRESHOLD - LONG_WORD_MARGIN
    lowest = min(THRESHOLD, context_model.BOOST_FLOOR) if with_model else THRESHOLD
    # gains under the floor are never refined, so they can be neither the best of a flagged
    # character nor within CONFIDENT_MARGIN of it: the check may leave them out
    routes = _Routes(sentence)
    found = tuple(c for c in _sentence_candidates(sentence, protected, floor, True, routes) if c[3] > lowest)
    if with_model:
        found = tuple(c for c in found if _judged(sentence, c))
        taken = {i for c in found for i in range(c[0], c[1])}
        swaps = context_model.word_swaps(
            sentence, list(routes.segmentation()), protected, commoner_alternatives
        )
        found += tuple(c for c in swaps if not taken.intersection(range(c[0], c[1])))
    return found


def _judged(text: str, candidate: tuple[int, int, str, float, float]) -> bool:
    """The language model's say on a candidate: above the threshold, a flag it does not contradict;
    under it, one it backs strongly where the substitute completes a word longer than a pair."""
    start, end, substitute, gain, _ = candidate
    if gain > THRESHOLD:
        return not context_model.vetoes(text, start, end, substitute)
    length = len(coinages.word_formed(text, start, end, substitute))
    return context_model.boosts(text, start, end, substitute, length)


@lru_cache(maxsize=4096)
def _flagged(
    text: str, whitelist: frozenset[str], with_model: bool = False
) -> tuple[tuple[int, int, str, float, float], ...]:
    """The typos of one paragraph, remembered: while a writer types, the report is checked again
    and again, and only the paragraph being edited has changed."""
    protected = protected_positions(text, ProofConfig(whitelist=set(whitelist)))
    found = [
        (start + offset, end + offset, substitute, gain, margin)
        for offset, sentence in sentences(text)
        for start, end, substitute, gain, margin in _sentence_flagged(
            sentence, bytes(protected[offset : offset + len(sentence)]), with_model
        )
    ]
    if found:
        # the cheap rules first: the tagger (the slowest step of a check) then looks only at the clauses
        # of what is left, clauses cut as they would be for every flag (so its tags are the same)
        kept = [
            c
            for c in found
            if not names.parallel(text, c[0], c[2] if c[1] - c[0] == 1 else "")
            and not coinages.left_alone(text, c[0], c[1], c[2], c[3], THRESHOLD)
        ]
        named = [False] * len(text)
        if kept:
            wanted = {index for c in kept for index in range(c[0], c[1])}
            for start, end in names.name_spans(text, [c[0] for c in found], wanted):
                named[start:end] = [True] * (end - start)
        found = [c for c in kept if not any(named[c[0] : c[1]])]
    # a one-character finding inside a two-character suggestion says less (a set, not a scan per
    # finding: a paragraph of one repeated character has a finding at every position)
    inside_longer = {i for s, e, *_ in found if e - s > 1 for i in range(s, e)}
    return tuple(
        candidate
        for candidate in found
        if candidate[1] - candidate[0] > 1 or candidate[0] not in inside_longer
    )


def forget() -> None:
    """Drop remembered results (benchmarks time the check itself)."""
    _flagged.cache_clear()
    _sentence_flagged.cache_clear()
    names.forget()
    context_model.forget()


class DocumentUsage:
    """How often a pair of Chinese characters occurs in the whole checked text. A slip is a one-off;
    a “slip” written the same way again elsewhere is the writer's term (提质, 数智, 全域). Counted
    only for flagged characters, so a re-check after typing costs nothing here."""

    def __init__(self, paragraphs: Iterable[str]) -> None:
        self.paragraphs = list(paragraphs)

    def attested(self, text: str, start: int, end: int) -> bool:
        """True when the flagged characters together with a neighbour occur again elsewhere."""
        left, right = text[max(0, start - 1) : end], text[start : end + 1]
        return any(
            len(pair) == end - start + 1 and _CJK_RUN.fullmatch(pair) and self._count(pair) >= ATTESTED_TIMES
            for pair in (left, right)
        )

    def _count(self, pair: str) -> int:
        return sum(paragraph.count(pair) for paragraph in self.paragraphs)


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
ATTESTED_TIMES = 2  # a pair written this often in one text is meant


CONFIDENT_GAIN = 8.0  # a suggestion is offered only from this gain up …
# … and where the language model has no say (no model, or a word it does not know), only on strong unigram
# evidence with a clear winner: from gain 8 and lead 1 these were 89% right on odw.train's even lines, and
# 39 were offered on the official prose, nearly all on names (张江 → 长); from 10 and 3, 97% and 5.
CONFIDENT_GAIN_ALONE = 10.0
CONFIDENT_MARGIN = 3.0


def confident(
    text: str, start: int, end: int, substitute: str, gain: float, margin: float, with_model: bool = False
) -> bool:
    """Whether to offer the substitute: a clear, strong winner, and applying it makes none of the
    classic slips of the table (采用建议 must never make the text worse). With the language model, it
    must also prefer the substitute over the text as written and over the other alikes."""
    if gain < CONFIDENT_GAIN:
        return False
    # the model's lead over the other alikes stands in for the unigram margin where it has an opinion
    backed = None
    if with_model:
        one = end - start == 1
        alikes = sorted(confusion().get(text[start], ())) if one else word_alternatives(text[start:end])
        backed = context_model.confirms(
            text, start, end, substitute, alikes, _in_a_word(text, start, end), gain
        )
    if backed is False or (backed is None and (gain < CONFIDENT_GAIN_ALONE or margin < CONFIDENT_MARGIN)):
        return False
    from report_writer.language.checks_slips import slips

    window_start = max(0, start - 5)
    fixed = text[window_start:start] + substitute + text[end : end + 5]
    return not any(True for _ in slips(fixed, ProofConfig()))


def _in_a_word(text: str, start: int, end: int) -> bool:
    """Whether the flagged characters are (in) a common word as written: the two of them, or one that makes
    a common two-character word with a neighbour (前行, 教室)."""
    freq = segment.tokenizer().FREQ
    if end - start > 1:
        return (freq.get(text[start:end]) or 0) >= MIN_WORD_FREQ
    return any(
        (freq.get(text[first : first + 2]) or 0) >= MIN_WORD_FREQ
        for first in (start - 1, start)
        if first >= 0 and first + 2 <= len(text)
    )


CLUSTER_REACH = 2  # flags this close together are about one place in the text


def one_per_place(
    flags: Sequence[tuple[int, int, str, float, float]],
) -> list[tuple[int, int, str, float, float]]:
    """The strongest flag of each run of flags standing close together. A slip makes its neighbours
    look odd too (健隶委: 健 and 隶 both flagged, 隶 the slip), and an unknown coinage lights up every
    character (深学细悟): one underline per place is what a writer needs. Measured on odw.train: of 69
    such runs the strongest flag is the slip in 53, a neighbour of it in 11; five runs held two slips."""
    kept: list[tuple[int, int, str, float, float]] = []
    for flag in sorted(flags):
        if kept and flag[0] - kept[-1][0] <= CLUSTER_REACH:
            run_start = kept[-1]
            if flag[3] > run_start[3]:
                kept[-1] = flag
            continue
        kept.append(flag)
    return kept


def typos(text: str, config: ProofConfig) -> Iterator[Finding]:
    with_model = context_model.available()
    flags = _flagged(text, frozenset(config.whitelist), with_model)
    for start, end, substitute, gain, margin in one_per_place(flags):
        wrong = text[start:end]
        if confident(text, start, end, substitute, gain, margin, with_model):
            yield Finding(
                "typo.confusion",
                "warning",
                start,
                end,
                f"“{wrong}”可能是错别字，是否应为“{substitute}”？",
                substitute,
                wrong,
                extra={
                    "score": round(gain, 1),
                    "suggestions": [substitute],
                    "word": segment.word_around(text, start, end),
                },
            )
        else:
            # no confident correction: a character to look at again (留意), not an error to fix — on edited
            # prose these are mostly names and coined short forms, and a writer reads the fixes first
            yield Finding(
                "typo.confusion",
                "info",
                start,
                end,
                f"“{wrong}”疑似错字，请核对",
                None,
                wrong,
                extra={
                    "score": round(gain, 1),
                    "suggestions": [],
                    "word": segment.word_around(text, start, end),
                },
            )
