"""Rows to actions: continuation rows, separators, repeated headers, pillar rows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tcdesk.importers.columns import recognise_header
from tcdesk.importers.rows import (
    _PILLAR_PATTERNS,
    _PILLAR_WORDS,
    Cell,
    collect_records,
    may_name_pillar,
    pillar_from_text,
)
from tcdesk.model import Pillar

HEAD = ["Ref", "Actions", "Collaborators", "Status", "TCR", "RAG"]


def rows(*texts: list[str]) -> list[list[Cell]]:
    return [[Cell(t) for t in row] for row in texts]


def collect(body, head=HEAD, pillar=None):
    skipped = []
    records, last = collect_records(body, recognise_header(head), where="table 1", pillar=pillar, skipped=skipped)
    return records, skipped, last


def test_a_row_with_an_empty_first_cell_continues_the_previous_action() -> None:
    records, skipped, _ = collect(rows(
        ["V03", "Use social media to create wider", "Head of Technical Services, Technical Manager", "Due to", "", ""],
        ["", "social participation.", "(Technician Commitment)", "resource constraints.", "R11", ""],
        ["V04", "Hold a conference.", "IT", "Planned.", "R11", ""],
    ))
    assert [r.values["ref"] for r in records] == ["V03", "V04"]
    v03 = records[0].values
    assert v03["action"] == "Use social media to create wider social participation."
    assert v03["collaborators"] == "Head of Technical Services, Technical Manager (Technician Commitment)"
    assert v03["talent"] == "R11"
    assert skipped == []


def test_dash_rows_and_repeated_headers_are_dropped_and_reported() -> None:
    records, skipped, _ = collect(rows(
        ["S13", "Promote positive action.", "EDI Team", "Recruitment processes", "R4", ""],
        ["--", "--", "---", "--", "--", "--"],
        HEAD,
        ["", "", "", "include positive statements.", "", ""],
    ))
    assert len(records) == 1
    assert records[0].values["progress"] == "Recruitment processes include positive statements."
    assert [s.reason for s in skipped] == ["separator row (page break)", "repeated header row"]
    assert skipped[0].where == "table 1, row 3"


def test_a_first_cell_that_finishes_the_previous_ref_is_joined() -> None:
    records, _, _ = collect(rows(["R0", "Create awards.", "HR", "", "", ""], ["1", "Recognise staff.", "", "", "", ""]))
    assert len(records) == 1 and records[0].values["ref"] == "R01"


def test_full_width_pillar_rows_set_the_pillar_of_the_rows_below() -> None:
    head = ["Aim", "Owner", "Tactics", "Measures of Success", "RAG Rating"]
    body = [
        [Cell("VISIBILITY"), *[Cell(merged=True) for _ in range(4)]],
        [Cell("Raise the profile of technicians."), Cell("HoTS"), Cell("Newsletter."), Cell("Readers."), Cell("Green")],
        [Cell("RECOGNITION")] * 5,
        [Cell("Reward technicians."), Cell("HR"), Cell("Awards."), Cell("Winners."), Cell("", fill="FFC000")],
    ]
    records, _, last = collect(body, head)
    assert [r.pillar for r in records] == [Pillar.VISIBILITY, Pillar.RECOGNITION]
    assert records[0].values["action"] == "Raise the profile of technicians.\n\nNewsletter."
    assert records[1].fills["rag"] == "FFC000"
    assert last is Pillar.RECOGNITION


def test_without_refs_a_lower_case_first_cell_continues_an_unfinished_aim() -> None:
    head = ["Aim", "Owner", "Measures of Success"]
    records, _, _ = collect(rows(
        ["Establish a technician network across", "HoTS", "Members"],
        ["all faculties.", "", "recruited."],
        ["Publish a newsletter.", "Comms", "Issues."],
    ), head)
    assert [r.values["action"] for r in records] == ["Establish a technician network across all faculties.", "Publish a newsletter."]


def test_vertically_merged_ref_cells_continue_the_action() -> None:
    records, _, _ = collect([
        [Cell("C02"), Cell("Support managers."), Cell("HR"), Cell("Framework drafted."), Cell("R1"), Cell("Amber")],
        [Cell(merged=True), Cell(""), Cell(""), Cell("Pilot in 2025."), Cell(""), Cell(merged=True)],
    ])
    assert len(records) == 1
    assert records[0].values["progress"] == "Framework drafted.\n\nPilot in 2025."


def test_pillar_labels_are_recognised_only_as_short_labels() -> None:
    assert pillar_from_text("Career Development (C)") is Pillar.CAREER_DEVELOPMENT
    assert pillar_from_text("Pillar 4: Sustainability") is Pillar.SUSTAINABILITY
    assert pillar_from_text("development, outreach") is None
    assert pillar_from_text("Recognition of technicians through awards") is None


_PILLAR_TEXT = st.lists(
    st.one_of(
        st.sampled_from([w for words in _PILLAR_WORDS.values() for w in words]),
        st.sampled_from(["Pillar 2:", "Theme", "actions", "(V)", "V", "and", " ", "-", "#", "**", "\u00a0", "\t"]),
        st.text(max_size=6),
    ),
    max_size=5,
).map("".join)


@given(_PILLAR_TEXT, st.booleans())
def test_the_quick_check_before_the_pillar_patterns_never_turns_a_pillar_away(text: str, upper: bool) -> None:
    low = (text.upper() if upper else text).lower()
    if any(pattern.search(low) for _, pattern in _PILLAR_PATTERNS):
        assert may_name_pillar(low)
    label = " ".join(low.split()).strip(" :.#*")
    if len(label) > 1 and not may_name_pillar(label):  # a single letter is a pillar's initial
        assert pillar_from_text(text) is None
