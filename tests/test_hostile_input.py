"""The hostile corpus (tests/hostile_corpus.py, a few hundred generated cases: mutated and malicious Word
files, bombs, entities, odd text, corrupt and hand-edited .rwp files, template packs, proofreading.toml,
--values, permissions) fed to the command: no internal error (exit 70), no case over 30 s or 1 GB, one
line of Chinese per error, the guard's own words where a guard should act, no leak from outside a
template pack, and no input file changed.

The default run covers every guard; REPORT_WRITER_LONG_TESTS=1 runs the long variant (every command on
every .rwp variant, more random mutations)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent


def _run_corpus(folder: Path, long: bool) -> dict[str, object]:
    argv = [sys.executable, str(TESTS_DIR / "hostile_corpus.py"), str(folder)] + (["--long"] if long else [])
    done = subprocess.run(argv, capture_output=True, text=True, timeout=3600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow  # a few hundred cases, one process each
@pytest.mark.skipif(sys.platform == "win32", reason="the runner forks one child per case")
def test_hostile_corpus_gives_clear_errors_within_budgets(tmp_path: Path) -> None:
    summary = _run_corpus(tmp_path / "corpus", long=False)
    assert summary["failures"] == []
    assert int(summary["cases"]) >= 200  # type: ignore[call-overload]
    kinds = summary["kinds"]
    assert isinstance(kinds, dict)
    for kind in ("docx", "text", "rwp", "template", "settings", "values"):
        assert kinds.get(kind, 0) >= 10, kind


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("REPORT_WRITER_LONG_TESTS"), reason="long variant: set REPORT_WRITER_LONG_TESTS=1"
)
def test_hostile_corpus_long_variant(tmp_path: Path) -> None:
    summary = _run_corpus(tmp_path / "corpus", long=True)
    assert summary["failures"] == []
