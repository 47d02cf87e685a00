"""Built-in plugin: imports an action plan from a spreadsheet (.xlsx) or a CSV file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tcdesk.hookspecs import hookimpl

if TYPE_CHECKING:  # tcdesk.export.base is loaded by whatever imports a file, not to list importers
    from tcdesk.export.base import ImportResult


class XlsxImporter:
    """Every worksheet with a recognisable header row; a sheet named after a pillar sets it."""

    name = "xlsx"
    label = "Excel workbook (.xlsx)"
    suffixes = (".xlsx", ".xlsm")

    def load(self, path: Path, options: Mapping[str, str] | None = None) -> ImportResult:
        # openpyxl is imported inside the reader, so listing importers stays cheap.
        from tcdesk.importers.safety import Deadline
        from tcdesk.importers.sheet_reader import import_sheets, read_xlsx_sheets

        path = Path(path)
        return import_sheets(path, read_xlsx_sheets(path, Deadline(path)), options)


class CsvImporter:
    """One table of actions; encoding (UTF-8, UTF-16, Windows-1252) and delimiter are detected."""

    name = "csv"
    label = "CSV file (.csv)"
    suffixes = (".csv", ".tsv")

    def load(self, path: Path, options: Mapping[str, str] | None = None) -> ImportResult:
        from tcdesk.importers.sheet_reader import import_sheets, read_csv_rows

        path = Path(path)
        return import_sheets(path, [("", read_csv_rows(path))], options)


@hookimpl
def register_importers() -> list[XlsxImporter | CsvImporter]:
    return [XlsxImporter(), CsvImporter()]
