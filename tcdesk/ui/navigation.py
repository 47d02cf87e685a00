"""The list of the form's parts, each with a completion mark and its error and warning counts."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from tcdesk.model import Submission
from tcdesk.ui.parts import Part, PartCounts, is_complete, parts

__all__ = ["Navigation"]

KEY_ROLE = Qt.ItemDataRole.UserRole


class Navigation(QListWidget):
    """Cover, questions 1–8, both plans and sign-off; selecting one emits its key."""

    part_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Parts of the submission")
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSpacing(1)
        self.setIconSize(QSize(16, 16))
        blank = QPixmap(16, 16)
        blank.fill(QColor(0, 0, 0, 0))
        self._blank = QIcon(blank)  # keeps titles aligned when a part has no icon
        self.parts: list[Part] = parts()
        self._items: dict[str, QListWidgetItem] = {}
        for part in self.parts:
            item = QListWidgetItem(part.title, self)
            item.setData(KEY_ROLE, part.key)
            self._items[part.key] = item
        self._complete: dict[str, bool] = {}
        self._counts: dict[str, PartCounts] = {}
        self.currentItemChanged.connect(self._on_current_changed)
        self.setCurrentRow(0)

    def current_key(self) -> str:
        item = self.currentItem()
        return item.data(KEY_ROLE) if item else "cover"

    def select(self, key: str) -> None:
        self.setCurrentItem(self._items[key])

    def update_completion(self, sub: Submission) -> None:
        self._complete = {p.key: is_complete(sub, p.key) for p in self.parts}
        self._refresh()

    def update_counts(self, counts: dict[str, PartCounts]) -> None:
        self._counts = counts
        self._refresh()

    def item_text(self, key: str) -> str:
        return self._items[key].text()

    def _refresh(self) -> None:
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "done": style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        }
        for part in self.parts:
            item = self._items[part.key]
            counts = self._counts.get(part.key, PartCounts())
            done = self._complete.get(part.key, False)
            bits = []
            if counts.errors:
                bits.append(f"{counts.errors} error{'s' * (counts.errors != 1)}")
            if counts.warnings:
                bits.append(f"{counts.warnings} warning{'s' * (counts.warnings != 1)}")
            status = "complete" if done else "not complete"
            # The state is in words under the title, beside one icon: never colour or icon alone,
            # and never two marks saying the same thing.
            text = f"{part.title}\n{status}" + (f" · {', '.join(bits)}" if bits else "")
            if item.text() != text:
                item.setText(text)
                kind = "error" if counts.errors else "warning" if counts.warnings else "done" if done else None
                item.setIcon(icons[kind] if kind else self._blank)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{part.title}, {status}{', ' + ', '.join(bits) if bits else ''}")
                item.setToolTip(f"{part.title}: {status}" + (f"; {', '.join(bits)}" if bits else ""))

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.part_selected.emit(current.data(KEY_ROLE))
