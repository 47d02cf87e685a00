"""Answer editors: CommonMark in and out, clean pasting, word counts, spans, one undo history."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

from tcdesk.rules.finding import Location, Section
from tcdesk.session import Session
from tcdesk.ui.answer_editor import AnswerEditor
from tcdesk.ui.document import DocumentController
from tcdesk.ui.format_actions import FormatActions
from tcdesk.ui.rich_text_edit import markdown_from_html, plain_offset

WORD_HTML = """
<html><body>
<h2 style="font-family:Calibri;color:#1F4E79">Our <span style="font-size:14pt">network</span></h2>
<p class="MsoNormal" style="font-family:'Times New Roman';color:red"><b>Bold</b> and <i>italic</i>
with a <a href="https://example.ac.uk/tc">link</a>.</p>
<ul><li style="color:blue">First</li><li>Second</li></ul>
<ol><li>One</li><li>Two</li></ol>
<table border="1"><tr><th>Group</th><th>Members</th></tr><tr><td>Forum</td><td>40</td></tr></table>
</body></html>
"""


def _editor(qtbot, make_submission, text: str = "", minimum: int | None = None) -> AnswerEditor:
    sub = make_submission()
    sub.answers["4"] = text
    controller = DocumentController(Session(sub))
    editor = AnswerEditor(controller, "4", minimum=minimum)
    qtbot.addWidget(editor)
    return editor


def test_answer_markdown_round_trips_structure(qtbot, make_submission):
    text = "## Impact\n\nWe ran **three** *forums*.\n\n- one\n- two\n\n1. first\n2. second\n\nSee [the page](https://example.ac.uk).\n"
    editor = _editor(qtbot, make_submission, text)
    out = editor.editor.markdown()
    for piece in ("## Impact", "**three**", "*forums*", "- one", "[the page](https://example.ac.uk)"):
        assert piece in out
    assert re.search(r"^1\.\s+first$", out, re.MULTILINE)  # Qt pads list markers; still CommonMark


def test_pasting_word_html_keeps_structure_and_drops_fonts_and_colours(qtbot, make_submission):
    md = markdown_from_html(WORD_HTML)
    assert "## Our network" in md
    assert "**Bold**" in md and "*italic*" in md
    assert "[link](https://example.ac.uk/tc)" in md
    assert "- First" in md and re.search(r"^1\.\s+One$", md, re.MULTILINE)
    assert "|Group|Members|" in md.replace(" ", "")
    for junk in ("Calibri", "color", "MsoNormal", "font", "style", "14pt"):
        assert junk not in md

    editor = _editor(qtbot, make_submission)
    mime = QMimeData()
    mime.setHtml(WORD_HTML)
    editor.editor.insertFromMimeData(mime)
    editor.commit()
    stored = editor._controller.submission().answers["4"]
    assert "**Bold**" in stored and "Calibri" not in stored and "- First" in stored


def test_typing_reaches_the_model_as_one_undo_step(qtbot, make_submission):
    editor = _editor(qtbot, make_submission)
    qtbot.keyClicks(editor.editor, "Technicians shaped the plan")
    qtbot.waitUntil(lambda: editor._controller.submission().answers["4"] == "Technicians shaped the plan\n", timeout=1000)
    assert editor._controller.undo_stack.count() == 1
    editor._controller.undo_stack.undo()
    assert editor.editor.toPlainText() == ""


def test_word_count_shows_the_rule_pack_minimum(qtbot, make_submission):
    editor = _editor(qtbot, make_submission, "one two three", minimum=200)
    assert editor.words.text().startswith("3 words (suggested minimum 200)")
    assert "below" in editor.words.text()
    plain = _editor(qtbot, make_submission, "one two")
    assert plain.words.text() == "2 words"


def test_format_actions_make_bold_and_lists(qtbot, make_submission):
    editor = _editor(qtbot, make_submission, "word here\n")
    actions = FormatActions(editor)
    editor.show()
    editor.editor.setFocus()
    qtbot.waitUntil(lambda: FormatActions.current is editor.editor, timeout=1000)
    editor.editor.selectAll()
    actions.bold.trigger()
    actions.bullets.trigger()
    md = editor.editor.markdown()
    assert "**word here**" in md and md.lstrip().startswith("-")


def test_focus_location_selects_the_finding_span(qtbot, make_submission):
    text = "We plan to **finish** it TBC soon.\n"
    editor = _editor(qtbot, make_submission, text)
    editor.show()
    start = text.index("TBC")
    editor.focus_location(Location(Section.QUESTION, question="4", start=start, end=start + 3))
    assert editor.editor.textCursor().selectedText() == "TBC"
    assert plain_offset(text, start) == editor.editor.toPlainText().index("TBC")


def test_question_wording_is_shown_and_collapsible(qtbot, make_submission):
    editor = _editor(qtbot, make_submission)
    editor.show()
    assert "evidence that your previous action plans are having impact" in editor.header.official.text()
    editor.header.set_expanded(False)
    assert not editor.header.official.isVisible()
    editor.header.set_expanded(True)
    assert editor.header.official.isVisible()
    assert QApplication.instance() is not None


def test_inserted_image_is_stored_in_the_project_and_referenced(qtbot, make_submission, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from tcdesk.ui.rich_text_edit import add_image

    picture = tmp_path / "survey chart.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    assert image.save(str(picture))
    editor = _editor(qtbot, make_submission, "Results:\n")
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    name = add_image(editor._controller, editor.editor, picture)
    editor.commit()
    sub = editor._controller.submission()
    assert name == "survey-chart.png"
    assert sub.attachment(name).data == picture.read_bytes()
    assert sub.attachment(name).media_type == "image/png"
    assert f"(attachment:{name})" in sub.answers["4"]
    assert add_image(editor._controller, editor.editor, picture) == "survey-chart-2.png"


def test_a_stored_figure_is_drawn_not_a_broken_image_even_after_a_reload(qtbot, make_submission):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
    from PySide6.QtGui import QColor, QImage, QTextDocument

    from tcdesk.model import Attachment, AttachmentKind

    picture = QImage(40, 20, QImage.Format.Format_RGB32)
    picture.fill(QColor("#2e7d32"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    editor = _editor(qtbot, make_submission, "Our structure:\n\n![Structure](attachment:chart.png)\n")
    sub = editor._controller.submission()
    sub.attachments.append(Attachment("chart.png", AttachmentKind.FIGURE, "image/png", bytes(data)))
    editor._controller.reset.emit()  # as after opening the project
    for _ in range(2):
        image = editor.editor.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("attachment:chart.png"))
        assert isinstance(image, QImage) and image.size().width() == 40
        editor._controller.set_value(("answers", "4"), sub.answers["4"] + "\nMore.\n")  # reloads the text


@pytest.mark.parametrize(
    "text",
    [
        "## Progress\n\nOf **52** actions:\n\n- done\n- going\n\nWe rated them (14 Red, **36 Amber** & 2 Green) in 2025.\n",
        # Qt counts an emoji beyond U+FFFF as two positions; Python as one character.
        "👩\u200d🔬 Our 🎉 forums (14 Red) met.\n",
    ],
)
def test_a_finding_selects_exactly_its_words(qtbot, make_submission, text):
    editor = _editor(qtbot, make_submission, text)
    start = text.index("14 Red")
    editor.focus_location(Location(Section.QUESTION, question="4", start=start, end=start + len("14 Red")))
    assert editor.editor.textCursor().selectedText() == "14 Red"


def test_typing_right_after_a_link_is_not_added_to_the_link(qtbot, make_submission):
    for text, end in [
        ("See [the page](https://example.ac.uk) now.\n", "See the page"),
        ("See <https://example.ac.uk>\n", "See https://example.ac.uk"),
    ]:
        editor = _editor(qtbot, make_submission, text)
        editor.show()
        editor.editor.setFocus()
        cursor = editor.editor.textCursor()
        cursor.setPosition(len(end))
        editor.editor.setTextCursor(cursor)
        qtbot.keyClicks(editor.editor, " today")
        editor.commit()
        stored = editor._controller.submission().answers["4"]
        assert stored == (text.replace(")", ") today", 1) if "[" in text else text.replace(">", "> today"))
