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


def numbered_headings_docx(path: Path) -> Path:
    """Headings numbered by Word (numId 5 is the template's decimal list): no number in their text."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    titles = ["Our technicians", "How the Commitment is run", "Progress on the last plan", "What changed",
              "TALENT", "The next three years", "Acknowledgements", "Online"]
    for n, title in enumerate(titles, 1):
        heading = document.add_heading(title, level=1)
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", "0"), ("w:numId", "5")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            num_pr.append(child)
        heading._p.get_or_add_pPr().append(num_pr)
        document.add_paragraph(f"Text of part {n}.")
        document.add_heading("A sub-heading inside the part", level=2)
        document.add_paragraph(f"More of part {n}.")
    document.save(str(path))
    return path


def test_numbered_word_headings_go_to_their_questions_by_count(tmp_path, pm):
    result = Session(pm=pm).import_file(numbered_headings_docx(tmp_path / "numbered.docx"))
    assert [(s.question, s.how) for s in result.report.sections] == [(str(n), "number") for n in range(1, 9)]
    for n in range(1, 9):
        answer = result.submission.answers[str(n)]
        assert f"Text of part {n}." in answer and f"More of part {n}." in answer
        assert "A sub-heading inside the part" in answer


def test_the_cli_lists_sections_and_rag_per_pillar_and_takes_a_section_map(tmp_path, capsys, documents):
    from tcdesk.cli import main
    from tcdesk.storage import load_project

    out = tmp_path / "eastmoor.tcdesk"
    assert main(["import", str(documents["docx"]), str(out), "--section", "9=7"]) == 0
    printed = capsys.readouterr().out
    assert "section 2 'Section two: governance, leadership and reporting lines' → question 2 (by number)" in printed
    assert "section 9 'Section 9: Glossary of terms' → question 7 (as chosen)" in printed
    assert "RAG Career Development: red 0, amber 0, green 0, unrated 3" in printed
    assert UNMATCHED_TEXT in load_project(out).answers["7"]
    assert main(["import", str(documents["docx"]), str(tmp_path / "x.tcdesk"), "--section", "nine=7"]) == 2
    assert "expected N=QUESTION" in capsys.readouterr().err
