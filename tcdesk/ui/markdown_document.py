"""CommonMark answers in and out of a ``QTextDocument``, read and written by the project, not by Qt.

Qt's own Markdown writer wraps lines at 80 columns and writes emphasis that CommonMark reads back
as literal asterisks, and its reader turns hard line breaks into paragraphs. So answers are read
with the same parser the exporters use (markdown-it-py, CommonMark plus tables, raw HTML off) and
written by walking the document's blocks and fragments. What the editor shows is what the export
prints, and what it writes reads back as the same document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

import mdurl
from markdown_it import MarkdownIt
from markdown_it.token import Token
from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QTextBlock,
    QTextBlockFormat,
    QTextBlockUserData,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextFrame,
    QTextImageFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
)

from tcdesk.commonmark import new_parser
from tcdesk.ui.qt_text import to_qt

__all__ = [
    "document_blocks",
    "document_markdown",
    "drop_html_presentation",
    "fill_document",
    "insert_markdown",
    "insert_text",
    "markdown_html",
    "track_changes",
]

P = QTextFormat.Property
#: Our own format properties (Qt keeps unknown properties through editing and copy/paste).
CODE_SPAN = P.UserProperty + 1  # char: an inline code span
LINK_TITLE = P.UserProperty + 2  # char: the link's title
BULLET = P.UserProperty + 3  # list: the bullet character ("-", "*", "+") or ordered delimiter
LOOSE = P.UserProperty + 4  # list: items separated by blank lines
CONTINUES = P.UserProperty + 5  # block: a further paragraph of the list item at this depth
EMPTY_CODE = P.UserProperty + 7  # block: the one block of a code block without any line
QUOTES = P.UserProperty + 6
LIST_START = P.UserProperty + 9  # list: the first number (Qt's own start cannot be 0)
CODE_BLOCK = P.UserProperty + 8  # block: which code block it is a line of, so two in a row stay two  # block: which quotes it is in ("2/3"), so two quotes in a row stay two
LINE_BREAK = "\u2028"  # Qt's line separator: a hard break inside one paragraph
#: char: a LINE_BREAK that is a U+2028 or U+2029 character of the answer's text, not a hard break
SEPARATOR_CHAR = P.UserProperty + 10
_SEPARATORS = re.compile("([\u2028\u2029])")
_NEWLINE = re.compile(r"\r\n?|\n")
_UNUSUAL_BLANK = re.compile(r"[^\S \t\r\n\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")  # no-break spaces and the like
OBJECT = "\ufffc"  # Qt's object replacement character: an image
INDENTED = "    "  # the "fence" of an indented code block
HEADING_SIZES = {1: 3, 2: 2, 3: 1}
_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter, "right": Qt.AlignmentFlag.AlignRight}

_parser: MarkdownIt | None = None


def _md() -> MarkdownIt:
    global _parser
    if _parser is None:
        _parser = new_parser()  # the UI thread's own instance; the exporters' one is locked
    return _parser


def markdown_html(text: str) -> str:
    """How the exporters' parser renders ``text`` (used to prove a round trip keeps the meaning)."""
    return _md().render(text)


# ================================================================================================
# Markdown → document
# ================================================================================================


def fill_document(doc: QTextDocument, text: str) -> None:
    """Replace the content of ``doc`` with the CommonMark ``text``."""
    doc.clear()
    cursor = QTextCursor(doc)
    _Reader(cursor, fresh=True, source=text).read(_md().parse(text))


def insert_markdown(cursor: QTextCursor, text: str) -> None:
    """Insert CommonMark ``text`` at ``cursor`` (pasting)."""
    scratch = QTextDocument()
    fill_document(scratch, text)
    cursor.insertFragment(QTextDocumentFragment(scratch))


def insert_text(cursor: QTextCursor, text: str, fmt: QTextCharFormat | None = None) -> None:
    """Insert the user's ``text`` at ``cursor`` as itself, even when it starts with a U+FEFF or U+FFFE
    (which PySide would read as a byte-order mark: see :mod:`tcdesk.ui.qt_text`)."""
    if fmt is None:
        cursor.insertText(to_qt(text))
    else:
        cursor.insertText(to_qt(text), fmt)


def code_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class _Reader:
    def __init__(self, cursor: QTextCursor, fresh: bool, source: str = "") -> None:
        self.cursor = cursor
        self.lines = _NEWLINE.split(source)  # as the parser numbers them
        self.reuse = fresh  # the document's first (empty) block is used instead of a new one
        self.quote = 0
        self.quotes: list[str] = []
        self.quote_count = 0
        self.code_count = 0
        self.lists: list[tuple[QTextListFormat, QTextList | None]] = []
        self.item_started = False  # the current list item has its first paragraph already

    # --- blocks ----------------------------------------------------------------------------------

    def read(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            i = self._block(tokens, i)

    def _new_block(self, fmt: QTextBlockFormat, char: QTextCharFormat | None = None) -> None:
        char = char or QTextCharFormat()
        if self.reuse:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            self.reuse = False
        else:
            self.cursor.insertBlock(fmt, char)
        if self.quote:
            fmt = self.cursor.blockFormat()
            fmt.setProperty(P.BlockQuoteLevel, self.quote)
            fmt.setProperty(QUOTES, "/".join(self.quotes))
            fmt.setLeftMargin(fmt.leftMargin() + 24 * self.quote)
            self.cursor.setBlockFormat(fmt)

    def _paragraph_format(self) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(6)
        fmt.setBottomMargin(6)
        return fmt

    def _start_text_block(self, fmt: QTextBlockFormat, char: QTextCharFormat | None = None) -> None:
        """A paragraph-like block, which inside a list is an item (first) or a continuation."""
        if self.lists:
            list_format, current = self.lists[-1]
            if not self.item_started:
                # Its heading level, code fence or rule, without a paragraph's spacing.
                item = QTextBlockFormat(fmt)
                item.clearProperty(P.BlockTopMargin)
                item.clearProperty(P.BlockBottomMargin)
                self._new_block(item, char)
                if current is None:
                    current = self.cursor.createList(list_format)
                    self.lists[-1] = (list_format, current)
                else:
                    current.add(self.cursor.block())
                self.item_started = True
                return
            fmt.setProperty(CONTINUES, len(self.lists))
            fmt.setIndent(len(self.lists))
        self._new_block(fmt, char)

    def _block(self, tokens: list[Token], i: int) -> int:
        tok = tokens[i]
        kind = tok.type
        if kind == "paragraph_open":
            self._start_text_block(self._paragraph_format())
            self._inline(tokens[i + 1], QTextCharFormat())
            if not tokens[i + 1].content and tok.map:
                # The parser strips every blank, no-break spaces too: a paragraph of only those is
                # a paragraph with no text. Show its no-break spaces, which the writer keeps.
                raw = self.lines[tok.map[0] : tok.map[1]]
                insert_text(self.cursor, " ".join(filter(None, ("".join(_UNUSUAL_BLANK.findall(line)) for line in raw))))
            return i + 3
        if kind == "heading_open":
            level = int(tok.tag[1:])
            fmt = self._paragraph_format()
            fmt.setHeadingLevel(level)
            char = heading_char_format(level)
            self._start_text_block(fmt, char)
            self._inline(tokens[i + 1], char)
            return i + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._list(tokens, i)
        if kind == "blockquote_open":
            self.quote += 1
            self.quote_count += 1
            self.quotes.append(str(self.quote_count))
            j = i + 1
            while tokens[j].type != "blockquote_close" or tokens[j].level != tok.level:
                j = self._block(tokens, j)
            self.quote -= 1
            self.quotes.pop()
            return j + 1
        if kind in ("fence", "code_block"):
            self._code(tok)
            return i + 1
        if kind == "hr":
            fmt = QTextBlockFormat()
            fmt.setProperty(P.BlockTrailingHorizontalRulerWidth, QTextLength(QTextLength.Type.PercentageLength, 100))
            self._start_text_block(fmt)
            return i + 1
        if kind == "table_open":
            return self._table(tokens, i)
        return i + 1  # closing tokens

    def _list(self, tokens: list[Token], i: int) -> int:
        tok = tokens[i]
        if self.lists and not self.item_started:
            self._start_text_block(self._paragraph_format())  # "1. - a": the outer item is empty
        fmt = QTextListFormat()
        if tok.type == "ordered_list_open":
            fmt.setStyle(QTextListFormat.Style.ListDecimal)
            start = tok.attrGet("start")
            fmt.setStart(1 if start is None else int(start))
            fmt.setProperty(LIST_START, 1 if start is None else int(start))
        else:
            fmt.setStyle((QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare)[len(self.lists) % 3])
        fmt.setIndent(len(self.lists) + 1)
        fmt.setProperty(BULLET, tok.markup)
        # A tight list's paragraphs are hidden; one visible paragraph makes the whole list loose.
        close = tok.type.replace("_open", "_close")
        j = i + 1
        while not (tokens[j].type == close and tokens[j].level == tok.level):
            if tokens[j].type == "paragraph_open" and tokens[j].level == tok.level + 2 and not tokens[j].hidden:
                fmt.setProperty(LOOSE, True)
            j += 1
        outer_started = self.item_started
        self.lists.append((fmt, None))
        i += 1
        while i < j:
            if tokens[i].type == "list_item_open":
                self.item_started = False
            elif tokens[i].type == "list_item_close":
                if not self.item_started:  # an empty item
                    self._start_text_block(self._paragraph_format())
            else:
                i = self._block(tokens, i)
                continue
            i += 1
        self.lists.pop()
        self.item_started = outer_started
        return j + 1

    def _code(self, tok: Token) -> None:
        fence = tok.markup[:1] if tok.type == "fence" else INDENTED
        language = tok.info.strip() if tok.type == "fence" else ""
        char = QTextCharFormat()
        char.setFont(code_font())
        char.setFontFixedPitch(True)
        lines = tok.content[:-1].split("\n") if tok.content.endswith("\n") else tok.content.split("\n")
        self.code_count += 1
        for line in lines:
            fmt = QTextBlockFormat()
            fmt.setProperty(CODE_BLOCK, self.code_count)
            if not tok.content:
                fmt.setProperty(EMPTY_CODE, True)
            fmt.setProperty(P.BlockCodeFence, fence)
            fmt.setProperty(P.BlockCodeLanguage, to_qt(language))
            fmt.setNonBreakableLines(True)
            self._start_text_block(fmt, char)
            insert_text(self.cursor, line, char)

    def _table(self, tokens: list[Token], i: int) -> int:
        rows: list[list[Token]] = []
        aligns: list[str] = []
        j = i + 1
        while tokens[j].type != "table_close":
            if tokens[j].type == "tr_open":
                rows.append([])
            elif tokens[j].type in ("th_open", "td_open"):
                rows[-1].append(tokens[j + 1])
                if tokens[j].type == "th_open":
                    style = str(tokens[j].attrGet("style") or "")
                    aligns.append(style.removeprefix("text-align:"))
            j += 1
        columns = len(aligns)
        self._start_text_block(self._paragraph_format())
        fmt = QTextTableFormat()
        fmt.setCellPadding(4)
        fmt.setCellSpacing(0)
        fmt.setBorder(1)
        fmt.setBorderCollapse(True)
        fmt.setHeaderRowCount(1)
        # A table in a quote or list item remembers where it stands, and is drawn indented as its
        # paragraphs are (a quote's by its margin, a list item's by its indent).
        margin = 24.0 * self.quote
        if self.quote:
            fmt.setProperty(QUOTES, "/".join(self.quotes))
        if self.lists:
            fmt.setProperty(CONTINUES, len(self.lists))
            margin += self.cursor.document().indentWidth() * len(self.lists)
        fmt.setLeftMargin(margin)
        table = self.cursor.insertTable(len(rows), columns, fmt)
        for r, row in enumerate(rows):
            for c in range(columns):
                cell = table.cellAt(r, c)
                cursor = cell.firstCursorPosition()
                block = QTextBlockFormat()
                if aligns[c] in _ALIGN:
                    block.setAlignment(_ALIGN[aligns[c]])
                cursor.setBlockFormat(block)
                if r == 0:
                    cell_format = cell.format()
                    cell_format.setProperty(P.TableCellTopPadding, 4)
                    cell.setFormat(cell_format)
                if c < len(row):
                    _Inline(cursor).run(row[c], QTextCharFormat())
        self.cursor = table.lastCursorPosition()
        self.cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        self.reuse = True  # Qt keeps an empty paragraph after a table; the next block uses it
        return j + 1

    def _inline(self, token: Token, base: QTextCharFormat) -> None:
        _Inline(self.cursor).run(token, base)


def heading_char_format(level: int) -> QTextCharFormat:
    char = QTextCharFormat()
    char.setProperty(P.FontSizeAdjustment, HEADING_SIZES.get(level, 0))
    # Demi-bold, so that bold (strong emphasis) inside a heading stays tellable from the heading.
    char.setFontWeight(QFont.Weight.DemiBold if level else QFont.Weight.Normal)
    return char


class _Inline:
    def __init__(self, cursor: QTextCursor) -> None:
        self.cursor = cursor

    def run(self, token: Token, base: QTextCharFormat) -> None:
        stack = [QTextCharFormat(base)]
        for child in token.children or []:
            kind = child.type
            fmt = QTextCharFormat(stack[-1])
            if kind == "text":
                # Qt takes U+2028 for a line break and U+2029 for a new paragraph; to CommonMark
                # they are characters, so each is shown as a line break that remembers it.
                for n, piece in enumerate(_SEPARATORS.split(child.content)):
                    if n % 2:
                        separator = QTextCharFormat(fmt)
                        separator.setProperty(SEPARATOR_CHAR, piece)
                        self.cursor.insertText(LINE_BREAK, separator)
                    elif piece:
                        insert_text(self.cursor, piece, fmt)
            elif kind == "softbreak":
                self.cursor.insertText(" ", fmt)
            elif kind == "hardbreak":
                self.cursor.insertText(LINE_BREAK, fmt)
            elif kind == "code_inline":
                # The code font, keeping the bold and italic the span is in (setFont resets them).
                weight, italic = fmt.fontWeight(), fmt.fontItalic()
                fmt.setFont(code_font())
                fmt.setFontWeight(weight)
                fmt.setFontItalic(italic)
                fmt.setFontFixedPitch(True)
                fmt.setProperty(CODE_SPAN, True)
                insert_text(self.cursor, child.content, fmt)
            elif kind == "strong_open":
                fmt.setFontWeight(QFont.Weight.Bold)
                stack.append(fmt)
            elif kind == "em_open":
                fmt.setFontItalic(True)
                stack.append(fmt)
            elif kind == "link_open":
                fmt.setAnchor(True)
                fmt.setAnchorHref(to_qt(str(child.attrGet("href") or "")))
                fmt.setFontUnderline(True)
                title = child.attrGet("title")
                if title:
                    fmt.setProperty(LINK_TITLE, to_qt(str(title)))
                stack.append(fmt)
            elif kind in ("strong_close", "em_close", "link_close"):
                if len(stack) > 1:
                    stack.pop()
            elif kind == "image":
                image = QTextImageFormat()
                image.merge(fmt)
                image.setName(to_qt(mdurl.decode(str(child.attrGet("src") or ""))))
                image.setProperty(P.ImageAltText, to_qt("".join(c.content for c in _plain(child.children or []))))
                title = child.attrGet("title")
                if title:
                    image.setProperty(P.ImageTitle, to_qt(str(title)))
                self.cursor.insertImage(image)
            else:  # raw HTML is off, so nothing else carries text; keep any content verbatim
                if child.content:
                    insert_text(self.cursor, child.content, fmt)


def _plain(tokens: list[Token]) -> Iterator[Token]:
    for t in tokens:
        if t.children:
            yield from _plain(t.children)
        elif t.type in ("text", "code_inline"):
            yield t
        elif t.type in ("softbreak", "hardbreak"):
            yield Token("text", "", 0, content=" ")


def _top_items(doc: QTextDocument) -> list[QTextBlock | QTextFrame]:
    items: list[QTextBlock | QTextFrame] = []
    it = doc.rootFrame().begin()
    while not it.atEnd():
        frame = it.currentFrame()
        items.append(frame if frame is not None else it.currentBlock())
        it += 1
    return items


# ================================================================================================
# document → Markdown
# ================================================================================================


def drop_html_presentation(doc: QTextDocument) -> None:
    """Forget what HTML draws by nature and the author did not choose.

    ``<th>`` and ``<h2>`` come bold and table cells come left-aligned; written as they are, that
    would be ``**`` around every heading and header cell and an alignment on every column. Word
    spaces paragraphs apart with empty ones holding a no-break space (``<p><o:p>&nbsp;</o:p></p>``):
    they are emptied, so they vanish as empty paragraphs do.
    """
    block = doc.begin()
    while block.isValid():
        if block.text() and not block.text().strip():
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        block = block.next()
    normal = QTextCharFormat()
    normal.setFontWeight(QFont.Weight.Normal)
    for item in _top_items(doc):
        if isinstance(item, QTextTable) and item.rows():
            cursor = item.cellAt(0, 0).firstCursorPosition()
            cursor.setPosition(item.cellAt(0, item.columns() - 1).lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(normal)
            for r in range(item.rows()):
                for c in range(item.columns()):
                    cursor = item.cellAt(r, c).firstCursorPosition()
                    fmt = cursor.blockFormat()
                    if fmt.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask in (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignLeading):
                        fmt.clearProperty(P.BlockAlignment)
                        cursor.setBlockFormat(fmt)
        elif isinstance(item, QTextBlock) and item.blockFormat().headingLevel():
            cursor = QTextCursor(item)
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
            cursor.mergeCharFormat(heading_char_format(item.blockFormat().headingLevel()))


def document_markdown(doc: QTextDocument) -> str:
    """The CommonMark of ``doc``: blocks separated by one blank line, never wrapped, ``\\n`` at the end."""
    chunks = document_blocks(doc)
    return "\n\n".join(chunks) + "\n" if chunks else ""


def document_blocks(doc: QTextDocument) -> list[str]:
    """The CommonMark of each top-level block of ``doc`` (paragraph, heading, whole list, table …)."""
    return _Writer().chunks(_top_items(doc))


def _format(item: QTextBlock | QTextTable) -> QTextFormat:
    return item.format() if isinstance(item, QTextTable) else item.blockFormat()


def _quote_level(item: QTextBlock | QTextTable) -> int:
    if isinstance(item, QTextTable):
        path = item.format().property(QUOTES)
        return len(str(path).split("/")) if path else 0
    value = item.blockFormat().property(P.BlockQuoteLevel)
    return int(value) if value else 0


def _quote_path(item: QTextBlock | QTextTable, level: int) -> list[str]:
    """Which quote at depth ``level`` + 1 the block (or table) is in."""
    return str(_format(item).property(QUOTES) or "").split("/")[: level + 1]


def _code_fence(block: QTextBlock) -> tuple[str, str, str] | None:
    fmt = block.blockFormat()
    if not fmt.hasProperty(P.BlockCodeFence):
        return None
    return str(fmt.property(P.BlockCodeFence) or "`"), str(fmt.property(P.BlockCodeLanguage) or ""), str(fmt.property(CODE_BLOCK) or "")


def _is_list_block(item: QTextBlock | QTextTable) -> bool:
    return _text_list(item) is not None or _format(item).hasProperty(CONTINUES)


def _text_list(item: QTextBlock | QTextTable) -> QTextList | None:
    return None if isinstance(item, QTextTable) else item.textList()


class _Writer:
    def chunks(self, items: list[QTextBlock | QTextFrame], quote: int = 0) -> list[str]:
        out: list[str] = []
        i = 0
        previous_list: tuple[int, str] | None = None
        while i < len(items):
            item = items[i]
            if not isinstance(item, (QTextBlock, QTextTable)):  # another frame: nothing to write
                i += 1
                continue
            level = _quote_level(item)
            if level > quote:
                j = i
                same = _quote_path(item, quote)
                while (b := _part_at(items, j)) is not None and _quote_level(b) > quote and _quote_path(b, quote) == same:
                    j += 1
                inner = "\n\n".join(self.chunks(items[i:j], quote + 1))
                out.append("\n".join(("> " + line) if line else ">" for line in inner.split("\n")))
                i, previous_list = j, None
                continue
            if isinstance(item, QTextTable):
                out.append(_table(item))
                i, previous_list = i + 1, None
                continue
            fence = _code_fence(item)
            if fence is not None and item.textList() is None:
                j = i
                while (b := _block_at(items, j)) is not None and _code_fence(b) == fence and _quote_level(b) == quote:
                    j += 1
                lines = [b.text() for b in _blocks(items[i:j])]
                if lines == [""] and item.blockFormat().boolProperty(EMPTY_CODE):
                    lines = []
                # Indented code right after a list would be read as part of its last item.
                out.append(_code_block(lines, *fence[:2], indented_ok=previous_list is None))
                i, previous_list = j, None
                continue
            if _is_list_block(item):
                # One chunk per list: a bulleted list and the numbered one after it are two blocks.
                top = _text_list(item)
                j = i + 1
                while (b := _part_at(items, j)) is not None and _is_list_block(b) and _quote_level(b) >= quote:
                    other = _text_list(b)
                    if _quote_level(b) > quote and other is not None:
                        break  # a list in a quote, not a quote in an item
                    if other is not None and other.format().indent() <= 1 and other != top:
                        break
                    j += 1
                text, previous_list = _list(_parts(items[i:j]), previous_list, quote)
                out.append(text)
                i = j
                continue
            previous_list = None
            out += _leaf(item)
            i += 1
        return out


def _block_at(items: list[QTextBlock | QTextFrame], j: int) -> QTextBlock | None:
    """``items[j]`` when it is a paragraph (not a table or frame, not past the end)."""
    item = items[j] if j < len(items) else None
    return item if isinstance(item, QTextBlock) else None


def _blocks(items: list[QTextBlock | QTextFrame]) -> list[QTextBlock]:
    return [item for item in items if isinstance(item, QTextBlock)]


def _part_at(items: list[QTextBlock | QTextFrame], j: int) -> QTextBlock | QTextTable | None:
    """``items[j]`` when it is a paragraph or a table."""
    item = items[j] if j < len(items) else None
    return item if isinstance(item, (QTextBlock, QTextTable)) else None


def _parts(items: list[QTextBlock | QTextFrame]) -> list[QTextBlock | QTextTable]:
    return [item for item in items if isinstance(item, (QTextBlock, QTextTable))]


def _leaf(block: QTextBlock, rule: str = "---") -> list[str]:
    """A paragraph, heading or rule; nothing for an empty paragraph (Markdown has none).

    Text typed on a rule's line is drawn above the rule, so it is written before it.
    """
    fmt = block.blockFormat()
    level = fmt.headingLevel()
    if level:
        text = inline_markdown(block, heading=True).replace("\n", " ")
        trailing = re.search(r"(\\*)#$", text)
        if trailing and len(trailing.group(1)) % 2 == 0:
            text = text[:-1] + "\\#"  # a trailing # would be read as the heading's closing sequence
        text = ("#" * min(level, 6) + " " + text).rstrip()
    else:
        text = inline_markdown(block) or _blank_paragraph(block.text())
    chunks = [text] if text else []
    return [*chunks, rule] if fmt.hasProperty(P.BlockTrailingHorizontalRulerWidth) else chunks


def _blank_paragraph(text: str) -> str:
    """A paragraph of only no-break spaces (and the like) as itself, or ``""``.

    CommonMark keeps a line of them as a paragraph (only spaces and tabs make a line blank), which
    its parser reads with no text; written as nothing, it would be lost.
    """
    kept = text.strip(" \t")
    return kept if kept and all(unicodedata.category(ch) == "Zs" for ch in kept) else ""


def _code_block(lines: list[str], fence: str, language: str, indented_ok: bool = True) -> str:
    """A code block fenced with ``fence``, or indented as stored (``INDENTED``) where it can be.

    An indented code block cannot start or end with a blank line, nor follow a list (it would
    join the list's last item); such a one is fenced with backticks.
    """
    if fence == INDENTED:
        if indented_ok and lines and lines[0].strip() and lines[-1].strip():
            return "\n".join(INDENTED + line if line else "" for line in lines)
        fence = "`"
    body = "".join(line + "\n" for line in lines)
    longest = max((len(m) for m in re.findall(re.escape(fence) + "+", body)), default=0)
    marker = fence * max(3, longest + 1)
    return f"{marker}{language}\n{body}{marker}"


def _list(
    blocks: list[QTextBlock | QTextTable], previous: tuple[int, str] | None, quote: int = 0
) -> tuple[str, tuple[int, str] | None]:
    lines: list[str] = []
    widths: list[int] = []  # per depth: how far the latest item's text is indented
    top: QTextList | None = None
    switch = False
    loose = True  # of the latest item's list
    paragraph_above = False  # the latest item's text is a paragraph
    k = 0
    while k < len(blocks):
        block = blocks[k]
        k += 1
        fence = None if isinstance(block, QTextTable) else _code_fence(block)
        if _text_list(block) is None and _quote_level(block) > quote:  # a quote in an item
            inner = [block]
            while (
                k < len(blocks)
                and _text_list(blocks[k]) is None
                and _quote_level(blocks[k]) > quote
                and _quote_path(blocks[k], quote) == _quote_path(block, quote)
            ):
                inner.append(blocks[k])
                k += 1
            said = "\n\n".join(_quoted_in_item(inner))
            text = "\n".join(("> " + line) if line else ">" for line in said.split("\n"))
        elif isinstance(block, QTextTable):
            text = _table(block)
        elif fence is not None:  # a code block in an item: its lines are the item's further blocks
            code = [block.text()]
            while (b := blocks[k] if k < len(blocks) else None) is not None and isinstance(b, QTextBlock) and b.textList() is None and _code_fence(b) == fence:
                code.append(b.text())
                k += 1
            if code == [""] and block.blockFormat().boolProperty(EMPTY_CODE):
                code = []
            # Indented code needs a blank line before it, which only a loose list has.
            text = _code_block(code, *fence[:2], indented_ok=loose)
        else:
            # "- ---" would be a rule, not an item holding one.
            text = "\n\n".join(_leaf(block, rule="***"))
        text_list = _text_list(block)
        if text_list is None or not isinstance(block, QTextBlock):  # a further paragraph of an item
            depth = min(int(_format(block).property(CONTINUES) or 1), len(widths)) or 1
            indent = sum(widths[:depth]) if widths else 2
            if text:
                # A quote or code block may follow its item's text directly (a tight list stays
                # tight); a paragraph there would join the text above it.
                if loose or (fence is None and _quote_level(block) <= quote):
                    lines.append("")
                lines.extend((" " * indent + line) if line else "" for line in text.split("\n"))
                paragraph_above = fence is None and _quote_level(block) <= quote and isinstance(block, QTextBlock)
            continue
        fmt = text_list.format()
        loose = bool(fmt.property(LOOSE))
        depth = max(1, min(fmt.indent(), len(widths) + 1))
        del widths[depth - 1 :]
        marker = _list_marker(text_list, block)
        if depth == 1:
            if text_list != top:
                # Two lists in a row with the same marker would merge into one: switch the character.
                key = (fmt.style().value < -3, marker[-1])
                switch = previous == key
                if lines:
                    lines.append("")
                top = text_list
            if switch:
                marker = marker[:-1] + {"-": "*", "*": "-", "+": "-", ".": ")", ")": "."}[marker[-1]]
            previous = (fmt.style().value < -3, marker[-1])
        indent = sum(widths)
        widths.append(len(marker) + 1)
        body = text.split("\n")
        # A list whose first item is empty, or numbered from another number than 1, cannot interrupt a
        # paragraph: right below an item's text it would be read as more of that text ("0. Staff" over
        # "1986. x"), or a lone "-" as the underline making that text a heading.
        interrupts = depth > 1 and text_list.itemNumber(block) == 0 and (not text or (marker[:-1] != "1" and marker[-1] in ".)"))
        if lines and lines[-1] and (fmt.property(LOOSE) or (interrupts and paragraph_above)):
            lines.append("")
        lines.append((" " * indent + marker + " " + body[0]).rstrip(" "))
        pad = " " * (indent + len(marker) + 1)
        lines.extend((pad + line) if line else "" for line in body[1:])
        paragraph_above = bool(text) and not block.blockFormat().headingLevel() and fence is None
    return "\n".join(lines), previous


def _quoted_in_item(parts: list[QTextBlock | QTextTable]) -> list[str]:
    """The blocks of a quote inside a list item: paragraphs, headings, rules, code blocks and tables."""
    out: list[str] = []
    n = 0
    while n < len(parts):
        part = parts[n]
        n += 1
        if isinstance(part, QTextTable):
            out.append(_table(part))
            continue
        fence = _code_fence(part)
        if fence is None:
            out += _leaf(part)
            continue
        lines = [part.text()]
        while isinstance(line := parts[n] if n < len(parts) else None, QTextBlock) and _code_fence(line) == fence:
            lines.append(line.text())
            n += 1
        out.append(_code_block([] if lines == [""] and part.blockFormat().boolProperty(EMPTY_CODE) else lines, *fence[:2]))
    return out


def _list_marker(text_list: QTextList, block: QTextBlock) -> str:
    fmt = text_list.format()
    char = str(fmt.property(BULLET) or "")
    if fmt.style().value <= -4:  # numbered (decimal, alpha, roman): CommonMark knows decimal only
        start = int(fmt.property(LIST_START)) if fmt.hasProperty(LIST_START) else max(fmt.start(), 0)
        return f"{start + text_list.itemNumber(block)}{char if char in ('.', ')') else '.'}"
    return char if char in ("-", "*", "+") else "-"


#: The delimiter-row cell of a column aligned right, centred or left; "---" for no alignment.
_ALIGN_MARKS: dict[object, str] = {
    Qt.AlignmentFlag.AlignRight: "---:", Qt.AlignmentFlag.AlignHCenter: ":---:", Qt.AlignmentFlag.AlignLeft: ":---",
}


def _table(table: QTextTable) -> str:
    columns = table.columns()
    rows = []
    for r in range(table.rows()):
        cells = []
        for c in range(columns):
            cell = table.cellAt(r, c)
            parts = []
            block = cell.firstCursorPosition().block()
            end = cell.lastCursorPosition().block()
            while block.isValid():
                text = inline_markdown(block, table_cell=True)
                if text:
                    parts.append(text)
                if block == end:
                    break
                block = block.next()
            cells.append(" ".join(parts).replace("\n", " "))
        rows.append(cells)
    aligns = []
    for c in range(columns):
        # The first body row: a pasted <th> is centred by HTML's default, not by the author.
        fmt = table.cellAt(min(1, table.rows() - 1), c).firstCursorPosition().block().blockFormat()
        align = fmt.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask if fmt.hasProperty(P.BlockAlignment) else None
        aligns.append(_ALIGN_MARKS.get(align, "---"))

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    return "\n".join([line(rows[0]), line(aligns), *(line(r) for r in rows[1:])])


# --- inline --------------------------------------------------------------------------------------

STRONG, EM, CODE = "strong", "em", "code"
#: How delimiters are spelt: all with ``*``; a run reopened where another just closed (bold running
#: into an italic) with the other of ``*`` and ``_``, as the same character there would merge with
#: the closing one; or that, and a run opened inside another with the character the outer run does
#: not use (so "**" before a "!" inside an italic cannot close the italic instead).
STARS, REOPENED, NESTED = "stars", "reopened", "nested"
_DELIMS = {STRONG: "**", EM: "*"}
BREAK = ("\n", "br")


@dataclass(frozen=True)
class _Atom:
    """One character, blank, hard break, code span, image or link, as written."""

    source: str
    marks: frozenset
    kind: str  # "char", "space", "break" or "object"
    expect: tuple = ()  # what the parser must read back, as (text or object, marks) pairs
    link: str | None = None  # href of the link the atom belongs to
    title: str = ""

    @property
    def first(self) -> str:
        return self.source[0]

    @property
    def last(self) -> str:
        return self.source[-1]


def _is_space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _left_flanking(before: str | None, after: str | None) -> bool:
    """CommonMark's rule for a ``*`` run that may open emphasis (``None``: start or end of line)."""
    if _is_space(after):
        return False
    assert after is not None
    return not _is_punct(after) or _is_space(before) or _is_punct(before)  # type: ignore[arg-type]


def _right_flanking(before: str | None, after: str | None) -> bool:
    return _left_flanking(after, before)


_ESCAPE_ALWAYS = frozenset("\\*_`[]<")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# What would start another block at the beginning of a line: an ATX heading, a list item, a quote,
# a setext underline or a fence.
_BLOCK_START = re.compile(r"(?:#{1,6}|[-+]|\d{1,9}[.)])(?=\s|$)|>|[-=]+(?=[ \t]*(?:\u2028|$))|~~~")


def inline_markdown(block: QTextBlock, *, heading: bool = False, table_cell: bool = False) -> str:
    """The inline CommonMark of one paragraph; hard breaks become ``\\`` and a newline.

    Emphasis is written only where CommonMark reads it back as emphasis: blanks at the edges of a
    bold or italic run move outside it, and the letter beside a delimiter that could not open or
    close there (``a**.b**``) is spelt as a character reference (``&#97;**.b**``). The result is
    parsed again; should it still not read back as meant, emphasis is dropped rather than ever
    storing a stray ``*``.
    """
    # Typing changes one paragraph: the others are written from what each block remembers, so
    # writing a long answer after a keystroke costs about one paragraph, not the whole answer.
    tracked = bool(block.document().property(_TRACKED))
    if tracked:
        memo = block.userData()
        if isinstance(memo, _Written) and memo.flags == (heading, table_cell):
            return memo.text
    text = _inline_markdown(block, heading, table_cell)
    if tracked:
        block.setUserData(_Written(text, (heading, table_cell)))
    return text


_TRACKED = "tcdeskWrittenBlocks"


class _Written(QTextBlockUserData):
    """A block's Markdown, kept on the block until its text or formats change."""

    def __init__(self, text: str, flags: tuple[bool, bool]) -> None:
        super().__init__()
        self.text = text
        self.flags = flags


def track_changes(doc: QTextDocument) -> None:
    """Let ``doc``'s blocks remember their Markdown; any change to a block's text or formats forgets it."""
    if doc.property(_TRACKED):
        return

    def forget(position: int, _removed: int, added: int) -> None:
        block = doc.findBlock(position)
        end = doc.findBlock(position + added)
        while block.isValid():
            block.setUserData(None)  # type: ignore[arg-type]  # None clears the remembered Markdown
            if block == end:
                break
            block = block.next()

    doc.contentsChange.connect(forget)
    doc.setProperty(_TRACKED, True)


def _inline_markdown(block: QTextBlock, heading: bool, table_cell: bool) -> str:
    atoms = list(_atoms(block, heading, table_cell))
    text = ""
    for candidate, spelling in _emphasis_attempts(atoms):
        text, expected = _render(candidate, spelling, table_cell)
        # A table takes "\|" out of a cell before reading its text (so code spans can hold one).
        if _read_back(text.replace("\\|", "|") if table_cell else text) == expected:
            break
    return text


def _emphasis_attempts(atoms: list[_Atom]) -> Iterator[tuple[list[_Atom], str]]:
    """The atoms as they are, then with ever less emphasis, until CommonMark can write them.

    Before any is given up, the letters beside delimiters inside words are spelt apart
    (:func:`_apart`). Emphasis is given up one run at a time, a run that starts or ends inside a
    word first (the likeliest to be unwritable), so that the rest of the paragraph keeps its bold
    and italic.
    """
    yield atoms, REOPENED  # nearly always enough: nothing else is worked out before it is tried
    if not any(a.marks for a in atoms):
        return  # without emphasis, every other attempt is the same
    split = _without_overlaps(atoms, drop=False)  # changes nothing shown
    both = any(EM in a.marks and STRONG in a.marks for a in atoms)
    for candidate in (split, _without_overlaps(atoms)) if both else (split,):
        for spelling in (REOPENED, STARS, NESTED):
            yield candidate, spelling
        apart = _apart(candidate)
        if apart != candidate:
            for spelling in (REOPENED, STARS, NESTED):
                yield apart, spelling
    runs = [(mark, run) for mark in (EM, STRONG) for run in _runs(atoms, mark)]
    runs.sort(key=lambda item: (not _inside_word(atoms, *item[1]), item[1][1] - item[1][0]))
    for mark, (start, end) in runs[:_RUN_ATTEMPTS]:
        fewer = [replace(a, marks=a.marks - {mark}) if start <= k < end else a for k, a in enumerate(atoms)]
        yield fewer, REOPENED
        yield _apart(fewer), NESTED
    yield [replace(a, marks=frozenset()) for a in atoms], STARS


#: How many runs are tried one by one before a paragraph's emphasis is given up.
_RUN_ATTEMPTS = 12


def _inside_word(atoms: list[_Atom], start: int, end: int) -> bool:
    def joins(i: int) -> bool:
        return 0 < i < len(atoms) and atoms[i - 1].last.isalnum() and atoms[i].first.isalnum()

    return joins(start) or joins(end)


def _atoms(block: QTextBlock, heading: bool, table_cell: bool) -> Iterator[_Atom]:
    it = block.begin()
    line_start = True
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        fmt = fragment.charFormat()
        text = fragment.text()
        marks = set()
        if fmt.fontWeight() >= QFont.Weight.Bold:
            marks.add(STRONG)
        if fmt.fontItalic():
            marks.add(EM)
        frozen = frozenset(marks)
        link = fmt.anchorHref() if fmt.isAnchor() and fmt.anchorHref() else None
        title = str(fmt.property(LINK_TITLE) or "") if link else ""
        if fmt.isImageFormat():
            image = fmt.toImageFormat()
            alt = str(image.property(P.ImageAltText) or "")
            image_title = str(image.property(P.ImageTitle) or "")
            source = _cell_pipes(f"![{_escape_label(alt)}]({_destination(image.name())}{_title(image_title)})", table_cell)
            for _ in text:
                yield _Atom(source, frozen, "object", ((("image", image.name(), alt, image_title), frozenset()),), link, title)
            line_start = False
            continue
        if fmt.boolProperty(CODE_SPAN) or fmt.fontFixedPitch():
            for n, piece in enumerate(text.split(LINE_BREAK)):
                if n:
                    yield _break_atom(frozen, link, title, heading or table_cell)
                    line_start = True
                if piece.strip():
                    yield _Atom(_code_span(piece, table_cell), frozen, "object", tuple((ch, frozenset({CODE})) for ch in piece), link, title)
                    line_start = False
                elif piece and not line_start:
                    yield _Atom(" ", frozen, "space", ((" ", frozenset()),), link, title)
            continue
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == LINE_BREAK and fmt.hasProperty(SEPARATOR_CHAR):
                literal = str(fmt.property(SEPARATOR_CHAR))
                yield _Atom(literal, frozen, "char", ((literal, frozenset()),), link, title)
                line_start = False
                i += 1
                continue
            if ch == LINE_BREAK:
                yield _break_atom(frozen, link, title, heading or table_cell)
                line_start = not (heading or table_cell)
                i += 1
                continue
            if ch.isspace():
                if not line_start:  # leading blanks of a line: CommonMark drops them (or reads code)
                    yield _Atom(ch, frozen, "space", ((ch, frozenset()),), link, title)
                i += 1
                continue
            start = _BLOCK_START.match(text, i) if line_start and not table_cell else None
            line_start = False
            if start is not None:
                # "# ", "> ", "- ", "12. " … would start another block: escape their punctuation.
                for d in start.group()[:-1]:
                    yield _Atom(d, frozen, "char", ((d, frozenset()),), link, title)
                last = start.group()[-1]
                yield _Atom("\\" + last, frozen, "char", ((last, frozenset()),), link, title)
                i = start.end()
                continue
            if ch in _ESCAPE_ALWAYS or (ch == "|" and table_cell) or (ch == "&" and _ENTITY.match(text, i)):
                source = "\\" + ch
            else:
                source = ch
            yield _Atom(source, frozen, "char", ((ch, frozenset()),), link, title)
            i += 1


def _break_atom(marks: frozenset, link: str | None, title: str, flatten: bool) -> _Atom:
    if flatten:  # headings and table cells are one line
        return _Atom(" ", marks, "space", ((" ", frozenset()),), link, title)
    return _Atom("\\\n", marks, "break", (BREAK,), link, title)


def _escape_label(text: str) -> str:
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def _destination(url: str) -> str:
    if not url or re.search(r"[\s<>]", url) or url.count("(") != url.count(")"):
        return "<" + re.sub(r"([<>\\])", r"\\\1", url) + ">"
    return url.replace("\\", "\\\\")


def _title(title: str) -> str:
    return ' "' + re.sub(r'(["\\])', r"\\\1", title) + '"' if title else ""


def _cell_pipes(source: str, table_cell: bool) -> str:
    """``source`` (a link's address and title, an image) as a table cell must spell it: the table
    takes out one backslash before every "|" (escaped or not) before the cell is read, and a bare "|"
    is a cell border."""
    return source.replace("|", "\\|") if table_cell else source


def _code_span(text: str, table_cell: bool = False) -> str:
    longest = max((len(m) for m in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" or (text[0] == " " and text[-1] == " ") else ""
    if table_cell:  # the table reads "|" as a cell border even in code, unless escaped
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"


def _normalise(atoms: list[_Atom]) -> list[_Atom]:
    """Make each run's delimiters flank, else drop emphasis CommonMark cannot express.

    Blanks at a run's edges leave it. A delimiter between a letter and a punctuation mark inside
    the run (``text**!**``) cannot open there; the letter is then spelt as a character reference
    (``tex&#116;**!**``), which reads as the same letter but puts ``;`` beside the delimiter.
    """
    atoms = list(atoms)
    changed = True
    while changed:
        changed = False
        for mark in (STRONG, EM):
            i = 0
            while i < len(atoms):
                if mark not in atoms[i].marks:
                    i += 1
                    continue
                j = i
                while j < len(atoms) and mark in atoms[j].marks:
                    j += 1
                before = atoms[i - 1].last if i > 0 else None
                after = atoms[j].first if j < len(atoms) else None
                drop = None
                if atoms[i].kind in ("space", "break"):
                    drop = i
                elif not _left_flanking(before, atoms[i].first):
                    if _spellable(atoms, i - 1):
                        atoms[i - 1] = _as_reference(atoms[i - 1])
                        changed = True
                        continue
                    drop = i
                elif atoms[j - 1].kind in ("space", "break"):
                    drop = j - 1
                elif not _right_flanking(atoms[j - 1].last, after):
                    if _spellable(atoms, j):
                        atoms[j] = _as_reference(atoms[j])
                        changed = True
                        continue
                    drop = j - 1
                if drop is None:
                    i = j
                    continue
                atoms[drop] = replace(atoms[drop], marks=atoms[drop].marks - {mark})
                changed = True
    return atoms


def _spellable(atoms: list[_Atom], k: int) -> bool:
    """Whether ``atoms[k]`` is a letter or digit written as itself, which a character reference can spell."""
    if not 0 <= k < len(atoms) or atoms[k].kind != "char" or len(atoms[k].source) != 1:
        return False
    return not _is_space(atoms[k].source) and not _is_punct(atoms[k].source)


def _as_reference(atom: _Atom) -> _Atom:
    return replace(atom, source=f"&#{ord(atom.source)};")


def _apart(atoms: list[_Atom]) -> list[_Atom]:
    """Atoms with each letter or digit just outside a bold or italic run spelt as a character reference.

    A ``*`` between two letters may open or close emphasis, so ``***Impo*rta*nt***`` (bold, with
    italic on "Impo" and "nt") reads as italic nested in italic, and ``_`` there does neither.
    With ``;`` or ``&`` on the outer side a delimiter can only close (``Impo*&#114;ta``) or only
    open (``t&#97;*nt``).
    """
    trimmed = _trim_blanks(atoms)
    out = list(atoms)
    for mark in (STRONG, EM):
        for start, end in _runs(trimmed, mark):
            # (Not into a link's text from outside it: there "[" or ")" stands beside the delimiter.)
            if _spellable(atoms, start - 1) and atoms[start - 1].link == atoms[start].link:
                out[start - 1] = _as_reference(atoms[start - 1])
            if _spellable(atoms, end) and atoms[end].link == atoms[end - 1].link:
                out[end] = _as_reference(atoms[end])
    return out


def _render(atoms: list[_Atom], spelling: str = STARS, table_cell: bool = False) -> tuple[str, list]:
    """Write atoms, links grouped and emphasis nested; also what a parser must read back."""
    outer: list[_Atom] = []
    i = 0
    while i < len(atoms):
        href = atoms[i].link
        if href is None:
            outer.append(atoms[i])
            i += 1
            continue
        j = i
        while j < len(atoms) and atoms[j].link == href and atoms[j].title == atoms[i].title:
            j += 1
        group = atoms[i:j]
        shared = frozenset.intersection(*(a.marks for a in group))
        inner, inner_expected = _emphasis(
            _normalise([replace(a, marks=a.marks - shared, link=None) for a in group]), spelling
        )
        link = ("link", _md().normalizeLink(href))
        expect = tuple((item, marks | {link}) for item, marks in inner_expected)
        target = _cell_pipes(f"({_destination(href)}{_title(group[0].title)})", table_cell)
        outer.append(_Atom(f"[{inner}]{target}", shared, "object", expect))
        i = j
    return _emphasis(_normalise(outer), spelling)


def _emphasis(atoms: list[_Atom], spelling: str = STARS) -> tuple[str, list]:
    """Write atoms with their emphasis, delimiters spelt as ``spelling`` says (see :data:`STARS`)."""
    out: list[str] = []
    expected: list = []
    stack: list[tuple[str, str]] = []  # (mark, its delimiter)
    for i, atom in enumerate(atoms):
        wanted = atom.marks
        closed = ""  # the last delimiter closed just before this atom
        while stack and any(m not in wanted for m, _ in stack):
            closed = stack.pop()[1]
            out.append(closed)
        opening = [m for m in (STRONG, EM) if m in wanted and all(m != open_mark for open_mark, _ in stack)]
        # The run that lasts longer opens first, so runs nest instead of overlapping.
        opening.sort(key=lambda m: -_run_end(atoms, i, m))
        for m in opening:
            delimiter = _DELIMS[m]
            beside = stack[-1][1] if spelling == NESTED and stack else closed if spelling != STARS else ""
            if beside[:1] == "*":
                delimiter = delimiter.replace("*", "_")
            out.append(delimiter)
            stack.append((m, delimiter))
        out.append(atom.source)
        for item, marks in atom.expect:
            expected.append((item, "br") if marks == "br" else (item, frozenset(marks) | wanted))
    while stack:
        out.append(stack.pop()[1])
    return "".join(out), expected


def _without_overlaps(atoms: list[_Atom], drop: bool = True) -> list[_Atom]:
    """Bold and italic that overlap without nesting (``a**b*c**d*``), which CommonMark cannot always
    write, made to nest: a run is split at a blank beside the other's edge (emphasis on a blank does
    not show), or else (if ``drop``) italic is dropped where they overlap. All other emphasis stays."""
    atoms = _trim_blanks(atoms)  # the runs as they will be written
    runs = {mark: _runs(atoms, mark) for mark in (STRONG, EM)}
    out = list(atoms)
    for s1, s2 in runs[STRONG]:
        for e1, e2 in runs[EM]:
            if not max(s1, e1) < min(s2, e2) or (s1 <= e1 and e2 <= s2) or (e1 <= s1 and s2 <= e2):
                continue
            # The blank just outside the run that ends first, or just before the one that starts last.
            splits = [(s2, EM), (e1 - 1, STRONG)] if s1 < e1 else [(e2, STRONG), (s1 - 1, EM)]
            at = next(((k, mark) for k, mark in splits if 0 <= k < len(out) and out[k].kind == "space"), None)
            if at is not None:
                out[at[0]] = replace(out[at[0]], marks=out[at[0]].marks - {at[1]})
                continue
            for k in range(max(s1, e1), min(s2, e2)) if drop else ():
                out[k] = replace(out[k], marks=out[k].marks - {EM})
    return out


def _trim_blanks(atoms: list[_Atom]) -> list[_Atom]:
    """Atoms with the blanks and breaks at the edges of each bold or italic run outside it."""
    out = list(atoms)
    for mark in (STRONG, EM):
        for start, end in _runs(atoms, mark):
            first, last = start, end
            while first < end and atoms[first].kind in ("space", "break"):
                first += 1
            while last > first and atoms[last - 1].kind in ("space", "break"):
                last -= 1
            for k in (*range(start, first), *range(last, end)):
                out[k] = replace(out[k], marks=out[k].marks - {mark})
    return out


def _runs(atoms: list[_Atom], mark: str) -> list[tuple[int, int]]:
    runs = []
    i = 0
    while i < len(atoms):
        if mark in atoms[i].marks:
            end = _run_end(atoms, i, mark)
            runs.append((i, end))
            i = end
        else:
            i += 1
    return runs


def _run_end(atoms: list[_Atom], i: int, mark: str) -> int:
    while i < len(atoms) and mark in atoms[i].marks:
        i += 1
    return i


def _read_back(text: str) -> list:
    """What the exporters' parser reads from inline ``text``, in the form :func:`_render` predicts."""
    tokens = _md().parseInline(text)
    children = tokens[0].children if tokens else []
    out: list = []
    marks: list = []
    for tok in children or []:
        kind = tok.type
        current = frozenset(marks)
        if kind == "text":
            out.extend((ch, current) for ch in tok.content)
        elif kind == "code_inline":
            out.extend((ch, current | {CODE}) for ch in tok.content)
        elif kind == "hardbreak":
            out.append(BREAK)
        elif kind == "softbreak":
            out.append((" ", current))
        elif kind == "strong_open":
            marks.append(STRONG)
        elif kind == "em_open":
            marks.append(EM)
        elif kind == "link_open":
            marks.append(("link", tok.attrGet("href")))
        elif kind in ("strong_close", "em_close", "link_close") and marks:
            marks.pop()
        elif kind == "image":
            alt = "".join(t.content for t in _plain(tok.children or []))
            out.append((("image", mdurl.decode(str(tok.attrGet("src") or "")), alt, str(tok.attrGet("title") or "")), current))
        else:
            out.extend((ch, current) for ch in tok.content)
    return out
