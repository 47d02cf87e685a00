"""Places of findings in the form's own words, for the findings panel and the text report."""

from __future__ import annotations

from tcdesk.model import Submission
from tcdesk.rules.finding import Location, Section
from tcdesk.rules.where import where


def test_a_span_in_an_answer_names_the_paragraph_and_quotes_the_words():
    text = "Our plan has 36 actions.\n\nOf them (14 Red, 36 Amber)\nwere late.\n\n- a list\n"
    sub = Submission(answers={"3": text})
    start = text.index("14 Red")
    assert where(Location(Section.QUESTION, question="3", start=start, end=start + 6), sub) == "Question 3, paragraph 2: “14 Red”"
    assert where(Location(Section.QUESTION, question="3")) == "Question 3"
    long = Location(Section.QUESTION, question="3", start=0, end=len(text))
    assert where(long, sub).endswith("…”") and len(where(long, sub)) < 80
    # Without the submission there is nothing to quote, but no bare offsets in programmer's terms.
    assert where(Location(Section.QUESTION, question="3", start=4, end=8)) == "Question 3, characters 5–8"


def test_plan_cover_and_signoff_places_use_the_forms_labels():
    assert where(Location(Section.PREVIOUS_PLAN, ref="V06", index=5, field="explanation")) == "Previous plan V06 · Explanation"
    assert where(Location(Section.NEW_PLAN, index=2, field="talent")) == "New plan, action 3 · TALENT"
    assert where(Location(Section.NEW_PLAN, field="pillar")) == "New plan · Pillar"
    assert where(Location(Section.COVER, field="organisation")) == "Cover · Organisation"
    assert where(Location(Section.COVER, field="leads[1].email")) == "Cover · Lead 2 · Email"
    assert where(Location(Section.SIGNOFF, field="leader.date")) == "Sign-off · Leader of the institution · Date"
