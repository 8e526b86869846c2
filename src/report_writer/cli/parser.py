"""The command line's arguments: one sub-parser a command, messages in Chinese."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

# argparse's own words (help layout and errors), in Chinese. argparse takes them through gettext; the
# table is put in place only while our parsers build, format or parse (_chinese), so another user of
# argparse in the same process (pytest) keeps its own. A message not in the table stays as argparse says it.
CHINESE = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有 %(value)s 这一项（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)s 不是有效的值",
    "expected one argument": "后面缺少一个值",
    "expected at most one argument": "后面最多只能有一个值",
    "expected at least one argument": "后面至少要有一个值",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "one of the arguments %s is required": "须给出 %s 中的一个",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
}


def _gettext(message: str) -> str:
    return CHINESE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return CHINESE.get(singular if n == 1 else plural, singular if n == 1 else plural)


@contextlib.contextmanager
def _chinese() -> Iterator[None]:
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


_OPTION_LINE = re.compile(r"^(  \S.*?)(  +)(\S.*)$")


def _align(line: str) -> str:
    """argparse pads an option's name to the help column by len(); a Chinese value name (-o 输出) is twice
    as wide on screen, so its help would stand out of the column: take the extra width off the padding."""
    match = _OPTION_LINE.match(line)
    if not match:
        return line
    name, padding, help_text = match.groups()
    wider = _display_width(name) - len(name)
    if not wider:
        return line
    column = len(name) + len(padding)
    if len(name) + wider + 2 > column:  # too wide for the column: the help goes on the next line
        return f"{name}\n{' ' * column}{help_text}"
    return f"{name}{' ' * (column - len(name) - wider)}{help_text}"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class _Formatter(argparse.HelpFormatter):
    """-o, --output 输出 rather than argparse's -o 输出, --output 输出; the help column placed by the
    names' width on screen (a Chinese character is two columns), not by len()."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            width = _display_width(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, width)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        value = self._format_args(action, self._get_default_metavar_for_optional(action))
        return f"{', '.join(action.option_strings)} {value}"


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese (CHINESE) and says an error in one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        with _chinese():  # the group titles and -h's help are set here
            super().__init__(*args, **kwargs)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with _chinese():
            return super().parse_known_args(args, namespace)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with _chinese():  # parse_args words the “unrecognized arguments” error itself
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with _chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with _chinese():
            text = super().format_help()
        # argparse puts a half-width colon after a group's title
        text = "\n".join(_align(line) for line in text.split("\n"))
        for title in {
            CHINESE["positional arguments"],
            CHINESE["options"],
            *(g.title for g in self._action_groups),
        }:
            if title:
                text = text.replace(f"\n{title}:\n", f"\n{title}：\n")
        return text

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"report-writer: 参数错误：{message}（用 -h 查看用法）\n")
        raise SystemExit(2)


if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[_Parser]


def _add_export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile", default="公文", help="版式：公文（默认，标题编号）或 刊物稿（标题不编号）"
    )
    parser.add_argument("--fonts", default="公文标准", help="字体方案：公文标准（默认）或 Windows自带")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="report-writer", description="政协年度工作综述写作助手")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    _add_gui(sub)
    _add_demo(sub)
    _add_templates(sub)
    _add_new(sub)
    _add_export(sub)
    _add_import(sub)
    _add_rollover(sub)
    _add_compare(sub)
    _add_check(sub)
    _add_sheet(sub)
    _add_history(sub)
    for command in (parser, *sub.choices.values()):
        _name_values_in_chinese(command)
    return parser


# What the help shows for a value (argparse would show the option's name in capitals: -o OUTPUT, file).
VALUE_NAMES = {
    "file": "文件",
    "project": "项目文件",
    "workbooks": "征集表",
    "output": "输出",
    "profile": "版式",
    "fonts": "字体方案",
    "template": "模板",
    "org": "单位全称",
    "short": "简称",
    "year": "年度",
    "level": "称谓",
    "values": "数据文件",
    "reference": "参考文档",
}


def _name_values_in_chinese(parser: argparse.ArgumentParser) -> None:
    for action in parser._actions:
        if action.metavar is None and action.nargs != 0 and action.dest in VALUE_NAMES:
            action.metavar = VALUE_NAMES[action.dest]


def _add_gui(sub: Subparsers) -> None:
    command = sub.add_parser("gui", help="打开桌面窗口（不带子命令时的默认行为）")
    command.add_argument("project", nargs="?", help="要打开的项目文件（.rwp）")


def _add_demo(sub: Subparsers) -> None:
    command = sub.add_parser("demo", help="把内置示例报告导出为 Word 文件")
    command.add_argument("-o", "--output", required=True, help="输出的 .docx 文件")
    _add_export_options(command)


def _add_templates(sub: Subparsers) -> None:
    command = sub.add_parser("templates", help="列出可用的模板")
    command.add_argument("--json", action="store_true", help="以 JSON 输出")


def _add_new(sub: Subparsers) -> None:
    command = sub.add_parser("new", help="用模板新建项目文件")
    command.add_argument("--template", required=True, help="模板 id（见 report-writer templates）")
    command.add_argument("--org", required=True, help="单位全称，如 重庆市XX区政协")
    command.add_argument("--short", required=True, help="单位简称，如 XX区政协")
    command.add_argument("--year", required=True, type=int, help="报告年度，如 2025")
    command.add_argument(
        "--level", help="本级称谓：区、县、市、州、旗、盟、特区、林区、省（默认从单位名称推出，自治县为县）"
    )
    command.add_argument("--values", help="字段取值（TOML：字段名 = 数值）")
    command.add_argument("-o", "--output", required=True, help="输出的项目文件（.rwp）")
    command.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def _add_export(sub: Subparsers) -> None:
    command = sub.add_parser("export", help="把项目文件导出为 Word 文件")
    command.add_argument("file", help="项目文件（.rwp）")
    command.add_argument("-o", "--output", required=True, help="输出的 .docx 文件")
    command.add_argument("--reference", help="参考文档（.docx）：其中同名样式优先")
    command.add_argument("--appendix", action="store_true", help="在文末附上“主要数据年度对比”表")
    command.add_argument(
        "--draft",
        action="store_true",
        help="数字待填、待更新或图片待插入时仍然导出（这些地方在 Word 中以黄色标出）",
    )
    _add_export_options(command)


def _add_import(sub: Subparsers) -> None:
    command = sub.add_parser("import", help="导入往年报告（.docx、.txt、.md）")
    command.add_argument("file", help="往年的报告")
    target = command.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", help="保存为项目文件（.rwp）")
    target.add_argument("--json", action="store_true", help="以 JSON 输出识别出的结构")
    command.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    command.add_argument("--simplify", action="store_true", help="原文是繁体字时转为简体字（OpenCC）")


def _add_rollover(sub: Subparsers) -> None:
    command = sub.add_parser("rollover", help="把往年报告转入新的年度，数字全部标为待更新")
    command.add_argument("file", help="往年的报告（.rwp、.docx、.txt、.md）")
    command.add_argument("--year", required=True, type=int, help="新的年度")
    command.add_argument("-o", "--output", required=True, help="新的项目文件（.rwp）")
    command.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def _add_compare(sub: Subparsers) -> None:
    command = sub.add_parser("compare", help="年度对比：每个数字的去年、今年和增减，导出为 CSV")
    command.add_argument("file", help="项目文件（.rwp）")
    command.add_argument("-o", "--output", required=True, help="输出的 .csv 文件")


def _add_check(sub: Subparsers) -> None:
    from report_writer.language.lm import language_model_status

    command = sub.add_parser(
        "check",
        help="校对：重复字词、标点、规范提法、错别字、数字",
        # a path check and the file's header (cheap; the model is loaded only when a check runs)
        epilog=f"本机：{language_model_status()}",
    )
    command.add_argument(
        "files", nargs="+", metavar="文件", help=".rwp、.docx、.txt 或 .md 文件，可多个；或一个文件夹"
    )
    command.add_argument("--json", action="store_true", help="以 JSON 输出全部发现")
    command.add_argument(
        "--comments", action="store_true", help="把每处发现作为批注写入 Word 文件的副本（原文件不改动）"
    )
    command.add_argument(
        "-o",
        "--output",
        help="（--comments 时）带批注的副本；校对多个文件时为文件夹。默认在原文件旁，名为“原名-校对.docx”",
    )
    command.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="最后再说明本次校对是否用了上下文语言模型（写到标准错误）",
    )


def _add_sheet(sub: Subparsers) -> None:
    command = sub.add_parser("sheet", help="数据征集表：导出 .xlsx 发给各专委会填写，或读回填好的表")
    command.add_argument("file", help="项目文件（.rwp）")
    command.add_argument("workbooks", nargs="*", help="（--merge 时）填好的征集表 .xlsx，可多个")
    sheet_mode = command.add_mutually_exclusive_group(required=True)
    sheet_mode.add_argument("-o", "--output", help="导出的征集表（.xlsx）")
    sheet_mode.add_argument("--merge", action="store_true", help="把填好的征集表读回项目（保存为新版本）")
    command.add_argument(
        "--accept", action="store_true", help="有冲突或异常数值时仍然写入（冲突以后给出的表为准）"
    )
    command.add_argument("--force", action="store_true", help="覆盖已存在的 .xlsx")


def _add_history(sub: Subparsers) -> None:
    command = sub.add_parser("history", help="列出项目文件中的所有版本")
    command.add_argument("file", help="项目文件（.rwp）")
