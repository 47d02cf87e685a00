"""Working together in the editor: read-only windows, the in-use dialog, merging, conflicted copies."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from modal_helpers import Modals, click
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from tcdesk import interchange
from tcdesk.lockfile import LockInfo, lock_path, read_lock
from tcdesk.model import Pillar, PreviousAction, Rag, Submission
from tcdesk.storage import ProjectStore, load_project
from tcdesk.ui import collaboration, in_use_dialog, merging
from tcdesk.ui.answer_editor import AnswerEditor
from tcdesk.ui.main_window import MainWindow
from tcdesk.userinfo import host_name

PARTS = ("cover", "q1", "q4", "previous", "new", "signoff")


def _submission() -> Submission:
    sub = Submission(organisation="University of Kent")
    sub.answers["4"] = "We embedded the commitment."
    sub.previous_plan.actions = [
        PreviousAction(ref="V06", pillar=Pillar.VISIBILITY, action="Technician awards", rag=Rag.AMBER, id="a1"),
        PreviousAction(ref="R01", pillar=Pillar.RECOGNITION, action="Career map", rag=Rag.RED, id="a2"),
    ]
    return sub


@pytest.fixture
def window(qtbot, pm):
    from tcdesk.session import Session

    w = MainWindow(Session(pm=pm))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


@pytest.fixture
def held(tmp_path):
    """A project held by another live process on this machine."""
    path = tmp_path / "University of Kent.tcdesk"
    ProjectStore.create(path, _submission()).close()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    now = datetime.now().astimezone()
    lock_path(path).write_text(LockInfo("alice", host_name(), holder.pid, now, now).to_json(), encoding="utf-8")
    yield path
    holder.kill()
    holder.wait()


def _edit_controls(widget):
    for child in widget.findChildren(QLineEdit) + widget.findChildren(QTextEdit) + widget.findChildren(QPlainTextEdit):
        yield child, child.isReadOnly()
    for child in widget.findChildren(QAbstractItemView):
        yield child, child.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    for child in widget.findChildren(QAbstractButton) + widget.findChildren(QComboBox) + widget.findChildren(QAbstractSpinBox):
        if child.objectName() == "qt_toolbar_ext_button":
            continue  # Qt's "»" on a narrow toolbar only shows its other buttons, which are checked here
        yield child, not child.isEnabled()


def test_a_held_project_opens_read_only_with_every_edit_control_off(qtbot, window, held, tmp_path):
    before = held.read_bytes()
    listing = sorted(p.name for p in held.parent.iterdir())
    asked = []
    assert collaboration.open_project_file(window, held, ask=lambda p, h: asked.append((p, h.user)) or "read-only")
    assert asked == [(held, "alice")]

    assert window.windowTitle().endswith("(read-only)")
    for key in PARTS:
        window.show_part(key)
        page = window.page(key)
        controls = list(_edit_controls(page))
        assert controls, key
        assert [c.objectName() or type(c).__name__ for c, off in controls if not off] == [], key
    assert not window.commands.merge.isEnabled() and not window.commands.save.isEnabled()

    window.show_part("q4")
    editor = window.page("q4").findChild(QTextEdit)
    editor.setFocus()
    qtbot.keyClicks(editor, "typed")
    window.controller.set_value(("organisation",), "Changed")  # even a direct edit is refused
    window.commit_pages()
    assert window.controller.submission().answers["4"] == "We embedded the commitment."
    assert window.controller.submission().organisation == "University of Kent"

    # Checking and export still work.
    window.checker.check_now()
    assert window.checker.wait(20000) and window.findings
    from tcdesk.ui import file_commands

    (tmp_path / "exports").mkdir()
    out = file_commands.export(window, "json", tmp_path / "exports" / "out.tcdesk.json", confirm=False)
    assert interchange.read(out).organisation == "University of Kent"
    window.close()
    assert held.read_bytes() == before
    assert sorted(p.name for p in held.parent.iterdir() if p.name != "exports") == listing  # nothing beside it
    assert read_lock(held).user == "alice"  # their lock is left alone


def test_save_as_from_a_read_only_window_gives_an_editable_project(window, held, tmp_path):
    collaboration.open_project_file(window, held, ask=lambda p, h: "read-only")
    target = window.files.save_as(tmp_path / "mine")
    assert target.name == "mine.tcdesk" and not window.windowTitle().endswith("(read-only)")
    window.show_part("cover")
    assert all(off is False or isinstance(c, QAbstractButton) for c, off in _edit_controls(window.page("cover")))
    window.controller.set_value(("organisation",), "Kent (my copy)")
    window.flush()
    assert load_project(target).organisation == "Kent (my copy)"


def test_open_a_copy_starts_a_draft_with_the_same_content(window, held):
    collaboration.open_project_file(window, held, ask=lambda p, h: "copy")
    assert window.files.is_draft() and window.files.path.name == "University of Kent (copy).tcdesk"
    assert window.controller.submission() == load_project(held)
    assert not window.windowTitle().endswith("(read-only)")


def test_the_in_use_dialog_names_the_holder_and_offers_take_over_only_when_stale(qtbot, tmp_path):
    path = tmp_path / "University of Kent.tcdesk"
    now = datetime.now().astimezone()
    live = LockInfo("alice", "LAB-PC-12", 4242, now - timedelta(hours=1), now)
    dialog = in_use_dialog.InUseDialog(path, live)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "University of Kent.tcdesk is in use"
    assert dialog.take_over_button.isHidden() and not dialog.read_only_button.isHidden()
    stale = LockInfo("alice", host_name(), 0, now, now)
    dialog = in_use_dialog.InUseDialog(path, stale)
    qtbot.addWidget(dialog)
    assert not dialog.take_over_button.isHidden()
    dialog.copy_button.click()
    assert dialog.choice == "copy"


def test_take_over_of_a_dead_processes_lock(window, tmp_path):
    path = tmp_path / "Kent.tcdesk"
    ProjectStore.create(path, _submission()).close()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    now = datetime.now().astimezone()
    lock_path(path).write_text(LockInfo("bob", host_name(), int(gone.stdout), now, now).to_json(), encoding="utf-8")
    seen = []
    assert collaboration.open_project_file(window, path, ask=lambda p, h: seen.append(h.is_stale()) or "take-over")
    assert seen == [True] and read_lock(path).pid == os.getpid()
    assert not window.windowTitle().endswith("(read-only)")


def _files(tmp_path: Path):
    base = _submission()
    theirs = copy.deepcopy(base)
    theirs.answers["4"] = "Their answer."
    theirs.answers["7"] = "Technicians ran the survey."
    theirs.previous_plan.actions[0].rag = Rag.RED
    ProjectStore.create(tmp_path / "base.tcdesk", base).close()
    interchange.write(theirs, tmp_path / "theirs.tcdesk.json")
    return base


def test_merge_a_contribution_picks_per_conflict_and_undoes_in_one_step(qtbot, window, tmp_path):
    base = _files(tmp_path)
    mine = copy.deepcopy(base)
    mine.answers["4"] = "My answer."
    mine.previous_plan.actions[0].rag = Rag.GREEN
    mine.previous_plan.actions[1].progress = "Map drafted."
    window.files.new(mine, tmp_path / "mine.tcdesk")
    shown = []

    def choose(conflicts):
        shown.extend(c.message for c in conflicts)
        return {conflicts[0].key: "theirs", conflicts[1].key: "mine"}

    assert merging.merge_contribution(window, tmp_path / "theirs.tcdesk.json", tmp_path / "base.tcdesk", choose=choose)

    assert shown == ["question 4: both changed the answer", "previous plan V06: both changed the RAG"]
    sub = window.controller.submission()
    assert sub.answers["4"] == "Their answer." and sub.answers["7"] == "Technicians ran the survey."
    assert sub.previous_plan.actions[0].rag is Rag.GREEN and sub.previous_plan.actions[1].progress == "Map drafted."
    window.commands.undo.trigger()
    assert window.controller.submission() == mine
    window.commands.redo.trigger()
    window.flush()
    assert load_project(tmp_path / "mine.tcdesk").answers["7"] == "Technicians ran the survey."


def test_choosing_a_contribution_offers_projects_and_interchange_files(qtbot, window, tmp_path):
    # The file dialog once showed "<bound method Format.file_filter …>" as its filter, and so listed no project.
    from PySide6.QtCore import QDir, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    _files(tmp_path)
    window.files.new(_submission(), tmp_path / "mine.tcdesk")
    seen = {}

    def look_and_cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, look_and_cancel)
            return
        seen["filters"] = dialog.nameFilters()
        shown = dialog.selectedNameFilter()
        patterns = shown[shown.index("(") + 1 : shown.rindex(")")].split()
        seen["listed"] = sorted(p.name for p in tmp_path.iterdir() if QDir.match(patterns, p.name))
        dialog.reject()

    QTimer.singleShot(0, look_and_cancel)
    assert not merging.merge_contribution(window)
    assert seen["filters"] == ["tcdesk projects (*.tcdesk)", "Interchange JSON (*.tcdesk.json)", "All files (*)"]
    assert seen["listed"] == ["base.tcdesk", "mine.tcdesk"]


def test_the_merge_dialog_shows_both_sides_and_collects_choices(qtbot, tmp_path):
    from tcdesk.merge import merge

    base = _submission()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.answers["4"], theirs.answers["4"] = "Mine.", "Theirs."
    conflicts = merge(base, mine, theirs).conflicts
    dialog = merging.MergeDialog(conflicts, "theirs.tcdesk")
    qtbot.addWidget(dialog)
    texts = [w.toPlainText() for w in dialog.findChildren(QPlainTextEdit)]
    assert texts == ["Mine.", "Theirs."]
    assert dialog.resolutions() == {conflicts[0].key: "mine"}
    dialog.choose_all("theirs")
    assert dialog.resolutions() == {conflicts[0].key: "theirs"}


def test_a_file_replaced_under_the_editor_goes_to_a_conflicted_copy_then_merges_back(qtbot, window, tmp_path):
    path = tmp_path / "Kent.tcdesk"
    window.files.new(_submission(), path)
    window.files.conflict_detected.disconnect()  # the test answers the dialog itself
    found = []
    window.files.conflict_detected.connect(found.append)
    theirs = _submission()
    theirs.answers["7"] = "Their survey."
    incoming = tmp_path / "incoming.tcdesk"
    ProjectStore.create(incoming, theirs).close()
    os.replace(incoming, path)
    on_disk = path.read_bytes()

    window.controller.set_value(("answers", "4"), "My new answer.")
    qtbot.waitUntil(lambda: bool(found), timeout=5000)

    conflict = found[0]
    assert path.read_bytes() == on_disk
    assert load_project(conflict.copy).answers["4"] == "My new answer."
    assert window.files.path == conflict.copy and conflict.copy.name.startswith("Kent (conflicted copy ")

    merging.report_conflict(window, conflict, answer=lambda: "merge", choose=lambda cs: {})
    assert window.files.path == path
    window.flush()
    merged = load_project(path)
    assert merged.answers["4"] == "My new answer." and merged.answers["7"] == "Their survey."
    assert read_lock(path).pid == os.getpid() and read_lock(conflict.copy) is None


def test_the_window_reports_a_conflicted_copy_with_the_merge_offer(qtbot, window, tmp_path, monkeypatch):
    """The window's own handler, which loads the merge dialogs only now, shows the conflict message."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.windowTitle()) or 0)
    path = tmp_path / "Kent.tcdesk"
    window.files.new(_submission(), path)
    incoming = tmp_path / "incoming.tcdesk"
    ProjectStore.create(incoming, _submission()).close()
    os.replace(incoming, path)
    window.controller.set_value(("answers", "4"), "My new answer.")
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["Kent.tcdesk was changed by someone else"]
    assert window.files.path.name.startswith("Kent (conflicted copy ")


@pytest.mark.slow
def test_a_second_open_while_another_editor_runs_shows_the_in_use_dialog(qtbot, window, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "University of Kent.tcdesk"
    ProjectStore.create(path, _submission()).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TCDESK_CONFIG_DIR": str(tmp_path / "first")}
    first = subprocess.Popen([str(Path(sys.executable).with_name("tcdesk")), "open", str(path)], env=env)
    try:
        qtbot.waitUntil(lambda: read_lock(path) is not None and read_lock(path).pid == first.pid, timeout=60000)
        seen = []

        def answer() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, in_use_dialog.InUseDialog):
                QTimer.singleShot(50, answer)
                return
            seen.append(dialog.windowTitle())
            dialog.read_only_button.click()

        QTimer.singleShot(50, answer)
        assert window.open_file(path)
        assert seen == ["University of Kent.tcdesk is in use"]
        assert window.windowTitle().endswith("(read-only)") and window.files.path == path
    finally:
        first.kill()
        first.wait()


def test_opening_the_open_project_again_keeps_it_locked(window, tmp_path):
    path = tmp_path / "Kent.tcdesk"
    window.files.new(_submission(), path)
    assert window.open_file(path)
    assert read_lock(path).pid == os.getpid() and window.files.path == path
    window.controller.set_value(("organisation",), "Kent again")
    window.flush()
    assert load_project(path).organisation == "Kent again"


# --- files changing under a merge ----------------------------------------------------------------


def _replace(path, submission, tmp_path, name="incoming.tcdesk"):
    """A sync client putting a colleague's version in place, as they do: a new file renamed over."""
    incoming = tmp_path / name
    ProjectStore.create(incoming, submission).close()
    os.replace(incoming, path)


def _conflict(qtbot, window, path, tmp_path, theirs):
    window.files.new(_submission(), path)
    window.files.conflict_detected.disconnect()  # the test answers the dialogs itself
    found = []
    window.files.conflict_detected.connect(found.append)
    _replace(path, theirs, tmp_path)
    window.controller.set_value(("answers", "4"), "My new answer.")
    qtbot.waitUntil(lambda: bool(found), timeout=5000)
    return found[0]


@pytest.fixture
def told(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, title, _text: shown.append(title))
    return shown


def _theirs(**answers) -> Submission:
    sub = _submission()
    sub.answers.update(answers)
    return sub


def test_a_change_on_disk_after_the_merge_is_not_written_over(qtbot, window, tmp_path, monkeypatch, told):
    """The sync client writes the colleague's next version just after the merge was settled, before the
    editor returns to the original: returning must not replace that version with one lacking it."""
    path = tmp_path / "Kent.tcdesk"
    conflict = _conflict(qtbot, window, path, tmp_path, _theirs(**{"7": "Their survey."}))
    second = _theirs(**{"7": "Their survey.", "9": "Their second thought."})
    apply = merging.apply_merge

    def apply_then_sync(w, merged):
        changed = apply(w, merged)
        if not (tmp_path / "synced").exists():
            (tmp_path / "synced").touch()
            _replace(path, second, tmp_path, "again.tcdesk")
        return changed

    monkeypatch.setattr(merging, "apply_merge", apply_then_sync)
    merging.report_conflict(window, conflict, answer=lambda: "merge", choose=lambda cs: {})
    window.flush()
    assert load_project(path).answers["9"] == "Their second thought."
    assert load_project(window.files.path).answers["4"] == "My new answer."
    mine = window.controller.submission()
    assert (mine.answers["4"], mine.answers["7"], mine.answers["9"]) == (
        "My new answer.", "Their survey.", "Their second thought.")
    assert window.files.path == path, "merged again, and back in the original"


def test_a_conflict_that_arrives_while_choosing_is_asked_about(qtbot, window, tmp_path, told):
    """Their next version lands while the merge dialog is open and conflicts with the user's work
    elsewhere: the user is asked about it, never silently given their own side."""
    path = tmp_path / "Kent.tcdesk"
    conflict = _conflict(qtbot, window, path, tmp_path, _theirs(**{"4": "Their answer."}))
    window.controller.set_value(("organisation",), "University of Kent (mine)")
    second = _theirs(**{"4": "Their answer."})
    second.organisation = "University of Kent (theirs)"
    asked: list[list[str]] = []

    def choose(conflicts):
        asked.append([c.message for c in conflicts])
        if len(asked) == 1:
            _replace(path, second, tmp_path, "again.tcdesk")
        return {c.key: "theirs" for c in conflicts}

    merging.report_conflict(window, conflict, answer=lambda: "merge", choose=choose)
    window.flush()
    assert any("organisation" in m.lower() for round_ in asked for m in round_), asked
    on_disk = load_project(path)
    assert on_disk.organisation == "University of Kent (theirs)" and on_disk.answers["4"] == "Their answer."


def test_typing_not_yet_handed_to_the_model_is_merged_too(qtbot, window, tmp_path, told):
    """Words typed a moment before choosing "Merge their changes…" are part of what is merged: the
    conflict shows them as the user's side, and keeping it keeps them."""
    path = tmp_path / "Kent.tcdesk"
    conflict = _conflict(qtbot, window, path, tmp_path, _theirs(**{"4": "Their answer."}))
    window.show_part("q4")
    editor = window.page("q4")
    assert isinstance(editor, AnswerEditor)
    editor.editor.setFocus()
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.editor, " And more.")
    shown = []

    def choose(conflicts):
        shown.extend(c.mine for c in conflicts)
        return {c.key: "mine" for c in conflicts}

    merging.report_conflict(window, conflict, answer=lambda: "merge", choose=choose)
    window.flush()
    assert shown == ["My new answer. And more."]
    assert load_project(path).answers["4"] == "My new answer. And more."


def test_a_conflict_found_while_leaving_a_project_is_never_merged_into_the_next(qtbot, window, tmp_path, monkeypatch):
    """The last save of the project being left finds it changed on disk: its work goes to a conflicted
    copy, and merging must not pour the project opened instead into it (nor write that project over
    the colleague's file): it opens the copy again and merges there."""
    from PySide6.QtWidgets import QMessageBox

    path = tmp_path / "Kent.tcdesk"
    window.files.new(_submission(), path)
    _replace(path, _theirs(**{"7": "Their survey."}), tmp_path)
    window.controller.set_value(("answers", "4"), "My new answer.")  # not saved yet
    other = Submission(organisation="University of Leeds")
    other.answers["4"] = "Leeds' own answer."
    ProjectStore.create(tmp_path / "Leeds.tcdesk", other).close()
    reported = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: reported.append(box.windowTitle()) or 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[0])  # "Merge…" if offered
    monkeypatch.setattr(merging.MergeDialog, "exec", lambda d: d.choose_all("mine") or 1)
    assert window.open_file(tmp_path / "Leeds.tcdesk")
    qtbot.waitUntil(lambda: bool(reported), timeout=5000)
    qtbot.wait(50)
    window.flush()
    leeds = load_project(tmp_path / "Leeds.tcdesk")
    assert (leeds.organisation, leeds.answers) == (other.organisation, other.answers)
    kent = load_project(path)
    assert kent.organisation == "University of Kent"
    assert (kent.answers["4"], kent.answers["7"]) == ("My new answer.", "Their survey.")
    assert window.files.path == path and window.controller.submission() == kent
    copies = list(tmp_path.glob("Kent (conflicted copy *).tcdesk"))
    assert len(copies) == 1 and load_project(copies[0]).answers["4"] == "My new answer."


def test_an_original_broken_while_merging_keeps_the_merge_in_the_copy(qtbot, window, tmp_path, monkeypatch, told):
    """The sync client leaves a broken file in place of the original just after the merge was settled:
    the merged work stays in the copy, saying so, with no traceback and the broken file untouched."""
    path = tmp_path / "Kent.tcdesk"
    conflict = _conflict(qtbot, window, path, tmp_path, _theirs(**{"7": "Their survey."}))
    apply = merging.apply_merge
    broken = b"half synced" * 50

    def apply_then_break(w, merged):
        changed = apply(w, merged)
        path.write_bytes(broken)
        return changed

    monkeypatch.setattr(merging, "apply_merge", apply_then_break)
    merging.report_conflict(window, conflict, answer=lambda: "merge", choose=lambda cs: {})
    window.flush()
    assert told == ["Still editing the copy"] and path.read_bytes() == broken
    assert window.files.path == conflict.copy
    copy_now = load_project(conflict.copy)
    assert (copy_now.answers["4"], copy_now.answers["7"]) == ("My new answer.", "Their survey.")


def test_taking_over_a_stale_lock_while_its_holder_still_writes_loses_neither_side(qtbot, window, tmp_path):
    """A laptop that went to sleep holding the project wakes after the lock was taken over and saves:
    its words stay in the project, and the taker's go to a conflicted copy, offered for merging."""
    path = tmp_path / "Kent.tcdesk"
    ProjectStore.create(path, _submission()).close()
    ready, go, done = tmp_path / "ready", tmp_path / "go", tmp_path / "done"
    sleeper = subprocess.Popen([sys.executable, "-c", f"""
import pathlib, time
from tcdesk.storage import ProjectStore
store = ProjectStore.open(pathlib.Path({str(path)!r}))
sub = store.load()
pathlib.Path({str(ready)!r}).touch()
while not pathlib.Path({str(go)!r}).exists():
    time.sleep(0.02)
sub.answers["7"] = "Written by the sleeping laptop\\u00a0✅  "
store.save(sub)
store.close()
pathlib.Path({str(done)!r}).touch()
"""])
    try:
        qtbot.waitUntil(ready.exists, timeout=20000)
        long_ago = datetime.now().astimezone() - timedelta(hours=3)
        lock_path(path).write_text(LockInfo("bob", "bobs-laptop", 4242, long_ago, long_ago).to_json(), encoding="utf-8")
        window.files.conflict_detected.disconnect()  # the test answers the dialogs itself
        found = []
        window.files.conflict_detected.connect(found.append)
        assert collaboration.open_project_file(window, path, ask=lambda p, h: "take-over")
        go.touch()
        qtbot.waitUntil(done.exists, timeout=20000)
        window.controller.set_value(("answers", "4"), "Typed by the one who took over.")
        window.controller.set_value(("answers", "5"), "And more.")
        window.flush()
        qtbot.waitUntil(lambda: bool(found), timeout=5000)
    finally:
        sleeper.wait(timeout=30)
    on_disk = load_project(path)
    assert on_disk.answers["7"] == "Written by the sleeping laptop\u00a0✅  "
    mine = load_project(found[0].copy)
    assert (mine.answers["4"], mine.answers["5"]) == ("Typed by the one who took over.", "And more.")
    # Not told yet (this test took the report itself): quitting says where the words are first.
    modals = Modals([click("Quit, leaving my work in the copy")])
    window.close()
    assert len(modals.seen) == 1 and str(found[0].copy) in modals.seen[0][1] and not window.isVisible()


def test_the_window_names_the_kept_file_when_a_colleagues_version_may_have_come_in(window, tmp_path, monkeypatch):
    """A save was cut short, and a colleague's copy saved once since the two parted came in before the
    project was opened again: the file as found is kept, and the window names it."""
    from PySide6.QtWidgets import QMessageBox

    from tcdesk.storage import save_project
    from tcdesk.storage.files import journal_path
    from tests.storage.test_foreign_journal import _crash_in_a_save, _parted_copy

    path = tmp_path / "Kent.tcdesk"
    save_project(_submission(), path)
    theirs = _parted_copy(path, tmp_path / "theirs.tcdesk", "Colleague University")
    _crash_in_a_save(path)
    (tmp_path / "theirs.tcdesk").replace(path)  # brought in by the sync client before the app opened it
    found = path.read_bytes()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append((title, text))))
    assert collaboration.open_project_file(window, path)
    [kept] = tmp_path.glob("Kent (as found with an unfinished save *).tcdesk")
    assert kept.read_bytes() == found and load_project(kept) == theirs
    assert not journal_path(path).exists()
    assert [title for title, _ in shown] == ["Recovered after a save cut short"]
    assert kept.name in shown[0][1]
