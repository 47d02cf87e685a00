"""What an editor shows of emphasis, for the tests of bold and italic."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTextEdit


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
