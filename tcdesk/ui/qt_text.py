"""Hand Python text to Qt so that it arrives as itself.

PySide reads a U+FEFF or U+FFFE at the start of a ``str`` as a byte-order mark: it drops a U+FEFF,
and after a U+FFFE it reads every character byte-swapped ("ab" arrives as "愀戀"). A field starting
with either would be shown without it, or garbled, and typing in it would store what was shown.
One extra U+FEFF in front is the mark PySide takes away, leaving the text as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

__all__ = ["to_qt"]

_MARKS = ("\ufeff", "\ufffe")


def _marks_are_read() -> bool:
    probe = QObject()
    probe.setObjectName("\ufeffx")
    return probe.objectName() == "x"


#: Checked once, so the text stays right with a PySide that passes the mark through.
_MARK_READ = _marks_are_read()


def to_qt(text: str) -> str:
    """``text`` in the form to pass to a Qt function (``setText``, a model's ``data``) for Qt to get ``text``."""
    return "\ufeff" + text if _MARK_READ and text.startswith(_MARKS) else text
