"""``tcdesk merge`` and ``tcdesk diff`` on real files, as a working group would use them."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest

from tcdesk import interchange
from tcdesk.model import PreviousAction, Rag, Submission
from tcdesk.storage import load_project, save_project

TCDESK = Path(sys.executable).with_name("tcdesk")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TCDESK), *args], capture_output=True, text=True, cwd=cwd, timeout=180)


@pytest.fixture
def versions(tmp_path):
    base = Submission(organisation="University of Kent")
    base.answers["4"] = "We embedded the commitment."
    base.previous_plan.actions = [
        PreviousAction(ref="V06", action="Technician awards", rag=Rag.AMBER),
        PreviousAction(ref="R01", action="Career map", rag=Rag.RED),
    ]
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    save_project(base, tmp_path / "base.tcdesk")
    return tmp_path, base, mine, theirs


def test_one_sided_edits_merge_into_out(versions):
    folder, _base, mine, theirs = versions
    mine.answers["7"] = "Technicians ran the survey."
    theirs.previous_plan.actions[1].rag = Rag.GREEN
    theirs.previous_plan.actions[0].ref = "V01"  # renumbered, still the same action
    save_project(mine, folder / "mine.tcdesk")
    interchange.write(theirs, folder / "theirs.tcdesk.json")

    done = run("merge", "base.tcdesk", "mine.tcdesk", "theirs.tcdesk.json", "--out", "merged.tcdesk", cwd=folder)

    assert done.returncode == 0, done.stderr
    merged = load_project(folder / "merged.tcdesk")
    assert merged.answers["7"] == "Technicians ran the survey."
    assert [(a.ref, a.rag) for a in merged.previous_plan.actions] == [("V01", Rag.AMBER), ("R01", Rag.GREEN)]


def test_conflicts_are_named_and_nothing_is_written_unless_a_side_is_preferred(versions):
    folder, _base, mine, theirs = versions
    mine.answers["4"], theirs.answers["4"] = "Mine.", "Theirs."
    mine.previous_plan.actions[0].rag, theirs.previous_plan.actions[0].rag = Rag.GREEN, Rag.RED
    save_project(mine, folder / "mine.tcdesk")
    save_project(theirs, folder / "theirs.tcdesk")
    listing = sorted(p.name for p in folder.iterdir())

    done = run("merge", "base.tcdesk", "mine.tcdesk", "theirs.tcdesk", "--out", "merged.tcdesk", cwd=folder)

    assert done.returncode == 1
    assert "conflict: question 4: both changed the answer" in done.stderr
    assert "conflict: previous plan V06: both changed the RAG" in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == listing

    done = run("merge", "base.tcdesk", "mine.tcdesk", "theirs.tcdesk", "--out", "merged.tcdesk", "--prefer", "theirs", cwd=folder)
    assert done.returncode == 0, done.stderr
    merged = load_project(folder / "merged.tcdesk")
    assert merged.answers["4"] == "Theirs." and merged.previous_plan.actions[0].rag is Rag.RED


def test_an_order_conflict_lists_each_sides_order(versions):
    folder, base, mine, theirs = versions
    base.previous_plan.actions.append(PreviousAction(ref="V07", action="Open days", rag=Rag.GREEN))
    for side in (mine, theirs):
        side.previous_plan.actions = copy.deepcopy(base.previous_plan.actions)
    save_project(base, folder / "base.tcdesk")
    a, b, c = mine.previous_plan.actions
    mine.previous_plan.actions = [c, a, b]  # mine moved V07 first
    a, b, c = theirs.previous_plan.actions
    theirs.previous_plan.actions = [b, a, c]  # theirs moved R01 first
    save_project(mine, folder / "mine.tcdesk")
    save_project(theirs, folder / "theirs.tcdesk")

    done = run("merge", "base.tcdesk", "mine.tcdesk", "theirs.tcdesk", "--out", "merged.tcdesk", cwd=folder)

    assert done.returncode == 1
    assert done.stderr.startswith(
        "conflict: previous plan: both changed the order\n"
        "  mine:\n    No pillar:\n      1. (moved) V07 — Open days\n      2. V06 — Technician awards\n"
        "      3. R01 — Career map\n"
        "  theirs:\n    No pillar:\n      1. (moved) R01 — Career map\n      2. V06 — Technician awards\n"
        "      3. V07 — Open days\n"
    )


def test_merge_never_replaces_out_without_force(versions):
    folder, *_ = versions
    (folder / "earlier.tcdesk").write_bytes((folder / "base.tcdesk").read_bytes())
    done = run("merge", "base.tcdesk", "base.tcdesk", "base.tcdesk", "--out", "earlier.tcdesk", cwd=folder)
    assert done.returncode == 2 and "already exists" in done.stderr


@pytest.mark.parametrize("out", ["base.tcdesk", "mine.tcdesk", "theirs.tcdesk", "./theirs.tcdesk", "alias.tcdesk"])
def test_merge_never_writes_over_an_input_even_with_force(versions, out):
    folder, _base, mine, theirs = versions
    mine.answers["4"] = "Mine."
    theirs.answers["1"] = "Theirs."
    save_project(mine, folder / "mine.tcdesk")
    save_project(theirs, folder / "theirs.tcdesk")
    (folder / "alias.tcdesk").symlink_to("mine.tcdesk")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()}
    done = run("merge", "base.tcdesk", "mine.tcdesk", "theirs.tcdesk", "--out", out, "--force", cwd=folder)
    assert done.returncode == 2 and "never writes over its input" in done.stderr, done.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()} == before


def test_diff_prints_answers_by_paragraph_and_actions_by_field(versions):
    folder, _base, mine, _ = versions
    mine.answers["4"] = "We embedded the commitment.\n\nTechnicians now sit on the board."
    mine.previous_plan.actions[0].rag = Rag.GREEN
    del mine.previous_plan.actions[1]
    interchange.write(mine, folder / "mine.tcdesk.json")

    done = run("diff", "base.tcdesk", "mine.tcdesk.json", cwd=folder)

    assert done.returncode == 1, done.stderr
    assert done.stdout == (
        "question 4: answer changed\n"
        "  + Technicians now sit on the board.\n"
        "previous plan V06: RAG changed\n"
        "  - amber\n"
        "  + green\n"
        "previous plan R01: removed\n"
        "  - Career map\n"
    )
    same = run("diff", "base.tcdesk", "base.tcdesk", cwd=folder)
    assert (same.returncode, same.stdout) == (0, "no differences\n")
