"""The packaging pieces that can be checked without building a package: the glibc floor check, the icon
drawing and its .ico, the Windows version resource, the menu entry and the .rwp MIME type."""

from __future__ import annotations

import configparser
import shutil
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import check_glibc_floor  # noqa: E402
import packaging_meta  # noqa: E402
import render_icons  # noqa: E402

READELF_SAMPLE = """
Version symbols section '.gnu.version' contains 12 entries:
  000:   0 (*local*)       2 (GLIBC_2.2.5)   3 (GLIBC_2.34)
Version needs section '.gnu.version_r' contains 2 entries:
 Addr: 0x0000000000000608  Offset: 0x000608  Link: 7 (.dynstr)
  000000: Version: 1  File: libstdc++.so.6  Cnt: 2
  0x0010:   Name: GLIBCXX_3.4.29  Flags: none  Version: 5
  0x0020:   Name: CXXABI_1.3.9  Flags: none  Version: 4
  0x0030: Version: 1  File: libc.so.6  Cnt: 2
  0x0040:   Name: GLIBC_2.34  Flags: none  Version: 3
  0x0050:   Name: GLIBC_2.2.5  Flags: none  Version: 2
"""


def test_readelf_version_needs_are_parsed() -> None:
    needs = check_glibc_floor.version_needs(READELF_SAMPLE)
    assert needs == {("GLIBCXX", (3, 4, 29)), ("CXXABI", (1, 3, 9)), ("GLIBC", (2, 34)), ("GLIBC", (2, 2, 5))}
    assert check_glibc_floor.too_new(needs, check_glibc_floor.FLOORS) == ["GLIBCXX_3.4.29", "GLIBC_2.34"]
    assert check_glibc_floor.version_needs("no version sections here") == set()


def test_versions_compare_as_numbers_not_text() -> None:
    floors = check_glibc_floor.FLOORS
    assert check_glibc_floor.too_new({("GLIBC", (2, 4))}, floors) == []
    assert check_glibc_floor.too_new({("GLIBC", (2, 31))}, floors) == []
    assert check_glibc_floor.too_new({("GLIBC", (2, 32))}, floors) == ["GLIBC_2.32"]


@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf (binutils) 未安装")
def test_floor_check_fails_on_a_program_built_for_a_newer_glibc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = tmp_path / "bin" / "python"
    program.parent.mkdir()
    shutil.copy(Path(sys.executable).resolve(), program)
    (tmp_path / "bin" / "notes.txt").write_text("not an ELF file")
    needs = check_glibc_floor.version_needs(
        __import__("subprocess")
        .run(["readelf", "-V", "-W", str(program)], capture_output=True, text=True)
        .stdout
    )
    newest = max(version for family, version in needs if family == "GLIBC")
    # A floor just below what the program needs fails, one at it passes.
    below = ".".join(str(n) for n in (*newest[:-1], newest[-1] - 1))
    assert check_glibc_floor.main([str(tmp_path), "--glibc", below]) == 1
    assert "bin/python" in capsys.readouterr().err
    assert check_glibc_floor.main([str(tmp_path), "--glibc", ".".join(map(str, newest))]) == 0
    assert "1 个 ELF 文件" in capsys.readouterr().out


def test_floor_check_refuses_a_folder_without_elf_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    assert check_glibc_floor.check_folder(tmp_path, check_glibc_floor.FLOORS) == 1


def test_ico_directory_points_at_each_png() -> None:
    pngs = {16: b"\x89PNG-16", 256: b"\x89PNG-256-bytes"}
    data = render_icons.ico_bytes(pngs)
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, 2)
    entries = [struct.unpack_from("<BBBBHHII", data, 6 + 16 * i) for i in range(count)]
    assert [e[0] for e in entries] == [16, 0]  # 0 stands for 256
    for (_, _, _, _, _, _, size, offset), png in zip(entries, [pngs[16], pngs[256]], strict=True):
        assert data[offset : offset + size] == png


def test_icon_is_rendered_at_every_size(tmp_path: Path) -> None:
    pytest.importorskip("PySide6.QtSvg")
    from PySide6.QtGui import QImage

    render_icons.render(tmp_path)
    for size in render_icons.THEME_SIZES:
        image = QImage(str(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "report-writer.png"))
        assert (image.width(), image.height()) == (size, size)
        # drawn, not blank: the corner is transparent, the middle (the page) is opaque
        assert image.pixelColor(0, 0).alpha() == 0 and image.pixelColor(size // 2, size // 2).alpha() == 255
    ico = (tmp_path / "report-writer.ico").read_bytes()
    assert struct.unpack_from("<HHH", ico) == (0, 1, len(render_icons.ICO_SIZES))


def test_windows_version_resource_comes_from_pyproject() -> None:
    version = packaging_meta.project_version(REPO / "pyproject.toml")
    numbers = packaging_meta.version_tuple(version)
    assert ".".join(map(str, numbers)).startswith(version.split("rc")[0].split("a")[0].split("+")[0])
    assert packaging_meta.version_tuple("1.2.0rc1") == (1, 2, 0, 0)
    assert packaging_meta.version_tuple("2025.3") == (2025, 3, 0, 0)
    with pytest.raises(ValueError, match="65535"):
        packaging_meta.version_tuple("70000.1")
    fields = packaging_meta.windows_version_fields(version)
    assert fields["ProductName"] == "政协年度工作综述写作助手" and fields["FileVersion"] == version


def test_windows_version_resource_builds_with_this_pyinstaller(monkeypatch: pytest.MonkeyPatch) -> None:
    """The version resource build.spec gives report-writer.exe on Windows, made with the installed
    PyInstaller's classes (a renamed argument would break only the Windows build): the version as four
    numbers, the Chinese strings. (The bytes are packed with native longs, so their layout is only
    Windows's on Windows.)"""
    pytest.importorskip("pefile")  # PyInstaller's dependency on Windows; a dev dependency here
    pytest.importorskip("PyInstaller")  # the bundle extra (make bundle, make test-pinned-qt, windows.yml)
    import PyInstaller.compat

    # versioninfo imports compat.win32api, which exists on Windows only; building the resource does not use it
    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    info = packaging_meta.windows_version_info(REPO / "pyproject.toml")
    version = packaging_meta.project_version(REPO / "pyproject.toml")
    major, minor, patch, build = packaging_meta.version_tuple(version)
    assert (info.ffi.fileVersionMS, info.ffi.fileVersionLS) == ((major << 16) | minor, (patch << 16) | build)
    assert info.ffi.productVersionMS == info.ffi.fileVersionMS and info.ffi.fileType == 1  # an application
    raw = info.toRaw()
    for text in ("VS_VERSION_INFO", "政协年度工作综述写作助手", "080404B0", "report-writer.exe", version):
        assert text.encode("utf-16-le") in raw, text


def test_menu_entry_opens_rwp_files_with_the_program() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(REPO / "packaging" / "linux" / "report-writer.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Name"] == "政协年度工作综述写作助手"
    assert entry["Exec"] == "report-writer %f"  # the command opens a .rwp given as its argument
    assert (
        entry["Icon"] == "report-writer" and Path(REPO / "packaging" / "icon" / "report-writer.svg").exists()
    )
    mime = ET.parse(REPO / "packaging" / "linux" / "report-writer-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    types = mime.findall("m:mime-type", ns)
    assert [t.get("type") + ";" for t in types] == [entry["MimeType"]]
    assert [g.get("pattern") for g in types[0].findall("m:glob", ns)] == ["*.rwp"]


def test_package_depends_on_qt_system_libraries_and_a_chinese_font() -> None:
    lines = [line.strip() for line in (REPO / "packaging" / "linux" / "depends.txt").read_text().splitlines()]
    depends = [line for line in lines if line and not line.startswith("#")]
    assert "libxcb-cursor0" in depends  # Qt 6.5+ xcb plugin refuses to start without it
    assert any("fonts-noto-cjk" in d and "fonts-wqy-microhei" in d for d in depends)
    assert any(d.startswith("libc6 (>= 2.31)") for d in depends)
