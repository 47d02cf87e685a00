"""A free-form submission (sections in words, no question numbers, one plan table for all pillars)
imports section by section, as DOCX and as the PDF LibreOffice makes of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tcdesk.importers.form_fields import leads_from_text, webpage_from_text
from tcdesk.importers.sections import by_title
from tcdesk.model import Lead, rag_counts
from tcdesk.session import Session
from tcdesk.template import load_template
from tests.importers.freeform import (
    ACTIONS_PER_PILLAR,
    LEAD,
    SECTIONS,
    UNMATCHED,
    UNMATCHED_TEXT,
    WEBPAGE,
    build_docx,
    build_pdf,
)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("freeform")
    docx = build_docx(folder / "eastmoor.docx")
    return {"docx": docx, "pdf": build_pdf(docx, folder)}


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_every_section_lands_in_its_question(kind, documents, pm):
    result = Session(pm=pm).import_file(documents[kind])
    sub, report = result.submission, result.report
    for heading, number, sentence in SECTIONS:
        assert sentence in sub.answers[number], (heading, number)
        others = [n for n in sub.answers if n != number and sentence in sub.answers[n]]
        assert not others, (heading, others)
    assert [(s.heading, s.question) for s in report.sections] == [
        *((h, n) for h, n, _ in SECTIONS), (UNMATCHED, None)
    ]
    assert not any(UNMATCHED_TEXT in text for text in sub.answers.values())
    assert any(UNMATCHED in s.where and "matched no question" in s.reason for s in report.skipped)
    assert any(UNMATCHED in line and "no question" in line for line in report.summary_lines())


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_actions_per_pillar_are_exact_and_no_rag_is_invented(kind, documents, pm):
    sub = Session(pm=pm).import_file(documents[kind]).submission
    counts = rag_counts(sub.previous_plan)
    assert {p: c.total for p, c in counts.items()} == ACTIONS_PER_PILLAR
    assert all(a.rag is None for a in sub.previous_plan.actions)  # the RAG column is empty
    assert sub.new_plan.actions == []
    celebrate = next(a for a in sub.previous_plan.actions if a.action.startswith("Celebrate"))
    # The continuation row's first cell finishes the row above, in its own column.
    assert celebrate.action.startswith("Celebrate technicians at open days and in the university's annual review")
    assert "Stands at open days and in the annual review" in celebrate.action


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_lead_email_and_webpage_from_running_text(kind, documents, pm):
    sub = Session(pm=pm).import_file(documents[kind]).submission
    assert sub.leads == [Lead(*LEAD)]
    assert sub.webpage_url == WEBPAGE


def test_a_section_can_be_given_another_question_or_left_out(documents, pm):
    result = Session(pm=pm).import_file(documents["docx"], {"section:9": "7", "section:3": ""})
    sub = result.submission
    assert UNMATCHED_TEXT in sub.answers["7"] and "Most of our previous actions" not in sub.answers["3"]
    assert sub.previous_plan.actions == []  # the left-out section's table went with it
    assert result.report.sections[8].how == "chosen" and result.report.sections[2].question is None


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("RAG Analysis", "3"),
        ("governance and leadership", "2"),
        ("Evidence of impact", "4"),
        ("TALENT Commission", "5"),
        ("The technician voice", "7"),
        ("Our webpage", "8"),
        ("Acknowledgements", None),
        ("Glossary of terms", None),
    ],
)
def test_titles_go_to_the_most_similar_question(title, number):
    assert by_title(title, load_template()) == number


@pytest.mark.parametrize(
    ("text", "leads"),
    [
        ("Institutional Leads: Dr Jane Roe (Head of Technical Services) and Sam Lee (Technical Manager)",
         [Lead("Dr Jane Roe", "Head of Technical Services"), Lead("Sam Lee", "Technical Manager")]),
        ("The Institutional Lead is Phil Marsh, Head of Technical Services",
         [Lead("Phil Marsh", "Head of Technical Services")]),
        ("Institutional lead: Dr A. Bell, Director of Research and Innovation, a.bell@x.ac.uk",
         [Lead("Dr A. Bell", "Director of Research and Innovation", "a.bell@x.ac.uk")]),
        ("institutional leads are important to us", []),
        ("Our technicians lead institutional change.", []),
    ],
)
def test_leads_from_running_text(text, leads):
    assert leads_from_text(text) == leads


def test_webpage_from_running_text():
    assert webpage_from_text("It is on our website at <https://x.ac.uk/tc>.") == "https://x.ac.uk/tc"
    assert webpage_from_text("See https://x.ac.uk/news for news.") == ""
