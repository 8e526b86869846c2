"""上下文语言模型: an optional word-trigram model (fcitx5's zh_CN.lm, a KenLM binary, LGPL-2.1+) queried
through `kenlm` (the kenlm-ex wheel). The proofreader asks it how probable a few words are in their context;
without it (no wheel on this platform, no model file) the typo check uses word frequencies alone.

Where the model comes from, first found wins:
  1. REPORT_WRITER_LM: a path to a model, or `off`;
  2. the copy shipped with the program (`lm/zh_CN.lm` in the PyInstaller bundle, so also in the .deb);
  3. the writer's own copy, `lm/zh_CN.lm` in the per-user data folder (scripts/fetch_language_model.py
     --install puts Debian's there: a pip install on Windows or macOS has no other way to get it);
  4. Debian/Ubuntu's libime-data-language-model (/usr/lib/<triplet>/libime/zh_CN.lm), /usr/share/libime.

The file is not ours and may be damaged or replaced by anything, and the C library trusts what it maps: its
size and header are checked here (magic, the sanity block KenLM writes, order, counts) before kenlm sees it,
and any error kenlm raises is caught. Loading maps the file (no copy); the checking process does it in its
warm-up, never the window. language_model_status() answers in the window too, from the same checks without
loading anything (no kenlm import, no mmap).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import struct
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from report_writer import paths

log = logging.getLogger(__name__)

ENV_VAR = "REPORT_WRITER_LM"
MODEL_NAME = "zh_CN.lm"
BUNDLED = ("lm", MODEL_NAME)  # inside the program's data folders
SYSTEM_DIRS = ("/usr/lib/*/libime", "/usr/lib64/libime", "/usr/lib/libime", "/usr/share/libime")

MIN_BYTES = 64 * 1024  # no useful Chinese model is smaller; a stub or an empty download is
MAX_BYTES = 2 * 1024**3  # larger than any model we would map into a checking process

# KenLM's binary header (lm/binary_format.cc): the magic with its NUL, padded to 8 bytes, then a sanity block
# written with the native types (floats 0, 1, -0.5; word index 1 and its maximum; uint64 1), then the fixed
# parameters (order, probing multiplier, model type, has vocabulary, search version) and one uint64 count per
# order. A file from a machine of other endianness or word size fails the sanity block, as in KenLM.
MAGIC = b"mmap lm http://kheafield.com/code format version 5\n\0"
_MAGIC_PADDED = (len(MAGIC) + 7) // 8 * 8
_SANITY = struct.Struct("<fffIIxxxxQ")
_SANITY_VALUES = (0.0, 1.0, -0.5, 1, 0xFFFFFFFF, 1)
_PARAMETERS = struct.Struct("<BxxxfI?xxxI")
MAX_ORDER = 6  # kenlm-ex is built with KenLM's default maximum order
MODEL_TYPES = range(6)  # probing, rest probing, trie, quant trie, array trie, quant array trie
HEADER_BYTES = _MAGIC_PADDED + _SANITY.size + _PARAMETERS.size + 8 * MAX_ORDER

MISSING_TAIL = "错别字检查只用词频，可能漏掉个别错字。"
# In a source checkout (a developer's pip install) the script that fetches the model is at hand: say so.
FETCH_SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "fetch_language_model.py"
FETCH_HINT = "可运行 python scripts/fetch_language_model.py --install 获取模型。"


class LanguageModel(Protocol):
    def score(self, words: Sequence[str]) -> float:
        """log10 probability of the word sequence (no sentence start or end added)."""
        ...


class ModelFileError(Exception):
    """The file is not a KenLM binary model we dare to map (the message is Chinese, for the status line)."""


@dataclass(frozen=True)
class ModelFile:
    path: Path
    size: int
    order: int
    origin: str  # 环境变量 / 随程序 / 系统


class KenLanguageModel:
    """A loaded model: words joined by spaces, as KenLM's query takes them."""

    def __init__(self, model: Any, file: ModelFile) -> None:
        self._model = model
        self.file = file

    def score(self, words: Sequence[str]) -> float:
        # A word with a space inside (jieba keeps runs of spaces as tokens) would be read as two words or
        # none; such tokens carry no context anyway.
        text = " ".join(" ".join(words).split())  # = every word's parts joined (one C pass, not a generator)
        if not text:
            return 0.0
        return float(self._model.score(text, bos=False, eos=False))


# ---- finding and checking the file (cheap: stat, one small read) ---------------------------------------


def check_model_file(path: Path) -> tuple[int, int]:
    """(size in bytes, order) of a KenLM binary model at `path`, or ModelFileError saying what is wrong."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ModelFileError("不是普通文件")
        if size < MIN_BYTES:
            raise ModelFileError(f"文件只有 {size} 字节，不完整")
        if size > MAX_BYTES:
            raise ModelFileError(f"文件过大（{size // 1024**2} MB）")
        with path.open("rb") as stream:
            header = stream.read(HEADER_BYTES)
    except OSError as exc:
        raise ModelFileError(_unreadable(exc)) from exc
    if not header.startswith(MAGIC) or len(header) < HEADER_BYTES:
        raise ModelFileError("不是 KenLM 二进制模型")
    offset = _MAGIC_PADDED
    if _SANITY.unpack_from(header, offset) != _SANITY_VALUES:
        raise ModelFileError("模型文件为其他体系结构生成或已损坏")
    offset += _SANITY.size
    order, _multiplier, model_type, has_vocabulary, _search_version = _PARAMETERS.unpack_from(header, offset)
    if not 1 <= order <= MAX_ORDER or model_type not in MODEL_TYPES or not has_vocabulary:
        raise ModelFileError("模型文件头已损坏")
    offset += _PARAMETERS.size
    counts = struct.unpack_from(f"<{order}Q", header, offset)
    # Every n-gram takes at least a byte in the file: counts larger than the file mean a damaged header, and
    # KenLM would size its tables from them.
    if counts[0] < 2 or any(count == 0 or count > size for count in counts):
        raise ModelFileError("模型文件头已损坏")
    return size, order


def _system_candidates() -> list[Path]:
    found: list[Path] = []
    for pattern in SYSTEM_DIRS:
        if "*" in pattern:
            parent, _, rest = pattern.partition("*")
            base = Path(parent)
            dirs = sorted(base.glob("*" + rest)) if base.is_dir() else []
            # this machine's triplet first (x86_64-linux-gnu on amd64), then any other
            native = [d for d in dirs if d.parent.name.startswith(os.uname().machine)] if dirs else []
            dirs = native + [d for d in dirs if d not in native]
        else:
            dirs = [Path(pattern)]
        found += [directory / MODEL_NAME for directory in dirs]
    return found


def user_model_path() -> Path:
    """The writer's own copy: `lm/zh_CN.lm` in the per-user data folder (REPORT_WRITER_HOME if set)."""
    return paths.user_data_dir().joinpath(*BUNDLED)


def candidates() -> list[tuple[Path, str]]:
    """Where to look for the model, in order, each with where it comes from (without REPORT_WRITER_LM).
    The shipped copy first (the .deb was proven with it), then the writer's, then the system's."""
    found = [(directory.joinpath(*BUNDLED), "随程序") for directory in paths.shipped_roots()]
    found.append((user_model_path(), "用户目录"))
    if sys.platform.startswith("linux"):
        found += [(path, "系统") for path in _system_candidates()]
    return found


@dataclass(frozen=True)
class _Found:
    file: ModelFile | None
    status: str


def _describe(file: ModelFile) -> str:
    name = f"fcitx5 {MODEL_NAME}" if file.path.name == MODEL_NAME else file.path.name
    megabytes = max(1, round(file.size / 1_000_000))
    return f"{name}，{megabytes} MB"


def _find() -> _Found:
    setting = os.environ.get(ENV_VAR, "").strip()
    if setting.lower() in {"off", "0", "no", "none"}:
        return _Found(None, f"上下文语言模型已关闭（{ENV_VAR}={setting}），{MISSING_TAIL}")
    if importlib.util.find_spec("kenlm") is None:
        return _Found(None, f"本机未安装 kenlm 组件，不能使用上下文语言模型，{MISSING_TAIL}")
    places = [(Path(setting).expanduser(), "环境变量")] if setting else candidates()
    for path, origin in places:
        # Only a path that exists is examined: a missing system copy is normal, a broken one is worth saying.
        if not setting and not path.exists():
            continue
        try:
            size, order = check_model_file(path)
        except ModelFileError as exc:
            return _Found(None, f"上下文语言模型 {path} 无法使用（{exc}），{MISSING_TAIL}")
        return _Found(ModelFile(path, size, order, origin), "")
    hint = FETCH_HINT if FETCH_SCRIPT.is_file() else ""
    return _Found(None, f"未找到上下文语言模型，{MISSING_TAIL}{hint}")


# ---- loading (the checking process) ---------------------------------------------------------------------

_lock = threading.Lock()
_loaded: tuple[LanguageModel | None, str] | None = None


def _load() -> tuple[LanguageModel | None, str]:
    found = _find()
    if found.file is None:
        log.info("%s", found.status)
        return None, found.status
    file = found.file
    try:
        import kenlm  # the wheel's extension module

        config = kenlm.Config()
        # Read the pages in at load (the warm-up) rather than on the first checks' page faults.
        config.load_method = kenlm.LoadMethod.POPULATE_OR_READ
        model = kenlm.Model(str(file.path), config)
        # one query before it is trusted: a log10 probability is finite and not above 0
        probe = float(model.score("政协 委员", bos=False, eos=False))
        if not -1000.0 < probe <= 0.0:
            raise ValueError(f"模型给出的概率不合理（{probe}）")
    except (
        Exception
    ) as exc:  # OSError from KenLM's own checks; anything else must not end the checking process
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        log.warning("language model %s not loaded: %s", file.path, reason)
        return None, f"上下文语言模型 {file.path} 无法加载（{reason}），{MISSING_TAIL}"
    log.info("language model %s loaded (%d bytes, order %d)", file.path, file.size, model.order)
    return KenLanguageModel(model, file), f"已启用上下文语言模型（{_describe(file)}）。"


def language_model() -> LanguageModel | None:
    """The model, loaded on first call (mapped, not read into memory); None when kenlm or the model is
    missing or the file is unusable (language_model_status() says which)."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _load()
        return _loaded[0]


def language_model_status() -> str:
    """One Chinese sentence for 校对设置: whether the model is used, which one, or why not. In a process that
    has loaded the model this is the load's outcome; elsewhere (the window) the same file checks without
    loading it."""
    with _lock:
        if _loaded is not None:
            return _loaded[1]
    found = _find()
    return f"已启用上下文语言模型（{_describe(found.file)}）。" if found.file else found.status


def reset() -> None:
    """Forget the loaded model (tests; a changed REPORT_WRITER_LM)."""
    global _loaded
    with _lock:
        _loaded = None


def _unreadable(exc: OSError) -> str:
    """Why a file could not be read, in the writer's words (not the system's English)."""
    if isinstance(exc, FileNotFoundError):
        return "找不到文件"
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    if isinstance(exc, IsADirectoryError):
        return "这是文件夹，不是模型文件"
    return "无法读取"
