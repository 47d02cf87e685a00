"""Typing into the real answer editor and reading what it shows, for the answer editor's tests."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTextEdit

from tcdesk.ui.answer_editor import AnswerEditor
from tcdesk.ui.qt_text import to_qt


def type_at(editor: AnswerEditor, at: int, typed: str) -> str:
    """Type ``typed`` at position ``at`` of the shown text; the answer as stored after."""
    cursor = editor.editor.textCursor()
    cursor.setPosition(at)
    editor.editor.setTextCursor(cursor)
    editor.editor.insertPlainText(to_qt(typed))  # as a key press would: a mark typed first stays
    editor.commit()
    return editor._controller.submission().answers["3"]


def type_after(editor: AnswerEditor, words: str, typed: str) -> str:
    """Type ``typed`` right after the first ``words`` shown; the answer as stored after."""
    editor.editor.setFocus()
    return type_at(editor, editor.editor.toPlainText().index(words) + len(words), typed)


def shown_marks(edit: QTextEdit) -> list[tuple[str, bool, bool]]:
    """Each character that is not a blank, with whether it is shown bold and italic."""
    out = []
    block = edit.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            out += [(ch, fmt.fontWeight() >= QFont.Weight.Bold, fmt.fontItalic()) for ch in it.fragment().text()]
            it += 1
        block = block.next()
    return [m for m in out if not m[0].isspace()]
