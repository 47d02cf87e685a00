"""Built-in plugin: the Word document working groups pass around (python-docx, real Word styles)."""

from __future__ import annotations

from tcdesk.export.write import RenderedExporter
from tcdesk.hookspecs import hookimpl


class DocxExporter(RenderedExporter):
    """The submission as an editable Word document in the layout of the official form."""

    name = "docx"
    label = "Word document (.docx)"
    suffix = ".docx"
    renderer = "tcdesk.export.docx"


@hookimpl
def register_exporters() -> list[DocxExporter]:
    return [DocxExporter()]
