"""File → Merge a contribution through the real window stores exactly the bytes of the side chosen
for each conflict — line ends, no-break spaces, emoji, trailing blanks, U+2028 — and is the merge
Session computes, whatever part of the window is on screen."""

from __future__ import annotations

import copy
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QGroupBox, QRadioButton

from tcdesk import interchange
from tcdesk.model import Pillar, PreviousAction, Rag, Submission
from tcdesk.storage import ProjectStore, load_project
from tcdesk.ui import merging
from tcdesk.ui.main_window import MainWindow

# Words and the characters editors and sync clients most often change behind a user's back.
_PIECES = st.sampled_from(["word", "Ünïcode", "\r\n", "\n", "\r", "\u00a0", "\u2028", "\u2029", "  ", "\t",
                           "😀", "👩🏽‍🔬", "*", "_", "#", "> ", "- ", "1. ", "\\", "`", "&amp;", "<b>", "\u200b"])
TEXT = st.lists(_PIECES, min_size=1, max_size=12).map("".join)
SIDE = st.sampled_from(["mine", "theirs"])
FIELDS = ("answer", "progress", "signatory")


def _base() -> Submission:
    sub = Submission(organisation="University of Kent")
    sub.answers["4"] = "We embedded the commitment."
    sub.previous_plan.actions = [
        PreviousAction(ref="V06", pillar=Pillar.VISIBILITY, action="Technician awards", rag=Rag.AMBER, id="a1"),
    ]
    sub.signoff.lead.name = "Dr A. Lead"
    return sub


def _edited(base: Submission, answer: str, progress: str, name: str) -> Submission:
    sub = copy.deepcopy(base)
    sub.answers["4"] = answer
    sub.previous_plan.actions[0].progress = progress
    sub.signoff.lead.name = name
    return sub


def _values(sub: Submission) -> dict[str, str]:
    return {"answer": sub.answers["4"], "progress": sub.previous_plan.actions[0].progress,
            "signatory": sub.signoff.lead.name}


def _field(message: str) -> str:
    return "answer" if "answer" in message else "progress" if "progress" in message else "signatory"


@pytest.fixture
def window(qtbot, pm):
    """One window for every example: merging into a project opened after another, as a user does."""
    from tcdesk.session import Session

    w = MainWindow(Session(pm=pm))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mine=st.tuples(TEXT, TEXT, TEXT), theirs=st.tuples(TEXT, TEXT, TEXT),
       sides=st.tuples(SIDE, SIDE, SIDE), part=st.sampled_from(["q4", "previous", "signoff", "cover"]))
def test_the_stored_merge_is_the_chosen_sides_bytes(qtbot, window, tmp_path_factory, mine, theirs, sides, part):
    folder = tmp_path_factory.mktemp("merge")
    base = _base()
    ProjectStore.create(folder / "base.tcdesk", base).close()
    interchange.write(_edited(base, *theirs), folder / "theirs.tcdesk.json")
    window.files.new(_edited(base, *mine), folder / "mine.tcdesk")
    window.show_part(part)
    chosen = dict(zip(FIELDS, sides, strict=True))
    seen: list[str] = []

    def choose(conflicts):
        out = {}
        for c in conflicts:
            field = _field(c.message)
            seen.append(field)
            out[c.key] = chosen[field]
        return out

    assert merging.merge_contribution(window, folder / "theirs.tcdesk.json", folder / "base.tcdesk", choose=choose)
    window.show_part("q4")
    window.show_part("previous")
    window.show_part("signoff")
    window.flush()

    sides_text = {"mine": dict(zip(FIELDS, mine, strict=True)), "theirs": dict(zip(FIELDS, theirs, strict=True))}
    expected = {f: sides_text["mine"][f] if mine[i] == theirs[i] else sides_text[chosen[f]][f]
                for i, f in enumerate(FIELDS)}
    assert sorted(seen) == sorted(f for i, f in enumerate(FIELDS) if mine[i] != theirs[i])
    assert _values(load_project(folder / "mine.tcdesk")) == expected
    first = window.session.merge(folder / "base.tcdesk", _edited(base, *mine), folder / "theirs.tcdesk.json")
    resolutions = {c.key: chosen[_field(c.message)] for c in first.conflicts}
    by_session = window.session.merge(folder / "base.tcdesk", _edited(base, *mine), folder / "theirs.tcdesk.json",
                                      resolutions=resolutions)
    assert load_project(folder / "mine.tcdesk") == by_session.submission
    window.files.close()


def test_keep_both_puts_theirs_after_yours_byte_for_byte(qtbot, window, tmp_path, monkeypatch):
    """"Keep both" on an answer and on an action's progress keeps every byte of each side; a field
    that is not free text (the lead's name) offers no such choice; Undo gives back exactly yours."""
    base = _base()
    ProjectStore.create(tmp_path / "base.tcdesk", base).close()
    mine = _edited(base, "Ours\u00a0 😀\r\n", "Our progress\u2028", "Dr Mine")
    theirs = _edited(base, "Theirs  \n- a list", "Their progress", "Dr Theirs")
    interchange.write(theirs, tmp_path / "theirs.tcdesk.json")
    window.files.new(mine, tmp_path / "mine.tcdesk")
    offered = {}

    def run(dialog):
        for n, conflict in enumerate(dialog.conflicts):
            box = dialog.findChildren(QGroupBox)[n]
            offered[_field(conflict.message)] = box.findChild(QRadioButton, "both") is not None
            dialog.choose(n, "both" if _field(conflict.message) != "signatory" else "theirs")
        if shots := os.environ.get("TCDESK_SCREENSHOTS"):
            dialog.grab().save(os.path.join(shots, "merge-keep-both.png"))
        return 1

    monkeypatch.setattr(merging.MergeDialog, "exec", run)
    assert merging.merge_contribution(window, tmp_path / "theirs.tcdesk.json", tmp_path / "base.tcdesk")
    window.flush()
    assert offered == {"answer": True, "progress": True, "signatory": False}
    assert _values(load_project(tmp_path / "mine.tcdesk")) == {
        "answer": "Ours\u00a0 😀\r\n\nTheirs  \n- a list",
        "progress": "Our progress\u2028\n\nTheir progress",
        "signatory": "Dr Theirs",
    }
    window.commands.undo.trigger()
    window.flush()
    assert load_project(tmp_path / "mine.tcdesk") == mine
