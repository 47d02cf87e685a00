"""A list item whose first block is a list shows its marker on that list's first line, as browsers do.

``0. 1986. x`` is an item numbered 0 whose content is a list starting at 1986; ``- - x`` a bullet
holding a bulleted list. The document holds the outer item as an empty paragraph of the outer list
(the writer needs it), which Qt would show as a line with only a marker, the inner list on the next
line. Such an empty item is hidden, and its marker painted beside the inner one, on the inner
item's first line; typing in it (the cursor can still reach it) makes it a paragraph that shows again.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextBlock,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit

__all__ = ["FoldedBrowser", "fold", "fold_all", "paint_folded", "paint_viewport"]

_BULLETS = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare)


def _folds(block: QTextBlock) -> bool:
    """Whether ``block`` is an empty list item right before the first item of a deeper list."""
    outer, after = block.textList(), block.next()
    if outer is None or block.length() != 1 or not after.isValid():  # length 1: only the block's end
        return False
    inner = after.textList()
    return inner is not None and inner.format().indent() > outer.format().indent() and inner.itemNumber(after) == 0


def fold(doc: QTextDocument, first: QTextBlock, last: QTextBlock) -> None:
    """Hide or show again the empty items from ``first``'s previous block to ``last``'s next one."""
    block = first.previous() if first.previous().isValid() else first
    end = last.next() if last.next().isValid() else last
    while block.isValid():
        folds = _folds(block)
        if folds == block.isVisible():
            block.setVisible(not folds)
            doc.markContentsDirty(block.position(), block.length())
        if block == end:
            break
        block = block.next()


def fold_all(doc: QTextDocument) -> None:
    fold(doc, doc.firstBlock(), doc.lastBlock())


def paint_folded(
    painter: QPainter, doc: QTextDocument, palette: QPalette, first: QTextBlock, bottom: float, caret: QTextBlock | None = None
) -> None:
    """Paint the marker of every hidden item on the first line of the first visible block after it,
    where Qt paints markers: a space's width before the item's text, centred on the line.

    :param first: the first block shown in the part painted (the hidden ones before it are looked at too).
    :param bottom: where the part painted ends, in the document's coordinates.
    :param caret: the hidden block the cursor is in, if it is: Qt draws no cursor there, so it is
        drawn where the item's text would start.
    """
    layout = doc.documentLayout()
    block = first
    while block.previous().isValid() and not block.previous().isVisible():
        block = block.previous()
    while block.isValid():
        if block.isVisible() and layout.blockBoundingRect(block).top() > bottom:
            break
        if block.isVisible() or block.textList() is None:
            block = block.next()
            continue
        shown = block.next()
        while shown.isValid() and not shown.isVisible():
            shown = shown.next()
        if not shown.isValid() or shown.textList() is None or shown.layout().lineCount() == 0:
            block = block.next()
            continue
        line = shown.layout().lineAt(0)
        box = layout.blockBoundingRect(shown)
        outer, inner = block.textList().format(), shown.textList().format()
        x = box.left() + line.x() - doc.indentWidth() * (inner.indent() - outer.indent())
        _marker(painter, block, QPointF(x, box.top() + line.y()), line.height(), palette)
        if block == caret:
            painter.fillRect(QRectF(x, box.top() + line.y(), 1, line.height()), palette.brush(QPalette.ColorRole.Text))
        block = block.next()


def _marker(painter: QPainter, block: QTextBlock, at: QPointF, height: float, palette: QPalette) -> None:
    text_list = block.textList()
    font = block.charFormat().font()
    metrics = QFontMetricsF(font, painter.device())
    style = text_list.format().style()
    brush = palette.brush(QPalette.ColorRole.Text)
    space = metrics.horizontalAdvance(" ")
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if style in _BULLETS:
        size = metrics.lineSpacing() / 3
        box = QRectF(at.x() - space - size, at.y() + (metrics.height() - size) / 2, size, size)
        if style == QTextListFormat.Style.ListDisc:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(brush)
            painter.drawEllipse(box)
        elif style == QTextListFormat.Style.ListCircle:
            painter.setPen(QPen(brush, 0))
            painter.drawEllipse(box.translated(0.5, 0.5))
        else:
            painter.fillRect(box, brush)
    else:
        text = text_list.itemText(block)
        width = metrics.horizontalAdvance(text)
        painter.setFont(font)
        painter.setPen(QPen(brush, 0))
        painter.drawText(QRectF(at.x() - space - width, at.y(), width, metrics.height()), Qt.AlignmentFlag.AlignLeft, text)
    painter.restore()


def paint_viewport(edit: QTextEdit, event: QPaintEvent) -> None:
    """After ``edit`` painted its viewport: the markers of its hidden items, and the cursor if in one."""
    painter = QPainter(edit.viewport())
    dy = edit.verticalScrollBar().value()
    painter.translate(-edit.horizontalScrollBar().value(), -dy)
    first = edit.cursorForPosition(event.rect().topLeft()).block()
    at = edit.textCursor().block()
    caret = at if edit.hasFocus() and not edit.isReadOnly() and not at.isVisible() else None
    paint_folded(painter, edit.document(), edit.palette(), first, event.rect().bottom() + dy, caret)
    painter.end()


class FoldedBrowser(QTextBrowser):
    """A read-only view of an answer showing its items that hold lists as the answer editor does
    (fill it, then call :func:`fold_all`)."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        paint_viewport(self, event)
