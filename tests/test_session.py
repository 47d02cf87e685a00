"""The Session picks readers and writers by file type and reports what it cannot handle."""

from __future__ import annotations

import pytest

from tcdesk import interchange
from tcdesk.errors import InvalidInputError
from tcdesk.session import Session


def test_interchange_file_round_trips_through_a_session(tmp_path, pm, make_submission):
    sub = make_submission(organisation="Prifysgol Enghraifft – “Test”", prev=[{"ref": "V01", "pillar": "visibility"}])
    target = tmp_path / "a.tcdesk.json"
    Session(sub, pm=pm).save(target)
    again = Session.open(target, pm=pm)
    assert again.submission == sub and again.path == target


def test_unsupported_file_type_names_the_file_and_what_is_readable(tmp_path, pm):
    odd = tmp_path / "notes.odt"
    odd.write_bytes(b"x")
    with pytest.raises(InvalidInputError) as err:
        Session(pm=pm).load(odd)
    assert "notes.odt" in str(err.value) and ".tcdesk.json" in str(err.value)


def test_missing_file_is_reported_not_raised_as_oserror(tmp_path, pm):
    with pytest.raises(InvalidInputError, match="no such file"):
        Session(pm=pm).import_file(tmp_path / "gone.docx")


def test_saving_needs_a_known_suffix_and_leaves_nothing_behind(tmp_path, pm):
    with pytest.raises(InvalidInputError, match="can only save as"):
        Session(pm=pm).save(tmp_path / "a.txt")
    assert list(tmp_path.iterdir()) == []


def test_unknown_exporter_lists_the_available_ones(tmp_path, pm):
    with pytest.raises(InvalidInputError, match=r"no exporter 'odt' \(available: .*json"):
        Session(pm=pm).export("odt", tmp_path / "x.odt")


def test_json_exporter_writes_valid_interchange(tmp_path, pm, make_submission):
    sub = make_submission(organisation="U")
    out = Session(sub, pm=pm).export("json", tmp_path / "x.tcdesk.json")
    assert interchange.read(out) == sub


def test_default_export_name_follows_the_scheme(pm, make_submission):
    sub = make_submission(organisation="University of Northmoor")
    name = Session(sub, pm=pm).default_export_name("pdf")
    assert name.startswith("University of Northmoor ") and name.endswith(".pdf")


def test_atomic_write_gives_a_new_file_the_usual_mode_and_keeps_an_existing_ones(tmp_path):
    import os
    import stat

    from tcdesk.fileio import atomic_write_bytes

    fresh = tmp_path / "fresh.tcdesk.json"
    atomic_write_bytes(fresh, b"{}")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.tcdesk.json"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    atomic_write_bytes(kept, b"new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.tcdesk.json", "kept.tcdesk.json"]


def test_new_creates_a_project_and_refuses_to_replace_without_asking(tmp_path, pm, make_submission):
    from tcdesk.errors import ProjectFileError

    target = tmp_path / "a.tcdesk"
    Session.new(target, make_submission(organisation="One"), pm=pm)
    with pytest.raises(ProjectFileError, match="already exists"):
        Session.new(target, make_submission(organisation="Two"), pm=pm)
    assert Session.open(target, pm=pm).submission.organisation == "One"
    Session.new(target, make_submission(organisation="Two"), replace=True, pm=pm)
    assert Session.open(target, pm=pm).submission.organisation == "Two"


def test_save_with_replace_writes_a_fresh_project_over_a_damaged_file(tmp_path, pm, make_submission):
    target = tmp_path / "a.tcdesk"
    target.write_bytes(b"not a database")
    Session(make_submission(organisation="U"), pm=pm).save(target, replace=True)
    assert Session.open(target, pm=pm).submission.organisation == "U"


def test_save_as_adds_the_project_suffix_and_moves_the_session(tmp_path, pm, make_submission):
    session = Session(make_submission(organisation="U"), path=tmp_path / "old.tcdesk.json", pm=pm)
    assert session.save_as(tmp_path / "Kent") == tmp_path / "Kent.tcdesk"
    assert session.path == tmp_path / "Kent.tcdesk"
    assert Session.open(tmp_path / "Kent.tcdesk", pm=pm).submission == session.submission


def test_export_to_writes_a_copy_and_keeps_the_sessions_file(tmp_path, pm, make_submission):
    session = Session(make_submission(organisation="U"), path=tmp_path / "own.tcdesk", pm=pm)
    session.export_to(tmp_path / "copy.tcdesk.json")
    assert session.path == tmp_path / "own.tcdesk"
    assert interchange.read(tmp_path / "copy.tcdesk.json") == session.submission
    with pytest.raises(InvalidInputError, match="cannot write this file type"):
        session.export_to(tmp_path / "copy.odt")


def test_import_makes_the_file_the_open_submission_without_a_file(tmp_path, pm):
    csv = tmp_path / "plan.csv"
    csv.write_text("Ref,Action,RAG\nV01,Run a careers fair,Green\n", encoding="utf-8")
    session = Session(path=tmp_path / "x.tcdesk", pm=pm)
    result = session.import_(csv)
    assert session.submission is result.submission and session.path is None
    assert [a.ref for a in session.submission.previous_plan.actions] == ["V01"]
