"""Read-only files and folders, for real: tcdesk runs as a user the file modes apply to.

The tests run as root, which may write anything; each command here runs in a child process without
the capabilities that let root ignore file modes (``setpriv``, from util-linux), so a 0444 file or a
0555 folder is as read-only for it as for any user.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tcdesk import interchange
from tcdesk.model import Submission
from tcdesk.storage import ProjectStore, load_project

TCDESK = Path(sys.executable).with_name("tcdesk")
DROP = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if os.geteuid() == 0 else []


def as_user(argv: list[str], home: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([*DROP, *argv], capture_output=True, text=True, env=env, timeout=180, **kwargs)


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def share(tmp_path: Path):
    """A folder holding a project and its interchange copy; made read-only by the test, writable after."""
    folder = tmp_path / "share"
    folder.mkdir()
    sub = Submission(organisation="University of Kent", answers={"4": "Our answer."})
    ProjectStore.create(folder / "Kent.tcdesk", sub).close()
    interchange.write(sub, folder / "Kent.tcdesk.json")
    yield folder
    folder.chmod(0o755)
    for p in folder.iterdir():
        p.chmod(0o644)


def test_the_child_really_cannot_write_a_read_only_file(share, home):
    target = share / "Kent.tcdesk.json"
    target.chmod(0o444)
    done = as_user([sys.executable, "-c", "import sys; open(sys.argv[1], 'ab')", str(target)], home)
    assert done.returncode != 0 and "Permission denied" in done.stderr


OPEN_AND_TYPE = """
import sys
from tcdesk.errors import TcdeskError
from tcdesk.workspace import OpenProject
project, sub = OpenProject.open(sys.argv[1])
print("read_only", project.read_only)
print("warning", project.warning)
sub.answers["4"] = "Typed."
try:
    project.save(sub)
    print("saved")
except TcdeskError as exc:
    print("refused", exc)
project.close()
"""


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_project_that_cannot_be_written_opens_read_only_and_says_why(share, home, what):
    project = share / "Kent.tcdesk"
    if what == "file":
        project.chmod(0o444)
    else:
        share.chmod(0o555)
    before = listing(share)

    done = as_user([sys.executable, "-c", OPEN_AND_TYPE, str(project)], home)

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "read_only True"
    reason = "the file is read-only" if what == "file" else f"its folder {share} is read-only"
    assert lines[1] == (f"warning Kent.tcdesk is open read-only: {reason} (you may not {'change it' if what == 'file' else 'add files to it'}). "
                        "You can view, check and export it; to make changes, use File → Save As to keep them in a file of your own.")
    assert lines[2].startswith("refused ") and "opened read-only; nothing is saved" in lines[2]
    assert listing(share) == before  # no lock, no journal, no temporary file, nothing changed


def test_a_writable_project_in_a_writable_folder_still_opens_for_editing(share, home):
    done = as_user([sys.executable, "-c", OPEN_AND_TYPE, str(share / "Kent.tcdesk")], home)
    assert done.stdout.splitlines()[0] == "read_only False" and "saved" in done.stdout, done.stderr
    assert load_project(share / "Kent.tcdesk").answers["4"] == "Typed."


@pytest.mark.parametrize("fmt,suffix", [("pdf", ".pdf"), ("docx", ".docx"), ("html", ".html"), ("json", ".tcdesk.json")])
def test_an_export_into_a_read_only_folder_is_one_line_and_leaves_nothing(share, home, tmp_path, fmt, suffix):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        target = out / f"Kent{suffix}"
        done = as_user([str(TCDESK), "export", str(share / "Kent.tcdesk"), "--to", fmt, "--out", str(target)], home)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and str(target) in done.stderr and "Permission denied" in done.stderr, done.stderr
        assert list(out.iterdir()) == []
    finally:
        out.chmod(0o755)


def test_a_read_only_file_is_never_replaced(share, home, tmp_path):
    source = share / "Kent.tcdesk.json"
    old_pdf = tmp_path / "Kent.pdf"
    old_pdf.write_bytes(b"%PDF-1.4 an export someone made read-only")
    old_project = tmp_path / "Old.tcdesk"
    ProjectStore.create(old_project, Submission(organisation="Someone else's")).close()
    for path in (old_pdf, old_project):
        path.chmod(0o444)
    before = listing(tmp_path)
    for argv in (["export", str(source), "--to", "pdf", "--out", str(old_pdf)],
                 ["convert", str(source), str(old_project), "--force"],
                 ["import", str(source), str(old_project), "--force"],
                 ["renew", str(source), str(old_project), "--force"]):
        done = as_user([str(TCDESK), *argv], home)
        assert done.returncode == 2, (argv, done.stderr)
        assert done.stderr.count("\n") == 1 and "the file is read-only" in done.stderr, done.stderr
    assert listing(tmp_path) == before


SESSION_SAVE = """
import sys
from tcdesk.errors import TcdeskError
from tcdesk.session import Session
session = Session.open(sys.argv[1])
print("opened", session.submission.organisation)
session.submission.answers["4"] = "Typed."
for target in (None, sys.argv[1][:-len(".tcdesk")] + ".tcdesk.json"):
    try:
        session.save(target)
        print("saved")
    except TcdeskError as exc:
        print("refused", exc)
"""


@pytest.mark.parametrize("what", ["file", "folder"])
def test_the_session_opens_a_read_only_project_and_says_it_cannot_save_there(share, home, what):
    if what == "file":
        for p in share.iterdir():
            p.chmod(0o444)
    else:
        share.chmod(0o555)
    before = listing(share)
    done = as_user([sys.executable, "-c", SESSION_SAVE, str(share / "Kent.tcdesk")], home)
    lines = done.stdout.splitlines()
    assert lines[0] == "opened University of Kent", done.stderr
    reason = "the file is read-only (you may not change it)" if what == "file" else f"its folder {share} is read-only (you may not add files to it)"
    assert lines[1] == f"refused {share / 'Kent.tcdesk'}: cannot save: {reason}; save to another file instead"
    assert lines[2].startswith(f"refused {share / 'Kent.tcdesk.json'}: cannot write: ")
    assert listing(share) == before


SAVE_AS_OVER = """
import sys
from tcdesk.errors import TcdeskError
from tcdesk.workspace import OpenProject
project, sub = OpenProject.open(sys.argv[1])
try:
    project.save_as(sys.argv[2], sub)
    print("replaced")
except TcdeskError as exc:
    print("refused", exc)
project.close()
"""


def test_save_as_over_a_read_only_project_is_refused(share, home, tmp_path):
    theirs = tmp_path / "Theirs.tcdesk"
    ProjectStore.create(theirs, Submission(organisation="Theirs")).close()
    theirs.chmod(0o444)
    before = theirs.read_bytes()
    done = as_user([sys.executable, "-c", SAVE_AS_OVER, str(share / "Kent.tcdesk"), str(theirs)], home)
    assert done.stdout.startswith("refused ") and "the file is read-only" in done.stdout, done.stdout + done.stderr
    assert theirs.read_bytes() == before and not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


EDITOR = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from tcdesk.session import Session
from tcdesk.ui.main_window import MainWindow

shown = []
QMessageBox.warning = staticmethod(lambda parent, title, text, *a: shown.append(("warning", title, text)))
QMessageBox.critical = staticmethod(lambda parent, title, text, *a: shown.append(("critical", title, text)) or QMessageBox.StandardButton.Save)
QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (sys.argv[2], ""))
app = QApplication([])
window = MainWindow(Session())
assert window.open_file(sys.argv[1])
print("title", window.windowTitle())
print("status", window.saved_label.text())
print("save enabled", window.commands.save.isEnabled(), "save as enabled", window.commands.save_as.isEnabled())
for kind, title, text in shown:
    print(kind, title, "|", text)
shown.clear()
window.commands.save_as.trigger()
print("now", window.files.path, "read-only", window.files.is_read_only())
window.controller.set_value(("answers", "4"), "Typed after Save As.")
window.flush()
if sys.argv[3:4] == ["then-unwritable"]:
    Path(sys.argv[2]).parent.chmod(0o555)  # no journal can be made there: the next save fails
    window.controller.set_value(("answers", "4"), "Typed once it became read-only.")
    window.flush()
    for kind, title, text in shown:
        print(kind, title, "|", text)
window.close()
"""


def test_the_editor_opens_a_read_only_project_read_only_and_keeps_edits_through_save_as(share, home, tmp_path):
    (share / "Kent.tcdesk").chmod(0o444)
    mine = tmp_path / "Mine.tcdesk"
    done = as_user([sys.executable, "-c", EDITOR, str(share / "Kent.tcdesk"), str(mine)], home)
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert out[0].startswith("title Kent.tcdesk — University of Kent (read-only)")
    assert out[1].startswith("status Read-only")
    assert out[2] == "save enabled False save as enabled True"
    assert out[3].startswith("warning Opened read-only | Kent.tcdesk is open read-only: the file is read-only")
    assert out[4] == f"now {mine} read-only False"
    assert load_project(mine).answers["4"] == "Typed after Save As."


def test_save_says_when_the_file_cannot_be_written_and_offers_save_as(share, home, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    mine, rescue = work / "Mine.tcdesk", home / "Rescue.tcdesk"
    script = EDITOR.replace("QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (sys.argv[2], \"\"))",
                            "names = iter([sys.argv[2], sys.argv[4]])\n"
                            "QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (next(names), ''))")
    try:
        done = as_user([sys.executable, "-c", script, str(share / "Kent.tcdesk"), str(mine), "then-unwritable", str(rescue)], home)
    finally:
        work.chmod(0o755)
    assert done.returncode == 0, done.stderr
    critical = [line for line in done.stdout.splitlines() if line.startswith("critical ")]
    assert len(critical) == 1 and critical[0].startswith(f"critical Cannot save | {mine}: cannot"), done.stdout
    # Save As was offered and taken: the words typed are in the file chosen; the other keeps its last save.
    assert load_project(rescue).answers["4"] == "Typed once it became read-only."
    assert load_project(mine).answers["4"] == "Typed after Save As."


RETURN_TO = """
import os, sys
from pathlib import Path
from tcdesk.model import Submission
from tcdesk.storage import ProjectStore
from tcdesk.workspace import OpenProject
original = Path(sys.argv[1])
project, sub = OpenProject.open(original)
incoming = original.with_name("incoming.tcdesk")  # a sync client replaces the file under the editor
ProjectStore.create(incoming, Submission(organisation="Theirs")).close()
os.replace(incoming, original)
sub.answers["4"] = "Mine."
copy = project.save(sub)
original.chmod(0o444)  # and then it becomes read-only
print("back", project.return_to(original, sub), "editing", project.path == copy, "read-only", project.read_only)
sub.answers["4"] = "Mine, later."
print("saved to copy", project.save(sub) == copy)
project.close()
"""


def test_returning_to_a_project_that_became_read_only_keeps_editing_the_copy(share, home):
    from tcdesk.storage import load_project as load

    original = share / "Kent.tcdesk"
    done = as_user([sys.executable, "-c", RETURN_TO, str(original)], home)
    assert done.stdout.splitlines() == ["back False editing True read-only False", "saved to copy True"], done.stderr
    assert load(original).organisation == "Theirs"
    copies = [p for p in share.iterdir() if "conflicted copy" in p.name]
    assert len(copies) == 1 and load(copies[0]).answers["4"] == "Mine, later."
