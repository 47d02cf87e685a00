"""Action plans from spreadsheets: XLSX with fills and a header below a title, CSV in any encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from tcdesk.errors import InvalidInputError
from tcdesk.model import Pillar, Rag
from tcdesk.plugins.import_sheet import CsvImporter, XlsxImporter
from tests.importers.builders import GREEN, RED


def workbook(path: Path, sheets: dict[str, list[list[object]]], fills: dict[tuple[str, int, int], str] | None = None) -> Path:
    import openpyxl
    from openpyxl.styles import PatternFill

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    for (title, r, c), fill in (fills or {}).items():
        wb[title].cell(row=r, column=c).fill = PatternFill("solid", fgColor=fill)
    wb.save(path)
    return path


PLAN = [
    ["University of Northmoor: Technician Commitment action plan 2021-2024"],
    [],
    ["RAG status", "Ref.", "Objective", "Lead", "How impact will be evidenced (projected dates)", "TALENT recommendation(s)", "Notes for panel"],
    ["", "V01", "Create a technician newsletter.", "Comms", "Issues read by staff.", "R11", "X1"],
    ["In progress", "R01", "Start awards.", "HR", "Winners each year.", "R2, R11", "X2"],
    ["", "C01", "Mentoring for new technicians.", "HR", "Pairs matched.", "TCR 10", ""],
    ["", "", "Extended to apprentices.", "", "", "", ""],
]


def test_xlsx_header_below_a_title_with_synonyms_and_fills(tmp_path: Path) -> None:
    path = workbook(tmp_path / "plan.xlsx", {"Action plan": PLAN}, {("Action plan", 4, 1): GREEN, ("Action plan", 6, 1): RED})
    result = XlsxImporter().load(path)
    actions = result.submission.previous_plan.actions
    assert [(a.ref, a.pillar, a.rag, a.talent) for a in actions] == [
        ("V01", Pillar.VISIBILITY, Rag.GREEN, ["R11"]),
        ("R01", Pillar.RECOGNITION, Rag.AMBER, ["R2", "R11"]),
        ("C01", Pillar.CAREER_DEVELOPMENT, Rag.RED, ["R10"]),
    ]
    assert actions[2].action == "Mentoring for new technicians.\n\nExtended to apprentices."
    assert actions[0].collaborators == "Comms" and actions[0].success_measures == "Issues read by staff."
    assert result.report.unmapped_columns == ["Notes for panel"]
    assert result.report.skipped[0].where == "sheet 'Action plan', row 1"


def test_map_option_names_an_odd_column(tmp_path: Path) -> None:
    path = workbook(tmp_path / "plan.xlsx", {"Sheet": PLAN})
    options = {"map:Notes for panel": "resourcing", "plan": "new"}
    result = XlsxImporter().load(path, options)
    assert result.submission.previous_plan.actions == []
    assert [a.resourcing for a in result.submission.new_plan.actions] == ["X1", "X2", ""]
    assert any(w.startswith("RAG ratings are not part of a new plan") for w in result.report.warnings)


def test_sheets_named_after_pillars_set_the_pillar(tmp_path: Path) -> None:
    rows = [["Aim", "Owner", "RAG Rating"], ["Be visible.", "Comms", "Green"]]
    path = workbook(tmp_path / "pillars.xlsx", {"Visibility": rows, "Sustainability": [rows[0], ["Keep skills.", "HR", "Red"]]})
    actions = XlsxImporter().load(path).submission.previous_plan.actions
    assert [(a.pillar, a.rag) for a in actions] == [(Pillar.VISIBILITY, Rag.GREEN), (Pillar.SUSTAINABILITY, Rag.RED)]


def test_a_sheet_without_a_header_row_is_a_clear_error(tmp_path: Path) -> None:
    path = workbook(tmp_path / "notes.xlsx", {"Notes": [["Some notes"], ["More notes", 3]]})
    with pytest.raises(InvalidInputError) as err:
        XlsxImporter().load(path)
    message = str(err.value)
    assert "notes.xlsx" in message and "sheet 'Notes'" in message and "no header row" in message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_csv_in_common_encodings_and_delimiters(tmp_path: Path, encoding: str) -> None:
    text = "Ref;Action;Owner;RAG\nV01;Café mornings for technicians – monthly;Siân Jones;Amber\n"
    if encoding != "cp1252":
        text = text.replace("Siân", "Siân Ó Súilleabháin")
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode(encoding))
    actions = CsvImporter().load(path).submission.previous_plan.actions
    assert len(actions) == 1
    assert actions[0].action == "Café mornings for technicians – monthly"
    assert actions[0].collaborators.startswith("Siân") and actions[0].rag is Rag.AMBER


def test_csv_without_header_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("1,2,3\n4,5,6\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"numbers\.csv.*no header row"):
        CsvImporter().load(path)


def test_a_sheet_with_known_columns_but_no_action_column_asks_for_a_map(tmp_path: Path) -> None:
    path = workbook(tmp_path / "odd.xlsx", {"Plan": [["Ref", "What we will do", "RAG"], ["V01", "Newsletter.", "Green"]]})
    result = XlsxImporter().load(path)
    assert result.submission.previous_plan.actions == []
    assert result.report.unmapped_columns == ["What we will do"]
    assert any("map one of What we will do to action" in w for w in result.report.warnings)
    mapped = XlsxImporter().load(path, {"map:What we will do": "action"}).submission.previous_plan.actions
    assert [(a.ref, a.action) for a in mapped] == [("V01", "Newsletter.")]
