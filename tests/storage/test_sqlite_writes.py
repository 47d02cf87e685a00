"""Saving with the standard library's sqlite3 writes exactly the rows SQLAlchemy writes through
schema.py's mapped classes (how every tcdesk before this one saved), and opening and saving a current
project never imports SQLAlchemy."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert

from tcdesk.errors import CorruptProjectError
from tcdesk.model import Submission
from tcdesk.storage import ProjectStore, files, load_project, mapped_read, quick_read, reading, repository, save_project
from tests.fresh_process import packages_loaded
from tests.storage.conftest import build_rich_submission, declare_organisation_nullable
from tests.test_interchange import submissions


def _through_sqlalchemy(sub: Submission, path: Path) -> None:
    """The rows of ``sub`` written over ``path``'s as the SQLAlchemy repository wrote them."""
    rows = repository.to_rows(sub)
    engine = files.make_engine(path, readonly=False)
    try:
        with engine.begin() as conn:
            for table, new_rows in {**rows.tables, repository.ATTACHMENTS: rows.attachments}.items():
                conn.execute(delete(mapped_read.MAPPED[table]))
                if new_rows:
                    conn.execute(insert(mapped_read.MAPPED[table]), new_rows)
    finally:
        engine.dispose()


def _contents(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table a submission is stored in, in storage order, values as SQLite holds
    them (text, whole number, blob or NULL: sqlite3 hands each back as its own Python type)."""
    with closing(files.connect(path, readonly=True)) as conn:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in reading.TABLES}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=submissions, second=submissions, resave_first=st.booleans())
def test_a_save_writes_the_rows_sqlalchemy_wrote_and_reads_back_exactly(first, second, resave_first):
    with tempfile.TemporaryDirectory() as tmp:
        ours, created, reference = Path(tmp, "ours.tcdesk"), Path(tmp, "created.tcdesk"), Path(tmp, "ref.tcdesk")
        save_project(first, ours)
        with ProjectStore.open(ours) as store:
            assert store.load() == first
            if resave_first:
                store.save(first)  # nothing changed: nothing written
            store.save(second)  # only the tables that changed are rewritten
            assert store.load() == second
        save_project(second, created)
        save_project(Submission(), reference)
        _through_sqlalchemy(second, reference)
        assert _contents(ours) == _contents(created) == _contents(reference)
        assert load_project(ours) == second


def test_the_rows_written_have_exactly_the_columns_schema_py_declares():
    rich = build_rich_submission()
    rows = repository.to_rows(rich)
    written = {**rows.tables, repository.ATTACHMENTS: rows.attachments}
    assert set(written) == set(reading.TABLES) == set(mapped_read.MAPPED)
    for table, table_rows in written.items():
        assert table_rows, f"the rich submission should fill {table}"
        assert all(list(row) == list(table_rows[0]) for row in table_rows)
        assert set(table_rows[0]) == set(mapped_read.MAPPED[table].__table__.columns.keys()), table


def test_opening_and_saving_a_current_project_imports_no_sqlalchemy(tmp_path):
    path = tmp_path / "p.tcdesk"
    save_project(build_rich_submission(), path)
    code = (
        "from tcdesk.storage import ProjectStore, save_project\n"
        f"store = ProjectStore.open({str(path)!r})\n"
        "sub = store.load()\n"
        "sub.answers['1'] = 'typed'\n"
        "store.save(sub)\n"
        "store.close()\n"
        f"save_project(sub, {str(path)!r})\n"
    )
    assert packages_loaded(code, {"sqlalchemy", "alembic"}) == set()
    assert load_project(path).answers["1"] == "typed"


def test_a_file_the_sqlite3_reader_leaves_alone_is_read_through_sqlalchemy_and_saved_all_the_same(tmp_path):
    path = tmp_path / "p.tcdesk"
    rich = build_rich_submission()
    save_project(rich, path)
    declare_organisation_nullable(path)
    assert quick_read.read(path) is None
    with ProjectStore.open(path) as opened:
        sub = opened.load()
        assert sub == rich
        sub.answers["1"] = "typed"
        opened.save(sub)
        assert opened.load() == sub
    assert load_project(path) == sub
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE submission SET organisation = NULL")
        conn.commit()
    with ProjectStore.open(path) as opened, pytest.raises(CorruptProjectError) as through_the_store:
        opened.load()
    with pytest.raises(CorruptProjectError) as reading:
        load_project(path)
    assert str(through_the_store.value) == str(reading.value)
    assert "organisation holds nothing" in str(reading.value)
