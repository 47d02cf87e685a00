"""Checks keep what they read from a document's text: the same bytes are read back, never read again,
and give the same findings; anything else (new bytes, other options, a bad entry) is read afresh."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk import hookimpl, import_cache, interchange
from tcdesk.batch import CheckOptions, check_file
from tcdesk.errors import InvalidInputError
from tcdesk.export.base import READ_TEXT
from tcdesk.importers import pdf_text
from tcdesk.parse_cache import cache_dir
from tcdesk.session import Session
from tests.conftest import EXAMPLES

READ = CheckOptions(read_text=True, today=None)


def _plain(sub) -> dict:
    """What a reading says; action ids, which every import makes afresh, left out."""
    data = interchange.to_dict(sub)
    for plan in ("previous_plan", "new_plan"):
        for action in data[plan]["actions"]:
            del action["id"]
    return data


def _entries() -> list[Path]:
    folder = cache_dir() / "imports"
    return sorted(folder.glob("*.json")) if folder.exists() else []


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    from tcdesk.pluginmanager import get_plugin_manager

    folder = tmp_path_factory.mktemp("exports")
    session = Session(interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"), pm=get_plugin_manager(load_entry_points=False))
    out = {}
    for kind in ("pdf", "docx"):
        out[kind] = folder / f"northmoor.{kind}"
        session.export(kind, out[kind])
    return out


def _refuse_to_read(monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("read again although the same bytes were read before")

    monkeypatch.setattr(pdf_text, "read_pdf_text", refuse)
    monkeypatch.setattr("tcdesk.importers.pdf_reader.read_pdf_text", refuse)
    monkeypatch.setattr("tcdesk.importers.docx_reader.read_docx", refuse)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_second_check_reads_the_same_submission_back_without_reading_the_file(pm, exports, kind, monkeypatch):
    path = exports[kind]
    fresh = Session(pm=pm).load(path, READ_TEXT)
    first = check_file(path, READ, Session(pm=pm))
    [entry] = _entries()
    assert entry.stat().st_mode & 0o077 == 0  # the submission's text: for its user alone
    _refuse_to_read(monkeypatch)
    assert _plain(Session(pm=pm).load(path, READ_TEXT, reuse=True)) == _plain(fresh)
    again = check_file(path, READ, Session(pm=pm))
    assert again == first
    assert len(_entries()) == 1


def test_new_bytes_other_options_and_switching_off_each_read_afresh(pm, exports, tmp_path, monkeypatch):
    copy = tmp_path / "copy.docx"
    copy.write_bytes(exports["docx"].read_bytes())
    session = Session(pm=pm)
    session.load(copy, READ_TEXT, reuse=True)
    session.load(copy, {"read": "text", "plan": "new"}, reuse=True)  # other options: another entry
    assert len(_entries()) == 2
    # Another submission in the same file name: the new text, not the kept one.
    changed = interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json")
    changed.answers["1"] = "A different first answer, typed after the last check."
    Session(changed, pm=pm).export("docx", copy)
    assert session.load(copy, READ_TEXT, reuse=True).answers["1"] == changed.answers["1"]
    assert len(_entries()) == 3
    monkeypatch.setenv("TCDESK_NO_CACHE", "1")
    _refuse_to_read(monkeypatch)
    with pytest.raises(InvalidInputError, match="read again"):
        session.load(copy, READ_TEXT, reuse=True)


@pytest.mark.parametrize("damage", [
    lambda doc: b"{not json",
    lambda doc: json.dumps({**doc, "data": {**doc["data"], "answers": {"1": 5}}}).encode(),  # fails the schema
    lambda doc: json.dumps({**doc, "key": "0" * 64}).encode(),  # another file's entry
    lambda doc: json.dumps({**doc, "data": {**doc["data"], "organisation": "Forged University"}, "kind": "tcdesk-import"}).encode(),
])
def test_a_damaged_or_foreign_entry_is_ignored_and_the_file_read_again(pm, exports, damage):
    path = exports["pdf"]
    fresh = Session(pm=pm).load(path, READ_TEXT, reuse=True)
    [entry] = _entries()
    entry.write_bytes(damage(json.loads(entry.read_bytes())))
    again = Session(pm=pm).load(path, READ_TEXT, reuse=True)
    assert again != fresh and _plain(again) == _plain(fresh)  # read afresh (new action ids), saying the same
    assert json.loads(entry.read_bytes())["data"] == interchange.to_dict(again)  # and kept again, whole


class _SlowPlugin:
    """A plugin's importer of ``.plan`` files: any CSV, read by the built-in importer."""

    name, label, suffixes = "plan", "Plans", (".plan",)

    def load(self, path, options=None):
        from tcdesk.pluginmanager import get_plugin_manager

        copy = path.with_suffix(".csv")
        copy.write_bytes(path.read_bytes())
        return Session(pm=get_plugin_manager(load_entry_points=False)).import_file(copy, options)

    @hookimpl
    def register_importers(self):
        return [self]


def test_readings_of_the_data_tcdesk_carries_and_of_plugins_are_not_kept(pm, exports, tmp_path):
    session = Session(pm=pm)
    session.load(exports["pdf"], reuse=True)  # tcdesk's own export, read from the data it carries
    assert _entries() == []
    pm.register(_SlowPlugin(), name="plans")
    plan = tmp_path / "a.plan"
    plan.write_bytes((EXAMPLES / "action-plan.csv").read_bytes())
    assert _plain(Session(pm=pm).load(plan, reuse=True)) == _plain(Session(pm=pm).load(EXAMPLES / "action-plan.csv"))
    assert _entries() == []
    session.load(EXAMPLES / "action-plan.csv", reuse=True)  # the same CSV, read by tcdesk's own importer
    assert len(_entries()) == 1


def test_the_cache_keeps_at_most_its_bound_of_entries(pm, exports, tmp_path, monkeypatch):
    monkeypatch.setattr(import_cache, "MAX_ENTRIES", 4)
    folder = cache_dir() / "imports"
    folder.mkdir(parents=True)
    for n in range(6):
        old = folder / f"{n:064d}.json"
        old.write_text("{}")
        os.utime(old, ns=(n * 10**9, n * 10**9))
    Session(pm=pm).load(exports["docx"], READ_TEXT, reuse=True)
    names = [p.name for p in _entries()]
    assert len(names) == 3  # 7 entries, over the bound: the oldest four go, the newest three stay
    assert f"{5:064d}.json" in names and f"{4:064d}.json" in names and f"{0:064d}.json" not in names


def test_a_changed_importer_does_not_read_back_what_the_old_one_read(pm, exports, monkeypatch):
    Session(pm=pm).load(exports["docx"], READ_TEXT, reuse=True)
    monkeypatch.setattr(import_cache, "code_version", lambda: "another version of tcdesk")
    Session(pm=pm).load(exports["docx"], READ_TEXT, reuse=True)
    assert len(_entries()) == 2


@settings(max_examples=6)
@given(answer=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_what_is_read_back_is_what_was_read(tmp_path_factory, answer):
    """Whatever the text, the kept reading of a Word file is the reading itself."""
    from tcdesk.pluginmanager import get_plugin_manager

    pm = get_plugin_manager(load_entry_points=False)
    sub = interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json")
    sub.answers["2"] = answer
    path = tmp_path_factory.mktemp("docx") / "a.docx"
    Session(sub, pm=pm).export("docx", path)
    fresh = Session(pm=pm).load(path, READ_TEXT)
    first = Session(pm=pm).load(path, READ_TEXT, reuse=True)
    assert _plain(first) == _plain(fresh)
    assert Session(pm=pm).load(path, READ_TEXT, reuse=True) == first  # ids and all


def test_the_command_line_check_reads_a_document_once(exports, tmp_path):
    env = {**os.environ, "TCDESK_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "tcdesk", "check", "--read-text", "--format", "json", str(exports["pdf"])]
    first = subprocess.run(command, capture_output=True, env=env, check=False)
    second = subprocess.run(command, capture_output=True, env=env, check=False)
    assert first.returncode == second.returncode and first.stdout == second.stdout and not second.stderr
    assert len(list((tmp_path / "cache" / "parsed" / "imports").glob("*.json"))) == 1
