"""An item whose first block is a list shows its marker on that list's first line (``0. 1986. x``)."""

from __future__ import annotations

import pytest
from answer_helpers import type_at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor

from tcdesk.answer_blocks import reading


def _blocks(editor):
    doc = editor.editor.document()
    block, out = doc.firstBlock(), []
    while block.isValid():
        out.append(block)
        block = block.next()
    return out


def _shown_lines(editor) -> list[tuple[float, str]]:
    """Each visible block's top and text, as laid out."""
    layout = editor.editor.document().documentLayout()
    return [(layout.blockBoundingRect(b).top(), b.text()) for b in _blocks(editor) if b.isVisible()]


def _ink(image, rect: QRect) -> int:
    """How many pixels of ``rect`` are darker than the page."""
    return sum(
        QColor(image.pixel(x, y)).lightness() < 128
        for x in range(max(rect.left(), 0), min(rect.right(), image.width()))
        for y in range(max(rect.top(), 0), min(rect.bottom(), image.height()))
    )


@pytest.mark.parametrize("text", ["0. 1986. x\n", "- - x\n", "1. - x\n", "* 1. 2. x\n"])
def test_an_item_holding_a_list_shows_its_marker_on_the_lists_first_line(qtbot, answer_editor, text):
    editor = answer_editor(text)
    qtbot.waitExposed(editor)
    # One line, holding the words; the outer items have no line of their own.
    assert [t for _, t in _shown_lines(editor)] == ["x"]
    blocks = _blocks(editor)
    inner = blocks[-1]
    layout = editor.editor.document().documentLayout()
    box = layout.blockBoundingRect(inner).toRect()
    line = inner.layout().lineAt(0)
    indent = editor.editor.document().indentWidth()
    image = editor.editor.viewport().grab().toImage()
    # Each outer marker is painted on that line, one indent left of the next one's place.
    for depth, outer in enumerate(blocks[:-1]):
        steps = inner.textList().format().indent() - outer.textList().format().indent()
        right = box.left() + int(line.x()) - int(indent) * steps
        assert _ink(image, QRect(right - int(indent), box.top(), int(indent), int(line.height()))) > 0, depth
    # ...and what is stored is not touched by showing it.
    editor.commit()
    assert editor._controller.submission().answers["3"] == text
    assert editor._controller.undo_stack.count() == 0


def test_the_marker_is_painted_where_it_would_stand(qtbot, answer_editor):
    """The painted "1." of "1. - x" is the same drawing as Qt's own "1." of "1. x", one line alone."""
    own = answer_editor("1. x\n")
    folded = answer_editor("1. - x\n")
    for editor in (own, folded):
        qtbot.waitExposed(editor)
    first = own.editor.document().firstBlock()
    inner = _blocks(folded)[-1]
    layout = own.editor.document().documentLayout()
    top, height = int(layout.blockBoundingRect(first).top()), int(first.layout().lineAt(0).height())
    x = int(layout.blockBoundingRect(first).left())
    assert int(folded.editor.document().documentLayout().blockBoundingRect(inner).top()) == top
    area = QRect(x - 40, top, 40, height)  # the marker of a top-level item
    own_image, folded_image = own.editor.viewport().grab().toImage(), folded.editor.viewport().grab().toImage()
    assert own_image.copy(area) == folded_image.copy(area)


def test_typing_in_the_hidden_item_gives_it_a_line_again(qtbot, answer_editor):
    text = "0. 1986. x\n"
    editor = answer_editor(text)
    stored = type_at(editor, 0, "Staff")  # the cursor in the outer item, before the inner list
    assert [t for _, t in _shown_lines(editor)] == ["Staff", "x"]
    assert reading(stored) == reading(editor.editor.markdown())
    # The inner list stays a list: right under "Staff", "1986." would be read as more of its text.
    assert [shape[0] for shape in reading(stored)].count("ordered_list_open") == 2
    assert stored == "0. Staff\n\n   1986. x\n"


def test_emptying_an_item_before_a_nested_list_folds_it(qtbot, answer_editor):
    editor = answer_editor("- a\n  - b\n")
    assert [t for _, t in _shown_lines(editor)] == ["a", "b"]
    cursor = editor.editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(1, cursor.MoveMode.KeepAnchor)
    editor.editor.setTextCursor(cursor)
    editor.editor.textCursor().removeSelectedText()
    editor.commit()
    assert [t for _, t in _shown_lines(editor)] == ["b"]
    stored = editor._controller.submission().answers["3"]
    assert reading(stored) == reading("- - b\n")


def test_the_cursor_in_the_hidden_item_is_drawn_between_the_markers(qtbot, answer_editor):
    editor = answer_editor("0. 1986. x\n")
    qtbot.waitExposed(editor)
    editor.editor.setFocus()
    qtbot.waitUntil(editor.editor.hasFocus)
    inner = _blocks(editor)[-1]
    layout = editor.editor.document().documentLayout()
    box = layout.blockBoundingRect(inner).toRect()
    x = box.left() + int(inner.layout().lineAt(0).x()) - int(editor.editor.document().indentWidth())
    caret = QRect(x, box.top(), 2, int(inner.layout().lineAt(0).height()))
    cursor = editor.editor.textCursor()
    cursor.setPosition(1)  # the inner item
    editor.editor.setTextCursor(cursor)
    assert _ink(editor.editor.viewport().grab().toImage(), caret) == 0
    cursor.setPosition(0)  # the outer one, hidden
    editor.editor.setTextCursor(cursor)
    assert _ink(editor.editor.viewport().grab().toImage(), caret) > 0


MARKER = st.sampled_from(["-", "*", "+", "0.", "1.", "7)", "1986."])
WORD = st.text(alphabet="abcdefgh", min_size=1, max_size=5)


@st.composite
def nested_items(draw) -> str:
    """Lists some of whose items start with a list (``1. - a``), with further items and paragraphs."""
    blocks = []
    for _ in range(draw(st.integers(1, 3))):
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            markers = draw(st.lists(MARKER, min_size=1, max_size=3))
            line = " ".join(markers) + " " + " ".join(draw(st.lists(WORD, min_size=1, max_size=3)))
            if lines and lines[0].split(" ")[0] != markers[0]:
                continue  # another marker would start another list
            lines.append(line)
            if draw(st.booleans()):  # a further item of the innermost list
                width = sum(len(m) + 1 for m in markers[:-1])
                lines.append(" " * width + markers[-1] + " " + draw(WORD))
        blocks.append("\n".join(lines))
        blocks.append(draw(WORD))  # a paragraph between lists keeps them apart
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=nested_items(), data=st.data())
def test_typing_anywhere_near_folded_items_reads_as_shown_and_changes_only_what_was_typed(answer_editor, text, data):
    editor = answer_editor(text)
    editor.commit()
    assert editor._controller.submission().answers["3"] == text  # shown, not rewritten
    plain = editor.editor.toPlainText()
    at = data.draw(st.integers(0, len(plain)))
    hidden = not editor.editor.document().findBlock(at).isVisible()
    typed = data.draw(WORD)
    stored = type_at(editor, at, typed)
    assert reading(stored) == reading(editor.editor.markdown())
    if not hidden:  # (typed in a hidden item, the words need a line of their own before the inner list)
        assert any(stored[:n] + stored[n + len(typed) :] == text for n in range(len(stored)) if stored.startswith(typed, n)), stored
    for block in _blocks(editor):  # an item is hidden exactly while it is empty and holds a list
        after = block.next()
        holds = (
            block.textList() is not None and not block.text() and after.isValid() and after.textList() is not None
            and after.textList().format().indent() > block.textList().format().indent()
            and after.textList().itemNumber(after) == 0
        )
        assert block.isVisible() != holds


@pytest.mark.parametrize("text", ["- a\n  - b\n", "1. a\n   1. b\n"])
def test_emptying_the_first_item_of_a_nested_list_keeps_the_words_above_as_they_were(answer_editor, text):
    """A lone "-" under an item's text is read as the underline of a heading ("a" became a heading),
    a lone "1." as more of that text ("a 1."): an empty first item needs a blank line above it."""
    editor = answer_editor(text)
    at = editor.editor.toPlainText().index("b")
    cursor = editor.editor.textCursor()
    cursor.setPosition(at)
    cursor.setPosition(at + 1, cursor.MoveMode.KeepAnchor)
    editor.editor.setTextCursor(cursor)
    editor.editor.textCursor().removeSelectedText()
    editor.commit()
    stored = editor._controller.submission().answers["3"]
    kinds = [shape[0] for shape in reading(stored)]
    assert "heading_open" not in kinds and ("text", "a", ()) in reading(stored)
    assert kinds.count("list_item_open") == 2  # the item, and the empty one in it


def test_last_times_answer_shows_an_item_holding_a_list_on_one_line(qtbot):
    from PySide6.QtCore import Qt

    from tcdesk.model import Submission
    from tcdesk.session import Session
    from tcdesk.ui.answer_editor import AnswerEditor
    from tcdesk.ui.document import DocumentController

    editor = AnswerEditor(DocumentController(Session(Submission(last_time={"1": "0. 1986. founded\n"}))), "1")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.last_time.toggle, Qt.MouseButton.LeftButton)
    view = editor.last_time.text
    blocks = [view.document().firstBlock(), view.document().lastBlock()]
    assert [b.isVisible() for b in blocks] == [False, True]  # the "0." item has no line of its own
    layout = view.document().documentLayout()
    box = layout.blockBoundingRect(blocks[1]).toRect()
    line = blocks[1].layout().lineAt(0)
    indent = int(view.document().indentWidth())
    marker = QRect(box.left() + int(line.x()) - 2 * indent, box.top(), indent, int(line.height()))
    assert _ink(view.viewport().grab().toImage(), marker) > 0  # "0." painted on the inner line
