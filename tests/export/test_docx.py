"""The Word export read back with python-docx (styles, shading, links, fields) and converted by LibreOffice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tcdesk.interchange import read
from tcdesk.session import Session

from .helpers import LONG_WORD, NASTY, example_files, expected_strings, pdftotext, squash, tool


def export_docx(sub, tmp_path: Path, pm, name: str = "out.docx") -> Path:
    path = tmp_path / name
    Session(sub, pm=pm).export("docx", path)
    return path


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return squash(" ".join(parts))


def rag_cells(document) -> list[tuple[str, str]]:
    """(label, fill) of every cell in a RAG column."""
    out = []
    for table in document.tables:
        head = [c.text for c in table.rows[0].cells]
        if "RAG" not in head:
            continue
        col = head.index("RAG")
        for row in table.rows[1:]:
            cell = row.cells[col]
            shd = cell._tc.tcPr.find(qn("w:shd"))
            out.append((cell.text, shd.get(qn("w:fill")) if shd is not None else ""))
    return out


def test_rag_cells_are_labelled_and_shaded_as_w_shd(rich, tmp_path, pm):
    document = docx.Document(str(export_docx(rich, tmp_path, pm)))
    assert rag_cells(document) == [("Green", "B7E1C1"), ("Amber", "FFE08A"), ("Red", "F4B6B6"), ("Green", "B7E1C1")]


def test_docx_uses_real_word_styles(rich, tmp_path, pm):
    document = docx.Document(str(export_docx(rich, tmp_path, pm)))
    used = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Bullet 2", "List Number 3",
            "List Number", "Quote", "Caption"} <= used
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Question 1. Technical staff structures", "Question 2. Governance, leadership and resourcing"]
    # The answer's own "# heading" sits below the question heading.
    assert any(p.text == "A heading inside the answer" and p.style.name == "Heading 2" for p in document.paragraphs)
    assert all(t.style.name == "Table Grid" for t in document.tables)
    plan = [t for t in document.tables if t.rows[0].cells[0].text == "Ref"]
    assert plan and all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in plan)


def test_numbered_lists_restart_from_their_own_start(rich, tmp_path, pm):
    document = docx.Document(str(export_docx(rich, tmp_path, pm)))
    numbering = document.part.numbering_part.element
    three = next(p for p in document.paragraphs if p.text == "three")
    num_id = three._p.pPr.numPr.numId.val
    num = next(n for n in numbering.num_lst if n.numId == num_id)
    assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "3"


def test_hyperlinks_are_real_w_hyperlink_elements_with_relationships(rich, tmp_path, pm):
    document = docx.Document(str(export_docx(rich, tmp_path, pm)))
    body = document.element.body
    targets = set()
    for link in body.iter(qn("w:hyperlink")):
        rel = document.part.rels[link.get(qn("r:id"))]
        assert rel.is_external
        targets.add(rel.target_ref)
    assert {"https://example.org/tc?a=1&b=2", "https://www.northmoor.ac.uk/technicians",
            "mailto:s.osullivan@northmoor.ac.uk"} <= targets


def test_figures_and_the_rag_chart_are_inline_images(rich, tmp_path, pm):
    document = docx.Document(str(export_docx(rich, tmp_path, pm)))
    assert len(document.inline_shapes) == 2  # the answer's figure and the question 3 chart
    assert "Organisation chart" in all_text(document)


def test_footer_has_page_and_numpages_fields_and_the_organisation(rich, tmp_path, pm):
    document = docx.Document(str(export_docx(rich, tmp_path, pm)))
    footer = document.sections[0].footer.paragraphs[0]
    instructions = [el.text.strip() for el in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "University of Northmoor" in footer.text


def test_plan_tables_sit_in_landscape_sections(rich, tmp_path, pm):
    document = docx.Document(str(export_docx(rich, tmp_path, pm)))
    orientations = [s.page_width > s.page_height for s in document.sections]
    assert orientations == [False, True, False, True, False]


def test_core_properties_are_fixed_for_reproducible_files(rich, tmp_path, pm):
    first = docx.Document(str(export_docx(rich, tmp_path, pm, "a.docx"))).core_properties
    assert first.title == "Technician Commitment Renewal Self-Assessment & Action Plan"
    assert first.author == "University of Northmoor"
    assert first.created.date().isoformat() == "2026-01-20"  # the later sign-off
    assert first.language == "en-GB"
    a, b = export_docx(rich, tmp_path, pm, "b.docx"), export_docx(rich, tmp_path, pm, "c.docx")
    assert a.read_bytes() == b.read_bytes()


def test_user_text_with_markup_control_characters_and_long_words_comes_out_literally(make_submission, tmp_path, pm):
    sub = make_submission(
        organisation=NASTY,
        answers={"1": NASTY + " " + LONG_WORD},
        prev=[{"ref": "V01", "pillar": "visibility", "action": NASTY, "progress": LONG_WORD, "rag": "amber"}],
        signoff={"lead": {"name": NASTY, "role": "", "date": None}, "leader": {"name": "", "role": "", "date": None}},
    )
    text = all_text(docx.Document(str(export_docx(sub, tmp_path, pm))))
    assert text.count("x<y & z </para> <b>unclosed \ufffdbell") >= 4
    assert text.count(LONG_WORD) == 2


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_examples_export_with_every_question_ref_name_and_date(path, tmp_path, pm):
    sub = read(path)
    text = all_text(docx.Document(str(export_docx(sub, tmp_path, pm))))
    assert [s for s in expected_strings(sub) if s not in text] == []


def libreoffice_pdf(source: Path, tmp_path: Path) -> Path:
    soffice = tool("soffice")
    profile = tmp_path / "lo-profile"  # one profile per run: two runs sharing one fail silently
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "lo"), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    out = tmp_path / "lo" / (source.stem + ".pdf")
    assert result.returncode == 0 and out.exists(), result.stdout + result.stderr
    return out


@pytest.mark.slow
@pytest.mark.parametrize("example", [*example_files(), None], ids=lambda p: p.name if p else "rich")
def test_libreoffice_converts_the_docx_and_keeps_every_expected_string(example, rich, tmp_path, pm):
    sub = read(example) if example else rich
    pdf = libreoffice_pdf(export_docx(sub, tmp_path, pm), tmp_path)
    text = squash(pdftotext(pdf))
    assert [s for s in expected_strings(sub) if s not in text] == []
    assert "Page 1 of " in text
