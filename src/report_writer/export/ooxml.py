"""Low-level fixes to the WordprocessingML that python-docx writes (docs/ARCHITECTURE.md, “Word output”)."""

from __future__ import annotations

import copy
from xml.sax.saxutils import quoteattr

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Children of w:rPr that come after w:spacing in schema order (CT_RPr).
_RPR_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
# Children of w:pPr in schema order (CT_PPr); a new child goes before the first later one present.
_PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _set_ppr_value(ppr, tag: str, value: str) -> None:  # type: ignore[no-untyped-def]
    element = ppr.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        ppr.insert_element_before(element, *_PPR_ORDER[_PPR_ORDER.index(tag) + 1 :])
    element.set(qn("w:val"), value)


def set_fonts(rpr, east_asia: str, latin: str) -> None:  # type: ignore[no-untyped-def]
    """Name every script's font explicitly; a theme attribute would win over a named font, and the
    eastAsia hint keeps “ ” — … in the Chinese font (otherwise —— breaks into two short dashes)."""
    name_fonts(rpr.get_or_add_rFonts(), east_asia, latin)


def name_fonts(rfonts, east_asia: str, latin: str) -> None:  # type: ignore[no-untyped-def]
    for attr in THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_size(rpr, points: float) -> None:  # type: ignore[no-untyped-def]
    half_points = str(int(round(points * 2)))
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            if tag == "w:sz":
                rpr.insert_element_before(element, *_RPR_AFTER_SPACING[4:])
            else:
                rpr.insert_element_before(element, *_RPR_AFTER_SPACING[5:])
        element.set(qn("w:val"), half_points)


def set_char_spacing(rpr, twentieths: int) -> None:  # type: ignore[no-untyped-def]
    element = rpr.find(qn("w:spacing"))
    if element is None:
        element = OxmlElement("w:spacing")
        rpr.insert_element_before(element, *_RPR_AFTER_SPACING)
    element.set(qn("w:val"), str(twentieths))


def set_east_asian_lang(rpr) -> None:  # type: ignore[no-untyped-def]
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def set_first_line_chars(ppr, chars: int, font_pt: float) -> None:  # type: ignore[no-untyped-def]
    """Both firstLineChars (Word, WPS) and firstLine in twips (LibreOffice, older readers)."""
    ind = ppr.get_or_add_ind()
    for attr in ("w:hanging", "w:hangingChars"):
        ind.attrib.pop(qn(attr), None)
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(int(chars * font_pt * 20)))


def clear_indent(ppr) -> None:  # type: ignore[no-untyped-def]
    ind = ppr.get_or_add_ind()
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")
    ind.set(qn("w:left"), "0")
    ind.set(qn("w:right"), "0")


def set_outline_level(ppr, level: int) -> None:  # type: ignore[no-untyped-def]
    _set_ppr_value(ppr, "w:outlineLvl", str(level))


def set_snap_to_grid(ppr, on: bool) -> None:  # type: ignore[no-untyped-def]
    """Off for text taller than the 28.95 pt pitch (the 22 pt title): on the grid it would take two lines."""
    _set_ppr_value(ppr, "w:snapToGrid", "1" if on else "0")


def set_widow_control(ppr, on: bool) -> None:  # type: ignore[no-untyped-def]
    _set_ppr_value(ppr, "w:widowControl", "1" if on else "0")


def fix_settings(settings_element) -> None:  # type: ignore[no-untyped-def]
    """compatibilityMode 15 (no 兼容模式 banner) and a Chinese East Asian theme language."""
    for setting in settings_element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    lang = settings_element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def fix_theme_blob(blob: bytes, east_asia: str) -> bytes:
    """The default theme has an empty East Asian font: unstyled Chinese would fall to MS Mincho."""
    text = blob.decode("utf-8")
    text = text.replace('<a:ea typeface=""/>', f"<a:ea typeface={quoteattr(east_asia)}/>")
    return text.encode("utf-8")


def font_table_xml(fonts: list[str], latin: str) -> bytes:
    """fontTable.xml naming only our fonts, with GB2312 charset and altName fallbacks."""
    from report_writer.export.profiles import FONT_ALT_NAMES

    items: list[str] = []
    for name in dict.fromkeys(fonts):
        alt = FONT_ALT_NAMES.get(name)
        alt_xml = f"<w:altName w:val={quoteattr(alt)}/>" if alt else ""
        items.append(
            f'<w:font w:name={quoteattr(name)}>{alt_xml}<w:charset w:val="86"/>'
            '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        )
    items.append(
        f'<w:font w:name={quoteattr(latin)}><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + "".join(items)
        + "</w:fonts>"
    ).encode("utf-8")


def add_field(paragraph, instruction: str, cached: str) -> None:  # type: ignore[no-untyped-def]
    """A complex field with its `separate` part and a cached result (WPS shows the code otherwise)."""

    def fld_char(kind: str):  # type: ignore[no-untyped-def]
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    fld_char("begin")
    instr_run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run._r.append(instr)
    fld_char("separate")
    paragraph.add_run(cached)
    fld_char("end")


def copy_style_element(source, target_styles_element, keep_style_id: str, known_ids: set[str]):  # type: ignore[no-untyped-def]
    """Copy a style from a reference document in place of ours, keeping our styleId."""
    clone = copy.deepcopy(source)
    clone.set(qn("w:styleId"), keep_style_id)
    for tag in ("w:basedOn", "w:next", "w:link"):
        element = clone.find(qn(tag))
        if element is not None and element.get(qn("w:val")) not in known_ids:
            clone.remove(element)
    return clone
