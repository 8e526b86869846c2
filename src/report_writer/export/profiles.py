"""Export profiles (公文, 刊物稿) and font presets (公文标准, Windows 自带).

Numbers from GB/T 9704-2012 (党政机关公文格式), converted to Word units: 1 mm = 56.69 twips,
1 pt = 20 twips. Type area 156 × 225 mm; 22 lines of 28 characters.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FontPreset:
    key: str
    title: str  # 小标宋 role
    body: str  # 仿宋 role
    heading1: str  # 黑体 role
    heading2: str  # 楷体 role
    page_number: str  # 宋体 role
    latin: str = "Times New Roman"
    title_bold: bool = False  # a stand-in for 小标宋 looks right only in bold


FONT_PRESETS: dict[str, FontPreset] = {
    "公文标准": FontPreset("公文标准", "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"),
    # A clean Windows has no _GB2312 fonts and never 方正小标宋: use what ships with it.
    "Windows自带": FontPreset("Windows自带", "宋体", "仿宋", "黑体", "楷体", "宋体", title_bold=True),
}
FONT_PRESET_ALIASES = {"Windows 自带": "Windows自带", "windows": "Windows自带", "gongwen": "公文标准"}

# Fonts a machine may know under another name; written to fontTable.xml as altName.
FONT_ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}


@dataclass(frozen=True)
class Profile:
    key: str
    numbered_headings: bool
    heading_centered: bool
    lead_font_role: str  # which role's font sets run-in lead phrases apart


PROFILES: dict[str, Profile] = {
    "公文": Profile("公文", numbered_headings=True, heading_centered=False, lead_font_role="heading2"),
    "刊物稿": Profile("刊物稿", numbered_headings=False, heading_centered=True, lead_font_role="heading1"),
}
PROFILE_ALIASES = {"gongwen": "公文", "kanwu": "刊物稿"}


def resolve_profile(name: str) -> Profile:
    key = PROFILE_ALIASES.get(name, name)
    if key not in PROFILES:
        raise ValueError(f"未知的版式“{name}”，可选：{'、'.join(PROFILES)}")
    return PROFILES[key]


def resolve_fonts(name: str) -> FontPreset:
    key = FONT_PRESET_ALIASES.get(name, name)
    if key not in FONT_PRESETS:
        raise ValueError(f"未知的字体方案“{name}”，可选：{'、'.join(FONT_PRESETS)}")
    return FONT_PRESETS[key]


# Page geometry in twips (GB/T 9704-2012 §5.2.1 and §7.2).
PAGE_WIDTH = 11906  # A4 210 mm
PAGE_HEIGHT = 16838  # A4 297 mm
MARGIN_TOP = 2098  # 37 mm
MARGIN_BOTTOM = 1984  # 35 mm
MARGIN_LEFT = 1587  # 28 mm
MARGIN_RIGHT = 1474  # 26 mm
FOOTER_DISTANCE = 1417  # 25 mm: puts "— 1 —" about 7 mm below the type area
LINE_PITCH = 579  # 225 mm / 22 lines = 28.95 pt
BODY_SIZE_PT = 16  # 三号
TITLE_SIZE_PT = 22  # 二号
PAGE_NUMBER_SIZE_PT = 14  # 四号
CAPTION_SIZE_PT = 14
CHAR_SPACING = -5  # −0.25 pt in twentieths of a point: 28 characters of 16 pt fit 156 mm
TYPE_AREA_WIDTH_MM = 156
# Photos: at most this wide and tall, in their own single-spaced paragraph (never clipped to a line).
PICTURE_MAX_WIDTH_MM = 120
PICTURE_MAX_HEIGHT_MM = 90


def picture_size_mm(width_px: int, height_px: int) -> tuple[float, float]:
    """Width and height in mm for a photo, keeping its proportions within the limits above."""
    ratio = height_px / width_px
    width = float(PICTURE_MAX_WIDTH_MM)
    if width * ratio > PICTURE_MAX_HEIGHT_MM:
        width = PICTURE_MAX_HEIGHT_MM / ratio
    return width, width * ratio
