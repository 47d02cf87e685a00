"""The Format menu's commands (bold, lists, links, tables, images) for the answer box last focused.

Apart from :mod:`tcdesk.ui.rich_text_edit` so that the window's menus can be built without loading
the Markdown machinery, which only an answer page needs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QTextListFormat

    from tcdesk.ui.document import DocumentController
    from tcdesk.ui.rich_text_edit import RichTextEdit

__all__ = ["FormatActions"]


class FormatActions(QObject):
    """The Format menu and answer toolbars: each command acts on the answer box last focused."""

    current: ClassVar[RichTextEdit | None] = None

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        std = QKeySequence.StandardKey
        self.bold = self._action("&Bold", std.Bold, lambda e: e.toggle_bold())
        self.italic = self._action("&Italic", std.Italic, lambda e: e.toggle_italic())
        self.heading = self._action("&Heading", "Ctrl+Alt+2", lambda e: e.set_heading(2))
        self.body = self._action("Body &text", "Ctrl+Alt+0", lambda e: e.set_heading(0))
        self.bullets = self._action("B&ulleted list", "Ctrl+Shift+8", lambda e: e.make_list(_list_styles().ListDisc))
        self.numbers = self._action("&Numbered list", "Ctrl+Shift+7", lambda e: e.make_list(_list_styles().ListDecimal))
        self.link = self._action("Insert &link…", "Ctrl+K", self._ask_link)
        self.table = self._action("Insert &table…", "Ctrl+Alt+T", self._ask_table)
        self.image = self._action("Insert i&mage…", "Ctrl+Alt+I", self._ask_image)
        self.actions = [self.bold, self.italic, self.heading, self.body, self.bullets, self.numbers, self.link, self.table, self.image]
        #: Stores pictures in the project; set by the window (images live in the submission, not on disk).
        self.controller: DocumentController | None = None

    def _action(self, text: str, shortcut: QKeySequence.StandardKey | str, run: Callable[[RichTextEdit], object]) -> QAction:
        action = QAction(text, self._parent)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")

        def trigger() -> None:
            editor = FormatActions.current
            if editor is not None and editor.isVisible():
                run(editor)
                editor.setFocus()

        action.triggered.connect(trigger)
        return action

    def _ask_link(self, editor: RichTextEdit) -> None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        from tcdesk.ui.fields import whole_text

        selected = editor.textCursor().selectedText()
        dialog = QInputDialog(self._parent)
        dialog.setWindowTitle("Insert link")
        dialog.setLabelText("Address (https://…):")
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        for field in dialog.findChildren(QLineEdit):
            whole_text(field)  # a pasted address (a long data: URL) is kept whole
        url = dialog.textValue().strip() if dialog.exec() else ""
        if url:
            editor.insert_link(url, selected)

    def _ask_image(self, editor: RichTextEdit) -> None:
        if self.controller is None:
            return
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self._parent, "Insert image", "", "Images (*.png *.jpg *.jpeg *.gif)")
        if name:
            from PySide6.QtWidgets import QMessageBox

            from tcdesk.errors import TcdeskError
            from tcdesk.ui.rich_text_edit import add_image

            try:
                add_image(self.controller, editor, Path(name))
            except TcdeskError as exc:
                QMessageBox.warning(self._parent, "Insert image", str(exc))
            except OSError as exc:
                QMessageBox.warning(self._parent, "Insert image", f"{name}: cannot read: {exc.strerror or exc}")

    def _ask_table(self, editor: RichTextEdit) -> None:
        from PySide6.QtWidgets import QInputDialog

        columns, ok = QInputDialog.getInt(self._parent, "Insert table", "Columns:", 3, 1, 12)
        if ok:
            rows, ok = QInputDialog.getInt(self._parent, "Insert table", "Rows (header included):", 3, 1, 100)
            if ok:
                editor.insert_table(rows, columns)


def _list_styles() -> type[QTextListFormat.Style]:
    """Qt's list styles, looked up when a list is made: the window's menus are built without Qt's
    text-format classes (an answer page loads them)."""
    from PySide6.QtGui import QTextListFormat

    return QTextListFormat.Style
