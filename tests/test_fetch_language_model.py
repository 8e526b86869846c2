"""scripts/fetch_language_model.py: the pinned Debian package is taken apart with the standard library, and a
package that is not the pinned one, or holds anything unexpected, gives no model. No network: .deb files are
built here, downloads go to a stand-in for urllib."""

from __future__ import annotations

import hashlib
import io
import struct
import sys
import tarfile
import urllib.error
from pathlib import Path

import pytest

from report_writer.language import lm

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
import fetch_language_model as fetch  # noqa: E402

MODEL_MEMBER = "usr/lib/x86_64-linux-gnu/libime/zh_CN.lm"
COPYRIGHT_MEMBER = "usr/share/doc/libime-data-language-model/copyright"
COPYRIGHT = b"Files: *\nCopyright: 2015-2022, test\nLicense: LGPL-2.1+\n"


def model_bytes(fill: bytes = b"\x01") -> bytes:
    """A KenLM binary header (as lm.check_model_file reads it) over 100 KB: passes the header checks."""
    magic = lm.MAGIC.ljust((len(lm.MAGIC) + 7) // 8 * 8, b"\0")
    sanity = struct.pack("<fffIIxxxxQ", 0.0, 1.0, -0.5, 1, 0xFFFFFFFF, 1)
    parameters = struct.pack("<BxxxfI?xxxI", 3, 1.5, 5, True, 1)
    return magic + sanity + parameters + struct.pack("<3Q", 1000, 5000, 9000) + fill * 100_000


MODEL = model_bytes()


def entry(name: str, data: bytes | None = None, kind: bytes | None = None, link: str = "") -> tuple:
    """A tar member: a folder without data, a regular file with it, or the `kind` given."""
    info = tarfile.TarInfo(name)
    info.type = kind if kind is not None else tarfile.DIRTYPE if data is None else tarfile.REGTYPE
    info.size = len(data) if data is not None and info.type == tarfile.REGTYPE else 0
    info.linkname = link
    return info, data


def usual_entries(model: bytes = MODEL) -> list[tuple]:
    return [
        entry("./"),
        entry("./usr/"),
        entry("./usr/lib/x86_64-linux-gnu/libime/"),
        entry(f"./{MODEL_MEMBER}", model),
        entry("./usr/lib/x86_64-linux-gnu/libime/zh_CN.lm.predict", b"predict" * 10),
        entry(f"./{COPYRIGHT_MEMBER}", COPYRIGHT),
    ]


def tar_bytes(entries: list[tuple], compression: str = "xz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(
        fileobj=buffer, mode=f"w:{compression}" if compression else "w", format=tarfile.GNU_FORMAT
    ) as tar:
        for info, data in entries:
            tar.addfile(info, io.BytesIO(data) if info.type == tarfile.REGTYPE else None)
    return buffer.getvalue()


def ar_bytes(members: list[tuple[str, bytes]], gnu_names: bool = False) -> bytes:
    """An ar archive as dpkg-deb (names padded, no slash) or GNU ar (names ending in /) writes it."""
    out = bytearray(b"!<arch>\n")
    for name, data in members:
        label = name + "/" if gnu_names else name
        out += f"{label:<16}{1669746840:<12}{0:<6}{0:<6}{100644:<8}{len(data):<10}`\n".encode("ascii")
        out += data + (b"\n" if len(data) % 2 else b"")
    return bytes(out)


def deb_bytes(entries: list[tuple] | None = None, compression: str = "xz", gnu_names: bool = False) -> bytes:
    data = tar_bytes(usual_entries() if entries is None else entries, compression)
    suffix = f".{compression}" if compression else ""
    control = tar_bytes([entry("./control", b"Package: libime-data-language-model\n")])
    members = [("debian-binary", b"2.0\n"), ("control.tar.xz", control), (f"data.tar{suffix}", data)]
    return ar_bytes(members, gnu_names)


def pin_for(deb: bytes, model: bytes = MODEL) -> fetch.Pin:
    return fetch.Pin(
        package="libime-data-language-model",
        version="1.0-test",
        pool_path="pool/main/libi/libime/libime-data-language-model_1.0-test_amd64.deb",
        deb_size=len(deb),
        deb_sha256=hashlib.sha256(deb).hexdigest(),
        model_member=MODEL_MEMBER,
        model_size=len(model),
        model_sha256=hashlib.sha256(model).hexdigest(),
        copyright_member=COPYRIGHT_MEMBER,
    )


def write(tmp_path: Path, deb: bytes, name: str = "test.deb") -> Path:
    path = tmp_path / name
    path.write_bytes(deb)
    return path


@pytest.mark.parametrize(("compression", "gnu_names"), [("xz", False), ("gz", True), ("", False)])
def test_the_model_and_its_texts_come_out_of_a_deb_built_here(
    tmp_path: Path, compression: str, gnu_names: bool
) -> None:
    deb = deb_bytes(compression=compression, gnu_names=gnu_names)
    out = tmp_path / "out"
    model = fetch.fetch(out, pin_for(deb), cache_dir=tmp_path / "cache", mirrors=(), deb=write(tmp_path, deb))
    assert model == out / "zh_CN.lm" and model.read_bytes() == MODEL
    assert lm.check_model_file(model) == (len(MODEL), 3)
    assert (out / "debian-copyright.txt").read_bytes() == COPYRIGHT
    assert (out / "NOTICE.txt").read_text(encoding="utf-8").startswith("上下文语言模型")
    assert "LESSER GENERAL PUBLIC LICENSE" in (out / "LGPL-2.1").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == [
        "LGPL-2.1",
        "NOTICE.txt",
        "debian-copyright.txt",
        "zh_CN.lm",
    ]
    assert model.stat().st_mode & 0o044 == 0o044  # readable by others, not the temporary file's 0600
    assert not (tmp_path / "cache").exists()  # --from-deb: nothing downloaded, nothing cached


def test_a_deb_that_is_not_the_pinned_one_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deb = deb_bytes()
    pin = pin_for(deb)
    changed = bytearray(deb)
    changed[-200] ^= 0xFF  # same size, one byte different
    out = tmp_path / "out"
    with pytest.raises(fetch.FetchError, match="SHA-256 不符"):
        fetch.fetch(out, pin, cache_dir=tmp_path, mirrors=(), deb=write(tmp_path, bytes(changed)))
    with pytest.raises(fetch.FetchError, match="大小 .* 字节，应为"):
        fetch.fetch(out, pin, cache_dir=tmp_path, mirrors=(), deb=write(tmp_path, deb + b"\n"))
    assert not out.exists()
    # the command line: the real pin, a .deb that is not it → exit 1 and a sentence, no model
    assert fetch.main(["--output", str(out), "--from-deb", str(write(tmp_path, deb))]) == 1
    assert "不是 libime-data-language-model 1.0.16-1" in capsys.readouterr().err
    assert not (out / "zh_CN.lm").exists()


def test_the_pinned_model_is_the_one_the_dev_machines_run() -> None:
    """The pin names Debian 12's model, the one install-system-deps.sh installs and the proofreader is tuned
    on: when the system's copy is there it is byte for byte the pinned one (else the pin is stale)."""
    system = next((path for path in lm._system_candidates() if path.is_file()), None)
    if system is None or not sys.platform.startswith("linux"):
        pytest.skip("no libime-data-language-model on this machine")
    assert system.stat().st_size == fetch.PIN.model_size
    assert fetch.file_sha256(system) == fetch.PIN.model_sha256
    assert fetch.PIN.model_member == "usr/lib/x86_64-linux-gnu/libime/zh_CN.lm"
    assert fetch.PIN.pool_path.endswith(f"_{fetch.PIN.version}_amd64.deb")


def hardlink() -> tuple:
    return entry(f"./{MODEL_MEMBER}.hard", None, tarfile.LNKTYPE, f"./{MODEL_MEMBER}")


@pytest.mark.parametrize(
    ("entries", "reason"),
    [
        (usual_entries() + [entry("../../etc/cron.d/evil", b"x")], "越界的路径"),
        (usual_entries() + [entry("/etc/passwd", b"x")], "越界的路径"),
        (usual_entries() + [entry("./usr/../../evil", b"x")], "越界的路径"),
        (usual_entries() + [entry("./usr\\..\\..\\evil", b"x")], "越界的路径"),
        (usual_entries() + [entry("C:/evil", b"x")], "越界的路径"),
        (usual_entries() + [hardlink()], "意外的文件类型"),
        (usual_entries() + [entry("./dev/sda", None, tarfile.BLKTYPE)], "意外的文件类型"),
        (
            usual_entries()[:3] + [entry(f"./{MODEL_MEMBER}", None, tarfile.SYMTYPE, "/etc/shadow")],
            "不是唯一的普通文件",
        ),
        (usual_entries() + [entry(f"./{MODEL_MEMBER}", MODEL)], "不是唯一的普通文件"),
        (usual_entries(MODEL + b"\0" * 1000), "模型大小"),
        (usual_entries(model_bytes(b"\x02")), "模型的 SHA-256 不符"),
        (usual_entries()[:3] + usual_entries()[4:], "没有 usr/lib"),
        (usual_entries()[:5], "没有版权文件"),
        (usual_entries() + [entry(f"./{COPYRIGHT_MEMBER}", b"other")], "异常"),
        (usual_entries()[:5] + [entry(f"./{COPYRIGHT_MEMBER}", b"x" * (1024**2 + 1))], "异常"),
    ],
    ids=[
        "dot-dot",
        "absolute",
        "dot-dot-inside",
        "backslashes",
        "drive",
        "hardlink",
        "device",
        "model-symlink",
        "model-twice",
        "model-oversized",
        "model-other-bytes",
        "no-model",
        "no-copyright",
        "copyright-twice",
        "copyright-oversized",
    ],
)
def test_hostile_or_unexpected_tar_members_are_refused(
    tmp_path: Path, entries: list[tuple], reason: str
) -> None:
    deb = write(tmp_path, deb_bytes(entries))
    out = tmp_path / "out"
    with pytest.raises(fetch.FetchError, match=reason):
        fetch.extract(deb, pin_for(b""), out)
    assert list(out.iterdir()) == []  # no model, no temporary file left behind
    assert not (tmp_path / "etc").exists() and not (tmp_path.parent / "evil").exists()


DATA_XZ = tar_bytes(usual_entries())


def _control() -> bytes:
    return tar_bytes([entry("./control", b"Package: x\n")])


@pytest.mark.parametrize(
    ("deb", "reason"),
    [
        (b"PK\x03\x04" + bytes(1000), "ar 文件头不对"),
        (
            ar_bytes([("debian-binary", b"2.0\n"), ("evil.sh", b"rm -rf /"), ("data.tar.xz", b"")]),
            "意外的成员",
        ),
        (ar_bytes([("debian-binary", b"2.0\n"), ("data.tar.xz", b"a"), ("data.tar.xz", b"b")]), "重复"),
        (ar_bytes([("data.tar.xz", DATA_XZ), ("debian-binary", b"2.0\n")]), "缺少 debian-binary"),
        (ar_bytes([("debian-binary", b"3.0\n"), ("data.tar.xz", DATA_XZ)]), "格式版本"),
        (ar_bytes([("debian-binary", b"2.0\n"), ("control.tar.xz", _control())]), "唯一的 data.tar"),
        (ar_bytes([("debian-binary", b"2.0\n"), ("data.tar.xz", b"not xz at all")]), "已损坏"),
        (ar_bytes([("debian-binary", b"2.0\n"), ("data.tar.xz", DATA_XZ[: len(DATA_XZ) // 2])]), "已损坏"),
        (deb_bytes()[:-50], "超出文件末尾"),
        (deb_bytes().replace(b"`\n", b"  ", 1), "成员头不完整"),
    ],
    ids=[
        "zip",
        "extra-member",
        "duplicate",
        "order",
        "format-3",
        "no-data",
        "not-xz",
        "truncated-xz",
        "truncated-deb",
        "bad-header",
    ],
)
def test_a_broken_or_forged_ar_archive_is_refused(tmp_path: Path, deb: bytes, reason: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(fetch.FetchError, match=reason):
        fetch.extract(write(tmp_path, deb), pin_for(b""), out)
    assert list(out.iterdir()) == []


def test_a_size_claimed_beyond_the_limits_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deb = write(tmp_path, deb_bytes())
    monkeypatch.setattr(fetch, "MAX_UNPACKED_BYTES", len(MODEL) - 1)  # the tar says it holds more than this
    with pytest.raises(fetch.FetchError, match="解开后过大"):
        fetch.extract(deb, pin_for(b""), tmp_path / "out")
    monkeypatch.setattr(fetch, "MAX_DATA_BYTES", 100)  # ours is ~500 bytes compressed
    with pytest.raises(fetch.FetchError, match="data.tar.xz 过大"):
        fetch.extract(deb, pin_for(b""), tmp_path / "out")
    # an ar member claiming ten digits of bytes in a small file
    huge = (
        ar_bytes([("debian-binary", b"2.0\n")])
        + f"{'data.tar.xz':<16}{0:<12}{0:<6}{0:<6}{100644:<8}{9999999999:<10}`\n".encode()
    )
    with pytest.raises(fetch.FetchError, match="超出文件末尾"):
        fetch.extract(write(tmp_path, huge, "huge.deb"), pin_for(b""), tmp_path / "out")


class FakeResponse(io.BytesIO):
    def __enter__(self) -> FakeResponse:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def serve(monkeypatch: pytest.MonkeyPatch, answers: dict[str, bytes | Exception]) -> list[str]:
    """urllib.request.urlopen answers from `answers` (by mirror prefix); the URLs asked for are recorded."""
    asked: list[str] = []

    def urlopen(url: str, timeout: float = 0) -> FakeResponse:
        asked.append(url)
        for prefix, answer in answers.items():
            if url.startswith(prefix):
                if isinstance(answer, Exception):
                    raise answer
                return FakeResponse(answer)
        raise urllib.error.URLError("no route")

    monkeypatch.setattr(fetch.urllib.request, "urlopen", urlopen)
    return asked


def test_download_tries_the_next_mirror_and_a_second_run_uses_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deb = deb_bytes()
    pin = pin_for(deb)
    asked = serve(monkeypatch, {"https://down": urllib.error.URLError("timed out"), "http://up": deb})
    cache = tmp_path / "cache"
    fetch.fetch(
        tmp_path / "a", pin, cache_dir=cache, mirrors=("https://down/debian", "http://up/debian/"), deb=None
    )
    assert asked == [f"https://down/debian/{pin.pool_path}", f"http://up/debian/{pin.pool_path}"]
    assert (cache / pin.deb_name).read_bytes() == deb and (tmp_path / "a" / "zh_CN.lm").read_bytes() == MODEL
    assert list(cache.iterdir()) == [cache / pin.deb_name]  # no .part left
    # another folder: the cached .deb, no download
    fetch.fetch(tmp_path / "b", pin, cache_dir=cache, mirrors=("http://up/debian",), deb=None)
    assert len(asked) == 2 and (tmp_path / "b" / "zh_CN.lm").read_bytes() == MODEL
    # the same folder again: already complete, the .deb is not even opened
    (cache / pin.deb_name).unlink()
    fetch.fetch(tmp_path / "b", pin, cache_dir=cache, mirrors=("http://up/debian",), deb=None)
    assert len(asked) == 2
    # a damaged cached copy is fetched again
    (cache / pin.deb_name).write_bytes(b"\0" * len(deb))
    fetch.fetch(tmp_path / "c", pin, cache_dir=cache, mirrors=("http://up/debian",), deb=None)
    assert len(asked) == 3 and (cache / pin.deb_name).read_bytes() == deb


@pytest.mark.parametrize(
    ("served", "reason"),
    [(b"\0" * 100, "下载不完整"), (b"\0" * 10_000_000, "比预期的 .* 字节大"), ("same-size", "SHA-256 不符")],
    ids=["short", "too-long", "other-bytes"],
)
def test_a_download_that_is_not_the_pinned_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, served: bytes | str, reason: str
) -> None:
    deb = deb_bytes()
    pin = pin_for(deb)
    body = bytes(reversed(deb)) if served == "same-size" else served
    assert isinstance(body, bytes)
    serve(monkeypatch, {"http://mirror": body})
    cache = tmp_path / "cache"
    with pytest.raises(fetch.FetchError, match=f"(?s)无法下载.*{reason}.*--from-deb"):
        fetch.fetch(tmp_path / "out", pin, cache_dir=cache, mirrors=("http://mirror",), deb=None)
    assert list(cache.iterdir()) == [] and not (tmp_path / "out" / "zh_CN.lm").exists()


def test_install_puts_the_model_where_lm_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_user_folders: Path
) -> None:
    deb = deb_bytes()
    monkeypatch.setattr(fetch, "PIN", pin_for(deb))
    monkeypatch.delenv(lm.ENV_VAR, raising=False)
    assert fetch.main(["--install", "--from-deb", str(write(tmp_path, deb))]) == 0
    installed = isolated_user_folders / "lm" / "zh_CN.lm"
    assert lm.user_model_path() == installed and installed.read_bytes() == MODEL
    assert (installed.parent / "NOTICE.txt").is_file() and (installed.parent / "LGPL-2.1").is_file()
    assert (installed, "用户目录") in lm.candidates()
