"""One figure, one field: the same figure cited in several places of an imported report (收到提案301件 in
the 导语 and again in 建言资政) becomes one field referenced from each place, so the writer updates it once.
Different things that happen to share a value (召开座谈会13场次, 开展协商13场次) stay apart."""

from __future__ import annotations

import re

from report_writer.core.model import Field, FieldRef, Paragraph, Report


def _thing(label: str) -> str:
    """What is counted, from a field's label: its last Han characters (…收到提案 → 提案)."""
    han = re.sub(r"[^\u4e00-\u9fff]", "", label.split("…")[-1] if "…" in label else label)
    return han


def same_thing(a: Field, b: Field) -> bool:
    if (a.value, a.unit, a.qualifier, a.type) != (b.value, b.unit, b.qualifier, b.type):
        return False
    first, second = _thing(a.label), _thing(b.label)
    if not first or not second:
        return False
    if first in second or second in first:
        return True
    return len(first) >= 2 and len(second) >= 2 and first[-2:] == second[-2:]


def merge_same_figures(report: Report) -> None:
    """Point every reference to a repeated figure at its first field and drop the copies (in place)."""
    keep: list[Field] = []
    alias: dict[str, str] = {}
    for name, candidate in report.fields.items():
        twin = next((f for f in keep if same_thing(f, candidate)), None)
        if twin is None:
            keep.append(candidate)
        else:
            alias[name] = twin.name
    if not alias:
        return
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                block.parts = [
                    FieldRef(alias.get(p.name, p.name), p.style) if isinstance(p, FieldRef) else p
                    for p in block.parts
                ]
    for name in alias:
        del report.fields[name]
