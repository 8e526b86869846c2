"""字数 as Word and WPS count it: every CJK character and full-width punctuation mark counts one;
a run of Latin letters or digits (with . , % inside numbers) counts one word; spaces count nothing."""

from __future__ import annotations

import re

_WORD_RE = re.compile(
    r"[A-Za-z0-9]+(?:[.,%'’-][A-Za-z0-9]+)*%?"  # Latin words and numbers: one each
    r"|[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"  # CJK ideographs and radicals
    r"|[\u3000-\u303f\uff00-\uffef\u2010-\u2027\u2030-\u205e\u00b7]"  # CJK and full-width punctuation
)


def word_count(text: str) -> int:
    return sum(1 for match in _WORD_RE.finditer(text) if not match.group().isspace())
