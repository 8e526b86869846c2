"""Checks that need no dictionary: doubled characters and words, paired and half-width punctuation,
dash and ellipsis forms, 〇 in years, number usage (GB/T 15834-2011 标点符号用法, GB/T 15835-2011
出版物上数字用法). Each is a pure function of one paragraph's text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from report_writer.language.config import ProofConfig, resource_lines
from report_writer.language.findings import Finding
from report_writer.language.surnames import COMPOUND_SURNAMES, SURNAMES

CJK = "\u4e00-\u9fff"
OPENERS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "〔": "〕"}
CLOSERS = {v: k for k, v in OPENERS.items()}
MEASURE_WORDS = set(
    "个项条件次批组串张幅座封位名篇场家户村镇层步句字声点滴桩份幕笔间栋棵株片道支首期届轮季天年代粒颗朵排行列台辆艘架"
)
# Where a place's name ends: 嘎嘎村, 沙沙坪 — a doubled character there is the name.
PLACE_ENDINGS = "村镇乡屯寨沟庄湾坝坪岭山河湖街路"


def _finding(
    code: str,
    severity: str,
    match_start: int,
    match_end: int,
    text: str,
    message: str,
    suggestion: str | None = None,
) -> Finding:
    return Finding(code, severity, match_start, match_end, message, suggestion, text[match_start:match_end])


def doubled(text: str, config: ProofConfig) -> Iterator[Finding]:
    """把握把握, 和和, 面对面对面 — but not 常常, 一项项, 方方面面."""
    allowed = set(resource_lines("doubled_whitelist.txt")) | config.whitelist
    for match in re.finditer(f"([{CJK}]{{2,4}})\\1", text):
        unit = match.group(1)
        if len(set(unit)) == 1:  # 常常常常 style is handled by the single-character rule
            continue
        if match.group(0) in allowed or unit in allowed:
            continue
        yield _finding(
            "doubled.word",
            "error",
            match.start(1) + len(unit),
            match.end(),
            text,
            f"“{unit}”重复出现，删去重复的部分",
            "",
        )
    whitelisted = _whitelisted_spans(text, config.whitelist)
    for match in re.finditer(f"([{CJK}])\\1", text):
        pair = match.group(0)
        start = match.start()
        if pair in allowed or PLAN_NAME.match(text, max(0, start - 1)) or _quoted_name(text, start):
            continue
        before = text[start - 1] if start else ""
        if before == "一" and match.group(1) in MEASURE_WORDS:  # 一项项、一批批
            continue
        after = text[match.end() : match.end() + 2]
        if len(after) == 2 and after[0] == after[1] and after[0] != match.group(1):  # AABB: 清清楚楚
            continue
        if start >= 2 and text[start - 2] == text[start - 1] and text[start - 1] != match.group(1):
            continue
        words = _word_spans(text, start)
        if _in_a_name(text, start, whitelisted, words) or _word_boundary_pair(text, words, start):
            continue
        yield _finding(
            "doubled.char",
            "error",
            match.start() + 1,
            match.end(),
            text,
            f"“{match.group(1)}”字重复，删去一个",
            "",
        )


def _whitelisted_spans(text: str, words: set[str]) -> set[int]:
    """Positions inside the writer's own words (黄菁菁 added to the word list covers its 菁菁)."""
    from report_writer.language.typo_protect import word_places

    longer = (word for word in words if len(word) > 1)
    return {index for start, end in word_places(text, longer) for index in range(start, end)}


def _in_a_name(text: str, start: int, whitelisted: set[int], words: dict[int, tuple[int, int]]) -> bool:
    """A doubled character that is part of a name: in the writer's own words, a given name after a surname
    (张婷婷, 欧阳娜娜), or a place before its ending (嘎嘎村) — where the second character begins no word
    with what follows (全区区委 is a slip)."""
    if start in whitelisted or start + 1 in whitelisted:
        return True
    char = text[start]
    second = words.get(start + 1, (start + 1, start + 2))
    if char in FUNCTION_CHARS or (second[0] == start + 1 and second[1] > start + 2):
        return False
    after_surname = (
        start >= 1 and text[start - 1] in SURNAMES or text[max(0, start - 2) : start] in COMPOUND_SURNAMES
    )
    return after_surname or (start + 2 < len(text) and text[start + 2] in PLACE_ENDINGS)


def _quoted_name(text: str, start: int) -> bool:
    """Inside short quotation marks stand names and slogans (“八八战略”, “县县通”)."""
    opening, closing = text.rfind("“", 0, start), text.find("”", start)
    return opening >= 0 and closing >= 0 and "”" not in text[opening:start] and closing - opening <= 12


# Plan names are terms: 十五五, 十四五 (the doubled 五 is the plan's number).
PLAN_NAME = re.compile(r"十[一二三四五六七八九]?五")
# Characters that never stand twice in a row in correct prose, even next to a word: 我们在在这里.
FUNCTION_CHARS = frozenset("的了和是在与及对把被将为也都就而又从向以于其之这那有并或但则")
BOUND_CHAR_FREQ = 10_000  # commoner lone characters are words of their own (好, 要), not in a short form
COMMON_REDUPLICATION = 10  # a doubled pair this common in the dictionary is a word (等等, 绵绵, 巍巍)


WORD_WINDOW = 24  # characters segmented on either side of a doubled pair (the whole text is not needed)


def _word_spans(text: str, around: int) -> dict[int, tuple[int, int]]:
    """Which word each character near `around` belongs to (the segmenter is loaded on the first pair).
    The window starts and ends at punctuation where it can, so words at its edges are whole."""
    from report_writer.language import segment

    start = max(0, around - WORD_WINDOW)
    end = min(len(text), around + WORD_WINDOW)
    for mark in "，。；：、！？\n":
        cut = text.rfind(mark, start, around)
        if cut >= 0:
            start = max(start, cut + 1)
        cut = text.find(mark, around + 2, end)
        if cut >= 0:
            end = min(end, cut)
    spans: dict[int, tuple[int, int]] = {}
    for _word, word_start, word_end in segment.tokens(text[start:end]):
        for index in range(start + word_start, start + word_end):
            spans[index] = (start + word_start, start + word_end)
    return spans


def _word_boundary_pair(text: str, words: dict[int, tuple[int, int]], start: int) -> bool:
    """True when the doubled pair at `start` is no slip: a character repeated across a word boundary
    where both sides are words (学习|习近平, 上海市|市长, 中国|国际), a pair inside one longer word
    (娃哈哈, 生机勃勃), a common reduplicated word (等等, 双双), or a content character standing
    alone next to a word that shares it, inside a phrase (徽学|学术, 安全|全链条)."""
    from report_writer.language import segment

    char = text[start]
    first, second = words.get(start, (start, start + 1)), words.get(start + 1, (start + 1, start + 2))
    if first == second:
        if first[1] - first[0] > 2:
            return True
        if char in FUNCTION_CHARS:
            return False
        # a reduplicated word the dictionary knows (绵绵, 巍巍), or one it knows barely that the segmenter
        # still took whole before a word (节节|攀升); rare junk pairs (会会, 动动) are never taken so
        count = segment.word_frequency(char * 2)
        following = words.get(start + 2)
        return count >= COMMON_REDUPLICATION or (
            count > 0 and following is not None and following[1] - following[0] > 1
        )
    first_long, second_long = first[1] - first[0] > 1, second[1] - second[0] > 1
    if first_long and second_long:
        return True
    if not first_long and not second_long or char in FUNCTION_CHARS:
        return False  # 的的, 和和, 我们在在
    # the lone character may begin or end a word with its other neighbour: one the dictionary knows, or a
    # short form of two lone content characters (焦化|化产 for 化工产品, 徽学|学术) where the character is one
    # that begins (ends) words. A slip's extra character stands before a function character or a mark
    # (活跃跃的), next to a word (推动动发展) or a word of its own (建设设好), or is no word's first
    # character (我们们要)
    other = start + 2 if first_long else start - 1
    if not 0 <= other < len(text):
        return False
    pair = text[start + 1 : start + 3] if first_long else text[start - 1 : start + 1]
    if pair in segment.tokenizer().FREQ:
        return True
    neighbour = text[other]
    if not "\u4e00" <= neighbour <= "\u9fff" or segment.word_frequency(neighbour) > BOUND_CHAR_FREQ:
        return False  # a character that is a word of its own (的, 好, 要) makes no short form
    if words.get(other, (other, other + 1)) != (other, other + 1):
        return False
    from report_writer.language.typo_tables import WILDCARD, wildcard_index

    return (char + WILDCARD if first_long else WILDCARD + char) in wildcard_index()


_PAIRED_MARKS = re.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS)) + "]")


def paired(text: str, config: ProofConfig) -> Iterator[Finding]:
    """Unclosed or unmatched “ ” ‘ ’ 《 》 （ ） 【 】 〔 〕, and a double quote nested in a double quote."""
    stack: list[tuple[str, int]] = []
    for mark in _PAIRED_MARKS.finditer(text):  # the marks only, not every character
        index, char = mark.start(), mark.group()
        if char in OPENERS:
            if char == "“" and any(c == "“" for c, _ in stack):
                yield _finding(
                    "punct.nesting",
                    "warning",
                    index,
                    index + 1,
                    text,
                    "引号里面再用引号时，里层应用单引号‘ ’",
                    "‘",
                )
            stack.append((char, index))
        elif char in CLOSERS:
            opener = CLOSERS[char]
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(c == opener for c, _ in stack):
                while stack and stack[-1][0] != opener:
                    c, i = stack.pop()
                    yield _finding(
                        "punct.unclosed", "error", i, i + 1, text, f"“{c}”没有对应的“{OPENERS[c]}”"
                    )
                stack.pop()
            else:
                yield _finding(
                    "punct.unmatched", "error", index, index + 1, text, f"“{char}”前面缺少对应的“{opener}”"
                )
    for char, index in stack:
        yield _finding(
            "punct.unclosed", "error", index, index + 1, text, f"“{char}”没有对应的“{OPENERS[char]}”"
        )


HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def half_width(text: str, config: ProofConfig) -> Iterator[Finding]:
    """Half-width , ; : ? ! ( ) next to Chinese text (not inside numbers such as 1,000 or 3:2)."""
    for match in re.finditer(r"[,;:?!()]", text):
        index = match.start()
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if before.isdigit() and after.isdigit():
            continue
        if re.match(f"[{CJK}“”]", before) or re.match(f"[{CJK}“”]", after):
            char = match.group()
            yield _finding(
                "punct.half-width",
                "warning",
                index,
                index + 1,
                text,
                f"中文里应使用全角“{HALF_TO_FULL[char]}”",
                HALF_TO_FULL[char],
            )
    for match in re.finditer(f"(?<=[{CJK}])\\.(?=[{CJK}]|$)", text):
        yield _finding(
            "punct.half-width", "warning", match.start(), match.end(), text, "中文句末应使用“。”", "。"
        )


def punctuation_forms(text: str, config: ProofConfig) -> Iterator[Finding]:
    for match in re.finditer(r"([，。、；：])\1+", text):
        yield _finding(
            "punct.doubled", "error", match.start() + 1, match.end(), text, f"标点“{match.group(1)}”重复", ""
        )
    for match in re.finditer(r"(?<!—)—(?!—)", text):
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if (before.isalnum() or before == "%" or re.match(f"[{CJK}]", before)) and (
            after.isalnum() or re.match(f"[{CJK}]", after)
        ):
            continue  # a connector (一字线) as in 两江新区—长寿区 or 2023—2024
        yield _finding(
            "punct.dash", "warning", match.start(), match.end(), text, "破折号应为两个“—”：“——”", "——"
        )
    for match in re.finditer(r"-{2,}|－{2,}|(?<=[\u4e00-\u9fff])－(?=[\u4e00-\u9fff])", text):
        yield _finding("punct.dash", "warning", match.start(), match.end(), text, "破折号应写作“——”", "——")
    for match in re.finditer(r"\.{3,}|。{3,}|(?<!…)…(?!…)", text):
        yield _finding(
            "punct.ellipsis", "warning", match.start(), match.end(), text, "省略号应写作“……”", "……"
        )


def numbers(text: str, config: ProofConfig) -> Iterator[Finding]:
    for match in re.finditer(r"[〇○零一二三四五六七八九]{4}年", text):
        if "○" in match.group() or "零" in match.group():
            fixed = match.group().replace("○", "〇").replace("零", "〇")
            yield _finding(
                "number.year-zero",
                "error",
                match.start(),
                match.end() - 1,
                text,
                "年份中的零应写作“〇”（不用汉字“零”，也不用圆圈“○”）",
                fixed[:-1],
            )
    for match in re.finditer(r"(约|近|大约)\s*\d+(?:\.\d+)?\s*(余|多)", text):
        yield _finding(
            "number.approx-twice",
            "warning",
            match.start(),
            match.end(),
            text,
            f"“{match.group(1)}”与“{match.group(2)}”同时表示约数，保留一个即可",
        )
    for match in re.finditer(r"(?<![\d\-/.])(\d+)\s*[-－~]\s*(\d+)(?![\-/.\d])(?=\s*[\u4e00-\u9fff%])", text):
        if re.match(r"(?:19|20)\d{2}$", match.group(1)) and len(match.group(2)) <= 2:
            continue  # a date: 2026-02-09, 2024-12
        dash = text[match.start(1) + len(match.group(1)) : match.start(2)]
        yield _finding(
            "number.range",
            "info",
            match.start(),
            match.end(),
            text,
            "数值范围宜用“～”或“—”连接",
            match.group(0).replace(dash, "～"),
        )
    for match in re.finditer(r"(余|多)\s*(\d+)", text):
        if match.start() and text[match.start() - 1] in "共达有":
            yield _finding(
                "number.qualifier-place",
                "warning",
                match.start(),
                match.end(),
                text,
                f"“{match.group(1)}”应放在数字之后，如“{match.group(2)}{match.group(1)}”",
            )


TEXT_CHECKS = (doubled, paired, half_width, punctuation_forms, numbers)
