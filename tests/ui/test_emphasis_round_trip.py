"""Bold and italic the user applies anywhere are stored so that reopening shows them on the same letters,
and emphasis CommonMark spells in more than one way keeps its stored spelling when the paragraph is edited."""

from __future__ import annotations

from answer_helpers import shown_marks, type_after
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from tcdesk.ui.answer_editor import AnswerEditor
from tcdesk.ui.markdown_document import markdown_html


def _marks(editor: AnswerEditor) -> list[tuple[str, bool, bool]]:
    return shown_marks(editor.editor)


def _apply(editor: AnswerEditor, start: int, end: int, bold: bool) -> None:
    """Select ``start:end`` of the shown text and press Ctrl+B (``bold``) or Ctrl+I."""
    cursor = editor.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.editor.setTextCursor(cursor)
    editor.editor.toggle_bold() if bold else editor.editor.toggle_italic()


def _stored(editor: AnswerEditor) -> str:
    editor.commit()
    return editor._controller.submission().answers["3"]


def test_bold_on_a_lone_mark_after_a_word_is_stored_and_shown_again(answer_editor):
    editor = answer_editor("Say text! now\n")
    plain = editor.editor.toPlainText()
    _apply(editor, plain.index("!"), plain.index("!") + 1, bold=True)
    shown = _marks(editor)
    stored = _stored(editor)
    assert _marks(answer_editor(stored)) == shown
    assert "<strong>!</strong>" in markdown_html(stored)


def test_part_bold_part_italic_inside_bold_italic_is_stored_and_shown_again(answer_editor):
    editor = answer_editor("An Important note\n")
    plain = editor.editor.toPlainText()
    word = plain.index("Important")
    _apply(editor, word, word + len("Important"), bold=True)
    _apply(editor, word, word + len("Impo"), bold=False)
    _apply(editor, word + len("Imporia"), word + len("Important"), bold=False)
    shown = _marks(editor)
    stored = _stored(editor)
    assert _marks(answer_editor(stored)) == shown


def test_editing_beside_nested_emphasis_keeps_its_stored_spelling(answer_editor):
    # CommonMark reads "***Impo*rta*nt***" as italic in italic in italic, then "**": the editor shows
    # italic "Important" and two stars, and wrote the whole paragraph as "*Important*\*\*" after an edit.
    text = "***Impo*rta*nt*** note, we said\n"
    editor = answer_editor(text)
    assert type_after(editor, "we said", " so") == text.replace("we said", "we said so")


def test_editing_beside_a_bold_mark_spelled_with_an_entity_keeps_it(answer_editor):
    text = "Say tex&#116;**!** now\n"
    editor = answer_editor(text)
    assert type_after(editor, "now", " then") == text.replace("now", "now then")


#: Paragraphs of words, punctuation and blanks, some with emphasis already.
TEXTS = st.one_of(
    st.text(alphabet="ab1 .!(')_*&;\u00e9\u2014", min_size=1, max_size=24).map(lambda t: t.replace("*", "\\*").replace("_", "\\_") + "\n"),
    st.sampled_from(
    [
        "Say text! now, (14 Red) and more.\n",
        "An Important note: the forums' work.\n",
        "***Important*** note. Our forums (14 Red, 36 Amber) met *monthly*.\n",
        "**Bold** then _em_ and `code` [a *link*](https://example.ac.uk) end; snake_case a*b 5 * 3.\n",
        "Prices: £5, 10% & more… (see p.3) — “quoted” **text!**\n\nA second paragraph, with *it*!\n",
        "- one item!\n- two *items*\n\n> a quote, said \"he\".\n",
        "## A heading, (with) *words*!\n\n| Group! | Size |\n|---|---:|\n| Forum's | 40% |\n",
    ]
    ),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, data=st.data())
def test_ctrl_b_and_ctrl_i_on_any_range_show_the_same_emphasis_after_saving_and_reopening(answer_editor, text, data):
    editor = answer_editor(text)
    size = len(editor.editor.toPlainText())
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, size))
        end = data.draw(st.integers(start, size))
        _apply(editor, start, end, bold=data.draw(st.booleans()))
    shown = _marks(editor)
    stored = _stored(editor)
    reopened = answer_editor(stored)
    assert reopened.editor.toPlainText() == editor.editor.toPlainText()
    assert _marks(reopened) == shown, stored


def test_emphasis_on_a_code_span_is_shown_and_kept_when_its_paragraph_is_edited(answer_editor):
    text = "Run *`tcdesk check`* and **`tcdesk export`** today\n"
    editor = answer_editor(text)
    shown = _marks(editor)
    code = [m for m in shown if m[0] in "tcdeskhx"][:6]
    assert all(italic for _, _, italic in code)
    assert type_after(editor, "today", " please") == text.replace("today", "today please")
