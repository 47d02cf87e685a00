"""'Last time' under each question of a renewal: collapsed, read-only, copied in as one undoable edit."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from tcdesk.model import Submission
from tcdesk.session import Session
from tcdesk.ui.answer_editor import AnswerEditor
from tcdesk.ui.document import DocumentController

LAST = "Last cycle we had **240** technicians."


def _editor(qtbot, sub: Submission, number: str = "1") -> AnswerEditor:
    editor = AnswerEditor(DocumentController(Session(sub)), number)
    qtbot.addWidget(editor)
    editor.resize(760, 560)
    editor.show()
    return editor


def test_last_time_is_collapsed_under_the_guidance_and_copies_as_one_undoable_edit(qtbot):
    sub = Submission(last_time={"1": LAST})
    sub.answers["1"] = "This cycle: 260."
    editor = _editor(qtbot, sub)
    panel = editor.last_time
    assert panel.isVisible() and not panel.is_expanded() and not panel.text.isVisible()
    layout = editor.layout()
    assert layout.indexOf(panel) == layout.indexOf(editor.header) + 1  # right under the guidance
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.text.isVisible() and "240" in panel.text.toPlainText()
    assert panel.text.isReadOnly()
    if shots := os.environ.get("TCDESK_SCREENSHOTS"):
        editor.grab().save(os.path.join(shots, "last-time.png"))
    controller = editor._controller
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert controller.submission().answers["1"] == f"This cycle: 260.\n\n{LAST}"
    assert "240" in editor.editor.toPlainText()
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Copy last time's answer into question 1"
    controller.undo_stack.undo()
    assert controller.submission().answers["1"] == "This cycle: 260."
    assert controller.submission().last_time == {"1": LAST}  # last time is never edited


def test_typing_not_yet_handed_to_the_model_is_kept_when_copying(qtbot):
    editor = _editor(qtbot, Submission(last_time={"1": LAST}))
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "Fresh words")
    editor.last_time.set_expanded(True)
    editor.last_time.copy_into_answer()
    assert editor._controller.submission().answers["1"].startswith("Fresh words\n\n")


def test_no_panel_where_last_time_said_nothing(qtbot):
    editor = _editor(qtbot, Submission(last_time={"2": "Only question 2."}))
    assert not editor.last_time.isVisible()
    editor.last_time.copy_into_answer()
    assert editor._controller.submission().answers["1"] == ""


def test_keyboard_reaches_the_panel_and_its_button(qtbot):
    editor = _editor(qtbot, Submission(last_time={"1": LAST}))
    panel = editor.last_time
    panel.toggle.setFocus()
    qtbot.keyClick(panel.toggle, Qt.Key.Key_Space)
    assert panel.is_expanded()
    assert panel.copy_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert panel.copy_button.accessibleName().startswith("Copy last cycle's answer")


def test_a_figure_in_last_times_answer_is_drawn(qtbot):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
    from PySide6.QtGui import QColor, QImage, QTextDocument

    from tcdesk.model import Attachment, AttachmentKind

    image = QImage(8, 6, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    sub = Submission(last_time={"1": "Staff:\n\n![Chart](attachment:staff.png)"},
                     attachments=[Attachment("staff.png", AttachmentKind.FIGURE, "image/png", bytes(data))])
    editor = _editor(qtbot, sub)
    shown = editor.last_time.text.document().resource(QTextDocument.ResourceType.ImageResource,
                                                      QUrl("attachment:staff.png"))
    assert isinstance(shown, QImage) and shown.width() == 8


def test_copying_keeps_every_byte_of_the_answer_it_follows(qtbot):
    """Copying adds last time's text after the answer; the answer's own last characters — a no-break
    space, a line separator, an emoji, a hard break's two spaces, Windows line ends — stay as they are."""
    for mine in ("Ours\u00a0", "Ours\u2028", "Ours 🎉", "Ours  ", "Ours\r\n", "Ours\r\n\r\n", "Ours\n"):
        sub = Submission(last_time={"1": LAST})
        sub.answers["1"] = mine
        editor = _editor(qtbot, sub)
        editor.last_time.copy_into_answer()
        stored = editor._controller.submission().answers["1"]
        assert stored.startswith(mine) and stored.endswith(LAST), repr(stored)
        between = stored[len(mine):-len(LAST)]
        assert between.strip("\r\n") == "" and (mine + between).replace("\r\n", "\n").endswith("\n\n"), repr(stored)
