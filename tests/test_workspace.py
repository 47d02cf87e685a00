"""One writer per project and never a silent overwrite, with real processes holding real files."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from test_interchange import submissions

from tcdesk import interchange, workspace
from tcdesk.errors import ProjectLockedError
from tcdesk.lockfile import STALE_AFTER, LockInfo, ProjectLock, lock_path, read_lock
from tcdesk.model import Submission
from tcdesk.storage import ProjectStore, load_project
from tcdesk.userinfo import host_name, user_name
from tcdesk.workspace import OpenProject, conflicted_copy_path

# An editor in another process: opens the project, says "ready", then obeys one command per line.
EDITOR = """
import sys
from tcdesk.workspace import OpenProject
project, sub = OpenProject.open(sys.argv[1])
print("ready", project.warning or "", flush=True)
for line in sys.stdin:
    command, _, arg = line.strip().partition(" ")
    if command == "type":
        sub.answers["4"] = arg
        written = project.save(sub)
        conflict = project.conflict
        print("saved", written, conflict.original if conflict else "", sep="\t", flush=True)
    elif command == "close":
        project.close()
        print("closed", flush=True)
        break
"""


class Editor:
    """A second tcdesk process editing ``path``."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.first_line = self.read()

    def read(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, self.proc.stderr.read() if self.proc.stderr else "editor exited"
        return line.rstrip("\n")

    def send(self, line: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.read()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "University of Kent.tcdesk"
    ProjectStore.create(path, Submission(organisation="University of Kent")).close()
    return path


@pytest.fixture
def editor(project):
    started: list[Editor] = []

    def start(path: Path = project) -> Editor:
        started.append(Editor(path))
        return started[-1]

    yield start
    for e in started:
        e.kill()


def test_the_lock_says_who_holds_the_project_and_goes_away_on_close(project):
    opened, _ = OpenProject.open(project)
    holder = read_lock(project)
    assert holder is not None
    assert (holder.user, holder.host, holder.pid) == (user_name(), host_name(), os.getpid())
    assert abs(datetime.now().astimezone() - holder.since) < timedelta(minutes=1)
    assert lock_path(project).name == ".~lock.University of Kent.tcdesk#"
    opened.close()
    assert not lock_path(project).exists()


def test_a_second_process_sees_the_lock_and_can_only_read(project, editor):
    first = editor()
    assert first.first_line.startswith("ready")
    listing = sorted(p.name for p in project.parent.iterdir())
    before = project.read_bytes()

    with pytest.raises(ProjectLockedError) as err:
        OpenProject.open(project)
    assert err.value.holder.pid == first.proc.pid  # type: ignore[attr-defined]
    assert "is in use by" in str(err.value) and "University of Kent.tcdesk" in str(err.value)

    viewer, sub = OpenProject.open_read_only(project)
    assert viewer.read_only and sub.organisation == "University of Kent"
    viewer.close()
    assert project.read_bytes() == before
    assert sorted(p.name for p in project.parent.iterdir()) == listing  # nothing written, lock kept

    assert first.send("close") == "closed"
    OpenProject.open(project)[0].close()  # free again


def test_cli_writing_commands_refuse_a_locked_project_with_one_line(project, editor, tmp_path):
    editor()
    source = tmp_path / "in.tcdesk.json"
    interchange.write(Submission(organisation="Other"), source)
    before = project.read_bytes()
    for argv in (
        ["convert", str(source), str(project), "--force"],
        ["new", str(project), "--force"],
        ["import", str(source), str(project), "--force"],
        ["merge", str(source), str(source), str(source), "--out", str(project), "--force"],
    ):
        done = subprocess.run([sys.executable, "-m", "tcdesk", *argv], capture_output=True, text=True)
        assert done.returncode == 2, (argv, done.stderr)
        assert done.stderr.count("\n") == 1 and "is in use by" in done.stderr, done.stderr
    assert project.read_bytes() == before


@pytest.mark.parametrize("command", ["import", "renew", "convert", "merge"])
def test_a_locked_target_is_refused_before_the_input_is_read(project, editor, tmp_path, command):
    # The input is damaged: had it been read (and parsed) first, the error would be about it.
    editor()
    damaged = tmp_path / ("damaged.docx" if command == "import" else "damaged.tcdesk.json")
    damaged.write_bytes(b"PK\x03\x04 not a document" if command == "import" else b"{not json")
    inputs = [str(damaged)] * (3 if command == "merge" else 1)
    argv = [command, *inputs, *(["--out"] if command == "merge" else []), str(project), "--force"]
    before = sorted(p.name for p in tmp_path.iterdir()), project.read_bytes()
    done = subprocess.run([sys.executable, "-m", "tcdesk", *argv], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "is in use by" in done.stderr and str(project) in done.stderr, done.stderr
    assert (sorted(p.name for p in tmp_path.iterdir()), project.read_bytes()) == before


def test_a_lock_is_found_through_a_link_to_the_project(project, editor, tmp_path):
    editor()
    link = tmp_path / "shortcut.tcdesk"
    link.symlink_to(project)
    assert lock_path(link) == lock_path(project)
    with pytest.raises(ProjectLockedError):
        OpenProject.open(link)


def test_kill_9_of_the_holder_leaves_a_lock_the_next_open_recognises_as_stale(project, editor):
    holder = editor()
    holder.proc.send_signal(signal.SIGKILL)
    holder.kill()
    info = read_lock(project)
    assert info is not None and info.pid == holder.proc.pid and info.is_stale()

    with pytest.raises(ProjectLockedError, match="looks stale"):
        OpenProject.open(project)  # taking over is the user's decision
    taken, sub = OpenProject.open(project, take_over=True)
    assert read_lock(project).pid == os.getpid() and sub.organisation == "University of Kent"
    taken.close()


def test_a_live_lock_is_never_taken_over(project, editor):
    holder = editor()
    with pytest.raises(ProjectLockedError):
        OpenProject.open(project, take_over=True)
    assert read_lock(project).pid == holder.proc.pid


def test_a_lock_from_another_host_is_stale_only_after_the_documented_limit(project):
    now = datetime.now().astimezone()
    fresh = LockInfo("bob", "another-pc", 4242, now - timedelta(days=2), now - timedelta(minutes=2))
    old = LockInfo("bob", "another-pc", 4242, now - timedelta(days=2), now - STALE_AFTER - timedelta(minutes=1))
    assert not fresh.is_stale() and old.is_stale()
    lock_path(project).write_text(fresh.to_json(), encoding="utf-8")
    with pytest.raises(ProjectLockedError, match="bob on another-pc"):
        ProjectLock.acquire(project, take_over=True)
    lock_path(project).write_text(old.to_json(), encoding="utf-8")
    assert ProjectLock.acquire(project, take_over=True).held


def test_a_garbled_lock_counts_as_stale(project):
    lock_path(project).write_bytes(b"\x00not json")
    assert read_lock(project).is_stale()
    assert ProjectLock.acquire(project, take_over=True).held


def _replace_like_a_sync_client(project: Path, theirs: Submission) -> None:
    incoming = project.with_name("incoming.tcdesk")
    ProjectStore.create(incoming, theirs).close()
    os.replace(incoming, project)


@pytest.mark.parametrize("how", ["renamed over", "rewritten in place"])
def test_a_file_changed_on_disk_is_never_overwritten_and_a_conflicted_copy_appears(project, editor, tmp_path, how):
    e = editor()
    assert e.send("type First draft of question 4.") == f"saved\t{project}\t"
    theirs = Submission(organisation="University of Kent", answers={"4": "Their answer."})
    if how == "renamed over":
        _replace_like_a_sync_client(project, theirs)
    else:
        elsewhere = tmp_path / "elsewhere.tcdesk"
        ProjectStore.create(elsewhere, theirs).close()
        shutil.copyfile(elsewhere, project)  # same file, new content (a restored backup)
    on_disk = project.read_bytes()

    _, written, original = e.send("type My second draft.").split("\t")
    copy = Path(written)

    assert project.read_bytes() == on_disk  # their file, untouched
    assert Path(original) == project
    assert copy.parent == project.parent and copy != project
    assert copy.name.startswith(f"University of Kent (conflicted copy {user_name()} ")
    assert load_project(copy).answers["4"] == "My second draft."
    assert load_project(project).answers["4"] == "Their answer."
    # Editing continues in the copy; the original's lock is released, the copy's is held.
    assert e.send("type Third.").split("\t")[1] == str(copy)
    assert load_project(copy).answers["4"] == "Third." and project.read_bytes() == on_disk
    assert read_lock(project) is None and read_lock(copy).pid == e.proc.pid


def test_conflicted_copy_names_never_collide(project):
    when = datetime(2026, 11, 30, 11, 12)
    first = conflicted_copy_path(project, when)
    assert first.name == f"University of Kent (conflicted copy {user_name()} 2026-11-30 1112).tcdesk"
    first.write_bytes(b"")
    assert conflicted_copy_path(project, when).name.endswith("1112) 2.tcdesk")


def test_a_folder_where_no_lock_can_be_written_gives_a_warning():
    # A share where the project can be read but no new file created. Outside pytest's private
    # folder; as root, the child runs without the capability that lets root ignore file modes.
    top = Path(tempfile.mkdtemp(prefix="tcdesk-share-", dir="/tmp"))
    folder = top / "share"
    folder.mkdir()
    path = folder / "Kent.tcdesk"
    ProjectStore.create(path, Submission()).close()
    top.chmod(0o755)
    folder.chmod(0o555)
    # (The editor opens such a project read-only, as nothing could be saved there: tests/test_read_only.py.)
    code = "import sys; from pathlib import Path; from tcdesk.lockfile import ProjectLock; print(ProjectLock.acquire(Path(sys.argv[1])).warning)"

    command = [sys.executable, "-c", code, str(path)]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, "HOME": str(top)},
        )
        assert done.returncode == 0, done.stderr
        assert "could not write its lock file" in done.stdout and "will not see that you are editing it" in done.stdout
        assert not lock_path(path).exists()
    finally:
        folder.chmod(0o755)
        shutil.rmtree(top)


def test_lock_file_content_is_json_naming_the_holder(project):
    lock = ProjectLock.acquire(project)
    data = json.loads(lock_path(project).read_text(encoding="utf-8"))
    assert data["app"] == "tcdesk" and data["pid"] == os.getpid() and data["user"] == user_name()
    lock.release()


def test_every_save_checks_the_generation_and_a_save_without_changes_writes_nothing(project):
    from tcdesk.errors import ProjectChangedError

    with ProjectStore.open(project) as mine, ProjectStore.open(project) as theirs:
        sub = mine.load()
        theirs.load()
        before = project.read_bytes()
        mine.save(sub)  # nothing changed: the file stays byte for byte
        assert project.read_bytes() == before
        sub.answers["4"] = "Mine."
        mine.save(sub)
        changed = project.read_bytes()
        with pytest.raises(ProjectChangedError, match="changed on disk since it was opened"):
            theirs.save(Submission(organisation="Theirs"))
        assert project.read_bytes() == changed


def test_refreshing_a_lock_notices_when_someone_took_it_over(project):
    lock = ProjectLock.acquire(project)
    first = read_lock(project).refreshed
    assert lock.refresh() and read_lock(project).refreshed >= first
    now = datetime.now().astimezone()
    lock_path(project).write_text(LockInfo("bob", "another-pc", 7, now, now).to_json(), encoding="utf-8")
    assert not lock.refresh() and not lock.held
    lock.release()  # never removes someone else's lock
    assert read_lock(project).user == "bob"


def test_a_lock_from_before_this_machine_started_is_stale_even_if_its_process_number_is_in_use(project):
    from tcdesk.lockfile import booted_at

    now = datetime.now().astimezone()
    assert booted_at() < now
    before_boot = booted_at() - timedelta(minutes=5)
    # Our own process number, so it is certainly running: only the time tells the lock is stale.
    reused = LockInfo("bob", host_name(), os.getppid(), before_boot, before_boot)
    current = LockInfo("bob", host_name(), os.getppid(), now, now)
    assert reused.is_stale() and not current.is_stale()


def test_opening_for_editing_and_closing_without_an_edit_leaves_the_file_byte_identical(project):
    before = project.read_bytes()
    opened, _ = OpenProject.open(project)
    opened.close()
    assert project.read_bytes() == before
    assert sorted(p.name for p in project.parent.iterdir()) == [project.name]


@settings(max_examples=60, deadline=None)
@given(submissions)
def test_the_base_a_project_keeps_is_an_equal_copy_sharing_nothing_the_editor_changes(submission):
    """The editor edits the submission it opened in place: the base for a later merge must not follow."""
    base = workspace._copy(submission)
    assert base == submission == copy.deepcopy(submission)
    mutable = (list, dict)
    originals = {id(v) for v in _parts(submission) if isinstance(v, mutable) or dataclasses.is_dataclass(v)}
    assert not any(id(v) in originals for v in _parts(base) if isinstance(v, mutable) or dataclasses.is_dataclass(v))
    # Attachments' bytes are immutable, and may be hundreds of MB: shared, not held twice.
    assert all(mine.data is theirs.data for mine, theirs in zip(base.attachments, submission.attachments, strict=True))


def _parts(value):
    yield value
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _parts(getattr(value, f.name))
    elif isinstance(value, list):
        for v in value:
            yield from _parts(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _parts(v)


def test_save_as_onto_the_projects_own_file_keeps_it_locked(project):
    # Save As, choosing the file already open: the new lock is the one already held, and letting go
    # of the old one removed the lock file, so anyone could open the project being edited.
    opened, sub = OpenProject.open(project)
    sub.answers["4"] = "Kept."
    assert opened.save_as(project, sub) == project
    assert read_lock(project) is not None and read_lock(project).pid == os.getpid()
    assert opened.refresh_lock()
    other = subprocess.run([sys.executable, "-m", "tcdesk", "new", str(project), "--force"], capture_output=True, text=True)
    assert other.returncode == 2 and "is in use by" in other.stderr, other.stderr
    opened.close()
    assert load_project(project).answers["4"] == "Kept." and not lock_path(project).exists()


@settings(max_examples=25, deadline=None)
@given(base=submissions, mine=submissions)
def test_a_conflicted_copy_records_the_version_both_started_from(base, mine):
    """What a diverted save records in the copy reads back as the base, without its attachments, and a
    copy whose original lacks its work offers the merge with that base."""
    mine = dataclasses.replace(mine, attachments=list(base.attachments))  # the base records none: keep them out of it
    with tempfile.TemporaryDirectory() as tmp:
        original = Path(tmp) / "Kent.tcdesk"
        ProjectStore.create(original, base).close()
        project, _ = OpenProject.open(original)
        incoming = Path(tmp) / "incoming.tcdesk"
        ProjectStore.create(incoming, base).close()
        os.replace(incoming, original)  # a colleague's save of the same content, by a sync client
        project.save(mine)
        assert project.conflict is not None
        copy_path = project.path
        project.close()
        reopened, content = OpenProject.open(copy_path)
        try:
            assert content == mine
            recorded = reopened.recorded_conflict()
            expected = copy.copy(base)
            expected.attachments = []
            if mine == base:  # nothing the original lacks
                assert recorded is None
            else:
                assert recorded is not None and recorded.original == original and recorded.copy == copy_path
                assert recorded.base == expected
        finally:
            reopened.close()
