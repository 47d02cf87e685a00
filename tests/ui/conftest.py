"""Fixtures for the editor's widget tests: a main window on a fresh project."""

from __future__ import annotations

from pathlib import Path

import pytest

from tcdesk.model import Submission


@pytest.fixture
def open_window(qtbot, pm):
    """``open_window(path, submission=None)``: a shown main window editing a project at ``path``.

    A new project is created from ``submission`` (blank by default) unless ``path`` exists.
    """
    from tcdesk.session import Session
    from tcdesk.ui.main_window import MainWindow

    windows = []

    def build(path: Path, submission: Submission | None = None):
        window = MainWindow(Session(pm=pm))
        qtbot.addWidget(window)
        if Path(path).exists() and submission is None:
            assert window.open_file(path)
        else:
            window.files.new(submission or Submission(), path)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        windows.append(window)
        return window

    yield build
    for window in windows:
        if window.isVisible():
            window.close()


@pytest.fixture
def answer_editor(qtbot, make_submission):
    """The real editor of question 3, shown, on a submission whose answer 3 is ``text``."""
    from tcdesk.session import Session
    from tcdesk.ui.answer_editor import AnswerEditor
    from tcdesk.ui.document import DocumentController

    def build(text: str) -> AnswerEditor:
        sub = make_submission()
        sub.answers["3"] = text
        editor = AnswerEditor(DocumentController(Session(sub)), "3")
        qtbot.addWidget(editor)
        editor.show()
        return editor

    return build


@pytest.fixture(autouse=True)
def _stop_modal_watchers():
    """A test's :class:`modal_helpers.Modals` never answers the windows of the tests after it."""
    yield
    from modal_helpers import Modals

    for watcher in Modals.live:
        watcher.stop()
    Modals.live.clear()
