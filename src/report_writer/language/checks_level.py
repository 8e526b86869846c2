"""Another level's words in a report: 区委, 全区, 区政府 in a 县政协 report (and the reverse), with the
office's own word as the suggestion. The words and the rules for telling 区委 from 渝北区委 live in
core.level, where 素材 phrases are filled with the same logic."""

from __future__ import annotations

from collections.abc import Iterator

from report_writer.core.level import level_of_name, wrong_level_words
from report_writer.language.checks_context import Context, Span
from report_writer.language.findings import Finding


def _place(context: Context) -> str:
    """The office's place with its level (测试县) from its shortest name (测试县政协)."""
    names = [n for n in context.org_names if n]
    return min(names, key=len).removesuffix("政协") if names else ""


def level_words(spans: list[Span], context: Context) -> Iterator[Finding]:
    level = context.level or (level_of_name(_place(context)) or "" if context.org_names else "")
    if not level:
        return
    place = _place(context)
    for span in spans:
        for start, end, found, suggestion in wrong_level_words(span.text, level, place):
            finding = Finding(
                "level.other",
                "warning",
                start + span.offset,
                end + span.offset,
                f"本报告是{level}级（{place or level}），“{found}”应为“{suggestion}”",
                suggestion,
                found,
                span.section,
                span.paragraph,
            )
            yield finding
