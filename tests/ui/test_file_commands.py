"""File menu commands: export warns about remaining errors but never refuses; import makes a draft."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tcdesk import interchange
from tcdesk.ui import file_commands

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_export_with_errors_warns_and_exports_when_confirmed(qtbot, open_window, tmp_path, monkeypatch):
    window = open_window(tmp_path / "a.tcdesk")
    window.controller.set_value(("organisation",), "Northmoor")
    window.checker.check_now()
    qtbot.waitUntil(lambda: bool(window.checker.findings), timeout=3000)
    asked: list[str] = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", answer)
    out = file_commands.export(window, "json", tmp_path / "out.tcdesk.json")
    assert asked and "error" in asked[0]
    assert interchange.read(out).organisation == "Northmoor"


def test_export_declined_writes_nothing(qtbot, open_window, tmp_path, monkeypatch):
    window = open_window(tmp_path / "a.tcdesk")
    window.checker.check_now()
    qtbot.waitUntil(lambda: bool(window.checker.findings), timeout=3000)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: QMessageBox.StandardButton.No)
    assert file_commands.export(window, "json", tmp_path / "out.tcdesk.json") is None
    assert not (tmp_path / "out.tcdesk.json").exists()


def test_import_of_interchange_json_opens_a_draft(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk")
    assert file_commands.import_file(window, EXAMPLES / "northmoor-clean.tcdesk.json")
    assert window.files.is_draft()
    assert window.controller.submission().organisation == "University of Northmoor"
    assert "(draft)" in window.saved_label.text()


def test_import_of_a_spreadsheet_goes_through_the_preview_dialog(qtbot, open_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from tcdesk.ui.import_dialog import ImportDialog

    csv = tmp_path / "plan.csv"
    csv.write_text("Ref,Action,RAG,Progress\nV01,Publish a webpage,Green,Done in 2024\nR01,Annual awards,Amber,Two rounds held\n", encoding="utf-8")
    shown: list[Path] = []

    def accept_at_once(dialog):
        shown.append(dialog.path)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", accept_at_once)
    window = open_window(tmp_path / "a.tcdesk")
    assert file_commands.import_file(window, csv)
    assert shown == [csv]
    assert window.files.is_draft() and window.files.path.name == "plan.tcdesk"
    assert [a.ref for a in window.controller.submission().previous_plan.actions] == ["V01", "R01"]
