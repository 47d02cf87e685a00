"""Chinese, Japanese and Korean words are shown in the editor, not as empty boxes, where the system has
no font for them: the PDF's bundled face is offered to Qt once a project or a paste holds such words."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextLayout

from tcdesk.model import Submission
from tcdesk.ui.answer_editor import AnswerEditor

WORDS = "東京大学 서울대학교 ひらがな"


def _glyphs(widget, text: str) -> list[int]:
    """The glyphs Qt lays ``text`` out with in ``widget``'s font (0: the empty box of a missing glyph)."""
    layout = QTextLayout(text, widget.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [g for run in layout.glyphRuns() for g in run.glyphIndexes()]


def test_a_project_holding_cjk_words_shows_them(qtbot, pm):
    from tcdesk.session import Session
    from tcdesk.ui.main_window import MainWindow

    window = MainWindow(Session(pm=pm))
    qtbot.addWidget(window)
    window.controller.replace_submission(Submission(organisation="University of Kent", answers={"1": WORDS}))
    glyphs = _glyphs(window, WORDS.replace(" ", ""))
    assert glyphs and 0 not in glyphs


def test_pasted_cjk_words_are_shown(answer_editor):
    editor: AnswerEditor = answer_editor("Our partners: ")
    data = QMimeData()
    data.setText("한국어 カタカナ")
    editor.editor.insertFromMimeData(data)
    glyphs = _glyphs(editor.editor, "한국어カタカナ")
    assert glyphs and 0 not in glyphs
    assert "한국어 カタカナ" in editor.editor.toPlainText()
