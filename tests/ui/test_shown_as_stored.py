"""The answer editor shows what is stored, and an edit writes it back in the stored shape."""

from __future__ import annotations

from answer_helpers import type_after, type_at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from tcdesk.answer_blocks import reading
from tcdesk.ui.answer_editor import AnswerEditor

# --- indented code -------------------------------------------------------------------------------

INDENTED = "Run this:\n\n    tcdesk check plan.tcdesk\n    tcdesk export plan.tcdesk\n\nThen send it.\n"


def test_editing_a_line_of_indented_code_keeps_it_indented(answer_editor):
    editor = answer_editor(INDENTED)
    assert type_after(editor, "check plan.tcdesk", " --strict") == INDENTED.replace(
        "check plan.tcdesk", "check plan.tcdesk --strict"
    )


def test_a_line_added_to_indented_code_is_indented_too(qtbot, answer_editor):
    editor = answer_editor(INDENTED)
    editor.editor.setFocus()
    plain = editor.editor.toPlainText()
    cursor = editor.editor.textCursor()
    cursor.setPosition(plain.index("export plan.tcdesk") + len("export plan.tcdesk"))
    editor.editor.setTextCursor(cursor)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.editor, "tcdesk diff a b")
    editor.commit()
    stored = editor._controller.submission().answers["3"]
    assert stored == INDENTED.replace("export plan.tcdesk\n", "export plan.tcdesk\n    tcdesk diff a b\n")


def test_editing_next_to_indented_code_leaves_it_as_stored(answer_editor):
    text = "Run this:\n\n    tcdesk check\n\n    tcdesk export\n\nThen send it.\n"
    editor = answer_editor(text)
    assert type_after(editor, "send it", " today") == text.replace("send it", "send it today")
    assert "```" not in editor.editor.markdown()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=st.sampled_from(["Intro.", "> quoted", "# Heading", "| a |\n|---|\n| b |", ""]),
    code=st.lists(st.text(alphabet="ab `~*#-", min_size=1, max_size=8).filter(str.strip), min_size=1, max_size=3),
    data=st.data(),
)
def test_typing_in_indented_code_anywhere_writes_indented_code(answer_editor, before, code, data):
    text = (before + "\n\n" if before else "") + "\n".join("    " + line for line in code) + "\n\nAfter.\n"
    editor = answer_editor(text)
    plain = editor.editor.toPlainText()
    start = plain.index(code[0])
    at = data.draw(st.integers(start, start + len("\n".join(code))))
    stored = type_at(editor, at, "x")
    kinds = [shape[0] for shape in reading(stored)]
    assert "code_block" in kinds and "fence" not in kinds
    assert reading(stored) == reading(editor.editor.markdown())


# --- a paragraph of no-break spaces --------------------------------------------------------------


def test_a_paragraph_of_no_break_spaces_is_shown_and_kept_when_a_neighbour_is_edited(answer_editor):
    text = "\u00a0\u00a0\n\nOur forums meet monthly.\n"
    editor = answer_editor(text)
    assert editor.editor.document().firstBlock().text() == "\u00a0\u00a0"
    assert type_after(editor, "monthly", " or more") == text.replace("monthly", "monthly or more")


def test_a_list_item_of_a_no_break_space_keeps_it(answer_editor):
    text = "- \u00a0\n- forums\n"
    editor = answer_editor(text)
    assert editor.editor.markdown() == text
    assert type_after(editor, "forums", " meet") == text.replace("forums", "forums meet")


def test_indented_code_in_a_list_item_stays_indented_when_edited(answer_editor):
    text = "- Run this:\n\n      tcdesk check\n- Then send it.\n"
    editor = answer_editor(text)
    assert type_after(editor, "tcdesk check", " --strict") == text.replace("check", "check --strict")


# --- a table in a quote or list item -------------------------------------------------------------


def _table_and_paragraph(editor: AnswerEditor, words: str) -> tuple[float, float]:
    """Where the answer's table starts on the left, and where the text of the paragraph holding ``words`` does."""
    from PySide6.QtGui import QTextTable

    doc = editor.editor.document()
    block = doc.find(words).block()
    layout = doc.documentLayout()
    table = next(frame for frame in doc.rootFrame().childFrames() if isinstance(frame, QTextTable))
    text_x = layout.blockBoundingRect(block).left() + block.layout().lineAt(0).x()
    return layout.frameBoundingRect(table).left(), text_x


def test_a_table_in_a_quote_is_drawn_indented_as_the_quote_is(answer_editor):
    editor = answer_editor("Before.\n\n> Our groups:\n>\n> | Group | Size |\n> |---|---:|\n> | Forum | 40 |\n")
    table, paragraph = _table_and_paragraph(editor, "Our groups")
    assert paragraph > _table_and_paragraph(editor, "Before")[1]
    assert paragraph <= table < paragraph + 8  # its border and padding: the cells' text lines up


def test_a_table_in_a_list_item_is_drawn_under_the_items_text(answer_editor):
    editor = answer_editor("- Our groups:\n\n  | Group | Size |\n  |---|---:|\n  | Forum | 40 |\n\n  more of the item\n")
    table, paragraph = _table_and_paragraph(editor, "more of the item")
    assert paragraph <= table < paragraph + 8
