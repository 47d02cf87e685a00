"""Text-based PDFs: answers by question headings, plan tables by column position."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tcdesk.model import Pillar
from tcdesk.plugins.import_pdf import PdfImporter
from tests.importers.kent import KENT_PER_PILLAR, kent_docx, needs_kent


def reportlab_pdf(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        [Paragraph(text, styles[style]) for style, text in paragraphs]
    )
    return path


def test_answers_are_found_by_the_official_question_texts(tmp_path: Path) -> None:
    from tcdesk.template import load_template

    q = load_template().question
    path = reportlab_pdf(tmp_path / "other.pdf", [
        ("Title", "Our renewal"),
        ("Normal", "Organisation: University of Northmoor"),
        ("Heading2", f"1. {q('1').text}"),
        ("Normal", "We have three faculties and a central technical service."),
        ("Heading2", f"7. {q('7').text}"),
        ("Normal", "Technicians drafted the plan in four workshops."),
    ])
    result = PdfImporter().load(path)
    sub = result.submission
    assert sub.organisation == "University of Northmoor"
    assert sub.answers["1"] == "We have three faculties and a central technical service."
    assert sub.answers["7"] == "Technicians drafted the plan in four workshops."
    assert sub.answers["3"] == ""
    # What could not be placed is reported, not dropped silently.
    assert any("before the first question" in w for w in result.report.warnings)


@needs_kent
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_kent_as_a_pdf_imports_every_action_in_its_pillar(tmp_path: Path) -> None:
    docx = kent_docx(tmp_path / "kent.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )
    sub = PdfImporter().load(tmp_path / "kent.pdf").submission
    actions = sub.previous_plan.actions
    assert len(actions) == 71
    counts = {p.value: sum(1 for a in actions if a.pillar is p) for p in Pillar}
    assert counts == KENT_PER_PILLAR
    assert all(a.pillar is Pillar.from_letter(a.ref[0]) for a in actions)
    assert actions[2].action == (
        "Use social media to create wider social participation and promote technical services to the wider community."
    )
    assert sub.organisation == "University of Kent"
    assert all(sub.answers[n] for n in "12345678")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_bold_words_inside_a_libreoffice_sentence_stay_in_the_sentence(tmp_path: Path) -> None:
    """LibreOffice places each run of a line on its own; the runs of one sentence are one paragraph."""
    import docx

    from tcdesk.template import load_template
    from tests.importers.freeform import build_pdf

    document = docx.Document()
    document.add_heading(f"1. {load_template().question('1').text}", level=1)
    para = document.add_paragraph("The University employs ")
    para.add_run("412 technical staff").bold = True
    para.add_run(" (384 FTE) across three faculties, and the ")
    para.add_run("Steering Group").italic = True
    para.add_run(" meets termly.")
    document.add_paragraph("• Shared equipment is booked through one system.")
    source = tmp_path / "inline.docx"
    document.save(str(source))
    answer = PdfImporter().load(build_pdf(source, tmp_path)).submission.answers["1"]
    assert answer.startswith(
        "The University employs **412 technical staff** (384 FTE) across three faculties, and the *Steering Group* meets termly."
    )
    assert "|" not in answer  # no table made of the sentence's runs


def test_text_drawn_through_a_form_xobject_is_read_where_the_form_places_it(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from tcdesk.template import load_template

    heading = f"1. {load_template().question('1').text}"
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.beginForm("answer")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(0, 0, heading)
    c.setFont("Helvetica", 10)
    c.drawString(0, -20, "Our technicians work in three faculties.")
    c.endForm()
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 760, "Our renewal")
    c.saveState()
    c.translate(72, 700)
    c.scale(1.2, 1.2)  # the form's matrix places and scales what it draws
    c.doForm("answer")
    c.restoreState()
    c.showPage()
    c.save()
    assert PdfImporter().load(path).submission.answers["1"] == "Our technicians work in three faculties."
