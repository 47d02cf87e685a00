"""Opening, leaving and editing plan cells changes nothing the user did not edit, character for character."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_helpers import controller, show_active
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit

from tcdesk import interchange
from tcdesk.model import Pillar
from tcdesk.ui.cell_text import keep_unedited
from tcdesk.ui.plan_delegates import TalentChooser, TextCellEditor
from tcdesk.ui.plan_models import NewPlanModel, PreviousPlanModel
from tcdesk.ui.plan_table import PlanTable
from tcdesk.ui.qt_text import to_qt

#: Characters Qt's plain-text editor spells its own way, and some it does not.
AWKWARD = "a\r\nb\u00a0c\u2028d\u2029e\rf\tg 😀 **h** | i\n"


def _table(qtbot, make_submission, model_class=PreviousPlanModel, **kw):
    doc = controller(make_submission, **kw)
    return doc, show_active(qtbot, PlanTable(model_class(doc)), 1300, 400)


def _open(table, plan_index: int, field: str):
    assert table.focus_cell(plan_index, field)
    editor = QApplication.focusWidget()
    assert editor is table.active_editor()
    return editor


def _leave(qtbot, table, editor, how: str) -> None:
    if how == "click away":
        table.setFocus()  # the editor loses focus: Qt commits it
    else:
        qtbot.keyClick(editor, {"escape": Qt.Key.Key_Escape, "enter": Qt.Key.Key_Return, "tab": Qt.Key.Key_Tab}[how])
    qtbot.waitUntil(lambda: table.active_editor() is not editor, timeout=1000)


LEAVING = ["escape", "enter", "tab", "click away"]


@pytest.mark.parametrize("how", LEAVING)
@pytest.mark.parametrize("text", [AWKWARD, "\ufeff" + AWKWARD, "\ufffe" + AWKWARD])
def test_opening_and_leaving_a_text_cell_keeps_every_character(qtbot, make_submission, how, text):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", action=text)])
    before = interchange.dumps(doc.submission())
    _leave(qtbot, table, _open(table, 0, "action"), how)
    assert interchange.dumps(doc.submission()) == before
    assert doc.undo_stack.count() == 0


@pytest.mark.parametrize("mark", ["\ufeff", "\ufffe"])
def test_a_cell_starting_with_a_byte_order_mark_is_shown_and_kept_as_stored(qtbot, make_submission, mark):
    # PySide reads a leading U+FEFF as a byte-order mark and drops it; after U+FFFE it read every
    # character byte-swapped ("ab" showed as "愀戀"), and typing stored that.
    doc, table = _table(qtbot, make_submission, NewPlanModel,
                        new=[dict(ref=mark + "V01", pillar="visibility", action=mark + "ab", owner=mark + "cd")])
    editor = _open(table, 0, "action")
    assert editor.toPlainText() == mark + "ab"
    qtbot.keyClicks(editor, "!")
    _leave(qtbot, table, editor, "enter")
    editor = _open(table, 0, "ref")
    assert editor.text() == mark + "V01"
    editor.end(False)
    qtbot.keyClicks(editor, "!")
    _leave(qtbot, table, editor, "enter")
    action = doc.submission().new_plan.actions[0]
    assert (action.action, action.ref, action.owner) == (mark + "ab!", mark + "V01!", mark + "cd")
    assert table.model().index(table.model().row_of(0), table.model().column_of("owner")).data() == mark + "cd"


def test_typing_in_a_cell_changes_only_what_was_typed(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", action=AWKWARD)])
    editor = _open(table, 0, "action")
    qtbot.keyClicks(editor, "more")  # the cursor starts at the end
    assert doc.submission().previous_plan.actions[0].action == AWKWARD + "more"
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, "A")
    assert doc.submission().previous_plan.actions[0].action == "A" + AWKWARD[1:] + "more"
    _leave(qtbot, table, editor, "enter")
    assert doc.submission().previous_plan.actions[0].action == "A" + AWKWARD[1:] + "more"
    doc.undo_stack.undo()
    assert doc.submission().previous_plan.actions[0].action == AWKWARD
    doc.undo_stack.redo()
    assert doc.submission().previous_plan.actions[0].action == "A" + AWKWARD[1:] + "more"


def test_escape_after_typing_puts_the_stored_text_back_and_leaves_no_undo_step(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, NewPlanModel, new=[dict(ref="V01", pillar="visibility", owner=AWKWARD)])
    before = interchange.dumps(doc.submission())
    editor = _open(table, 0, "owner")
    qtbot.keyClicks(editor, "xyz")
    assert doc.submission().new_plan.actions[0].owner == AWKWARD + "xyz"
    _leave(qtbot, table, editor, "escape")
    assert interchange.dumps(doc.submission()) == before
    assert doc.undo_stack.count() == 0


@pytest.mark.parametrize("how", LEAVING)
def test_a_ref_not_typed_in_keeps_its_spaces(qtbot, make_submission, how):
    doc, table = _table(qtbot, make_submission, NewPlanModel,
                        new=[dict(ref=" V01 ", pillar="visibility", carried_from="R 2 ")])
    before = interchange.dumps(doc.submission())
    _leave(qtbot, table, _open(table, 0, "ref"), how)
    _leave(qtbot, table, _open(table, 0, "carried_from"), how)
    assert interchange.dumps(doc.submission()) == before


def test_a_typed_ref_is_still_trimmed(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref=" V01 ", pillar="visibility")])
    editor = _open(table, 0, "ref")
    editor.selectAll()
    qtbot.keyClicks(editor, " V07 ")
    _leave(qtbot, table, editor, "enter")
    assert doc.submission().previous_plan.actions[0].ref == "V07"


@pytest.mark.parametrize("how", LEAVING)
def test_the_pillar_dropdown_of_an_action_without_pillar_changes_nothing_until_a_pillar_is_chosen(qtbot, make_submission, how):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="X1", action="Imported", pillar=None)])
    before = interchange.dumps(doc.submission())
    combo = _open(table, 0, "pillar")
    assert isinstance(combo, QComboBox) and combo.currentText() == "— (no pillar)"
    _leave(qtbot, table, combo, how)
    assert interchange.dumps(doc.submission()) == before
    combo = _open(table, 0, "pillar")
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    _leave(qtbot, table, combo, "enter")
    assert doc.submission().previous_plan.actions[0].pillar is Pillar.VISIBILITY


@pytest.mark.parametrize("how", LEAVING)
def test_the_talent_chooser_keeps_the_codes_order_and_repeats(qtbot, make_submission, how):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", talent=["R9", "R2", "R17", "R2"])])
    before = interchange.dumps(doc.submission())
    _leave(qtbot, table, _open(table, 0, "talent"), how)
    assert interchange.dumps(doc.submission()) == before


def test_ticking_a_code_adds_only_that_code(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", talent=["R9", "R2", "R17"])])
    chooser = _open(table, 0, "talent")
    assert isinstance(chooser, TalentChooser)
    qtbot.keyClick(chooser, Qt.Key.Key_Down)
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # R3
    qtbot.keyClick(chooser, Qt.Key.Key_Space)
    assert doc.submission().previous_plan.actions[0].talent == ["R3", "R9", "R2", "R17"]
    qtbot.keyClick(chooser, Qt.Key.Key_Up)  # R2
    qtbot.keyClick(chooser, Qt.Key.Key_Space)
    assert doc.submission().previous_plan.actions[0].talent == ["R3", "R9", "R17"]


# --- the text kept, for any stored text and any edit --------------------------------------------------

_editor: list[QPlainTextEdit] = []


def _shown(text: str) -> str:
    if not _editor:
        _editor.append(QPlainTextEdit())
    _editor[0].setPlainText(to_qt(text))
    return _editor[0].toPlainText()


def _awkward(text: str) -> Counter[str]:
    text = text.replace("\r\n", "¶")
    return Counter(ch for ch in text if ch in "¶\r\u2028\u2029\u00a0")


def _pieces(pieces: list[str], max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


stored_text = _pieces([*"ab \n\t", "\r\n", "\r", "\u00a0", "\u2028", "\u2029", "😀", "\ufeff", "\ufffe"], 40)


@settings(max_examples=300, deadline=None)
@given(stored=stored_text, data=st.data())
def test_an_edit_keeps_every_stored_character_it_did_not_touch(qapp, stored, data):
    shown = _shown(stored)
    start = data.draw(st.integers(0, len(shown)))
    stop = data.draw(st.integers(start, len(shown)))
    typed = data.draw(st.text(alphabet="ab \n", max_size=5))
    edited = shown[:start] + typed + shown[stop:]
    kept = keep_unedited(stored, shown, edited)
    assert _shown(kept) == edited  # it reads exactly as the user sees it
    if edited == shown:
        assert kept == stored
    if start == stop:  # only typed, nothing removed: every stored character is still there, in order
        assert not _awkward(stored) - _awkward(kept)
        assert _is_subsequence(stored, kept)


# --- every cell of both plans, visited with every way of leaving it ------------------------------------

cell_text = _pieces([*"ab *#|-\n\t ", "\r\n", "\r", "\u00a0", "\u2028", "😀", "<b>", "\ufeff", "\ufffe"], 12)
NEW_FIELDS_VISITED = ("ref", "pillar", "action", "owner", "collaborators", "due", "success_measures", "resourcing", "talent", "carried_from")
PREVIOUS_FIELDS_VISITED = ("ref", "pillar", "action", "collaborators", "success_measures", "progress", "explanation", "talent", "rag")


@st.composite
def actions(draw, fields):
    out = []
    for _ in range(draw(st.integers(1, 2))):
        action = {f: draw(cell_text) for f in fields if f not in ("pillar", "talent", "rag", "due")}
        action["pillar"] = draw(st.sampled_from([None, "visibility", "sustainability"]))
        action["talent"] = draw(st.lists(st.sampled_from(["R1", "R2", "R9", "R16", "R17", "R03"]), max_size=4))
        if "rag" in fields:
            action["rag"] = draw(st.sampled_from([None, "red", "green"]))
        else:
            action["due"] = draw(st.sampled_from(["", "2026-03", "2027-12-31"]))
        out.append(action)
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prev=actions(PREVIOUS_FIELDS_VISITED), new=actions(NEW_FIELDS_VISITED), how=st.sampled_from(LEAVING))
def test_visiting_every_cell_of_both_plans_changes_nothing(qtbot, make_submission, prev, new, how):
    doc = controller(make_submission, prev=prev, new=new)
    before = interchange.dumps(doc.submission())
    for model_class, fields, count in ((PreviousPlanModel, PREVIOUS_FIELDS_VISITED, len(prev)), (NewPlanModel, NEW_FIELDS_VISITED, len(new))):
        table = show_active(qtbot, PlanTable(model_class(doc)), 1300, 400)
        for i in range(count):
            for field in fields:
                editor = _open(table, i, field)
                if isinstance(editor, TextCellEditor):
                    assert editor.toPlainText() == _shown(table.model().actions()[i].__dict__[field])
                _leave(qtbot, table, editor, how)
        table.close()
    assert interchange.dumps(doc.submission()) == before
    assert doc.undo_stack.count() == 0


def _item(chooser: TalentChooser, text_start: str):
    rows = [r for r in range(chooser.count()) if chooser.item(r).text().startswith(text_start)]
    assert len(rows) == 1, [chooser.item(r).text() for r in rows]
    return chooser.item(rows[0])


def _space_on(qtbot, chooser: TalentChooser, item) -> None:
    chooser.setCurrentItem(item)
    qtbot.keyClick(chooser, Qt.Key.Key_Space)


def test_a_repeated_talent_code_shows_each_copy_and_unticking_one_removes_only_that_one(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", talent=["R9", "R2", "R17", "R2", "R40"])])
    chooser = _open(table, 0, "talent")
    talent = lambda: doc.submission().previous_plan.actions[0].talent
    first, second = _item(chooser, "R2 (copy 1 of 2) — "), _item(chooser, "R2 (copy 2 of 2) — ")
    assert first.checkState() == second.checkState() == Qt.CheckState.Checked
    assert chooser.row(second) == chooser.row(first) + 1  # the copies are listed together
    _space_on(qtbot, chooser, second)
    assert talent() == ["R9", "R2", "R17", "R40"]
    assert chooser.currentItem() is second and second.checkState() == Qt.CheckState.Unchecked
    _space_on(qtbot, chooser, second)  # ticked again: back in its place
    assert talent() == ["R9", "R2", "R17", "R2", "R40"]
    _space_on(qtbot, chooser, first)
    assert talent() == ["R9", "R17", "R2", "R40"]
    _space_on(qtbot, chooser, _item(chooser, "R9 — "))
    assert talent() == ["R17", "R2", "R40"]
    _space_on(qtbot, chooser, _item(chooser, "R1 — "))
    assert talent() == ["R1", "R17", "R2", "R40"]
    _leave(qtbot, table, chooser, "enter")
    assert talent() == ["R1", "R17", "R2", "R40"]
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert talent() == ["R9", "R2", "R17", "R2", "R40"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(codes=st.lists(st.sampled_from(["R1", "R2", "R9", "R16", "R17", "R03"]), max_size=6), data=st.data())
def test_the_talent_chooser_changes_only_the_copies_ticked_or_unticked(qtbot, codes, data):
    chooser = TalentChooser()
    qtbot.addWidget(chooser)
    chooser.set_codes(codes)
    assert chooser.codes() == codes
    rows = data.draw(st.lists(st.integers(0, chooser.count() - 1), max_size=6))
    for row in rows:
        _space_on(qtbot, chooser, chooser.item(row))
        chooser.set_codes(chooser.codes())  # as the table reloads the editor after each tick
    flipped = {row for row in set(rows) if rows.count(row) % 2}
    unticked = {chooser.item(r).data(chooser._PLACE) for r in flipped} - {None}
    added = [chooser.item(r).data(Qt.ItemDataRole.UserRole) for r in sorted(flipped) if chooser.item(r).data(chooser._PLACE) is None]
    result = chooser.codes()
    # A code with no place was not among those set, so the added codes are all new ones.
    assert [c for c in result if c not in added] == [c for place, c in enumerate(codes) if place not in unticked]
    assert sorted(c for c in result if c in added) == sorted(added)


# --- typing anywhere in a real cell editor only adds what is typed ---------------------------------------

#: Stored text with every line end and space Qt's editor spells its own way, tabs, a combining mark and emoji.
stored_cell = _pieces(["a", "b", " ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u2028", "\u2029", "e\u0301", "😀", "👩\u200d🔬",
                      "\ufeff", "\ufffe"], 16)
#: Keys: characters, and Shift+Enter ("\n"), the cell editor's new line.
typed_keys = st.lists(st.sampled_from(["x", " ", "é", "\n", "😀"]), min_size=1, max_size=4)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stored=stored_cell, keys=typed_keys, data=st.data())
def test_typing_anywhere_in_a_cell_only_adds_the_typed_characters(qtbot, make_submission, stored, keys, data):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", action=stored)])
    editor = _open(table, 0, "action")
    shown = editor.toPlainText()
    at = data.draw(st.integers(0, len(shown)), label="cursor")
    cursor = editor.textCursor()
    cursor.setPosition(_utf16(shown[:at]))
    editor.setTextCursor(cursor)
    for key in keys:
        if key == "\n":
            qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        else:  # a key press carrying the character, as a keyboard layout sends "é" or "😀"
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, key))
    typed = "".join(keys)
    _leave(qtbot, table, editor, "enter")
    result = doc.submission().previous_plan.actions[0].action
    assert _shown(result) == editor.toPlainText()  # it reads as the user sees it
    assert _is_subsequence(stored, result)  # every stored character is still there, in order
    added = Counter(result) - Counter(stored)
    extra = added - Counter(typed)
    # ... and what was added is what was typed, a line end written "\r\n" after a stored lone "\r"
    assert set(extra) <= {"\r"} and extra["\r"] <= typed.count("\n")
    assert Counter(typed) - added == Counter()


def test_escape_in_the_talent_chooser_puts_the_codes_back_and_a_visit_is_one_undo_step(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", talent=["R9", "R2", "R2"])])
    talent = lambda: doc.submission().previous_plan.actions[0].talent
    chooser = _open(table, 0, "talent")
    _space_on(qtbot, chooser, _item(chooser, "R1 — "))
    _space_on(qtbot, chooser, _item(chooser, "R2 (copy 2 of 2) — "))
    assert talent() == ["R1", "R9", "R2"]
    _leave(qtbot, table, chooser, "escape")
    assert talent() == ["R9", "R2", "R2"] and doc.undo_stack.count() == 0
    for code in ("R1", "R3"):  # two visits, two steps
        chooser = _open(table, 0, "talent")
        _space_on(qtbot, chooser, _item(chooser, f"{code} — "))
        _space_on(qtbot, chooser, _item(chooser, "R9 — "))
        _space_on(qtbot, chooser, _item(chooser, "R9 — "))
        _leave(qtbot, table, chooser, "enter")
    assert talent() == ["R1", "R3", "R9", "R2", "R2"] and doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert talent() == ["R1", "R9", "R2", "R2"]


@pytest.mark.parametrize("field", ["ref", "due", "rag", "pillar", "carried_from"])
def test_a_recheck_arriving_while_a_cell_is_edited_keeps_what_the_user_has_typed_or_chosen(qtbot, make_submission, field):
    # The checker marks required cells over the whole table; Qt then reloads every open editor from
    # the model, which put back the stored ref, due date or rating over what the user had not yet entered.
    previous = field == "rag"
    doc, table = _table(qtbot, make_submission, PreviousPlanModel if previous else NewPlanModel,
                        **({"prev": [dict(ref="V01", pillar="visibility", rag="green")]} if previous else
                           {"new": [dict(ref="V01", pillar="visibility", due="2026-03", carried_from="R01")]}))
    editor = _open(table, 0, field)
    if isinstance(editor, QComboBox):
        qtbot.keyClick(editor, Qt.Key.Key_Up if field == "rag" else Qt.Key.Key_Down)
        chosen = editor.currentText()
    else:
        editor.selectAll()
        qtbot.keyClicks(editor, "2027-01")
        chosen = editor.text()
    table.model().set_required({(0, "explanation" if previous else "resourcing")})
    assert (editor.currentText() if isinstance(editor, QComboBox) else editor.text()) == chosen
    _leave(qtbot, table, editor, "enter")
    action = (doc.submission().previous_plan if previous else doc.submission().new_plan).actions[0]
    stored = {"ref": action.ref, "due": getattr(action, "due", None), "carried_from": getattr(action, "carried_from", None),
              "rag": getattr(action, "rag", None), "pillar": action.pillar}[field]
    expected = {"ref": "2027-01", "due": "2027-01", "carried_from": "2027-01", "rag": "amber", "pillar": "recognition"}[field]
    assert getattr(stored, "value", stored) == expected


@pytest.mark.parametrize("field", ["rag", "pillar"])
def test_the_mouse_wheel_over_an_open_dropdown_scrolls_and_changes_nothing(qtbot, make_submission, field):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    doc, table = _table(qtbot, make_submission, prev=[dict(ref=f"V{n:02d}", pillar="visibility", rag="green") for n in range(1, 40)])
    before = interchange.dumps(doc.submission())
    combo = _open(table, 0, field)
    shown = combo.currentText()
    centre = QPointF(combo.rect().center())
    for delta in (120, -120, -120):
        wheel = QWheelEvent(centre, QPointF(combo.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))), QPoint(0, 0),
                            QPoint(0, delta), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(combo, wheel)
        assert combo.currentText() == shown
    _leave(qtbot, table, combo, "click away")
    assert interchange.dumps(doc.submission()) == before


# --- long cells: typing in two places keeps the stored spelling between them -------------------------


def test_typing_at_the_end_then_in_the_middle_of_a_long_cell_keeps_the_stored_spelling_between(qtbot, make_submission):
    """Each keystroke is written back from the text as of the one before: comparing with the text as
    loaded made two places typed in one change spanning all between them, which in a long cell was
    written in the editor's spelling (every "\\r\\n" as "\\n", no-break spaces as spaces)."""
    line = "Progress\u00a0on the award scheme;\r\n"
    stored = line * 400  # 12,000 characters
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", action=stored)])
    editor = _open(table, 0, "action")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "end")
    cursor = editor.textCursor()
    middle = len(line.replace("\r\n", "\n")) * 200
    cursor.setPosition(middle)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "mid")
    _leave(qtbot, table, editor, "enter")
    assert doc.submission().previous_plan.actions[0].action == line * 200 + "mid" + line * 200 + "end"


@settings(max_examples=300, deadline=None)
@given(stored=stored_text)
def test_a_place_in_the_shown_text_is_found_in_the_stored_text_from_either_end(qapp, stored):
    from tcdesk.ui.cell_text import _place, _places

    shown = _shown(stored)
    assert [_place(stored, shown, i) for i in range(len(shown) + 1)] == _places(stored, shown)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stored=stored_cell, visits=st.lists(st.tuples(st.floats(0, 1), typed_keys), min_size=2, max_size=3))
def test_typing_in_several_places_of_a_cell_only_adds_the_typed_characters(qtbot, make_submission, stored, visits):
    """Each place typed in is written back from the text as of the key before, so what lies between
    two places keeps its stored spelling however far apart they are."""
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", action=stored * 3)])
    editor = _open(table, 0, "action")
    typed = ""
    for where, keys in visits:
        shown = editor.toPlainText()
        cursor = editor.textCursor()
        cursor.setPosition(_utf16(shown[: round(where * len(shown))]))
        editor.setTextCursor(cursor)
        for key in keys:
            if key == "\n":
                qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
            else:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, key))
        typed += "".join(keys)
    _leave(qtbot, table, editor, "enter")
    result = doc.submission().previous_plan.actions[0].action
    assert _shown(result) == editor.toPlainText()
    assert _is_subsequence(stored * 3, result)
    extra = (Counter(result) - Counter(stored * 3)) - Counter(typed)
    assert set(extra) <= {"\r"} and extra["\r"] <= typed.count("\n")
    assert Counter(typed) - (Counter(result) - Counter(stored * 3)) == Counter()
