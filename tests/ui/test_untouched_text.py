"""Visiting every part of a submission and saving changes nothing the user did not edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from tcdesk import interchange
from tcdesk.storage.store import load_project, save_project
from tcdesk.ui.answer_editor import AnswerEditor

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _walk_and_save(qtbot, window) -> None:
    """Look at every part as a user would (click into each editor and table), then Ctrl+S."""
    for row in range(window.navigation.count()):
        window.navigation.setFocus()
        window.navigation.setCurrentRow(row)
        page = window.stack.currentWidget()
        if isinstance(page, AnswerEditor):
            page.editor.setFocus()
            qtbot.keyClick(page.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClick(page.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        for view in page.findChildren(QAbstractItemView):
            if view.isVisible() and view.model() is not None and view.model().rowCount():
                view.setFocus()
                view.setCurrentIndex(view.model().index(0, 0))
        qtbot.wait(5)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.close()


def _synthetic():
    from synthetic import make_synthetic

    return make_synthetic(120, answer_words=600)


def _awkward():
    """Fields Qt's widgets are quick to change: past QLineEdit's 32,767 characters, starting with what
    PySide takes for a byte-order mark, dates before the year 100, repeated TALENT codes, lone CRs."""
    from tcdesk.model import Submission

    data = interchange.to_dict(Submission())
    long = "word " * 8000
    data.update(
        organisation="\ufeffUniversity of Northmoor", webpage_url="https://example.org/" + long,
        leads=[{"name": "\ufffeAda", "role": long, "email": "ada@example.org"}],
        signoff={"lead": {"name": "Ada", "role": "Lead", "date": "0066-10-14"},
                 "leader": {"name": "\ufeff", "role": "", "date": "0100-01-01"}},
    )
    data["previous_plan"].update(period="\ufeff2022\r2025", actions=[
        dict(ref="\ufeffV01", pillar="visibility", action="a\rb\r\nc\u2028", talent=["R9", "R2", "R2"], progress=long),
        dict(ref="X1", pillar=None, action="\ufffe", talent=["R2", "R2", "R40"]),
    ])
    data["new_plan"]["actions"] = [dict(ref="V01", pillar="visibility", owner="\ufeffAnn", due="2026-03", carried_from="\ufeffV01")]
    return interchange.from_dict(data)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(_awkward, id="awkward"),
        pytest.param(lambda: interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"), id="northmoor-clean"),
        pytest.param(lambda: interchange.read(EXAMPLES / "northmoor-draft.tcdesk.json"), id="northmoor-draft"),
        pytest.param(_synthetic, id="synthetic"),
    ],
)
def test_open_visit_every_part_save_and_quit_leaves_the_project_byte_identical(qtbot, open_window, tmp_path, source):
    path = tmp_path / "project.tcdesk"
    save_project(source(), path)
    before = interchange.dumps(load_project(path))
    window = open_window(path)
    _walk_and_save(qtbot, window)
    assert window.controller.undo_stack.count() == 0  # nothing to undo: nothing was edited
    assert interchange.dumps(load_project(path)) == before
