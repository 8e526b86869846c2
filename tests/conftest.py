from __future__ import annotations

import os
from pathlib import Path

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
    from report_writer.core.templating import sample_report

    return sample_report


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared 不存在：跳过依赖共享样本的测试")
    return SHARED_DIR
