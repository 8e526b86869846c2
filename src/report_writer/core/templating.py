"""Rendering a template pack (core/template_packs.py reads and checks it) into a Report.

Templates travel between offices, so they are untrusted: they render in Jinja2's
SandboxedEnvironment with StrictUndefined, file access is limited to the pack folder, and every
error names the file, the line and what is missing.

Fields stay fields: a field in the context renders as a private-use marker (\\ue000name\\ue001),
which the parser turns back into a FieldRef after rendering.

Section text, after Jinja2, is a small markup of our own: paragraphs separated by blank lines;
`**lead phrase。**rest` gives a run-in lead phrase; a paragraph `![caption](photo:NAME.png)` or
`![caption](images/NAME.png)` is a figure.
"""

from __future__ import annotations

import contextlib
import logging
import re
import tomllib
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from report_writer import paths
from report_writer.core.images import ImageError, media_from_bytes
from report_writer.core.level import LevelError, check_level, derive_level, fill_phrase
from report_writer.core.model import (
    Field,
    FieldRef,
    Figure,
    Inline,
    ModelError,
    Paragraph,
    Report,
    Section,
)
from report_writer.core.numerals import chinese_count, chinese_year, percent
from report_writer.core.sanitize import check_report

# What callers know as the templating API; packs are read in template_packs.py.
from report_writer.core.template_packs import TemplateError as TemplateError
from report_writer.core.template_packs import TemplatePack as TemplatePack
from report_writer.core.template_packs import find_pack as find_pack
from report_writer.core.template_packs import list_packs as list_packs
from report_writer.core.template_packs import load_pack as load_pack
from report_writer.core.template_packs import read_pack_file
from report_writer.core.template_packs import scan_packs as scan_packs
from report_writer.core.template_sandbox import (
    BudgetedSandbox,
    PackLoader,
    TemplateBudgetError,
    render_bounded,
)
from report_writer.core.yearly import marker, upper_level, wording_for, wording_or_marker

log = logging.getLogger(__name__)
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKER_RE = re.compile(f"{_MARK_OPEN}([^{_MARK_CLOSE}|]+)(?:\\|([a-z]+))?{_MARK_CLOSE}")
# ![caption](photo:NAME.png "subject"): the optional subject names what a new report's placeholder
# should show.
_FIGURE_RE = re.compile(r'^!\[(?P<caption>[^\]]*)\]\((?P<src>[^)"]*?)(?:\s+"(?P<subject>[^"]*)")?\s*\)$')
_LEAD_RE = re.compile(r"^\*\*(?P<lead>.+?)\*\*(?P<rest>.*)$", re.S)


# ---- rendering ---------------------------------------------------------------------------------


class FieldToken:
    """What a template sees for a field: prints as a marker, exposes value/label/unit to logic."""

    def __init__(self, spec: Field) -> None:
        self.name = spec.name
        self.label = spec.label
        self.unit = spec.unit
        self.value = spec.value

    def __str__(self) -> str:
        return f"{_MARK_OPEN}{self.name}{_MARK_CLOSE}"


def _filter_cn(value: Any) -> str:
    if isinstance(value, FieldToken):
        return f"{_MARK_OPEN}{value.name}|cn{_MARK_CLOSE}"
    return chinese_count(int(value))


def _filter_year_cn(value: Any) -> str:
    if isinstance(value, FieldToken) and value.value is None:
        return str(value)  # 待填: the field's own token shows its label
    year: Any = value.value if isinstance(value, FieldToken) else value  # a number, or a string of digits
    return chinese_year(int(year))


def _filter_pct(value: Any, digits: int = 1) -> str:
    if isinstance(value, FieldToken):
        return str(value)  # the field keeps its place (and its percent display) in the report
    return percent(float(value), digits)


def _environment(pack: TemplatePack) -> SandboxedEnvironment:
    env = BudgetedSandbox(
        loader=PackLoader(pack.path),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )
    env.filters.update(cn=_filter_cn, year_cn=_filter_year_cn, pct=_filter_pct)
    return env


def _template_line(exc: BaseException, file_name: str) -> int | None:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and (frame.filename.endswith(file_name) or frame.filename == "<template>"):
            return frame.lineno
    return None


def _explain(exc: Exception, pack: TemplatePack, file_name: str) -> TemplateError:
    place = f"模板 {pack.id}/{file_name}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(f"{place} 第 {exc.lineno} 行：语法错误：{exc.message}")
    line = _template_line(exc, file_name)
    at = f"{place} 第 {line} 行" if line else place
    if isinstance(exc, TemplateBudgetError):
        return TemplateError(f"{at}：{exc}，已停止。请修改模板。")
    if isinstance(exc, RecursionError):
        return TemplateError(f"{at}：模板嵌套或递归过深，已停止。请修改模板。")
    if isinstance(exc, SecurityError):
        return TemplateError(f"{at}：模板试图访问不安全的内容，已阻止（{exc}）。")
    if isinstance(exc, jinja2.UndefinedError):
        match = re.search(r"'([^']+)' is undefined", str(exc))
        missing = match.group(1) if match else str(exc)
        return TemplateError(f"{at}：缺少字段“{missing}”。请在数据中补上该字段，或修改模板。")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"{place}：找不到文件 {exc.name}")
    log.info("template %s failed: %r", place, exc)
    return TemplateError(f"{at}：渲染出错（{type(exc).__name__}），请检查这一行。")


def _render(
    env: SandboxedEnvironment,
    pack: TemplatePack,
    context: dict[str, Any],
    file_name: str,
    source: str | None = None,
) -> str:
    try:
        if source is None:
            if not (pack.path / file_name).is_file():
                raise TemplateError(f"模板 {pack.id}：找不到栏目文件 {file_name}")
            read_pack_file(pack.path / file_name, pack.path)  # size, encoding and symlink checks first
            template = env.get_template(file_name)
        else:
            template = env.from_string(source)
        return render_bounded(template, context)
    except TemplateError:
        raise
    except (
        jinja2.TemplateError,
        SecurityError,
        TypeError,
        ValueError,
        AttributeError,
        ArithmeticError,
        LookupError,
        RecursionError,
    ) as exc:
        raise _explain(exc, pack, file_name) from exc


def _split_inline(text: str, fields: dict[str, Field]) -> list[Inline]:
    parts: list[Inline] = []
    pos = 0
    for match in _MARKER_RE.finditer(text):
        if match.start() > pos:
            parts.append(text[pos : match.start()])
        name, style = match.group(1), match.group(2) or "plain"
        if name not in fields:
            raise TemplateError(f"模板引用了不存在的字段“{name}”")
        parts.append(FieldRef(name, style))
        pos = match.end()
    if pos < len(text):
        parts.append(text[pos:])
    return parts


def _flatten_markers(text: str, fields: dict[str, Field]) -> str:
    return _MARKER_RE.sub(lambda m: fields[m.group(1)].display(m.group(2) or "plain"), text)


def _photo_path(pack: TemplatePack, src: str) -> Path:
    """Where a figure source points; sources cannot leave their folder (checked even when not loaded)."""
    if src.startswith("photo:"):
        base = paths.resource("photos")
        relative = src[len("photo:") :]
    else:
        base = pack.path
        relative = src
    candidate = (base / relative).resolve()
    if not candidate.is_relative_to(base.resolve()):
        raise TemplateError(f"模板 {pack.id}：图片路径“{src}”超出了模板文件夹，已拒绝。")
    return candidate


def _load_photo(pack: TemplatePack, src: str, report: Report) -> str | None:
    """Resolve a figure source to media in the report."""
    candidate = _photo_path(pack, src)
    if not candidate.is_file():
        return None
    try:
        item = media_from_bytes(candidate.read_bytes())
    except ImageError as exc:
        raise TemplateError(f"模板 {pack.id}：图片“{src}”无法使用：{exc}") from exc
    report.media[item.sha256] = item
    return item.sha256


def _photo_subject(caption: str, report: Report) -> str:
    """What a placeholder asks for, from the sample caption: 示例区政协召开全体会议，委员… -> 召开全体会议."""
    text = re.sub(r"【[^】]*】", "", caption)
    for name in sorted(
        {report.org_full, report.org_short, report.org_short.removesuffix("政协")}, key=len, reverse=True
    ):
        if name:
            text = text.replace(name, "")
    text = re.split(r"[，。；：]", text.strip("，。 "))[0]
    return text[:30]


def _parse_section(
    text: str, pack: TemplatePack, report: Report, sample: bool = True
) -> list[Paragraph | Figure]:
    blocks: list[Paragraph | Figure] = []
    for chunk in re.split(r"\n[ \t\u3000]*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        joined = "".join(lines)
        figure = _FIGURE_RE.match(joined)
        if figure:
            caption = _flatten_markers(figure.group("caption"), report.fields)
            if sample:
                blocks.append(
                    Figure(image=_load_photo(pack, figure.group("src").strip(), report), caption=caption)
                )
            else:  # a new report's photos are the writer's own: a placeholder saying what belongs there
                _photo_path(pack, figure.group("src").strip())
                subject = (figure.group("subject") or "").strip() or _photo_subject(caption, report)
                blocks.append(Figure(image=None, caption="", placeholder=subject))
            continue
        lead_match = _LEAD_RE.match(joined)
        lead = None
        if lead_match:
            lead = _flatten_markers(lead_match.group("lead"), report.fields)
            joined = lead_match.group("rest")
        blocks.append(Paragraph(parts=_split_inline(joined, report.fields), lead=lead))
    return blocks


def build_fields(
    pack: TemplatePack, values: dict[str, Any] | None = None, sample: bool = False
) -> dict[str, Field]:
    """The pack's fields with the given values; the rest keep the pack's sample values only for the sample
    report, and are 待填 (None) otherwise: a made-up number must never look like the office's own."""
    values = values or {}
    unknown = sorted(set(values) - {spec.name for spec in pack.fields})
    if unknown:
        raise TemplateError(f"数据中有模板 {pack.id} 没有的字段：{'、'.join(unknown)}")
    fields: dict[str, Field] = {}
    for spec in pack.fields:
        value = values.get(spec.name, spec.default if sample else None)
        if value is not None and spec.type in ("integer",) and not isinstance(value, int):
            raise TemplateError(f"字段“{spec.label}”（{spec.name}）应为整数，实际是“{value}”")
        if value is not None and spec.type in ("decimal", "percent") and not isinstance(value, int | float):
            raise TemplateError(f"字段“{spec.label}”（{spec.name}）应为数字，实际是“{value}”")
        fields[spec.name] = spec.new_field(value)
    for spec in pack.fields:
        unknown = [n for n in spec.total_of if n not in fields]
        if unknown:
            raise TemplateError(f"模板 {pack.id} 的字段“{spec.name}”：total_of 中的“{unknown[0]}”不存在")
    return fields


def _context(pack: TemplatePack, report: Report, sample: bool) -> dict[str, Any]:
    """What a template sees (render_pack's docstring lists it): the office, the years, the year's
    wording, `blank` and `verify`, and every field as a token that renders as a field."""
    org_full, org_short, year, level = report.org_full, report.org_short, report.year, report.level
    sample_blanks: dict[str, Any] = pack.sample.get("blanks", {}) if sample else {}
    context: dict[str, Any] = {
        "org": org_full,
        "short": org_short,
        "place": org_short.removesuffix("政协"),  # 示例区政协 -> 示例区, for phrases like 助推示例区发展
        "level": level,
        "year": year,
        "last_year": year - 1,
        "next_year": year + 1,
        "upper": upper_level(org_full, level),
        "chongqing": org_full.startswith("重庆") or org_short.startswith("重庆"),
        "yw": wording_or_marker(year),
        "yw_next": wording_or_marker(year + 1),
        "yw_known": {key: text is not None for key, text in wording_for(year).items()},
        "yw_next_known": {key: text is not None for key, text in wording_for(year + 1).items()},
        "blank": lambda key, hint: str(sample_blanks.get(key, marker(hint))),
        "verify": "" if sample else marker("核实"),
    }
    context.update({name: FieldToken(f) for name, f in report.fields.items()})
    return context


def render_pack(
    pack: TemplatePack,
    org_full: str,
    org_short: str,
    year: int,
    values: dict[str, Any] | None = None,
    level: str | None = None,
    sample: bool = False,
) -> Report:
    """Render a pack into a Report whose paragraphs keep their field references.

    Besides the fields, a template sees: org, short, place, year, last_year, next_year; `level`
    (区/县/市 …, the bare word of 全区, 区委, 区政协) and `upper` (the level above: 在市政协的指导下);
    `chongqing` (a Chongqing office: its own terms); `yw` / `yw_next`, the wording of the report's
    year and of the next one from resources/yearly_wording.toml (a key with no row for that year is a
    visible 【核实：…】 marker; `yw_known.key` / `yw_next_known.key` say whether there is a row);
    `blank(key, hint)`, a fact only the writer knows, shown as 【hint】 (the sample report fills it
    from [sample.blanks]); `verify`, the marker 【核实】 put after a result the writer must confirm.
    `level` defaults to the one the names say.
    A new report is a frame: figures not in `values` are 待填 and photos are placeholders. `sample` keeps the
    pack's sample figures and photos (the built-in 示例 report)."""
    fields = build_fields(pack, values, sample)
    try:
        level = check_level(level) if level else derive_level(org_full, org_short)
    except LevelError as exc:
        raise TemplateError(str(exc)) from exc
    report = Report(
        org_full=org_full,
        org_short=org_short,
        year=year,
        title="",
        template_id=pack.id,
        fields=fields,
        level=level,
    )
    env = _environment(pack)
    context = _context(pack, report, sample)
    for key in ("title", "subtitle", "byline"):
        source = getattr(pack, key)
        rendered = _render(env, pack, context, f"template.toml:{key}", source=source) if source else ""
        setattr(report, key, _flatten_markers(rendered.strip(), fields))
    for spec in pack.sections:
        heading = _render(env, pack, context, f"template.toml:{spec.file}:heading", source=spec.heading)
        body = _render(env, pack, context, spec.file)
        report.sections.append(
            Section(
                kind=spec.kind,
                heading=_flatten_markers(heading.strip(), fields),
                blocks=_parse_section(body, pack, report, sample),
            )
        )
    try:
        check_report(report)  # the boundary check every report passes (core/sanitize.py)
    except ModelError as exc:
        raise TemplateError(f"模板 {pack.id} 生成的报告不合要求：{exc}") from exc
    return report


def sample_report(template_id: str = "huimou") -> Report:
    """A pack rendered with its own sample organisation and values."""
    pack = find_pack(template_id)
    sample = pack.sample
    return render_pack(
        pack,
        org_full=sample.get("org_full", "重庆市示例区政协"),
        org_short=sample.get("org_short", "示例区政协"),
        year=int(sample.get("year", 2024)),
        sample=True,
    )


def phrases_for(template_id: str, kind: str, report: Report | None = None) -> list[str]:
    """素材 for a section kind: the template's own phrases first, then the general ones we ship; with a
    report, in its own words (××区委 -> 测试县委, 全区 -> 全县)."""
    phrases = _raw_phrases(template_id, kind)
    if report is None:
        return phrases
    place = report.org_short.removesuffix("政协")
    filled = [fill_phrase(p, place, report.level) for p in phrases]
    return list(dict.fromkeys(filled))


def _raw_phrases(template_id: str, kind: str) -> list[str]:
    phrases: list[str] = []
    with contextlib.suppress(TemplateError):
        phrases.extend(find_pack(template_id).phrases.get(kind, []))
    general = paths.resource("phrases.toml")
    if general.is_file():
        data = tomllib.loads(general.read_text(encoding="utf-8"))
        phrases.extend(p for p in data.get(kind, []) if p not in phrases)
        phrases.extend(p for p in data.get("通用", []) if p not in phrases)
    return phrases
