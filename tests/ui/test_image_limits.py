"""Insert image holds the project's size limits (docs/limits.md) before the picture is read."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tcdesk.storage import limits
from tcdesk.storage.limits import ProjectTooLargeError
from tcdesk.ui.format_actions import FormatActions
from tcdesk.ui.rich_text_edit import add_image
from tests.ui.test_answer_editor import _editor


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "chart.png"
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    image.setPixelColor(3, 4, QColor("white"))
    assert image.save(str(path))
    return path


def test_a_picture_the_project_could_not_hold_is_refused_before_it_is_read(qtbot, make_submission, picture, monkeypatch):
    editor = _editor(qtbot, make_submission, "Results:\n")
    before = editor._controller.submission().attachments[:]
    monkeypatch.setattr(limits, "MAX_CONTENT", picture.stat().st_size + 10)  # the answers alone are more than 10
    monkeypatch.setattr(type(picture), "read_bytes", lambda self: pytest.fail("the picture was read"))
    with pytest.raises(ProjectTooLargeError) as caught:
        add_image(editor._controller, editor.editor, picture)
    assert str(caught.value).startswith(f"{picture}: cannot add it to the project: ")
    assert f"(attachment 'chart.png' is {picture.stat().st_size:,} bytes)" in str(caught.value)
    assert editor._controller.submission().attachments == before
    assert "attachment:" not in editor.editor.toHtml()


def test_insert_image_says_why_in_a_message_box(qtbot, make_submission, picture, monkeypatch):
    editor = _editor(qtbot, make_submission, "Results:\n")
    actions = FormatActions(editor)
    actions.controller = editor._controller
    monkeypatch.setattr(limits, "MAX_CONTENT", 100)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(picture), "")))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append((title, text))))
    actions._ask_image(editor.editor)
    assert len(shown) == 1 and shown[0][0] == "Insert image"
    assert shown[0][1].startswith(f"{picture}: cannot add it to the project: ")
    assert editor._controller.submission().attachments == []
    picture.unlink()  # gone between choosing and inserting
    monkeypatch.setattr(limits, "MAX_CONTENT", 200 * 2**20)
    actions._ask_image(editor.editor)
    assert shown[1] == ("Insert image", f"{picture}: no such file")


def test_a_picture_within_the_limits_is_added(qtbot, make_submission, picture):
    editor = _editor(qtbot, make_submission, "Results:\n")
    assert add_image(editor._controller, editor.editor, picture) == "chart.png"
    assert editor._controller.submission().attachment("chart.png").data == picture.read_bytes()
