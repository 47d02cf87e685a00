"""Last cycle's answers travel with a renewal for the writer to read, and never leave in an export:
not in the text of the web page, Word or PDF, nor in the submission those files carry."""

from __future__ import annotations

import subprocess
import zipfile

from tcdesk.model import Submission
from tcdesk.ui import file_commands

MARK = "Lastcycleonly"


def test_exports_never_carry_last_times_answers(qtbot, open_window, tmp_path):
    sub = Submission(organisation="University of Northmoor", last_time={"1": f"{MARK} said 240 technicians."})
    sub.answers["1"] = "This cycle we grew to 260."
    window = open_window(tmp_path / "renewal.tcdesk", sub)
    window.show_part("q1")
    assert MARK in window.page("q1").last_time.text.toPlainText()  # shown to the writer

    html = file_commands.export(window, "html", tmp_path / "out.html", confirm=False)
    docx = file_commands.export(window, "docx", tmp_path / "out.docx", confirm=False)
    pdf = file_commands.export(window, "pdf", tmp_path / "out.pdf", confirm=False)
    assert html and docx and pdf

    assert "This cycle we grew to 260." in html.read_text(encoding="utf-8") and MARK not in html.read_text(encoding="utf-8")
    with zipfile.ZipFile(docx) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    assert any(b"grew to 260" in data for data in parts.values())
    assert not [name for name, data in parts.items() if MARK.encode() in data]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert "grew to 260" in text and MARK not in text
    opened = tmp_path / "opened.pdf"  # streams decompressed, so the attached submission can be searched
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(opened)], check=True)
    assert b"grew to 260" in opened.read_bytes() and MARK.encode() not in opened.read_bytes()
    assert window.controller.submission().answers["1"] == "This cycle we grew to 260."
