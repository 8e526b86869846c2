#!/usr/bin/env python3
"""Fetch the proofreader's context language model (fcitx5's zh_CN.lm, LGPL-2.1+) from Debian's archive.

    python scripts/fetch_language_model.py --install         # into the per-user folder lm.py looks in
    python scripts/fetch_language_model.py --output build/lm # for a build: model + notice + licence texts
    python scripts/fetch_language_model.py --install --from-deb libime-data-language-model_1.0.16-1_amd64.deb

One pinned .deb (Debian 12's libime-data-language-model, the model the proofreader is tuned on): its size and
SHA-256 are written below, so any mirror (--mirror) or a copy carried in by hand (--from-deb) is as good as
deb.debian.org. The .deb is read with the standard library (ar, then tar), member names, types and sizes
checked, the model's own SHA-256 and KenLM header checked (language/lm.py) before it replaces anything.
Downloads are kept in build/lm-cache/ (--cache): a second run does not download again, and one whose output
already holds the pinned model does nothing. Messages are Chinese (writers run --install too); exit status 1
on any failure.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from report_writer.language import lm  # noqa: E402  (standard library only; platformdirs for --install)

NOTICE_DIR = ROOT / "packaging" / "lm"
NOTICE_FILES = ("NOTICE.txt", "LGPL-2.1")  # copied beside the model
DEBIAN_COPYRIGHT = "debian-copyright.txt"  # the package's copyright file, written beside the model
MIRRORS = ("https://deb.debian.org/debian", "http://deb.debian.org/debian")  # plain HTTP: the hash decides


@dataclass(frozen=True)
class Pin:
    """One Debian package version and what is inside it, as checked on the day it was pinned."""

    package: str
    version: str
    pool_path: str  # under the mirror's root
    deb_size: int
    deb_sha256: str
    model_member: str  # in data.tar, without the leading ./
    model_size: int
    model_sha256: str
    copyright_member: str

    @property
    def deb_name(self) -> str:
        return self.pool_path.rsplit("/", 1)[-1]


# Debian 12 (bookworm), the version `make package` bundled and p9lm tuned on (`apt-cache show` on bookworm:
# Filename, Size, SHA256). The model is the same binary on every little-endian 64-bit machine, so the amd64
# package serves Windows and macOS as well.
PIN = Pin(
    package="libime-data-language-model",
    version="1.0.16-1",
    pool_path="pool/main/libi/libime/libime-data-language-model_1.0.16-1_amd64.deb",
    deb_size=14_375_828,
    deb_sha256="a9363f915fbefc8ae1ddab3a8147b6c77fdeaa8adb8ab580bc130601d1539665",
    model_member="usr/lib/x86_64-linux-gnu/libime/zh_CN.lm",
    model_size=17_092_050,
    model_sha256="e4097ca9ca1082928c2ea7d5e368080a696611efa0714dfe563c769f26a415d2",
    copyright_member="usr/share/doc/libime-data-language-model/copyright",
)

# What a .deb may hold at its top level: debian-binary, control.tar and data.tar as dpkg-deb compresses them.
AR_MAGIC = b"!<arch>\n"
AR_HEADER_BYTES = 60
StreamMode = Literal["r|", "r|gz", "r|xz", "r|bz2", "r|zst"]
DATA_MODES: dict[str, StreamMode] = {
    "data.tar": "r|",
    "data.tar.gz": "r|gz",
    "data.tar.xz": "r|xz",
    "data.tar.bz2": "r|bz2",
}
if sys.version_info >= (3, 14):  # zstd came to the standard library in 3.14
    DATA_MODES["data.tar.zst"] = "r|zst"
DEB_MEMBERS = {"debian-binary", "control.tar", "control.tar.gz", "control.tar.xz", "control.tar.zst"}
DEB_MEMBERS |= {"data.tar", "data.tar.gz", "data.tar.xz", "data.tar.bz2", "data.tar.zst"}
MAX_DATA_BYTES = 256 * 1024**2  # compressed data.tar: ours is 14 MB
MAX_UNPACKED_BYTES = 512 * 1024**2  # everything the tar says it holds: ours is 22 MB
MAX_TAR_MEMBERS = 10_000
MAX_COPYRIGHT_BYTES = 1024**2
CHUNK = 1024**2


class FetchError(Exception):
    """Something is wrong with the download or the package (a Chinese sentence for the user)."""


# ---- the .deb: an ar archive of debian-binary, control.tar.*, data.tar.* ----------------------------------


def read_ar(stream: BinaryIO, total: int) -> dict[str, tuple[int, int]]:
    """{member name: (offset, size)} of a .deb's ar archive; FetchError for anything a .deb would not hold."""
    if stream.read(len(AR_MAGIC)) != AR_MAGIC:
        raise FetchError("不是 Debian 软件包（ar 文件头不对）")
    members: dict[str, tuple[int, int]] = {}
    position = len(AR_MAGIC)
    while position < total:
        header = stream.read(AR_HEADER_BYTES)
        if len(header) != AR_HEADER_BYTES or header[58:60] != b"`\n":
            raise FetchError("软件包已损坏（ar 成员头不完整）")
        try:
            name = header[:16].decode("ascii").rstrip(" ").removesuffix("/")
            size_field = header[48:58].decode("ascii").strip()
        except UnicodeDecodeError as exc:
            raise FetchError("软件包中有异常的成员名") from exc
        if name not in DEB_MEMBERS:
            raise FetchError(f"软件包中有意外的成员 {name!r}")
        if name in members:
            raise FetchError(f"软件包中成员 {name} 重复")
        if not size_field.isdigit():
            raise FetchError(f"软件包成员 {name} 的大小无效")
        size = int(size_field)
        offset = position + AR_HEADER_BYTES
        if offset + size > total:
            raise FetchError(f"软件包成员 {name} 超出文件末尾（已截断或伪造）")
        members[name] = (offset, size)
        position = offset + size + size % 2  # members start at even offsets
        stream.seek(position)
    if next(iter(members), None) != "debian-binary":
        raise FetchError("软件包中缺少 debian-binary")
    return members


def _data_member(deb: BinaryIO, members: dict[str, tuple[int, int]]) -> tuple[str, bytes]:
    offset, size = members["debian-binary"]
    deb.seek(offset)
    if not deb.read(min(size, 16)).startswith(b"2."):
        raise FetchError("软件包格式版本不是 2.x")
    data = [name for name in members if name.startswith("data.tar")]
    if len(data) != 1:
        raise FetchError("软件包中没有唯一的 data.tar")
    name = data[0]
    if name not in DATA_MODES:
        raise FetchError(f"本机 Python 解不开 {name}（zstd 需要 Python 3.14）")
    offset, size = members[name]
    if size > MAX_DATA_BYTES:
        raise FetchError(f"软件包的 {name} 过大（{size // 1024**2} MB）")
    deb.seek(offset)
    return name, deb.read(size)


def _member_path(member: tarfile.TarInfo) -> str:
    """The member's name without ./; FetchError for a name that points outside the package's tree."""
    name = member.name
    while name.startswith("./"):
        name = name[2:]
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or "\0" in name or ".." in parts or ":" in parts[0]:
        raise FetchError(f"软件包中有越界的路径 {member.name!r}")
    if not (member.isdir() or member.isfile() or member.issym()):
        raise FetchError(f"软件包中有意外的文件类型：{member.name}")
    return name.rstrip("/")


def extract(deb_path: Path, pin: Pin, out_dir: Path) -> Path:
    """Take the model (and the package's copyright file) out of the .deb at `deb_path` into `out_dir`:
    written beside under temporary names, checked (size, SHA-256, KenLM header), then moved into place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    model: Path | None = None
    copyright_text: bytes | None = None
    temporaries: list[Path] = []
    try:
        with deb_path.open("rb") as deb:
            members = read_ar(deb, deb_path.stat().st_size)
            data_name, data = _data_member(deb, members)
        unpacked = 0
        try:
            with tarfile.open(fileobj=io.BytesIO(data), mode=DATA_MODES[data_name]) as tar:
                for count, member in enumerate(tar, start=1):
                    if count > MAX_TAR_MEMBERS:
                        raise FetchError("软件包中的文件过多")
                    name = _member_path(member)
                    unpacked += member.size
                    if member.size < 0 or unpacked > MAX_UNPACKED_BYTES:
                        raise FetchError("软件包解开后过大")
                    if name == pin.model_member:
                        if model is not None or not member.isfile():
                            raise FetchError(f"软件包中的 {name} 不是唯一的普通文件")
                        if member.size != pin.model_size:
                            raise FetchError(f"模型大小 {member.size} 字节，应为 {pin.model_size} 字节")
                        model = _write_member(tar, member, out_dir, pin.model_sha256)
                        temporaries.append(model)
                    elif name == pin.copyright_member:
                        if (
                            copyright_text is not None
                            or not member.isfile()
                            or member.size > MAX_COPYRIGHT_BYTES
                        ):
                            raise FetchError(f"软件包中的 {name} 异常")
                        source = tar.extractfile(member)
                        copyright_text = source.read() if source else None
        except (tarfile.TarError, EOFError) as exc:
            raise FetchError(f"软件包的 {data_name} 已损坏（{exc}）") from exc
        if model is None:
            raise FetchError(f"软件包中没有 {pin.model_member}")
        if copyright_text is None:
            raise FetchError(f"软件包中没有版权文件 {pin.copyright_member}")
        try:
            lm.check_model_file(model)
        except lm.ModelFileError as exc:
            raise FetchError(f"解出的模型不可用（{exc}）") from exc
        (out_dir / DEBIAN_COPYRIGHT).write_bytes(copyright_text)
        model.chmod(0o644)  # the temporary file was private; the model is read by whoever runs the program
        target = out_dir / lm.MODEL_NAME
        os.replace(model, target)
        return target
    finally:
        for path in temporaries:
            path.unlink(missing_ok=True)


def _write_member(tar: tarfile.TarFile, member: tarfile.TarInfo, out_dir: Path, sha256: str) -> Path:
    source = tar.extractfile(member)
    if source is None:
        raise FetchError(f"读不出 {member.name}")
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=out_dir, prefix=".zh_CN.lm.", delete=False) as out:
        written = Path(out.name)
        try:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
        except BaseException:
            out.close()
            written.unlink(missing_ok=True)
            raise
    if digest.hexdigest() != sha256:
        written.unlink(missing_ok=True)
        raise FetchError(f"模型的 SHA-256 不符（{digest.hexdigest()}），不是固定的版本")
    return written


# ---- getting the .deb --------------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_deb(path: Path, pin: Pin) -> None:
    """FetchError unless `path` is the pinned .deb (size, then SHA-256)."""
    try:
        size = path.stat().st_size
        digest = file_sha256(path) if size == pin.deb_size else ""
    except OSError as exc:
        raise FetchError(f"读不出 {path}（{exc.strerror or exc}）") from exc
    if size != pin.deb_size:
        raise FetchError(
            f"{path.name} 大小 {size} 字节，应为 {pin.deb_size} 字节：不是 {pin.package} {pin.version}"
        )
    if digest != pin.deb_sha256:
        raise FetchError(f"{path.name} 的 SHA-256 不符（{digest}）：文件已损坏或被替换，不能使用")


def _download(url: str, target: Path, pin: Pin) -> None:
    partial = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    received = 0
    try:
        with urllib.request.urlopen(url, timeout=60) as response, partial.open("wb") as out:
            for chunk in iter(lambda: response.read(CHUNK), b""):
                received += len(chunk)
                if received > pin.deb_size:
                    raise FetchError(f"下载内容比预期的 {pin.deb_size} 字节大，已停止")
                digest.update(chunk)
                out.write(chunk)
        if received != pin.deb_size:
            raise FetchError(f"下载不完整（{received} / {pin.deb_size} 字节）")
        if digest.hexdigest() != pin.deb_sha256:
            raise FetchError(f"下载内容的 SHA-256 不符（{digest.hexdigest()}），不能使用")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def obtain_deb(pin: Pin, cache_dir: Path, mirrors: Sequence[str]) -> Path:
    """The pinned .deb from the cache, else downloaded into it from the first mirror that gives it."""
    cached = cache_dir / pin.deb_name
    if cached.is_file():
        try:
            verify_deb(cached, pin)
            say(f"使用已下载的 {cached}")
            return cached
        except FetchError as exc:
            say(f"缓存的软件包不能用（{exc}），重新下载")
            cached.unlink(missing_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    for mirror in mirrors:
        url = f"{mirror.rstrip('/')}/{pin.pool_path}"
        say(f"下载 {pin.package} {pin.version}（{pin.deb_size / 1e6:.1f} MB）：{url}")
        try:
            _download(url, cached, pin)
            return cached
        except (urllib.error.URLError, TimeoutError, OSError, FetchError) as exc:
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            failures.append(f"{url}：{reason}")
            say(f"  未成功：{reason}")
    raise FetchError(
        "无法下载语言模型软件包：\n  " + "\n  ".join(failures) + f"\n可在能上网的电脑上下载 {pin.deb_name}"
        f"（{MIRRORS[0]}/{pin.pool_path}），再用 --from-deb 该文件 运行本脚本。"
    )


# ---- the output folder ------------------------------------------------------------------------------------


def is_complete(out_dir: Path, pin: Pin) -> bool:
    """The folder already holds the pinned model and the texts that go with it."""
    model = out_dir / lm.MODEL_NAME
    needed = [out_dir / name for name in (*NOTICE_FILES, DEBIAN_COPYRIGHT)]
    try:
        return (
            all(path.is_file() for path in needed)
            and model.is_file()
            and model.stat().st_size == pin.model_size
            and file_sha256(model) == pin.model_sha256
        )
    except OSError:
        return False


def fetch(out_dir: Path, pin: Pin, *, cache_dir: Path, mirrors: Sequence[str], deb: Path | None) -> Path:
    """Put the pinned model, its notice and licence texts in `out_dir`; the model's path."""
    if deb is None and is_complete(out_dir, pin):
        say(f"{out_dir} 中已有固定版本的模型（{pin.package} {pin.version}），无需下载")
        return out_dir / lm.MODEL_NAME
    if deb is not None:
        verify_deb(deb, pin)
    else:
        deb = obtain_deb(pin, cache_dir, mirrors)
    say(f"SHA-256 相符：{pin.deb_sha256}")
    model = extract(deb, pin, out_dir)
    for name in NOTICE_FILES:
        shutil.copyfile(NOTICE_DIR / name, out_dir / name)
    return model


def say(message: str) -> None:
    print(message, flush=True)


def _utf8_safe_output() -> None:
    # A Windows console or pipe in a legacy code page cannot show every character: never fail on output.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_safe_output()
    parser = argparse.ArgumentParser(
        description=f"下载并校验校对用的上下文语言模型（fcitx5 zh_CN.lm，来自 Debian 软件包 {PIN.package} "
        f"{PIN.version}，LGPL-2.1+）。"
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--install", action="store_true", help="装到本用户的数据目录（程序会在那里找模型）")
    where.add_argument("--output", type=Path, metavar="文件夹", help="写到该文件夹（打包用）")
    parser.add_argument("--from-deb", type=Path, metavar="文件", help="用已有的 .deb，不下载")
    parser.add_argument(
        "--cache",
        type=Path,
        default=ROOT / "build" / "lm-cache",
        metavar="文件夹",
        help="下载缓存（默认 build/lm-cache）",
    )
    parser.add_argument(
        "--mirror",
        action="append",
        metavar="网址",
        help="Debian 镜像（如 https://mirrors.ustc.edu.cn/debian）",
    )
    args = parser.parse_args(argv)
    try:
        out_dir: Path = lm.user_model_path().parent if args.install else args.output
        mirrors = tuple(args.mirror) if args.mirror else MIRRORS
        model = fetch(out_dir.resolve(), PIN, cache_dir=args.cache, mirrors=mirrors, deb=args.from_deb)
    except FetchError as exc:
        print(f"fetch_language_model：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"fetch_language_model：读写文件出错（{exc}）", file=sys.stderr)
        return 1
    size = model.stat().st_size
    say(f"上下文语言模型已就绪：{model}（{size / 1e6:.1f} MB，{PIN.package} {PIN.version}）")
    if args.install:
        say("重新打开报告写作助手后生效；“校对设置”中会显示“已启用上下文语言模型”。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
