"""One honest undo history: only the user's edits are steps, and Ctrl+Z finds them after import, save and export."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tcdesk import interchange
from tcdesk.model import Submission
from tcdesk.ui import file_commands
from tcdesk.ui.markdown_document import markdown_html

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CTRL = Qt.KeyboardModifier.ControlModifier


def _active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # shortcuts reach an active window only
    return window


def _type_at_end(qtbot, window, part: str, text: str):
    _active(qtbot, window)
    window.show_part(part)
    box = window.page(part).editor
    box.setFocus()
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box, text)
    return box


def test_after_an_import_ctrl_z_in_an_answer_undoes_the_typing(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "start.tcdesk")
    assert file_commands.import_file(window, EXAMPLES / "northmoor-draft.tcdesk.json")
    imported = interchange.read(EXAMPLES / "northmoor-draft.tcdesk.json").answers["4"]
    for key in ("q1", "q2", "q3", "previous", "q4"):  # looking around is no step
        window.show_part(key)
    assert window.controller.undo_stack.count() == 0
    box = _type_at_end(qtbot, window, "q4", " More.")
    window.page("q4").commit()
    assert window.commands.undo.text() == "&Undo Edit answer 4"
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert window.controller.submission().answers["4"] == imported
    assert window.page("q4").editor.toPlainText().endswith("More.") is False


def test_save_and_export_push_no_step_and_leave_the_last_edit_to_undo(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk", interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"))
    before = window.controller.submission().answers["2"]
    box = _type_at_end(qtbot, window, "q2", " Added.")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert file_commands.export(window, "json", tmp_path / "out.tcdesk.json", confirm=False) is not None
    assert window.controller.undo_stack.count() == 1
    assert window.commands.undo.text() == "&Undo Edit answer 2"
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert window.controller.submission().answers["2"] == before


def test_undoing_an_edit_made_in_another_part_shows_that_part(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "b.tcdesk", interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"))
    before = window.controller.submission().answers["5"]
    _type_at_end(qtbot, window, "q5", " Changed.")
    window.show_part("cover")
    _active(qtbot, window)
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Z, CTRL)
    assert window.current_part() == "q5"
    assert window.controller.submission().answers["5"] == before


def test_ctrl_b_typed_in_the_window_stores_valid_bold(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "c.tcdesk", interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"))
    box = _type_at_end(qtbot, window, "q7", "")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClicks(box, "We held ")
    qtbot.keyClick(box, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(box, "three listening sessions")
    qtbot.keyClick(box, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(box, " and ")
    qtbot.keyClick(box, Qt.Key.Key_I, CTRL)
    qtbot.keyClicks(box, "a survey ")
    qtbot.keyClick(box, Qt.Key.Key_I, CTRL)
    qtbot.keyClicks(box, "too.")
    window.page("q7").commit()
    stored = window.controller.submission().answers["7"]
    assert stored.endswith("We held **three listening sessions** and *a survey* too.\n")


# --- Hypothesis: any run of typing, formatting, part switches, Ctrl+Z and Ctrl+Y -----------------


#: Answers in spellings the editor writes differently; undo must give back these very bytes.
ODD_ANSWERS = {
    "2": "* Forums meet\n* monthly  \n  in every faculty\n\n1986\\. A year of _snake_case_ &amp; a\\*b\r\n",
    "3": "> | Group | Size |\n> |---|---:|\n> | Forum | 40 |\n\nOur forums meet\nmonthly.\n\n***\n",
    "4": "7) seven\n8) eight\n\n    indented code\n\nText with <b> and &copy; and a line\\\nbreak.",
}
ACTION = st.one_of(
    st.tuples(st.just("type"), st.floats(0, 1), st.sampled_from(["x", " more", "_a*", "\t"])),
    st.tuples(st.just("bold"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("enter"), st.floats(0, 1)),
    st.tuples(st.sampled_from(["undo", "redo"])),
    st.tuples(st.just("part"), st.sampled_from(["q2", "q3", "q4"])),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(ACTION, min_size=1, max_size=8))
def test_undo_back_to_the_start_gives_the_stored_bytes_and_redo_gives_the_edit(
    qtbot, open_window, tmp_path_factory, actions
):
    sub = Submission()
    sub.answers.update(ODD_ANSWERS)
    window = _active(qtbot, open_window(tmp_path_factory.mktemp("u") / "p.tcdesk", sub))
    original = dict(window.controller.submission().answers)
    window.show_part("q3")
    for action in actions:
        page = window.stack.currentWidget()
        box = page.editor
        box.setFocus()
        length = len(box.toPlainText())
        if action[0] == "type":
            cursor = box.textCursor()
            cursor.setPosition(round(action[1] * length))
            box.setTextCursor(cursor)
            qtbot.keyClicks(box, action[2])
        elif action[0] == "bold":
            cursor = box.textCursor()
            cursor.setPosition(round(min(action[1:]) * length))
            cursor.setPosition(round(max(action[1:]) * length), QTextCursor.MoveMode.KeepAnchor)
            box.setTextCursor(cursor)
            qtbot.keyClick(box, Qt.Key.Key_B, CTRL)
        elif action[0] == "enter":
            cursor = box.textCursor()
            cursor.setPosition(round(action[1] * length))
            box.setTextCursor(cursor)
            qtbot.keyClick(box, Qt.Key.Key_Return)
        elif action[0] in ("undo", "redo"):
            qtbot.keyClick(box, Qt.Key.Key_Z if action[0] == "undo" else Qt.Key.Key_Y, CTRL)
        else:
            window.show_part(action[1])
    window.commit_pages()
    stack = window.controller.undo_stack
    edited = dict(window.controller.submission().answers)
    # Every step back changes the answers (no step from a visit or a load), down to the stored bytes.
    steps = stack.index()
    for _ in range(steps):
        before = dict(window.controller.submission().answers)
        window.commands.undo.trigger()
        assert window.controller.submission().answers != before
    assert window.controller.submission().answers == original
    for number in ("2", "4"):  # and the boxes show it (3's table in a quote is shown out of the quote)
        shown = window.page(f"q{number}").editor.markdown()
        assert " ".join(markdown_html(shown).split()) == " ".join(markdown_html(original[number]).split())
    for _ in range(steps):
        window.commands.redo.trigger()
    assert window.controller.submission().answers == edited
    window.close()
