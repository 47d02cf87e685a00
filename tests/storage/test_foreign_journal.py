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
from tcdesk.workspace import OpenProject

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


def _parted_copy(path: Path, copy: Path, organisation: str) -> Submission:
    """A colleague's copy of ``path`` as it is now, saved once since: the same change counter as a
    save of ``path`` would give, so the counter cannot tell the two files apart."""
    import shutil

    shutil.copyfile(path, copy)
    with ProjectStore.open(copy) as store:
        theirs = store.load()
        theirs.organisation = organisation
        theirs.answers["1"] = f"The colleague's words for {organisation}."
        store.save(theirs)
    return theirs


def _counter(path: Path) -> int:
    with path.open("rb") as fh:
        return int.from_bytes(fh.read(28)[24:28], "big")


def test_a_colleagues_copy_with_the_same_change_counter_never_loses_its_words(tmp_path):
    path = tmp_path / "plan.tcdesk"
    _project(path, "Old University", saves=2)
    theirs_path = tmp_path / "synced.tcdesk"
    theirs = _parted_copy(path, theirs_path, "Colleague University")
    before_crash = _counter(path)
    _crash_in_a_save(path)
    theirs_path.replace(path)  # the sync client brings the colleague's version in
    found_bytes = path.read_bytes()
    assert _counter(path) == before_crash + 1  # the counter says: this file's own crash
    assert not is_foreign(path, journal_path(path))
    project, _ = OpenProject.open(path)
    try:
        kept = sorted(tmp_path.glob("plan (as found with an unfinished save *).tcdesk"))
        opened = project.store.load()
        if kept:  # played back, and the colleague's file kept byte for byte beside it
            assert [p.read_bytes() for p in kept] == [found_bytes]
            assert load_project(kept[0]) == theirs
            assert kept[0].name in (project.warning or "")
        else:  # told apart by the played-back file being damaged: the colleague's file opened as it is
            assert opened == theirs
    finally:
        project.close()


# The process dies inside a save before SQLite wrote to the file: the journal is hot but the file is
# as it was.
CRASH_BEFORE_WRITING = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("BEGIN")
conn.execute("UPDATE answer SET text = text || ' and more'")
os._exit(0)
"""


def test_a_crash_before_the_file_was_written_is_recovered_without_a_copy(tmp_path):
    path = tmp_path / "plan.tcdesk"
    mine = _project(path, "Old University", saves=3)
    subprocess.run([sys.executable, "-c", CRASH_BEFORE_WRITING, str(path)], check=True, timeout=60)
    assert journal_path(path).exists()
    project, submission = OpenProject.open(path)
    project.close()
    assert submission == mine
    assert not list(tmp_path.glob("*as found*")) and project.warning is None


def test_a_crash_that_left_a_readable_half_written_file_is_recovered_and_the_file_as_found_kept(tmp_path):
    # Pages spilled into the file before the crash: the file alone still reads, with other rows than
    # the recovered one. Nobody can tell it from a colleague's file, so it is kept, and the user told.
    path = tmp_path / "plan.tcdesk"
    mine = _project(path, "Old University", saves=3)
    _crash_in_a_save(path)
    found = path.read_bytes()
    project, submission = OpenProject.open(path)
    project.close()
    assert submission == mine
    [kept] = tmp_path.glob("plan (as found with an unfinished save *).tcdesk")
    assert kept.read_bytes() == found
    assert kept.name in (project.warning or "") and "cut short" in (project.warning or "")
    assert not journal_path(path).exists() and not journal_path(kept).exists()
