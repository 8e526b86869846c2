"""Fixtures every test file may use. Nothing here imports Qt at import time: core tests never start it
(a GUI fixture imports gui_helpers when a test asks for it)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TESTS_DIR = Path(__file__).resolve().parent
REPO_DIR = TESTS_DIR.parent
SHARED_DIR = REPO_DIR.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own per-user folder (user templates, caches)."""
    home = tmp_path_factory.mktemp("user-home")
    monkeypatch.setenv("REPORT_WRITER_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def sample_report_factory():  # type: ignore[no-untyped-def]
    """Makes a fresh built-in sample report (a new object each call: tests may change it)."""
    from report_writer.core.templating import sample_report

    return sample_report


@pytest.fixture
def sample_project(tmp_path: Path, sample_report_factory) -> Path:  # type: ignore[no-untyped-def]
    """报告.rwp in the test's folder: the sample saved once and closed."""
    from report_writer.core.project import Project

    path = tmp_path / "报告.rwp"
    Project.create(path, sample_report_factory()).close()
    return path


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as `report-writer demo -o sample.docx` writes it (公文 profile, 公文标准 fonts), made once
    per session: read it, never change it."""
    from report_writer.cli import main

    path = tmp_path_factory.mktemp("sample-docx") / "sample.docx"
    assert main(["demo", "-o", str(path)]) == 0
    return path


@pytest.fixture
def answers() -> Any:
    """Stands in for the window's message boxes (gui_helpers.Answers)."""
    from gui_helpers import Answers

    return Answers()


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch, answers) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """The main window on the built-in sample, its questions answered by `answers`, checking in the
    shared process; closed at the end without asking to save."""
    from gui_helpers import make_window

    w = make_window(qtbot, monkeypatch, answers)
    w.project_files.open_sample()
    yield w
    w.controller.session.dirty = False
    w.close()
    w.deleteLater()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared 不存在：跳过依赖共享样本的测试")
    return SHARED_DIR


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """End the GUI tests' shared checking process (started only if a window checked)."""
    shared_checker = sys.modules.get("shared_checker")
    if shared_checker is not None:
        shared_checker.SHARED.end()
