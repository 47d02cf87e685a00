"""Reads action-plan sheets: XLSX (openpyxl, read-only) and CSV (encoding and delimiter sniffed)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

from tcdesk.errors import InvalidInputError
from tcdesk.export.base import ImportReport, ImportResult, SkippedRow
from tcdesk.importers.actions import count_per_pillar, to_new, to_previous
from tcdesk.importers.columns import HeaderMap, near_header, recognise_header
from tcdesk.importers.rows import Cell, collect_records, pillar_from_text
from tcdesk.importers.safety import Deadline, check_office_package, check_size
from tcdesk.model import Submission

HEADER_SEARCH_ROWS = 30
MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_CSV_FIELD = 1_000_000  # characters in one cell; csv's own default (131,072) is below a long answer


def read_csv_rows(path: Path) -> list[list[Cell]]:
    """Rows of a CSV file, whatever its encoding (UTF-8 with or without BOM, UTF-16, Windows-1252)."""
    check_size(path)
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InvalidInputError(f"not valid UTF-16 text ({exc.reason} at byte {exc.start})", path) from exc
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise InvalidInputError("not a CSV file: it holds binary data", path)
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = []
    # newline="": the reader itself ends rows at CR, LF or CRLF (old Mac files end lines with CR only).
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    csv.field_size_limit(MAX_CSV_FIELD)
    try:
        for n, row in enumerate(reader):
            if n >= MAX_ROWS:
                raise InvalidInputError(f"more than {MAX_ROWS} rows: not an action plan", path)
            rows.append([Cell(text=c) for c in row[:MAX_COLUMNS]])
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise InvalidInputError(f"a field is longer than {MAX_CSV_FIELD:,} characters", path, f"line {reader.line_num}") from exc
        raise InvalidInputError(f"not a readable CSV file ({exc})", path, f"line {reader.line_num}") from exc
    return rows


def read_xlsx_sheets(path: Path, deadline: Deadline) -> list[tuple[str, list[list[Cell]]]]:
    """``(sheet title, rows)`` for every worksheet, cells with their fill colour."""
    import openpyxl

    check_office_package(path)
    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:
        raise InvalidInputError(f"not a readable Excel workbook ({exc})", path) from exc
    try:
        return _sheets(wb, path, deadline)
    except InvalidInputError:
        raise
    except Exception as exc:
        raise InvalidInputError(f"not a readable Excel workbook ({exc})", path) from exc
    finally:
        wb.close()


def _sheets(wb, path: Path, deadline: Deadline) -> list[tuple[str, list[list[Cell]]]]:
    out = []
    for ws in wb.worksheets:
        rows: list[list[Cell]] = []
        for n, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS)):
            if n >= MAX_ROWS:
                raise InvalidInputError(f"more than {MAX_ROWS} rows: not an action plan", path, f"sheet {ws.title!r}")
            if n % 500 == 0:
                deadline.check(f"sheet {ws.title!r}")
            rows.append([_xlsx_cell(c) for c in row])
        while rows and not any(c.text for c in rows[-1]):
            rows.pop()
        out.append((ws.title, rows))
    return out


def _xlsx_cell(c: object) -> Cell:
    value = getattr(c, "value", None)
    text = "" if value is None else (value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value))
    fill = None
    f = getattr(c, "fill", None)
    if f is not None and getattr(f, "fill_type", None) == "solid":
        rgb = getattr(f.fgColor, "rgb", None)
        if isinstance(rgb, str) and rgb not in ("00000000",):
            fill = rgb[-6:]
    return Cell(text=text.strip(), fill=fill)


def _find_header(rows: list[list[Cell]], extra: Mapping[str, str]) -> tuple[int, HeaderMap] | None:
    for n, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        header = recognise_header([c.text for c in row], extra)
        if header is not None:
            return n, header
    return None


def import_sheets(
    path: Path, sheets: list[tuple[str, list[list[Cell]]]], options: Mapping[str, str] | None = None
) -> ImportResult:
    """Actions from every sheet that has a header row; a sheet named after a pillar sets it.

    :raises InvalidInputError: when no sheet has a recognisable header row (names the sheets).
    """
    options = dict(options or {})
    extra = {k[4:]: v for k, v in options.items() if k.startswith("map:")}
    report = ImportReport(source=path)
    sub = Submission()
    found_any = False
    for title, rows in sheets:
        located = _find_header(rows, extra)
        where = f"sheet {title!r}" if title else "sheet"
        if located is None:
            candidates = next((near for r in rows[:HEADER_SEARCH_ROWS] if (near := near_header([c.text for c in r]))), [])
            report.unmapped_columns += [c for c in candidates if c not in report.unmapped_columns]
            if any(c.text for r in rows for c in r):
                report.skipped.append(SkippedRow(where, "no header row naming an action column and another known column"))
            continue
        found_any = True
        start, header = located
        for col in header.unmapped:
            if col not in report.unmapped_columns:
                report.unmapped_columns.append(col)
        for n, row in enumerate(rows[:start], start=1):
            texts = [c.text for c in row if c.text]
            if texts:
                report.skipped.append(SkippedRow(f"{where}, row {n}", "row above the header", " | ".join(texts)))
        records, _ = collect_records(
            rows[start + 1 :],
            header,
            where=where,
            pillar=pillar_from_text(title),
            skipped=report.skipped,
            first_row=start + 2,
        )
        kind = options.get("plan") or header.kind() or "previous"
        if kind == "new":
            sub.new_plan.actions += [to_new(r, report) for r in records]
        else:
            sub.previous_plan.actions += [to_previous(r, report) for r in records]
    if not found_any and not report.unmapped_columns:
        names = ", ".join(repr(t) for t, _ in sheets) or "(none)"
        raise InvalidInputError(
            "no header row found: a header names an action column (Action, Aim, Objective …) and at least "
            "one more (Ref, Owner, RAG …) in its first rows; use --map \"Header=action\" for other wordings",
            path,
            f"sheet {names}" if len(sheets) == 1 else f"sheets {names}",
        )
    if not found_any:
        # Known columns but none for the actions: say which headers could be mapped to "action".
        report.warnings.append(
            f"no column holds the actions; map one of {', '.join(report.unmapped_columns)} to action (--map)"
        )
    report.recognised = {"previous actions": len(sub.previous_plan.actions), "new actions": len(sub.new_plan.actions)}
    count_per_pillar(report, [*sub.previous_plan.actions, *sub.new_plan.actions])
    return ImportResult(sub, report)
