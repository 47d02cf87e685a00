"""Where the submission lives: drafts for non-project files, Save As, recent files, autosave."""

from __future__ import annotations

from pathlib import Path

import pytest

from tcdesk import interchange
from tcdesk.session import Session
from tcdesk.storage import load_project
from tcdesk.ui.document import DocumentController
from tcdesk.ui.project_files import ProjectFiles, drafts_dir, unique_draft_path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def files(qtbot, pm):
    project_files = ProjectFiles(DocumentController(Session(pm=pm)))
    yield project_files
    project_files.close()


def test_opening_interchange_json_creates_a_draft_project(files):
    source = EXAMPLES / "northmoor-draft.tcdesk.json"
    path = files.open(source)
    assert path.parent == drafts_dir() and path.name == "northmoor-draft.tcdesk"
    assert files.is_draft() and files.source == source
    assert load_project(path) == interchange.read(source)
    assert files.controller.submission() == interchange.read(source)


def test_draft_names_never_collide(files):
    first = files.open(EXAMPLES / "northmoor-draft.tcdesk.json")
    second = files.open(EXAMPLES / "northmoor-draft.tcdesk.json")
    assert first != second and second.name == "northmoor-draft 2.tcdesk"
    assert unique_draft_path("a/b:c").name == "a_b_c.tcdesk"


def test_save_as_moves_a_draft_and_keeps_autosaving_there(qtbot, files, tmp_path):
    draft = files.open(EXAMPLES / "northmoor-draft.tcdesk.json")
    target = files.save_as(tmp_path / "Northmoor renewal")
    assert target == tmp_path / "Northmoor renewal.tcdesk"
    assert not draft.exists() and files.path == target and not files.is_draft()
    files.controller.set_value(("organisation",), "Northmoor (renamed)")
    qtbot.waitUntil(lambda: files.autosaver.is_saved(), timeout=2000)
    assert load_project(target).organisation == "Northmoor (renamed)"


def test_save_as_interchange_writes_json_and_keeps_the_project(files, tmp_path):
    project = files.new(interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"), tmp_path / "p.tcdesk")
    out = files.save_as(tmp_path / "copy.tcdesk.json")
    assert interchange.read(out) == files.controller.submission()
    assert files.path == project


def test_recent_files_list_newest_first_without_duplicates(files, tmp_path):
    from tcdesk.model import Submission

    a = files.new(Submission(), tmp_path / "a.tcdesk")
    b = files.new(Submission(), tmp_path / "b.tcdesk")
    files.open(a)
    assert files.recent()[:2] == [a.resolve(), b.resolve()]
    files.clear_recent()
    assert files.recent() == []


def test_close_writes_pending_changes_at_once(files, tmp_path):
    from tcdesk.model import Submission

    path = files.new(Submission(), tmp_path / "a.tcdesk")
    files.controller.set_value(("answers", "7"), "Technicians ran the survey.", typing=True)
    files.close()
    assert load_project(path).answers["7"] == "Technicians ran the survey."


def test_a_bad_file_is_reported_and_nothing_changes(files, tmp_path):
    from tcdesk.errors import TcdeskError

    bad = tmp_path / "broken.tcdesk.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(TcdeskError) as err:
        files.open(bad)
    assert "broken.tcdesk.json" in str(err.value)
    assert files.path is None


def test_opening_the_open_project_again_when_it_cannot_be_read_keeps_editing_it(qtbot, pm, tmp_path, monkeypatch):
    """File → Open of the project being edited, after a sync client left a broken file in its place:
    the error is shown and the window keeps its file, so what is typed next is either saved or said
    not to be — never silently dropped — and Save As keeps it; the broken file is not touched."""
    from PySide6.QtWidgets import QMessageBox

    from tcdesk.model import Submission
    from tcdesk.session import Session
    from tcdesk.storage import load_project
    from tcdesk.ui.main_window import MainWindow

    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, title, *a: told.append(title))
    monkeypatch.setattr(QMessageBox, "critical", lambda _w, title, *a: told.append(title) or QMessageBox.StandardButton.Cancel)
    window = MainWindow(Session(pm=pm))
    qtbot.addWidget(window)
    path = tmp_path / "Kent.tcdesk"
    window.files.new(Submission(organisation="Kent"), path)
    window.flush()
    broken = b"not a project, half synced" * 40
    path.write_bytes(broken)
    assert not window.open_file(path) and told == ["Cannot open file"]
    assert window.files.path == path and window.files.autosaver is not None
    window.controller.set_value(("answers", "4"), "Typed after the failed open.")
    window.flush()
    assert told == ["Cannot open file", "Cannot save"] and path.read_bytes() == broken
    window.files.save_as(tmp_path / "Kent again.tcdesk")
    assert load_project(tmp_path / "Kent again.tcdesk").answers["4"] == "Typed after the failed open."
