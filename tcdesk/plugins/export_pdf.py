"""Built-in plugin: the single PDF that is submitted (reportlab, appendices merged with pypdf)."""

from __future__ import annotations

from tcdesk.export.write import RenderedExporter
from tcdesk.hookspecs import hookimpl


class PdfExporter(RenderedExporter):
    """The submission as one PDF, appendices included, ready to send."""

    name = "pdf"
    label = "PDF for submission (.pdf)"
    suffix = ".pdf"
    renderer = "tcdesk.export.pdf"


@hookimpl
def register_exporters() -> list[PdfExporter]:
    return [PdfExporter()]
