"""The `report-writer` command. Without a sub-command it starts the desktop app; the sub-commands
do the same jobs headless. Qt is imported only when the window starts."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:  # the command loads the core only for the sub-command it runs
    from report_writer.core.importer import ImportResult
    from report_writer.export.docx_writer import ExportOptions

KIND_NAMES = {
    "save": "保存",
    "autosave": "自动保存",
    "import": "导入",
    "rollover": "转入新年度",
    "restore": "恢复",
    "new": "新建",
}


class UserError(Exception):
    """Bad input from the user: reported as one line, exit code 1."""


MAX_CHECK_CHARS = (
    200_000  # seven long reports; more at once is a mistake, and odd text costs ~0.1 ms a character
)


def _one_line(message: object, limit: int = 300) -> str:
    """A message as one line of bounded length (a name or title in it can be long or multi-line)."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"report-writer: 参数错误：{message}（用 -h 查看用法）\n")
        raise SystemExit(2)


def _add_export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile", default="公文", help="版式：公文（默认，标题编号）或 刊物稿（标题不编号）"
    )
    parser.add_argument("--fonts", default="公文标准", help="字体方案：公文标准（默认）或 Windows自带")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="report-writer", description="政协年度工作综述写作助手")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    gui = sub.add_parser("gui", help="打开桌面窗口（不带子命令时的默认行为）")
    gui.add_argument("project", nargs="?", help="要打开的项目文件（.rwp）")

    demo = sub.add_parser("demo", help="把内置示例报告导出为 Word 文件")
    demo.add_argument("-o", "--output", required=True, help="输出的 .docx 文件")
    _add_export_options(demo)

    templates = sub.add_parser("templates", help="列出可用的模板")
    templates.add_argument("--json", action="store_true", help="以 JSON 输出")

    new = sub.add_parser("new", help="用模板新建项目文件")
    new.add_argument("--template", required=True, help="模板 id（见 report-writer templates）")
    new.add_argument("--org", required=True, help="单位全称，如 重庆市XX区政协")
    new.add_argument("--short", required=True, help="单位简称，如 XX区政协")
    new.add_argument("--year", required=True, type=int, help="报告年度，如 2025")
    new.add_argument(
        "--level", help="本级称谓：区、县、市、州、旗、盟、特区、林区、省（默认从单位名称推出，自治县为县）"
    )
    new.add_argument("--values", help="字段取值（TOML：字段名 = 数值）")
    new.add_argument("-o", "--output", required=True, help="输出的项目文件（.rwp）")
    new.add_argument("--force", action="store_true", help="覆盖已存在的文件")

    export = sub.add_parser("export", help="把项目文件导出为 Word 文件")
    export.add_argument("file", help="项目文件（.rwp）")
    export.add_argument("-o", "--output", required=True, help="输出的 .docx 文件")
    export.add_argument("--reference", help="参考文档（.docx）：其中同名样式优先")
    export.add_argument("--appendix", action="store_true", help="在文末附上“主要数据年度对比”表")
    export.add_argument(
        "--draft",
        action="store_true",
        help="数字待填、待更新或图片待插入时仍然导出（这些地方在 Word 中以黄色标出）",
    )
    _add_export_options(export)

    imp = sub.add_parser("import", help="导入往年报告（.docx、.txt、.md）")
    imp.add_argument("file", help="往年的报告")
    target = imp.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", help="保存为项目文件（.rwp）")
    target.add_argument("--json", action="store_true", help="以 JSON 输出识别出的结构")
    imp.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    imp.add_argument("--simplify", action="store_true", help="原文是繁体字时转为简体字（OpenCC）")

    roll = sub.add_parser("rollover", help="把往年报告转入新的年度，数字全部标为待更新")
    roll.add_argument("file", help="往年的报告（.rwp、.docx、.txt、.md）")
    roll.add_argument("--year", required=True, type=int, help="新的年度")
    roll.add_argument("-o", "--output", required=True, help="新的项目文件（.rwp）")
    roll.add_argument("--force", action="store_true", help="覆盖已存在的文件")

    compare = sub.add_parser("compare", help="年度对比：每个数字的去年、今年和增减，导出为 CSV")
    compare.add_argument("file", help="项目文件（.rwp）")
    compare.add_argument("-o", "--output", required=True, help="输出的 .csv 文件")

    from report_writer.language.lm import language_model_status

    check = sub.add_parser(
        "check",
        help="校对：重复字词、标点、规范提法、错别字、数字",
        # a path check and the file's header (cheap; the model is loaded only when a check runs)
        epilog=f"本机：{language_model_status()}",
    )
    check.add_argument(
        "files", nargs="+", metavar="file", help=".rwp、.docx、.txt 或 .md 文件，可多个；或一个文件夹"
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出全部发现")
    check.add_argument(
        "--comments", action="store_true", help="把每处发现作为批注写入 Word 文件的副本（原文件不改动）"
    )
    check.add_argument(
        "-o",
        "--output",
        help="（--comments 时）带批注的副本；校对多个文件时为文件夹。默认在原文件旁，名为“原名-校对.docx”",
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="最后再说明本次校对是否用了上下文语言模型（写到标准错误）",
    )

    sheet = sub.add_parser("sheet", help="数据征集表：导出 .xlsx 发给各专委会填写，或读回填好的表")
    sheet.add_argument("file", help="项目文件（.rwp）")
    sheet.add_argument("workbooks", nargs="*", help="（--merge 时）填好的征集表 .xlsx，可多个")
    sheet_mode = sheet.add_mutually_exclusive_group(required=True)
    sheet_mode.add_argument("-o", "--output", help="导出的征集表（.xlsx）")
    sheet_mode.add_argument("--merge", action="store_true", help="把填好的征集表读回项目（保存为新版本）")
    sheet.add_argument(
        "--accept", action="store_true", help="有冲突或异常数值时仍然写入（冲突以后给出的表为准）"
    )
    sheet.add_argument("--force", action="store_true", help="覆盖已存在的 .xlsx")

    history = sub.add_parser("history", help="列出项目文件中的所有版本")
    history.add_argument("file", help="项目文件（.rwp）")
    return parser


# ---- commands ----------------------------------------------------------------------------------


def _export_options(args: argparse.Namespace, reference: str | None = None) -> ExportOptions:
    from report_writer.export.docx_writer import ExportOptions
    from report_writer.export.profiles import resolve_fonts, resolve_profile

    try:
        return ExportOptions(
            resolve_profile(args.profile), resolve_fonts(args.fonts), Path(reference) if reference else None
        )
    except ValueError as exc:
        raise UserError(str(exc)) from exc


def _cmd_demo(args: argparse.Namespace) -> int:
    from report_writer.core.templating import sample_report
    from report_writer.export.docx_writer import export_docx

    options = _export_options(args)
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
        print(f"{bad.folder.name}\t无法使用：{_one_line(bad.reason)}")
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

    options = _export_options(args, args.reference)
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
        print(f"{rev.id}\t{rev.saved_at_text}\t{KIND_NAMES.get(rev.kind, rev.kind)}\t{rev.label}")
    return 0


def _location(text: str, start: int) -> str:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return f"第{line}行第{column}列"


CHECKABLE = (".rwp", ".docx", ".txt", ".md", ".markdown")


def _check_targets(names: list[str]) -> list[Path]:
    """The files named, with a folder standing for the reports in it (not its subfolders)."""
    targets: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in CHECKABLE
                and not p.name.startswith(("~$", "."))
                and not p.stem.endswith("-校对")
            )
            if not found:
                raise UserError(f"文件夹中没有可校对的文件（.rwp、.docx、.txt、.md）：{path}")
            targets.extend(found)
        elif path.is_file():
            targets.append(path)
        else:
            raise UserError(f"找不到文件：{path}")
    return targets


def _check_one(path: Path) -> tuple[list[Any], list[str], str]:
    from report_writer.core.guards import SourceError, read_text_file
    from report_writer.core.model import Paragraph
    from report_writer.language.proofread import check_report, check_text

    suffix = path.suffix.lower()
    headings: list[str] = []
    text = ""
    try:
        if suffix in (".rwp", ".docx"):
            report = _load_any(str(path)).report
            _check_budget(
                sum(
                    len(b.text(report.fields))
                    for s in report.sections
                    for b in s.blocks
                    if isinstance(b, Paragraph)
                )
            )
            findings = check_report(report)
            headings = [s.heading or s.kind for s in report.sections]
        elif suffix in (".txt", ".md", ".markdown", ""):
            from report_writer.core.sanitize import clean_text

            text = clean_text(read_text_file(path))
            _check_budget(len(text))
            findings = check_text(text)
        else:
            raise UserError(f"不支持的文件类型：{suffix}（可校对 .rwp、.docx、.txt、.md）")
    except SourceError as exc:
        raise UserError(str(exc)) from exc
    return findings, headings, text


def _summary(name: str, findings: list[Any]) -> str:
    from report_writer.language.findings import SEVERITY_NAMES

    if not findings:
        return f"{name}：没有发现问题。"
    counts = {key: sum(f.severity == key for f in findings) for key in SEVERITY_NAMES}
    parts = "，".join(f"{SEVERITY_NAMES[key]} {n}" for key, n in counts.items() if n)
    return f"{name}：共 {len(findings)} 处需要留意（{parts}）。"


def _commented_target(path: Path, output: str | None, several: bool) -> Path:
    if output and not several:
        return Path(output)
    folder = Path(output) if output else path.parent
    if output and folder.suffix.lower() == ".docx":
        raise UserError("校对多个文件时，-o 应是一个文件夹。")
    return folder / f"{path.stem}-校对.docx"


def _cmd_check(args: argparse.Namespace) -> int:
    from report_writer.language.config import ConfigError, read_config
    from report_writer.language.findings import SEVERITY_NAMES

    targets = _check_targets(args.files)
    try:
        read_config()
    except ConfigError as exc:  # reported, never silently ignored; the check runs with the defaults
        sys.stderr.write(f"report-writer: 注意：{_one_line(exc)}（本次按默认设置校对）\n")
    several = len(targets) > 1
    if args.comments and not all(p.suffix.lower() == ".docx" for p in targets):
        raise UserError("--comments 只能用于 Word 文件（.docx）：批注写在 Word 文件的副本中。")
    if args.output and not args.comments:
        raise UserError("-o 只与 --comments 一起使用（指定带批注的副本保存到哪里）。")
    results: dict[str, Any] = {}
    summaries = []
    for path in targets:
        if args.comments:
            from report_writer.core.guards import SourceError
            from report_writer.language.docx_comments import write_commented_copy

            target = _commented_target(path, args.output, several)
            try:
                findings = write_commented_copy(path, target)
            except (SourceError, ValueError, PermissionError) as exc:
                raise UserError(str(exc)) from exc
            summaries.append(_summary(path.name, findings) + f" 带批注的副本：{target}")
            results[str(path)] = [f.to_json() for f in findings]
            continue
        findings, headings, text = _check_one(path)
        results[str(path)] = [f.to_json() for f in findings]
        summaries.append(_summary(path.name, findings))
        if args.json:
            continue
        if several:
            print(f"== {path.name} ==")
        for finding in findings:
            if finding.section is not None:
                name = headings[finding.section] if finding.section < len(headings) else ""
                where = f"第{finding.section + 1}节「{name[:12]}」第{(finding.paragraph or 0) + 1}段"
            else:
                where = _location(text, finding.start)
            fix = (
                " → 删除"
                if finding.suggestion == ""
                else (f" → 「{finding.suggestion}」" if finding.suggestion else "")
            )
            print(f"{where}  [{SEVERITY_NAMES[finding.severity]}] 「{finding.text}」{fix}  {finding.message}")
    if args.json:
        print(json.dumps(results if several else next(iter(results.values())), ensure_ascii=False, indent=2))
    elif several or args.comments:
        print("\n".join(summaries))
    else:
        findings = next(iter(results.values()))
        print(f"共 {len(findings)} 处需要留意。" if findings else "没有发现问题。")
    if args.verbose:
        _say_model_status()
    return 0


def _say_model_status() -> None:
    """check -v: whether this check had the context language model (on stderr, so that --json output stays
    one document)."""
    from report_writer.language.proofread import context_model_status

    sys.stdout.flush()
    sys.stderr.write(f"report-writer: {context_model_status()}\n")
    sys.stderr.flush()


def _check_budget(chars: int) -> None:
    if chars > MAX_CHECK_CHARS:
        raise UserError(
            f"文稿有 {chars} 字，超过一次校对 {MAX_CHECK_CHARS // 10000} 万字的上限，请分成几个文件校对"
        )


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


def _load_any(path: str, simplify: bool = False) -> ImportResult:
    """A report from a project file or from an old report to import (core.loading, as the window does)."""
    from report_writer.core.importer import ReportImportError
    from report_writer.core.loading import load_report

    try:
        return load_report(path, simplify=simplify)
    except ReportImportError as exc:
        raise UserError(str(exc)) from exc


def _cmd_import(args: argparse.Namespace) -> int:
    from report_writer.core.project import write_new_project

    result = _load_any(args.file, simplify=args.simplify)
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

    result = _load_any(args.file)
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


def _cmd_gui(args: argparse.Namespace) -> int:
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
    return _cmd_demo(demo_args)


COMMANDS = {
    "demo": _cmd_demo,
    "templates": _cmd_templates,
    "new": _cmd_new,
    "export": _cmd_export,
    "history": _cmd_history,
    "check": _cmd_check,
    "import": _cmd_import,
    "rollover": _cmd_rollover,
    "compare": _cmd_compare,
    "sheet": _cmd_sheet,
}


def _set_up_logging() -> None:
    """Library and diagnostic text goes to the debug log (stderr with REPORT_WRITER_DEBUG=1), never
    into the one line the writer reads."""
    import logging

    if os.environ.get("REPORT_WRITER_DEBUG"):
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")
    elif not logging.getLogger().handlers:
        logging.getLogger().addHandler(logging.NullHandler())


def give_a_windowed_program_its_streams() -> None:
    """report-writer.exe on Windows is built without a console (build.spec, console=False); Python then
    has sys.stdout and sys.stderr set to None, and any error line, the exception hook's details or a
    library's warning would raise AttributeError and end the program. They go to the null device."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives with the process)


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    give_a_windowed_program_its_streams()
    multiprocessing.freeze_support()  # a frozen bundle re-enters here to start the checking process
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-") and argv[0] not in (*COMMANDS, "gui"):
        argv.insert(0, "gui")  # `report-writer FILE.rwp` opens the file in the window
    args = build_parser().parse_args(argv)
    if not hasattr(args, "project"):
        args.project = None
    handler = COMMANDS.get(args.command or "", _cmd_gui)
    _set_up_logging()
    from report_writer.core.docx_guard import DocxGuardError
    from report_writer.core.guards import SourceError
    from report_writer.core.images import ImageError
    from report_writer.core.importer import ReportImportError
    from report_writer.core.model import ModelError
    from report_writer.core.project import ProjectError
    from report_writer.core.templating import TemplateError
    from report_writer.export.docx_writer import ExportError
    from report_writer.language.config import ConfigError

    expected = (
        UserError,
        ProjectError,
        TemplateError,
        ExportError,
        ModelError,
        ImageError,
        ReportImportError,
        SourceError,
        ConfigError,
        DocxGuardError,
    )
    try:
        return handler(args)
    except expected as exc:
        sys.stderr.write(f"report-writer: 错误：{_one_line(exc)}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("report-writer: 已取消\n")
        return 130
    except PermissionError as exc:
        sys.stderr.write(
            f"report-writer: 错误：没有权限读写 {Path(exc.filename or '文件').name}，请检查文件权限。\n"
        )
        return 1
    except OSError as exc:
        name = Path(exc.filename).name if exc.filename else "文件"
        sys.stderr.write(
            f"report-writer: 错误：无法读写 {name}（{exc.strerror or '输入输出错误'}），请检查文件和磁盘。\n"
        )
        return 1
    except MemoryError:
        sys.stderr.write("report-writer: 错误：内存不足，文件可能过大或已损坏。\n")
        return 1
    except Exception as exc:  # last resort: one line, traceback only on request
        if os.environ.get("REPORT_WRITER_DEBUG"):
            raise
        sys.stderr.write(
            f"report-writer: 内部错误：{type(exc).__name__}: {exc}（设置 REPORT_WRITER_DEBUG=1 可查看详情）\n"
        )
        return 70


if __name__ == "__main__":
    raise SystemExit(main())
