"""The built-in sample's Word export, part by part, against the golden copies in tests/golden/.

Any change to what Word is given — a style's font, a paragraph's spacing, a new element — shows here as a
diff of readable XML. When the change is meant, regenerate the copies and commit them with the change:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py

(CONTRIBUTING.md, “What Word shows is tested on the XML and on the page”.)"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from golden_docx import normalised_part

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
PARTS = ("word/document.xml", "word/styles.xml")
STYLE_ID = re.compile(r'<w:style .*w:styleId="([^"]+)"')


def _with_style_name(line: str, golden_lines: list[str]) -> str:
    """A hunk header names the style it falls in (a style is long: the diff's context misses its name)."""
    if not line.startswith("@@ -"):
        return line
    start = int(re.match(r"@@ -(\d+)", line).group(1))  # type: ignore[union-attr]
    for previous in reversed(golden_lines[:start]):
        if found := STYLE_ID.search(previous):
            return f"{line} in style {found.group(1)}"
    return line


@pytest.mark.parametrize("part", PARTS)
def test_sample_export_matches_the_golden_copy(sample_docx: Path, part: str) -> None:
    """`sample_docx` (conftest) is what `report-writer demo -o sample.docx` writes."""
    actual = normalised_part(sample_docx, part)
    golden = GOLDEN_DIR / ("sample-" + Path(part).name)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8", newline="\n")
        pytest.skip(f"rewrote {golden.name}: review `git diff tests/golden` before committing")
    assert golden.is_file(), f"{golden} is missing: run UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            f"golden/{golden.name}",
            f"export/{part}",
            lineterm="",
            n=2,
        )
        lines = [_with_style_name(line, expected.splitlines()) for line in diff]
        shown = "\n".join(lines[:80]) + (f"\n… {len(lines) - 80} more diff lines" if len(lines) > 80 else "")
        pytest.fail(
            f"{part} of the sample export differs from tests/golden/{golden.name} "
            f"(if meant: UPDATE_GOLDEN=1 pytest tests/test_golden.py):\n{shown}",
            pytrace=False,
        )
