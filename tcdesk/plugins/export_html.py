"""Built-in plugin: the submission as one accessible, self-contained web page (.html)."""

from __future__ import annotations

from tcdesk.export.write import RenderedExporter
from tcdesk.hookspecs import hookimpl


class HtmlExporter(RenderedExporter):
    """One HTML file, styles and images inside it, for the public Technician Commitment page."""

    name = "html"
    label = "For the web (.html)"
    suffix = ".html"
    renderer = "tcdesk.export.html"


@hookimpl
def register_exporters() -> list[HtmlExporter]:
    return [HtmlExporter()]
