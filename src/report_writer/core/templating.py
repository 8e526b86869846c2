"""Template packs: a folder with template.toml and one Jinja2 file per section.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from report_writer import paths
from report_writer.core.images import ImageError, media_from_bytes
from report_writer.core.level import LevelError, check_level, derive_level, fill_phrase
from report_writer.core.model import (
    FIELD_TYPES,
    QUALIFIERS,
    SECTION_KINDS,
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
from report_writer.core.template_sandbox import (
    BudgetedSandbox,
    PackLoader,
    TemplateBudgetError,
    inside,
    render_bounded,
)
from report_writer.core.yearly import marker, upper_level, wording_for, wording_or_marker

log = logging.getLogger(__name__)
MAX_TEMPLATE_FILE_BYTES = 1024 * 1024
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKER_RE = re.compile(f"{_MARK_OPEN}([^{_MARK_CLOSE}|]+)(?:\\|([a-z]+))?{_MARK_CLOSE}")
# ![caption](photo:NAME.png "subject"): the optional subject names what a new report's placeholder
# should show.
_FIGURE_RE = re.compile(r'^!\[(?P<caption>[^\]]*)\]\((?P<src>[^)"]*?)(?:\s+"(?P<subject>[^"]*)")?\s*\)$')
_LEAD_RE = re.compile(r"^\*\*(?P<lead>.+?)\*\*(?P<rest>.*)$", re.S)
_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class TemplateError(Exception):
    """A template could not be loaded or rendered; the message is for the user."""


@dataclass
class FieldSpec:
    """A figure as a template declares it: its shape and a sample value. Not a model Field: a pack has
    no year, so no value of its own, no last year's value and no 待更新; `new_field` makes the report's
    figure."""

    name: str
    label: str
    unit: str = ""
    type: str = "integer"
    default: int | float | str | None = None
    qualifier: str = ""
    total_of: list[str] = field(default_factory=list)  # this figure is the sum of these (checked by 校对)

    def new_field(self, value: int | float | str | None) -> Field:
        """This figure in a new report, with this year's value (None: 待填)."""
        return Field(
            self.name,
            self.label,
            self.unit,
            self.type,
            value,
            qualifier=self.qualifier,
            total_of=list(self.total_of),
        )


@dataclass
class SectionSpec:
    kind: str
    heading: str
    file: str


@dataclass
class TemplatePack:
    id: str
    name: str
    description: str
    path: Path
    title: str
    subtitle: str = ""
    byline: str = ""
    fields: list[FieldSpec] = field(default_factory=list)
    sections: list[SectionSpec] = field(default_factory=list)
    sample: dict[str, Any] = field(default_factory=dict)
    phrases: dict[str, list[str]] = field(default_factory=dict)
    builtin: bool = False

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "builtin": self.builtin,
            "path": str(self.path),
            "sections": [{"kind": s.kind, "heading": s.heading} for s in self.sections],
            "fields": len(self.fields),
        }


# ---- loading -----------------------------------------------------------------------------------


def _read_text(path: Path, root: Path | None = None) -> str:
    """A pack file's text; with `root`, a file that resolves (through symlinks) outside it is refused."""
    if root is not None and not inside(root, path):
        raise TemplateError(f"模板文件 {path.name} 链接到模板包以外，已拒绝。")
    try:
        if path.stat().st_size > MAX_TEMPLATE_FILE_BYTES:
            raise TemplateError(f"模板文件过大：{path.name}（上限 1 MB）")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(f"模板文件 {path.name} 不是 UTF-8 编码。") from exc
    except OSError as exc:
        raise TemplateError(f"无法读取模板文件 {path}：{exc.strerror or exc}") from exc


def _need(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise TemplateError(f"{where}：“{key}”缺失或类型不对")
    return value


def load_pack(folder: str | Path, builtin: bool = False) -> TemplatePack:
    """Read and check a pack's template.toml (the section files are read when rendering)."""
    root = Path(folder)
    manifest = root / "template.toml"
    if not manifest.is_file():
        raise TemplateError(f"{root} 不是模板包：缺少 template.toml")
    where = f"{root.name}/template.toml"
    try:
        data = tomllib.loads(_read_text(manifest, root))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{where} 格式错误：{exc}") from exc
    except ValueError as exc:  # tomllib: an integer of thousands of digits
        raise TemplateError(f"{where} 中有无法读取的数值，请改正后再试。") from exc
    for key, kind in (
        ("fields", list),
        ("sections", list),
        ("sample", dict),
        ("description", str),
        ("subtitle", str),
        ("byline", str),
    ):
        if key in data and not isinstance(data[key], kind):
            raise TemplateError(f"{where}：“{key}”的类型不对（应为{_KIND_NAMES[kind]}）")
    for key in ("fields", "sections"):
        for index, raw in enumerate(data.get(key, [])):
            if not isinstance(raw, dict):
                raise TemplateError(f"{where}：{key} 的第 {index + 1} 项应为表（[[{key}]]）")
    pack = TemplatePack(
        id=_need(data, "id", str, where),
        name=_need(data, "name", str, where),
        description=data.get("description", ""),
        path=root,
        title=_need(data, "title", str, where),
        subtitle=data.get("subtitle", ""),
        byline=data.get("byline", ""),
        sample=data.get("sample", {}),
        builtin=builtin,
    )
    for index, raw in enumerate(data.get("fields", [])):
        f_where = f"{where} 第 {index + 1} 个字段"
        name = _need(raw, "name", str, f_where)
        if not _NAME_RE.match(name):
            raise TemplateError(f"{f_where}：字段名“{name}”只能用字母、数字和下划线")
        field_type = raw.get("type", "integer")
        if field_type not in FIELD_TYPES:
            raise TemplateError(f"{f_where}：未知类型“{field_type}”")
        qualifier = raw.get("qualifier", "")
        if qualifier not in QUALIFIERS:
            raise TemplateError(f"{f_where}：未知的约数词“{qualifier}”")
        total_of = raw.get("total_of", [])
        if not isinstance(total_of, list) or not all(isinstance(n, str) for n in total_of):
            raise TemplateError(f"{f_where}：total_of 应为字段名的列表")
        pack.fields.append(
            FieldSpec(
                name,
                _need(raw, "label", str, f_where),
                raw.get("unit", ""),
                field_type,
                raw.get("default"),
                qualifier,
                total_of,
            )
        )
    for index, raw in enumerate(data.get("sections", [])):
        s_where = f"{where} 第 {index + 1} 节"
        kind = _need(raw, "kind", str, s_where)
        if kind not in SECTION_KINDS:
            raise TemplateError(f"{s_where}：未知的栏目类型“{kind}”")
        file_name = _need(raw, "file", str, s_where)
        if "/" in file_name or "\\" in file_name or file_name.startswith("."):
            raise TemplateError(f"{s_where}：文件名“{file_name}”不能包含路径")
        pack.sections.append(SectionSpec(kind, raw.get("heading", ""), file_name))
    if not pack.sections:
        raise TemplateError(f"{where}：没有任何栏目（sections）")
    phrases_file = root / "phrases.toml"
    if phrases_file.is_file():
        try:
            phrases = tomllib.loads(_read_text(phrases_file, root))
        except (tomllib.TOMLDecodeError, ValueError) as exc:
            raise TemplateError(f"{root.name}/phrases.toml 格式错误：{exc}") from exc
        pack.phrases = {k: [str(p) for p in v] for k, v in phrases.items() if isinstance(v, list)}
    return pack


_KIND_NAMES = {list: "列表", dict: "表", str: "文字"}


@dataclass
class BrokenPack:
    """A user pack that cannot be used, with the reason (shown by `templates` and in the gallery)."""

    folder: Path
    reason: str


def scan_packs() -> tuple[list[TemplatePack], list[BrokenPack]]:
    """Built-in packs, then the user's own; a broken user pack is set aside with its reason."""
    packs: list[TemplatePack] = []
    broken: list[BrokenPack] = []
    for folder, builtin in ((paths.templates_dir(), True), (paths.user_templates_dir(), False)):
        try:
            children = sorted(folder.iterdir()) if folder.is_dir() else []
        except OSError as exc:
            broken.append(BrokenPack(folder, f"无法读取模板文件夹（{exc.strerror or '读取失败'}）"))
            continue
        for child in children:
            try:
                if not (child / "template.toml").is_file():
                    continue
                packs.append(load_pack(child, builtin=builtin))
            except (TemplateError, OSError) as exc:
                if builtin:
                    raise
                reason = (
                    str(exc)
                    if isinstance(exc, TemplateError)
                    else f"无法读取（{exc.strerror or '读取失败'}）"
                )
                broken.append(BrokenPack(child, reason))
    return packs, broken


def list_packs() -> list[TemplatePack]:
    """Built-in packs, then the user's own; a broken user pack is skipped, not fatal (scan_packs says why)."""
    return scan_packs()[0]


def find_pack(template_id: str) -> TemplatePack:
    packs, broken = scan_packs()
    for pack in packs:
        if pack.id == template_id:
            return pack
    for bad in broken:
        if bad.folder.name == template_id:
            raise TemplateError(f"模板“{template_id}”无法使用：{bad.reason}")
    known = "、".join(p.id for p in packs)
    raise TemplateError(f"没有 id 为“{template_id}”的模板。可用的模板：{known}")


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
            _read_text(pack.path / file_name, pack.path)  # size, encoding and symlink checks first
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
    place = org_short.removesuffix("政协")  # 示例区政协 -> 示例区, for phrases like 助推示例区发展
    context: dict[str, Any] = {
        "org": org_full,
        "short": org_short,
        "place": place,
        "level": level,
        "year": year,
        "last_year": year - 1,
        "next_year": year + 1,
    }
    sample_blanks: dict[str, Any] = pack.sample.get("blanks", {}) if sample else {}
    context.update(
        {
            "level": level,
            "upper": upper_level(org_full, level),
            "chongqing": org_full.startswith("重庆") or org_short.startswith("重庆"),
            "yw": wording_or_marker(year),
            "yw_next": wording_or_marker(year + 1),
            "yw_known": {key: text is not None for key, text in wording_for(year).items()},
            "yw_next_known": {key: text is not None for key, text in wording_for(year + 1).items()},
            "blank": lambda key, hint: str(sample_blanks.get(key, marker(hint))),
            "verify": "" if sample else marker("核实"),
        }
    )
    context.update({name: FieldToken(f) for name, f in fields.items()})
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
