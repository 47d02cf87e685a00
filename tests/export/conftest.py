"""Fixtures for export tests: a submission exercising every feature, and exported files read back."""

from __future__ import annotations

import pytest

from tcdesk.model import Attachment, AttachmentKind, Submission

from .helpers import pdf_bytes, png_bytes

RICH_ANSWER = """Intro with **bold**, *italic* and a [real link](https://example.org/tc?a=1&b=2).

# A heading inside the answer

- first bullet
  - nested bullet
    1. deep numbered
- second bullet

3. three
4. four

| Team | Technicians |
|------|-------------|
| Labs | 120 |
| Workshops <& co> | 45 |

![Organisation chart](attachment:chart.png)

> A quote from a technician: “we were heard” – really.

Siân Ó Súilleabháin and Łukasz Kowalski led the survey.
"""


@pytest.fixture
def rich(make_submission) -> Submission:
    """Every field filled, messy text included, with a figure and two appendix PDFs."""
    sub = make_submission(
        organisation="University of Northmoor",
        leads=[
            {"name": "Siân Ó Súilleabháin", "role": "Head of Technical Services", "email": "s.osullivan@northmoor.ac.uk"},
            {"name": "Łukasz Nowak", "role": "Technician Commitment Manager", "email": "l.nowak@northmoor.ac.uk"},
        ],
        answers={"1": RICH_ANSWER, "2": "Governance text.", "3": "RAG overview.", "4": "Impact.",
                 "5": "TALENT work.", "6": "Plan summary.", "7": "Voice.", "8": "Yes, it is published."},
        webpage_url="https://www.northmoor.ac.uk/technicians",
        signoff={
            "lead": {"name": "Siân Ó Súilleabháin", "role": "Head of Technical Services", "date": "2026-01-12"},
            "leader": {"name": "Professor Ada Byrne", "role": "Vice-Chancellor", "date": "2026-01-20"},
        },
        prev=[
            {"ref": "V01", "pillar": "visibility", "action": "Profile series", "rag": "green", "talent": ["R4"]},
            {"ref": "R01", "pillar": "recognition", "action": "Registration fees", "rag": "amber"},
            {"ref": "C01", "pillar": "career-development", "action": "Career pathway", "rag": "red",
             "explanation": "Delayed by the restructure"},
            {"ref": "S01", "pillar": "sustainability", "action": "Apprenticeships", "rag": "green"},
        ],
        new=[
            {"ref": "V02", "pillar": "visibility", "action": "Technician awards", "owner": "Head of Comms",
             "due": "2027-07", "talent": ["R11"], "carried_from": "V01"},
            {"ref": "C02", "pillar": "career-development", "action": "Pathway launch", "owner": "HR Director",
             "due": "2028-01"},
        ],
    )
    sub.previous_plan.period = "2023–2026"
    sub.new_plan.period = "2026–2029"
    sub.attachments = [
        Attachment("chart.png", AttachmentKind.FIGURE, "image/png", png_bytes()),
        Attachment("survey.pdf", AttachmentKind.APPENDIX, "application/pdf", pdf_bytes("Survey appendix", 2)),
        Attachment("minutes.pdf", AttachmentKind.APPENDIX, "application/pdf", pdf_bytes("Minutes appendix")),
    ]
    return sub
