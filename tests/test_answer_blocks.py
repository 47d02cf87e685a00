"""An edit inside a block is carried into the user's own spelling of that block (Qt-free part)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk.answer_blocks import carry_edit, keep_unchanged_blocks, reading

WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


def _editor_spelling(stored: str) -> str:
    """How the editor writes the blocks these tests store: ``-`` bullets, one line per paragraph."""
    blocks = []
    for block in stored.split("\n\n"):
        if block.startswith(("* ", "+ ")):
            blocks.append("\n".join("- " + line[2:] for line in block.split("\n")))
        else:
            blocks.append(block.replace("\n", " "))
    return "\n\n".join(blocks)


@st.composite
def stored_answers(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()) and not (blocks and blocks[-1][:2] in ("* ", "+ ")):  # two lists in a row read as one
            mark = draw(st.sampled_from("*+"))
            items = draw(st.lists(st.lists(WORD, min_size=1, max_size=4), min_size=1, max_size=4))
            blocks.append("\n".join(f"{mark} " + " ".join(words) for words in items))
        else:
            lines = draw(st.lists(st.lists(WORD, min_size=1, max_size=4), min_size=1, max_size=4))
            blocks.append("\n".join(" ".join(words) for words in lines))
    return "\n\n".join(blocks)


@settings(max_examples=300, deadline=None)
@given(stored=stored_answers(), data=st.data())
def test_typing_a_word_keeps_every_bullet_and_line_end_as_stored(stored, data):
    before = _editor_spelling(stored)
    # A word typed at a word boundary of the editor's text, as a user types between words.
    gaps = [n for n, ch in enumerate(before) if ch == " " and before[n - 1] not in "-*+"]
    at = data.draw(st.sampled_from(gaps)) if gaps else len(before)
    word = data.draw(WORD)
    after = before[:at] + " " + word + before[at:]
    kept = keep_unchanged_blocks(stored, before + "\n", after + "\n")
    assert reading(kept) == reading(after)
    # Taking the typed word out again gives back the stored bytes: no bullet or line end was respelt.
    # (Which of the spaces around it came with the word is for the diff to choose.)
    assert any(
        kept[:n] + kept[n + len(word) + 1 :] == stored or kept[: n - 1] + kept[n + len(word) :] == stored
        for n in range(len(kept))
        if kept.startswith(word, n)
    )


@settings(max_examples=300, deadline=None)
@given(stored=stored_answers(), data=st.data())
def test_any_edit_reads_as_the_editor_shows_it(stored, data):
    before = _editor_spelling(stored)
    start = data.draw(st.integers(0, len(before)))
    end = data.draw(st.integers(start, len(before)))
    typed = data.draw(st.text(alphabet="ab *-\n", max_size=5))
    after = before[:start] + typed + before[end:]
    assert reading(keep_unchanged_blocks(stored, before + "\n", after + "\n")) == reading(after + "\n")


def test_an_edited_list_item_keeps_the_lists_bullets():
    assert carry_edit("* first\n* second", "- first\n- second", "- first\n- second one") == "* first\n* second one"


def test_an_edited_wrapped_paragraph_keeps_its_line_ends():
    stored = "Our forums meet\nmonthly across\nall faculties."
    edited = carry_edit(
        stored, "Our forums meet monthly across all faculties.", "Our forums meet monthly across all six faculties."
    )
    assert edited == "Our forums meet\nmonthly across\nall six faculties."


def test_an_edit_that_would_read_differently_in_the_stored_spelling_is_written_as_the_editor_shows_it():
    # A new "3." item after "2)" items would start a second list in the stored spelling.
    assert carry_edit("1) one\n2) two", "1. one\n2. two", "1. one\n2. two\n3. three") == "1. one\n2. two\n3. three"


def test_an_edit_inside_a_word_the_spellings_write_differently_keeps_the_stored_spelling():
    # The editor escapes an intraword underscore and a literal star, writes "&" for "&amp;" and a
    # backslash for a two-space hard break; typing next to them changes only what was typed.
    assert carry_edit("snake_case", "snake\\_case", "snake\\_cases") == "snake_cases"
    assert carry_edit("**a*b**", "**a\\*b**", "**aQ\\*b**") == "**aQ*b**"
    assert carry_edit("&amp; &copy; x", "& © x", "Q& © x") == "Q&amp; &copy; x"
    assert (
        carry_edit("line one  \nline two", "line one\\\nline two", "line oQne\\\nline two") == "line oQne  \nline two"
    )
    # An escape the edit made needless stays as the user wrote it.
    assert carry_edit("1986\\. A year", "1986\\. A year", "198Q6. A year") == "198Q6\\. A year"
    assert carry_edit("&#35; x", "\\# x", "a# x") == "a&#35; x"
    assert carry_edit("a _under_score_ b", "a *under\\_score* b", "a *undQer\\_score* b") == "a _undQer_score_ b"


def test_typing_a_star_over_an_underscore_changes_only_those_characters():
    # "_" typed over "*" (or the reverse) is a change although "_" and "*" spell the same emphasis:
    # only the replaced characters change, not the whole line into the editor's spelling.
    assert carry_edit("a\\_b a snake_case", "a\\_b a snake\\_case", "\\*b a snake\\_case") == "\\*b a snake_case"
    assert carry_edit("aa\n5 * 3 snake_case", "aa 5 \\* 3 snake\\_case", "aa 5\\_ 3 snake\\_case") == "aa\n5\\_ 3 snake_case"


def test_an_edit_that_cannot_be_placed_in_the_stored_spelling_is_written_as_the_editor_shows_it():
    # "[x][r]" is a reference link in the stored text; the editor writes the link inline.
    after = "see [x](https://b.example)"
    assert carry_edit("see [x][r]", "see [x](https://a.example)", after) == after


def test_an_edit_in_a_table_keeps_the_stored_spelling_of_its_other_cells():
    # "\\|" in a row is a pipe: the table takes the "\" before "|" away, and "\|" is then read.
    stored = "| a | b |\n|---|---|\n| **\\\\|** | x \\& y |"
    before = "| a | b |\n| --- | --- |\n| **\\|** | x & y |"
    assert carry_edit(stored, before, before.replace("\\|**", "\\|Q**")) == stored.replace("\\\\|**", "\\\\|Q**")
    # A row without blanks or outer pipes: its cell borders still line up with the editor's.
    stored = "\\||a\n--|--\nb|c"
    before = "| \\| | a |\n| --- | --- |\n| b | c |"
    assert carry_edit(stored, before, before.replace("| a |", "| aQ |")) == stored.replace("|a", "|aQ")


def test_typing_in_a_link_keeps_the_stored_spelling_of_its_address():
    # The editor writes the address percent-encoded, as the parser hands it over.
    assert carry_edit("[x](café) y", "[x](caf%C3%A9) y", "[xQ](caf%C3%A9) y") == "[xQ](café) y"


def test_typing_in_a_link_in_an_unpadded_table_keeps_the_table_as_stored():
    """Found by the table property: the editor pads the cells and percent-encodes the address, so
    the stored and shown pieces differ in number; the words still line up one for one."""
    stored = '|[x](a\\|b "t\\|u")|a|\n| :-- | --: |\n|a|a|\n'
    before = '| [x](a%7Cb "t\\|u") | a |\n| :--- | ---: |\n| a | a |\n'
    after = '| [ax](a%7Cb "t\\|u") | a |\n| :--- | ---: |\n| a | a |\n'
    assert carry_edit(stored, before, after) == '|[ax](a\\|b "t\\|u")|a|\n| :-- | --: |\n|a|a|\n'


def test_typing_in_a_link_in_a_table_without_outer_pipes_keeps_the_table_as_stored():
    """Found by the table property: the editor adds the outer pipes, so a border stands where the
    stored row starts with its first word; the words still line up one for one."""
    stored = '[x](a\\|b "t\\|u") | a\n--- | ---\na | a\n'
    before = '| [x](a%7Cb "t\\|u") | a |\n| --- | --- |\n| a | a |\n'
    after = '| [ax](a%7Cb "t\\|u") | a |\n| --- | --- |\n| a | a |\n'
    assert carry_edit(stored, before, after) == '[ax](a\\|b "t\\|u") | a\n--- | ---\na | a\n'


TABLE_LINE = st.text(alphabet="ab|\\`*_ -:>#1.[]()\t", max_size=14)


@st.composite
def tables(draw) -> tuple[list[str], int, str]:
    """A table's lines (as typed, so also lines that end it or are no table at all), a body row and a new text for it."""
    columns = draw(st.integers(1, 3))
    header = draw(st.sampled_from(["| " + " | ".join("ab"[: 1 + c % 2] for c in range(columns)) + " |",
                                   " | ".join("a" * (c + 1) for c in range(columns)), draw(TABLE_LINE)]))
    delimiters = draw(st.sampled_from(["|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(columns)) + "|",
                                       " --- |" * columns, draw(TABLE_LINE)]))
    rows = draw(st.lists(st.one_of(TABLE_LINE, st.sampled_from(["| a | b |", "a|b", "|x\\|y|", ""])), min_size=1, max_size=12))
    row = draw(st.integers(0, len(rows) - 1))
    return [header, delimiters, *rows], row + 2, draw(TABLE_LINE)


@settings(max_examples=400, deadline=None)
@given(table=tables())
def test_a_table_read_row_by_row_reads_as_read_whole(table):
    """The write-back's check of an edit in a table reads the rows not read before (see answer_blocks._table_reading)."""
    from tcdesk import answer_blocks

    lines, row, typed = table
    answer_blocks._ROWS.clear()
    text = "\n".join(lines)
    assert answer_blocks._table_reading(text) == reading(text)  # the whole table parsed, its rows kept
    edited = "\n".join([*lines[:row], typed, *lines[row + 1 :]])
    assert answer_blocks._table_reading(edited) == reading(edited)  # the typed-in row read by itself
    assert answer_blocks._table_reading(text) == reading(text)


def test_typing_in_a_long_table_reads_only_the_row_typed_in(monkeypatch):
    from tcdesk import commonmark

    rows = [f"| Technician {n} | Faculty _{n}_ | {n} |" for n in range(80)]
    stored = "\n".join(["| Role | Team | Count |", "|---|---|---:|", *rows])
    before = stored.replace("|---|---|---:|", "| --- | --- | ---: |").replace("_", "*")
    after = before.replace("Technician 40 |", "Technician 40x |")
    carry_edit(stored, before, before.replace("Technician 3 |", "Technician 3y |"))  # the first edit reads it all
    parsed: list[str] = []
    real = commonmark.tokens
    monkeypatch.setattr(commonmark, "tokens", lambda text: parsed.append(text) or real(text))
    assert carry_edit(stored, before, after) == stored.replace("Technician 40 |", "Technician 40x |")
    assert parsed and all(text.count("\n") <= 2 for text in parsed)  # the head, or the head and one row


def test_an_empty_list_item_typed_after_a_list_is_not_merged_into_it():
    """Found by the property above: "*" alone on a line is a list item too; stored beside "* a" it
    joined that list, so the answer read differently from what the editor showed."""
    kept = keep_unchanged_blocks("* a\n\na", "- a\n\na\n", "- a\n*\n*\na\n")
    assert reading(kept) == reading("- a\n*\n*\na\n")
