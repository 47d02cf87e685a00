"""Question headings in their many forms, and answers joined as CommonMark."""

from __future__ import annotations

import pytest

from tcdesk.importers.blocks import join_markdown, markdown_table, match_question
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
