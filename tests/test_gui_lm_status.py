"""校对设置 says whether the context language model is used: what the checking process loaded, or, before it
has answered, what the window can tell from the file without loading it."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from report_writer.language import lm

MODEL_EXPECTED = importlib.util.find_spec("kenlm") is not None and sys.platform.startswith("linux")


def test_the_checking_process_tells_the_settings_dialog(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from report_writer.gui import proof_settings

    window.proofreader.wait(120000)  # the warm-up (and so the model's load) comes before any check
    status = window.proofreader.model_status
    assert status is not None, "the checking process did not answer"
    if MODEL_EXPECTED:  # make test installs libime-data-language-model (scripts/install-system-deps.sh)
        assert status.startswith("已启用上下文语言模型（fcitx5 zh_CN.lm，")
    shown: list[str] = []

    def look_and_cancel(dialog: proof_settings.ProofSettingsDialog) -> int:
        qtbot.addWidget(dialog)
        shown.append(dialog.model_status.text())
        return 0

    monkeypatch.setattr(proof_settings.ProofSettingsDialog, "exec", look_and_cancel)
    window.proofreading_actions.proof_settings()
    assert shown == [status]


def test_without_the_checking_process_the_window_looks_at_the_file_only(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_writer.gui.proof_settings import ProofSettingsDialog
    from report_writer.language.config import ProofConfig

    broken = tmp_path / "zh_CN.lm"
    broken.write_bytes(os.urandom(100_000))
    monkeypatch.setenv(lm.ENV_VAR, str(broken))
    lm.reset()
    try:
        dialog = ProofSettingsDialog(ProofConfig())
        qtbot.addWidget(dialog)
        text = dialog.model_status.text()
        if importlib.util.find_spec("kenlm") is not None:
            assert f"上下文语言模型 {broken} 无法使用（不是 KenLM 二进制模型）" in text
        assert text.endswith("错别字检查只用词频，可能漏掉个别错字。")
        assert lm._loaded is None, "the window process must not load (map) the model"
        assert "REPORT_WRITER_LM" in dialog.model_status.toolTip()
    finally:
        lm.reset()
