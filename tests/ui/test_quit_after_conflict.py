"""Quitting just after a save that went to a conflicted copy: the user is told where the words are,
in a modal message naming the copy, and chooses to merge now or to quit leaving the copy."""

from __future__ import annotations

import os
import shutil

import pytest
from modal_helpers import Modals, click
from PySide6.QtGui import QTextCursor

from tcdesk.model import Pillar, PreviousAction, Rag, Submission
from tcdesk.session import Session
from tcdesk.storage import ProjectStore, load_project
from tcdesk.ui import merging

TYPED = " My last words\u00a0before quitting."


def _submission() -> Submission:
    sub = Submission(organisation="University of Kent")
    sub.answers["4"] = "We embedded the commitment."
    sub.previous_plan.actions = [
        PreviousAction(ref="V06", pillar=Pillar.VISIBILITY, action="Technician awards", rag=Rag.AMBER, id="a1"),
    ]
    return sub


def _sync_replaces(path, theirs: Submission, tmp_path, *, by_copy: bool = False) -> None:
    """A colleague's version put in place as a sync client does: a new file renamed over the project
    (another tcdesk's save), or a copied file written over it."""
    incoming = tmp_path / "incoming.tcdesk"
    ProjectStore.create(incoming, theirs).close()
    if by_copy:
        shutil.copyfile(incoming, path)
        incoming.unlink()
    else:
        os.replace(incoming, path)


def _type_last_words(qtbot, window) -> Submission:
    """Type at the end of answer 4 in the real editor; returns the submission as the user now has it."""
    window.show_part("q4")
    editor = window.page("q4").editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, TYPED)
    window.commit_pages()
    return window.controller.snapshot()


@pytest.fixture
def kent(tmp_path, open_window):
    path = tmp_path / "Kent.tcdesk"
    window = open_window(path, _submission())
    window.flush()
    return path, window


def _copies(tmp_path):
    return sorted(tmp_path.glob("Kent (conflicted copy *).tcdesk"))


@pytest.mark.parametrize("by_copy", [False, True])
def test_quitting_leaving_the_copy_says_where_the_words_are_first(qtbot, kent, tmp_path, by_copy):
    path, window = kent
    theirs = _submission()
    theirs.answers["7"] = "Their survey."
    mine = _type_last_words(qtbot, window)
    _sync_replaces(path, theirs, tmp_path, by_copy=by_copy)
    on_disk = path.read_bytes()

    modals = Modals([click("Quit, leaving my work in the copy")])
    window.close()

    assert modals.seen, "the window closed without saying where the last words went"
    [copy] = _copies(tmp_path)
    title, text = modals.seen[0]
    assert str(copy) in text and "Kent.tcdesk" in title
    assert not window.isVisible()
    assert path.read_bytes() == on_disk  # their file is never written over
    assert load_project(copy) == mine  # exactly the user's words, every one
    assert load_project(copy).answers["4"].endswith(TYPED)
    qtbot.wait(50)  # the report queued by the save that found the change must not pop up afterwards
    assert len(modals.seen) == 1


def test_merging_at_quit_then_quitting_writes_what_session_merge_gives(qtbot, kent, tmp_path, pm):
    path, window = kent
    base = load_project(path)
    theirs = _submission()
    theirs.answers["4"] = "Their rewrite of the answer."
    theirs.answers["7"] = "Their survey."
    mine = _type_last_words(qtbot, window)
    _sync_replaces(path, theirs, tmp_path)

    def take_theirs(dialog) -> None:
        assert isinstance(dialog, merging.MergeDialog)
        dialog.choose_all("theirs")
        dialog.merge_button.click()

    modals = Modals([click("Merge now…"), take_theirs, click("Quit")])
    window.close()

    assert [title for title, _ in modals.seen] == [
        "Kent.tcdesk was changed by someone else", "Merge Kent.tcdesk", "Quit tcdesk?"]
    assert str(_copies(tmp_path)[0]) in modals.seen[0][1]
    assert str(path) in modals.seen[2][1]
    assert not window.isVisible()
    expected = Session(pm=pm).merge(base, mine, theirs, resolutions={("answers", "4"): "theirs"})
    assert [c.key for c in expected.conflicts] == [("answers", "4")]
    assert load_project(path) == expected.submission
    [copy] = _copies(tmp_path)
    assert load_project(copy) == mine


def _theirs_came_in(qtbot, kent, tmp_path):
    """The user types their last words; a colleague's version adding a survey has just come in."""
    path, window = kent
    base = load_project(path)
    theirs = _submission()
    theirs.answers["7"] = "Their survey."
    mine = _type_last_words(qtbot, window)
    _sync_replaces(path, theirs, tmp_path)
    return path, window, base, theirs, mine


def test_merging_at_quit_then_staying_keeps_editing_the_original(qtbot, kent, tmp_path, pm):
    path, window, base, theirs, mine = _theirs_came_in(qtbot, kent, tmp_path)

    modals = Modals([click("Merge now…"), click("Keep editing")])
    window.close()

    assert [title for title, _ in modals.seen] == ["Kent.tcdesk was changed by someone else", "Quit tcdesk?"]
    assert window.isVisible() and window.files.path == path
    window.flush()
    assert load_project(path) == Session(pm=pm).merge(base, mine, theirs).submission
    # Typing goes on in the original, and the next quit asks nothing more.
    window.controller.set_value(("answers", "5"), "After the merge.")
    modals = Modals([])
    window.close()
    assert not window.isVisible() and modals.seen == []
    assert load_project(path).answers["5"] == "After the merge."


def test_cancelling_at_quit_keeps_the_window_on_the_copy(qtbot, kent, tmp_path):
    path, window = kent
    theirs = _submission()
    theirs.answers["7"] = "Their survey."
    mine = _type_last_words(qtbot, window)
    _sync_replaces(path, theirs, tmp_path)

    modals = Modals([click("Cancel")])
    window.close()
    [copy] = _copies(tmp_path)
    assert len(modals.seen) == 1 and window.isVisible() and window.files.path == copy
    assert load_project(copy) == mine
    qtbot.wait(50)  # nor does the report queued by the save at quit pop up after the cancel
    assert len(modals.seen) == 1
    # Put off, not settled: quitting again asks again, the merge still on offer.
    modals = Modals([click("Quit, leaving my work in the copy")])
    window.close()
    assert len(modals.seen) == 1 and str(copy) in modals.seen[0][1] and not window.isVisible()
    assert load_project(copy) == mine


def test_the_copy_keeps_the_users_words_when_the_original_changes_again_while_merging(qtbot, kent, tmp_path, monkeypatch):
    """The merge settles in the original, merged twice (their next version came in meanwhile); the
    copy still holds exactly what the user had before merging, not a merge in between."""
    path, window = kent
    theirs = _submission()
    theirs.answers["7"] = "Their survey."
    mine = _type_last_words(qtbot, window)
    window.files.conflict_detected.disconnect()  # this test merges itself
    _sync_replaces(path, theirs, tmp_path)
    window.flush()
    [copy] = _copies(tmp_path)
    conflict = window.files.project.conflict
    second = _submission()
    second.answers["7"] = "Their survey."
    second.answers["8"] = "Their second thought."
    apply = merging.apply_merge

    def apply_then_sync(w, merged):
        changed = apply(w, merged)
        if not (tmp_path / "synced").exists():
            (tmp_path / "synced").touch()
            _sync_replaces(path, second, tmp_path)
        return changed

    monkeypatch.setattr(merging, "apply_merge", apply_then_sync)
    merging.merge_back(window, conflict, choose=lambda cs: {})
    assert window.files.path == path
    window.flush()
    on_disk = load_project(path)
    assert (on_disk.answers["4"], on_disk.answers["7"], on_disk.answers["8"]) == (
        mine.answers["4"], "Their survey.", "Their second thought.")
    assert load_project(copy) == mine


def test_a_copy_left_at_quit_offers_the_merge_again_when_opened_later(qtbot, kent, tmp_path, pm, open_window):
    """The copy records the original and the version both started from, so a later window can merge it
    back; once the original has all of the copy's work, opening the copy asks nothing."""
    path, window, base, theirs, mine = _theirs_came_in(qtbot, kent, tmp_path)
    Modals([click("Quit, leaving my work in the copy")])
    window.close()
    assert not window.isVisible()
    [copy] = _copies(tmp_path)

    modals = Modals([click("Merge their changes…")])
    later = open_window(copy)
    qtbot.waitUntil(lambda: later.files.path == path, timeout=5000)
    assert modals.seen[0][0] == "Kent.tcdesk was changed by someone else"
    assert "while you were editing it" in modals.seen[0][1]
    later.flush()
    assert load_project(path) == Session(pm=pm).merge(base, mine, theirs).submission
    assert load_project(copy) == mine  # the copy keeps the user's words as they were
    later.close()

    modals = Modals([])
    again = open_window(copy)  # merged back already: nothing to offer
    qtbot.wait(100)
    assert modals.seen == [] and again.files.path == copy
