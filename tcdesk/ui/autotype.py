"""Steady typing into an answer, switched on by ``TCDESK_AUTOTYPE=LOGFILE``, for crash-recovery tests.

The editor types numbered words into question 1 through real key events, one character per
tick, and appends the number of each finished word to LOGFILE, so a test that kills the process
knows exactly what had been typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest

from tcdesk.ui.answer_editor import AnswerEditor

if TYPE_CHECKING:
    from tcdesk.ui.main_window import MainWindow

__all__ = ["AutoTyper", "word"]

TICK_MS = 20


def word(n: int) -> str:
    """The ``n``-th word typed: ``w00001 `` …"""
    return f"w{n:05d} "


class AutoTyper(QObject):
    """Types ``w00001 w00002 …`` into question 1 and logs each finished word."""

    def __init__(self, window: MainWindow, log: str | Path) -> None:
        super().__init__(window)
        self._window = window
        self._log = Path(log).open("a", encoding="utf-8", buffering=1)  # noqa: SIM115 - kept open while typing; each word is logged as it is finished
        self._n, self._pos = 1, 0
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._window.show_part("q1")
        page = self._window.page("q1")
        assert isinstance(page, AnswerEditor)
        self._editor = page.editor
        self._editor.setFocus()
        self._editor.moveCursor(self._editor.textCursor().MoveOperation.End)
        self._timer.start()

    def _tick(self) -> None:
        text = word(self._n)
        QTest.keyClicks(self._editor, text[self._pos], Qt.KeyboardModifier.NoModifier)
        self._pos += 1
        if self._pos == len(text):
            self._log.write(f"{self._n}\n")
            self._n, self._pos = self._n + 1, 0
