"""What interrupted or refused work leaves behind is cleaned up; stray journals are never applied."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from tcdesk.errors import ProjectFileError
from tcdesk.model import Submission
from tcdesk.storage import ProjectStore, files, load_project

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_opening_removes_parts_a_killed_save_left(tmp_path):
    path = tmp_path / "draft.tcdesk"
    ProjectStore.create(path, Submission(organisation="Kept")).close()
    stale = tmp_path / ".draft.tcdesk.1a2b3c4d.part"
    fresh = tmp_path / ".draft.tcdesk.9f8e7d6c.part"
    other = tmp_path / ".other.tcdesk.1a2b3c4d.part"
    for p in (stale, fresh, other):
        p.write_bytes(b"half a save")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    with ProjectStore.open(path) as store:
        assert store.load().organisation == "Kept"
    assert not stale.exists()
    assert fresh.exists(), "a save in progress is left alone"
    assert other.exists(), "another file's leftovers are not ours"


@pytest.mark.parametrize("name", ["draft.tcdesk.json", "University of Northmoor July 2026.pdf"])
def test_writing_an_interchange_file_or_export_removes_parts_an_earlier_killed_write_left(tmp_path, name):
    from tcdesk import interchange
    from tcdesk.session import Session

    target = tmp_path / name
    stale, fresh = tmp_path / f".{name}.k1l2m3n4.part", tmp_path / f".{name}.o5p6q7r8.part"
    for p in (stale, fresh):
        p.write_bytes(b"half a write")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    Session(Submission(organisation="Kept")).export_to(target)
    assert not stale.exists()
    assert fresh.exists(), "a write in progress is left alone"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, fresh.name])
    if name.endswith(".json"):
        assert interchange.read(target).organisation == "Kept"


def test_a_refused_migration_leaves_no_backup(tmp_path):
    path = tmp_path / "old.tcdesk"
    shutil.copyfile(FIXTURES / "project-schema-0001.tcdesk", path)
    with sqlite3.connect(path) as conn:  # the next migration creates this table: it must fail
        conn.execute("CREATE TABLE attachment (x)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectFileError):
        ProjectStore.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.tcdesk"]


def test_a_stray_wal_is_never_applied_nor_are_files_created(tmp_path):
    import sys

    sys.path.insert(0, str(FIXTURES.parent / "fuzz"))
    import generators

    seed = tmp_path / "seed" / "seed.tcdesk"
    seed.parent.mkdir()
    ProjectStore.create(seed, Submission(organisation="Original")).close()
    path = generators.project_stray_wal(seed, tmp_path)  # victim.tcdesk with another file's -wal
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert load_project(path).organisation == "Original"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    with pytest.raises(ProjectFileError, match=r"victim\.tcdesk-wal"):
        ProjectStore.open(path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_a_project_in_wal_mode_is_read_without_creating_files(tmp_path):
    path = tmp_path / "wal.tcdesk"
    ProjectStore.create(path, Submission(organisation="Read me")).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    before = path.read_bytes()
    assert load_project(path).organisation == "Read me"
    assert path.read_bytes() == before
    assert files.wal_files(path) == []
