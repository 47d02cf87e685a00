"""Question headings in their many forms, and answers joined as CommonMark."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tcdesk.importers.blocks import (
    _LEAST,
    _PROBE,
    TOC,
    _form,
    _named,
    _norm,
    contents_page,
    join_markdown,
    markdown_table,
    match_question,
    may_name_question,
    may_start_question,
)
from tcdesk.importers.rows import Cell
from tcdesk.template import load_template


@pytest.mark.parametrize(
    "heading",
    [
        "3. Please provide a Red, Amber, Green (RAG) analysis on your institutional 36-month action plan",
        "Please provide a Red, Amber, Green (RAG) analysis on your institutional 36-month action plan indicating",
        "Question 3. RAG analysis of the previous action plan",
        "Question 3",
        "**3.** Please provide a Red, Amber, Green (RAG) analysis on your institutional 36-month action plan",
    ],
)
def test_question_headings_are_recognised(heading: str) -> None:
    assert match_question(heading, load_template()) == "3"


def test_ordinary_sentences_are_not_question_headings() -> None:
    assert match_question("Please provide feedback to the working group.", load_template()) is None
    assert match_question("3. Our plan", load_template()) is None


def test_list_items_are_joined_and_numbered_in_order() -> None:
    parts = [("Intro.", ""), ("- a", "bullet"), ("- b", "bullet"), ("1. x", "number"), ("1. y", "number"),
             ("   1. nested", "number"), ("After.", "")]
    assert join_markdown(parts) == "Intro.\n\n- a\n- b\n\n1. x\n2. y\n   1. nested\n\nAfter."


def test_tables_become_pipe_tables_with_escaped_bars() -> None:
    rows = [[Cell("**Faculty**"), Cell("Staff")], [Cell("Arts | Design"), Cell("12")]]
    assert markdown_table(rows) == "| Faculty | Staff |\n|---|---|\n| Arts \\| Design | 12 |"


def test_free_form_section_headings_name_their_question() -> None:
    assert match_question("Section One: Technical staff structures", load_template()) == "1"
    assert match_question("Section 7 – The technician voice", load_template()) == "7"
    assert match_question("Technical staff structures", load_template()) is None  # an answer's own heading


# Texts near question headings: labels, numbers (figures and words), pieces of the questions' own
# wordings and short titles, markup and contents-page endings, mixed with anything at all.
def _heading_pieces() -> st.SearchStrategy[str]:
    template = load_template()
    wordings = [q.text for q in template.questions] + [q.short for q in template.questions]
    pieces = st.sampled_from([*wordings, "Question", "Section", "PART", "one", "Three", "eight", "3.", "12)", " ",
                              "**", "_", "<", ">", "https://example.org/x", "(", ")", "–", "\u00a0", "…… 7", ":"])
    # Cut anywhere, and often just around the lengths the matcher's rules turn on.
    near = [n + d for n in (_LEAST, _PROBE) for d in (-1, 0, 1, 2)]
    cut = st.tuples(st.sampled_from(wordings), st.integers(0, 80) | st.sampled_from(near)).map(lambda w: w[0][: w[1]])
    marks = st.text(alphabet=" \t\u00a0\n*_`#>[]()<", max_size=3)  # before the words, often
    body = cut | st.lists(st.one_of(pieces, cut, st.text(max_size=8)), max_size=6).map("".join)
    return st.tuples(marks, body).map("".join)


@given(_heading_pieces())
@settings(max_examples=400)
@example("> Question 3")
@example("**Question 3**")
@example("# 3. RAG")
@example("[Question 3](#q3)")
@example("`Question 3`")
@example("_Question 3_")
@example("\u00a0\tQuestion 3")
@example("(https://x) Question 3")
def test_the_quick_check_before_question_matching_never_turns_a_heading_away(text: str) -> None:
    # match_question first asks may_start_question about the raw text, then may_name_question about the
    # normalised text; the full comparison (_named) must find nothing in whatever they turn away.
    form = _form(load_template().questions)
    t = _norm(text)
    if t and not may_name_question(t, form.starts):
        assert _named(t, form.wordings) is None
    if t and may_name_question(t, form.starts):  # the check on the raw text comes first
        assert may_start_question(text, form.initials)
    assert match_question(text, load_template()) == (_named(t, form.wordings) if t else None)


@given(st.lists(st.one_of(st.sampled_from(["Question 1. Overview", "..", "...", "…", " ", "  ", "\t", "7", "12", "x"]),
                          st.text(max_size=5)), max_size=6).map("".join))
def test_contents_page_numbers_are_found_as_a_full_search_finds_them(text: str) -> None:
    found, searched = contents_page(text), TOC.search(text)
    assert (found and found.span()) == (searched and searched.span())
