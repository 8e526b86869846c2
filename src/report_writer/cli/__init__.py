"""The `report-writer` command. Without a sub-command it starts the desktop app; the sub-commands
do the same jobs headless. Qt is imported only when the window starts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from report_writer.cli.commands import COMMANDS, cmd_gui
from report_writer.cli.common import UserError, one_line
from report_writer.cli.parser import build_parser


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
    handler = COMMANDS.get(args.command or "", cmd_gui)
    _set_up_logging()
    from report_writer.core.docx_guard import DocxGuardError
    from report_writer.core.guards import SourceError
    from report_writer.core.images import ImageError
    from report_writer.core.import_blocks import ReportImportError
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
        sys.stderr.write(f"report-writer: 错误：{one_line(exc)}\n")
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
