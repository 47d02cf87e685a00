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
