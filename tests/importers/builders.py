"""Small Word documents and workbooks in the shapes institutions use, built in the tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

RED, AMBER, GREEN = "FF0000", "FFC000", "00B050"


def shade(cell, fill: str) -> None:
    """Colour a python-docx cell's background as Word does (w:shd fill)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def add_table(document, rows: Sequence[Sequence[str]], fills: dict[tuple[int, int], str] | None = None):
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if text:
                table.cell(i, j).text = text
    for (i, j), fill in (fills or {}).items():
        shade(table.cell(i, j), fill)
    return table


def docx_with(path: Path, build) -> Path:
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


def question_heading(document, number: str) -> None:
    from tcdesk.template import load_template

    document.add_paragraph(f"{number}. {load_template().question(number).text}")
