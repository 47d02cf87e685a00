"""Working together in the editor: opening a project someone else holds (the in-use dialog, in
:mod:`tcdesk.ui.in_use_dialog`), read-only windows and the lock warning. Merging is in
:mod:`tcdesk.ui.merging`; both load when first needed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from tcdesk.errors import ProjectLockedError

if TYPE_CHECKING:
    from tcdesk.lockfile import LockInfo
    from tcdesk.ui.main_window import MainWindow

__all__ = ["lock_warning", "open_project_file", "set_read_only"]

READ_ONLY, COPY, TAKE_OVER = "read-only", "copy", "take-over"


def open_project_file(window: MainWindow, path: str | Path, *, ask=None, allow_large: bool = False) -> bool:
    """Open ``path``; when someone else holds it, ask (the in-use dialog) what to do instead.

    :param ask: ``(path, holder) -> choice`` for tests; the dialog by default.
    :param allow_large: whatever its size (the user said "Open anyway"), however it is then opened.
    """
    path = Path(path)
    try:
        window.files.open(path, allow_large=allow_large)
        return True
    except ProjectLockedError as exc:
        holder: LockInfo = exc.holder  # type: ignore[attr-defined]
    if ask is None:
        from tcdesk.ui.in_use_dialog import InUseDialog

        dialog = InUseDialog(path, holder, window)
        dialog.exec()
        choice = dialog.choice
    else:
        choice = ask(path, holder)
    if choice == READ_ONLY:
        window.files.open(path, read_only=True, allow_large=allow_large)
    elif choice == COPY:
        window.files.open_copy(path, allow_large=allow_large)
    elif choice == TAKE_OVER:
        window.files.open(path, take_over=True, allow_large=allow_large)
    else:
        return False
    return True


# --- read-only windows ----------------------------------------------------------------------------


def set_read_only(widget: QWidget, read_only: bool) -> None:
    """Make every edit control below ``widget`` read-only (text stays selectable and scrollable)."""
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, (QLineEdit, QTextEdit, QPlainTextEdit)):
            child.setReadOnly(read_only)
        elif isinstance(child, QAbstractItemView):
            if read_only:
                child.setProperty("tcdeskEditTriggers", child.editTriggers())
                child.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            elif child.property("tcdeskEditTriggers") is not None:
                child.setEditTriggers(child.property("tcdeskEditTriggers"))
        elif isinstance(child, (QAbstractButton, QComboBox, QAbstractSpinBox)):
            child.setEnabled(not read_only)
        for action in child.actions():
            action.setEnabled(not read_only)


def lock_warning(window: MainWindow, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    project = window.files.project
    if project is not None and text == project.notice:
        title = project.notice_title
    else:
        title = "Opened read-only" if window.files.is_read_only() else "Not protected by a lock"
    window.statusBar().showMessage(text, 15000)
    QMessageBox.warning(window, title, text)

