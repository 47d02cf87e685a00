"""No export shows a Markdown emphasis delimiter as text: what the editor stores is read as emphasis."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QApplication

from tcdesk import interchange
from tcdesk.model import Submission
from tcdesk.session import Session

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# A "*" or "_" at the edge of a word, or doubled: what a failed **bold** or *italic* leaves behind.
STRAY = re.compile(r"\*\*|__|(?<![\w*])\*(?=\w)|(?<=\w)\*(?![\w*])|(?<![\w_])_(?=\w)|(?<=\w)_(?!\w)")


def _typed_submission(qtbot) -> Submission:
    """An answer written as a user would: Ctrl+B, words, Ctrl+B, with blanks at the edges."""
    from tcdesk.ui.rich_text_edit import RichTextEdit

    assert QApplication.instance() is not None
    box = RichTextEdit()
    qtbot.addWidget(box)
    qtbot.keyClicks(box, "We ran ")
    for words, toggle in (("three listening sessions ", "bold"), ("with ", None), ("technicians", "italic"), (" (14 Red, ", None), ("36 Amber ", "bold"), ("& 21 Green).", None)):
        if toggle == "bold":
            box.toggle_bold()
        elif toggle == "italic":
            box.toggle_italic()
        qtbot.keyClicks(box, words)
        if toggle == "bold":
            box.toggle_bold()
        elif toggle == "italic":
            box.toggle_italic()
    sub = interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json")
    sub.answers["4"] = box.markdown()
    assert "**three listening sessions**" in sub.answers["4"] and "**36 Amber**" in sub.answers["4"]
    return sub


def _cases(qtbot) -> dict[str, Submission]:
    from synthetic import make_synthetic

    return {
        "northmoor-clean": interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"),
        "northmoor-draft": interchange.read(EXAMPLES / "northmoor-draft.tcdesk.json"),
        "synthetic": make_synthetic(30, answer_words=300),
        "typed": _typed_submission(qtbot),
    }


@pytest.mark.slow
def test_pdf_and_docx_exports_show_no_emphasis_delimiter(qtbot, tmp_path):
    for name, sub in _cases(qtbot).items():
        session = Session(sub)
        pdf = session.export("pdf", tmp_path / f"{name}.pdf")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120).stdout
        assert "three listening sessions" in text or name != "typed"
        assert not STRAY.findall(text), (name, "pdf", [m.group() for m in STRAY.finditer(text)][:5])
        document = docx.Document(str(session.export("docx", tmp_path / f"{name}.docx")))
        paragraphs = [p.text for p in document.paragraphs] + [c.text for t in document.tables for row in t.rows for c in row.cells]
        found = [p for p in paragraphs if STRAY.search(p)]
        assert not found, (name, "docx", found[:3])
