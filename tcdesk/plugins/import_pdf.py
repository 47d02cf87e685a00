"""Built-in plugin: imports a submission from a text-based PDF (as far as its text allows)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tcdesk.export.base import ImportResult
from tcdesk.hookspecs import hookimpl


class PdfImporter:
    """Answers by their question headings, plan tables by column position, header and sign-off."""

    name = "pdf"
    label = "PDF document (.pdf)"
    suffixes = (".pdf",)

    def load(self, path: Path, options: Mapping[str, str] | None = None) -> ImportResult:
        # PDFium is loaded inside the reader, so `tcdesk check` on JSON never loads it.
        from tcdesk.importers.assemble import assemble
        from tcdesk.importers.pdf_reader import read_pdf
        from tcdesk.importers.safety import Deadline

        path = Path(path)
        result = assemble(read_pdf(path, Deadline(path)), path, options)
        result.report.warnings.append(
            "from PDF: links are plain text, heading levels below the second are merged, and line breaks "
            "inside table cells are spaces"
        )
        return result


@hookimpl
def register_importers() -> list[PdfImporter]:
    return [PdfImporter()]
