"""Detect a Qt binding that corrupts Python's reference counts, before it crashes the app mid-lesson.

PySide6 6.12.0 releases a reference to ``None`` on every call of a void Qt method (``setEnabled``,
``setText``, ...). On Python 3.12+ ``None`` is immortal and nothing happens; on 3.10/3.11 the count
reaches zero after some seconds of training and the interpreter aborts ("none_dealloc").
"""
from __future__ import annotations

import sys

CALLS = 200


def binding_drops_none_references() -> bool:
    """True when void Qt calls lose references to None (needs a QApplication)."""
    from PySide6.QtWidgets import QLabel
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setEnabled(True)
    return sys.getrefcount(None) < before - CALLS // 2
