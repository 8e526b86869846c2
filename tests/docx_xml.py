"""Helpers for reading the XML parts of an exported .docx in tests."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def parts(path: Path) -> dict[str, ET.Element]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: ET.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xml") and name.startswith("word/")
        }


def style_by_name(styles: ET.Element, name: str) -> ET.Element:
    for style in styles.findall("w:style", NS):
        element = style.find("w:name", NS)
        if element is not None and element.get(w("val")) == name:
            return style
    raise KeyError(name)
