"""The installed Qt binding must not leak references to None, True or False.

PySide6 6.12.0 on CPython 3.11 dropped one reference per void call or signal emission; once the
count of such a singleton reaches zero the interpreter aborts ("Fatal Python error: none_dealloc"),
after a few thousand repaints: a lost session for the user. pyproject.toml pins PySide6 below 6.12.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    changed = Signal(tuple)
    flag = Signal(bool)


def test_void_calls_and_signals_keep_the_reference_counts_of_singletons(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    emitter.changed.connect(lambda path: None)
    emitter.flag.connect(lambda value: None)
    before = {repr(obj): sys.getrefcount(obj) for obj in (None, True, False)}
    for _ in range(2000):
        label.setText("x")
        label.update()
        emitter.changed.emit(("answers", "1"))
        emitter.flag.emit(True)
    after = {repr(obj): sys.getrefcount(obj) for obj in (None, True, False)}
    assert all(after[k] - before[k] > -50 for k in before), (before, after)
