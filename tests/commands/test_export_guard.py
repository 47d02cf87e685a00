"""``tcdesk export`` never writes over its input, a draft, a folder, a pipe or a device (one shared guard)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tcdesk.cli import main
from tcdesk.errors import InvalidInputError
from tcdesk.fileio import atomic_write_bytes, check_output_target


@pytest.fixture
def project(tmp_path: Path, draft: Path) -> Path:
    target = tmp_path / "draft.tcdesk"
    assert main(["convert", str(draft), str(target)]) == 0
    return target


@pytest.mark.parametrize("fmt", ["pdf", "docx", "json"])
def test_export_refuses_its_own_input(draft, project, fmt, capsys):
    for source in (draft, project):
        before = source.read_bytes()
        assert main(["export", str(source), "--to", fmt, "--out", str(source)]) == 2
        assert source.read_bytes() == before
        assert "never writes over its input" in capsys.readouterr().err


def test_export_never_replaces_a_draft_even_under_another_name(tmp_path, draft, project, capsys):
    disguised = tmp_path / "report.pdf"
    disguised.write_bytes(project.read_bytes())
    json_disguised = tmp_path / "notes.txt"
    json_disguised.write_bytes(draft.read_bytes())
    for target in (project, disguised, json_disguised):
        before = target.read_bytes()
        assert main(["export", str(draft), "--to", "pdf", "--out", str(target)]) == 2
        assert target.read_bytes() == before
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and str(target) in err and "draft" in err


def test_export_refuses_a_fifo_and_a_device(tmp_path, draft, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/null")):
        assert main(["export", str(draft), "--to", "pdf", "--out", str(target)]) == 2
        assert "not a regular file" in capsys.readouterr().err
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.tcdesk.json", "pipe"]


def test_convert_and_import_share_the_guard(tmp_path, draft, capsys):
    fifo = tmp_path / "out.tcdesk"
    os.mkfifo(fifo)
    assert main(["convert", str(draft), str(fifo), "--force"]) == 2
    assert main(["import", str(draft), str(fifo), "--force"]) == 2
    assert capsys.readouterr().err.count("not a regular file") == 2
    assert fifo.is_fifo()


def test_export_still_replaces_an_earlier_export(tmp_path, draft):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"%PDF-1.4 old export")
    assert main(["export", str(draft), "--to", "pdf", "--out", str(target)]) == 0
    assert target.read_bytes() != b"%PDF-1.4 old export"


def test_the_session_and_the_atomic_writer_refuse_special_files_too(tmp_path, draft):
    from tcdesk.session import Session

    session = Session.open(draft)
    with pytest.raises(InvalidInputError, match="input file"):
        session.export("pdf", draft)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InvalidInputError, match="not a regular file"):
        atomic_write_bytes(fifo, b"data")
    with pytest.raises(InvalidInputError, match="folder"):
        check_output_target(tmp_path)
    assert fifo.is_fifo()
