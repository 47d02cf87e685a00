"""Answering the modal windows a test's action opens, as a user would, without replacing them."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox

__all__ = ["Modals", "click"]


class Modals:
    """Answers the modal windows that open, one after the other, as a user would: each step gets the
    window and acts on it (clicks a button). Records what each window said. A window opening when no
    step is left is closed (rejected), so a test expecting none fails instead of waiting forever.

    Watches until :meth:`stop`, or until another watcher starts (the ``tests/ui`` conftest stops
    every watcher when its test ends).
    """

    live: ClassVar[list[Modals]] = []

    def __init__(self, steps) -> None:
        self.steps = list(steps)
        self.seen: list[tuple[str, str]] = []
        self._last = None
        self._polls = 0
        self._stopped = False
        for earlier in Modals.live:  # the newest watcher answers what opens from now on
            earlier.stop()
        Modals.live[:] = [self]
        QTimer.singleShot(20, self._poll)

    def stop(self) -> None:
        self._stopped = True

    def _poll(self) -> None:
        if self._stopped:
            return
        self._polls += 1
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self._last and modal.isVisible():
            self._last = modal
            text = modal.text() + "\n" + modal.informativeText() if isinstance(modal, QMessageBox) else ""
            self.seen.append((modal.windowTitle(), text))
            if self.steps:
                self.steps.pop(0)(modal)
            elif isinstance(modal, QDialog):
                modal.reject()
        if self._polls < 1500:  # 30 s at most
            QTimer.singleShot(20, self._poll)


def click(label: str):
    def act(modal) -> None:
        buttons = [b for b in modal.findChildren(QAbstractButton) if b.text().replace("&", "") == label]
        assert buttons, f"no button {label!r} in {[b.text() for b in modal.findChildren(QAbstractButton)]}"
        buttons[0].click()

    return act
