"""A project larger than the limits (e.g. written by a tcdesk from before them) opens when the user
says so, and then every save keeps it: ``--allow-large``, and the editor's "Open anyway".

Real SQLite files written by tcdesk's own writer; "too large" is made cheap either by lowering the
limits in this process or, for the command line, with ``TCDESK_TEST_PROJECT_LIMIT`` (a test hook that
can only lower them).
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcdesk.errors import ALLOW_HINT, TcdeskError
from tcdesk.model import Attachment, AttachmentKind, NewAction, Submission
from tcdesk.session import Session
from tcdesk.storage import ProjectStore, limits, load_project, quick_read, store
from tcdesk.storage.limits import ProjectTooLargeError
from tcdesk.workspace import OpenProject
from tests.storage.conftest import PNG, build_rich_submission, digest
from tests.storage.test_project_limits import FIXTURE_0001, listing
from tests.test_interchange import submissions

TCDESK = Path(sys.executable).with_name("tcdesk")
LIMIT = 200_000  # bytes of text and attachments, for the command line's own process
SCAN = bytes(range(256)) * 1200  # 300 KB: over LIMIT on its own


def large_submission() -> Submission:
    """Every kind of content, and an appendix that takes it over :data:`LIMIT`."""
    sub = build_rich_submission()
    sub.attachments.append(Attachment("scan.pdf", AttachmentKind.APPENDIX, "application/pdf", SCAN))
    return sub


def run(*args: str | Path) -> subprocess.CompletedProcess:
    env = {**os.environ, limits.LIMIT_VARIABLE: str(LIMIT), "TCDESK_CACHE_DIR": os.environ.get("TCDESK_CACHE_DIR", "")}
    return subprocess.run([str(TCDESK), *map(str, args)], capture_output=True, text=True, timeout=180, env=env)


@pytest.fixture
def large(tmp_path) -> Path:
    path = tmp_path / "old.tcdesk"
    ProjectStore.create(path, large_submission()).close()  # within the real limits, over LIMIT
    return path


def test_the_command_line_refuses_it_in_one_line_saying_how_to_open_it_anyway(large, tmp_path):
    before = listing(tmp_path)
    for command in (["check"], ["export", "--to", "html"], ["convert"], ["diff", large], ["renew"]):
        target = [tmp_path / "out.tcdesk"] if command[0] in ("convert", "renew") else []
        done = run(*command, large, *target)
        assert done.returncode == 2, (command, done.stderr)
        assert done.stdout in ("", "0 files checked: 0 errors, 0 warnings, 0 info\n")
        assert re.fullmatch(
            rf"tcdesk: error: {re.escape(str(large))}: the project holds 1 MiB of text and attachments "
            rf"\(the answer to question 5 is 1,000,000 bytes\); tcdesk opens projects of at most {LIMIT:,} bytes; if it "
            r"is your own project, open it anyway with --allow-large \(the editor asks\)\n", done.stderr), (command, done.stderr)
        assert listing(tmp_path) == before, command


def test_a_batch_check_still_refuses_it_without_the_option_and_checks_the_rest(large, tmp_path):
    small = tmp_path / "small.tcdesk"
    ProjectStore.create(small, Submission(organisation="Kent")).close()
    done = run("check", small, large)
    assert done.returncode == 2
    assert [line for line in done.stderr.splitlines() if "error" in line] == [
        line for line in done.stderr.splitlines() if line.startswith(f"tcdesk: error: {large}: the project holds")]
    assert "2 files" not in done.stdout and "1 file" in done.stdout
    allowed = run("check", "--allow-large", "--jobs", "2", small, large)
    assert allowed.returncode == 1 and allowed.stderr == "" and "2 files" in allowed.stdout


def test_with_the_option_every_command_reads_it_and_a_converted_copy_keeps_every_byte(large, tmp_path):
    sub = load_project(large, allow_large=True)
    assert sub.attachments[-1].data == SCAN and sub.answers == large_submission().answers
    out = tmp_path / "copy.tcdesk"
    done = run("convert", "--allow-large", large, out)
    assert done.returncode == 0, done.stderr
    assert load_project(out, allow_large=True) == sub
    with closing(sqlite3.connect(out)) as a, closing(sqlite3.connect(large)) as b:
        query = "SELECT position, name, kind, media_type, sha256, data FROM attachment ORDER BY position"
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
    html = tmp_path / "web.html"
    assert run("export", "--allow-large", large, "--to", "html", "--out", html).returncode == 0
    assert sub.organisation.split(" –")[0] in html.read_text(encoding="utf-8")
    assert run("diff", "--allow-large", large, out).stdout == "no differences\n"
    merged = tmp_path / "merged.tcdesk"
    assert run("merge", "--allow-large", large, large, out, "--out", merged).returncode == 0
    assert load_project(merged, allow_large=True) == sub
    renewed = tmp_path / "next.tcdesk"
    assert run("renew", "--allow-large", large, renewed).returncode == 0
    assert load_project(renewed).organisation == sub.organisation  # a renewal starts without the appendices
    assert run("check", "--allow-large", large).returncode in (0, 1)
    assert "--allow-large" in run("open", "--help").stdout


def test_an_old_project_over_the_limits_is_migrated_opened_edited_and_saved(tmp_path, monkeypatch):
    """The case the option is for: schema 0001 from a tcdesk without limits, too large for these."""
    monkeypatch.setattr(limits, "MAX_CONTENT", 100)
    monkeypatch.setattr(limits, "BOOKKEEPING", 0)
    path = tmp_path / "old.tcdesk"
    path.write_bytes(FIXTURE_0001.read_bytes())
    with pytest.raises(ProjectTooLargeError) as refused:
        OpenProject.open(path)
    assert refused.value.overridable and refused.value.message.endswith(ALLOW_HINT)
    original = load_project(path, allow_large=True)
    project, sub = OpenProject.open(path, allow_large=True)
    assert sub == original
    sub.answers["3"] += " Added today."
    project.save(sub)
    project.close()
    assert load_project(path, allow_large=True) == sub
    with pytest.raises(ProjectTooLargeError):
        load_project(path)  # still refused without the option: it was not made any smaller


def test_edit_save_and_reopen_keeps_every_byte(large, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CONTENT", LIMIT)
    monkeypatch.setattr(limits, "BOOKKEEPING", 0)
    with pytest.raises(ProjectTooLargeError):
        OpenProject.open(large)
    project, sub = OpenProject.open(large, allow_large=True)
    assert sub == load_project(large, allow_large=True) and sub.answers == large_submission().answers
    sub.new_plan.actions.append(NewAction("N9", action="One more action"))
    sub.attachments.append(Attachment("second.png", AttachmentKind.FIGURE, "image/png", PNG * 50))
    project.save(sub)  # the editor's autosave: over the limits, and allowed
    project.close()
    for read in (lambda p: load_project(p, allow_large=True), lambda p: quick_read.load_project(p, allow_large=True),
                 lambda p: store.load_project(p, allow_large=True)):
        again = read(large)
        assert again == sub
        assert [a.data for a in again.attachments][-2:] == [SCAN, PNG * 50]


def test_copies_of_an_allowed_project_are_allowed_too(large, tmp_path, monkeypatch):
    """Save As, and the conflicted copy a save writes when the file changed on disk, keep the work."""
    monkeypatch.setattr(limits, "MAX_CONTENT", LIMIT)
    project, sub = OpenProject.open(large, allow_large=True)
    target = project.save_as(tmp_path / "mine.tcdesk", sub)
    assert load_project(target, allow_large=True) == sub
    ProjectStore.create(target, Submission(organisation="Someone else"), replace=True).close()  # changed on disk
    sub.answers["2"] = "Still mine."
    project.save(sub)
    assert project.conflict is not None
    assert load_project(project.conflict.copy, allow_large=True) == sub
    project.close()


def test_what_memory_cannot_hold_stays_refused_even_with_the_option(large, monkeypatch):
    monkeypatch.setattr(limits, "memory_ceiling", lambda: 100_000)
    before = digest(large)
    for read in (lambda p: load_project(p, allow_large=True), lambda p: ProjectStore.open(p, allow_large=True),
                 lambda p: Session.open(p, allow_large=True)):
        with pytest.raises(ProjectTooLargeError) as caught:
            read(large)
        assert not caught.value.overridable
        assert "this computer's memory lets tcdesk load at most 100,000 bytes" in str(caught.value)
        assert "--allow-large" not in str(caught.value)
    assert digest(large) == before


def test_the_test_hook_only_lowers_the_limits(tmp_path):
    code = "from tcdesk.storage import limits; print(limits.MAX_CONTENT, limits.MAX_FILE_BYTES)"
    for value, expected in (("1000", f"1000 {16 * 2**20}"), ("10000000", f"10000000 {40 * 10**6}"), (str(10**12), f"{200 * 2**20} {800 * 2**20}"), ("x", f"{200 * 2**20} {800 * 2**20}")):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                              env={**os.environ, limits.LIMIT_VARIABLE: value})
        assert done.stdout.split() == expected.split()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sub=submissions, edit=st.text(max_size=40), blob=st.binary(max_size=600))
def test_any_project_opened_anyway_round_trips_through_every_reader_and_a_save(tmp_path_factory, monkeypatch, sub, edit, blob):
    """Limits so low that nearly every submission is over them: with the option, what is written is
    read back equal by every reader, and an edited save of it too; without it, it is refused or equal."""
    monkeypatch.setattr(limits, "MAX_CONTENT", 50)
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    monkeypatch.setattr(limits, "BOOKKEEPING", 0)
    path = tmp_path_factory.mktemp("allowed") / "p.tcdesk"
    ProjectStore.create(path, sub, allow_large=True).close()
    assert load_project(path, allow_large=True) == quick_read.load_project(path, allow_large=True) == sub
    try:
        assert load_project(path) == sub
    except ProjectTooLargeError as exc:
        assert exc.overridable
    with ProjectStore.open(path, allow_large=True) as opened:
        assert opened.load() == sub
        sub.answers["1"] = edit
        sub.attachments.append(Attachment("extra.bin", AttachmentKind.APPENDIX, "application/pdf", blob))
        opened.save(sub)
    with ProjectStore.open(path, allow_large=True) as opened:
        assert opened.load() == sub
        assert opened.load().attachments[-1].data == blob


def test_a_large_project_a_crash_left_a_journal_beside_opens_anyway(tmp_path, monkeypatch):
    """A save cut short leaves a hot journal: recovering it reads the file's size once more, which the
    option covers as well."""
    source = tmp_path / "source.tcdesk"
    ProjectStore.create(source, large_submission()).close()
    saved = load_project(source)
    crashed = tmp_path / "crashed" / "p.tcdesk"
    crashed.parent.mkdir()
    with closing(sqlite3.connect(source, isolation_level=None)) as conn:
        conn.execute("PRAGMA cache_size = 1")  # pages go to the file before the commit, as in a large save
        conn.execute("BEGIN")
        conn.execute("UPDATE attachment SET data = zeroblob(length(data))")
        conn.execute("UPDATE answer SET text = 'half-saved'")
        assert (tmp_path / "source.tcdesk-journal").stat().st_size > 0
        crashed.write_bytes(source.read_bytes())  # the file and its journal as a crash leaves them
        (crashed.parent / "p.tcdesk-journal").write_bytes((tmp_path / "source.tcdesk-journal").read_bytes())
        conn.execute("ROLLBACK")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", crashed.stat().st_size // 2)
    with pytest.raises(ProjectTooLargeError) as refused:
        ProjectStore.open(crashed)
    assert refused.value.overridable
    assert load_project(crashed, allow_large=True) == saved  # recovered in a private copy
    with ProjectStore.open(crashed, allow_large=True) as opened:  # rolled back in place
        assert opened.load() == saved


def test_a_project_opened_anyway_takes_pasted_text_and_pictures_as_its_saves_do(large, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CONTENT", LIMIT)
    picture = tmp_path / "figure.png"
    picture.write_bytes(PNG * 10)
    refusing = Session(load_project(large, allow_large=True))
    with pytest.raises(TcdeskError, match="Nothing was added"):
        refusing.check_added_text(10)
    with pytest.raises(ProjectTooLargeError, match="cannot add it to the project"):
        refusing.check_new_attachment(picture, "figure.png")
    allowed = Session.open(large, allow_large=True)
    allowed.check_added_text(10)
    allowed.check_new_attachment(picture, "figure.png")


def test_the_memory_ceiling_is_a_third_of_this_computers_memory():
    assert limits.memory_ceiling() == os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 3
