"""A rich-text box whose content is CommonMark, with clean pasting and the Format commands."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl, Signal
from PySide6.QtGui import (
    QFont,
    QImage,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from tcdesk.ui.fallback_font import offer_for
from tcdesk.ui.format_actions import FormatActions
from tcdesk.ui.markdown_document import (
    LINK_TITLE,
    SEPARATOR_CHAR,
    document_blocks,
    document_markdown,
    drop_html_presentation,
    fill_document,
    heading_char_format,
    insert_markdown,
    insert_text,
    track_changes,
)
from tcdesk.ui.nested_markers import fold, fold_all, paint_viewport
from tcdesk.ui.qt_text import to_qt
from tcdesk.ui.word_lists import word_lists_as_html_lists

__all__ = ["RichTextEdit", "add_image", "markdown_from_html", "plain_offset"]

_MARKUP = re.compile(r"[*_`#>\[\]]|\]\([^)]*\)|^\s*(?:[-+]|\d+[.)])\s+", re.MULTILINE)


def markdown_from_html(html: str) -> str:
    """Keep the structure of pasted HTML (headings, lists, emphasis, links, tables) and drop the rest.

    Fonts, colours, sizes and Word's styles have no CommonMark form, so they vanish on the way.
    Word's list paragraphs become lists (see :mod:`tcdesk.ui.word_lists`).
    """
    doc = QTextDocument()
    doc.setHtml(to_qt(word_lists_as_html_lists(html)))
    drop_html_presentation(doc)
    return document_markdown(doc)


def plain_offset(markdown: str, offset: int) -> int:
    """Roughly where character ``offset`` of the Markdown source falls in the rendered plain text."""
    return len(_MARKUP.sub("", markdown[:offset]))


class RichTextEdit(QTextEdit):
    """Edits one answer; ``markdown()`` / ``set_markdown()`` are its only contract with the model.

    Undo is left to the window's single history, so the widget's own undo stack is off.
    """

    #: Emitted after the user changed the text (never for ``set_markdown``).
    edited = Signal()
    focused = Signal()
    focus_lost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)  # Tab leaves the editor: keyboard users need a way out
        self._images: dict[str, QImage] = {}
        #: Told how many characters a paste or drop adds; True refuses it (see :mod:`tcdesk.ui.paste_limit`).
        self.size_guard: Callable[[int], bool] | None = None
        self._loading = False
        self._folding = False
        track_changes(self.document())
        self.document().contentsChange.connect(self._fold)
        self.textChanged.connect(self._on_text_changed)
        self.cursorPositionChanged.connect(self._leave_link_at_its_end)
        self.cursorPositionChanged.connect(self._type_no_separator_character)

    # --- the model side --------------------------------------------------------------------------

    def markdown(self) -> str:
        """The document in the project's own CommonMark spelling (see :mod:`tcdesk.ui.markdown_document`)."""
        return document_markdown(self.document())

    def markdown_blocks(self) -> list[str]:
        """:meth:`markdown`, one top-level block (paragraph, list, table …) per item."""
        return document_blocks(self.document())

    def set_markdown(self, text: str) -> None:
        """Show ``text`` without reporting an edit; keeps the cursor near where it was."""
        position = self.textCursor().position()
        self._loading = True
        try:
            fill_document(self.document(), text)
            fold_all(self.document())
        finally:
            self._loading = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)

    def set_images(self, images: dict[str, QImage]) -> None:
        """Pictures for ``attachment:NAME`` links, drawn in place."""
        self._images = images
        self.document().markContentsDirty(0, self.document().characterCount())

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 - Qt's name
        # Asked for on every layout, so a picture survives the document being cleared and refilled
        # (a resource added once was dropped by each reload: the broken-image icon).
        url = name.toString() if isinstance(name, QUrl) else str(name)
        if kind == QTextDocument.ResourceType.ImageResource.value and url.startswith("attachment:"):
            image = self._images.get(url[len("attachment:") :])
            if image is not None:
                return image
        return super().loadResource(kind, name)

    def word_count(self) -> int:
        return len(self.toPlainText().split())

    def select_plain_span(self, start: int, end: int) -> None:
        """Select characters ``start:end`` of :meth:`toPlainText` (Python's count: Qt counts a
        character beyond U+FFFF, most emoji, as two positions)."""
        plain = self.toPlainText()
        start = min(start, len(plain))
        end = min(max(end, start), len(plain))

        def position(offset: int) -> int:
            return len(plain[:offset].encode("utf-16-le")) // 2

        cursor = self.textCursor()
        cursor.setPosition(position(start))
        cursor.setPosition(position(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # --- Qt hooks --------------------------------------------------------------------------------

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        if source.hasImage() and not source.hasHtml():
            return  # images come in through Insert image, which stores them in the project
        replaced = len(self.textCursor().selectedText())
        # The words alone, before HTML is read (which takes long for a huge text), then as stored.
        if source.hasText() and self._too_large(len(source.text()) - replaced):
            return
        if source.hasText():
            offer_for(source.text())  # before the words are laid out: Chinese, Japanese, Korean
        if source.hasHtml():
            markdown = markdown_from_html(source.html())
            if self._too_large(len(markdown) - replaced):
                return
            insert_markdown(self.textCursor(), markdown)
        elif source.hasText():
            insert_text(self.textCursor(), source.text())
        self.ensureCursorVisible()

    def _too_large(self, added: int) -> bool:
        return self.size_guard is not None and self.size_guard(added)

    def _fold(self, position: int, _removed: int, added: int) -> None:
        if self._loading or self._folding:
            return
        self._folding = True  # showing or hiding a block reports a change of its own
        try:
            doc = self.document()
            fold(doc, doc.findBlock(position), doc.findBlock(position + added))
        finally:
            self._folding = False

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        paint_viewport(self, event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        FormatActions.current = self
        self.focused.emit()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _type_no_separator_character(self) -> None:
        """Shift+Enter after a stored U+2028 character is a hard break, not another such character
        (the typing format comes from the character before the cursor)."""
        fmt = self.currentCharFormat()
        if fmt.hasProperty(SEPARATOR_CHAR):
            fmt.clearProperty(SEPARATOR_CHAR)
            self.setCurrentCharFormat(fmt)

    def _leave_link_at_its_end(self) -> None:
        """Text typed right after a link is not part of it (Qt would carry the link on, as it
        carries bold): "See the page" + " today" must not make " today" part of the link's text."""
        cursor = self.textCursor()
        if cursor.hasSelection() or not cursor.charFormat().isAnchor():
            return
        after = QTextCursor(cursor)
        after.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        if cursor.atBlockEnd() or after.charFormat().anchorHref() != cursor.charFormat().anchorHref():
            fmt = cursor.charFormat()
            fmt.setAnchor(False)
            fmt.clearProperty(QTextFormat.Property.AnchorHref)
            fmt.clearProperty(LINK_TITLE)
            fmt.setFontUnderline(False)
            self.setCurrentCharFormat(fmt)

    # --- formatting commands ---------------------------------------------------------------------

    def toggle_bold(self) -> None:
        bold = self.fontWeight() < QFont.Weight.Bold
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.fontItalic())
        self._merge(fmt)

    def set_heading(self, level: int) -> None:
        """Make the current paragraph a heading of ``level`` (0: body text)."""
        cursor = self.textCursor()
        block = cursor.blockFormat()
        block.setHeadingLevel(level)
        cursor.setBlockFormat(block)
        char = heading_char_format(level)
        cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        cursor.mergeCharFormat(char)

    def make_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        if current is not None and current.format().style() == style:
            # Toggling off: the paragraphs leave the list.
            for i in reversed(range(current.count())):
                current.remove(current.item(i))
            block = cursor.blockFormat()
            block.setIndent(0)
            cursor.setBlockFormat(block)
            return
        cursor.createList(style)

    def insert_link(self, url: str, text: str) -> None:
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(to_qt(url))
        fmt.setFontUnderline(True)
        cursor = self.textCursor()
        insert_text(cursor, text or url, fmt)
        cursor.insertText(" ", QTextCharFormat())

    def insert_table(self, rows: int, columns: int) -> None:
        self.textCursor().insertTable(rows, columns)

    def insert_image(self, name: str, caption: str) -> None:
        image = QTextImageFormat()
        image.setName(f"attachment:{name}")
        image.setProperty(QTextFormat.Property.ImageAltText, to_qt(caption))
        self.textCursor().insertImage(image)

    def _merge(self, fmt: QTextCharFormat) -> None:
        """Format the selection; without one, the word the cursor is inside, or else what is typed next.

        At a word's edge (after typing it, before a space) only the typing format changes, as in
        word processors: Ctrl+B, "three words", Ctrl+B makes exactly those words bold.
        """
        cursor = self.textCursor()
        if not cursor.hasSelection() and self._inside_word(cursor):
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        self.mergeCurrentCharFormat(fmt)

    @staticmethod
    def _inside_word(cursor: QTextCursor) -> bool:
        text = cursor.block().text()
        at = cursor.positionInBlock()
        return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


def add_image(controller, editor: RichTextEdit, path: Path) -> str:
    """Store the picture at ``path`` in the project and show it at the cursor; returns its name.

    :raises OSError: when the file cannot be read.
    :raises TcdeskError: the project could not hold it (docs/limits.md), or it is not a file.
    """
    from tcdesk.model import Attachment, AttachmentKind

    taken = {a.name for a in controller.submission().attachments}
    stem = re.sub(r"[^\w.-]+", "-", path.stem).strip("-") or "image"
    suffix = path.suffix.lower()
    name, n = f"{stem}{suffix}", 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    controller.session.check_new_attachment(path, name)  # before reading it
    data = path.read_bytes()
    attachment = Attachment(name, AttachmentKind.FIGURE, _IMAGE_TYPES.get(suffix, "application/octet-stream"), data)
    controller.set_value(("attachments",), [*controller.submission().attachments, attachment], description="Add image")
    editor.set_images({**editor._images, name: QImage.fromData(data)})
    editor.insert_image(name, path.stem)
    return name
