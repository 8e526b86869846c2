"""Guards against a broken Qt binding: PySide6 6.12.0 drops a reference to None on every call that
returns nothing, and after enough calls the interpreter aborts ("deallocating None")."""

from __future__ import annotations

import gc
import sys


def test_void_calls_keep_the_reference_to_none(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    label = QLabel("x")
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("y")
        qapp.processEvents()
    gc.collect()
    assert sys.getrefcount(None) - before > -100, "this PySide6 release loses references to None"
