"""Builds Word documents shaped like the real Kent 2025 renewal (from its extracted text) for tests."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

KENT = Path(__file__).resolve().parents[3] / "shared" / "domain" / "real-submissions" / "kent-2025-renewal.txt"

# The real submission is domain material kept beside the repository, not inside it.
needs_kent = pytest.mark.skipif(not KENT.exists(), reason=f"the Kent submission text is not at {KENT}")

# Counts per pillar taken from the text's tables (refs V01–V20, R01–R16, C01–C14, S01–S21).
KENT_PER_PILLAR = {"visibility": 20, "recognition": 16, "career-development": 14, "sustainability": 21}


def strip_tags(text: str) -> str:
    text = re.sub(r"</p>\s*<p>|<br\s*/?>|</li>\s*<li>", "\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def kent_blocks() -> list[tuple]:
    """The text as ("heading", level, text), ("para", text, style) and ("table", rows) blocks."""
    lines = KENT.read_text(encoding="utf-8").splitlines()
    blocks: list[tuple] = []
    table: list[list[str]] | None = None
    for line in lines:
        if "\t" in line:
            cells = [strip_tags(c) for c in line.split("\t")]
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        if not line.strip():
            continue
        table = None
        if m := re.match(r"^(#{1,3}) (.*)$", line):
            blocks.append(("heading", len(m.group(1)), m.group(2).replace("**", "")))
        elif m := re.match(r"^- (.*)$", line):
            blocks.append(("para", strip_tags(m.group(1)), "List Bullet"))
        else:
            blocks.append(("para", strip_tags(line), None))
    return blocks


def _add_runs(paragraph, text: str) -> None:
    # **bold** spans become bold runs, as in the original document.
    for n, part in enumerate(re.split(r"\*\*", text)):
        if part:
            paragraph.add_run(part).bold = n % 2 == 1


def kent_docx(path: Path, rag_fills: dict[str, str] | None = None) -> Path:
    """The Kent submission as a Word document built with python-docx, tables row for row as in
    the text (continuation rows, dash rows and all), RAG cells empty as in the extracted text.

    :param rag_fills: ref → hex fill for that action's RAG cell (colour only, no text), as in the
        original document.
    """
    import docx

    from tests.importers.builders import shade

    document = docx.Document()
    for block in kent_blocks():
        if block[0] == "heading":
            document.add_heading(block[2], level=block[1])
        elif block[0] == "para":
            p = document.add_paragraph(style=block[2]) if block[2] else document.add_paragraph()
            _add_runs(p, block[1])
        else:
            rows = block[1]
            width = max(len(r) for r in rows)
            t = document.add_table(rows=len(rows), cols=width)
            t.style = "Table Grid"
            if width == 7:  # the plan tables, with the column widths of the original
                from docx.shared import Cm

                t.autofit = False
                for col, cm in zip(t.columns, (1.3, 3.6, 2.6, 3.0, 5.0, 1.2, 1.2), strict=True):
                    col.width = Cm(cm)  # w:gridCol, which LibreOffice lays the table out by
                    for cell in col.cells:
                        cell.width = Cm(cm)
            for i, row in enumerate(rows):
                for j, text in enumerate(row):
                    if text:
                        t.cell(i, j).text = text
                if rag_fills and row[0] in rag_fills:
                    shade(t.cell(i, width - 1), rag_fills[row[0]])
    document.save(str(path))
    return path


def kent_html(path: Path) -> Path:
    """The Kent submission as HTML (headings, paragraphs, lists, tables), for LibreOffice to convert."""
    out = ["<html><head><meta charset='utf-8'><title>Kent</title></head><body>"]
    in_list = False
    for block in kent_blocks():
        if block[0] == "para" and block[2] == "List Bullet":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(block[1])}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if block[0] == "heading":
            out.append(f"<h{block[1]}>{html.escape(block[2])}</h{block[1]}>")
        elif block[0] == "para":
            text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html.escape(block[1]))
            out.append(f"<p>{text}</p>")
        else:
            out.append("<table border='1'>")
            for row in block[1]:
                out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            out.append("</table>")
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path
