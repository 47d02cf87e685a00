"""The answer editor's own CommonMark reader and writer: exact round trips, valid emphasis, no stray delimiters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from answer_helpers import shown_marks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tcdesk import interchange
from tcdesk.answer_blocks import keep_unchanged_blocks, top_level_blocks
from tcdesk.ui.markdown_document import markdown_html
from tcdesk.ui.rich_text_edit import RichTextEdit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _html(text: str) -> str:
    # Soft line breaks become spaces in the editor; that is the only spelling it does not keep.
    return re.sub(r"\s+", " ", markdown_html(text)).strip()


def _literal_delimiters(text: str) -> list[str]:
    """Text the exporters' parser prints as it is, containing an emphasis delimiter."""
    from tcdesk.commonmark import new_parser

    found = []
    for token in new_parser().parse(text):
        for child in token.children or []:
            if (
                child.type == "text"
                and re.search(r"(?<!\\)[*_]", child.content)
                and not re.search(r"\w[*_]\w", child.content)
            ):
                found.append(child.content)
    return found


@pytest.fixture
def box(qtbot):
    edit = RichTextEdit()
    qtbot.addWidget(edit)
    return edit


def _round_trip(box: RichTextEdit, text: str) -> str:
    box.set_markdown(text)
    return box.markdown()


@pytest.mark.parametrize("example", ["northmoor-clean.tcdesk.json", "northmoor-draft.tcdesk.json"])
def test_every_example_answer_reads_back_with_the_same_meaning_and_is_a_fixed_point(box, example):
    sub = interchange.read(EXAMPLES / example)
    for number, text in sub.answers.items():
        once = _round_trip(box, text)
        assert _html(once) == _html(text), f"question {number}"
        assert _round_trip(box, once) == once, f"question {number}"
        # Every block of the editor's spelling lines up with a block of the stored text.
        assert len(top_level_blocks(once)) == len(top_level_blocks(text)), f"question {number}"


STRUCTURE = """# Heading *it*

Para **bold** *em* ***both*** `code` [a *link*](https://example.ac.uk "Title") un**believ**able\\
after a hard break 5 \\* 3 a\\_b & \\&amp; \\<b> x|y

- one
  - nested
    1. deep
- two

3. three
4. four

> quoted **q**
>
> - in a quote

```py
code  kept
  exactly
```

| left | centre | right | none |
| :--- | :---: | ---: | --- |
| 1 | **2** | 3 | a \\| b |

![A figure](attachment:fig.png "Caption")

---

* loose

* list
"""


def test_the_writer_keeps_structure_alignment_and_breaks_exactly(box):
    assert _round_trip(box, STRUCTURE) == STRUCTURE


def test_no_line_is_ever_wrapped(box):
    long = " ".join(f"word{i} **bold{i}**" for i in range(200)) + "\n"
    assert _round_trip(box, long) == long


def _type_with_keys(qtbot, box: RichTextEdit, *steps: str) -> None:
    """Type ``steps``; ``"^B"`` and ``"^I"`` press Ctrl+B / Ctrl+I (the Format commands)."""
    for step in steps:
        if step == "^B":
            box.toggle_bold()
        elif step == "^I":
            box.toggle_italic()
        else:
            qtbot.keyClicks(box, step)


@pytest.mark.parametrize(
    ("steps", "stored"),
    [
        (
            ("We ran ", "^B", "three listening sessions", "^B", " this year"),
            "We ran **three listening sessions** this year\n",
        ),
        (("^B", "three listening ", "^B", "sessions"), "**three listening** sessions\n"),
        (("We ran", "^I", " three", "^I", " sessions"), "We ran *three* sessions\n"),
        (("un", "^B", "believ", "^B", "able"), "un**believ**able\n"),
        # "a**.b**" reads as it is: "a" spelt as a character reference puts ";" beside the "**".
        (("a", "^B", ".b", "^B", " c"), "&#97;**.b** c\n"),
        (("(", "^B", "14 Red, ", "^B", "36 Amber"), "(**14 Red,** 36 Amber\n"),
    ],
)
def test_bold_and_italic_typed_with_keys_store_valid_commonmark(qtbot, box, steps, stored):
    box.show()
    box.setFocus()
    _type_with_keys(qtbot, box, *steps)
    text = box.markdown()
    assert text == stored
    assert _literal_delimiters(text) == []


def test_toggling_on_a_selection_that_starts_and_ends_in_blanks_moves_the_blanks_outside(qtbot, box):
    box.set_markdown("one two three four\n")
    cursor = box.textCursor()
    cursor.setPosition(3)
    cursor.setPosition(14, QTextCursor.MoveMode.KeepAnchor)  # " two three "
    box.setTextCursor(cursor)
    box.toggle_bold()
    assert box.markdown() == "one **two three** four\n"
    cursor.setPosition(5)
    cursor.setPosition(6, QTextCursor.MoveMode.KeepAnchor)  # mid-word italic inside bold
    box.setTextCursor(cursor)
    box.toggle_italic()
    text = box.markdown()
    assert _literal_delimiters(text) == []
    assert _html(text) == _html("one **t*w*o three** four")


# --- Hypothesis: Markdown → real widget → Markdown ------------------------------------------------

_WORD = st.text(alphabet=st.sampled_from("abcxyzAZ019éß.,;:!?()'\"-*_&#<>[]\\|`~"), min_size=1, max_size=8)


@st.composite
def _inline(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        word = draw(_WORD)
        escaped = re.sub(r"([\\`*_\[\]<>|&#~!-])", r"\\\1", word)
        style = draw(st.sampled_from(["", "", "**", "*", "`", "link"]))
        if style == "`":
            parts.append("`" + word.replace("`", "'") + "`")
        elif style == "link":
            parts.append(f"[{escaped}](https://example.ac.uk/{draw(st.integers(0, 9))})")
        else:
            parts.append(f"{style}{escaped}{style}" if style else escaped)
    return " ".join(parts)


@st.composite
def _document(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["p", "p", "h", "ul", "ol", "quote", "table", "code", "indented", "break"]))
        if kind == "p":
            blocks.append(draw(_inline()))
        elif kind == "break":
            blocks.append(draw(_inline()) + "\\\n" + draw(_inline()))
        elif kind == "h":
            blocks.append("#" * draw(st.integers(1, 3)) + " " + draw(_inline()))
        elif kind == "ul":
            items = draw(st.lists(_inline(), min_size=1, max_size=3))
            nested = draw(st.booleans())
            blocks.append("\n".join(f"- {t}" for t in items) + ("\n  - nested " + draw(_inline()) if nested else ""))
        elif kind == "ol":
            start = draw(st.integers(1, 20))
            items = draw(st.lists(_inline(), min_size=1, max_size=3))
            blocks.append("\n".join(f"{start + n}. {t}" for n, t in enumerate(items)))
        elif kind == "quote":
            blocks.append("> " + draw(_inline()))
        elif kind == "indented" and not (blocks and re.match(r"(-|\d+\.) ", blocks[-1])):  # not in a list item
            lines = draw(st.lists(st.text(alphabet="ab *_`", min_size=1, max_size=8).filter(str.strip), min_size=1, max_size=3))
            blocks.append("\n".join("    " + line for line in lines))
        elif kind == "code":
            blocks.append("```\n" + draw(st.text(alphabet="ab *_\n", max_size=20)).strip("\n") + "\n```")
        else:
            columns = draw(st.integers(1, 3))
            aligns = [draw(st.sampled_from(["---", ":---", ":---:", "---:"])) for _ in range(columns)]
            rows = [
                [draw(_inline()).replace("|", "\\|") for _ in range(columns)] for _ in range(draw(st.integers(1, 3)))
            ]
            blocks.append("\n".join("| " + " | ".join(r) + " |" for r in [rows[0], aligns, *rows[1:]]))
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_document())
def test_markdown_through_the_editor_is_a_fixed_point_with_the_same_html(box, text):
    once = _round_trip(box, text)
    assert _html(once) == _html(text)
    assert _round_trip(box, once) == once
    assert _literal_delimiters(once) == _literal_delimiters(text)


# --- the answer editor writes back only what the user changed -------------------------------------

ANSWER = "Our *forums*\nmeet monthly (14 Red,\n**36 Amber** & 21 Green).\n\n* first\n* second\n\n| Group | Size |\n|:--|--:|\n| Forum | 40 |\n"


def test_viewing_and_leaving_an_answer_writes_nothing_and_pushes_no_undo_step(qtbot, answer_editor):
    editor = answer_editor(ANSWER)
    editor.editor.setFocus()
    qtbot.keyClick(editor.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    editor.editor.toggle_bold()  # only the typing format: nothing typed
    editor.commit()
    editor._on_focus_lost()
    assert editor._controller.submission().answers["3"] == ANSWER
    assert editor._controller.undo_stack.count() == 0


def test_an_edit_changes_only_the_edited_block(qtbot, answer_editor):
    editor = answer_editor(ANSWER)
    cursor = editor.editor.textCursor()
    table = editor.editor.document().rootFrame().childFrames()[0]
    cursor = table.cellAt(1, 1).lastCursorPosition()
    editor.editor.setTextCursor(cursor)
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "0")
    editor.commit()
    stored = editor._controller.submission().answers["3"]
    assert stored == ANSWER.replace("| Forum | 40 |", "| Forum | 400 |")  # even the table keeps its spelling
    assert editor._controller.undo_stack.undoText() == "Edit answer 3"


def test_typing_into_a_paragraph_keeps_the_list_and_table_as_stored(qtbot, answer_editor):
    editor = answer_editor(ANSWER)
    cursor = editor.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    editor.editor.setTextCursor(cursor)
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "All ")
    editor.commit()
    stored = editor._controller.submission().answers["3"]
    assert stored == "All " + ANSWER
    assert _literal_delimiters(stored) == []


def test_keep_unchanged_blocks_returns_the_stored_bytes_when_nothing_changed():
    stored = "* a\n* b\n\nwrapped\nparagraph"
    assert keep_unchanged_blocks(stored, "- a\n- b\n\nwrapped paragraph\n", "- a\n- b\n\nwrapped paragraph\n") == stored
    assert keep_unchanged_blocks(stored, "- a\n- b\n\nwrapped paragraph\n", "- a\n- b\n\nnew\n") == "* a\n* b\n\nnew"


def test_typing_in_a_long_answer_changes_that_paragraph_only(qtbot, answer_editor):
    from synthetic import make_synthetic

    text = make_synthetic(20, answer_words=2000).answers["1"]
    editor = answer_editor(text)
    assert len(editor._loaded) == len(top_level_blocks(text))  # every stored block lines up
    cursor = editor.editor.textCursor()
    cursor.setPosition(editor.editor.document().findBlockByNumber(1).position())  # the first paragraph
    editor.editor.setTextCursor(cursor)
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "Also: ")
    editor.commit()
    stored = editor._controller.submission().answers["3"]
    before, after = top_level_blocks(text), top_level_blocks(stored)
    assert [b.text for b in after[2:]] == [b.text for b in before[2:]]
    assert after[1].text.startswith("Also: ") and stored.count("\n") == text.count("\n")


def test_text_typed_on_a_rules_line_is_stored_above_the_rule_as_the_editor_draws_it(answer_editor):
    editor = answer_editor("Before.\n\n---\n\nAfter.\n")
    cursor = editor.editor.textCursor()
    cursor.setPosition(editor.editor.document().findBlockByNumber(1).position())  # the rule's line
    editor.editor.setTextCursor(cursor)
    editor.editor.insertPlainText("Typed on the rule")
    editor.commit()
    assert editor._controller.submission().answers["3"] == "Before.\n\nTyped on the rule\n\n---\n\nAfter.\n"


@pytest.mark.parametrize(
    "text",
    [
        "- one\n\n  ```py\n  code\n      indented\n\n  after a blank line\n  ```\n- two\n",
        "1. one\n\n   ```\n   a\n   ```\n\n   more of one\n2. two\n",
        "- ```\n  code first\n  ```\n- two\n",
        "- one\n\n  ## a heading in the item\n- two\n",
        "- one\n\n  ---\n- two\n",
        "- one\n  > quoted in the item\n- two\n",
        "1. one\n\n   > q1\n   >\n   > q2\n\n   after\n2. two\n",
        "> - in a quote\n>   > quoted in that item\n",
        "- one\n  ```\n  tight\n  ```\n- two\n",
        "> | Group | Size |\n> |---|---:|\n> | Forum | 40 |\n\nafter\n",
        "> before\n>\n> | Group | Size |\n> |---|---|\n> | Forum | 40 |\n>\n> after\n",
        "* Forums\n\n  | Group | Size |\n  |---|---|\n  | Forum | 40 |\n* next\n",
        "1. x\n\n   > ```py\n   > code *x*\n   >   indented\n   > ```\n2. y\n",
    ],
)
def test_code_headings_rules_quotes_and_tables_inside_list_items_and_quotes_keep_their_shape(box, text):
    once = _round_trip(box, text)
    assert _html(once) == _html(text)
    assert _round_trip(box, once) == once


def test_bold_overlapping_italic_keeps_every_italic_as_shown(qtbot, box):
    # Ctrl+B over "forums met mon" of an italic "monthly": the runs overlap, which "*" alone cannot
    # write; the italic of "mon" (and of the untouched "Important") was dropped.
    box.set_markdown("***Important*** note. Our forums met *monthly*.\n")
    plain = box.toPlainText()
    cursor = box.textCursor()
    cursor.setPosition(plain.index("forums"))
    cursor.setPosition(plain.index("thly"), QTextCursor.MoveMode.KeepAnchor)
    box.setTextCursor(cursor)
    box.toggle_bold()
    shown = shown_marks(box)
    stored = box.markdown()
    assert _literal_delimiters(stored) == []
    assert shown_marks(_box_with(qtbot, stored)) == shown


def _box_with(qtbot, text: str) -> RichTextEdit:
    other = RichTextEdit()
    qtbot.addWidget(other)
    other.set_markdown(text)
    return other


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.sampled_from(
        [
            "***Important*** note. Our forums (14 Red, 36 Amber) met *monthly*.\n",
            "**Bold** then _em_ and `code` [a *link*](https://example.ac.uk) end; snake_case a*b 5 * 3.\n",
            "Prices: £5, 10% & more… (see p.3) — “quoted” **text!**\n",
        ]
    ),
    toggles=st.lists(st.tuples(st.booleans(), st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=3),
)
def test_ctrl_b_and_ctrl_i_never_change_the_emphasis_of_characters_they_did_not_touch(qtbot, box, text, toggles):
    box.set_markdown(text)
    loaded = shown_marks(box)
    plain = box.toPlainText()
    # Whole words are selected here; tests/ui/test_emphasis_round_trip.py selects any range.
    edges = [
        0,
        len(plain),
        *(n for n, ch in enumerate(plain) if ch == " "),
        *(n + 1 for n, ch in enumerate(plain) if ch == " "),
    ]
    for bold, a, b in toggles:
        cursor = box.textCursor()
        cursor.setPosition(sorted(edges)[round(min(a, b) * (len(edges) - 1))])
        cursor.setPosition(sorted(edges)[round(max(a, b) * (len(edges) - 1))], QTextCursor.MoveMode.KeepAnchor)
        box.setTextCursor(cursor)
        box.toggle_bold() if bold else box.toggle_italic()
    shown = shown_marks(box)
    stored = box.markdown()
    reread = _box_with(qtbot, stored)
    again = shown_marks(reread)
    assert reread.toPlainText() == box.toPlainText()  # no delimiter turned into text
    untouched = [k for k in range(len(shown)) if loaded[k] == shown[k] and not shown[k][0].isspace()]
    assert [shown[k] for k in untouched if again[k] != shown[k]] == []


def test_stored_line_and_paragraph_separator_characters_are_kept_as_characters(qtbot, answer_editor):
    # U+2028 and U+2029 (from a PDF or a web page) are text to CommonMark; Qt takes them for a line
    # break and a new paragraph, which an edit of the paragraph then stored in their place.
    text = "Our forums\u2028meet monthly\u2029in every faculty.\n"
    editor = answer_editor(text)
    assert editor.editor.markdown() == text
    cursor = editor.editor.textCursor()
    cursor.setPosition(editor.editor.toPlainText().index("monthly") + len("monthly"))
    editor.editor.setTextCursor(cursor)
    editor.editor.insertPlainText(" or more")
    editor.commit()
    assert editor._controller.submission().answers["3"] == text.replace("monthly", "monthly or more")


def test_shift_enter_after_a_stored_separator_character_is_a_hard_break(qtbot, answer_editor):
    editor = answer_editor("one\u2028two\n")
    editor.editor.setFocus()
    cursor = editor.editor.textCursor()
    cursor.setPosition(len("one\u2028"))
    editor.editor.setTextCursor(cursor)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor.editor, "new")
    editor.commit()
    assert editor._controller.submission().answers["3"] == "one\u2028\\\nnewtwo\n"
