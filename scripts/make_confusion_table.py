"""Build resources/proofreading/confusion.txt from ECSpell's confusion sets (MIT licence, kept beside
the table as ECSPELL-LICENSE.txt): sound- and shape-alike sets merged and made symmetric.

    python scripts/make_confusion_table.py ../shared/data/ecspell
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ecspell")
    confusion: dict[str, set[str]] = {}
    for name in ("soundConfusion.json", "shapeConfusion.json"):
        for key, values in json.loads((source / name).read_text(encoding="utf-8")).items():
            confusion.setdefault(key, set()).update(v for v in values if v != key)
    for key, values in list(confusion.items()):
        for value in values:
            confusion.setdefault(value, set()).add(key)
    lines = [f"{k}\t{''.join(sorted(v))}" for k, v in sorted(confusion.items()) if len(k) == 1 and v]
    header = (
        "# 形近字、音近字混淆集：由 ECSpell（MIT 许可，Copyright (c) 2022 Aopolin-Lv）的 soundConfusion 与\n"
        "# shapeConfusion 合并并对称化生成。每行：字<TAB>易混淆的字。生成脚本：scripts/make_confusion_table.py\n"
    )
    target = Path(__file__).resolve().parent.parent / "resources" / "proofreading" / "confusion.txt"
    target.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(target, len(lines))


if __name__ == "__main__":
    main()
