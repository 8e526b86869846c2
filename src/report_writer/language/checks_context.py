"""Checks that look beyond one sentence: figures stated twice with different values, figures still
to update, years other than the report's, and the office's name written in more than one way."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from report_writer.language.findings import Finding

UNITS = "场次|人次|项|个|篇|件|条|次|名|家|期|场|户|所|处|万元|亿元|元|天|批|期"
STAT_RE = re.compile(rf"([\u4e00-\u9fff]{{2,8}}?)(\d+(?:\.\d+)?)(余|多)?({UNITS})")
YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})年")


@dataclass
class Context:
    """What the checks know of the whole text: the report's year and the office's names."""

    year: int | None = None
    org_names: list[str] = field(default_factory=list)  # full and short name, as the report gives them
    year_from_text: bool = (
        False  # guessed from a plain text's head: may be the year it was delivered, not reviewed
    )
    level: str = ""  # 区/县/市 …: the office's own level (from the report, or from the name in plain text)


@dataclass
class Span:
    """A paragraph of the checked text, with where it starts in the whole."""

    text: str
    offset: int
    section: int | None = None
    paragraph: int | None = None


def _at(span: Span, start: int, end: int, finding: Finding) -> Finding:
    shifted = finding.shifted(span.offset)
    shifted.section, shifted.paragraph = span.section, span.paragraph
    return shifted


# Words that say what was done, not what was counted: 新建70个博士创新站 and 新建10个养老服务中心
# count different things, so a label made of them alone names no subject.
GENERIC_VERBS = re.compile(
    r"全年|累计|新增|新建|新认定|认定|建成|建设|达到|突破|完成|实现|培育|打造|获批|入选|开展|举办|组织|推进|"
    r"推动|实施|改造|新开工|开工|支持|安排|提出|办理|提高|增加|减少|下降|增长|超过|高于|低于|共|达|约|近|超|为"
)
# Measures every sector has: two 产值 in one report are seldom the same 产值.
GENERIC_MEASURES = frozenset(
    ["产值", "总产值", "规模", "收入", "投资", "营收", "总额", "总量", "增加值", "产量", "资金", "面积"]
)
# A sentence that plans or aims states no result to compare: 力争新增50家, 目标100个.
FUTURE = re.compile(r"力争|预期|目标|计划|预计|今年|明年|将|拟|要|以上|左右|到\d{4}年")
COUNTED_NOUN = re.compile(r"[\u4e00-\u9fff]{0,2}")
# A figure for a span of years is another statistic than the same count for the year (五年来新增上市公司48家
# beside 今年新增6家): said at the opening of its paragraph, or in its sentence before it.
# (two years and more: 一年来, 过去一年 open the year's own review)
_NUMBER = "(?:[两二三四五六七八九十][一二三四五六七八九十]*|[2-9]|\\d{2,})"
PERIOD = re.compile(
    rf"{_NUMBER}年来|过去{_NUMBER}年|这{_NUMBER}年|近{_NUMBER}年|本届以来|本届政协|届内|累计|"
    r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间|以来)|近年来|多年来"
)
PERIOD_OPENING = 12  # characters at a paragraph's start where its period is said


def _subject(label: str) -> str:
    """What a figure counts: the words after the last verb of the phrase before it (开展协商 → 协商)."""
    parts = [part for part in GENERIC_VERBS.split(label) if part]
    subject = parts[-1] if parts else ""
    return "" if subject in GENERIC_MEASURES else subject


# Headings that open the part of a text reviewing the past or planning ahead: a work report gives
# last year's result (改造老旧小区682个) and, under “2026年重点工作”, this year's plan for the same
# thing (改造老旧小区300个) — two different things, not one figure written twice.
HEADING = re.compile(
    r"^[ \t　]*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)?"
    r"[^。！？\n]{2,40}$",
    re.M,
)
REVIEW_HEADING = re.compile(r"回顾|成就|成绩|总结|过去")
PLAN_HEADING = re.compile(r"目标|任务|安排|打算|重点工作|思路|展望|今后|新的一年|今年|明年")


def _plan_parts(text: str, context: Context | None) -> list[tuple[int, bool]]:
    """(offset, is a plan) wherever a heading line switches between review and plan."""
    parts: list[tuple[int, bool]] = []
    for match in HEADING.finditer(text):
        line = match.group()
        if REVIEW_HEADING.search(line):
            parts.append((match.start(), False))
        elif PLAN_HEADING.search(line):
            parts.append((match.start(), True))
        elif context is not None and context.year is not None:
            years = [int(y) for y in YEAR_RE.findall(line)]
            latest_past = context.year - 1 if context.year_from_text else context.year
            if years and max(years) > latest_past:  # 三、2026年主要工作
                parts.append((match.start(), True))
    return parts


def figures(spans: list[Span], context: Context | None = None) -> Iterator[Finding]:
    """The same statistic (same subject before it, same unit and counted noun after it) given two
    different values. Targets and plans are not results (a sentence that plans, or the part of the
    text under a plan heading), a total over years (五年来, 累计) or another year's figure (2023年…) is not
    the year's figure, and a label that is only a verb (新增, 建成) names no subject."""
    seen: dict[tuple[str, str, str, bool, int], list[tuple[Span, re.Match[str], int]]] = defaultdict(list)
    in_plan = False  # carried from one paragraph to the next until another heading
    for span in spans:
        parts = _plan_parts(span.text, context)
        for match in STAT_RE.finditer(span.text):
            before = [plan for offset, plan in parts if offset <= match.start()]
            if before[-1] if before else in_plan:
                continue
            subject = _subject(match.group(1))
            if len(subject) < 2:
                continue
            noun_match = COUNTED_NOUN.match(span.text, match.end())
            noun = noun_match.group() if noun_match else ""
            if noun.startswith(("百分", "月", "年", "天", "小时")):
                continue  # 高于全国0.8个百分点, 连续24个月: a comparison or a duration, not a count
            sentence_start = max(span.text.rfind(end, 0, match.start()) for end in "。；！？\n") + 1
            sentence_end = min(
                (i for i in (span.text.find(end, match.end()) for end in "。；！？\n") if i >= 0),
                default=len(span.text),
            )
            if FUTURE.search(span.text, sentence_start, sentence_end):
                continue
            opening = PERIOD.search(span.text, 0, PERIOD_OPENING)
            period = bool(opening or PERIOD.search(span.text, sentence_start, match.start()))
            # another year named before it in its sentence: that year's figure (2023年收到提案268件)
            years = [int(y) for y in YEAR_RE.findall(span.text, sentence_start, match.start())]
            other_year = years[-1] if years and (context is None or years[-1] != context.year) else 0
            key = (subject, match.group(4), noun, period, other_year)
            seen[key].append((span, match, span.offset + sentence_start))
        if parts:
            in_plan = parts[-1][1]
    for (label, unit, _noun, _period, _year), hits in seen.items():
        values = {m.group(2) for _, m, _ in hits}
        # one sentence listing 前1‰学科1个、前1%学科24个 names two kinds, it does not contradict itself
        if not any(
            first.group(2) != second.group(2) and one != other
            for _, first, one in hits
            for _, second, other in hits
        ):
            continue
        listing = "、".join(sorted(values, key=float))
        for span, match, _ in hits:
            finding = Finding(
                "figure.inconsistent",
                "warning",
                match.start(2),
                match.end(4),
                f"“{label}”的数字前后不一致：文中出现了 {listing}（{unit}），请核对",
                None,
                match.group(0)[len(match.group(1)) :],
            )
            yield _at(span, 0, 0, finding)


# A year that is history or a reference point, not a figure left over from last year: 比2020年翻一番,
# 2020年以来, 从2020年的…, 2023年6月, a plan period 2021—2025年.
YEAR_BEFORE_HISTORY = re.compile(
    r"(?:比|较|从|由|自|与|同|于|快于|慢于|高于|低于|相比|对比|始于|截至|至)\s*$"
)
YEAR_AFTER_HISTORY = re.compile(
    r"^年(?:以来|至今|起|来|以后|之后|前后|的|底以来|\d{1,2}月|[一二三四五六七八九十]{1,2}月|度的)"
)
YEAR_IN_RANGE = re.compile(r"^(?:年?\s*[—\-－～~至到]\s*(?:19|20)\d{2})")


def _year_is_history(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 4) : start], text[end : end + 6]
    if YEAR_BEFORE_HISTORY.search(before) or YEAR_AFTER_HISTORY.match(after) or YEAR_IN_RANGE.match(after):
        return True
    return bool(re.search(r"(?:19|20)\d{2}\s*[—\-－～~至到]\s*$", text[max(0, start - 7) : start]))


def years(spans: list[Span], context: Context) -> Iterator[Finding]:
    """A past year that is neither the report's year nor the one before, and not history (比2020年,
    2020年以来, 2023年6月, 2021—2025年): perhaps left over from last year's text. Later years are
    targets (到2035年, 2030年前) and never stale."""
    if context.year is None:
        return
    for span in spans:
        for match in YEAR_RE.finditer(span.text):
            year = int(match.group(1))
            if year >= context.year - 1 or year < 1990:
                continue
            if _year_is_history(span.text, match.start(1), match.end(1)):
                continue
            finding = Finding(
                "figure.year",
                "info",
                match.start(1),
                match.end(1),
                f"{year}年不是报告年度（{context.year}年）或上一年，是否需要更新？",
                None,
                match.group(1),
            )
            yield _at(span, 0, 0, finding)


def org_names(spans: list[Span], context: Context) -> Iterator[Finding]:
    """Forms such as 示例政协, 示例县政协 or 重庆示例区政协 beside the report's 示例区政协 /
    重庆市示例区政协."""
    names = [n for n in context.org_names if n]
    if not names:
        return
    short = min(names, key=len)
    full = max(names, key=len)
    root = re.sub(r"(区|县|市|自治县|自治州)?政协$", "", short)
    if len(root) < 2 or not short.startswith(root):
        return
    prefix = full[: full.find(root)] if root in full and full != short else ""
    pattern = re.compile(rf"{re.escape(root)}[\u4e00-\u9fff]{{0,3}}?政协")
    for span in spans:
        for match in pattern.finditer(span.text):
            form, where = match.group(), match.start()
            before = span.text[max(0, where - len(prefix)) : where]
            wrong_prefix = (
                bool(prefix) and before != prefix and before.endswith(prefix[:-1]) and len(prefix) > 1
            )
            if form == short and not wrong_prefix:
                continue
            start = where - len(prefix) + 1 if wrong_prefix else where
            finding = Finding(
                "name.variant",
                "warning",
                start,
                match.end(),
                f"单位名称写法与“{full}”“{short}”不一致",
                full if wrong_prefix else short,
                span.text[start : match.end()],
            )
            yield _at(span, 0, 0, finding)


# What stands before an office's name in a sentence without being part of it (邀请市政协, 参加县政协全会):
# the place name is what follows the last of these.
_NOT_A_PLACE = re.compile(
    r"(?:邀请|参加|列席|出席|配合|协助|陪同|组织|召开|参与|联合|会同|报送|报请|提交|受邀|应邀|"
    r"[在和与及的了是向对为由被受经赴到随把将请])"
)
_OFFICE = re.compile(r"([\u4e00-\u9fff]{0,4}?)([区县市])政协")


def infer_context(text: str) -> Context:
    """For plain text: the year in the title area, and the office: its most frequent “××区/县政协” name
    when that agrees with the level the text names most (区政协 ×12 against 邀请市政协 ×1 is a 区 office;
    another office the text mentions is not this report's)."""
    head = text[:400]
    year_match = re.search(r"((?:19|20)\d{2})年", head)
    levels: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for match in _OFFICE.finditer(text):
        prefix, level = match.groups()
        stops = list(_NOT_A_PLACE.finditer(prefix))
        place = (prefix[stops[-1].end() :] if stops else prefix).removeprefix("中共")
        place = re.split("[省市州]" if level in "区县" else "省", place)[-1]  # 重庆市长寿区: 长寿
        levels[level] += 1
        if len(place) >= 2:
            counts[f"{place}{level}政协"] += 1
    ranked = sorted(levels.values(), reverse=True)
    level = (
        max(levels, key=lambda key: levels[key])
        if levels and (len(ranked) == 1 or ranked[0] > ranked[1])
        else ""
    )
    named = [name for name in counts if name[-3] == level]
    org = max(named, key=lambda n: counts[n]) if named else ""
    full = re.search(rf"[\u4e00-\u9fff]{{2,4}}[市省]{re.escape(org)}", text) if org else None
    return Context(
        int(year_match.group(1)) if year_match else None,
        [n for n in (full.group() if full else "", org) if n],
        year_from_text=True,
    )
