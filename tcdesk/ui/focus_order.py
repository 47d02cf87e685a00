"""Keyboard order of the window: Tab follows the shown part in reading order, F6 moves between regions."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

__all__ = ["fields_in_reading_order", "next_region", "set_tab_chain"]

#: Widgets whose tops are this close count as one line when ordering by position.
_LINE = 12


def fields_in_reading_order(page: QWidget) -> list[QWidget]:
    """The widgets of ``page`` that take Tab focus, top to bottom and left to right as they are seen."""
    found = []
    for widget in page.findChildren(QWidget):
        if not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or widget.focusProxy() is not None:
            continue
        if not widget.isVisibleTo(page) or not widget.isEnabled():
            continue
        if _inside_item_view(widget, page):
            continue  # an open cell editor belongs to its table
        found.append(widget)

    def position(widget: QWidget) -> tuple[int, int]:
        at = widget.mapTo(page, QPoint(0, 0))
        return (at.y() // _LINE, at.x())

    return sorted(found, key=position)


def _inside_item_view(widget: QWidget, page: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def set_tab_chain(chain: list[QWidget]) -> None:
    """Tab visits ``chain`` in order (and Shift+Tab backwards); the last leads back to the first."""
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)


def next_region(regions: list[QWidget], step: int) -> QWidget:
    """The region after (``step`` = 1) or before (-1) the one holding the focus."""
    focus = QApplication.focusWidget()
    current = next((i for i, r in enumerate(regions) if focus is not None and (focus is r or r.isAncestorOf(focus))), -1)
    return regions[(current + step) % len(regions)]
