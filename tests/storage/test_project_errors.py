"""Files that are not tcdesk projects, damaged or from a newer tcdesk: a specific error, not a byte changed."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from tcdesk import __version__
from tcdesk.errors import CorruptProjectError, NewerVersionError, NotAProjectError, ProjectFileError
from tcdesk.model import Lead, PreviousAction, Submission
from tcdesk.storage import ProjectStore, load_project, save_project
from tcdesk.storage.schema import SCHEMA_REVISION


def _project(path: Path) -> Path:
    sub = Submission(
        organisation="University of Northmoor",
        leads=[Lead(f"Lead {i}", "Role", "x@example.ac.uk") for i in range(20)],
        answers={str(n): f"Answer {n} " * 200 for n in range(1, 9)},
    )
    sub.previous_plan.actions = [PreviousAction(ref=f"V{i:02}", action="Do a thing " * 20) for i in range(80)]
    save_project(sub, path)
    return path


def _text_file(path: Path) -> Path:
    path.write_text("Technician Commitment notes – not a project\n", encoding="utf-8")
    return path


def _empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _other_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT, steps TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('bara brith', 'soak the fruit overnight')")
    conn.close()
    return path


def _other_application(path: Path) -> Path:
    _other_sqlite(path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 1234")
    conn.close()
    return path


def _truncated(path: Path) -> Path:
    _project(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def _garbled(path: Path) -> Path:
    _project(path)
    data = bytearray(path.read_bytes())
    rng = random.Random(7)
    page = 4096
    for offset in range(page, len(data) - page, 3 * page):  # scramble every third page after the header
        data[offset : offset + page] = rng.randbytes(page)
    path.write_bytes(bytes(data))
    return path


def _header_destroyed(path: Path) -> Path:
    _project(path)
    data = bytearray(path.read_bytes())
    data[16:100] = bytes(84)
    path.write_bytes(bytes(data))
    return path


def _newer(path: Path) -> Path:
    _project(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.execute("UPDATE meta SET value = '9.0.0' WHERE key = 'written_by'")
    conn.close()
    return path


CASES = [
    (_text_file, NotAProjectError, "not a tcdesk project (not an SQLite database)"),
    (_empty_file, NotAProjectError, "not an SQLite database"),
    (_other_sqlite, NotAProjectError, "not a tcdesk project (an SQLite database)"),
    (_other_application, NotAProjectError, "another application"),
    (_truncated, CorruptProjectError, "damaged"),
    (_garbled, CorruptProjectError, "damaged"),
    (_header_destroyed, CorruptProjectError, "damaged"),
    (
        _newer,
        NewerVersionError,
        f"written by a newer tcdesk (schema 0099, tcdesk 9.0.0); this is tcdesk {__version__}, "
        f"schema {SCHEMA_REVISION} — update tcdesk",
    ),
]
IDS = [make.__name__.strip("_") for make, _, _ in CASES]


@pytest.mark.parametrize(("make", "error", "message"), CASES, ids=IDS)
@pytest.mark.parametrize("opener", ["load_project", "ProjectStore.open", "save_project"])
def test_unopenable_file_gives_its_specific_error_and_stays_byte_identical(
    tmp_path, make, error, message, opener, file_digest
):
    path = make(tmp_path / "draft.tcdesk")
    before = file_digest(path)
    with pytest.raises(error) as caught:
        if opener == "load_project":
            load_project(path)
        elif opener == "ProjectStore.open":
            ProjectStore.open(path)
        else:
            save_project(Submission(organisation="would overwrite"), path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert file_digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.tcdesk"]


def test_missing_file_is_a_project_file_error(tmp_path):
    with pytest.raises(ProjectFileError, match="no such file"):
        load_project(tmp_path / "gone.tcdesk")
    with pytest.raises(ProjectFileError, match="no such file"):
        ProjectStore.open(tmp_path / "gone.tcdesk")
    assert list(tmp_path.iterdir()) == []


def test_impossible_value_in_a_table_names_the_row(tmp_path, file_digest):
    path = _project(tmp_path / "draft.tcdesk")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE previous_action SET pillar = 'happiness' WHERE position = 2")
    conn.close()
    before = file_digest(path)
    with pytest.raises(CorruptProjectError, match=r"previous_action row 3: unknown pillar 'happiness'"):
        load_project(path)
    assert file_digest(path) == before


def test_a_file_damaged_after_it_was_opened_is_reported_when_read(tmp_path):
    """A sync client can replace pages between the editor's open (which checks integrity) and its read."""
    path = _project(tmp_path / "p.tcdesk")
    with ProjectStore.open(path) as store:
        with path.open("r+b") as fh:
            for offset in range(2 * 4096, path.stat().st_size, 4096):
                fh.seek(offset)
                fh.write(b"\xff" * 64)
        with pytest.raises(CorruptProjectError) as caught:
            store.load()
    assert str(caught.value) == f"{path}: the database is damaged (database disk image is malformed)"
