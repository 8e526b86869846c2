"""Traditional or simplified characters: recognise a traditional text, and convert it to simplified with
OpenCC (Apache-2.0) when the writer asks. OpenCC's phrase tables handle 裡/里, 臺/台 and the like."""

from __future__ import annotations

import functools
from typing import Any

# Characters that exist only in traditional writing and are common in 政协 reports (會議 協商 發展 …).
TRADITIONAL_ONLY = set(
    "會議協與為國發業說學體經這對時來們個從動應還進過層點關於現實際實開題調務權將總環節報導區縣鎮"
    "員參組織決黨華興傳統農濟廣產讓變級會設觀視導專項聯絡據參眾響續優質規劃審證書辦種類區準確讀"
)
SIMPLIFIED_ONLY = (
    set(
        "会议协与为国发业说学体经这对时来们个从动应还进过层点关于现实际实开题调务权将总环节报导区县镇"
        "员参组织决党华兴传统农济广产让变级设观视导专项联络据众响续优质规划审证书办种类准确读"
    )
    - TRADITIONAL_ONLY
)


class ConversionUnavailable(RuntimeError):
    """OpenCC is not installed; the message says so in Chinese."""


def is_traditional(text: str) -> bool:
    """More traditional-only than simplified-only characters, and enough of them to be sure."""
    sample = text[:20000]
    traditional = sum(1 for c in sample if c in TRADITIONAL_ONLY)
    simplified = sum(1 for c in sample if c in SIMPLIFIED_ONLY)
    return traditional >= 5 and traditional > 2 * simplified


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    try:
        import opencc
    except ImportError:
        try:
            import opencc_python_reimplemented as opencc  # type: ignore[no-redef]  # pure-Python fallback
        except ImportError as exc:
            raise ConversionUnavailable("没有安装 OpenCC，无法转换繁体字（pip install opencc）。") from exc
    for config in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(config)
        except Exception:  # the two packages name the configuration differently
            continue
    raise ConversionUnavailable("OpenCC 的繁简转换表不可用，无法转换繁体字。")


def to_simplified(text: str) -> str:
    return str(_converter().convert(text)) if text else text


@functools.lru_cache(maxsize=8192)
def _char_simplified(char: str) -> str:
    converted = to_simplified(char)
    return converted if len(converted) == 1 else char


def probe(text: str) -> str:
    """The text with each character simplified on its own: same length, same positions, so what the
    importer finds in the probe can be cut from the traditional original."""
    return "".join(_char_simplified(c) if ord(c) > 0x2E80 else c for c in text)
