"""The import preview: counts per pillar, skipped rows, a column map that re-runs the import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from tcdesk.session import Session
from tcdesk.ui.import_dialog import ImportDialog
from tests.importers.builders import AMBER, add_table, docx_with, question_heading


def plan_docx(path: Path) -> Path:
    def build(document):
        question_heading(document, "3")
        add_table(document, [
            ["Ref", "What we set out to do", "Owner", "RAG"],
            ["V01", "Newsletter.", "Comms", "Green"],
            ["--", "--", "--", "--"],
            ["R01", "Awards.", "HR", ""],
        ], fills={(3, 3): AMBER})
    return docx_with(path, build)


def rows(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_preview_shows_what_was_recognised_and_the_map_reruns_the_import(qtbot, pm, tmp_path: Path) -> None:
    dialog = ImportDialog(Session(pm=pm), plan_docx(tmp_path / "plan.docx"))
    qtbot.addWidget(dialog)
    # Without an action column nothing is recognised; the odd header is offered for mapping.
    assert dialog.import_result is not None and dialog.import_result.submission.previous_plan.actions == []
    assert [dialog.mapping.item(r, 0).text() for r in range(dialog.mapping.rowCount())] == ["What we set out to do"]
    dialog.set_mapping("What we set out to do", "action")
    qtbot.mouseClick(dialog.reimport_button, qtbot_button())
    assert rows(dialog.pillars) == [["Visibility", "1"], ["Recognition", "1"]]
    assert rows(dialog.skipped)[0][:2] == ["table 1, row 3", "separator row (page break)"]
    assert "2 previous actions" in dialog.summary.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result_submission is not None
    assert [(a.ref, a.action, a.rag.value) for a in dialog.result_submission.previous_plan.actions] == [
        ("V01", "Newsletter.", "green"), ("R01", "Awards.", "amber")]


def test_a_file_that_cannot_be_imported_shows_why_and_disables_import(qtbot, pm, tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("not a document", encoding="utf-8")
    dialog = ImportDialog(Session(pm=pm), path)
    qtbot.addWidget(dialog)
    assert "Nothing can be imported" in dialog.summary.text() and "notes.docx" in dialog.summary.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.accept()
    assert dialog.result_submission is None


def test_a_pdf_inflating_to_gigabytes_is_refused_and_the_editor_carries_on(qtbot, pm, tmp_path: Path) -> None:
    import resource
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))
    import generators

    bomb = generators.pdf_content_bomb(tmp_path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    dialog = ImportDialog(Session(pm=pm), bomb)
    qtbot.addWidget(dialog)
    assert "Nothing can be imported" in dialog.summary.text()
    assert "PDFium stopped reading this PDF" in dialog.summary.text() and "content-bomb.pdf" in dialog.summary.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 100 * 1024  # KiB: read elsewhere


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_section_step_lists_each_section_with_its_question_and_a_choice_reruns_the_import(qtbot, pm, tmp_path):
    from tests.importers.freeform import SECTIONS, UNMATCHED, UNMATCHED_TEXT, build_docx

    dialog = ImportDialog(Session(pm=pm), build_docx(tmp_path / "eastmoor.docx"))
    qtbot.addWidget(dialog)
    dialog.show()
    listed = [(dialog.sections.item(r, 0).text(), dialog.sections.cellWidget(r, 1).currentData())
              for r in range(dialog.sections.rowCount())]
    assert listed == [*((h, n) for h, n, _ in SECTIONS), (UNMATCHED, "")]
    assert rows(dialog.rag) == [["Visibility", "0", "0", "0", "2"], ["Recognition", "0", "0", "0", "1"],
                                ["Career Development", "0", "0", "0", "3"], ["Sustainability", "0", "0", "0", "1"]]
    assert dialog.sections.cellWidget(8, 1).toolTip().startswith("Matched no question")
    # The unmatched glossary goes to question 7; the RAG section is left out, with its table.
    dialog.set_section(9, "7")
    dialog.set_section(3, "")
    assert UNMATCHED_TEXT in dialog.import_result.submission.answers["7"]
    assert dialog.import_result.submission.previous_plan.actions == [] and rows(dialog.rag) == []
    assert dialog.sections.cellWidget(8, 1).currentData() == "7"
    assert dialog.sections.cellWidget(2, 1).currentData() == ""
    # Keyboard: the combo takes a choice from the keyboard, and the import follows.
    combo = dialog.sections.cellWidget(2, 1)
    combo.setFocus()
    qtbot.keyClick(combo, qtbot_key_down())
    assert dialog.sections.cellWidget(2, 1).currentData() == "1"
    assert "Most of our previous actions are complete." in dialog.import_result.submission.answers["1"]
    assert combo.accessibleName().startswith("Question for section 3")
    import os
    if shots := os.environ.get("TCDESK_SCREENSHOTS"):
        dialog.grab().save(os.path.join(shots, "import-sections.png"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert UNMATCHED_TEXT in dialog.result_submission.answers["7"]


def qtbot_key_down():
    from PySide6.QtCore import Qt

    return Qt.Key.Key_Down


def test_a_file_tcdesk_exported_is_previewed_as_read_exactly(qtbot, pm, tmp_path: Path) -> None:
    from tcdesk import interchange
    from tcdesk.importers.carried import READ_EXACTLY
    from tests.conftest import EXAMPLES

    original = interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json")
    path = Session(original, pm=pm).export("pdf", tmp_path / "northmoor.pdf")
    dialog = ImportDialog(Session(pm=pm), path)
    qtbot.addWidget(dialog)
    assert READ_EXACTLY in dialog.summary.text() and "⚠" not in dialog.summary.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result_submission is not None
    assert dialog.result_submission.answers == original.answers


def test_scrolling_over_the_preview_changes_no_choice(qtbot, pm, tmp_path: Path) -> None:
    # A wheel turned while the pointer passed over a "Goes to" or column-map dropdown changed it: a
    # section went to another question, or was left out of the import, without a click.
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication, QComboBox

    def build(document):
        for number in ("3", "4"):
            question_heading(document, number)
            document.add_paragraph(f"Our answer to question {number}.")
        add_table(document, [["Ref", "What we set out to do", "RAG"], ["V01", "Newsletter.", "Green"]])

    dialog = ImportDialog(Session(pm=pm), docx_with(tmp_path / "answers.docx", build))
    qtbot.addWidget(dialog)
    dialog.show()
    combos = [w for w in dialog.findChildren(QComboBox) if w.isVisible()]
    assert len(combos) >= 3
    chosen = [c.currentIndex() for c in combos]
    dialog.buttons.setFocus()
    for combo in combos:
        centre = QPointF(combo.rect().center())
        for delta in (120, -120, -120):
            QApplication.sendEvent(combo, QWheelEvent(centre, QPointF(combo.mapToGlobal(centre)), QPoint(0, 0), QPoint(0, delta),
                                                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                      Qt.ScrollPhase.NoScrollPhase, False))
    assert [c.currentIndex() for c in combos] == chosen


def test_import_uses_the_map_shown_even_without_importing_again(qtbot, pm, tmp_path: Path) -> None:
    """A column map or plan choice made and then Import pressed at once: what is imported is what the
    dialog shows, so the mapped column's words are not left behind unseen."""
    csv = tmp_path / "plan.csv"
    csv.write_bytes("Ref,Action,RAG,Our notes\r\nV01,Publish a webpage,Green,\"Done\u00a0in 2024 ✅  \r\nsecond line\"\r\n"
                    .encode("utf-8"))
    dialog = ImportDialog(Session(pm=pm), csv)
    qtbot.addWidget(dialog)
    dialog.set_mapping("Our notes", "progress")
    dialog.plan.setCurrentIndex(dialog.plan.findText("Previous plan (RAG)"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result_submission is not None
    expected = Session(pm=pm).import_file(csv, dialog.options()).submission
    assert [(a.ref, a.action, a.progress) for a in dialog.result_submission.previous_plan.actions] == [
        (a.ref, a.action, a.progress) for a in expected.previous_plan.actions]
    assert "Done\u00a0in 2024 ✅" in dialog.result_submission.previous_plan.actions[0].progress
