"""Typing in the real answer editor changes only what was typed: the rest of the block keeps the
user's own spelling (``*`` bullets, line ends inside a paragraph)."""

from __future__ import annotations

from answer_helpers import type_after, type_at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from tcdesk import commonmark
from tcdesk.answer_blocks import reading
from tcdesk.ui.answer_editor import AnswerEditor

STORED = (
    "Our technician forums meet\n"
    "monthly in every faculty,\n"
    "and report to the steering group.\n"
    "\n"
    "* Visibility: a technician profile on every web page\n"
    "* Recognition: awards named in the annual report\n"
    "+ not the same list\n"
)


def test_typing_in_a_list_item_keeps_every_bullet_as_typed(answer_editor):
    editor = answer_editor(STORED)
    stored = type_after(editor, "awards named", " and thanked")
    assert stored == STORED.replace("awards named", "awards named and thanked")
    assert editor._controller.undo_stack.undoText() == "Edit answer 3"


def test_typing_in_a_wrapped_paragraph_keeps_its_line_ends(answer_editor):
    editor = answer_editor(STORED)
    stored = type_after(editor, "meet", " twice")
    assert stored == STORED.replace("meet\nmonthly", "meet twice\nmonthly")


def test_typing_keys_in_a_list_item_keeps_the_bullets(qtbot, answer_editor):
    editor = answer_editor(STORED)
    plain = editor.editor.toPlainText()
    cursor = editor.editor.textCursor()
    cursor.setPosition(plain.index("every web page") + len("every web page"))
    editor.editor.setTextCursor(cursor)
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, " and intranet")
    editor.commit()
    assert editor._controller.submission().answers["3"] == STORED.replace(
        "every web page", "every web page and intranet"
    )


WORD = st.text(alphabet="abcdefgh", min_size=1, max_size=5)


@st.composite
def answers(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(st.lists(st.lists(WORD, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3))
        if draw(st.booleans()) and not (blocks and blocks[-1][:2] in ("* ", "+ ")):
            mark = draw(st.sampled_from("*+"))
            blocks.append("\n".join(f"{mark} {line}" for line in lines))
        else:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=answers(), data=st.data())
def test_any_typing_reads_as_shown_and_leaves_the_rest_as_stored(answer_editor, text, data):
    editor = answer_editor(text)
    typed, stored = _type_a_word_somewhere(editor, data)
    # What is stored reads exactly as the editor shows it...
    assert reading(stored) == reading(editor.editor.markdown())
    # ...and only the typed letters were added: every bullet and line end is as the user wrote it.
    assert _only_typed_added(stored, text, typed)


def _type_a_word_somewhere(editor, data) -> tuple[str, str]:
    """Type a drawn word at a drawn place in the answer; the word and the answer as stored after."""
    at = data.draw(st.integers(0, len(editor.editor.toPlainText())))
    typed = data.draw(WORD)
    return typed, type_at(editor, at, typed)


def _only_typed_added(stored: str, text: str, typed: str) -> bool:
    """Whether ``stored`` is ``text`` with ``typed`` inserted somewhere, and nothing else changed."""
    return any(
        stored[:n] + stored[n + len(typed) :] == text for n in range(len(stored) + 1) if stored.startswith(typed, n)
    )


def _typed_with_a_needed_escape(stored: str, text: str, typed: str) -> bool:
    """Whether ``stored`` is ``text`` with ``typed`` inserted and one backslash added, without which
    the typed letters would change how the text reads ("a" typed after a lone "*" in "5 * 3" is
    stored "5 \\*a 3": "*a" could open emphasis)."""
    return any(
        _only_typed_added(without, text, typed) and reading(without) != reading(stored)
        for n in range(len(stored))
        if stored[n] == "\\" and (without := stored[:n] + stored[n + 1 :])
    )


#: Words the editor writes differently from how a user (or another program) may have stored them:
#: an unescaped intraword underscore or star, entities, a literal "<", a lone star between blanks.
ODD_WORD = st.sampled_from(
    [
        *("snake_case", "lab_safety_v2", "**a*b**", "&amp;", "&copy;", "&#35;", "<b>", "x|y", "5 * 3"),
        *("\\*", "a\\_b", "c\u00a0d", "1986\\.", "\\#", "\\-", "\\>"),  # the last four: needed at a line's start only
    ]
)
#: Ways a stored paragraph may go on: a blank, a soft line end, a hard break (two spaces or a backslash).
GAP = st.sampled_from([" ", " ", "\n", "  \n", "\\\n"])


@st.composite
def odd_answers(draw, odd=ODD_WORD) -> str:
    paragraphs = []
    for _ in range(draw(st.integers(1, 3))):
        words = draw(st.lists(st.one_of(WORD, odd), min_size=1, max_size=6))
        text = words[0]
        for word in words[1:]:
            text += draw(GAP) + word
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + "\n"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=odd_answers(), data=st.data())
def test_typing_beside_text_the_editor_spells_differently_changes_only_what_was_typed(answer_editor, text, data):
    editor = answer_editor(text)
    typed, stored = _type_a_word_somewhere(editor, data)
    assert reading(stored) == reading(editor.editor.markdown())
    assert _only_typed_added(stored, text, typed) or _typed_with_a_needed_escape(stored, text, typed), stored


#: Blocks the editor spells very differently (a table in a quote or a list item, a quote in an item).
#: Typing elsewhere must leave them as stored.
UNSHOWABLE = [
    "> | Group | Size |\n> |---|---:|\n> | Forum | 40 |",
    "* Forums\n\n  | Group | Size |\n  |---|---|\n  | Forum | 40 |",
    "* one\n  > quoted in the item\n* two",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    blocks=st.lists(
        st.one_of(st.sampled_from(UNSHOWABLE), st.just("Our forums meet\nmonthly.")), min_size=2, max_size=4
    ),
    data=st.data(),
)
def test_typing_in_a_paragraph_leaves_blocks_the_editor_shows_differently_as_stored(answer_editor, blocks, data):
    blocks.append("Our forums meet\nmonthly.")
    text = "\n\n".join(blocks) + "\n"
    editor = answer_editor(text)
    plain = editor.editor.toPlainText()
    meets = [n for n in range(len(plain)) if plain.startswith("meet", n)]
    at = data.draw(st.sampled_from(meets)) + len("meet")
    stored = type_at(editor, at, " twice")
    assert stored.count("meet twice\nmonthly") == 1
    assert stored.replace("meet twice\nmonthly", "meet\nmonthly") == text


def _replace(editor: AnswerEditor, start: int, end: int, typed: str) -> str:
    """Select ``start:end`` of the shown text and type ``typed`` over it; the answer as stored after."""
    cursor = editor.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.editor.setTextCursor(cursor)
    editor.editor.insertPlainText(typed)
    editor.commit()
    return editor._controller.submission().answers["3"]


def _said(unit: str) -> str:
    """What one unit of Markdown (see ``answer_blocks._UNIT``) says."""
    import html

    return "" if unit == "\\" else unit[1] if unit[0] == "\\" else html.unescape(unit)


def _only_replaced(stored: str, text: str, typed: str, replaced: str) -> bool:
    """Whether ``stored`` is ``text`` with a stretch of it replaced by one that says the same with
    ``replaced`` put in the place of ``typed`` (in any spelling: a typed "*" may be escaped), and
    nothing else changed."""
    from tcdesk.answer_blocks import _UNIT, _common_ends

    def said(piece: str) -> str:
        return " ".join("".join(_said(unit) for unit in _UNIT.findall(piece)).split())

    if stored == text:  # typed over with the same characters
        return typed.split() == replaced.split()
    head, _ = _common_ends(text, stored)
    for x in range(max(0, head - 8), head + 1):
        tail, _ = _common_ends(text[x:][::-1], stored[x:][::-1])
        for y in range(max(0, tail - 8), tail + 1):
            was, now = said(text[x : len(text) - y]), said(stored[x : len(stored) - y])
            gone = " ".join(replaced.split())
            if any(
                was.startswith(gone, k) and " ".join((was[:k] + typed + was[k + len(gone) :]).split()) == now
                for k in range(len(was) + 1)
            ):
                return True
    return False


#: ODD_WORD without emphasis: typing over a bold letter rightly moves the "**" before it.
PLAIN_ODD_WORD = ODD_WORD.filter(lambda word: "**" not in word)
#: What is typed over a selection: letters, and characters Markdown may need escaped.
TYPED = st.text(alphabet="ab#*_&.-", min_size=1, max_size=4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=odd_answers(PLAIN_ODD_WORD), data=st.data())
def test_typing_over_a_selection_changes_only_the_selected_characters(answer_editor, text, data):
    editor = answer_editor(text)
    plain = editor.editor.toPlainText()
    start = data.draw(st.integers(0, len(plain)))
    end = data.draw(st.integers(start, min(len(plain), start + 4)))
    if "\u2029" in plain[start:end] or "\n" in plain[start:end]:
        end = start  # within one paragraph
    replaced = plain[start:end]
    typed = data.draw(TYPED)
    stored = _replace(editor, start, end, typed)
    assert reading(stored) == reading(editor.editor.markdown())
    assert _only_replaced(stored, text, typed, replaced), stored


# --- tables --------------------------------------------------------------------------------------

ESCAPED_TABLE = "| a | b |\n|---|---|\n| **\\\\|** | x \\& y |\n| c \\| d | e \\\\ f |\n"


def test_typing_in_a_cell_with_an_escaped_backslash_before_an_escaped_pipe_changes_only_that(answer_editor):
    # "\\|" in a cell: the table takes the "\" before "|" away, and "\|" is then a pipe.
    editor = answer_editor(ESCAPED_TABLE)
    assert "|" in editor.editor.toPlainText().split("\n")
    stored = type_after(editor, "\n|", "x")
    assert stored == ESCAPED_TABLE.replace("**\\\\|**", "**\\\\|x**")


def test_a_pipe_in_a_link_or_image_in_a_cell_stays_in_its_cell(answer_editor):
    # Written bare, the "|" of a link's title or an image's address would end the cell: typing in the
    # next cell stored a row with one cell too many, and the table dropped the typed cell.
    text = '| a | b |\n|---|---|\n| [x](a\\|b "t\\|u") ![p\\|q](c\\|d) | c |\n'
    editor = answer_editor(text)
    assert reading(editor.editor.markdown()) == reading(text)
    assert type_after(editor, "\nc", "Z") == text.replace("| c |", "| cZ |")


def test_typing_in_a_link_in_a_table_without_outer_pipes_keeps_the_table(answer_editor):
    # Found by the table property: the editor writes the row with outer pipes and the address
    # percent-encoded, so the stored and shown rows have different numbers of pieces.
    text = '[x](a\\|b "t\\|u") | a\n--- | ---\na | a\n'
    editor = answer_editor(text)
    assert type_at(editor, 1, "a") == text.replace("[x]", "[ax]")


#: Cell words the editor spells differently from how they may be stored: escaped pipes (one, two or
#: three backslashes before them), backslashes, entities, the table's own escapes in code and bold.
CELL_WORD = st.sampled_from(
    [
        *("\\|", "\\\\|", "\\\\\\|", "\\\\\\\\|", "a\\|b", "**\\\\|**", "*\\|*", "`a\\|b`", "\\\\", "x\\\\y"),
        *("\\&", "&amp;", "&#124;", "&vert;", "&copy;", "\\*", "snake_case", "**a**b", "<i>"),
        *("![p\\|q](c\\|d)", '[x](a\\|b "t\\|u")', "[x](café)"),
    ]
)
#: How a stored table may be laid out: outer pipes or not, padded or not, delimiter row spellings.
TABLE_LAYOUT = st.sampled_from(
    [("| ", " | ", " |", "|---|---|"), ("|", "|", "|", "| :-- | --: |"), ("", " | ", "", "--- | ---"), ("| ", " | ", " |", "| --- | :---: |")]
)


@st.composite
def tables(draw) -> str:
    first, between, last, delimiter = draw(TABLE_LAYOUT)
    rows = []
    for _ in range(draw(st.integers(2, 3))):
        cells = [" ".join(draw(st.lists(st.one_of(WORD, CELL_WORD), min_size=1, max_size=3))) for _ in range(2)]
        rows.append(first + between.join(cells) + last)
    table = "\n".join([rows[0], delimiter, *rows[1:]])
    before = draw(st.sampled_from(["", "Our groups:\n\n"]))
    return before + table + "\n"


def _is_table(text: str) -> bool:
    """Whether ``text`` reads as a table (a cell ending in "\\" beside a "|" escapes that border)."""
    return any(token.type == "table_open" for token in commonmark.tokens(text))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=tables().filter(_is_table), data=st.data())
def test_typing_in_a_table_changes_only_what_was_typed(answer_editor, text, data):
    editor = answer_editor(text)
    plain = editor.editor.toPlainText()
    cells = [n for n in range(len(plain) + 1) if (n and plain[n - 1] != "\n") or (n < len(plain) and plain[n] != "\n")]
    at = data.draw(st.sampled_from(cells))  # in a cell, not on the empty line before the table
    typed = data.draw(WORD)
    stored = type_at(editor, at, typed)
    assert reading(stored) == reading(editor.editor.markdown())
    # A letter typed beside "**" before punctuation ("a**\\|**") is spelt as a character reference,
    # else the "**" would not open the bold.
    first, last = f"&#{ord(typed[0])};", f"&#{ord(typed[-1])};"
    spellings = {typed, first + typed[1:], typed[:-1] + last, first + typed[1:-1] + last if len(typed) > 1 else first}
    assert any(_only_typed_added(stored, text, spelt) for spelt in spellings), stored


def test_a_letter_typed_after_a_lone_star_escapes_only_that_star(answer_editor):
    """Found by the property above: "*a" in "5 *a 3 a **a*b**" would open emphasis, so the star is
    escaped; the rest of the paragraph keeps its stored "**a*b**" (it was all written anew)."""
    editor = answer_editor("aaaaa 5 * 3 a **a*b**\n")
    assert type_after(editor, "aaaaa 5 *", "a") == "aaaaa 5 \\*a 3 a **a*b**\n"


def test_typing_in_the_head_of_an_unpadded_table_with_a_titled_link_keeps_the_table_as_stored(answer_editor):
    """Found by the table property above: the words of the head row were paired with the wrong cells
    ("a" of the first cell with "a" of the second), so the whole table was written anew."""
    text = '|a|a [x](a\\|b "t\\|u")|\n| :-- | --: |\n|a|a|\n'
    editor = answer_editor(text)
    assert type_at(editor, 1, "b") == text.replace("|a|a [", "|ba|a [")  # at the start of the first cell


def test_typing_in_a_padded_cell_of_an_unpadded_table_stays_in_that_cells_link(answer_editor):
    """Found by the table property above: the editor pads its cells ("| [x](caf%C3%A9) … |"), and
    lining up its blanks with the stored ones put the typed letter in the wrong link."""
    text = '|[x](café) [x](a\\|b "t\\|u")|a|\n| :-- | --: |\n|a|a|\n'
    editor = answer_editor(text)
    assert type_at(editor, 1, "a") == text.replace("|[x](café)", "|[ax](café)")  # at the cell's start, in the link
