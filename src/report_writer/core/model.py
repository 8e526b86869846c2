"""The report model: Report -> Section -> blocks (Paragraph, Figure), plus typed fields.

A paragraph keeps field references as references (FieldRef), so changing a figure in one place changes
every sentence that uses it, and next year the same report becomes next year's draft.
The JSON form carries `format_version`; `Report.from_dict` validates and names what is wrong.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from report_writer.core.level import LEVELS, derive_level
from report_writer.core.numerals import chinese_count, percent

FORMAT_VERSION = 1

SECTION_KINDS: tuple[str, ...] = (
    "导语",
    "思想政治引领",
    "建言资政",
    "协商平台",
    "民主监督",
    "凝聚共识",
    "委员履职",
    "自身建设",
    "结语",
    "其他",
)
FIELD_TYPES: tuple[str, ...] = ("integer", "decimal", "percent", "text")
FIELD_STATUSES: tuple[str, ...] = ("filled", "to_update")
REF_STYLES: tuple[str, ...] = ("plain", "cn")
QUALIFIERS: tuple[str, ...] = ("", "余", "多", "近", "约")


class ModelError(ValueError):
    """Raised when report data is malformed; the message names the place and the problem."""


class FigureError(ValueError):
    """A figure cannot be changed as asked; the message is for the user."""


FieldValue = int | float | str | None
# 约30, 近百 are written before the number, 450余, 30多 after it.
_INPUT_RE = re.compile(r"^(?P<pre>约|近)?\s*(?P<num>-?\d+(?:\.\d+)?)\s*(?P<post>余|多)?\s*(?P<pct>[%％])?$")


@dataclass(frozen=True)
class FieldState:
    """A field's value and status, kept by an undo step to put them back."""

    value: FieldValue
    status: str


def new_id() -> str:
    return uuid.uuid4().hex[:12]


# A block id read from a file: short, plain ASCII (ours are 12 hex digits); anything else gets a new id.
_BLOCK_ID = re.compile(r"[0-9A-Za-z_-]{1,40}")


@dataclass
class Field:
    name: str
    label: str
    unit: str = ""
    type: str = "integer"
    value: int | float | str | None = None
    last_value: int | float | str | None = None
    qualifier: str = ""
    status: str = "filled"
    total_of: list[str] = field(
        default_factory=list
    )  # figures this one is the sum of (declared by a template)

    def display(self, style: str = "plain") -> str:
        """The text that stands in a sentence for this field (number and qualifier, no unit)."""
        if self.value is None or self.value == "":
            return (
                f"【{self.label}】"  # a frame's empty figure shows what belongs there, never a made-up number
            )
        prefix = self.qualifier if self.qualifier in ("近", "约") else ""  # 近百人, 约30场
        suffix = self.qualifier if self.qualifier in ("余", "多") else ""
        if self.type == "percent":
            return prefix + percent(float(self.value)) + suffix
        if self.type == "integer" and style == "cn":
            return prefix + chinese_count(int(self.value)) + suffix
        if self.type == "decimal":
            text = f"{float(self.value):g}"
            return prefix + text + suffix
        return prefix + str(self.value) + suffix

    # ---- staleness: 待填 (no value yet), 待更新 (last year's, not yet confirmed) ----

    def is_empty(self) -> bool:
        """待填: no value yet (a frame's figure before the office gives it)."""
        return self.value is None or self.value == ""

    def is_stale(self) -> bool:
        """待更新: kept from last year (after a roll-over) and not yet confirmed for this year."""
        return self.status == "to_update" and not self.is_empty()

    def needs_update(self) -> bool:
        """待填 or 待更新: orange in the text and the 数据 table, marked in the export, listed by 校对."""
        return self.status == "to_update" or self.is_empty()

    def status_text(self) -> str:
        return "待填" if self.is_empty() else "待更新" if self.needs_update() else "已填"

    def state(self) -> FieldState:
        return FieldState(self.value, self.status)

    def set_value(self, value: FieldValue) -> FieldState:
        """The writer's value for this year: filled, or (emptied) to update. Returns what it was, for
        undo (restore)."""
        before = self.state()
        self.value = value
        self.status = "filled" if value not in (None, "") else "to_update"
        return before

    def restore(self, state: FieldState) -> None:
        self.value, self.status = state.value, state.status

    def carry_to_next_year(self) -> None:
        """Roll-over: this year's value becomes last year's and stands (待更新) until confirmed."""
        self.last_value = self.value
        self.status = "to_update"

    # ---- what the writer types and sees in the 数据 table ----

    def value_text(self, value: object) -> str:
        """This year's or last year's value as the 数据 table shows it: 450余, 98.5%."""
        if value in (None, ""):
            return ""
        if self.type == "percent":
            return f"{value}%"
        return str(value) + (self.qualifier if self.qualifier in ("余", "多") else "")

    def parse_input(self, text: str) -> tuple[FieldValue, str | None]:
        """What the writer typed into 今年: (value, qualifier), where the qualifier is None if none was typed.
        450余 -> (450, 余), 约30 -> (30, 约), 1,200 -> (1200, None), empty -> (None, None)."""
        cleaned = text.strip().replace(",", "").replace("，", "")
        if cleaned == "":
            return None, None
        if self.type == "text":
            return text.strip(), None
        match = _INPUT_RE.match(cleaned)
        if not match:
            if self.type == "integer":
                raise FigureError(f"“{self.label}”应填整数，例如 91、450余、约30")
            raise FigureError(f"“{self.label}”应填数字，例如 12.5")
        number = match.group("num")
        qualifier = match.group("pre") or match.group("post")
        if self.type == "integer":
            if "." in number:
                raise FigureError(f"“{self.label}”应填整数，例如 91 或 450余")
            return int(number), qualifier
        return (float(number) if "." in number else int(number)), qualifier

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "label": self.label,
            "unit": self.unit,
            "type": self.type,
            "value": self.value,
            "last_value": self.last_value,
            "qualifier": self.qualifier,
            "status": self.status,
        }
        if self.total_of:
            data["total_of"] = list(self.total_of)
        return data


def unknown_field_text(name: str) -> str:
    """What stands for a reference to a field the report does not have (never saved: the model refuses
    it on load), so it cannot pass unseen."""
    return f"〔未知字段：{name}〕"


@dataclass
class FieldRef:
    name: str
    style: str = "plain"


Inline = str | FieldRef


@dataclass
class Paragraph:
    parts: list[Inline] = field(default_factory=list)
    lead: str | None = None
    # Stable for the life of the paragraph (saved in the .rwp): findings, underlines and 采用建议 address
    # a paragraph by id and an offset in its text, never by its index (which an edit changes).
    # Not compared: two paragraphs with the same content are equal whatever their ids.
    id: str = field(default_factory=new_id, compare=False)

    def pieces(self, fields: dict[str, Field]) -> list[str]:
        """The text of the lead phrase (if any), then of each part (a field as it reads): the one rule
        for what `text` is, so an offset in `text` can be traced back to a part."""
        lead = [self.lead] if self.lead else []
        return lead + [
            part if isinstance(part, str) else self.body_text_of(part, fields) for part in self.parts
        ]

    def body_text(self, fields: dict[str, Field]) -> str:
        return "".join(
            part if isinstance(part, str) else self.body_text_of(part, fields) for part in self.parts
        )

    @staticmethod
    def body_text_of(ref: FieldRef, fields: dict[str, Field]) -> str:
        ref_field = fields.get(ref.name)
        return ref_field.display(ref.style) if ref_field else unknown_field_text(ref.name)

    def text(self, fields: dict[str, Field]) -> str:
        return "".join(self.pieces(fields))

    def field_names(self) -> list[str]:
        return [p.name for p in self.parts if isinstance(p, FieldRef)]

    def field_places(self, fields: dict[str, Field]) -> Iterator[tuple[str, int, int, str]]:
        """(field name, start, end, text as it reads) of each figure standing in `text`."""
        position = len(self.lead or "")
        for part in self.parts:
            shown = part if isinstance(part, str) else self.body_text_of(part, fields)
            if isinstance(part, FieldRef):
                yield part.name, position, position + len(shown), shown
            position += len(shown)


@dataclass
class Figure:
    image: str | None  # sha256 of a MediaItem in Report.media, or None for a placeholder
    caption: str = ""
    placeholder: str = ""  # for a photo still to insert: what it should show (全体会议)
    id: str = field(default_factory=new_id, compare=False)  # as Paragraph.id

    def placeholder_text(self) -> str:
        return f"此处插入图片：{self.placeholder}" if self.placeholder else "此处插入图片"


Block = Paragraph | Figure


@dataclass
class Section:
    kind: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    numbering: str = (
        ""  # the heading's own list marker in an imported file (一、 （一） 1. ■), kept for export
    )


@dataclass
class MediaItem:
    sha256: str
    mime: str
    width: int
    height: int
    data: bytes


@dataclass
class Report:
    org_full: str
    org_short: str
    year: int
    title: str
    subtitle: str = ""
    byline: str = ""
    template_id: str = ""
    fields: dict[str, Field] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    media: dict[str, MediaItem] = field(default_factory=dict)  # stored apart from the JSON body
    ignored_findings: list[str] = field(default_factory=list)  # proofreading findings the writer dismissed
    level: str = ""  # 区/县/市 …: the bare word in 全县, 县委, 县政协; empty means derived from the names

    def __post_init__(self) -> None:
        if not self.level:
            self.level = derive_level(self.org_full, self.org_short)

    def referenced_media(self) -> set[str]:
        return {b.image for s in self.sections for b in s.blocks if isinstance(b, Figure) and b.image}

    def blocks_by_id(self) -> dict[str, tuple[Section, Block]]:
        """Every block by its id, with its section."""
        return {block.id: (section, block) for section in self.sections for block in section.blocks}

    def iter_blocks(self) -> Iterator[tuple[Section, Block]]:
        for section in self.sections:
            for block in section.blocks:
                yield section, block

    def fields_to_update(self) -> list[Field]:
        return [f for f in self.fields.values() if f.needs_update()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": FORMAT_VERSION,
            "org_full": self.org_full,
            "org_short": self.org_short,
            "year": self.year,
            "title": self.title,
            "subtitle": self.subtitle,
            "byline": self.byline,
            "level": self.level,
            "template_id": self.template_id,
            "fields": [f.to_dict() for f in self.fields.values()],
            "sections": [_section_to_dict(s) for s in self.sections],
            "ignored_findings": list(self.ignored_findings),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Report:
        return _report_from_dict(data)


def _section_to_dict(section: Section) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            parts = [p if isinstance(p, str) else {"field": p.name, "style": p.style} for p in block.parts]
            blocks.append({"type": "paragraph", "id": block.id, "lead": block.lead, "parts": parts})
        else:
            figure: dict[str, Any] = {
                "type": "figure",
                "id": block.id,
                "image": block.image,
                "caption": block.caption,
            }
            if block.placeholder:
                figure["placeholder"] = block.placeholder
            blocks.append(figure)
    data = {"id": section.id, "kind": section.kind, "heading": section.heading, "blocks": blocks}
    if section.numbering:
        data["numbering"] = section.numbering
    return data


# ---- validation -------------------------------------------------------------------------------


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise ModelError(f"{where}：应为 {names}，实际是 {type(value).__name__}")
    return value


def _get(
    data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any = ...
) -> Any:
    if key not in data or data[key] is None:
        if default is ...:
            raise ModelError(f"{where}：缺少“{key}”")
        return default
    return _expect(data[key], kind, f"{where}.{key}")


def _choice(value: str, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise ModelError(f"{where}：“{value}”不是允许的取值（{'、'.join(a or '空' for a in allowed)}）")
    return value


_VALUE_TYPES = (int, float, str)


def _field_from_dict(data: Any, where: str) -> Field:
    _expect(data, dict, where)
    f = Field(
        name=_get(data, "name", str, where),
        label=_get(data, "label", str, where),
        unit=_get(data, "unit", str, where, ""),
        type=_choice(_get(data, "type", str, where, "integer"), FIELD_TYPES, f"{where}.type"),
        value=_get(data, "value", _VALUE_TYPES, where, None),
        last_value=_get(data, "last_value", _VALUE_TYPES, where, None),
        qualifier=_choice(_get(data, "qualifier", str, where, ""), QUALIFIERS, f"{where}.qualifier"),
        status=_choice(_get(data, "status", str, where, "filled"), FIELD_STATUSES, f"{where}.status"),
        total_of=[_expect(n, str, f"{where}.total_of") for n in _get(data, "total_of", list, where, [])],
    )
    if not f.name:
        raise ModelError(f"{where}.name：字段名不能为空")
    return f


def _block_from_dict(data: Any, fields: dict[str, Field], where: str) -> Block:
    _expect(data, dict, where)
    block_type = _get(data, "type", str, where)
    block_id = _get(data, "id", str, where, "")
    if not _BLOCK_ID.fullmatch(block_id):
        block_id = new_id()  # a file written before blocks had ids, or an id we would not have written
    if block_type == "figure":
        return Figure(
            image=_get(data, "image", str, where, None),
            caption=_get(data, "caption", str, where, ""),
            placeholder=_get(data, "placeholder", str, where, ""),
            id=block_id,
        )
    if block_type != "paragraph":
        raise ModelError(f"{where}.type：未知的块类型“{block_type}”")
    parts: list[Inline] = []
    for index, part in enumerate(_get(data, "parts", list, where)):
        part_where = f"{where}.parts[{index}]"
        if isinstance(part, str):
            parts.append(part)
            continue
        _expect(part, dict, part_where)
        name = _get(part, "field", str, part_where)
        if name not in fields:
            raise ModelError(f"{part_where}：引用了不存在的字段“{name}”")
        style = _choice(_get(part, "style", str, part_where, "plain"), REF_STYLES, f"{part_where}.style")
        parts.append(FieldRef(name, style))
    return Paragraph(parts=parts, lead=_get(data, "lead", str, where, None), id=block_id)


def _report_from_dict(data: Any) -> Report:
    where = "报告"
    _expect(data, dict, where)
    version = _get(data, "format_version", int, where)
    if version > FORMAT_VERSION:
        raise ModelError(
            f"报告数据格式版本为 {version}，本程序只支持到 {FORMAT_VERSION}，请升级 report-writer。"
        )
    fields: dict[str, Field] = {}
    for index, raw in enumerate(_get(data, "fields", list, where, [])):
        f = _field_from_dict(raw, f"fields[{index}]")
        if f.name in fields:
            raise ModelError(f"fields[{index}]：字段名“{f.name}”重复")
        fields[f.name] = f
    for f in fields.values():
        unknown = [n for n in f.total_of if n not in fields or n == f.name]
        if unknown:
            raise ModelError(f"字段“{f.name}”的 total_of 引用了不存在的字段“{unknown[0]}”")
    sections: list[Section] = []
    for s_index, raw in enumerate(_get(data, "sections", list, where)):
        s_where = f"sections[{s_index}]"
        _expect(raw, dict, s_where)
        blocks = [
            _block_from_dict(b, fields, f"{s_where}.blocks[{b_index}]")
            for b_index, b in enumerate(_get(raw, "blocks", list, s_where, []))
        ]
        sections.append(
            Section(
                kind=_choice(_get(raw, "kind", str, s_where), SECTION_KINDS, f"{s_where}.kind"),
                heading=_get(raw, "heading", str, s_where, ""),
                blocks=blocks,
                id=_get(raw, "id", str, s_where, None) or new_id(),
                numbering=_get(raw, "numbering", str, s_where, ""),
            )
        )
    unique_block_ids(sections)
    return Report(
        org_full=_get(data, "org_full", str, where),
        org_short=_get(data, "org_short", str, where),
        year=_get(data, "year", int, where),
        title=_get(data, "title", str, where),
        subtitle=_get(data, "subtitle", str, where, ""),
        byline=_get(data, "byline", str, where, ""),
        template_id=_get(data, "template_id", str, where, ""),
        fields=fields,
        sections=sections,
        ignored_findings=[str(x) for x in _get(data, "ignored_findings", list, where, [])],
        level=_choice(
            _get(data, "level", str, where, ""), ("", *LEVELS), f"{where}.level"
        ),  # older files: derived
    )


def unique_block_ids(sections: list[Section]) -> None:
    """A block id names one block of the report: a repeated one (a file edited by hand, a block
    copied) is replaced by a new id on every block after the first that carries it."""
    seen: set[str] = set()
    for section in sections:
        for block in section.blocks:
            if block.id in seen:
                block.id = new_id()
            seen.add(block.id)
