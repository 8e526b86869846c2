"""Turn the figures in a sentence ("开展重点协商和小微协商91场次", "编报社情民意信息430余篇") into fields
whose references stand in the sentence, so next year's draft knows every number to update."""

from __future__ import annotations

import re

from report_writer.core.model import Field, FieldRef, Inline, Paragraph

UNITS = (
    "场次",
    "人次",
    "万元",
    "亿元",
    "公里",
    "余人",
    "篇",
    "件",
    "条",
    "个",
    "次",
    "项",
    "名",
    "家",
    "期",
    "场",
    "户",
    "所",
    "处",
    "元",
    "批",
    "人",
    "位",
    "座",
    "口",
    "亩",
    "部",
    "本",
    "支",
    "种",
    "份",
    "组",
    "%",
    "％",
    "批次",
    "件次",
    "个次",
    "家次",
    "万人次",
    "万人",
    "轮",
    "套",
    "台",
    "辆",
    "册",
    "幅",
    "堂",
    "门",
    "平方米",
)
UNIT_RE = "|".join(re.escape(u) for u in sorted(set(UNITS), key=len, reverse=True))
# no figure inside a larger number (1,200: the thousands separator) or an ordinal (第3次); a web copy may
# put a space between the figure and its unit (提案 301 件). At most 15 digits (and 6 decimals): a longer
# run of digits is not a figure anyone counts, and int() of thousands of digits fails.
STAT_RE = re.compile(
    rf"(?<![\d.第])(?<!\d,)(约|近)?(\d{{1,15}}(?:\.\d{{1,6}})?)(?![\d,.])(余|多)?([ \u00a0]?)({UNIT_RE})"
)
CLAUSE_BREAK = re.compile(r"[，。；：、！？（）“”‘’《》…—\s]")
LEADING_FILLERS = (
    "全年",
    "共",
    "累计",
    "先后",
    "一年来",
    "年内",
    "同时",
    "其中",
    "并",
    "和",
    "及",
    "达",
    "已",
)


def _label(text: str, start: int, end: int) -> str:
    """The phrase naming a figure: the clause before it, or else the words after it."""
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    label = text[clause_start:start].strip()
    for filler in LEADING_FILLERS:
        label = label.removeprefix(filler)
    label = re.sub(r"[达为有共计约近]+$", "", label)
    after = CLAUSE_BREAK.split(text[end:], maxsplit=1)[0]
    if len(label) < 2:
        label = after[:12]
    elif len(label) <= 3 and after:  # 组织291名委员…: the verb alone says little, add what is counted
        label = f"{label}…{after[:8]}"
    return label[-16:] or "数字"


def extract_fields(paragraph: Paragraph, fields: dict[str, Field]) -> None:
    """Replace every statistic in the paragraph's text parts with a new field reference (in place)."""
    new_parts: list[Inline] = []
    for part in paragraph.parts:
        if not isinstance(part, str):
            new_parts.append(part)
            continue
        position = 0
        for match in STAT_RE.finditer(part):
            prefix, number, qualifier, unit = match.group(1), match.group(2), match.group(3), match.group(5)
            spacing = match.group(4)
            following = part[match.end() : match.end() + 1]
            if unit in ("元", "人") and following in "民次代":  # 人民, 元旦-like false units
                continue
            value: int | float = float(number) if "." in number else int(number)
            name = f"stat_{len(fields) + 1}"
            field_type = (
                "percent" if unit in ("%", "％") else ("decimal" if isinstance(value, float) else "integer")
            )
            label = _label(part, match.start(), match.end())
            candidate = Field(
                name,
                label,
                "" if field_type == "percent" else unit,
                field_type,
                value,
                None,
                (prefix or "") + (qualifier or "") if (prefix or qualifier) else "",
                "filled",
            )
            written = match.group(0) if field_type == "percent" else match.group(0)[: -len(unit + spacing)]
            if (
                candidate.display() != written
            ):  # 3.0, 05 or 约…余 would read differently as a field: leave the words as written
                continue
            fields[name] = candidate
            new_parts.append(part[position : match.start()])
            new_parts.append(FieldRef(name))
            if field_type != "percent":
                new_parts.append(spacing + unit)
            position = match.end()
        new_parts.append(part[position:])
    paragraph.parts = [p for p in new_parts if not (isinstance(p, str) and p == "")]
