"""A U+FEFF or U+FFFE in an answer is shown as itself and kept, wherever a run of text starts with it.

PySide reads either at the start of a ``str`` handed to Qt as a byte-order mark (it drops a
U+FEFF, and reads the rest byte-swapped after a U+FFFE). The answer editor hands Qt one piece per
run (a paragraph, the text after a bold run, a list item, a table cell, a line of code), so any
run may start with one.
"""

from __future__ import annotations

from answer_helpers import type_at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from tcdesk.answer_blocks import reading
from tcdesk.ui.qt_text import to_qt

MARKS = "\ufeff\ufffe"


def test_an_answer_starting_with_u_feff_keeps_it_when_typed_in(answer_editor):
    editor = answer_editor("\ufeffWe run forums.\n")
    assert editor.editor.toPlainText() == "\ufeffWe run forums."
    assert type_at(editor, len("\ufeffWe run forums."), "x") == "\ufeffWe run forums.x\n"


def test_an_answer_starting_with_u_fffe_is_not_read_byte_swapped(answer_editor):
    editor = answer_editor("\ufffeab\n")
    assert editor.editor.toPlainText() == "\ufffeab"
    assert type_at(editor, 3, "x") == "\ufffeabx\n"


def test_pasted_text_starting_with_a_mark_arrives_whole(answer_editor):
    from PySide6.QtCore import QMimeData

    editor = answer_editor("Forums.\n")
    for pasted in ("\ufeffmonthly", "\ufffemonthly"):
        data = QMimeData()
        data.setText(to_qt(pasted))  # as the clipboard hands it over
        cursor = editor.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        editor.editor.setTextCursor(cursor)
        editor.editor.insertFromMimeData(data)
    editor.commit()
    assert editor._controller.submission().answers["3"] == "Forums.\ufeffmonthly\ufffemonthly\n"


def test_a_link_and_image_keep_a_mark_at_the_start_of_their_address_and_title(answer_editor):
    text = '[\ufeffsite](\ufffex "\ufefftitle") ![\ufffealt](\ufeffpic.png "\ufffename")\n'
    editor = answer_editor(text)
    # (The parser hands the link's address over percent-encoded, and the editor writes it so.)
    assert reading(editor.editor.markdown()) == reading(text)
    assert type_at(editor, len(editor.editor.toPlainText()), "z") == text.replace("\n", "z\n")


def test_a_code_block_language_starting_with_a_mark_is_kept(answer_editor):
    text = "```\ufeffpython\nx = 1\n```\n"
    editor = answer_editor(text)
    assert editor.editor.markdown() == text


WORD = st.text(alphabet="abcdef", min_size=1, max_size=4)
#: A run of text, often starting with a mark.
RUN = st.tuples(st.sampled_from(["\ufeff", "\ufffe", "\ufeff\ufffe", ""]), WORD).map("".join)


@st.composite
def inline(draw) -> str:
    """Words, bold, italic, code and link text, each possibly starting with a mark, and text
    right after a bold or italic run."""
    pieces = []
    for _ in range(draw(st.integers(1, 3))):
        run = draw(RUN)
        kind = draw(st.sampled_from(["plain", "bold", "italic", "code", "link", "after"]))
        if kind == "bold":
            run = f"**{run}**"
        elif kind == "italic":
            run = f"*{run}*"
        elif kind == "code":
            run = f"`{run}`"
        elif kind == "link":
            run = f"[{run}](https://example.org/)"
        elif kind == "after":
            run = f"**{draw(WORD)}**{draw(st.sampled_from(MARKS))}{draw(WORD)}"
        pieces.append(run)
    return " ".join(pieces)


@st.composite
def answers_with_marks(draw) -> str:
    blocks: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["paragraph", "heading", "bullets", "numbers", "table", "code"]))
        if kind == "paragraph":
            block = draw(inline())
        elif kind == "heading":
            block = "## " + draw(inline())
        elif kind in ("bullets", "numbers"):
            if blocks and blocks[-1][:2] in ("- ", "1."):
                blocks.append(draw(inline()))  # two lists in a row would be one list
            items = draw(st.lists(inline(), min_size=1, max_size=3))
            block = "\n".join(("- " if kind == "bullets" else f"{n}. ") + item for n, item in enumerate(items, 1))
        elif kind == "table":
            rows = draw(st.lists(st.lists(inline(), min_size=2, max_size=2), min_size=2, max_size=3))
            lines = ["| " + " | ".join(row) + " |" for row in rows]
            block = "\n".join([lines[0], "| --- | --- |", *lines[1:]])
        else:
            block = "```\n" + "\n".join(draw(st.lists(RUN, min_size=1, max_size=3))) + "\n```"
        blocks.append(block)
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=answers_with_marks(), data=st.data())
def test_marks_anywhere_are_shown_and_kept_when_typing_anywhere(answer_editor, text, data):
    editor = answer_editor(text)
    plain = editor.editor.toPlainText()
    for mark in MARKS:
        assert plain.count(mark) == text.count(mark)
    assert "\u6100" not in plain  # nothing read byte-swapped ("a" would be U+6100)
    assert editor.editor.markdown() == text  # shown as itself: the editor's own spelling is the stored one
    at = data.draw(st.integers(0, len(plain)))
    typed = data.draw(st.text(alphabet="ab" + MARKS, min_size=1, max_size=3))
    stored = type_at(editor, at, typed)
    assert reading(stored) == reading(editor.editor.markdown())
    # Typed on the empty line shown before or after a table, it is a paragraph of its own.
    added = (typed, typed + "\n\n", "\n" + typed + "\n")
    assert any(stored[:n] + stored[n + len(a) :] == text for a in added for n in range(len(stored)) if stored.startswith(a, n))


def test_typing_on_the_line_after_a_closing_table_adds_a_paragraph_and_nothing_else(answer_editor):
    """What the property found: the answer ends with a table; the empty line shown after it takes typing."""
    text = "- \ufeffaaa\n\n| \ufeffaa | aaa |\n| --- | --- |\n| \ufeff\ufffeaaaa | aaa |\n"
    editor = answer_editor(text)
    end = len(editor.editor.toPlainText())
    assert type_at(editor, end, "a") == text + "\na\n"
