"""Saving and opening projects: exact round trips, one transaction per save, thread-safe autosave."""

from __future__ import annotations

import copy
import sqlite3
import threading
from dataclasses import replace
from datetime import date

import pytest

from tcdesk import __version__
from tcdesk.errors import ProjectFileError
from tcdesk.model import Attachment, AttachmentKind, Lead, PreviousAction, Submission
from tcdesk.storage import ProjectStore, load_project, save_project
from tcdesk.storage.schema import APPLICATION_ID, SCHEMA_REVISION
from tests.fresh_process import packages_loaded


def test_every_field_round_trips_exactly_with_unicode_and_a_megabyte_answer(tmp_path, rich_submission):
    path = tmp_path / "rich.tcdesk"
    save_project(rich_submission, path)
    loaded = load_project(path)
    assert loaded == rich_submission
    assert loaded.previous_plan.actions[0].talent == ["R11", "R3", "R2"]  # the user's order, not sorted
    assert loaded.previous_plan.actions[2].pillar is None and loaded.previous_plan.actions[2].rag is None
    assert loaded.signoff.lead.date == date(2024, 11, 29) and loaded.signoff.leader.date is None
    assert len(loaded.answers["5"]) == 1_000_000
    assert [a.name for a in loaded.attachments] == ["figure 1 – staff.png", "appendix-a.pdf"]


def test_empty_submission_round_trips(tmp_path):
    path = tmp_path / "empty.tcdesk"
    save_project(Submission(), path)
    assert load_project(path) == Submission()


def test_project_file_is_a_marked_sqlite_database_in_rollback_journal_mode(tmp_path):
    path = tmp_path / "a.tcdesk"
    save_project(Submission(organisation="U"), path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_REVISION
    generation = {k: meta.pop(k) for k in ("generation", "saved_by", "saved_at")}
    assert meta == {"format": "tcdesk-project", "created_by": __version__, "written_by": __version__}
    assert len(generation["generation"]) == 32 and " on " in generation["saved_by"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tcdesk"]  # no journal, no temporary left


def test_saving_over_an_existing_project_replaces_its_content(tmp_path, rich_submission):
    path = tmp_path / "a.tcdesk"
    save_project(rich_submission, path)
    smaller = Submission(organisation="Only this", leads=[Lead("One")])
    save_project(smaller, path)
    assert load_project(path) == smaller


def test_create_refuses_to_overwrite_an_existing_file(tmp_path):
    path = tmp_path / "a.tcdesk"
    path.write_text("keep me")
    with pytest.raises(ProjectFileError, match="already exists"):
        ProjectStore.create(path, Submission())
    assert path.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tcdesk"]


def test_create_with_replace_overwrites(tmp_path):
    path = tmp_path / "a.tcdesk"
    path.write_text("old")
    ProjectStore.create(path, Submission(organisation="New"), replace=True).close()
    assert load_project(path).organisation == "New"


def test_store_saves_edits_and_loads_them_back(tmp_path, rich_submission):
    path = tmp_path / "a.tcdesk"
    with ProjectStore.create(path, rich_submission) as store:
        assert store.path == path
        edited = copy.deepcopy(store.load())
        edited.answers["3"] = "Now answered – ‘at last’"
        edited.previous_plan.actions.insert(0, PreviousAction(ref="V00", talent=["R1"]))
        edited.leads.pop()
        store.save(edited)
        assert store.load() == edited
    assert load_project(path) == edited


def _statements(store: ProjectStore) -> list[str]:
    seen: list[str] = []
    store._conn.set_trace_callback(seen.append)
    return seen


def test_autosave_rewrites_only_tables_that_changed_and_never_unchanged_blobs(tmp_path, rich_submission):
    path = tmp_path / "a.tcdesk"
    with ProjectStore.create(path, rich_submission) as store:
        sub = store.load()
        seen = _statements(store)
        sub.answers["3"] = "typed a little"
        store.save(sub)
        writes = [s for s in seen if s.lstrip().upper().startswith(("INSERT", "DELETE", "UPDATE"))]
        assert any("answer" in s for s in writes)
        assert not any("previous_action" in s or "new_action" in s for s in writes)
        assert not any(s.startswith("INSERT INTO attachment") for s in writes)
        seen.clear()
        sub.attachments[1] = replace(sub.attachments[1], data=b"%PDF-1.7\nchanged")
        store.save(sub)
        inserts = [s for s in seen if s.startswith("INSERT INTO attachment")]
        assert len(inserts) == 1
    assert load_project(path) == sub


def test_a_write_by_another_program_makes_the_next_save_rewrite_everything(tmp_path, rich_submission):
    path = tmp_path / "a.tcdesk"
    with ProjectStore.create(path, rich_submission) as store:
        sub = store.load()
        with sqlite3.connect(path) as other:
            other.execute("DELETE FROM previous_action")
        store.save(sub)
    assert load_project(path) == rich_submission


def test_removing_and_reordering_attachments_is_saved(tmp_path, rich_submission):
    path = tmp_path / "a.tcdesk"
    with ProjectStore.create(path, rich_submission) as store:
        sub = store.load()
        sub.attachments.reverse()
        store.save(sub)
        assert store.load().attachments == sub.attachments
        sub.attachments = sub.attachments[:1] + [Attachment("new.png", AttachmentKind.FIGURE, "image/png", b"x")] * 2
        store.save(sub)
        assert store.load() == sub
        sub.attachments = []
        store.save(sub)
    assert load_project(path).attachments == []


def test_save_and_load_work_from_another_thread_than_the_one_that_opened(tmp_path, rich_submission):
    path = tmp_path / "a.tcdesk"
    store = ProjectStore.create(path, Submission())
    errors: list[BaseException] = []
    results: list[Submission] = []

    def autosave(n: int) -> None:
        try:
            sub = copy.deepcopy(rich_submission)
            sub.organisation = f"save {n}"
            store.save(sub)
            results.append(store.load())
        except BaseException as exc:  # noqa: BLE001 - surfaced below: a thread's exception is otherwise lost
            errors.append(exc)

    threads = [threading.Thread(target=autosave, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store.close()
    assert errors == []
    assert load_project(path).organisation.startswith("save ")
    assert all(r.previous_plan == rich_submission.previous_plan for r in results)


def test_load_project_never_writes_to_the_file(tmp_path, rich_submission):
    path = tmp_path / "a.tcdesk"
    save_project(rich_submission, path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_project(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tcdesk"]


def test_storage_loads_no_qt_and_reading_json_loads_no_sqlalchemy():
    assert packages_loaded("import tcdesk.storage, tcdesk.commands.convert, tcdesk.commands.new", {"PySide6"}) == set()
    assert packages_loaded("import tcdesk.session", {"sqlalchemy"}) == set()
