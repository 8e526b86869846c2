"""Template packs on disk: a folder with template.toml (id, name, fields, the ordered sections), one
Jinja2 file per section and an optional phrases.toml; read and checked here, rendered by
core/templating.py. Packs travel between offices, so every file is read within the pack folder and a
size limit, and every error names the file and what is wrong (docs/ARCHITECTURE.md, “Where to add …”)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report_writer import paths
from report_writer.core.model import FIELD_TYPES, QUALIFIERS, SECTION_KINDS, Field
from report_writer.core.template_sandbox import inside

MAX_TEMPLATE_FILE_BYTES = 1024 * 1024


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


def read_pack_file(path: Path, root: Path | None = None) -> str:
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
    where = f"{root.name}/template.toml"
    data = _manifest(root, where)
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
    pack.fields = [
        _field_spec(raw, f"{where} 第 {i + 1} 个字段") for i, raw in enumerate(data.get("fields", []))
    ]
    pack.sections = [
        _section_spec(raw, f"{where} 第 {i + 1} 节") for i, raw in enumerate(data.get("sections", []))
    ]
    if not pack.sections:
        raise TemplateError(f"{where}：没有任何栏目（sections）")
    pack.phrases = _phrases(root)
    return pack


def _manifest(root: Path, where: str) -> dict[str, Any]:
    """template.toml read, with the types of its top-level keys and of its [[fields]] and [[sections]]
    checked."""
    manifest = root / "template.toml"
    if not manifest.is_file():
        raise TemplateError(f"{root} 不是模板包：缺少 template.toml")
    try:
        data = tomllib.loads(read_pack_file(manifest, root))
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
    return data


def _field_spec(raw: dict[str, Any], where: str) -> FieldSpec:
    name = _need(raw, "name", str, where)
    if not _NAME_RE.match(name):
        raise TemplateError(f"{where}：字段名“{name}”只能用字母、数字和下划线")
    field_type = raw.get("type", "integer")
    if field_type not in FIELD_TYPES:
        raise TemplateError(f"{where}：未知类型“{field_type}”")
    qualifier = raw.get("qualifier", "")
    if qualifier not in QUALIFIERS:
        raise TemplateError(f"{where}：未知的约数词“{qualifier}”")
    total_of = raw.get("total_of", [])
    if not isinstance(total_of, list) or not all(isinstance(n, str) for n in total_of):
        raise TemplateError(f"{where}：total_of 应为字段名的列表")
    label = _need(raw, "label", str, where)
    return FieldSpec(name, label, raw.get("unit", ""), field_type, raw.get("default"), qualifier, total_of)


def _section_spec(raw: dict[str, Any], where: str) -> SectionSpec:
    kind = _need(raw, "kind", str, where)
    if kind not in SECTION_KINDS:
        raise TemplateError(f"{where}：未知的栏目类型“{kind}”")
    file_name = _need(raw, "file", str, where)
    if "/" in file_name or "\\" in file_name or file_name.startswith("."):
        raise TemplateError(f"{where}：文件名“{file_name}”不能包含路径")
    return SectionSpec(kind, raw.get("heading", ""), file_name)


def _phrases(root: Path) -> dict[str, list[str]]:
    """phrases.toml, if the pack has one: the 素材 tab's phrases by section kind."""
    phrases_file = root / "phrases.toml"
    if not phrases_file.is_file():
        return {}
    try:
        phrases = tomllib.loads(read_pack_file(phrases_file, root))
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise TemplateError(f"{root.name}/phrases.toml 格式错误：{exc}") from exc
    return {k: [str(p) for p in v] for k, v in phrases.items() if isinstance(v, list)}


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
