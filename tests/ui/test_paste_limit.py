"""A paste or drop that would make the project too large to save is refused before anything changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMessageBox

from tcdesk.model import Attachment, AttachmentKind
from tcdesk.session import Session
from tcdesk.storage import limits
from tcdesk.ui.answer_editor import AnswerEditor
from tcdesk.ui.cover_editor import CoverEditor
from tcdesk.ui.document import DocumentController
from tcdesk.ui.paste_limit import TITLE

ROOM = 20_000  # about as many characters as the project can still take
ANSWER = "Our **technicians** lead.\n\n* one\n* two\n"
HUGE = "word " * ROOM  # 100,000 characters


@pytest.fixture
def nearly_full(make_submission):
    """A controller on a submission whose appendix (a PDF) leaves room for under ``ROOM`` more characters."""
    sub = make_submission(organisation="Northmoor")
    sub.answers["3"] = ANSWER
    sub.attachments.append(
        Attachment("appendix.pdf", AttachmentKind.APPENDIX, "application/pdf", bytes(limits.MAX_CONTENT - ROOM))
    )
    limits.check_submission(sub, None, "test", ("pasted", 100))  # a short paste still fits
    with pytest.raises(limits.ProjectTooLargeError):
        limits.check_submission(sub, None, "test", ("pasted", len(HUGE)))
    return DocumentController(Session(sub))


def _answer_editor(qtbot, controller) -> AnswerEditor:
    editor = AnswerEditor(controller, "3")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.editor.setFocus()
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    return editor


def _message(widget) -> str:
    boxes = [box for box in widget.findChildren(QMessageBox) if box.windowTitle() == TITLE]
    assert len(boxes) == 1, "one message says why nothing was pasted"
    text = boxes[0].text()
    boxes[0].close()
    return text


def _says_sizes(text: str) -> None:
    assert f"is {limits.size(len(HUGE))}" in text  # how large the pasted text is
    assert f"more than {limits.size(limits.MAX_CONTENT)}" in text  # and what a project holds


def test_pasting_too_much_text_into_an_answer_changes_nothing_and_says_why(qtbot, nearly_full):
    editor = _answer_editor(qtbot, nearly_full)
    shown = editor.editor.toPlainText()
    QGuiApplication.clipboard().setText(HUGE)
    qtbot.keySequence(editor.editor, QKeySequence.StandardKey.Paste)
    editor.commit()
    assert editor.editor.toPlainText() == shown
    assert nearly_full.submission().answers["3"] == ANSWER
    assert nearly_full.undo_stack.count() == 0
    _says_sizes(_message(editor))


def test_pasting_too_much_html_into_an_answer_changes_nothing(qtbot, nearly_full):
    editor = _answer_editor(qtbot, nearly_full)
    shown = editor.editor.toPlainText()
    data = QMimeData()
    data.setHtml("<p>" + HUGE + "</p>")  # a browser's copy: HTML without a plain-text twin
    QGuiApplication.clipboard().setMimeData(data)
    editor.editor.paste()
    editor.commit()
    assert editor.editor.toPlainText() == shown
    assert nearly_full.submission().answers["3"] == ANSWER
    assert "of text and attachments" in _message(editor)


def test_dropping_too_much_text_into_an_answer_changes_nothing(qtbot, nearly_full):
    editor = _answer_editor(qtbot, nearly_full)
    shown = editor.editor.toPlainText()
    data = QMimeData()
    data.setText(HUGE)
    _drop(editor.editor.viewport(), data)
    editor.commit()
    assert editor.editor.toPlainText() == shown
    assert nearly_full.submission().answers["3"] == ANSWER
    _says_sizes(_message(editor))


def _drop(viewport, data: QMimeData) -> None:
    """Drag ``data`` over ``viewport`` and drop it there, as a mouse does."""
    at, copy, left, none = QPoint(5, 5), Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QGuiApplication.sendEvent(viewport, QDragEnterEvent(at, copy, data, left, none))
    QGuiApplication.sendEvent(viewport, QDragMoveEvent(at, copy, data, left, none))
    QGuiApplication.sendEvent(viewport, QDropEvent(QPointF(at), copy, data, left, none))


def test_a_paste_that_fits_goes_in_as_before(qtbot, nearly_full):
    editor = _answer_editor(qtbot, nearly_full)
    QGuiApplication.clipboard().setText("and more")
    qtbot.keySequence(editor.editor, QKeySequence.StandardKey.Paste)
    editor.commit()
    assert nearly_full.submission().answers["3"] == ANSWER.replace("* two\n", "* twoand more\n")
    assert not [box for box in editor.findChildren(QMessageBox) if box.windowTitle() == TITLE]


def test_pasting_too_much_into_a_cover_field_changes_nothing_and_says_why(qtbot, nearly_full):
    cover = CoverEditor(nearly_full)
    qtbot.addWidget(cover)
    cover.show()
    cover.organisation.setFocus()
    cover.organisation.end(False)
    QGuiApplication.clipboard().setText(HUGE)
    cover.organisation.paste()
    assert cover.organisation.text() == "Northmoor"
    assert nearly_full.submission().organisation == "Northmoor"
    _says_sizes(_message(cover.organisation))
    QGuiApplication.clipboard().setText(" University")
    cover.organisation.paste()  # what fits goes in
    assert nearly_full.submission().organisation == "Northmoor University"
