"""``tcdesk export``: default names beside the input, --out as folder or file, clear errors."""

from __future__ import annotations

from pathlib import Path

from tcdesk import interchange
from tcdesk.cli import main


def write_input(tmp_path: Path, make_submission) -> Path:
    sub = make_submission(organisation="University of Example",
                          signoff={"lead": {"name": "A", "role": "", "date": "2026-01-10"},
                                   "leader": {"name": "B", "role": "", "date": "2026-01-20"}})
    path = tmp_path / "draft.tcdesk.json"
    interchange.write(sub, path)
    return path


def test_export_writes_the_default_name_beside_the_input(tmp_path, make_submission, capsys):
    source = write_input(tmp_path, make_submission)
    assert main(["export", str(source), "--to", "pdf"]) == 0
    expected = tmp_path / "University of Example January 2026.pdf"
    assert expected.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().out.strip() == str(expected)


def test_out_may_be_a_folder_or_a_file(tmp_path, make_submission):
    source = write_input(tmp_path, make_submission)
    folder = tmp_path / "exports"
    folder.mkdir()
    assert main(["export", str(source), "--to", "docx", "--out", str(folder)]) == 0
    assert (folder / "University of Example January 2026.docx").exists()
    assert main(["export", str(source), "--to", "docx", "--out", str(tmp_path / "mine.docx")]) == 0
    assert (tmp_path / "mine.docx").read_bytes()[:2] == b"PK"


def test_unknown_format_and_missing_file_exit_2_with_a_message(tmp_path, make_submission, capsys):
    source = write_input(tmp_path, make_submission)
    assert main(["export", str(source), "--to", "odt"]) == 2
    assert "no exporter 'odt'" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.tcdesk.json"), "--to", "pdf"]) == 2
    assert "missing.tcdesk.json" in capsys.readouterr().err


def test_out_ending_in_a_separator_is_a_folder_that_must_exist(tmp_path, make_submission, capsys):
    source = write_input(tmp_path, make_submission)
    assert main(["export", str(source), "--to", "pdf", "--out", str(tmp_path / "missing") + "/"]) == 2
    assert "folder does not exist" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()


def test_the_garbage_collector_runs_for_the_layout_and_is_as_it_was_afterwards(tmp_path, make_submission, monkeypatch, capsys):
    import gc

    from tcdesk.export import docx

    source = write_input(tmp_path, make_submission)
    seen = []
    real_render = docx.render
    monkeypatch.setattr(docx, "render", lambda sub: seen.append((gc.isenabled(), gc.get_freeze_count() > 0)) or real_render(sub))
    assert main(["export", str(source), "--to", "docx", "--out", str(tmp_path / "a.docx")]) == 0
    assert seen == [(True, True)]  # the modules loaded before it are frozen out of the collector's sight
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        assert main(["export", str(source), "--to", "docx", "--out", str(tmp_path / "b.docx")]) == 0
        assert not gc.isenabled()  # a caller's choice is kept
        assert seen[-1] == (False, False)
    finally:
        gc.enable()
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_an_export_process_ends_without_walking_its_objects_again_and_leaves_the_project_alone(tmp_path, make_submission):
    # At exit everything the export loaded is frozen out of the collector's sight (in-process, the
    # collector is left as it was); the PDF is whole and nothing is left beside the project it read.
    import subprocess
    import sys

    import pikepdf

    from tcdesk.session import Session

    project = tmp_path / "in" / "draft.tcdesk"
    project.parent.mkdir()
    Session.new(project, interchange.read(write_input(tmp_path, make_submission)))
    before = sorted(p.name for p in project.parent.iterdir())
    out = tmp_path / "draft.pdf"
    code = (
        "import atexit, gc, sys; from tcdesk.cli import main;"
        "atexit.register(lambda: print('FROZEN AT EXIT', gc.get_freeze_count() > 0, flush=True));"
        "rc = main(['export', sys.argv[1], '--to', 'pdf', '--out', sys.argv[2]]);"
        "print('FROZEN BEFORE EXIT', gc.get_freeze_count() > 0); sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(project), str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "FROZEN BEFORE EXIT False" in done.stdout
    assert "FROZEN AT EXIT True" in done.stdout
    assert sorted(p.name for p in project.parent.iterdir()) == before
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) >= 1
