"""Import quality on the dev corpus (../shared/corpus/import_dev): each text imported as pasted text and
as a Word file built the way a writer keeps it (title centred and large, headings bold or with an outline
level, run-in leads as a bold opening run, pictures with a centred caption right below).

Prints per file and overall: title+subtitle right, headings P/R/F1 (compared without list markers),
captions F1, run-in leads F1, statistics recall and characters lost (coverage).

    .venv/bin/python benchmarks/eval_import.py [-v]
"""

from __future__ import annotations

import json
import re
import struct
import sys
import tempfile
import zlib
from collections import Counter
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from report_writer.core.importer import ImportResult, import_file, import_text
from report_writer.core.model import Figure, Paragraph

try:
    from report_writer.core.importer import placed_text
except ImportError:  # an older importer (to measure the baseline): what the report holds

    def placed_text(result: ImportResult) -> str:
        report = result.report
        pieces = [report.title, report.subtitle, report.byline]
        for section in report.sections:
            pieces.append(section.heading)
            pieces.extend(
                b.text(report.fields) if isinstance(b, Paragraph) else b.caption for b in section.blocks
            )
        return "\n".join(pieces)


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "import_dev"
MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\(\d+\)|\d+[.．、]|[■○●◆□▲★])\s*"
)
# Pictures a writer adds to a file that has none, each with a caption of the ordinary kind (written here).
EXTRA_CAPTIONS = (
    "委员视察重点项目建设现场",
    "3月15日，委员们在产业园区察看项目进展情况。",
    "专题协商会现场（记者 王明 摄）",
)


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", MARKER.sub("", text or ""))


def spaced(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip())


def f1(found: list[str], gold: list[str]) -> tuple[float, float, float, int, int, int]:
    hits = sum((Counter(found) & Counter(gold)).values())
    precision = hits / len(found) if found else (1.0 if not gold else 0.0)
    recall = hits / len(gold) if gold else (1.0 if not found else 0.0)
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score, hits, len(found), len(gold)


def png(index: int) -> bytes:
    """A small picture of its own colour (so every photo is a different file)."""
    width, height = 40, 30
    colour = bytes([(index * 70) % 256, (index * 130 + 60) % 256, (index * 40 + 120) % 256])
    raw = b"".join(b"\x00" + colour * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def roles(lines: list[str], gold: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    """Each non-empty line of the clean text with its role from the gold: title, subtitle, heading,
    caption, lead:<lead>, text."""
    out: list[tuple[str, str]] = []
    title = norm(gold.get("title"))
    headings = [norm(h) for h in gold.get("headings") or []]
    leads = gold.get("run_in_leads") or []
    captions = {spaced(c) for c in gold.get("captions") or []}
    index = 0
    if title:
        built = ""
        while index < len(lines) and len(built) < len(title) and title.startswith(built + norm(lines[index])):
            built += norm(lines[index])
            out.append(("title", lines[index]))
            index += 1
    while index < len(lines):
        line = lines[index]
        key = norm(line)
        following = norm(lines[index + 1]) if index + 1 < len(lines) else ""
        if gold.get("subtitle") and spaced(line) == spaced(gold["subtitle"]):
            out.append(("subtitle", line))
        elif key in headings:
            out.append(("heading", line))
        elif following and key + following in headings:
            out.extend([("heading", line), ("heading", lines[index + 1])])
            index += 1
        elif spaced(line) in captions:
            out.append(("caption", line))
        elif any(line.strip().startswith(lead) for lead in leads):
            lead = next(lead for lead in leads if line.strip().startswith(lead))
            out.append((f"lead:{lead}", line))
        else:
            out.append(("text", line))
        index += 1
    return out


def _outline(paragraph, level: int) -> None:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.get_or_add_pPr()
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    ppr.append(element)


def build_docx(
    name: str,
    text: str,
    gold: dict,
    path: Path,
    use_outline: bool,
    styled: bool = False,  # type: ignore[type-arg]
    plain: bool = False,
) -> list[str]:
    """The writer's Word file of a text; returns the captions it holds (gold plus pictures added).
    `styled`: the other way writers work — Word's Title / Heading / Caption styles, the lead's 。 left
    plain, and (every other file) the caption in the picture's own paragraph after a line break.
    `plain`: text pasted into Word with no formatting at all (only the pictures and their captions)."""
    document = docx.Document()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    tagged = roles(lines, gold)
    captions = [line for role, line in tagged if role == "caption"]
    if not captions:  # a writer's file of a feature has pictures: two after the opening paragraphs
        spots = [i for i, (role, _l) in enumerate(tagged) if role == "text"]
        for offset, spot in enumerate(spots[1:9:3][:3]):
            tagged.insert(spot + 1 + offset, ("caption", EXTRA_CAPTIONS[offset]))
        captions = [line for role, line in tagged if role == "caption"]
    picture = 0
    for role, line in tagged:
        if plain and role != "caption":
            document.add_paragraph(line)
            continue
        if styled and role in ("title", "heading", "caption"):
            if role == "title":
                document.add_paragraph(line, style="Title")
            elif role == "heading":
                document.add_paragraph(
                    line,
                    style="Heading 1" if not MARKER.match(line) or line.startswith("一") else "Heading 2",
                )
            else:
                holder = document.add_paragraph()
                holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
                with tempfile.NamedTemporaryFile(suffix=".png") as image:
                    image.write(png(picture))
                    image.flush()
                    holder.add_run().add_picture(image.name, width=Cm(12))
                picture += 1
                if use_outline:
                    holder.add_run().add_break()
                    holder.add_run(line)
                else:
                    document.add_paragraph(line, style="Caption")
            continue
        if styled and role.startswith("lead:"):
            lead = role[5:]
            paragraph = document.add_paragraph()
            paragraph.add_run(lead[:-1]).bold = True
            paragraph.add_run(line.strip()[len(lead) - 1 :])
            continue
        if role == "title":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(line)
            run.font.size, run.bold = Pt(22), True
        elif role == "subtitle":
            paragraph = document.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif role == "heading":
            paragraph = document.add_paragraph()
            paragraph.add_run(line).bold = True
            if use_outline:
                _outline(paragraph, 0 if not MARKER.match(line) or line.startswith("一") else 1)
            if not MARKER.match(line):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif role == "caption":
            holder = document.add_paragraph()
            holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
            data = png(picture)
            picture += 1
            with tempfile.NamedTemporaryFile(suffix=".png") as image:
                image.write(data)
                image.flush()
                holder.add_run().add_picture(image.name, width=Cm(12))
            paragraph = document.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif role.startswith("lead:"):
            lead = role[5:]
            paragraph = document.add_paragraph()
            paragraph.add_run(lead).bold = True
            paragraph.add_run(line.strip()[len(lead) :])
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return captions


def source_chars(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


def measure(result: ImportResult, gold: dict, source: str, captions: list[str]) -> dict[str, object]:  # type: ignore[type-arg]
    report = result.report
    title_ok = spaced(report.title) == spaced(gold.get("title")) and spaced(report.subtitle) == spaced(
        gold.get("subtitle")
    )
    headings = [norm(s.heading) for s in report.sections if s.heading]
    found_captions = [
        spaced(b.caption) for s in report.sections for b in s.blocks if isinstance(b, Figure) and b.caption
    ]
    leads = [norm(b.lead) for s in report.sections for b in s.blocks if isinstance(b, Paragraph) and b.lead]
    fields = Counter((str(f.value).removesuffix(".0"), f.unit, f.qualifier) for f in report.fields.values())
    stats = gold.get("stats") or []
    stat_hits = 0
    for stat in stats:
        key = (str(stat["value"]), stat["unit"], stat.get("qualifier") or "")
        if fields[key] > 0:
            stat_hits += 1
    placed = source_chars(placed_text(result))
    lost = source_chars(source) - placed
    return {
        "title": title_ok,
        "headings": f1(headings, [norm(h) for h in gold.get("headings") or []]),
        "captions": f1(found_captions, [spaced(c) for c in captions]),
        "leads": f1(leads, [norm(x) for x in gold.get("run_in_leads") or []]),
        "stats": (stat_hits, len(stats)),
        "lost": sum(lost.values()),
        "lost_text": "".join(sorted(lost.elements()))[:40],
        "found": {
            "title": report.title,
            "subtitle": report.subtitle,
            "headings": headings,
            "captions": found_captions,
            "leads": leads,
        },
    }


def overall(rows: list[dict[str, object]]) -> str:
    def micro(key: str) -> float:
        hits = sum(r[key][3] for r in rows)  # type: ignore[index]
        found = sum(r[key][4] for r in rows)  # type: ignore[index]
        gold = sum(r[key][5] for r in rows)  # type: ignore[index]
        p = hits / found if found else 1.0
        r = hits / gold if gold else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    titles = sum(1 for r in rows if r["title"])
    stat_hits = sum(r["stats"][0] for r in rows)  # type: ignore[index]
    stat_total = sum(r["stats"][1] for r in rows)  # type: ignore[index]
    lost_files = sum(1 for r in rows if r["lost"])
    return (
        f"title+subtitle {titles}/{len(rows)} ({titles / len(rows):.0%})  "
        f"headings F1 {micro('headings'):.2f}  "
        f"captions F1 {micro('captions'):.2f}  leads F1 {micro('leads'):.2f}  "
        f"stats recall {stat_hits / max(stat_total, 1):.2f}  files losing characters {lost_files} "
        f"({sum(int(r['lost']) for r in rows)} chars)"
    )  # type: ignore[call-overload]


def main() -> int:
    verbose = "-v" in sys.argv
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="rw-eval-import-"))
    results: dict[str, list[dict[str, object]]] = {"text": [], "word": [], "styled": [], "plain": []}
    for number, gold_path in enumerate(sorted(CORPUS.glob("*_gold.json"))):
        name = gold_path.name.removesuffix("_gold.json")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (CORPUS / f"{name}_clean.txt").read_text(encoding="utf-8")
        docx_path = workdir / f"{name}.docx"
        captions = build_docx(name, text, gold, docx_path, use_outline=number % 2 == 0)
        built = docx.Document(str(docx_path))
        docx_text = "\n".join(p.text for p in built.paragraphs)
        styled_path = workdir / f"{name}-styled.docx"
        styled_captions = build_docx(name, text, gold, styled_path, use_outline=number % 2 == 0, styled=True)
        styled_text = "\n".join(p.text for p in docx.Document(str(styled_path)).paragraphs)
        plain_path = workdir / f"{name}-plain.docx"
        plain_captions = build_docx(name, text, gold, plain_path, use_outline=False, plain=True)
        plain_text = "\n".join(p.text for p in docx.Document(str(plain_path)).paragraphs)
        for kind, result, source, expected in (
            ("plain", import_file(plain_path), plain_text, plain_captions),
            ("text", import_text(text, name), text, gold.get("captions") or []),
            ("word", import_file(docx_path), docx_text, captions),
            ("styled", import_file(styled_path), styled_text, styled_captions),
        ):
            row = measure(result, gold, source, expected)
            row["name"] = name
            results[kind].append(row)
            h, c, le = row["headings"], row["captions"], row["leads"]
            print(
                f"{kind:6} {name:16} title {'ok ' if row['title'] else 'NO '} "
                f"headings F1 {h[2]:.2f} ({h[3]}/{h[4]}/{h[5]})"  # type: ignore[index]
                f"  captions {c[2]:.2f} ({c[3]}/{c[4]}/{c[5]})  leads {le[2]:.2f} ({le[3]}/{le[4]}/{le[5]})"  # type: ignore[index]
                f"  stats {row['stats'][0]}/{row['stats'][1]}  lost {row['lost']} {row['lost_text']}"
            )  # type: ignore[index]
            if verbose:
                print("      ", json.dumps(row["found"], ensure_ascii=False)[:1500])
    for kind in ("word", "styled", "plain", "text"):
        print(f"OVERALL {kind:6} {overall(results[kind])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
