"""A free-form renewal in the shape several institutions use, built with python-docx (and as PDF).

Sections headed in words and numbers, mixed case, with and without colons, no question numbers;
the lead and webpage only in running text; one plan table for all pillars with full-width pillar
rows, no refs, an empty RAG column and a row that continues the one above.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tcdesk.model import Pillar

# (heading as written, the question it belongs to, a sentence only that section holds)
SECTIONS = [
    ("Section One: Technical staff structures", "1", "Eastmoor employs 312 technicians in four faculties."),
    ("Section two: governance, leadership and reporting lines", "2", "The Technician Steering Group meets monthly."),
    ("SECTION THREE RAG Analysis", "3", "Most of our previous actions are complete."),
    ("Section Four – Evidence of impact", "4", "Promotion applications from technicians doubled."),
    ("Question 5", "5", "We adopted the TALENT Commission's ten recommendations."),
    ("6. Our next action plan", "6", "The new plan keeps the four pillars."),
    ("Section 7: Acknowledgements", "7", "Technicians wrote this plan at three open workshops."),
    ("Section eight: Where to find us", "8", "Our status is public."),
]
UNMATCHED = "Section 9: Glossary of terms"
UNMATCHED_TEXT = "TC means Technician Commitment."
LEAD = ("Dr Jane Roe", "Head of Technical Services", "j.roe@eastmoor.ac.uk")
WEBPAGE = "https://www.eastmoor.ac.uk/technicians/commitment"

# The plan table under section three: (pillar row or action cells); the RAG column stays empty.
PLAN_COLUMNS = ["Aim", "Owner", "Tactics", "Measures of Success", "RAG Rating"]
PLAN_ROWS: list[str | list[str]] = [
    "VISIBILITY",
    ["Raise the profile of technicians", "Comms", "Profiles on the intranet", "20 profiles", ""],
    ["Celebrate technicians at open days and in", "Events", "Stands at open days", "Two events a year", ""],
    # The row above was cut by a page break: this first cell finishes its sentence.
    ["the university's annual review", "", "and in the annual review", "", ""],
    "RECOGNITION",
    ["Technician awards", "HR", "An annual prize", "Awards held", ""],
    "Career Development",
    ["Mentoring scheme", "L&D", "Pair new starters", "30 pairs", ""],
    ["Apprenticeships", "HR", "Five places a year", "Places filled", ""],
    ["Registration with the Science Council", "Faculties", "Fund fees", "40 registrants", ""],
    "SUSTAINABILITY",
    ["Workforce plan", "Planning", "Map skills at risk", "Plan agreed", ""],
]
ACTIONS_PER_PILLAR = {
    Pillar.VISIBILITY: 2,
    Pillar.RECOGNITION: 1,
    Pillar.CAREER_DEVELOPMENT: 3,
    Pillar.SUSTAINABILITY: 1,
}


def build_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("University of Eastmoor – Technician Commitment renewal 2025", level=0)
    document.add_paragraph(f"Institutional Lead: {LEAD[0]}, {LEAD[1]} ({LEAD[2]})")
    for heading, number, sentence in SECTIONS:
        document.add_heading(heading, level=1)
        document.add_paragraph(sentence)
        if number == "3":
            _plan_table(document)
        if number == "8":
            document.add_paragraph(f"Our action plan and named contact are on our website at {WEBPAGE}.")
    document.add_heading(UNMATCHED, level=1)
    document.add_paragraph(UNMATCHED_TEXT)
    document.save(str(path))
    return path


def _plan_table(document) -> None:
    table = document.add_table(rows=1 + len(PLAN_ROWS), cols=len(PLAN_COLUMNS))
    table.style = "Table Grid"
    for j, name in enumerate(PLAN_COLUMNS):
        table.cell(0, j).text = name
    for i, row in enumerate(PLAN_ROWS, start=1):
        if isinstance(row, str):
            merged = table.cell(i, 0).merge(table.cell(i, len(PLAN_COLUMNS) - 1))  # a full-width pillar row
            merged.text = row
            continue
        for j, text in enumerate(row):
            table.cell(i, j).text = text


def build_pdf(docx_path: Path, folder: Path) -> Path:
    """The DOCX converted by LibreOffice headless (its own profile, so parallel runs do not clash)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed: scripts/setup.sh installs libreoffice-writer-nogui"
    profile = folder / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = folder / (docx_path.stem + ".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf
