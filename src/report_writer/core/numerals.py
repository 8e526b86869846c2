"""Chinese numerals for figures written out in prose (三场, 十二篇) and for years (二〇二四年)."""

from __future__ import annotations

DIGITS = "〇一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿")


def _below_10000(n: int) -> str:
    out = ""
    zero_pending = False
    for power in range(3, -1, -1):
        digit = (n // 10**power) % 10
        if digit == 0:
            if out:
                zero_pending = True
            continue
        if zero_pending:
            out += "零"
            zero_pending = False
        out += DIGITS[digit] + _SMALL_UNITS[power]
    return out


def chinese_number(value: int) -> str:
    """12 -> 十二, 105 -> 一百零五, 20300 -> 二万零三百. Negative numbers get 负."""
    n = int(value)
    if n < 0:
        return "负" + chinese_number(-n)
    if n == 0:
        return "零"
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    if len(groups) > len(_BIG_UNITS):
        raise ValueError(f"数字太大，无法写成中文：{value}")
    out = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        if out and group < 1000:
            out += "零"
        out += _below_10000(group) + _BIG_UNITS[index]
    if out.startswith("一十"):  # 十二, not 一十二 (GB/T 15835 usage in running text)
        out = out[1:]
    return out


def chinese_count(value: int) -> str:
    """A number before a measure word: 2 is 两 (两个部门), otherwise as chinese_number."""
    return "两" if int(value) == 2 else chinese_number(value)


def chinese_year(value: int) -> str:
    """2024 -> 二〇二四 (the zero is 〇 U+3007, never ○)."""
    return "".join(DIGITS[int(d)] for d in str(int(value)))


def percent(value: float, digits: int = 1) -> str:
    """12.345 -> 12.3%; trailing .0 is dropped (15.0 -> 15%)."""
    text = f"{float(value):.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"
