"""Fail if any ELF file in a package or folder needs a newer C or C++ runtime than Debian 11 has.

    python scripts/check_glibc_floor.py report-writer_0.1.0_amd64.deb | dist/report-writer/ [--glibc 2.31]

Every regular file that starts with the ELF magic is read with binutils' `readelf -V -W` (its
"Version needs" section lists each versioned symbol set a file requires: GLIBC_2.17, GLIBCXX_3.4.21 …).
The floor is Debian 11 (bullseye): glibc 2.31, and GCC 10's libstdc++ (GLIBCXX_3.4.28, CXXABI_1.3.12).
A .deb is unpacked with dpkg-deb first. Prints the highest version each library family needs and the files
that need the most; exit 1 with the offending files when one is over the floor.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

# Debian 11's libc6 2.31, libstdc++6 from GCC 10.2 (GLIBCXX_3.4.28, CXXABI_1.3.12), libgcc-s1 (GCC_10.0).
FLOORS: dict[str, tuple[int, ...]] = {
    "GLIBC": (2, 31),
    "GLIBCXX": (3, 4, 28),
    "CXXABI": (1, 3, 12),
    "GCC": (10, 0),
}
_NEED = re.compile(r"Name:\s+(GLIBC|GLIBCXX|CXXABI|GCC)_([0-9][0-9.]*)\b")
ELF_MAGIC = b"\x7fELF"


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.strip(".").split("."))


def format_version(family: str, version: tuple[int, ...]) -> str:
    return f"{family}_{'.'.join(str(n) for n in version)}"


def version_needs(readelf_output: str) -> set[tuple[str, tuple[int, ...]]]:
    """The (family, version) pairs in the 'Version needs' section of `readelf -V -W` output."""
    needs_section = readelf_output.split("Version needs section", 1)
    if len(needs_section) < 2:
        return set()
    return {(m.group(1), parse_version(m.group(2))) for m in _NEED.finditer(needs_section[1])}


def elf_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == ELF_MAGIC:
                    yield path


def too_new(needs: Iterable[tuple[str, tuple[int, ...]]], floors: dict[str, tuple[int, ...]]) -> list[str]:
    return sorted(format_version(family, version) for family, version in needs if version > floors[family])


def check_folder(folder: Path, floors: dict[str, tuple[int, ...]], readelf: str = "readelf") -> int:
    highest: dict[str, tuple[tuple[int, ...], str]] = {}
    failures: list[str] = []
    count = 0
    for path in elf_files(folder):
        count += 1
        output = subprocess.run(
            [readelf, "-V", "-W", str(path)], capture_output=True, text=True, check=False
        ).stdout
        needs = version_needs(output)
        relative = str(path.relative_to(folder))
        for family, version in needs:
            if family not in highest or version > highest[family][0]:
                highest[family] = (version, relative)
        over = too_new(needs, floors)
        if over:
            failures.append(f"  {relative}: {', '.join(over)}")
    if count == 0:
        print(f"check_glibc_floor: {folder} 中没有 ELF 文件", file=sys.stderr)
        return 1
    print(f"{count} 个 ELF 文件；各库所需的最高版本：")
    for family in FLOORS:
        if family in highest:
            version, where = highest[family]
            floor = format_version(family, floors[family])
            print(f"  {format_version(family, version):18} (上限 {floor}) 见 {where}")
    if failures:
        print("以下文件需要比 Debian 11 更新的系统库，无法在 glibc 2.31 的系统上运行：", file=sys.stderr)
        print("\n".join(failures), file=sys.stderr)
        return 1
    print("全部不超过 Debian 11（glibc 2.31）的版本。")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("target", help=".deb 文件或文件夹")
    parser.add_argument("--glibc", default="2.31", help="glibc 的上限版本（默认 2.31）")
    args = parser.parse_args(argv)
    readelf = shutil.which("readelf")
    if readelf is None:
        print("check_glibc_floor: 找不到 readelf（请安装 binutils）", file=sys.stderr)
        return 2
    floors = {**FLOORS, "GLIBC": parse_version(args.glibc)}
    target = Path(args.target)
    if target.is_dir():
        return check_folder(target, floors, readelf)
    if target.suffix == ".deb" and target.is_file():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["dpkg-deb", "-x", str(target), tmp], check=True)
            return check_folder(Path(tmp), floors, readelf)
    print(f"check_glibc_floor: {target} 不是 .deb 文件也不是文件夹", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
