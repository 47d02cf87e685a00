"""What the editor does once the window first shows the opened file: report it, and load the rest."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from tcdesk.ui.focus_order import fields_in_reading_order

if TYPE_CHECKING:
    from tcdesk.ui.main_window import MainWindow

__all__ = ["after_first_paint", "report_usable", "warm_up_parts"]

_TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit)


def first_text_field(window: MainWindow) -> QWidget | None:
    """The first field of the shown part that takes text, in reading order."""
    page = window.stack.currentWidget()
    fields = fields_in_reading_order(page) if page is not None else []
    return next((f for f in fields if isinstance(f, _TEXT_FIELDS)), None)


def after_first_paint(window: MainWindow, then: Callable[[QWidget | None], object]) -> None:
    """Call ``then(field)`` once the shown part's first text field (else the window) next paints."""
    field = first_text_field(window)
    target = field.viewport() if isinstance(field, (QTextEdit, QPlainTextEdit)) else field or window

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                target.removeEventFilter(self)
                self.deleteLater()
                then(field)
            return False

    target.installEventFilter(FirstPaint(window))


def report_usable(window: MainWindow, started: float) -> None:
    """Print "usable after" when the opened file's text is first painted, saying what the field shows
    and whether it takes typing: a mapped window that still says "Opening…" is not usable yet."""

    def report(field: QWidget | None) -> None:
        where = f"{time.perf_counter() - started:.3f} s, {time.process_time():.3f} s CPU ({window.current_part()}"
        if not isinstance(field, _TEXT_FIELDS):
            print(f"tcdesk: usable after {where}: no text field)", flush=True)
            return
        text = field.text() if isinstance(field, QLineEdit) else field.toPlainText()
        editable = field.isVisible() and field.isEnabled() and not field.isReadOnly()
        print(f"tcdesk: usable after {where}, {field.accessibleName()!r} shows {len(text)} characters, "
              f"{'editable' if editable else 'not editable'})", flush=True)

    after_first_paint(window, report)


def warm_up_parts() -> threading.Thread:
    """Import the answer and plan editors in the background, so the first visit to such a part does
    not wait for them (the Markdown machinery alone is ~0.1 s). Only imports: pages are still built
    on the UI thread, and the short switch interval keeps typing responsive meanwhile."""

    def run() -> None:
        import tcdesk.ui.answer_editor
        import tcdesk.ui.new_plan_editor
        import tcdesk.ui.previous_plan_editor  # noqa: F401

    thread = threading.Thread(target=run, name="tcdesk-warm-up", daemon=True)
    thread.start()
    return thread
