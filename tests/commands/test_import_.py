"""``tcdesk import``: report printed, project written, existing files kept unless --force."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tcdesk.cli import main
from tests.importers.builders import RED, add_table, docx_with, question_heading


def plan_xlsx(path: Path) -> Path:
    import openpyxl
    from openpyxl.styles import PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2021-24 plan"
    ws.append(["Action plan"])
    ws.append(["Ref", "What we set out to do", "Lead", "RAG Rating"])
    ws.append(["S01", "Apprenticeships.", "HR", ""])
    ws.append(["S02", "Outreach.", "Comms", "Complete"])
    ws["D3"].fill = PatternFill("solid", fgColor=RED)
    wb.save(path)
    return path


def test_import_prints_the_report_and_writes_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tcdesk.storage import load_project

    out = tmp_path / "plan.tcdesk"
    code = main(["import", str(plan_xlsx(tmp_path / "plan.xlsx")), str(out), "--map", "What we set out to do=action"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "previous actions: 2" in printed and "actions per pillar: Sustainability 2" in printed
    assert "skipped sheet '2021-24 plan', row 1: row above the header" in printed
    actions = load_project(out).previous_plan.actions
    assert [(a.ref, a.action, a.rag.value) for a in actions] == [("S01", "Apprenticeships.", "red"), ("S02", "Outreach.", "green")]


def test_import_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def build(document):
        question_heading(document, "3")
        add_table(document, [["Ref", "Action", "RAG"], ["V01", "Newsletter.", "Green"]])

    source = docx_with(tmp_path / "plan.docx", build)
    out = tmp_path / "plan.tcdesk.json"
    out.write_text("keep me", encoding="utf-8")
    assert main(["import", str(source), str(out)]) == 2
    assert "already exists" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "keep me"
    assert main(["import", str(source), str(out), "--force"]) == 0
    assert '"V01"' in out.read_text(encoding="utf-8")


def test_bad_map_and_bad_output_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = plan_xlsx(tmp_path / "plan.xlsx")
    assert main(["import", str(source), str(tmp_path / "x.tcdesk"), "--map", "Lead=boss"]) == 2
    assert "unknown field 'boss'" in capsys.readouterr().err
    assert main(["import", str(source), str(tmp_path / "x.docx")]) == 2
    assert "must be a .tcdesk project" in capsys.readouterr().err


def test_checking_json_never_loads_the_import_libraries(tmp_path: Path) -> None:
    from tcdesk import interchange
    from tcdesk.model import Submission

    path = tmp_path / "s.tcdesk.json"
    interchange.write(Submission(organisation="University of Northmoor"), path)
    probe = (
        "import sys; from tcdesk.cli import main; main(['check', sys.argv[1]]); "
        "print(sorted(m for m in ('docx', 'lxml', 'openpyxl', 'pypdf', 'pypdfium2', 'PySide6') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
