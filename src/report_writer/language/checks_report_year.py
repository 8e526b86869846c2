"""Years that no longer fit: after 报告年度 changed (2026 → 2027), a title or a sentence that still names
last year as the year under review ("2026年，……", "2026年是……", subtitle “2026年工作回眸”). Last year as a
point of comparison (比2026年增长, 2026年12月) is left alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from report_writer.core.model import Report
from report_writer.language.checks_context import Span
from report_writer.language.findings import Finding

# The year opening a sentence as its time (2026年，/ 2026年是 / 2026年以来 / 2026年里),
# or naming the review itself.
_AS_THE_YEAR = (
    r"(?:(?<=^)|(?<=[。；！？\n“]))\s*{y}年(?=[，,是里来度]|以来|中)"
    r"|{y}年(?=(?:度)?(?:工作|履职)(?:回眸|综述|总结|报告))"
)


def stale_year_in_spans(spans: list[Span], year: int | None) -> Iterator[Finding]:
    if not year:
        return
    pattern = re.compile(_AS_THE_YEAR.format(y=year - 1))
    for span in spans:
        for match in pattern.finditer(span.text):
            start = span.text.index(str(year - 1), match.start())
            yield Finding(
                "figure.year-stale",
                "warning",
                start + span.offset,
                start + 4 + span.offset,
                f"报告年度是 {year} 年，这里的“{year - 1}年”像是指本年度，是否应改为 {year} 年？",
                str(year),
                str(year - 1),
                span.section,
                span.paragraph,
            )


def stale_year_in_titles(report: Report) -> Iterator[Finding]:
    """The title and subtitle name the report's year and no other (a heading may look ahead to next year)."""
    for text in (report.title, report.subtitle):
        for match in re.finditer(r"(?<!\d)((?:19|20)\d{2})年", text):
            found = int(match.group(1))
            if found != report.year:
                yield Finding(
                    "figure.year-stale",
                    "warning",
                    match.start(1),
                    match.end(1),
                    f"标题中的“{found}年”与报告年度 {report.year} 年不符",
                    str(report.year),
                    match.group(1),
                )
