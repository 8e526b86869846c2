"""Run every check over a text or a report and return findings in reading order.

Plain text (.txt, .md, pasted): indexes refer to the whole text. Reports (.rwp, .docx): each
paragraph is checked on its own text and findings carry `section` and `paragraph`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from report_writer.core.model import Paragraph, Report, Section
from report_writer.language import (
    checks_context,
    checks_derived,
    checks_level,
    checks_report_year,
    checks_year,
    context_model,
)
from report_writer.language import typos as typo_check
from report_writer.language.checks_context import Context, Span
from report_writer.language.checks_slips import slips
from report_writer.language.checks_text import TEXT_CHECKS
from report_writer.language.checks_wording import wording
from report_writer.language.config import ProofConfig, load_config
from report_writer.language.findings import Finding
from report_writer.language.typos import typos

SENTENCE_END = "。！？；…”’）】》"
ParagraphCheck = Callable[[str, ProofConfig], Iterator[Finding]]


def paragraph_checks(with_typos: bool = True) -> tuple[ParagraphCheck, ...]:
    checks: tuple[ParagraphCheck, ...] = (*TEXT_CHECKS, wording, slips)
    return (*checks, typos) if with_typos else checks


PARAGRAPHS_REMEMBERED = 8192
_remembered: dict[tuple[str, str, bool], tuple[Finding, ...]] = {}


def _config_key(config: ProofConfig) -> str:
    return repr((sorted(config.disabled), sorted(config.whitelist), config.extra_rules))


def _paragraph_findings(text: str, config: ProofConfig, key: str, with_typos: bool) -> tuple[Finding, ...]:
    """What the paragraph checks find in one paragraph, remembered: every check of a paragraph is a pure
    function of its text and the settings, and while a writer types only one paragraph changes."""
    found = _remembered.get((text, key, with_typos))
    if found is None:
        found = tuple(finding for check in paragraph_checks(with_typos) for finding in check(text, config))
        if len(_remembered) >= PARAGRAPHS_REMEMBERED:
            _remembered.clear()
        _remembered[(text, key, with_typos)] = found
    return found


def forget() -> None:
    """Drop every remembered result (benchmarks time the check itself)."""
    _remembered.clear()
    typo_check.forget()


def _check_spans(spans: list[Span], context: Context, config: ProofConfig, with_typos: bool) -> list[Finding]:
    findings: list[Finding] = []
    usage = typo_check.DocumentUsage(span.text for span in spans)
    with_model = context_model.available()
    key = _config_key(config)
    for span in spans:
        for finding in _paragraph_findings(span.text, config, key, with_typos):
            # an unsure flag written the same way again is the writer's term; a slip with a fix the language
            # model backs is still one however often it was copied (最低生活暴涨标准 twice) — without the
            # model a unigram "sure" fix is not sure enough for that (万亿级 → 百, a dozen times a report)
            if (
                finding.code == "typo.confusion"
                and (finding.suggestion is None or not with_model)
                and usage.attested(span.text, finding.start, finding.end)
            ):
                continue
            shifted = finding.shifted(span.offset)
            shifted.section, shifted.paragraph = span.section, span.paragraph
            findings.append(shifted)
    findings.extend(checks_context.figures(spans, context))
    findings.extend(checks_context.years(spans, context))
    findings.extend(checks_context.org_names(spans, context))
    findings.extend(checks_year.year_wording(spans, context))
    findings.extend(checks_level.level_words(spans, context))
    findings.extend(checks_derived.text_derived(spans))
    findings = [f for f in findings if config.enabled(f.code) and f.text not in config.whitelist]
    return _dedupe(_without_typos_under_slips(findings))


def _slip_phrase(slip: Finding) -> range:
    """The characters of the whole wrong phrase a slip finding was matched on (or its own, when unknown)."""
    before = slip.extra.get("before")
    whole = str(slip.extra.get("whole", ""))
    if isinstance(before, int) and whole:
        return range(slip.start - before, slip.start - before + len(whole))
    return range(slip.start, slip.end)


def _without_typos_under_slips(findings: list[Finding]) -> list[Finding]:
    """A slip from the table says it with certainty; the typo and doubling guesses inside the same phrase
    go (高屋建领: the table fixes 领, so a guess at 屋 is noise; 廖廖无几 is no doubled 廖 to delete)."""
    fixed = {
        (f.section, f.paragraph, i) for f in findings if f.code.startswith("slip.") for i in _slip_phrase(f)
    }
    if not fixed:
        return findings
    return [
        f
        for f in findings
        if not (
            f.code.startswith(("typo.", "doubled."))
            and any((f.section, f.paragraph, i) in fixed for i in range(f.start, f.end))
        )
    ]


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[int | None, int | None, int, int, str]] = set()
    unique = []
    for finding in sorted(findings, key=lambda f: (f.section or 0, f.paragraph or 0, f.start, f.end, f.code)):
        key = (finding.section, finding.paragraph, finding.start, finding.end, finding.code.split(".")[0])
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def text_spans(text: str) -> list[Span]:
    """Paragraphs of plain text. Text taken from a print layout splits sentences across blank lines,
    so a block that does not end a sentence is checked together with the next one."""
    spans: list[Span] = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        block = match.group()
        if not block.strip():
            continue
        if spans and spans[-1].text.rstrip()[-1:] not in SENTENCE_END and spans[-1].text.strip():
            previous = spans[-1]
            gap = text[previous.offset + len(previous.text) : match.start()]
            spans[-1] = Span(previous.text + gap + block, previous.offset)
        else:
            spans.append(Span(block, match.start()))
    return spans


def check_text(
    text: str, config: ProofConfig | None = None, context: Context | None = None, with_typos: bool = True
) -> list[Finding]:
    config = config or load_config()
    context = context or checks_context.infer_context(text)
    spans = text_spans(text)
    findings = _check_spans(spans, context, config, with_typos)
    findings.extend(f for f in checks_year.markers(spans) if config.enabled(f.code))
    return _dedupe(findings)


def check_paragraphs(
    texts: list[str], config: ProofConfig | None = None, context: Context | None = None
) -> list[Finding]:
    """Paragraphs checked one by one (a Word file's paragraphs); findings carry `paragraph`, the index
    into `texts`, and offsets within that paragraph."""
    config = config or load_config()
    context = context or checks_context.infer_context("\n".join(texts))
    spans = [Span(text, 0, None, index) for index, text in enumerate(texts) if text.strip()]
    return _check_spans(spans, context, config, True)


def report_spans(report: Report) -> list[Span]:
    spans = []
    for s_index, section in enumerate(report.sections):
        for b_index, block in enumerate(section.blocks):
            if isinstance(block, Paragraph):
                spans.append(Span(block.text(report.fields), 0, s_index, b_index))
    return spans


def stale_fields(report: Report) -> Iterator[Finding]:
    """Every place a figure still to update stands (after a roll-over, or left empty)."""
    stale = {f.name for f in report.fields_to_update()}
    for s_index, section in enumerate(report.sections):
        for b_index, block in enumerate(section.blocks):
            if not isinstance(block, Paragraph):
                continue
            for name, start, end, shown in block.field_places(report.fields):
                field = report.fields.get(name)
                if name not in stale or field is None:
                    continue
                last = (
                    f"（去年为 {field.last_value}{field.unit}）" if field.last_value not in (None, "") else ""
                )
                if field.value in (None, ""):  # a new report's frame: nothing invented stands here
                    code, message = (
                        "figure.unfilled",
                        f"“{field.label}”还没有填写{last}：在“数据”中填入今年的数字",
                    )
                else:
                    code, message = "figure.stale", f"“{field.label}”还没有更新为今年的数字{last}"
                yield Finding(code, "warning", start, end, message, None, shown, s_index, b_index)


def check_report(report: Report, config: ProofConfig | None = None, with_typos: bool = True) -> list[Finding]:
    config = config or load_config()
    context = Context(report.year, [report.org_full, report.org_short], level=report.level)
    spans = report_spans(report)  # once: the text of every paragraph, fields filled in
    findings = _check_spans(spans, context, config, with_typos)
    findings.extend(f for f in stale_fields(report) if config.enabled(f.code))
    findings.extend(f for f in checks_year.report_markers(report) if config.enabled(f.code))
    findings.extend(f for f in checks_derived.report_derived(report) if config.enabled(f.code))
    # Only for a report, whose year is the writer's own (a plain text's year is a guess from its title).
    findings.extend(f for f in checks_report_year.stale_year_in_titles(report) if config.enabled(f.code))
    findings.extend(
        f for f in checks_report_year.stale_year_in_spans(spans, report.year) if config.enabled(f.code)
    )
    return _with_block_ids(_dedupe(findings), report)


def _with_block_ids(findings: list[Finding], report: Report) -> list[Finding]:
    """Name each finding's section and paragraph by id as well as by index."""
    for finding in findings:
        if finding.section is None or finding.paragraph is None:
            continue
        section = report.sections[finding.section]
        finding.section_id = section.id
        finding.block_id = section.blocks[finding.paragraph].id
    return findings


# ---- entry points for a worker process (the GUI checks in a separate process, so the interpreter
# lock of the window's process is never held by a check) ---------------------------------------------


def warm_up() -> bool:
    """Load what a check needs (in the checking process)."""
    from report_writer.language import lm, typos

    typos.warm_up()
    lm.language_model()  # maps the context model here, where the checks use it (None when absent)
    # A small report checked once: the checks compile some ninety regular expressions on first use (rule
    # tables, patterns written inline), 15–20 ms the writer's first check would otherwise wait for.
    check_report(_warm_up_report())
    check_text(_WARM_UP_TEXT)  # and what only a plain text's check does (its year and office guessed)
    forget()
    return True


# Written for the warm-up: a little of everything the checks look at (a year, figures, a range, a list of
# names, quotation marks, a doubled character, half-width punctuation, a dash).
_WARM_UP_TEXT = (
    "2025年，县政协紧扣“十五五”规划开局之年，组织委员开展协商10余次，提出建议30-40条。"
    "县政协主席王某某、副主席李某某参加调研，约200多名委员参与(含特邀代表)；"
    "全年办理提案120件——办复率100%，的的确确做到件件有回音……"
)


def _warm_up_report() -> Report:
    return Report(
        org_full="示例县政协",
        org_short="县政协",
        year=2025,
        title="2025年工作回顾",
        sections=[Section("work", "一、主要工作", [Paragraph([_WARM_UP_TEXT])])],
    )


def context_model_status() -> str:
    """What became of the context language model here (loading it if the warm-up has not), for 校对设置."""
    from report_writer.language import lm

    lm.language_model()
    return lm.language_model_status()


def check_report_data(data: dict) -> list[Finding]:  # type: ignore[type-arg]
    return check_report(Report.from_dict(data))


def section_keywords_data(data: dict) -> dict[str, list[str]]:  # type: ignore[type-arg]
    """Each section's key terms by section id, for the outline's tooltip (worked out here, in the checking
    process, where the segmenter is already loaded)."""
    from report_writer.core.compare import section_text
    from report_writer.language.segment import section_keywords

    report = Report.from_dict(data)
    texts = [section_text(report, section) for section in report.sections]
    return {
        section.id: terms for section, terms in zip(report.sections, section_keywords(texts), strict=True)
    }
