"""How the app looks: the interface font and the editor's paragraphs.

The interface names its fonts: left to fontconfig, a Linux machine with a calligraphic CJK font
installed first (AR PL KaitiM) draws every menu in 楷体. We take the first plain sans face the
machine has, and never a 楷体, 宋体/明体 or 仿宋 face, which are for print, not for menus."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QTextBlockFormat

UI_FONT_FAMILIES = [
    "Microsoft YaHei UI",
    "微软雅黑",
    "Microsoft YaHei",  # Windows
    "PingFang SC",
    "苹方-简",  # macOS
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "思源黑体",  # Linux, 信创
    "WenQuanYi Micro Hei",
    "文泉驿微米黑",
    "Droid Sans Fallback",
]
# simsun: Windows names 宋体 and 新宋体 SimSun / NSimSun, with no "song" in them.
NOT_FOR_INTERFACE = (
    "kai",
    "楷",
    "song",
    "宋",
    "simsun",
    "ming",
    "明",
    "fangsong",
    "仿宋",
    "隶",
    "mono",
    "等宽",
)
EDITOR_FONT_FAMILIES = ["Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "serif"]
EDITOR_POINT_SIZE = 13
PARAGRAPH_GAP = 0.6  # of a line: the gap that shows where a paragraph ends
LINE_HEIGHT_PERCENT = 150


def is_print_face(family: str) -> bool:
    name = family.lower()
    return any(word in name for word in NOT_FOR_INTERFACE) or ("serif" in name and "sans" not in name)


def interface_families(available: Iterable[str], chinese: Iterable[str] = (), system: str = "") -> list[str]:
    """Our list in order, where the machine has it; otherwise any plain Chinese sans face; then the
    system's default (Qt's last resort). Calligraphic and print faces are left out."""
    have = set(available)
    chosen = [family for family in UI_FONT_FAMILIES if family in have]
    if not chosen:
        chosen = [family for family in chinese if not is_print_face(family)][:1]
    if system and system not in chosen and not is_print_face(system):
        chosen.append(system)
    return chosen


def interface_font() -> QFont:
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    families = interface_families(
        QFontDatabase.families(),
        QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese),
        system.family(),
    )
    font = QFont(system)
    if families:
        font.setFamilies(families)
    return font


def editor_font() -> QFont:
    font = QFont()
    font.setFamilies(EDITOR_FONT_FAMILIES)
    font.setPointSizeF(EDITOR_POINT_SIZE)
    return font


def body_block_format() -> QTextBlockFormat:
    """A paragraph as it will print: first line indented two characters, a gap after it."""
    em = QFontMetricsF(editor_font()).horizontalAdvance("中")
    fmt = QTextBlockFormat()
    fmt.setTextIndent(2 * em)
    fmt.setBottomMargin(PARAGRAPH_GAP * em)
    fmt.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return fmt
