"""Sends Undo and Redo keys to the window's single history, not to the focused text box's own."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

__all__ = ["UndoRouter"]

_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
_CTRL_Y = QKeySequence("Ctrl+Y")


def is_undo_key(event: QKeyEvent) -> bool:
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    return QKeySequence(event.keyCombination()) == _CTRL_Y


class UndoRouter(QObject):
    """Text inputs inside ``window`` never claim the undo shortcuts.

    Text widgets accept the "shortcut override" for Ctrl+Z, so their private undo would run and
    the window's history (which also holds table and form edits) would be bypassed. The filter is
    put on each text input as it gains focus, so other widgets' events never pass through Python.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        _application().focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, _TEXT_INPUTS) and new.window() is self._window and not new.property("tcdeskUndoRouted"):
            new.setProperty("tcdeskUndoRouted", True)
            new.installEventFilter(self)

    def detach(self) -> None:
        _application().focusChanged.disconnect(self._on_focus_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and is_undo_key(event):  # type: ignore[arg-type]
            event.ignore()  # unclaimed, so the window's Undo/Redo shortcut fires
            return True
        return False


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "the editor runs inside a QApplication"
    return app
