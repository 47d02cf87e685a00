"""The quick sqlite3 read of a project (the editor's start, ``load_project``) gives exactly what the
SQLAlchemy repository gives, or leaves the file to it: never a laxer reading, never a different one."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tcdesk.errors import CorruptProjectError, ProjectFileError, TcdeskError
from tcdesk.model import Submission
from tcdesk.storage import ProjectStore, files, load_project, mapped_read, quick_read, reading, save_project, store
from tcdesk.storage.file_format import SCHEMA_REVISION, TABLES_SHA256
from tests.storage.conftest import declare_organisation_nullable
from tests.test_interchange import submissions

FIXTURE_0001 = Path(__file__).resolve().parent.parent / "fixtures" / "project-schema-0001.tcdesk"


def _stored_order(path: Path) -> tuple[list[str], list[str]]:
    with ProjectStore.open(path) as store:
        sub = store.load()
    return list(sub.answers), list(sub.last_time)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submissions)
def test_the_quick_read_and_the_repository_yield_the_same_submission(sub):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.tcdesk"
        save_project(sub, path)
        before = path.read_bytes()
        quick = quick_read.read(path)
        assert quick is not None
        assert quick.submission == store.load_project(path) == sub  # the SQLAlchemy repository's reading
        assert load_project(path) == sub
        # The same dict order as well: a save compares rows in order, and exports follow it.
        assert (list(quick.submission.answers), list(quick.submission.last_time)) == _stored_order(path)
        with ProjectStore.open(path) as opened:
            opened.load()
            assert quick.generation == opened.generation and quick.generation is not None
        assert path.read_bytes() == before
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["p.tcdesk"]


# Values SQLite will store in any column: what a damaged or hand-edited file may hold.
ANY_VALUE = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["2024-11-29", "2024-02-30", "[]", '["R1"]', "{}", "null", "5", "Visibility", "green", "figure"]),
    st.binary(max_size=8),
)
CELLS = [(table, column.key) for table in reading.TABLES for column in mapped_read.COLUMNS[table]]


def _rich_file(folder: Path) -> Path:
    from tests.storage.conftest import build_rich_submission

    path = folder / "rich.tcdesk"
    save_project(build_rich_submission(), path)
    return path


@pytest.fixture(scope="module")
def rich_file(tmp_path_factory) -> Path:
    return _rich_file(tmp_path_factory.mktemp("rich"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=st.sampled_from(CELLS), value=ANY_VALUE, row=st.integers(0, 3))
def test_a_hand_edited_value_is_read_the_same_way_or_left_to_the_repository(rich_file, cell, value, row):
    table, column = cell
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edited.tcdesk"
        shutil.copyfile(rich_file, path)
        with closing(sqlite3.connect(path)) as conn:
            try:
                changed = conn.execute(
                    f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = '
                    f'(SELECT rowid FROM "{table}" ORDER BY rowid LIMIT 1 OFFSET ?)', (value, row)
                ).rowcount
                conn.commit()
            except sqlite3.IntegrityError:  # NOT NULL, or a duplicate key: SQLite refuses it itself
                changed = 0
        assume(changed == 1)
        try:
            slow: Submission | CorruptProjectError = store.load_project(path)
        except CorruptProjectError as exc:
            slow = exc
        quick = quick_read.read(path)
        if quick is not None:
            assert slow == quick.submission, f"quick read took {value!r} in {table}.{column} differently"
        try:
            public: Submission | str = load_project(path)
        except CorruptProjectError as exc:
            public = str(exc)
        assert public == (str(slow) if isinstance(slow, CorruptProjectError) else slow)


def test_the_columns_the_quick_read_finds_in_a_new_file_are_those_schema_py_declares(tmp_path):
    path = tmp_path / "new.tcdesk"
    save_project(Submission(), path)
    with closing(files.connect(path, readonly=True)) as conn:
        for table in reading.TABLES:
            found, _ = quick_read._columns(conn, table)
            assert sorted(found, key=lambda c: c.key) == sorted(mapped_read.COLUMNS[table], key=lambda c: c.key), table


def test_the_tables_digest_is_that_of_a_new_and_of_a_migrated_project(tmp_path):
    new, migrated = tmp_path / "new.tcdesk", tmp_path / "migrated.tcdesk"
    save_project(Submission(), new)
    shutil.copyfile(FIXTURE_0001, migrated)
    ProjectStore.open(migrated).close()
    for path in (new, migrated):
        with closing(files.connect(path, readonly=True)) as conn:
            digest = quick_read.tables_digest(conn)
        assert digest == TABLES_SHA256, f"the tables changed: set file_format.TABLES_SHA256 = {digest!r}"


def test_a_file_whose_tables_were_declared_otherwise_is_left_to_the_repository(tmp_path):
    """Hand-edited: organisation may now be NULL, which schema.py (and so the repository) refuses."""
    path = tmp_path / "p.tcdesk"
    save_project(Submission(organisation="U"), path)
    declare_organisation_nullable(path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE submission SET organisation = NULL")
        conn.commit()
    assert quick_read.read(path) is None
    with pytest.raises(CorruptProjectError, match="organisation holds nothing"):
        load_project(path)


def test_an_old_schema_file_is_left_to_the_store_which_migrates_it(tmp_path):
    path = tmp_path / "old.tcdesk"
    shutil.copyfile(FIXTURE_0001, path)
    before = path.read_bytes()
    assert files.inspect(path).revision != SCHEMA_REVISION
    assert quick_read.read(path) is None
    assert path.read_bytes() == before


def test_a_file_a_crash_left_a_journal_beside_is_left_to_the_store(tmp_path):
    path = tmp_path / "p.tcdesk"
    save_project(Submission(organisation="Committed"), path)
    files.journal_path(path).write_bytes(b"\x00" * 512)  # not a valid journal: SQLite ignores it, the store copies
    assert quick_read.read(path) is None
    assert load_project(path).organisation == "Committed"


def test_a_stray_wal_is_refused_for_editing_and_left_out_of_reading(tmp_path):
    path = tmp_path / "p.tcdesk"
    save_project(Submission(organisation="U"), path)
    path.with_name(path.name + "-wal").write_bytes(b"x" * 100)
    with pytest.raises(ProjectFileError, match="may belong to another file"):
        ProjectStore.open(path)
    assert quick_read.read(path) is None  # reading leaves it to the store, which reads the file alone
    assert load_project(path).organisation == "U"


@pytest.mark.parametrize("kind", ["another database", "a damaged header"])
def test_a_file_that_is_not_a_project_gets_the_stores_error(tmp_path, kind):
    path = tmp_path / "p.tcdesk"
    if kind == "another database":
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE notes (text)")
            conn.commit()
    else:
        path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(TcdeskError) as full:
        ProjectStore.open(path)
    try:
        assert quick_read.read(path) is None  # the store then says what is wrong
    except TcdeskError as quick:
        assert (type(quick), str(quick)) == (type(full.value), str(full.value))


def test_load_project_reads_a_current_project_without_sqlalchemy_and_an_old_one_with_it(tmp_path):
    import subprocess
    import sys

    current, old = tmp_path / "current.tcdesk", tmp_path / "old.tcdesk"
    save_project(Submission(organisation="Current"), current)
    shutil.copyfile(FIXTURE_0001, old)
    code = (
        "import sys\n"
        "from tcdesk.storage import load_project\n"
        "for path in sys.argv[1:]:\n"
        "    print(load_project(path).organisation[:7], 'sqlalchemy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(current), str(old)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Current False", "Prifysg True"]
