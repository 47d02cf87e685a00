"""Header recognition: synonyms, any column order, odd wordings, user maps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tcdesk.importers.columns import (
    _PREFIXES,
    field_for_header,
    is_repeated_header,
    may_normalise_within,
    normalise,
    recognise_header,
)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Ref", "ref"),
        ("Actions", "action"),
        ("Aim", "action"),
        ("Objective", "action"),
        ("Tactics", "action"),
        ("Collaborators", "collaborators"),
        ("Owner", "owner"),
        ("Lead", "owner"),
        ("Success Measures & Impact", "success_measures"),
        ("Measures of Success", "success_measures"),
        ("How impact will be evidenced (projected dates)", "success_measures"),
        ("Status", "progress"),
        ("Progress update", "progress"),
        ("Reason", "explanation"),
        ("TCR", "talent"),
        ("TALENT recommendation(s)", "talent"),
        ("RAG Rating", "rag"),
        ("RAG status:", "rag"),
        ("Theme", "pillar"),
        ("Deadline", "due"),
        ("Timescale", "due"),
        ("Target date", "due"),
        ("Resources", "resourcing"),
        ("Carried from", "carried_from"),
    ],
)
def test_known_wordings_map_to_their_field(header: str, field: str) -> None:
    assert field_for_header(header) == field


def test_kent_header_is_recognised_with_every_column() -> None:
    header = recognise_header(["Ref", "Actions", "Collaborators", "Success Measures & Impact", "Status", "TCR", "RAG"])
    assert header is not None
    assert header.columns == {
        0: "ref", 1: "action", 2: "collaborators", 3: "success_measures", 4: "progress", 5: "talent", 6: "rag",
    }
    assert header.kind() == "previous"


def test_column_order_does_not_matter_and_unknown_columns_are_reported() -> None:
    header = recognise_header(["RAG Rating", "Notes to self", "Owner", "Aim", "Measures of Success", "Tactics"])
    assert header is not None
    assert header.columns == {0: "rag", 2: "owner", 3: "action", 4: "success_measures", 5: "action"}
    assert header.unmapped == ["Notes to self"]


def test_new_plan_columns_say_new() -> None:
    header = recognise_header(["Objective", "Actions", "Theme", "Deadline", "Owner"])
    assert header is not None and header.kind() == "new"


def test_a_rag_summary_table_is_not_an_action_table() -> None:
    assert recognise_header(["TC Pillar", "Number of Amber Actions", "Amber Ref", "Number of Red Actions"]) is None
    assert recognise_header(["Pillar", "Green", "Amber", "Red", "Total"]) is None


def test_user_map_names_an_odd_column_and_can_ignore_one() -> None:
    extra = {"What we will do": "action", "Ref": ""}
    header = recognise_header(["Ref", "What we will do", "Lead officer"], {**extra, "Lead officer": "owner"})
    assert header is not None
    assert header.columns == {1: "action", 2: "owner"}


_HEAD = ["Ref", "Action(s)", "Lead:", "Progress", "TALENT", "RAG"]


@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["", " ", ":", " (planned)", "(s)"]), st.text(max_size=5)),
                max_size=8))
def test_a_repeated_header_row_has_enough_cells_matching_their_header(picks: list[tuple[bool, str, str]]) -> None:
    # Each cell is its column's header written another way, or something else.
    cells = [(_HEAD[i % len(_HEAD)].upper() + extra if same else other) for i, (same, extra, other) in enumerate(picks)]
    header = recognise_header(_HEAD)
    assert header is not None
    matching = sum(1 for c, h in zip(cells, _HEAD, strict=False) if normalise(c) == normalise(h))
    assert is_repeated_header(cells, header) == (matching >= max(2, len(header.columns) - 1))


_LABEL_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["Sign-off", "Table of Contents", "declaration", "signatures", "Contents", "and", " ", "\u00a0",
                         "\t", "\n", ":", "::", "*", "?", ".", "-", "(s)", "(draft)", "’", "İ", "(", ")"]),
        st.text(max_size=6),
    ),
    max_size=8,
).map("".join)


@given(_LABEL_TEXT, st.integers(0, 30))
def test_the_quick_length_check_never_turns_away_text_that_normalises_short(text: str, limit: int) -> None:
    if len(normalise(text)) <= limit:
        assert may_normalise_within(text, limit)


@given(st.sampled_from(_PREFIXES), st.text(max_size=4), st.sampled_from(["", " ", "s", "(dec 2024)", "/ kpis", "-"]))
def test_a_header_is_compared_with_a_synonym_only_when_it_starts_with_it(prefix, before: str, after: str) -> None:
    word, _name, pattern = prefix
    for key in (word + after, before + word + after, normalise(word + after)):
        if pattern.match(key):
            assert key.startswith(word)  # field_for_header looks for the word first, the pattern then
