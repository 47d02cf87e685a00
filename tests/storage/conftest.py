"""A submission with every field filled, in the scripts and symbols real Welsh and Irish drafts use."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from tcdesk.model import (
    Attachment,
    AttachmentKind,
    Lead,
    NewAction,
    NewPlan,
    Pillar,
    PreviousAction,
    PreviousPlan,
    Rag,
    Signatory,
    SignOff,
    Submission,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PNG = bytes.fromhex("89504e470d0a1a0a") + bytes(range(256)) * 40


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_rich_submission() -> Submission:
    return Submission(
        organisation="Prifysgol Aberdyfi – “Our” University 🏴",
        leads=[
            Lead("Siân Ó Súilleabháin", "Pennaeth Gwasanaethau Technegol", "s.osuilleabhain@aberdyfi.ac.uk"),
            Lead("Dafydd ap Gwynedd", "Technician Commitment lead – ‘interim’", "d.apgwynedd@aberdyfi.ac.uk"),
        ],
        answers={
            "1": "Ein technegwyr – **all 412** – wrote this.\n\n1. Survey\n2. Focus groups 🔬",
            "2": "Links: [network](https://example.ac.uk/tn) and “quoted” text…",
            "3": "",
            "4": "Máire Ní Bhriain’s team — em dash, en dash –, ellipsis …",
            "5": "x" * 1_000_000,
            "6": "Tabs\tand\r\nWindows line ends and trailing space ",
            "7": "",
            "8": "https://www.aberdyfi.ac.uk/ymrwymiad-technegwyr",
        },
        webpage_url="https://www.aberdyfi.ac.uk/ymrwymiad-technegwyr",
        previous_plan=PreviousPlan(
            period="2021–2024",
            actions=[
                PreviousAction("V01", Pillar.VISIBILITY, "Proffiliau technegwyr", "Cyfathrebu", "Profiles live",
                               "Done ✅", "", ["R11", "R3", "R2"], Rag.GREEN),
                PreviousAction("R01", Pillar.RECOGNITION, "Awards", "HR", "", "Half way", "", [], Rag.AMBER),
                PreviousAction("C01", None, "No pillar yet", "", "", "", "Staff left – “restructure”", ["R9"], None),
                PreviousAction("S01", Pillar.SUSTAINABILITY, "Workforce map", "", "", "", "Paused", [], Rag.RED),
            ],
        ),
        new_plan=NewPlan(
            period="2024-2027",
            actions=[
                NewAction("V01", Pillar.VISIBILITY, "Showcase", "Siân Ó Súilleabháin", "Faculties", "2025-07",
                          "Held yearly", "£5,000", ["R2", "R11"], "V01"),
                NewAction("C01", Pillar.CAREER_DEVELOPMENT, "Mentoring", "", "", "2026-03-31", "", "", [], ""),
                NewAction("", None, "", "", "", "", "", "", [], ""),
            ],
        ),
        signoff=SignOff(
            lead=Signatory("Siân Ó Súilleabháin", "Head of Technical Services", date(2024, 11, 29)),
            leader=Signatory("Dafydd ap Gwynedd", "Is-Ganghellor", None),
        ),
        attachments=[
            Attachment("figure 1 – staff.png", AttachmentKind.FIGURE, "image/png", PNG),
            Attachment("appendix-a.pdf", AttachmentKind.APPENDIX, "application/pdf", b"%PDF-1.7\n" + b"\x00" * 5000),
        ],
        template="tc-renewal",
        last_time={"1": "Last cycle we had 42 technicians – “mostly” in labs.", "8": "https://example.ac.uk/tc"},
        renewed_from="northmoor-2021.tcdesk",
    )


@pytest.fixture
def rich_submission() -> Submission:
    return build_rich_submission()


@pytest.fixture
def file_digest():
    """``file_digest(path)``: the SHA-256 of a file, to prove it was not modified."""
    return digest


def declare_organisation_nullable(path: Path) -> None:
    """Hand-edit the project at ``path``: its submission table declared other than the migrations
    declare it (organisation may be NULL), the rows kept."""
    with closing(sqlite3.connect(path)) as conn:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'submission'").fetchone()[0]
        conn.executescript(
            "ALTER TABLE submission RENAME TO old_submission;"
            + sql.replace("organisation TEXT NOT NULL", "organisation TEXT")
            + "; INSERT INTO submission SELECT * FROM old_submission; DROP TABLE old_submission;"
        )
