"""Helpers shared by the plan editor tests: a controller over a built submission and a shown, active widget."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tcdesk.session import Session
from tcdesk.ui.document import DocumentController


def controller(make_submission, **kw) -> DocumentController:
    return DocumentController(Session(make_submission(**kw)))


def show_active(qtbot, widget: QWidget, width: int, height: int) -> QWidget:
    """Show ``widget`` as the active window, so focus checks behave as on a desktop."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget
