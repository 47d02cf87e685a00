"""A merge conflict about the order of actions shows each side's order, pillar by pillar, with what
moved marked; choosing a side gives exactly that order in the saved project."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from modal_helpers import Modals
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit

from tcdesk.merge import merge
from tcdesk.merge_order import order_texts
from tcdesk.model import NewAction, Pillar, Submission
from tcdesk.storage import ProjectStore, load_project
from tcdesk.ui import merging

WORDING = {
    "V01": "Annual technician showcase with poster session and awards evening for every faculty",
    "V02": "Technician profiles on the staff web pages",
    "V03": "Technicians named as authors where they contributed",
    "V04": "A technician voice on every departmental committee",
    "R01": "Career map for technical staff",
}


def _plan(refs: list[str]) -> list[NewAction]:
    return [NewAction(ref=ref, pillar=Pillar.RECOGNITION if ref.startswith("R") else Pillar.VISIBILITY,
                      action=WORDING[ref], id=f"id-{ref}") for ref in refs]


def _submission(refs: list[str]) -> Submission:
    sub = Submission(organisation="University of Kent")
    sub.new_plan.actions = _plan(refs)
    return sub


def _refs(sub: Submission) -> list[str]:
    return [a.ref for a in sub.new_plan.actions]


def _listed(text: str) -> list[str]:
    """The references a side's order lists, in order."""
    return re.findall(r"^\s*\d+\. (?:\((?:moved|added)\) )?(\S+) — ", text, flags=re.MULTILINE)


BASE = ["V01", "V02", "V03", "V04", "R01"]
MINE = ["V04", "V01", "V02", "V03", "R01"]  # V04 brought to the top
THEIRS = ["V02", "V03", "V04", "V01", "R01"]  # V01 sent to the bottom


@pytest.mark.parametrize("side", ["mine", "theirs"])
def test_the_merge_dialog_lists_both_orders_and_the_choice_is_saved(qtbot, open_window, tmp_path, side):
    path = tmp_path / "Kent.tcdesk"
    window = open_window(path, _submission(MINE))
    ProjectStore.create(tmp_path / "base.tcdesk", _submission(BASE)).close()
    ProjectStore.create(tmp_path / "theirs.tcdesk", _submission(THEIRS)).close()
    shown: dict[str, str] = {}

    def choose(dialog) -> None:
        assert isinstance(dialog, merging.MergeDialog)
        [box] = [b for b in dialog.findChildren(QGroupBox) if "order" in b.title()]
        assert box.title() == "new plan: both changed the order"
        mine_text, theirs_text = (e.toPlainText() for e in box.findChildren(QPlainTextEdit))
        shown.update(mine=mine_text, theirs=theirs_text)
        dialog.choose(0, side)
        dialog.merge_button.click()

    modals = Modals([choose])
    assert merging.merge_contribution(window, tmp_path / "theirs.tcdesk", tmp_path / "base.tcdesk")
    assert len(modals.seen) == 1
    # Only the pillar concerned, every action by reference and the start of its wording, in order.
    assert _listed(shown["mine"]) == ["V04", "V01", "V02", "V03"]
    assert _listed(shown["theirs"]) == ["V02", "V03", "V04", "V01"]
    assert shown["mine"].splitlines()[0] == "V · Visibility:"
    assert "Career map" not in shown["mine"] + shown["theirs"]
    assert "V01 — Annual technician showcase with poster sess…" in shown["mine"]
    # What each side moved is marked, and only that.
    moved = {name: re.findall(r"^\s*\d+\. \(moved\) (\S+) — ", text, flags=re.MULTILINE) for name, text in shown.items()}
    assert moved == {"mine": ["V04"], "theirs": ["V01"]}

    window.flush()
    assert _refs(load_project(path)) == (MINE if side == "mine" else THEIRS)
    assert _refs(window.controller.submission()) == (MINE if side == "mine" else THEIRS)


@settings(max_examples=60, deadline=None)
@given(st.permutations(BASE), st.permutations(BASE), st.sampled_from(["mine", "theirs"]))
def test_each_side_lists_its_own_order_and_choosing_it_gives_that_order(mine_refs, theirs_refs, side):
    base, mine, theirs = (_submission(r) for r in (BASE, list(mine_refs), list(theirs_refs)))
    result = merge(base, mine, theirs, resolutions={("new plan", "order"): side})
    order = [c for c in result.conflicts if c.key == ("new plan", "order")]
    if not order:
        return
    texts = order_texts(order[0])
    for name, refs in (("mine", mine_refs), ("theirs", theirs_refs)):
        listed = _listed(texts[name])
        # Each pillar shown lists that side's actions of the pillar in that side's order.
        for pillar in ("V", "R"):
            in_pillar = [r for r in listed if r.startswith(pillar)]
            if in_pillar:
                assert in_pillar == [r for r in refs if r.startswith(pillar)]
    assert texts["mine"] != texts["theirs"]
    assert _refs(result.submission) == list(mine_refs if side == "mine" else theirs_refs)
