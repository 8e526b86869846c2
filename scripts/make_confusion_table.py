"""Build resources/proofreading/confusion.txt: ECSpell's sound- and shape-alike sets (MIT licence, kept
beside the table as ECSPELL-LICENSE.txt) merged and made symmetric, plus homophones among common
characters, which ECSpell's sound sets often miss (事 and 市 are both shì). Pronunciations come from
pypinyin (MIT); "common" means jieba counts the character as a word at least COMMON_CHAR_FREQ times
(about 3,500 characters, the size of the 常用字 list).

    pip install -e .[tables]
    python scripts/make_confusion_table.py ../shared/data/ecspell
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

COMMON_CHAR_FREQ = 300


def ecspell_sets(source: Path) -> dict[str, set[str]]:
    confusion: dict[str, set[str]] = {}
    for name in ("soundConfusion.json", "shapeConfusion.json"):
        for key, values in json.loads((source / name).read_text(encoding="utf-8")).items():
            confusion.setdefault(key, set()).update(v for v in values if v != key)
    return confusion


def homophone_sets() -> dict[str, set[str]]:
    """Common characters that share a reading, tones ignored (any reading of a 多音字)."""
    from pypinyin import Style, pinyin

    from report_writer.language import segment

    common = [
        word
        for word, count in segment.tokenizer().FREQ.items()
        if len(word) == 1 and "\u4e00" <= word <= "\u9fff" and count >= COMMON_CHAR_FREQ
    ]
    by_reading: dict[str, set[str]] = defaultdict(set)
    for char in common:
        for reading in set(pinyin(char, style=Style.NORMAL, heteronym=True)[0]):
            by_reading[reading].add(char)
    homophones: dict[str, set[str]] = defaultdict(set)
    for group in by_reading.values():
        for char in group:
            homophones[char].update(group - {char})
    return homophones


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ecspell")
    confusion = ecspell_sets(source)
    for char, alikes in homophone_sets().items():
        confusion.setdefault(char, set()).update(alikes)
    for key, values in list(confusion.items()):
        for value in values:
            confusion.setdefault(value, set()).add(key)
    lines = [f"{k}\t{''.join(sorted(v))}" for k, v in sorted(confusion.items()) if len(k) == 1 and v]
    header = (
        "# 形近字、音近字混淆集：由 ECSpell（MIT 许可，Copyright (c) 2022 Aopolin-Lv）的 soundConfusion 与\n"
        "# shapeConfusion 合并并对称化，再加上常用字中读音相同（不计声调）的字"
        "（读音取自 pypinyin，MIT 许可）。\n"
        "# 每行：字<TAB>易混淆的字。生成脚本：scripts/make_confusion_table.py\n"
    )
    target = Path(__file__).resolve().parent.parent / "resources" / "proofreading" / "confusion.txt"
    target.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(target, len(lines))


if __name__ == "__main__":
    main()
