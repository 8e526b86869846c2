"""language/lm.py: the optional context language model is found in order, checked before KenLM maps it, and a
damaged or foreign file gives no model and a status that says why, never a crash."""

from __future__ import annotations

import importlib.util
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from report_writer.language import lm

HAVE_KENLM = importlib.util.find_spec("kenlm") is not None
# `make test` installs Debian's libime-data-language-model (scripts/install-system-deps.sh): on Linux with the
# kenlm wheel the model must be there, so these tests are skipped only where the wheel does not exist.
needs_model = pytest.mark.skipif(
    not (HAVE_KENLM and sys.platform.startswith("linux")), reason="kenlm-ex has no wheel for this platform"
)


def system_model() -> Path:
    for path in lm._system_candidates():
        if path.exists():
            return path
    pytest.fail("zh_CN.lm missing: run scripts/install-system-deps.sh test (libime-data-language-model)")


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(lm.ENV_VAR, raising=False)
    lm.reset()
    yield
    lm.reset()


def header(order: int = 3, counts: tuple[int, ...] = (1000, 5000, 9000), model_type: int = 5) -> bytes:
    """A KenLM binary header as lm/binary_format.cc writes it on a little-endian 64-bit machine."""
    magic = lm.MAGIC.ljust((len(lm.MAGIC) + 7) // 8 * 8, b"\0")
    sanity = struct.pack("<fffIIxxxxQ", 0.0, 1.0, -0.5, 1, 0xFFFFFFFF, 1)
    parameters = struct.pack("<BxxxfI?xxxI", order, 1.5, model_type, True, 1)
    return magic + sanity + parameters + struct.pack(f"<{len(counts)}Q", *counts)


def use(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> None:
    monkeypatch.setenv(lm.ENV_VAR, str(path))


@pytest.mark.skipif(not HAVE_KENLM, reason="kenlm-ex has no wheel for this platform")
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (os.urandom(200_000), "不是 KenLM 二进制模型"),
        (b"", "不完整"),
        (header()[:100], "不完整"),
        (b"mmap lm http://kheafield.com/code format version 4\n\0" + bytes(100_000), "不是 KenLM 二进制模型"),
        (header().replace(struct.pack("<f", -0.5), struct.pack(">f", -0.5)) + bytes(100_000), "其他体系结构"),
        (header(order=9, counts=(1,) * 6) + bytes(100_000), "文件头已损坏"),
        (header(model_type=17) + bytes(100_000), "文件头已损坏"),
        (header(counts=(1000, 5000, 10**12)) + bytes(100_000), "文件头已损坏"),
        (header(counts=(1000, 0, 9000)) + bytes(100_000), "文件头已损坏"),
    ],
    ids=[
        "garbage",
        "empty",
        "header-only",
        "old-format",
        "byte-order",
        "order",
        "type",
        "huge-count",
        "zero",
    ],
)
def test_a_file_that_is_not_a_model_is_refused_before_kenlm_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, reason: str
) -> None:
    bad = tmp_path / "zh_CN.lm"
    bad.write_bytes(content)
    use(monkeypatch, bad)
    status = lm.language_model_status()  # as the window asks: no load
    assert reason in status and str(bad) in status and lm.MISSING_TAIL in status
    assert lm.language_model() is None
    assert lm.language_model_status() == status


def test_a_folder_or_a_missing_path_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not HAVE_KENLM:
        pytest.skip("kenlm-ex has no wheel for this platform")
    use(monkeypatch, tmp_path)
    assert "不是普通文件" in lm.language_model_status() and lm.language_model() is None
    lm.reset()
    use(monkeypatch, tmp_path / "nowhere.lm")
    assert "找不到文件" in lm.language_model_status() and lm.language_model() is None


@needs_model
def test_a_well_formed_header_over_garbage_is_refused_by_kenlm_without_a_crash(tmp_path: Path) -> None:
    """Our checks pass (right header, plausible counts), KenLM finds the rest wrong: the process goes on.
    In a child process, so that a crash would fail this test rather than end the test run."""
    forged = tmp_path / "forged.lm"
    forged.write_bytes(header() + os.urandom(300_000))
    truncated = tmp_path / "truncated.lm"
    with system_model().open("rb") as whole:
        truncated.write_bytes(whole.read(8_000_000))
    for path in (forged, truncated):
        lm.check_model_file(path)  # passes the cheap checks
        child = subprocess.run(
            [sys.executable, "-c", "from report_writer.language import lm; "
             "print(lm.language_model() is None); print(lm.language_model_status())"],
            env={**os.environ, lm.ENV_VAR: str(path)},
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert child.returncode == 0, child.stderr
        is_none, status = child.stdout.splitlines()
        assert is_none == "True" and "无法加载" in status and str(path) in status


def test_off_turns_the_model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, "off")
    assert lm.language_model() is None
    assert lm.language_model_status().startswith("上下文语言模型已关闭（REPORT_WRITER_LM=off）")


def test_without_kenlm_there_is_no_model_and_the_status_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "kenlm" else real(name, *a)
    )
    assert lm.language_model() is None
    assert "未安装 kenlm" in lm.language_model_status()


@pytest.mark.skipif(not HAVE_KENLM, reason="kenlm-ex has no wheel for this platform")
def test_nothing_found_says_recall_is_lower(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(lm, "candidates", lambda: [(tmp_path / "a" / "zh_CN.lm", "随程序")])
    # in this source checkout the script that fetches the model is there, and the status names it
    assert lm.FETCH_SCRIPT.is_file()
    assert lm.language_model_status() == (
        "未找到上下文语言模型，错别字检查只用词频，可能漏掉个别错字。"
        "可运行 python scripts/fetch_language_model.py --install 获取模型。"
    )
    assert lm.language_model() is None
    lm.reset()
    monkeypatch.setattr(lm, "FETCH_SCRIPT", tmp_path / "no-such-script.py")  # a bundle or a wheel: no hint
    assert lm.language_model_status() == "未找到上下文语言模型，错别字检查只用词频，可能漏掉个别错字。"


@pytest.mark.skipif(not HAVE_KENLM, reason="kenlm-ex has no wheel for this platform")
def test_the_writers_own_copy_is_found_after_the_shipped_one_before_the_system_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_user_folders: Path
) -> None:
    """scripts/fetch_language_model.py --install puts the model in the per-user data folder: lm.py looks there
    after the copy shipped with the program and before Debian's package."""
    shipped = tmp_path / "bundle"
    monkeypatch.setattr(lm.paths, "shipped_roots", lambda: [shipped])
    own = isolated_user_folders / "lm" / "zh_CN.lm"
    assert lm.user_model_path() == own
    origins = [origin for _path, origin in lm.candidates()]
    assert origins[:2] == ["随程序", "用户目录"] and set(origins[2:]) <= {"系统"}
    own.parent.mkdir()
    own.write_bytes(header() + bytes(100_000))
    found = lm._find().file
    assert found is not None and found.path == own and found.origin == "用户目录"
    assert lm.language_model_status().startswith("已启用上下文语言模型（fcitx5 zh_CN.lm，")
    own.write_bytes(b"garbage" * 20_000)  # a damaged own copy is reported, not passed over for the system's
    assert f"上下文语言模型 {own} 无法使用（不是 KenLM 二进制模型）" in lm.language_model_status()
    (shipped / "lm").mkdir(parents=True)
    (shipped / "lm" / "zh_CN.lm").write_bytes(header() + bytes(100_000))
    found = lm._find().file
    assert found is not None and found.origin == "随程序"


@needs_model
def test_the_model_tells_a_slip_from_the_right_word() -> None:
    status_before_loading = lm.language_model_status()
    model = lm.language_model()
    assert model is not None and lm.language_model() is model  # loaded once
    assert lm.language_model_status() == status_before_loading
    assert (
        status_before_loading.startswith("已启用上下文语言模型（fcitx5 zh_CN.lm，")
        and "MB）" in status_before_loading
    )
    right = model.score(["最低", "生活", "保障", "标准"])
    slip = model.score(["最低", "生活", "暴涨", "标准"])
    assert -12 < right < -4 and right - slip > 5  # −7.9 against −17.4 with the 2022 model
    # spaces inside tokens are not words; nothing to score is probability 1
    assert model.score(["最低", " ", "生活", "保障 标准"]) == pytest.approx(right)
    assert model.score([]) == 0.0 and model.score(["  "]) == 0.0


@needs_model
def test_the_copy_shipped_with_the_program_comes_before_the_system_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lm").mkdir()
    (tmp_path / "lm" / "zh_CN.lm").symlink_to(system_model())
    monkeypatch.setattr(lm.paths, "shipped_roots", lambda: [tmp_path])
    assert lm.candidates()[0] == (tmp_path / "lm" / "zh_CN.lm", "随程序")
    model = lm.language_model()
    assert isinstance(model, lm.KenLanguageModel) and model.file.origin == "随程序"
    lm.reset()
    use(monkeypatch, system_model())  # the environment variable comes first of all
    model = lm.language_model()
    assert isinstance(model, lm.KenLanguageModel) and model.file.origin == "环境变量"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian/Ubuntu paths")
def test_system_paths_cover_every_multiarch_triplet_this_machine_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine = os.uname().machine
    for triplet in ("aarch64-linux-gnu", "i386-linux-gnu", f"{machine}-linux-gnu", "x86_64-linux-gnux32"):
        (tmp_path / "lib" / triplet / "libime").mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(lm, "SYSTEM_DIRS", (f"{tmp_path}/lib/*/libime", f"{tmp_path}/share/libime"))
    found = lm._system_candidates()
    assert found[0] == tmp_path / "lib" / f"{machine}-linux-gnu" / "libime" / "zh_CN.lm"
    assert sorted(found[1:-1]) == sorted(
        tmp_path / "lib" / triplet / "libime" / "zh_CN.lm"
        for triplet in {"aarch64-linux-gnu", "i386-linux-gnu", "x86_64-linux-gnux32"}
        - {f"{machine}-linux-gnu"}
    )
    assert found[-1] == tmp_path / "share" / "libime" / "zh_CN.lm"
    assert [path for path, origin in lm.candidates() if origin == "系统"] == found


def test_check_verbose_says_whether_the_check_had_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from report_writer.cli import main

    text = tmp_path / "低保.txt"
    text.write_text("今年全区提高城乡居民最低生活保障标准，惠及困难群众三千余人。\n", encoding="utf-8")
    assert main(["check", "-v", "--json", str(text)]) == 0
    out, err = capsys.readouterr()
    assert out.strip().startswith("[") and err.strip() == f"report-writer: {lm.language_model_status()}"
    if HAVE_KENLM and sys.platform.startswith("linux"):
        assert lm.language_model() is not None and "已启用上下文语言模型" in err  # loaded by the check
    lm.reset()
    use(monkeypatch, "off")
    assert main(["check", "--verbose", str(text)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "没有发现问题。" and "上下文语言模型已关闭" in err
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "本机：上下文语言模型已关闭（REPORT_WRITER_LM=off）" in capsys.readouterr().out


@needs_model
def test_a_model_that_answers_nonsense_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import kenlm

    class Nonsense:
        order = 3

        def __init__(self, *_args: object) -> None:
            pass

        def score(self, *_args: object, **_kwargs: object) -> float:
            return float("nan")

    monkeypatch.setattr(kenlm, "Model", Nonsense)
    use(monkeypatch, system_model())
    assert lm.language_model() is None
    assert "无法加载（模型给出的概率不合理（nan））" in lm.language_model_status()
