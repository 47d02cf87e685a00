"""Writing "to" a symbolic link writes the file it points to, atomically, and keeps the link.

A shared drive often reaches a project through a link (``Submission.tcdesk -> /srv/share/…``): users
expect their save or export to land in the shared file, not to turn the link into a private copy.
A link that resolves to one of a command's inputs is still that input, and is refused.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tcdesk.cli import main
from tcdesk.errors import InvalidInputError
from tcdesk.fileio import atomic_write_bytes
from tcdesk.session import Session
from tcdesk.storage import load_project


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def link_to(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def assert_written_through(link: Path, target: Path) -> None:
    assert link.is_symlink() and Path(os.readlink(link)) == target
    assert target.is_file() and target.stat().st_size > 0
    # no temporary file left in either folder
    assert not [p for p in (*link.parent.iterdir(), *target.parent.iterdir()) if p.name.endswith(".part")]


def test_atomic_write_replaces_the_target_keeps_the_link_and_its_permissions(tmp_path, shared):
    target = shared / "notes.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = link_to(tmp_path / "notes.txt", target)
    atomic_write_bytes(link, b"new")
    assert_written_through(link, target)
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640


def test_a_chain_of_links_and_a_dangling_link_are_followed(tmp_path, shared):
    target = shared / "out.bin"
    first = link_to(tmp_path / "b.bin", target)  # dangling: the file does not exist yet
    second = link_to(tmp_path / "a.bin", first)
    atomic_write_bytes(second, b"data")
    assert second.is_symlink() and first.is_symlink() and target.read_bytes() == b"data"


@pytest.mark.parametrize("fmt,suffix", [("pdf", ".pdf"), ("docx", ".docx"), ("json", ".tcdesk.json")])
def test_export_writes_through_a_link(tmp_path, shared, draft, fmt, suffix):
    target = shared / f"report{suffix}"
    if fmt != "json":  # an export never replaces a draft, so a JSON export goes to a new file
        target.write_bytes(b"an earlier export")
    link = link_to(tmp_path / f"report{suffix}", target)
    assert main(["export", str(draft), "--to", fmt, "--out", str(link)]) == 0
    assert_written_through(link, target)
    assert target.read_bytes() != b"an earlier export"


def test_convert_import_renew_and_save_as_write_through_a_link_to_a_project(tmp_path, shared, draft):
    for command in (["convert"], ["import"], ["renew"]):
        target = shared / f"{command[0]}.tcdesk"
        link = link_to(tmp_path / f"{command[0]}.tcdesk", target)
        source = draft if command != ["import"] else _docx_of(tmp_path, draft)
        assert main([*command, str(source), str(link)]) == 0
        assert_written_through(link, target)
        # ... and again over the existing file (a fresh project replaces the old one)
        assert main([*command, str(source), str(link), "--force"]) == 0
        assert_written_through(link, target)
        assert load_project(target).organisation == "University of Example"
    session = Session.open(draft)
    target = shared / "copy.tcdesk"
    target.write_bytes(b"")
    link = link_to(tmp_path / "copy.tcdesk", target)
    session.save_as(link, replace=True)
    assert_written_through(link, target)


def test_a_project_saved_through_a_link_keeps_the_link(tmp_path, shared, draft):
    target = shared / "plan.tcdesk"
    assert main(["convert", str(draft), str(target)]) == 0
    link = link_to(tmp_path / "plan.tcdesk", target)
    session = Session.open(link)
    session.submission.organisation = "Changed"
    session.save()
    assert link.is_symlink() and load_project(target).organisation == "Changed"


def test_a_link_to_a_pipe_or_a_folder_is_never_replaced(tmp_path, draft, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (fifo, folder):
        link = link_to(tmp_path / f"to-{target.name}.tcdesk", target)
        assert main(["new", str(link), "--force"]) == 2
        assert main(["convert", str(draft), str(link), "--force"]) == 2
        session = Session.open(draft)
        with pytest.raises(InvalidInputError):
            session.save_as(link, replace=True)
        assert link.is_symlink()
    assert fifo.is_fifo() and folder.is_dir() and list(folder.iterdir()) == []
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4 and all("tcdesk writes only regular files" in line or "this is a folder" in line for line in err), err


def test_opening_through_a_link_cleans_what_a_killed_save_left_beside_the_target(tmp_path, shared, draft):
    from tcdesk.storage import ProjectStore

    target = shared / "plan.tcdesk"
    assert main(["convert", str(draft), str(target)]) == 0
    left = shared / ".plan.tcdesk.dead.part"
    left.write_bytes(b"half a project")
    os.utime(left, (0, 0))
    ProjectStore.open(link_to(tmp_path / "plan.tcdesk", target)).close()
    assert not left.exists()


def test_a_link_to_an_input_is_still_the_input(tmp_path, draft, capsys):
    link = link_to(tmp_path / "alias.tcdesk.json", draft)
    before = draft.read_bytes()
    assert main(["convert", str(draft), str(link), "--force"]) == 2
    assert main(["export", str(draft), "--to", "json", "--out", str(link)]) == 2
    assert capsys.readouterr().err.count("never writes over its input") == 2
    assert draft.read_bytes() == before and link.is_symlink()


def _docx_of(tmp_path: Path, draft: Path) -> Path:
    out = tmp_path / "import-source.docx"
    if not out.exists():
        assert main(["export", str(draft), "--to", "docx", "--out", str(out)]) == 0
    return out
