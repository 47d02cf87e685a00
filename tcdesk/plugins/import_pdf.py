"""Built-in plugin: imports a submission from a text-based PDF (as far as its text allows)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tcdesk.hookspecs import hookimpl

if TYPE_CHECKING:  # tcdesk.export.base is loaded by whatever imports a file, not to list importers
    from tcdesk.export.base import ImportResult


class PdfImporter:
    """Answers by their question headings, plan tables by column position, header and sign-off."""

    name = "pdf"
    label = "PDF document (.pdf)"
    suffixes = (".pdf",)

    def load(self, path: Path, options: Mapping[str, str] | None = None) -> ImportResult:
        # PDFium is loaded inside the reader, so `tcdesk check` on JSON never loads it.
        from tcdesk.importers.carried import from_pdf, import_with
        from tcdesk.importers.safety import check_pdf_header

        path = Path(path)
        check_pdf_header(path)  # once, before either the carried data or the text is read
        # Options say how to read the text (column map, sections), so they ask for the text.
        return import_with(None if options else from_pdf(path), path, lambda: self._from_text(path, options))

    @staticmethod
    def _from_text(path: Path, options: Mapping[str, str] | None) -> ImportResult:
        from tcdesk.importers.assemble import assemble
        from tcdesk.importers.pdf_reader import read_pdf
        from tcdesk.importers.safety import Deadline

        result = assemble(read_pdf(path, Deadline(path)), path, options)
        result.report.warnings.append(
            "from PDF: links are plain text, heading levels below the second are merged, and line breaks "
            "inside table cells are spaces"
        )
        return result


@hookimpl
def register_importers() -> list[PdfImporter]:
    return [PdfImporter()]
