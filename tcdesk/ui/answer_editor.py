"""The editor of one question's answer: official wording, rich text stored as CommonMark, word count."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolBar, QVBoxLayout, QWidget

from tcdesk.answer_blocks import Block, splice, top_level_blocks
from tcdesk.rules.context import word_count
from tcdesk.rules.finding import Location
from tcdesk.template import load_template
from tcdesk.ui.document import DocumentController
from tcdesk.ui.format_actions import FormatActions
from tcdesk.ui.last_time import LastTimePanel
from tcdesk.ui.paste_limit import refused
from tcdesk.ui.question_header import QuestionHeader
from tcdesk.ui.rich_text_edit import RichTextEdit, plain_offset

__all__ = ["AnswerEditor"]

#: How long typing may run before the text reaches the model (and so the autosave and the checks).
PUSH_INTERVAL_MS = 150


class AnswerEditor(QWidget):
    """One answer of questions 1–8.

    :param controller: the open document.
    :param number: the question number, ``"1"`` … ``"8"``.
    :param actions: the shared Format commands shown in the toolbar.
    :param minimum: the rule pack's suggested minimum number of words, if it has one.
    """

    def __init__(
        self,
        controller: DocumentController,
        number: str,
        actions: FormatActions | None = None,
        minimum: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.number = number
        self.minimum = minimum
        self._path = ("answers", number)
        question = load_template().question(number)
        self.header = QuestionHeader(question, self)
        self.editor = RichTextEdit(self)
        self.editor.setAccessibleName(f"Answer to question {number}")
        self.editor.setAccessibleDescription(question.text)
        self.editor.size_guard = lambda added: refused(controller.session, added, self)
        self.toolbar = QToolBar(f"Format question {number}", self)
        self.toolbar.setAccessibleName("Formatting")
        if actions is not None:
            self.toolbar.addActions(actions.actions)
            for action in actions.actions:  # keyboard users reach the toolbar with Tab too
                button = self.toolbar.widgetForAction(action)
                if button is not None:
                    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
                    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        self.words = QLabel(self)
        self.words.setAccessibleName("Word count")
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.words)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        self.last_time = LastTimePanel(controller, number, parent=self)
        self.last_time.about_to_copy.connect(self.commit)  # typing not yet in the model comes first
        layout.addWidget(self.last_time)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor, 1)
        layout.addLayout(footer)
        self._shown = ""
        self._shown_blocks: list[Block] = []
        self._loaded: list[str] = []
        self._edited = False
        self._push_timer = QTimer(self, singleShot=True, interval=PUSH_INTERVAL_MS)
        self._push_timer.timeout.connect(self.commit)
        self.editor.edited.connect(self._on_edited)
        self.editor.focus_lost.connect(self._on_focus_lost)
        controller.changed.connect(self._on_changed)
        controller.reset.connect(self._load)
        self._load()

    # --- model → widget --------------------------------------------------------------------------

    def _load_images(self) -> None:
        sub = self._controller.submission()
        self.editor.set_images({a.name: QImage.fromData(a.data) for a in sub.attachments if a.media_type.startswith("image/")})

    def _load(self) -> None:
        self._push_timer.stop()
        self._load_images()
        self._show(self._controller.submission().answer(self.number))

    def _show(self, text: str) -> None:
        #: The answer as stored: written back untouched unless the user edits the text.
        self._shown = text
        self.editor.set_markdown(text)
        self._shown_blocks = top_level_blocks(text)
        #: The editor's own spelling of each block of ``_shown``, to tell which blocks an edit changed.
        self._loaded = self.editor.markdown_blocks()
        self._edited = False
        self._update_words(text)

    def _on_changed(self, prefix: tuple) -> None:
        n = min(len(prefix), len(self._path))
        if prefix[:n] == self._path[:n]:  # this answer, all answers, or everything changed
            current = self._controller.submission().answer(self.number)
            if current != self._shown:  # an undo, redo or import, not this widget's own typing
                self._push_timer.stop()
                self._show(current)
        elif prefix[:1] == ("attachments",):
            self._load_images()
            self.editor.viewport().update()

    # --- widget → model --------------------------------------------------------------------------

    def _on_edited(self) -> None:
        self._edited = True
        if not self._push_timer.isActive():
            self._push_timer.start()  # not restarted: continuous typing still reaches the model

    def commit(self) -> None:
        """Hand the user's changes to the model now (also done shortly after each keystroke).

        Nothing is written unless the user changed the text, and then only the changed blocks:
        every other block keeps its stored bytes.
        """
        self._push_timer.stop()
        if not self._edited:
            return
        self._edited = False
        spelled = self.editor.markdown_blocks()
        text, self._shown_blocks = splice(self._shown, self._shown_blocks, self._loaded, spelled)
        self._loaded = spelled
        if text != self._shown:
            self._shown = text
            self._controller.set_value(self._path, text, typing=True, description=f"Edit answer {self.number}")
        self._update_words(text)

    def _on_focus_lost(self) -> None:
        self.commit()
        self._controller.break_merge()

    def _update_words(self, text: str) -> None:
        n = word_count(text)
        if self.minimum:
            mark = "" if n >= self.minimum else " — below the suggested minimum"
            self.words.setText(f"{n} words (suggested minimum {self.minimum}){mark}")
        else:
            self.words.setText(f"{n} words")

    # --- findings --------------------------------------------------------------------------------

    def focus_location(self, location: Location) -> bool:
        """Put the cursor on the span a finding names (or the start of the answer) and focus."""
        self.editor.setFocus()
        if location.start is not None:
            text = self._controller.submission().answer(self.number)
            start = plain_offset(text, location.start)
            end = plain_offset(text, location.end if location.end is not None else location.start)
            # The estimate drifts with markup and blank lines; the words themselves are exact, so
            # select their occurrence nearest to it.
            words = text[location.start : location.end].strip() if location.end is not None else ""
            plain = self.editor.toPlainText()
            found = [m.start() for m in re.finditer(re.escape(words), plain)] if words else []
            if found:
                start = min(found, key=lambda at: abs(at - start))
                end = start + len(words)
            self.editor.select_plain_span(start, end)
        return True
