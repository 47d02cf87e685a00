"""The editor asks before opening a project larger than the limits: "Open anyway" opens and keeps
saving it; Cancel (the default) leaves it alone."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tcdesk.model import Attachment, AttachmentKind, Submission
from tcdesk.storage import ProjectStore, limits, load_project
from tcdesk.storage.limits import ProjectTooLargeError
from tests.storage.test_project_limits import listing

SCAN = bytes(range(256)) * 400  # 100 KB


@pytest.fixture
def large(tmp_path, monkeypatch):
    path = tmp_path / "project" / "old.tcdesk"
    path.parent.mkdir()
    ProjectStore.create(path, Submission(organisation="University of Kent", answers={"3": "We listened to our technicians."},
                                         attachments=[Attachment("scan.pdf", AttachmentKind.APPENDIX, "application/pdf", SCAN)])).close()
    monkeypatch.setattr(limits, "MAX_CONTENT", 50_000)  # as if written by a tcdesk without limits
    monkeypatch.setattr(limits, "BOOKKEEPING", 0)
    return path


@pytest.fixture
def window(open_window, tmp_path):
    """The editor, on a blank project of its own before the large one is opened."""
    return open_window(tmp_path / "blank.tcdesk")


@pytest.fixture
def answer():
    """``answer(choose)``: answer the "Open a large project?" question with ``choose(box)`` as soon as it
    is shown; any other message box is noted and closed (a failure, never a hang). Stops watching when
    the test ends, so later tests' message boxes are theirs."""
    watching = {"on": True}

    def watch(choose) -> dict:
        seen: dict = {}

        def poll() -> None:
            if not watching["on"]:
                return
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox) and box.objectName() == "openLargeProject":
                seen.update(text=box.text(), info=box.informativeText(), default=box.defaultButton().text(),
                            buttons=sorted(b.text().replace("&", "") for b in box.buttons()))
                if shots := os.environ.get("TCDESK_SCREENSHOTS"):
                    box.grab().save(os.path.join(shots, "open-large-project.png"))
                choose(box)
            elif isinstance(box, QMessageBox):
                seen["other"] = box.text()
                box.reject()
            else:
                QTimer.singleShot(20, poll)

        QTimer.singleShot(0, poll)
        return seen

    yield watch
    watching["on"] = False


def click(label: str):
    return lambda box: next(b for b in box.buttons() if b.text() == label).click()


def test_open_anyway_opens_it_and_every_edit_is_saved(window, large, qtbot, answer):
    seen = answer(click("Open anyway"))
    assert window.open_file(large)
    assert seen["text"] == "old.tcdesk is larger than tcdesk opens without asking."
    assert seen["info"].startswith("The project holds 10") and "tcdesk opens projects of at most 50,000 bytes." in seen["info"]
    assert "--allow-large" not in seen["info"]
    assert seen["default"] == "Cancel" and seen["buttons"] == ["Cancel", "Open anyway"]
    assert window.files.path == large and window.controller.submission().attachments[0].data == SCAN

    window.controller.set_value(("organisation",), "University of Kent, Canterbury")
    saver = window.files.autosaver
    qtbot.waitUntil(lambda: saver.state != "saving", timeout=20000)  # the autosave, on its worker thread
    assert (saver.state, saver.error) == ("saved", None)  # a project over the limits saves all the same
    window.files.close()
    again = load_project(large, allow_large=True)
    assert again.organisation == "University of Kent, Canterbury"
    assert again.answers["3"] == "We listened to our technicians." and again.attachments[0].data == SCAN
    with pytest.raises(ProjectTooLargeError):
        load_project(large)  # the next open asks again


def test_cancel_is_the_default_and_leaves_everything_as_it_was(window, large, qtbot, answer):
    before = listing(large.parent)
    seen = answer(lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))  # Return takes the default
    assert not window.open_file(large)
    assert seen["default"] == "Cancel"
    assert window.files.path != large
    assert listing(large.parent) == before  # no lock file, no backup, nothing written


def test_tcdesk_open_allow_large_opens_it_without_asking(window, large, qtbot, answer):
    asked = answer(lambda box: box.reject())
    window.open_startup(str(large), allow_large=True)
    qtbot.wait(50)
    assert asked == {} and window.files.path == large


def test_merging_it_in_asks_the_same_question(window, large, qtbot, answer):
    from tcdesk.ui import merging

    seen = answer(click("Cancel"))
    assert not merging.merge_contribution(window, theirs=large, base=large, choose=lambda conflicts: {})
    assert seen["default"] == "Cancel" and QApplication.activeModalWidget() is None  # no error box after it
    seen = answer(click("Open anyway"))
    assert merging.merge_contribution(window, theirs=large, base=large, choose=lambda conflicts: {})
    assert seen["text"] == "old.tcdesk is larger than tcdesk opens without asking."
    assert window.session.allow_large is False  # asked for this merge only


def test_starting_the_next_renewal_from_it_asks_the_same_question(window, large, qtbot, answer):
    from tcdesk.ui import file_commands

    seen = answer(click("Cancel"))
    assert not file_commands.start_renewal(window, large)
    assert seen["default"] == "Cancel" and QApplication.activeModalWidget() is None  # no error box after it
    seen = answer(click("Open anyway"))
    assert file_commands.start_renewal(window, large)
    assert seen["text"] == "old.tcdesk is larger than tcdesk opens without asking."
    assert window.controller.submission().last_time["3"] == "We listened to our technicians."
