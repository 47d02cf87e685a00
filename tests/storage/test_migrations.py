"""Older project files open in this tcdesk: migrated with Alembic after a backup, data intact."""

from __future__ import annotations

import runpy
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tcdesk.model import Lead, Pillar, Rag, Submission
from tcdesk.storage import ProjectStore, load_project, migrate
from tcdesk.storage.files import make_engine
from tcdesk.storage.schema import SCHEMA_REVISION, Base

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_0001 = FIXTURES / "project-schema-0001.tcdesk"


def _revision(path: Path) -> str:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        value = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    conn.close()
    return value


def _check_fixture_content(sub: Submission) -> None:
    assert sub.organisation == "Prifysgol Northmoor – University of Northmoor"
    assert sub.leads[0] == Lead(
        "Siân Ó Súilleabháin", "Head of Technical Services", "s.osuilleabhain@northmoor.ac.uk"
    )
    assert sub.answers["4"] == "We “embedded” the commitment in our People Strategy."
    assert [a.ref for a in sub.previous_plan.actions] == ["V01", "R01", "C01", "S01"]
    assert sub.previous_plan.actions[0].talent == ["R11", "R3"]
    assert sub.previous_plan.actions[2].rag is None and sub.previous_plan.actions[3].pillar is None
    assert sub.previous_plan.actions[3].rag is Rag.RED
    assert sub.previous_plan.actions[3].explanation == "Staff changes 🙁"
    assert sub.new_plan.actions[0].pillar is Pillar.VISIBILITY and sub.new_plan.actions[0].talent == ["R11", "R2"]
    assert sub.new_plan.actions[1].due == "2026-03-31"
    assert sub.signoff.lead.date == date(2024, 11, 29) and sub.signoff.leader.date is None
    assert sub.attachments == []  # attachments arrived with schema 0002
    # Actions got identities in schema 0004: given by position, so every copy of the file agrees.
    assert [a.id for a in sub.previous_plan.actions] == ["previous-1", "previous-2", "previous-3", "previous-4"]


def test_committed_fixture_is_at_the_first_schema_revision():
    assert _revision(FIXTURE_0001) == "0001"


def test_load_project_reads_an_old_file_without_touching_it():
    before = FIXTURE_0001.read_bytes()
    listing = sorted(p.name for p in FIXTURES.iterdir())
    _check_fixture_content(load_project(FIXTURE_0001))
    assert FIXTURE_0001.read_bytes() == before
    assert sorted(p.name for p in FIXTURES.iterdir()) == listing


def test_opening_an_old_file_for_editing_backs_it_up_then_migrates_in_place(tmp_path):
    path = tmp_path / "northmoor.tcdesk"
    shutil.copyfile(FIXTURE_0001, path)
    with ProjectStore.open(path) as store:
        sub = store.load()
        _check_fixture_content(sub)
        sub.organisation = "University of Northmoor"
        store.save(sub)
    backup = tmp_path / "northmoor.tcdesk.v1.bak"
    assert backup.read_bytes() == FIXTURE_0001.read_bytes()
    assert _revision(path) == SCHEMA_REVISION
    assert load_project(path) == sub
    # Opening the migrated file again needs no further backup.
    ProjectStore.open(path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["northmoor.tcdesk", "northmoor.tcdesk.v1.bak"]


def test_an_existing_backup_is_never_overwritten(tmp_path):
    path = tmp_path / "northmoor.tcdesk"
    shutil.copyfile(FIXTURE_0001, path)
    (tmp_path / "northmoor.tcdesk.v1.bak").write_text("an earlier backup")
    ProjectStore.open(path).close()
    assert (tmp_path / "northmoor.tcdesk.v1.bak").read_text() == "an earlier backup"
    assert (tmp_path / "northmoor.tcdesk.v1.2.bak").read_bytes() == FIXTURE_0001.read_bytes()


def test_fixture_matches_the_script_that_documents_it(tmp_path):
    script = runpy.run_path(str(FIXTURES / "make_schema_0001_project.py"))
    rebuilt = script["build"](tmp_path / "rebuilt.tcdesk")
    assert load_project(rebuilt) == load_project(FIXTURE_0001)


def test_schema_revision_constant_is_the_newest_migration():
    assert migrate.head_revision() == SCHEMA_REVISION
    assert migrate.known_revisions() == ["0001", "0002", "0003", "0004"]


@pytest.mark.parametrize("source", ["created", "migrated"])
def test_migrated_database_matches_the_orm_mappings(tmp_path, source):
    path = tmp_path / "a.tcdesk"
    if source == "created":
        ProjectStore.create(path, Submission()).close()
    else:
        shutil.copyfile(FIXTURE_0001, path)
        ProjectStore.open(path).close()
    engine = make_engine(path, readonly=True)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []
