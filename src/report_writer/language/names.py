"""Names and coined terms the typo check must leave alone, found by rules and by jieba's part-of-speech
tags — never by a list of today's office holders.

- person names: tagged nr by jieba's HMM, in a list with 、, after a title (主席 书记 市长 委员 记者 …),
  before 同志 / 讲话 / 出席 / 作报告 / 摄, led by a surname before 委员 / 代表 / 同志;
- places, organisations, companies and other proper names (ns, nt, nz, j) the dictionary does not know;
- the abbreviation chain of a road or railway (杭淳开高速公路, 沈白高铁);
- parallel coinages of policy prose: the same character at the same place in neighbouring items
  (不敢腐、不能腐、不想腐; 亲商、护商) or in a four-character phrase (知责担责, 提速提效).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from report_writer.language import segment
from report_writer.language.surnames import COMPOUND_SURNAMES, SURNAMES

NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})
KNOWN_WORD_FREQ = 200  # a dictionary word commoner than this tagged as a name is still a word
_TITLES = (
    "主席|副主席|书记|主任|委员|常委|局长|区长|县长|市长|省长|州长|镇长|乡长|部长|厅长|处长|院长|校长|"
    "会长|代表|秘书长|理事长|董事长|总经理|记者|主持人|教授|院士|专家"
)
_NOT_IN_NAMES = "的和与及在对为是了各等"
PERSON_AFTER_TITLE = re.compile(
    rf"(?:{_TITLES})\s*([^\W\d{_NOT_IN_NAMES}]{{2,3}})(?=[\s，、。；）]|$|等|率|带|一行|同志)"
)
PERSON_BEFORE_ROLE = re.compile(
    rf"(?<![\u4e00-\u9fff])\s*([^\W\d{_NOT_IN_NAMES}]{{2,3}})\s*(?=同志|讲话|出席|作报告|主持|摄|率队|表示|指出|强调)"
)
# A person named by a surname before the role or address that follows names (，张婷婷委员、; 黄菁菁副主席).
_SURNAME_LED = (
    f"(?:{'|'.join(COMPOUND_SURNAMES)})[\\u4e00-\\u9fff]{{1,2}}"
    f"|[{''.join(sorted(SURNAMES))}][\\u4e00-\\u9fff]{{1,2}}"
)
PERSON_BEFORE_MEMBER = re.compile(
    rf"(?<![\u4e00-\u9fff])({_SURNAME_LED})(?=委员|常委|代表|同志|副?主席|副?书记|副?主任|秘书长|老师|先生|女士)"
)
# The short forms before a road or a railway: 杭淳开高速公路, 沈白高铁, 黑乌铁路.
ROUTE = re.compile(r"(?:高速公路|高速铁路|高速|高铁|铁路|城际|快速路|通道|航道|大桥|隧道|机场|管道|干线)")
ROUTE_PREFIX = 4
# The 政协 platforms and the rural places a review names after their own short name: 渡舟联络组,
# 桃源委员工作室, 邵家坝院落 (the name before the kind, like a route's short form).
PLATFORM = re.compile(
    r"(?:联络组|委员工作室|工作室|议事室|议事厅|议事会|协商室|驿站|书院|讲堂|院落|小院|大院)"
)
# A speaker's name on a line of its own (under the date of a 工作报告), or opening the address before the
# salutation when a web page ran the two lines together (张某某各位委员、同志们：).
SPEAKER = re.compile(r"^[ \t\u3000]*([\u4e00-\u9fff]{2,4})[ \t\u3000]*(?=$|各位委员|各位代表|同志们)", re.M)
# A village's hamlet: a family name, 家, and the lie of the land (邵家坝, 李家湾, 王家沟).
HAMLET = re.compile(r"[\u4e00-\u9fff]家(?:坝|湾|沟|坪|岭|寨|庄|垭|堡|屯|冲|坡|嘴|岩|台|营|院|塘)")
_PARALLEL_SEPARATORS = "、，；"
MAX_WINDOW = 160  # characters given to the tagger at once (its HMM is slow on long runs)

# Provinces by their one-character names (GB/T 2260 short forms; 新 台 云 青 宁 贵 黑 吉 left out: too
# common as ordinary characters). Policy prose pairs them (京蒙协作, 鲁苏互济, 陕电入皖), sends things
# into them (入津, 进京) and names by them (津派, 浙商, 京企).
_PROVINCES = "京津冀沪渝蒙藏桂港澳辽晋鲁豫皖苏浙闽赣湘鄂粤琼川蜀黔滇陕秦甘陇"
PROVINCE = re.compile(
    rf"[{_PROVINCES}](?=[\u4e00-\u9fff]{{0,2}}[{_PROVINCES}])|(?<=[{_PROVINCES}])[{_PROVINCES}]"
    rf"|(?<=[{_PROVINCES}][\u4e00-\u9fff])[{_PROVINCES}]|(?<=[{_PROVINCES}][\u4e00-\u9fff]{{2}})[{_PROVINCES}]"
    rf"|(?<=[入进援赴驻])[{_PROVINCES}]|[{_PROVINCES}](?=[派企籍商菜剧字])"
)


def warm_up() -> None:
    # one cut: the tagger merges the segmenter's tagged words into its table on its first cut (~10 ms)
    list(_pos_tokenizer().cut("政协委员"))


def _pos_tokenizer() -> Any:
    global _POS
    if _POS is None:
        import jieba.posseg

        _POS = jieba.posseg.POSTokenizer(segment.tokenizer())
    return _POS


_POS: Any = None


def name_spans(
    text: str, around: list[int] | None = None, wanted: set[int] | None = None
) -> Iterator[tuple[int, int]]:
    """(start, end) of every name the rules and the part-of-speech tags find in the text. The tagger
    (jieba's HMM, slow on long paragraphs) runs only on the clauses holding the `around` indexes, and
    with `wanted`, only on those of them that hold one of these indexes (a caller that asks about these
    alone: the names the tagger finds in a clause lie inside it)."""
    freq = segment.tokenizer().FREQ
    for pattern in (PERSON_AFTER_TITLE, PERSON_BEFORE_ROLE, PERSON_BEFORE_MEMBER):
        for match in pattern.finditer(text):
            if not freq.get(match.group(1)):
                yield match.span(1)
    for match in SPEAKER.finditer(text):
        yield match.span(1)
    for match in PROVINCE.finditer(text):
        yield match.span()
    for match in HAMLET.finditer(text):
        yield match.start(), match.end() - 1
    for match in (*ROUTE.finditer(text), *PLATFORM.finditer(text)):
        start = match.start()
        while (
            start > 0
            and match.start() - start < ROUTE_PREFIX
            and re.match(r"[\u4e00-\u9fff]", text[start - 1])
            and text[start - 1] not in _NOT_IN_NAMES
        ):
            start -= 1
        yield start, match.start()
    indexes = around if around is not None else [0]
    for start, end in _windows(text, indexes):
        # the tagger is needed only for lists of names, and a listed name (2–3 characters) stands
        # right before or after a 、: windows where no index of `around` (or the one after it, for a
        # two-character finding) is that close to a 、 cannot change what the caller asks about
        if wanted is not None and not any(start <= index < end for index in wanted):
            continue
        if "、" in text[start:end] and (around is None or _near_list_mark(text, start, end, around)):
            yield from _listed_names(text[start:end], start, freq)


NAME_REACH = 4  # a 、 this close to an index may end or begin a listed name over it (or over the next)


def _near_list_mark(text: str, start: int, end: int, indexes: list[int]) -> bool:
    return any(
        start - 1 <= index < end  # (start - 1: the second character of a pair may open the window)
        and "、" in text[max(start, index - NAME_REACH) : min(end, index + NAME_REACH + 1)]
        for index in indexes
    )


def _windows(text: str, indexes: list[int]) -> list[tuple[int, int]]:
    """The sentence around each index (at most 40 characters either side), overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    for index in sorted(indexes):
        start = max(max(text.rfind(mark, 0, index) for mark in "。；！？\n") + 1, index - 40)
        ends = [i for i in (text.find(mark, index) for mark in "。；！？\n") if i >= 0]
        end = min(min(ends, default=len(text)) + 1, index + 40, len(text))
        if windows and start <= windows[-1][1] and end - windows[-1][0] <= MAX_WINDOW:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


@lru_cache(maxsize=1024)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and part-of-speech tags of a window, remembered (the tagger is the slowest step
    of a check; a re-check after typing meets the same windows again)."""
    return tuple((pair.word, pair.flag) for pair in _pos_tokenizer().cut(text))


def forget() -> None:
    """Drop remembered tags (benchmarks time the check itself)."""
    _tagged.cache_clear()


def _listed_names(text: str, offset: int, freq: dict[str, int]) -> Iterator[tuple[int, int]]:
    position = offset
    spans = []
    for word, flag in _tagged(text):
        spans.append((position, position + len(word), word, flag))
        position += len(word)
    for index, (_start, _end, word, _flag) in enumerate(spans):
        if word != "、" or not 0 < index < len(spans) - 1:
            continue
        # a list of names: a person tagged by jieba next to another name-like item (孙某某、王某某)
        left, right = spans[index - 1], spans[index + 1]
        if (
            _name_like(left, freq)
            and _name_like(right, freq)
            and (left[3].startswith("nr") or right[3].startswith("nr"))
        ):
            for item in (left, right):
                yield item[0], item[1]


def _name_like(token: tuple[int, int, str, str], freq: dict[str, int]) -> bool:
    start, end, word, flag = token
    return 2 <= end - start <= 3 and flag in NAME_TAGS and (freq.get(word) or 0) < KNOWN_WORD_FREQ


def parallel(text: str, index: int, substitute: str = "") -> bool:
    """True when the character at `index` belongs to a parallel coinage: it repeats two places away
    (越擦越亮, 提速提效, 亲商安商), or it fills the free place of such a phrase (主责主业, 助餐助洁)
    and the suggested character would not make it a dictionary word (不拆不扣 → 不折不扣 is flagged);
    or a neighbouring item of a list holds it at the same place (不能腐、不想腐)."""
    freq = segment.tokenizer().FREQ
    windows = [(start, text[start : start + 4]) for start in range(max(0, index - 3), index + 1)]
    if substitute and any(freq.get(w[: index - s] + substitute + w[index - s + 1 :]) for s, w in windows):
        return False  # the suggestion makes an idiom: 不拆不扣 → 不折不扣
    for start, window in windows:
        if len(window) < 4 or not re.fullmatch(r"[\u4e00-\u9fff]{4}", window):
            continue
        slot = index - start
        for first, second in ((0, 2), (1, 3)):
            if window[first] != window[second]:
                continue
            if slot in (first, second):
                return True
            if substitute:
                return True
    item_start = index
    while item_start > 0 and text[item_start - 1] not in _PARALLEL_SEPARATORS:
        item_start -= 1
    item_end = index
    while item_end < len(text) and text[item_end] not in _PARALLEL_SEPARATORS:
        item_end += 1
    from_start, from_end = index - item_start, item_end - index
    short = item_end - item_start <= 6
    for neighbour in _neighbour_items(text, item_start, item_end):
        if (
            short
            and len(neighbour) <= 6
            and from_start < len(neighbour)
            and neighbour[from_start] == text[index]
        ):
            return True
        if from_end <= len(neighbour) and neighbour[-from_end] == text[index]:
            return True
        # the verb slot of parallel slogans: 科教[兴]省、人才强省 (the same last character, a
        # different verb before it)
        if (
            from_end == 2
            and len(neighbour) >= 4
            and neighbour[-1] == text[item_end - 1]
            and re.fullmatch(r"[\u4e00-\u9fff]{4}", text[index - 2 : index + 2] if index >= 2 else "")
        ):
            return True
    return False


def _neighbour_items(text: str, item_start: int, item_end: int) -> Iterator[str]:
    if item_start > 0 and text[item_start - 1] == "、":
        previous = item_start - 1
        while previous > 0 and text[previous - 1] not in _PARALLEL_SEPARATORS + "。":
            previous -= 1
        yield text[previous : item_start - 1]
    if item_end < len(text) and text[item_end] == "、":
        following = item_end + 1
        while following < len(text) and text[following] not in _PARALLEL_SEPARATORS + "。":
            following += 1
        yield text[item_end + 1 : following]
