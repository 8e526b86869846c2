"""Checks that look beyond one sentence: figures stated twice with different values, figures still
to update, years other than the report's, and the office's name written in more than one way."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from report_writer.language.findings import Finding

UNITS = "场次|人次|项|个|篇|件|条|次|名|家|期|场|户|所|处|万元|亿元|元|天|批|期"
STAT_RE = re.compile(rf"([\u4e00-\u9fff]{{2,6}}?)(\d+(?:\.\d+)?)(余|多)?({UNITS})")
YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})年")


@dataclass
class Context:
    """What the checks know of the whole text: the report's year and the office's names."""

    year: int | None = None
    org_names: list[str] = field(default_factory=list)  # full and short name, as the report gives them
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


def figures(spans: list[Span]) -> Iterator[Finding]:
    """The same statistic (same phrase before it, same unit) given two different values."""
    seen: dict[tuple[str, str], list[tuple[Span, re.Match[str]]]] = defaultdict(list)
    for span in spans:
        for match in STAT_RE.finditer(span.text):
            label = match.group(1)[-4:]
            seen[(label, match.group(4))].append((span, match))
    for (label, unit), hits in seen.items():
        values = {m.group(2) for _, m in hits}
        if len(values) < 2:
            continue
        listing = "、".join(sorted(values, key=float))
        for span, match in hits:
            finding = Finding("figure.inconsistent", "warning", match.start(2), match.end(4),
                              f"“{label}”的数字前后不一致：文中出现了 {listing}（{unit}），请核对",
                              None, match.group(0)[len(match.group(1)):])
            yield _at(span, 0, 0, finding)


def years(spans: list[Span], context: Context) -> Iterator[Finding]:
    if context.year is None:
        return
    allowed = {context.year - 1, context.year, context.year + 1}
    for span in spans:
        for match in YEAR_RE.finditer(span.text):
            year = int(match.group(1))
            if year not in allowed and 1990 <= year <= 2100:
                finding = Finding("figure.year", "info", match.start(1), match.end(1),
                                  f"{year}年不是报告年度（{context.year}年）或上一年，是否需要更新？", None, match.group(1))
                yield _at(span, 0, 0, finding)


def org_names(spans: list[Span], context: Context) -> Iterator[Finding]:
    """Forms such as 示例政协, 示例县政协 or 重庆示例区政协 beside the report's 示例区政协 / 重庆市示例区政协."""
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
            wrong_prefix = bool(prefix) and before != prefix and before.endswith(prefix[:-1]) and len(prefix) > 1
            if form == short and not wrong_prefix:
                continue
            start = where - len(prefix) + 1 if wrong_prefix else where
            finding = Finding("name.variant", "warning", start, match.end(),
                              f"单位名称写法与“{full}”“{short}”不一致", full if wrong_prefix else short,
                              span.text[start : match.end()])
            yield _at(span, 0, 0, finding)


def infer_context(text: str) -> Context:
    """For plain text: the year in the title area and the most frequent “××区/县政协” form."""
    head = text[:400]
    year_match = re.search(r"((?:19|20)\d{2})年", head)
    names = re.findall(r"[\u4e00-\u9fff]{2,4}?[区县市]政协", text)
    counts: dict[str, int] = defaultdict(int)
    for name in names:
        for prefix in ("重庆市", "四川省", "中共"):
            name = name.removeprefix(prefix)
        counts[name] += 1
    org = max(counts, key=lambda n: counts[n]) if counts else ""
    full = re.search(rf"[\u4e00-\u9fff]{{2,4}}[市省]{re.escape(org)}", text) if org else None
    return Context(int(year_match.group(1)) if year_match else None, [n for n in (full.group() if full else "", org) if n])
