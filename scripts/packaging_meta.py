"""What build.spec needs to know besides the code: the version (from pyproject.toml, the one place it is
written) as Windows wants it, and which system libraries stay out of a Linux bundle.

Kept out of build.spec so that tests can check it without running PyInstaller.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

PRODUCT_NAME = "政协年度工作综述写作助手"
# File-name prefixes of the C/C++ runtime every Linux desktop has (libstdc++6, libgcc-s1 in the .deb's
# Depends); the bundle uses the system's copies.
SYSTEM_RUNTIME_LIBS = ("libstdc++.so", "libgcc_s.so")


def project_version(pyproject: Path) -> str:
    with pyproject.open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); '1.2.0rc1' -> (1, 2, 0, 0): Windows wants four small integers."""
    numbers = [
        int(part) for part in re.findall(r"\d+", version.split("+")[0].split("rc")[0].split("a")[0])[:4]
    ]
    numbers += [0] * (4 - len(numbers))
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"版本号 {version} 无法写入 Windows 版本信息（每段不能超过 65535）")
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def windows_version_fields(version: str) -> dict[str, str]:
    """The strings shown in Explorer's Properties ▸ Details."""
    return {
        "CompanyName": "report-writer",
        "FileDescription": PRODUCT_NAME,
        "FileVersion": version,
        "InternalName": "report-writer",
        "LegalCopyright": "report-writer",
        "OriginalFilename": "report-writer.exe",
        "ProductName": PRODUCT_NAME,
        "ProductVersion": version,
    }


def windows_version_info(pyproject: Path) -> Any:
    """A PyInstaller VSVersionInfo for EXE(version=...)."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    version = project_version(pyproject)
    numbers = version_tuple(version)
    fields = windows_version_fields(version)
    return VSVersionInfo(
        ffi=FixedFileInfo(
            filevers=numbers,
            prodvers=numbers,
            mask=0x3F,
            flags=0x0,
            OS=0x40004,
            fileType=0x1,
            subtype=0x0,
            date=(0, 0),
        ),
        kids=[
            # 0804 = Chinese (PRC), 04B0 = Unicode
            StringFileInfo([StringTable("080404B0", [StringStruct(k, v) for k, v in fields.items()])]),
            VarFileInfo([VarStruct("Translation", [0x0804, 1200])]),
        ],
    )
