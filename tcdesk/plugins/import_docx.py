"""Built-in plugin: imports a submission or an action plan from a Word document (.docx)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tcdesk.hookspecs import hookimpl

if TYPE_CHECKING:  # tcdesk.export.base is loaded by whatever imports a file, not to list importers
    from tcdesk.export.base import ImportResult


class DocxImporter:
    """The official form or anything like it: header fields, questions 1–8, action tables."""

    name = "docx"
    label = "Word document (.docx)"
    suffixes = (".docx",)

    def load(self, path: Path, options: Mapping[str, str] | None = None) -> ImportResult:
        # lxml is imported inside the readers, so listing importers stays cheap.
        from tcdesk.importers.assemble import assemble
        from tcdesk.importers.carried import from_docx, import_with
        from tcdesk.importers.docx_reader import read_docx
        from tcdesk.importers.safety import check_office_package

        path = Path(path)
        check_office_package(path)
        # Options say how to read the text (column map, sections), so they ask for the text.
        return import_with(None if options else from_docx(path), path,
                           lambda: assemble(read_docx(path), path, options))


@hookimpl
def register_importers() -> list[DocxImporter]:
    return [DocxImporter()]
