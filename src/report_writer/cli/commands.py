"""The sub-commands but `check` (cli/check.py): each takes the parsed arguments and returns the exit code;
bad input is a UserError (one line, exit code 1). Each loads only the part of the core it needs."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from report_writer.cli.check import cmd_check
from report_writer.cli.common import UserError, export_options, load_any, one_line

if TYPE_CHECKING:
    from report_writer.core.import_blocks import ImportResult


def cmd_demo(args: argparse.Namespace) -> int:
    from report_writer.core.templating import sample_report
    from report_writer.export.docx_writer import export_docx

    options = export_options(args)
    path = export_docx(sample_report(), args.output, options)
    print(f"已导出示例报告：{path}")
    return 0


def _cmd_templates(args: argparse.Namespace) -> int:
    from report_writer.core.templating import scan_packs

    packs, broken = scan_packs()
    if args.json:
        listed = [p.summary() for p in packs]
        listed += [
            {"id": b.folder.name, "path": str(b.folder), "broken": True, "reason": b.reason} for b in broken
        ]
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return 0
    for pack in packs:
        origin = "内置" if pack.builtin else "自定义"
        print(f"{pack.id}\t{pack.name}（{origin}，{len(pack.sections)} 节，{len(pack.fields)} 个字段）")
        print(f"\t{pack.description}")
    for bad in broken:
        print(f"{bad.folder.name}\t无法使用：{one_line(bad.reason)}")
    return 0


def _read_values(path: str) -> dict[str, Any]:
    file = Path(path)
    if not file.is_file():
        raise UserError(f"找不到数据文件：{file}")
    from report_writer.core.model import ModelError
    from report_writer.core.sanitize import check_number

    try:
        if file.stat().st_size > 1024 * 1024:
            raise UserError(f"数据文件 {file.name} 过大（上限 1 MB）")
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except PermissionError as exc:
        raise UserError(f"没有读取数据文件 {file.name} 的权限") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(
            f"数据文件 {file.name} 格式错误（应为 UTF-8 编码的 TOML，每行“字段名 = 数值”）"
        ) from exc
    except ValueError as exc:  # tomllib: an integer of thousands of digits
        raise UserError(f"数据文件 {file.name} 中有无法读取的数值（位数过多）") from exc
    values = data.get("values", data)
    if not isinstance(values, dict):
        raise UserError(f"数据文件 {file.name} 中的 values 应为表")
    try:
        return {
            str(key): check_number(value, f"数据文件 {file.name} 中的“{str(key)[:40]}”")
            for key, value in values.items()
        }
    except ModelError as exc:
        raise UserError(str(exc)) from exc


def _cmd_new(args: argparse.Namespace) -> int:
    from report_writer.core.frame import find_gaps
    from report_writer.core.project import write_new_project
    from report_writer.core.templating import find_pack, render_pack

    if not 1949 <= args.year <= 2200:
        raise UserError(f"年度不合理：{args.year}")
    if not args.org.strip() or not args.short.strip():
        raise UserError("单位全称和简称不能为空")
    from report_writer.core.sanitize import NAME_MAX, clean_text

    for label, value in (("单位全称", args.org), ("单位简称", args.short)):
        if len(value) > NAME_MAX:
            raise UserError(f"{label}过长（{len(value)} 字，上限 {NAME_MAX} 字）")
    args.org, args.short = clean_text(args.org), clean_text(args.short)
    values = _read_values(args.values) if args.values else None
    report = render_pack(
        find_pack(args.template), args.org.strip(), args.short.strip(), args.year, values, args.level
    )
    write_new_project(args.output, report, force=args.force)
    print(
        f"已新建项目：{args.output}（模板 {args.template}，{report.level}级，"
        f"{len(report.sections)} 节，{len(report.fields)} 个字段）"
    )
    gaps = find_gaps(report)
    if not gaps.empty:
        print(f"这是一个框架：{gaps.summary()}。填好后再导出。")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from report_writer.core.frame import find_gaps
    from report_writer.core.project import Project
    from report_writer.export.docx_writer import export_docx

    options = export_options(args, args.reference)
    if args.appendix:
        from dataclasses import replace

        options = replace(options, appendix=True)
    with Project.open(args.file, readonly=True) as project:
        report = project.load()
    gaps = find_gaps(report)
    if not gaps.empty and not args.draft:
        raise UserError(
            f"报告尚未完成：{gaps.summary()}。请先填好，或加 --draft 导出草稿（待填处以黄色标出）"
        )
    path = export_docx(report, args.output, options)
    if not gaps.empty:
        sys.stderr.write(f"report-writer: 注意：{gaps.summary()}，已在 Word 中以黄色标出。\n")
    print(f"已导出：{path}")
    return 0


def _cmd_history(args: argparse.Namespace) -> int:
    from report_writer.core.project import Project

    with Project.open(args.file, readonly=True) as project:
        revisions = project.revisions()
    print("编号\t保存时间\t\t\t类型\t标签")
    for rev in revisions:
        print(f"{rev.id}\t{rev.saved_at_text}\t{rev.kind_name}\t{rev.label}")
    return 0


def _import_json(result: ImportResult) -> dict[str, Any]:
    from report_writer.core.model import Paragraph

    report = result.report
    sections = []
    for section in report.sections:
        blocks: list[dict[str, object]] = []
        for block in section.blocks:
            if isinstance(block, Paragraph):
                blocks.append(
                    {"type": "paragraph", "lead": block.lead, "text": block.body_text(report.fields)}
                )
            else:
                blocks.append(
                    {"type": "figure", "caption": block.caption or None, "image": bool(block.image)}
                )
        sections.append(
            {
                "heading": section.heading or None,
                "numbering": section.numbering or None,
                "kind": section.kind,
                "blocks": blocks,
            }
        )
    fields = []
    for field in report.fields.values():
        shown = field.display() + field.unit
        fields.append(
            {
                "name": field.name,
                "label": field.label,
                "value": field.value,
                "unit": field.unit,
                "qualifier": field.qualifier or None,
                "text": shown,
            }
        )
    return {
        "title": report.title or None,
        "subtitle": report.subtitle or None,
        "byline": report.byline or None,
        "sections": sections,
        "fields": fields,
        "warnings": result.warnings,
    }


def _cmd_import(args: argparse.Namespace) -> int:
    from report_writer.core.project import write_new_project

    result = load_any(args.file, simplify=args.simplify)
    if args.json:
        print(json.dumps(_import_json(result), ensure_ascii=False, indent=2))
        return 0
    write_new_project(args.output, result.report, force=args.force, kind="import")
    report = result.report
    print(f"已导入：{args.output}（{len(report.sections)} 节，{len(report.fields)} 个数字字段）")
    for warning in result.warnings:
        print(f"  注意：{warning}")
    return 0


def _cmd_rollover(args: argparse.Namespace) -> int:
    from report_writer.core.loading import assume_year
    from report_writer.core.project import write_new_project
    from report_writer.core.rollover import rollover

    result = load_any(args.file)
    assume_year(result.report, args.year, result.warnings)
    try:
        rolled = rollover(result.report, args.year)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    write_new_project(args.output, rolled.report, force=args.force, kind="rollover")
    print(f"已生成 {args.year} 年的初稿：{args.output}（{len(rolled.report.fields)} 个数字待更新）")
    for note in [*result.warnings, *rolled.review]:
        print(f"  请核对：{note}")
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from report_writer.core.project import Project
    from report_writer.core.rollover import comparison_csv

    with Project.open(args.file, readonly=True) as project:
        report = project.load()
    target = Path(args.output)
    if not target.parent.exists():
        raise UserError(f"文件夹不存在：{target.parent}")
    try:
        target.write_text(comparison_csv(report), encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(f"无法写入 {target}：{exc.strerror or exc}") from exc
    print(f"已导出年度对比：{target}（{len(report.fields)} 项）")
    return 0


def _cmd_sheet(args: argparse.Namespace) -> int:
    from report_writer.core.project import Project
    from report_writer.core.sheets import SheetError, apply_merge, plan_merge, write_sheets

    try:
        if not args.merge:
            if args.workbooks:
                raise UserError("导出征集表时不需要给出 .xlsx 文件（读回请加 --merge）")
            if Path(args.output).exists() and not args.force:
                raise UserError(f"文件已存在：{args.output}（加 --force 覆盖）")
            with Project.open(args.file, readonly=True) as project:
                report = project.load()
            path = write_sheets(report, args.output)
            print(f"已导出数据征集表：{path}")
            return 0
        with Project.open(args.file) as project:
            report = project.load()
            plan = plan_merge(report, args.workbooks)
            for line in plan.conflicts:
                print(f"  冲突：{line}")
            for line in plan.unusual:
                print(f"  异常：{line}")
            if plan.needs_confirmation and not args.accept:
                raise UserError("征集表中有冲突或异常数值（见上），未做任何修改；核对后可加 --accept 写入")
            apply_merge(report, plan)
            project.save(report, kind="import", label="导入数据征集表")
    except SheetError as exc:
        raise UserError(str(exc)) from exc
    print(f"已导入数据征集表：{plan.summary()}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    """Start the window; without a display (or before the window exists) export the sample instead."""
    has_display = sys.platform in ("win32", "darwin") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    )
    try:
        from report_writer.gui import app
    except ImportError:
        app = None  # type: ignore[assignment]  # a build without the window
    if app is not None and has_display:
        return int(app.run(args.project))
    reason = "没有检测到图形显示环境" if not has_display else "桌面窗口尚未包含在此版本中"
    target = Path("sample.docx").resolve()
    if args.project:
        print(f"（未打开 {args.project}）")
    print(f"{reason}，改为把内置示例报告导出到 {target}")
    demo_args = argparse.Namespace(output=str(target), profile="公文", fonts="公文标准")
    return cmd_demo(demo_args)


COMMANDS = {
    "demo": cmd_demo,
    "templates": _cmd_templates,
    "new": _cmd_new,
    "export": _cmd_export,
    "history": _cmd_history,
    "check": cmd_check,
    "import": _cmd_import,
    "rollover": _cmd_rollover,
    "compare": _cmd_compare,
    "sheet": _cmd_sheet,
}
