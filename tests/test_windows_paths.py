"""Code paths that behave differently on Windows, run here with the Windows conditions simulated:
a file that Word or WPS holds open (replacing it fails with a sharing violation), lock files of a live or
crashed program (where os.kill would terminate, not probe), the per-user folder under %LOCALAPPDATA%
with a Chinese user name, and font names as a clean Windows has them."""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

import pytest

from report_writer.core import processes
from report_writer.core.project import Project, ProjectError, ProjectLockedError, write_new_project
from report_writer.export.docx_writer import ExportError, ExportOptions, export_docx
from report_writer.export.profiles import FONT_PRESETS, PROFILES

# What Windows raises when another program has the file open without FILE_SHARE_DELETE (Word, WPS):
# ERROR_SHARING_VIOLATION, which Python maps to PermissionError.
SHARING_VIOLATION = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")

# Chinese fonts every Windows 10/11 installs (English family names, as Qt and Word also accept them).
WINDOWS_CHINESE_FONTS = {
    "SimSun",
    "NSimSun",
    "FangSong",
    "KaiTi",
    "SimHei",
    "Microsoft YaHei",
    "DengXian",
    "宋体",
    "新宋体",
    "仿宋",
    "楷体",
    "黑体",
    "微软雅黑",
    "等线",
}


def _replace_held_by_word(locked: Path):  # type: ignore[no-untyped-def]
    real_replace = os.replace

    def replace(src, dst):  # type: ignore[no-untyped-def]
        if Path(dst) == locked:
            raise SHARING_VIOLATION
        return real_replace(src, dst)

    return replace


def test_export_over_a_document_open_in_word_says_so_and_keeps_it(
    tmp_path: Path,
    sample_report_factory,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    target = tmp_path / "2025年工作回眸.docx"
    target.write_bytes(b"the version the writer has open in Word")
    monkeypatch.setattr(os, "replace", _replace_held_by_word(target))
    with pytest.raises(ExportError) as info:
        export_docx(
            sample_report_factory(),
            target,
            ExportOptions(next(iter(PROFILES.values())), FONT_PRESETS["Windows自带"]),
        )
    message = str(info.value)
    assert "Word" in message and "关闭" in message and "\n" not in message
    assert target.read_bytes() == b"the version the writer has open in Word"
    assert [p.name for p in tmp_path.iterdir()] == [target.name], "the temporary file must not be left behind"


def test_replacing_a_project_that_another_program_holds_fails_cleanly(
    tmp_path: Path,
    sample_report_factory,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    target = tmp_path / "2025.rwp"
    write_new_project(target, sample_report_factory())
    before = target.read_bytes()
    monkeypatch.setattr(os, "replace", _replace_held_by_word(target))
    with pytest.raises(ProjectError, match="没有权限写入"):
        write_new_project(target, sample_report_factory(), force=True)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2025.rwp"]


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch) -> dict[int, bool]:
    """sys.platform is win32; os.kill fails the test (on Windows it would terminate the process);
    the kernel's answer about each process id comes from the returned dict."""
    running: dict[int, bool] = {}
    monkeypatch.setattr(sys, "platform", "win32")

    def kill(pid: int, sig: int) -> None:
        raise AssertionError(f"os.kill({pid}, {sig}) on Windows terminates the process")

    monkeypatch.setattr(os, "kill", kill)
    monkeypatch.setattr(processes, "_windows_process_alive", lambda pid: running.get(pid, False))
    return running


def _write_lock(project: Path, pid: int, host: str | None = None) -> None:
    info = {"holder": f"张三@办公室电脑 (进程 {pid})", "host": host or socket.gethostname(), "pid": pid}
    project.with_name(project.name + ".lock").write_text(
        json.dumps(info, ensure_ascii=False), encoding="utf-8"
    )


def test_windows_lock_of_a_running_program_is_respected_without_killing_it(
    tmp_path: Path,
    sample_report_factory,
    on_windows: dict[int, bool],  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "共享盘上的报告.rwp"
    write_new_project(path, sample_report_factory())
    on_windows[4242] = True
    _write_lock(path, 4242)
    with pytest.raises(ProjectLockedError, match="张三"):
        Project.open(path)


def test_windows_lock_left_by_a_crashed_program_is_taken_over(
    tmp_path: Path,
    sample_report_factory,
    on_windows: dict[int, bool],  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "报告.rwp"
    write_new_project(path, sample_report_factory())
    _write_lock(path, 4243)  # not in `on_windows`: that process has ended
    with Project.open(path) as project:
        assert project.load().title
    assert not path.with_name(path.name + ".lock").exists()


def test_windows_lock_from_another_computer_is_respected(
    tmp_path: Path,
    sample_report_factory,
    on_windows: dict[int, bool],  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "网络共享.rwp"
    write_new_project(path, sample_report_factory())
    _write_lock(path, 4244, host="另一台电脑")
    with pytest.raises(ProjectLockedError):
        Project.open(path)


def test_process_alive_on_this_system() -> None:
    assert processes.process_alive(os.getpid())
    assert not processes.process_alive(0)
    assert not processes.process_alive(2**22 + 12345)  # above Linux's pid_max


def test_user_folder_under_localappdata_with_a_chinese_user_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs
    from platformdirs.windows import Windows

    local_appdata = tmp_path / "Users" / "张 三" / "AppData" / "Local"
    monkeypatch.setenv("LOCALAPPDATA", str(local_appdata))
    monkeypatch.delenv("REPORT_WRITER_HOME")
    # platformdirs picks its Windows implementation at import time; without win32 APIs it reads the
    # folder from the environment, as it falls back to on Windows.
    monkeypatch.setattr(
        platformdirs,
        "user_data_dir",
        lambda appname, appauthor=None: Windows(appname=appname, appauthor=appauthor).user_data_dir,
    )
    monkeypatch.setattr("platformdirs.windows.get_win_folder", lambda csidl: str(local_appdata))
    from report_writer import paths

    folder = paths.user_data_dir()
    assert folder == local_appdata / "report-writer"
    assert folder.is_dir()
    assert paths.user_templates_dir() == folder / "templates"


def test_windows_font_preset_uses_fonts_a_clean_windows_has() -> None:
    preset = FONT_PRESETS["Windows自带"]
    for role in ("title", "body", "heading1", "heading2", "page_number"):
        assert getattr(preset, role) in WINDOWS_CHINESE_FONTS, role


def test_every_preview_and_editor_font_role_falls_back_to_a_windows_font() -> None:
    pytest.importorskip("PySide6")
    from report_writer.gui.look import EDITOR_FONT_FAMILIES
    from report_writer.gui.preview import FALLBACKS

    for role, families in FALLBACKS.items():
        assert WINDOWS_CHINESE_FONTS & set(families), f"预览的 {role} 在 Windows 上没有中文字体可用"
    assert WINDOWS_CHINESE_FONTS & set(EDITOR_FONT_FAMILIES)


def test_interface_font_on_a_clean_windows_is_yahei_not_a_print_face() -> None:
    pytest.importorskip("PySide6")
    from report_writer.gui.look import interface_families

    # What QFontDatabase lists on a clean Chinese Windows 10 (English and localized names), system font
    # first reported as SimSun by some setups.
    windows = [
        "Arial",
        "KaiTi",
        "楷体",
        "SimSun",
        "宋体",
        "FangSong",
        "SimHei",
        "Microsoft YaHei",
        "Microsoft YaHei UI",
        "微软雅黑",
        "DengXian",
        "Segoe UI",
        "Times New Roman",
    ]
    chosen = interface_families(windows, chinese=windows, system="SimSun")
    assert chosen[0] == "Microsoft YaHei UI"
    assert not {"KaiTi", "楷体", "SimSun", "宋体", "FangSong"} & set(chosen)


def test_windowed_program_without_console_streams_reports_errors_without_crashing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """report-writer.exe has no console (console=False in build.spec): Python starts it with
    sys.stdout and sys.stderr set to None, and every error line would raise AttributeError."""
    from report_writer import cli

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert cli.main(["check", str(tmp_path / "不存在的报告.docx")]) == 1
    with pytest.raises(SystemExit) as info:
        cli.main(["export", "--没有这个选项"])
    assert info.value.code == 2
    sys.stderr.write("the exception hook and the signal handler write here too\n")


def _windows_known_folders(monkeypatch: pytest.MonkeyPatch, documents: Path) -> None:
    """platformdirs answers as on Windows, the Documents known folder being `documents`."""
    import platformdirs
    from platformdirs.windows import Windows

    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: Windows().user_documents_dir)
    monkeypatch.setattr(
        "platformdirs.windows.get_win_folder",
        lambda csidl: str(documents) if csidl == "CSIDL_PERSONAL" else str(documents.parent),
    )


def test_file_choosers_start_in_the_documents_folder_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_writer import paths

    # An office that redirected 文档 to a second disk: the known folder, not %USERPROFILE%.
    documents = tmp_path / "D盘" / "张 三的文档"
    documents.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "Users" / "张 三"))
    _windows_known_folders(monkeypatch, documents)
    assert paths.documents_dir() == documents


def test_documents_folder_that_does_not_exist_falls_back_to_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_writer import paths

    home = tmp_path / "Users" / "张 三"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    _windows_known_folders(monkeypatch, tmp_path / "网络盘已断开" / "Documents")
    assert paths.documents_dir() == home


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG user folders are Linux's")
def test_documents_folder_on_a_chinese_linux_desktop_is_xdg_wendang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_writer import paths

    home = tmp_path / "home" / "zhangsan"
    (home / ".config").mkdir(parents=True)
    (home / "文档").mkdir()
    (home / ".config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/文档"\n', encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    assert paths.documents_dir() == home / "文档"
