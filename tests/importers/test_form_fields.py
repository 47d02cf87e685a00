"""Header fields and sign-off, from paragraphs as institutions write them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tcdesk.importers.assemble import assemble
from tcdesk.importers.blocks import Para, Table
from tcdesk.importers.rows import Cell
from tcdesk.template import load_template


def paras(*texts: str) -> list[Para]:
    return [Para(markdown=t, text=t) for t in texts]


def test_header_labels_with_values_below_or_beside() -> None:
    blocks = paras(
        "Organisation:", "University of Kent", "Name of Institutional Leads:",
        "Phil Marsh, Head of Technical Services", "Joanna Scamp, Technical Manager (Technician Commitment)",
        "E-mails: p.marsh@kent.ac.uk", "j.l.scamp@kent.ac.uk",
    )
    sub = assemble(blocks, Path("x.docx")).submission
    assert sub.organisation == "University of Kent"
    assert [(lead.name, lead.role, lead.email) for lead in sub.leads] == [
        ("Phil Marsh", "Head of Technical Services", "p.marsh@kent.ac.uk"),
        ("Joanna Scamp", "Technical Manager (Technician Commitment)", "j.l.scamp@kent.ac.uk"),
    ]


def test_unnamed_signatures_keep_their_dates() -> None:
    q8 = load_template().question("8").text
    blocks = paras(
        f"8. {q8}", "https://www.kent.ac.uk/technical-services",
        "Signed..... (Technician Commitment Nominated Institutional Lead)", "Date: 31st January 2025",
        "Signed..... (Technician Commitment Signatory – Leader of Institution)", "Date: 30th January 2025",
    )
    sub = assemble(blocks, Path("x.docx")).submission
    assert sub.webpage_url == "https://www.kent.ac.uk/technical-services"
    assert (sub.signoff.lead.name, sub.signoff.lead.date) == ("", date(2025, 1, 31))
    assert (sub.signoff.leader.name, sub.signoff.leader.date) == ("", date(2025, 1, 30))
    assert sub.answers["8"] == ""


def test_signatory_tables_under_the_signoff_heading() -> None:
    lead = load_template().signoff_lead.label
    blocks = [
        *paras("Sign-off", lead),
        Table([[Cell("Name"), Cell("Dr Siân Ó Súilleabháin")], [Cell("Role"), Cell("Head of Technical Services")],
               [Cell("Signed"), Cell("")], [Cell("Date:"), Cell("20 July 2026")]], "table 9"),
    ]
    lead_sig = assemble(blocks, Path("x.docx")).submission.signoff.lead
    assert (lead_sig.name, lead_sig.role, lead_sig.date) == ("Dr Siân Ó Súilleabháin", "Head of Technical Services", date(2026, 7, 20))
