"""The DOCX and PDF exporters are built-in plugins that load their libraries only when exporting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tcdesk.export.base import Exporter
from tcdesk.session import Session


def test_docx_and_pdf_exporters_are_registered_through_the_hook(pm):
    exporters = Session(pm=pm).exporters()
    assert {"docx", "pdf"} <= set(exporters)
    assert (exporters["pdf"].suffix, exporters["docx"].suffix) == (".pdf", ".docx")
    assert all(isinstance(e, Exporter) for e in exporters.values())


def test_plugin_manager_and_session_do_not_load_layout_libraries():
    code = (
        "import sys\n"
        "from tcdesk.pluginmanager import get_plugin_manager\n"
        "from tcdesk.session import Session\n"
        "Session(pm=get_plugin_manager(load_entry_points=False)).exporters()\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'docx', 'pypdf', 'PIL', 'markdown_it')]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
