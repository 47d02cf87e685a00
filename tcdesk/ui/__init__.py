"""The desktop editor (PySide6); the only package that imports Qt."""

from __future__ import annotations

import ctypes
import sys


def _pin_singletons() -> None:
    """Keep ``True``, ``False`` and ``None`` alive however many references a Qt binding drops.

    PySide6 6.12 on Python 3.11 releases one reference to ``True`` on every ``Signal.emit()`` (and
    to ``None`` on some cross-thread calls); after a few hundred edits the interpreter aborts with
    "deallocating True or False". Python 3.12 made these objects immortal, which hides the bug
    there; here we give them a reference count no session can exhaust.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (True, False, None):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


_pin_singletons()
