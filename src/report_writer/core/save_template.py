"""Save any report as a template pack in the user's template folder: its figures become fields
(this year's values as the sample values), the organisation's names and the year become fields of
the template, and its photos travel with the pack."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import tomlkit

from report_writer import paths
from report_writer.core.model import FieldRef, Figure, Report
from report_writer.core.templating import TemplateError, load_pack


def _generalise(text: str, report: Report) -> str:
    """Literal text -> template text: Jinja syntax escaped, names and years replaced by variables."""
    text = text.replace("{", "\x01")
    replacements = []
    if report.org_full:
        replacements.append((report.org_full, "{{ org }}"))
    if report.org_short:
        replacements.append((report.org_short, "{{ short }}"))
        place = report.org_short.removesuffix("政协")
        if len(place) >= 2:
            replacements.append((place, "{{ place }}"))
    for old, new in sorted(replacements, key=lambda pair: len(pair[0]), reverse=True):
        text = text.replace(old, new)
    if report.year:
        text = re.sub(rf"(?<!\d){report.year + 1}年", "{{ next_year }}年", text)
        text = re.sub(rf"(?<!\d){report.year}年", "{{ year }}年", text)
        text = re.sub(rf"(?<!\d){report.year - 1}年", "{{ last_year }}年", text)
    return text.replace("\x01", "{{ '{' }}")


def save_as_template(report: Report, name: str, description: str = "", folder: Path | None = None) -> Path:
    """Write the pack and check that it loads; return its folder."""
    if not name.strip():
        raise TemplateError("请给模板起一个名字。")
    template_id = f"mine_{int(time.time())}"
    root = (folder or paths.user_templates_dir()) / template_id
    (root / "images").mkdir(parents=True, exist_ok=False)
    pack: dict[str, Any] = {
        "id": template_id,
        "name": name.strip(),
        "description": description.strip() or "由本单位的报告另存的模板",
        "title": _generalise(report.title, report),
        "subtitle": _generalise(report.subtitle, report),
        "byline": _generalise(report.byline, report),
        "sample": {
            "org_full": report.org_full,
            "org_short": report.org_short,
            "year": int(report.year or time.localtime().tm_year),
        },
        "fields": [],
        "sections": [],
    }
    for field in report.fields.values():
        spec: dict[str, Any] = {
            "name": field.name,
            "label": field.label,
            "unit": field.unit,
            "type": field.type,
        }
        if field.value not in (None, ""):
            spec["default"] = field.value
        if field.qualifier:
            spec["qualifier"] = field.qualifier
        pack["fields"].append(spec)
    for index, section in enumerate(report.sections):
        file_name = f"{index:02d}.j2"
        chunks = []
        for block in section.blocks:
            if isinstance(block, Figure):
                target = "none.png"
                if block.image and block.image in report.media:
                    item = report.media[block.image]
                    target = f"{item.sha256[:16]}.{'png' if item.mime == 'image/png' else 'jpg'}"
                    (root / "images" / target).write_bytes(item.data)
                chunks.append(f"![{_generalise(block.caption, report)}](images/{target})")
                continue
            text = "".join(
                f"{{{{ {p.name}|cn }}}}"
                if isinstance(p, FieldRef) and p.style == "cn"
                else f"{{{{ {p.name} }}}}"
                if isinstance(p, FieldRef)
                else _generalise(p, report)
                for p in block.parts
            )
            lead = f"**{_generalise(block.lead, report)}**" if block.lead else ""
            chunks.append(lead + text)
        (root / file_name).write_text("\n\n".join(chunks) + "\n", encoding="utf-8")
        pack["sections"].append(
            {"kind": section.kind, "heading": _generalise(section.heading, report), "file": file_name}
        )
    (root / "template.toml").write_text(tomlkit.dumps(pack), encoding="utf-8")
    load_pack(root)  # fails loudly now rather than in the new-report dialog later
    return root
