"""File → Export → For the web (.html): the editor writes the accessible web page of what is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction

from tcdesk import interchange
from tcdesk.ui import file_commands

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_export_for_the_web_writes_the_page_of_the_open_submission(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk", interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"))
    action = window.findChild(QAction, "export-html")
    assert action is not None and action.text() == "For the web (.html)…" and action.isEnabled()
    out = file_commands.export(window, "html", tmp_path / "page.html", confirm=False)
    page = Path(out).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    assert "<title>University of Northmoor July 2026</title>" in page
    assert "Question 8. Published status and action plan" in page
