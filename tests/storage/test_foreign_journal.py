"""A journal a crashed save left beside a project is written back only into the file it was left by.

When the project is replaced meanwhile (a colleague's version from a sync client, a copy, a new
project of the same name), SQLite would write the old file's pages into the new one on opening."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tcdesk.errors import ProjectFileError
from tcdesk.model import Submission
from tcdesk.session import Session
from tcdesk.storage import ProjectStore, load_project, save_project
from tcdesk.storage.files import journal_path
from tcdesk.storage.journal_owner import is_foreign

# A write transaction that spills pages into the file (a tiny cache), then the process dies: the hot
# journal a crash in the middle of a save leaves.
CRASH = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("PRAGMA cache_size = 2")
conn.execute("BEGIN")
conn.execute("UPDATE submission SET organisation = 'Being renamed'")
conn.execute("UPDATE answer SET text = text || ' and more'")
conn.execute("CREATE TABLE spill (x)")
conn.executemany("INSERT INTO spill VALUES (?)", [("x" * 3000,) for _ in range(400)])
os._exit(0)
"""


def _project(path: Path, organisation: str, saves: int) -> Submission:
    sub = Submission(organisation=organisation, answers={"1": f"The words of {organisation}."})
    save_project(sub, path)
    with ProjectStore.open(path) as store:
        for n in range(saves):
            sub.answers["2"] = f"save {n}"
            store.save(sub)
    return sub


def _crash_in_a_save(path: Path) -> None:
    subprocess.run([sys.executable, "-c", CRASH, str(path)], check=True, timeout=60)
    with journal_path(path).open("rb") as fh:
        assert fh.read(8) == bytes.fromhex("d9d505f920a163d7")  # hot: SQLite would play it back


def test_a_journal_left_before_the_file_was_replaced_is_never_played_into_the_new_file(tmp_path):
    path = tmp_path / "plan.tcdesk"
    _project(path, "Old University", saves=1)
    _crash_in_a_save(path)
    theirs = tmp_path / "synced.tcdesk"
    new = _project(theirs, "New University", saves=6)
    theirs.replace(path)  # the sync client brings the colleague's version in
    before = path.read_bytes()
    assert is_foreign(path, journal_path(path))
    assert load_project(path) == new
    assert Session.open(path).submission == new
    with pytest.raises(ProjectFileError, match="left by an unfinished save of another version"):
        ProjectStore.open(path)
    assert path.read_bytes() == before and journal_path(path).exists()  # nothing written, nothing moved
    journal_path(path).rename(tmp_path / "aside")  # what the message asks
    with ProjectStore.open(path) as store:
        assert store.load() == new


def test_a_journal_left_by_a_crash_of_this_file_is_still_played_back(tmp_path):
    path = tmp_path / "plan.tcdesk"
    mine = _project(path, "Old University", saves=3)
    _crash_in_a_save(path)
    assert not is_foreign(path, journal_path(path))
    assert load_project(path) == mine
    with ProjectStore.open(path) as store:
        assert store.load() == mine
    assert not journal_path(path).exists()
    with pytest.raises(Exception, match="spill"):  # the unfinished transaction was rolled back
        import sqlite3

        sqlite3.connect(path).execute("SELECT * FROM spill")
