"""A project too large to read is refused from its sizes, before a row is loaded; tcdesk never writes one.

Real SQLite files throughout: one really over the content limit (a zeroblob, cheap to write), one
really over the file-size limit (a sparse file), and the rest with the limits lowered.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tcdesk import interchange
from tcdesk.errors import ALLOW_HINT, InvalidInputError
from tcdesk.model import Attachment, AttachmentKind, NewAction, NewPlan, Submission
from tcdesk.session import Session
from tcdesk.storage import ProjectStore, limits, load_project, quick_read
from tcdesk.storage.limits import ProjectTooLargeError
from tests.storage.conftest import PNG, digest
from tests.test_interchange import submissions

TCDESK = Path(sys.executable).with_name("tcdesk")
FIXTURE_0001 = Path(__file__).resolve().parent.parent / "fixtures" / "project-schema-0001.tcdesk"


def listing(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Each file's size, time and (below 300 MiB, so not for a sparse giant) digest."""
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns, digest(p) if p.stat().st_size < 300 * 2**20 else "")
            for p in sorted(folder.iterdir())}


def every_reader(path: Path) -> list[str]:
    """The message each way of reading ``path`` refuses it with (each must refuse)."""
    messages = []
    for read in (load_project, quick_read.load_project, lambda p: ProjectStore.open(p).close(),
                 lambda p: Session.open(p)):
        with pytest.raises(ProjectTooLargeError) as caught:
            read(path)
        messages.append(str(caught.value))
    return messages


def assert_refused(path: Path, message: str) -> None:
    """Every reader refuses ``path`` with ``message``, and says how to open it anyway."""
    assert every_reader(path) == [f"{path}: {message}{ALLOW_HINT}"] * 4


def insert(path: Path, sql: str, *args: object) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(sql, args)


def test_a_project_holding_more_than_the_limit_is_refused_before_anything_is_loaded(tmp_path):
    """A real file over the real limit: a 201 MiB attachment written as a zeroblob."""
    path = tmp_path / "big.tcdesk"
    ProjectStore.create(path, Submission(organisation="Kent")).close()
    insert(path, "INSERT INTO attachment (position, name, kind, media_type, sha256, data) "
                 "VALUES (0, 'scan.pdf', 'appendix', 'application/pdf', '', zeroblob(?))", limits.MAX_CONTENT + 2**20)
    before = listing(tmp_path)
    for message in every_reader(path):
        assert message == (f"{path}: the project holds 201 MiB of text and attachments (attachment 'scan.pdf' is 201 MiB); "
                           f"tcdesk opens projects of at most 200 MiB{ALLOW_HINT}")
    done = subprocess.run([str(TCDESK), "check", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"tcdesk: error: {path}: the project holds 201 MiB of text and attachments "
                                        "(attachment 'scan.pdf' is 201 MiB); tcdesk opens projects of at most 200 MiB; "
                                        "if it is your own project, open it anyway with --allow-large (the editor asks)"]
    assert listing(tmp_path) == before


def test_a_file_larger_than_any_project_is_refused_from_its_size_on_disk(tmp_path):
    path = tmp_path / "huge.tcdesk"
    ProjectStore.create(path, Submission(organisation="Kent")).close()
    os.truncate(path, 3 * 2**30)  # sparse: no disk used, but SQLite's page count says 3 GiB
    before = listing(tmp_path)
    assert_refused(path, "the project file is 3.2 GB; tcdesk opens projects of at most 800 MiB")
    assert listing(tmp_path) == before


def test_a_huge_journal_beside_the_project_is_refused_before_it_is_copied(tmp_path):
    path = tmp_path / "p.tcdesk"
    ProjectStore.create(path, Submission(organisation="Kent")).close()
    journal = tmp_path / "p.tcdesk-journal"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")
    os.truncate(journal, 3 * 2**30)
    with pytest.raises(ProjectTooLargeError, match=r"'p.tcdesk-journal' beside it is 3.2 GB; tcdesk opens projects of at most"):
        load_project(path)


def test_the_database_page_count_is_checked_when_the_file_size_passes(tmp_path, monkeypatch):
    path = tmp_path / "p.tcdesk"
    ProjectStore.create(path, Submission(attachments=[Attachment("a.png", AttachmentKind.FIGURE, "image/png", PNG * 20)])).close()
    with closing(sqlite3.connect(path)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
    monkeypatch.setattr(limits, "check_file_size", lambda *a, **k: None)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", pages - 1)
    assert_refused(path, f"the database is {pages:,} bytes; tcdesk opens projects of at most {pages - 1:,} bytes")


def test_millions_of_rows_are_refused_from_count(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    monkeypatch.setattr(limits, "BOOKKEEPING", 20)
    path = tmp_path / "rows.tcdesk"
    ProjectStore.create(path, Submission()).close()
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executemany("INSERT INTO new_action (position, ref, action, owner, collaborators, due, success_measures, "
                         "resourcing, talent, carried_from, id) VALUES (?, '', '', '', '', '', '', '', '[]', '', ?)",
                         [(i, f"n{i}") for i in range(40)])
    assert_refused(path, "the project has 56 rows; tcdesk opens projects of at most 10")


def test_a_table_tcdesk_does_not_know_counts_too(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CONTENT", 1000)
    monkeypatch.setattr(limits, "BOOKKEEPING", 1000)
    path = tmp_path / "junk.tcdesk"
    ProjectStore.create(path, Submission(answers={"3": "Our answer."})).close()
    insert(path, "CREATE TABLE junk (x)")
    insert(path, "INSERT INTO junk VALUES (?)", "y" * 5000)
    for message in every_reader(path):
        assert "the project holds 5,1" in message and "(the answer to question 3 is 11 bytes)" in message


def test_an_old_project_too_large_is_refused_before_migrating_and_no_backup_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CONTENT", 100)
    monkeypatch.setattr(limits, "BOOKKEEPING", 0)
    path = tmp_path / "old.tcdesk"
    shutil.copyfile(FIXTURE_0001, path)
    before = listing(tmp_path)
    for message in every_reader(path):
        assert "of text and attachments" in message
    assert listing(tmp_path) == before  # no old.tcdesk.v1.bak, no migrated file


# --- where content is written -----------------------------------------------------------------------


def test_saving_more_than_a_project_may_hold_is_refused_and_the_file_keeps_its_last_save(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CONTENT", 50_000)
    path = tmp_path / "p.tcdesk"
    sub = Submission(organisation="Kent")
    ProjectStore.create(path, sub).close()
    before = digest(path)
    sub.attachments.append(Attachment("scan.png", AttachmentKind.APPENDIX, "image/png", PNG * 10))
    with ProjectStore.open(path) as store:
        store.load()
        with pytest.raises(ProjectTooLargeError) as caught:
            store.save(sub)
    assert re.fullmatch(rf"{re.escape(str(path))}: cannot save: 10\d,\d\d\d bytes of text and attachments \(attachment "
                        rf"'scan.png' is {len(PNG) * 10:,} bytes\); a project holds at most 50,000 bytes: "
                        "remove or shrink attachments", str(caught.value))
    assert digest(path) == before
    with pytest.raises(ProjectTooLargeError, match="cannot save"):
        ProjectStore.create(tmp_path / "new.tcdesk", sub)
    assert not (tmp_path / "new.tcdesk").exists()


def test_saving_too_many_rows_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    sub = Submission(new_plan=NewPlan(actions=[NewAction(f"N{i}") for i in range(20)]))
    with pytest.raises(ProjectTooLargeError, match=r"cannot save: 29 rows \(plan actions, answers, leads, attachments\); "
                                                    r"a project holds at most 10"):
        Session.new(tmp_path / "p.tcdesk", sub)
    assert list(tmp_path.iterdir()) == []


def test_an_import_too_large_for_a_project_is_refused_naming_the_imported_file(tmp_path, monkeypatch):
    source = tmp_path / "draft.tcdesk.json"
    interchange.write(Submission(attachments=[Attachment("scan.png", AttachmentKind.FIGURE, "image/png", PNG * 10)]), source)
    monkeypatch.setattr(limits, "MAX_CONTENT", 50_000)
    with pytest.raises(ProjectTooLargeError) as caught:
        Session().import_file(source)
    assert str(caught.value).startswith(f"{source}: too much to keep in a project: ")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sub=submissions)
def test_every_project_a_save_accepts_opens_again(tmp_path_factory, monkeypatch, sub):
    """No lock-out: with limits low enough for random submissions to cross them, whatever a save writes,
    every reader opens."""
    monkeypatch.setattr(limits, "MAX_CONTENT", 300)
    monkeypatch.setattr(limits, "MAX_ROWS", 12)
    monkeypatch.setattr(limits, "BOOKKEEPING", 0)  # the bookkeeping rows are what the margin is for: count them
    monkeypatch.setattr(limits, "MAX_ROWS", 12)
    path = tmp_path_factory.mktemp("lockout") / "p.tcdesk"
    try:
        ProjectStore.create(path, sub).close()
    except ProjectTooLargeError:
        assert not path.exists()
        return
    # What a save counts plus tcdesk's bookkeeping rows: the margin reading allows.
    monkeypatch.setattr(limits, "BOOKKEEPING", 200)
    assert load_project(path) == quick_read.load_project(path) == sub
    with ProjectStore.open(path) as store:
        assert store.load() == sub


def test_a_project_with_more_tables_than_the_limit_is_refused_before_each_is_counted(tmp_path):
    path = tmp_path / "tables.tcdesk"
    ProjectStore.create(path, Submission(organisation="Kent")).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript("BEGIN; " + "".join(f"CREATE TABLE t{i} (x); " for i in range(limits.MAX_TABLES - 9 + 1)) + "COMMIT;")
    assert_refused(path, "the project has more than 1,000 tables; tcdesk makes 9")


def test_the_editor_refuses_it_and_leaves_no_lock_behind(tmp_path, monkeypatch):
    from tcdesk.workspace import OpenProject

    monkeypatch.setattr(limits, "MAX_CONTENT", 10)
    monkeypatch.setattr(limits, "BOOKKEEPING", 0)
    path = tmp_path / "p.tcdesk"
    shutil.copyfile(FIXTURE_0001, path)  # an old one: opening for editing would back it up and migrate it
    before = listing(tmp_path)
    with pytest.raises(ProjectTooLargeError, match="of text and attachments"):
        OpenProject.open(path)
    assert listing(tmp_path) == before


def test_converting_to_an_interchange_file_too_large_to_read_back_is_refused(tmp_path, monkeypatch):
    """Figures grow by a third in base64: a project within its limit can make a JSON file over the
    interchange file's, which tcdesk would then refuse to read."""
    source = tmp_path / "p.tcdesk"
    sub = Submission(attachments=[Attachment("scan.png", AttachmentKind.FIGURE, "image/png", PNG * 10)])
    Session.new(source, sub)
    monkeypatch.setattr(interchange, "MAX_SUBMISSION_BYTES", 120_000)  # PNG * 10 is 102 KB; in base64, 137 KB
    target = tmp_path / "p.tcdesk.json"
    with pytest.raises(InvalidInputError) as caught:
        Session.open(source).save(target)
    assert str(caught.value) == (f"{target}: cannot write: the interchange file would be 0 MiB; tcdesk reads at most 0 MiB: "
                                 "keep this submission as a project (.tcdesk)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.tcdesk"]
