"""What the typo check leaves alone whatever the statistics say: the writer's own word list, quotations
and titles (names and slogans stand there), names found by their place in the sentence — between two levels
of an address, after a title, before a company's kind or a document code — and round numbers told
approximately."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from report_writer.language import segment
from report_writer.language.config import ProofConfig

_ADDRESS_LEVEL = "省市县区镇乡旗街道"
_PLACE_SUFFIX = "街道|社区|嘎查|苏木|镇|乡|村|屯"
_NOT_IN_NAMES = "的和与及在对为是了各等"
# A place name between two levels of an address: 东台市[五烈]镇[甘港]村, 北辰区[瑞景]街道.
PLACE_NAME = re.compile(rf"(?<=[{_ADDRESS_LEVEL}])([^\W\d{_NOT_IN_NAMES}]{{1,4}}?)(?={_PLACE_SUFFIX})")
# A person named after a title: 区政协主席[杜海波]率队.
PERSON_AFTER_TITLE = re.compile(
    r"(?:主席|书记|主任|委员|常委|局长|区长|县长|市长|镇长|乡长|部长|院长|校长|会长|代表|同志|秘书长|理事长|董事长|总经理)"
    rf"([^\W\d{_NOT_IN_NAMES}]{{2,3}})(?=率|带|一行|同志|主持|出席|参加|参与|讲话|指出|强调|担任|介绍|，|、|。|等)"
)
# A village, town or community named before its suffix: 以及[大渡]村干部, 赴[青杠]镇.
VILLAGE = re.compile(rf"([^\W\d{_NOT_IN_NAMES}]{{1,2}})(?=村|社区|镇|乡|街道)")
# A company named before what it makes: 促成[万凯]新材料.
COMPANY = re.compile(r"([^\W\d]{2,4}?)(?=新材料|科技|集团|股份|实业|控股|药业|电子|有限公司)")
# The issuer code of a document number: （冀政呈〔2019〕5号）.
ISSUER_CODE = re.compile(r"([^\W\d]{1,6})(?=〔\d{4}〕)")
# A round number told approximately: 近百场, 超千场, 逾万人, 上百次 (the numeral is no slip of a word).
ROUND_NUMBER = re.compile(r"(?:近|超|逾|上|数|几|突破|达)[十百千万亿]+(?=[\u4e00-\u9fff])")
# Levels of government named by their one character in a run: 央省主流媒体, 省市县三级, 区镇村联动.
LEVEL_RUN = re.compile("[央省市县区乡镇村]{2,4}")
# Short names of provinces and cities that rarely mean anything else: 渝北, 川渝, 鄂, 皖.
PLACE_ABBREVIATIONS = frozenset("渝冀晋皖闽赣鲁豫鄂湘粤桂琼蜀黔滇陇沪")

_QUOTE_MARKS = re.compile("[“‘《”’》]")
_PLACE_ABBREVIATION_RE = re.compile(f"[{''.join(sorted(PLACE_ABBREVIATIONS))}]")


def word_places(text: str, words: Iterable[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of every place where one of the words (the writer's word list) stands in the text."""
    for word in words:
        if not word:
            continue
        start = text.find(word)
        while start >= 0:
            yield start, start + len(word)
            start = text.find(word, start + 1)


def protected_positions(text: str, config: ProofConfig) -> bytearray:
    """Characters the check leaves alone (1): whitelisted words, quotations and titles, names."""
    protected = bytearray(len(text))

    def protect(start: int, end: int) -> None:
        protected[start:end] = b"\x01" * (end - start)

    for start, end in word_places(text, config.whitelist):
        protect(start, end)
    depth, opened = 0, 0  # inside quotation marks or title marks stand names and slogans
    for mark in _QUOTE_MARKS.finditer(text):
        index = mark.start()
        if mark.group() in "“‘《":
            if not depth:
                opened = index  # the opening mark itself is protected
            depth += 1
        elif depth:
            depth -= 1
            if not depth:  # the closing mark of the outermost pair is not
                protect(opened, index)
    if depth:
        protect(opened, len(text))
    freq = segment.tokenizer().FREQ
    for pattern in (PLACE_NAME, VILLAGE, PERSON_AFTER_TITLE, COMPANY, ISSUER_CODE):
        for match in pattern.finditer(text):
            if pattern is PERSON_AFTER_TITLE and freq.get(match.group(1)):
                continue  # a dictionary word after a title is no name (主席会议)
            protect(match.start(1), match.end(1))
    for match in _PLACE_ABBREVIATION_RE.finditer(text):
        protected[match.start()] = 1
    for pattern in (ROUND_NUMBER, LEVEL_RUN):
        for match in pattern.finditer(text):
            protect(match.start(), match.end())
    return protected
