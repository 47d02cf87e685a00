"""Export structure compared with checked-in expectations (outline, headings), never raw bytes."""

from __future__ import annotations

from pathlib import Path

import docx
from pypdf import PdfReader

from tcdesk.session import Session

EXPECTED = Path(__file__).resolve().parent / "expected"


def pdf_outline(path: Path) -> list[str]:
    lines: list[str] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                lines.append("  " * depth + item.title)

    walk(PdfReader(path).outline, 0)
    return lines


def docx_outline(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [f"{p.style.name}: {p.text}" for p in document.paragraphs
            if p.style.name in ("Title", "Subtitle") or p.style.name.startswith("Heading")]


def check(actual: list[str], name: str) -> None:
    expected = (EXPECTED / name).read_text(encoding="utf-8").splitlines()
    assert actual == expected


def test_pdf_outline_matches_the_expected_structure(rich, tmp_path, pm):
    path = tmp_path / "rich.pdf"
    Session(rich, pm=pm).export("pdf", path)
    check(pdf_outline(path), "rich-pdf-outline.txt")


def test_docx_headings_match_the_expected_structure(rich, tmp_path, pm):
    path = tmp_path / "rich.docx"
    Session(rich, pm=pm).export("docx", path)
    check(docx_outline(path), "rich-docx-headings.txt")
