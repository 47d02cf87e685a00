"""The installed Qt binding must not leak references to None (PySide6 6.12.0 on CPython 3.11 did).

Each leaked reference brings the interpreter closer to freeing None, which aborts the whole app
("Fatal Python error: none_dealloc") after a few thousand repaints: a lost draft for the user.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.update()
    assert sys.getrefcount(None) - before > -50
