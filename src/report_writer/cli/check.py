"""`report-writer check`: proofread reports, files or a folder; print, JSON, or a commented Word copy."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from report_writer.cli.common import UserError, load_any, one_line

MAX_CHECK_CHARS = (
    200_000  # seven long reports; more at once is a mistake, and odd text costs ~0.1 ms a character
)


def _location(text: str, start: int) -> str:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return f"第{line}行第{column}列"


CHECKABLE = (".rwp", ".docx", ".txt", ".md", ".markdown")


def _check_targets(names: list[str]) -> list[tuple[Path, bool]]:
    """The files named, with a folder standing for the reports in it (not its subfolders): each with
    whether it came from a folder (then `--comments` passes over it if it is not a Word file)."""
    targets: list[tuple[Path, bool]] = []
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
            targets.extend((p, True) for p in found)
        elif path.is_file():
            targets.append((path, False))
        else:
            raise UserError(f"找不到文件：{path}")
    return targets


def _commentable(targets: list[tuple[Path, bool]]) -> tuple[list[Path], list[Path]]:
    """For --comments: (the Word files, the other files of the folders named, passed over by name). A
    file named on its own that is not a Word file is a mistake, said with its name."""
    word = [path for path, _ in targets if path.suffix.lower() == ".docx"]
    named_other = [
        path for path, from_folder in targets if path.suffix.lower() != ".docx" and not from_folder
    ]
    if named_other:
        raise UserError(
            "--comments 只能用于 Word 文件（.docx）：批注写在 Word 文件的副本中；"
            f"{named_other[0].name} 不是 Word 文件。"
        )
    if not word:
        raise UserError("--comments 只能用于 Word 文件（.docx），所给的文件夹中没有 Word 文件。")
    return word, [path for path, _ in targets if path.suffix.lower() != ".docx"]


def _check_one(path: Path) -> tuple[list[Any], list[str], str, int]:
    """The findings to show, the section headings (a report) or the text (plain text), and how many
    findings the report's 忽略 (set in the window, saved in the .rwp) leaves out."""
    from report_writer.core.guards import SourceError, read_text_file
    from report_writer.core.model import Paragraph
    from report_writer.language.ignored import split_ignored
    from report_writer.language.proofread import check_report, check_text

    suffix = path.suffix.lower()
    headings: list[str] = []
    text = ""
    ignored: list[Any] = []
    try:
        if suffix in (".rwp", ".docx"):
            report = load_any(str(path)).report
            _check_budget(
                sum(
                    len(b.text(report.fields))
                    for s in report.sections
                    for b in s.blocks
                    if isinstance(b, Paragraph)
                )
            )
            findings, ignored = split_ignored(report, check_report(report))
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
    return findings, headings, text, len(ignored)


def _summary(name: str, findings: list[Any], ignored: int = 0) -> str:
    """One line per file: how many findings, by severity (名称：共 3 处需要查看（错误 1，留意 2）。), and
    how many the report's 忽略 left out."""
    from report_writer.language.findings import SEVERITY_NAMES

    prefix = f"{name}：" if name else ""
    left_out = f"另有 {ignored} 处已在报告中忽略。" if ignored else ""
    if not findings:
        return f"{prefix}没有发现问题。{left_out}"
    counts = {key: sum(f.severity == key for f in findings) for key in SEVERITY_NAMES}
    parts = "，".join(f"{SEVERITY_NAMES[key]} {n}" for key, n in counts.items() if n)
    return f"{prefix}共 {len(findings)} 处需要查看（{parts}）。{left_out}"


HEADING_CHARS = 20  # most section headings are shorter; a longer one is cut with “…”, never mid-word unmarked


def _short_heading(heading: str) -> str:
    return heading if len(heading) <= HEADING_CHARS else heading[: HEADING_CHARS - 1] + "…"


def _commented_target(path: Path, output: str | None, several: bool) -> Path:
    if output and not several:
        return Path(output)
    folder = Path(output) if output else path.parent
    if output and folder.suffix.lower() == ".docx":
        raise UserError("校对多个文件时，-o 应是一个文件夹。")
    return folder / f"{path.stem}-校对.docx"


def cmd_check(args: argparse.Namespace) -> int:
    from report_writer.language.config import ConfigError, read_config
    from report_writer.language.findings import SEVERITY_NAMES

    targets = _check_targets(args.files)
    try:
        read_config()
    except ConfigError as exc:  # reported, never silently ignored; the check runs with the defaults
        sys.stderr.write(f"report-writer: 注意：{one_line(exc)}（本次按默认设置校对）\n")
    several = len(targets) > 1
    skipped: list[Path] = []
    paths = [path for path, _ in targets]
    if args.comments:
        paths, skipped = _commentable(targets)
    if args.output and not args.comments:
        raise UserError("-o 只与 --comments 一起使用（指定带批注的副本保存到哪里）。")
    results: dict[str, Any] = {}
    summaries = []
    everything: list[Any] = []
    ignored_total = 0
    for path in paths:
        if args.comments:
            from report_writer.core.guards import SourceError
            from report_writer.language.docx_comments import write_commented_copy

            # a folder named stands for several files even when it holds one Word file: -o is a folder
            target = _commented_target(path, args.output, several or any(f for _, f in targets))
            try:
                findings = write_commented_copy(path, target)
            except (SourceError, ValueError, PermissionError) as exc:
                raise UserError(str(exc)) from exc
            summaries.append(_summary(path.name, findings) + f"带批注的副本：{target}")
            everything.extend(findings)
            results[str(path)] = [f.to_json() for f in findings]
            continue
        findings, headings, text, ignored = _check_one(path)
        ignored_total += ignored
        results[str(path)] = [f.to_json() for f in findings]
        summaries.append(_summary(path.name, findings, ignored))
        everything.extend(findings)
        if args.json:
            continue
        if several and findings:  # a file with nothing to report has its line in the summary only
            print(f"== {path.name} ==")
        for finding in findings:
            if finding.section is not None:
                name = headings[finding.section] if finding.section < len(headings) else ""
                where = (
                    f"第{finding.section + 1}节「{_short_heading(name)}」第{(finding.paragraph or 0) + 1}段"
                )
            else:
                where = _location(text, finding.start)
            fix = (
                " → 删除"
                if finding.suggestion == ""
                else (f" → 「{finding.suggestion}」" if finding.suggestion else "")
            )
            print(f"{where}  [{SEVERITY_NAMES[finding.severity]}] 「{finding.text}」{fix}  {finding.message}")
    summaries.extend(f"{path.name}：不是 Word 文件，未写批注（跳过）。" for path in skipped)
    if args.json:
        print(json.dumps(results if several else next(iter(results.values())), ensure_ascii=False, indent=2))
    elif several or args.comments:
        print("\n".join(summaries))
        if several:
            print(_summary(f"合计 {len(paths)} 个文件", everything, ignored_total))
    else:
        print(_summary("", everything, ignored_total))
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
