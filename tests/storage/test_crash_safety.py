"""A process killed with SIGKILL in the middle of saving leaves the old or the new project, never a mix."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tcdesk.model import Attachment, AttachmentKind, NewAction, PreviousAction, Submission
from tcdesk.storage import ProjectStore, load_project, save_project
from tcdesk.storage.files import journal_path

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")

# The child alternates between two large states as fast as it can, so most kills land inside a save.
CHILD = """
import runpy, sys
from tcdesk.storage import ProjectStore
path, here = sys.argv[1:3]
make = runpy.run_path(here)["_state"]
states = [make("A", 1), make("B", 2)]
store = ProjectStore.open(path)
store.save(states[1])
print("saving", flush=True)
n = 0
while True:
    store.save(states[n % 2])
    n += 1
"""


def _state(tag: str, seed: int) -> Submission:
    rng = random.Random(seed)
    sub = Submission(organisation=f"State {tag} – Prifysgol")
    sub.answers = {str(n): f"{tag} answer {n} " + "ŵ" * rng.randint(20_000, 40_000) for n in range(1, 9)}
    sub.previous_plan.actions = [
        PreviousAction(
            ref=f"{tag}{i:03}", action=f"{tag} action {i} " * 30, progress=tag * 200, talent=[f"R{i % 16 + 1}"],
            id=f"previous-{i}",  # fixed: the child process builds the same states
        )
        for i in range(300)
    ]
    sub.new_plan.actions = [NewAction(ref=f"{tag}{i:03}", owner=tag * 50, due="2026-07", id=f"new-{i}") for i in range(200)]
    sub.attachments = [Attachment("chart.png", AttachmentKind.FIGURE, "image/png", rng.randbytes(1_500_000))]
    return sub


def _is_hot(journal: Path) -> bool:
    # A journal whose header magic is still zero was never committed to: SQLite had not yet touched
    # the database file, so only a journal with the magic means the kill landed in the real write.
    if not journal.exists():
        return False
    with journal.open("rb") as fh:
        return fh.read(8) == JOURNAL_MAGIC


@pytest.mark.slow
def test_sigkill_during_saves_leaves_exactly_one_of_the_two_states(tmp_path, file_digest):
    state_a, state_b = _state("A", 1), _state("B", 2)
    path = tmp_path / "project.tcdesk"
    save_project(state_a, path)
    rng = random.Random(2026)
    interrupted = kills = 0
    # Kill until two kills have landed while the database file itself was being rewritten.
    while interrupted < 2 and kills < 30:
        kills += 1
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), __file__],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == b"saving\n", child.stderr.read().decode() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()
        assert child.returncode == -signal.SIGKILL

        hot = _is_hot(journal_path(path))
        interrupted += hot
        before = file_digest(path)
        seen = load_project(path)
        assert seen in (state_a, state_b)
        assert file_digest(path) == before  # reading recovered a copy, not the user's file
        with ProjectStore.open(path) as store:  # opening for editing rolls a hot journal back in place
            assert store.load() == seen
        if hot:
            assert not journal_path(path).exists()
    assert interrupted >= 2, f"only {interrupted} of {kills} kills hit a write of the database file"
