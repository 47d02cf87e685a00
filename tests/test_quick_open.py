"""Opening a project from a quick sqlite3 read (the editor's start): the lock, migrations, change
detection and saving behave as with the full store, which opens later."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tcdesk.errors import NotAProjectError, ProjectLockedError
from tcdesk.lockfile import read_lock
from tcdesk.model import Submission
from tcdesk.storage import ProjectStore, load_project, save_project
from tcdesk.storage.files import inspect
from tcdesk.storage.schema import SCHEMA_REVISION
from tcdesk.workspace import OpenProject

FIXTURE_0001 = Path(__file__).resolve().parent / "fixtures" / "project-schema-0001.tcdesk"


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "Kent.tcdesk"
    ProjectStore.create(path, Submission(organisation="University of Kent", answers={"4": "Ours."})).close()
    return path


def test_a_quick_open_reads_without_sqlalchemy_and_opens_the_store_when_asked_still_without_it(project):
    script = f"""
import sys
from tcdesk.workspace import OpenProject
project, sub = OpenProject.open({str(project)!r}, quick=True)
assert sub.organisation == "University of Kent" and project.opening and project.store is None
assert "sqlalchemy" not in sys.modules, "SQLAlchemy was imported before the project was shown"
project.finish_opening()
assert not project.opening and project.store is not None
project.save(sub)
assert "sqlalchemy" not in sys.modules, "SQLAlchemy was imported to open or save a current project"
project.close()
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr


def test_a_quick_open_takes_the_lock_and_a_held_lock_is_reported_as_before(project):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from tcdesk.workspace import OpenProject; "
         f"p, _ = OpenProject.open({str(project)!r}, quick=True); print('ready', flush=True); sys.stdin.read(); p.close()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert read_lock(project).pid == holder.pid
        before = project.read_bytes()
        for quick in (True, False):
            with pytest.raises(ProjectLockedError) as caught:
                OpenProject.open(project, quick=quick)
            assert caught.value.holder.pid == holder.pid
        assert project.read_bytes() == before
    finally:
        holder.communicate("", timeout=30)
    assert read_lock(project) is None


@pytest.mark.parametrize("finish_first", [True, False])
def test_edits_are_saved_in_place_once_the_store_is_open(project, finish_first):
    opened, sub = OpenProject.open(project, quick=True)
    if finish_first:
        opened.finish_opening()
    sub.answers["4"] = "Ours, edited."
    assert opened.save(sub) == project  # the first save opens the store when nothing did yet
    opened.close()
    assert opened.conflict is None
    assert load_project(project).answers["4"] == "Ours, edited."


def test_opening_and_closing_without_an_edit_leaves_the_file_byte_identical(project):
    before = project.read_bytes()
    opened, _ = OpenProject.open(project, quick=True)
    opened.finish_opening()
    opened.close()
    assert project.read_bytes() == before
    assert sorted(p.name for p in project.parent.iterdir()) == [project.name]


def test_a_save_by_someone_else_between_the_quick_read_and_the_store_goes_to_a_conflicted_copy(project):
    opened, sub = OpenProject.open(project, quick=True)
    save_project(Submission(organisation="University of Kent", answers={"4": "Theirs."}), project)  # ignores locks
    theirs = project.read_bytes()
    opened.finish_opening()
    sub.answers["4"] = "Mine."
    written = opened.save(sub)
    opened.close()
    assert project.read_bytes() == theirs
    assert written != project and opened.conflict is not None
    assert opened.conflict.base.answers["4"] == "Ours."  # what was shown: the merge's common ancestor
    assert load_project(written).answers["4"] == "Mine."


def test_a_change_that_kept_the_save_stamp_is_still_noticed(project):
    """Another program (not tcdesk) changed the file between the quick read and the store's."""
    opened, sub = OpenProject.open(project, quick=True)
    with closing(sqlite3.connect(project)) as conn:
        conn.execute("UPDATE answer SET text = 'Changed by a script.' WHERE number = '4'")
        conn.commit()
    changed = project.read_bytes()
    sub.answers["4"] = "Mine."
    written = opened.save(sub)
    opened.close()
    assert project.read_bytes() == changed and written != project
    assert load_project(written).answers["4"] == "Mine."


def test_an_old_schema_project_is_migrated_before_it_is_shown(tmp_path):
    path = tmp_path / "old.tcdesk"
    shutil.copyfile(FIXTURE_0001, path)
    opened, sub = OpenProject.open(path, quick=True)
    try:
        assert not opened.opening and opened.store is not None  # the full way: migrated now
        assert inspect(path).revision == SCHEMA_REVISION
        assert (tmp_path / "old.tcdesk.v1.bak").exists()
        assert sub == load_project(FIXTURE_0001)
    finally:
        opened.close()


def test_when_the_store_cannot_open_the_save_says_so_and_writes_nothing(project):
    opened, sub = OpenProject.open(project, quick=True)
    shutil.move(project, project.with_name("moved.tcdesk"))
    project.write_bytes(b"not a project any more")
    sub.answers["4"] = "Mine."
    with pytest.raises(NotAProjectError, match="not a tcdesk project"):
        opened.save(sub)
    assert project.read_bytes() == b"not a project any more"
    opened.close()
    assert read_lock(project) is None
