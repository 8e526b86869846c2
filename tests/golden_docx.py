"""The comparable form of an exported .docx part for the golden files in tests/golden/.

What stays: every element, attribute and text that decides how Word and WPS show the document. What goes:
what differs between two exports of the same report or between python-docx's bookkeeping runs — revision
ids (rsid), dates, drawing and bookmark ids, and relationship ids (replaced by the part they point to, so
`r:embed="rId9"` reads `r:embed="→media/image1.png"` and a reordering of the package does not count)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Attributes that hold no appearance: editing-session ids, timestamps, numbering of drawings and bookmarks.
VOLATILE_ATTRIBUTES = {
    f"{{{W}}}rsidR",
    f"{{{W}}}rsidRPr",
    f"{{{W}}}rsidRDefault",
    f"{{{W}}}rsidP",
    f"{{{W}}}rsidDel",
    f"{{{W}}}rsidSect",
    f"{{{W}}}rsidTr",
    f"{{{W}}}date",
    f"{{{W14}}}paraId",
    f"{{{W14}}}textId",
}
VOLATILE_ELEMENTS = {f"{{{W}}}rsid", f"{{{W}}}rsids"}
# id attributes of these elements only number them within the document.
NUMBERING_IDS = {
    f"{{{WP}}}docPr": "id",
    f"{{{PIC}}}cNvPr": "id",
    f"{{{W}}}bookmarkStart": f"{{{W}}}id",
    f"{{{W}}}bookmarkEnd": f"{{{W}}}id",
}


def _relationship_targets(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = part.rsplit("/", 1)
    rels_name = f"{folder}/_rels/{name}.rels"
    if rels_name not in archive.namelist():
        return {}
    rels = etree.fromstring(archive.read(rels_name))
    return {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{{{RELS}}}Relationship")}


def normalised_part(docx_path: Path, part: str) -> str:
    """`part` (e.g. "word/styles.xml") of the .docx, pretty-printed with the volatile parts taken out."""
    with zipfile.ZipFile(docx_path) as archive:
        root = etree.fromstring(archive.read(part))
        targets = _relationship_targets(archive, part)
    for element in list(root.iter()):
        if element.tag in VOLATILE_ELEMENTS:
            element.getparent().remove(element)
            continue
        for attribute in list(element.attrib):
            if attribute in VOLATILE_ATTRIBUTES or NUMBERING_IDS.get(element.tag) == attribute:
                del element.attrib[attribute]
            elif attribute.startswith(f"{{{R}}}"):
                element.set(attribute, "→" + targets.get(element.get(attribute), "?"))
    for element in root.iter():  # pretty_print indents only where no text stands between the tags
        if element.text is not None and not element.text.strip() and len(element):
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    return etree.tostring(root, encoding="unicode", pretty_print=True)
