"""A third-party importer or exporter that misbehaves costs one line naming the file, never the
user's work: no traceback, no hang, no half-written file, no change to the open submission."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tcdesk import interchange
from tcdesk.errors import ExportError, InvalidInputError
from tcdesk.export.base import ImportReport, ImportResult
from tcdesk.hookspecs import hookimpl
from tcdesk.model import Submission
from tcdesk.session import Session

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "northmoor-clean.tcdesk.json"


class Importer:
    name, label, suffixes = "odd", "Odd files", (".odd",)

    def __init__(self, behaviour):
        self.behaviour = behaviour

    def load(self, path, options=None):
        return self.behaviour(path)


class Exporter:
    name, label, suffix = "odd", "Odd files", ".odd"

    def __init__(self, behaviour):
        self.behaviour = behaviour

    def export(self, submission, path):
        self.behaviour(submission, Path(path))


class Plugin:
    def __init__(self, importer=None, exporter=None):
        self.importer, self.exporter = importer, exporter

    @hookimpl
    def register_importers(self):
        return [self.importer] if self.importer else []

    @hookimpl
    def register_exporters(self):
        return [self.exporter] if self.exporter else []


def _session(pm, **plugin) -> Session:
    pm.register(Plugin(**plugin), name="odd-plugin")
    return Session(interchange.read(EXAMPLE), pm=pm)


@pytest.fixture
def odd_file(tmp_path) -> Path:
    path = tmp_path / "plan.odd"
    path.write_text("anything")
    return path


def _fails(error):
    def behaviour(*args):
        raise error

    return behaviour


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        (_fails(ValueError("column 7 is odd")), "the 'odd' importer failed (ValueError: column 7 is odd)"),
        (_fails(SystemExit(3)), "the 'odd' importer tried to stop tcdesk (SystemExit)"),
        (lambda path: {"answers": {}}, "the 'odd' importer returned dict, not an import result"),
        (
            lambda path: ImportResult(Submission(organisation=["a", "list"]), ImportReport(path)),
            "is not of type 'string'",
        ),
        (
            lambda path: ImportResult(Submission(organisation=b"bytes"), ImportReport(path)),
            "cannot be stored (TypeError",
        ),
    ],
)
def test_an_importer_that_fails_or_returns_nonsense_is_one_line_naming_the_file(pm, odd_file, behaviour, message):
    session = _session(pm, importer=Importer(behaviour))
    with pytest.raises(InvalidInputError) as caught:
        session.import_(odd_file)
    assert message in str(caught.value) and str(odd_file) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert session.submission.organisation == interchange.read(EXAMPLE).organisation  # the open submission stays


def test_an_importers_submission_is_checked_like_an_interchange_file(pm, odd_file):
    def number_for_text(path):
        sub = interchange.read(EXAMPLE)
        sub.previous_plan.actions[2].explanation = 42
        return ImportResult(sub, ImportReport(path))

    with pytest.raises(
        InvalidInputError, match=r"returned a submission that is not valid: 42 is not of type"
    ) as caught:
        _session(pm, importer=Importer(number_for_text)).import_file(odd_file)
    assert caught.value.where == "$.previous_plan.actions[2].explanation"


def test_a_good_importers_result_arrives_whole(pm, odd_file):
    expected = interchange.read(EXAMPLE)
    result = _session(pm, importer=Importer(lambda path: ImportResult(expected, ImportReport(path)))).import_file(
        odd_file
    )
    assert interchange.dumps(result.submission) == interchange.dumps(expected)


def test_an_importer_that_hangs_is_given_up(pm, odd_file, monkeypatch):
    monkeypatch.setenv("TCDESK_PLUGIN_TIMEOUT", "0.5")
    session = _session(pm, importer=Importer(lambda path: time.sleep(30)))
    began = time.monotonic()
    with pytest.raises(InvalidInputError, match=r"took longer than 0\.5 s and was stopped"):
        session.import_file(odd_file)
    assert time.monotonic() - began < 5


def _half_then_fail(submission, path):
    path.write_bytes(b"half a file")
    raise RuntimeError("disk gremlin")


def test_a_failing_exporter_leaves_the_old_file_and_nothing_else(pm, tmp_path):
    target = tmp_path / "Northmoor July 2026.odd"
    target.write_bytes(b"last week's export")
    session = _session(pm, exporter=Exporter(_half_then_fail))
    with pytest.raises(ExportError, match=r"the 'odd' exporter failed \(RuntimeError: disk gremlin\)"):
        session.export_to(target)
    assert target.read_bytes() == b"last week's export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_an_exporter_that_writes_nothing_is_an_error(pm, tmp_path):
    with pytest.raises(ExportError, match="wrote no file"):
        _session(pm, exporter=Exporter(lambda submission, path: None)).export("odd", tmp_path / "x.odd")
    assert list(tmp_path.iterdir()) == []


def test_an_exporter_cannot_change_the_users_submission(pm, tmp_path):
    def vandal(submission, path):
        submission.answers["1"] = "rewritten by a plugin"
        submission.previous_plan.actions.clear()
        path.write_text("done")

    session = _session(pm, exporter=Exporter(vandal))
    before = interchange.dumps(session.submission)
    session.export("odd", tmp_path / "x.odd")
    assert interchange.dumps(session.submission) == before
    assert (tmp_path / "x.odd").read_text() == "done"


class BrokenRegistration:
    @hookimpl
    def register_importers(self):
        raise KeyError("importers")

    @hookimpl
    def register_exporters(self):
        return [object(), "pdf"]


def test_a_plugin_that_fails_to_register_leaves_the_others_working(pm, caplog):
    pm.register(BrokenRegistration(), name="broken")
    session = Session(interchange.read(EXAMPLE), pm=pm)
    assert {"docx", "pdf", "html"} <= set(session.exporters())
    assert {".docx", ".pdf"} <= {s for imp in session.importers() for s in imp.suffixes}
    assert "plugin broken failed in register_importers: KeyError" in caplog.text


def test_an_installed_plugin_that_raises_is_one_line_from_the_command_line(tmp_path):
    """A real installed plugin (entry point in a distribution's metadata) run by the real command."""
    site = tmp_path / "site"
    (site / "odd_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "odd_plugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: odd-plugin\nVersion: 1.0\n"
    )
    (site / "odd_plugin-1.0.dist-info" / "entry_points.txt").write_text("[tcdesk]\nodd = odd_plugin\n")
    (site / "odd_plugin.py").write_text(
        textwrap.dedent(
            """
            from tcdesk.hookspecs import hookimpl

            class Odd:
                name, label, suffixes = "odd", "Odd files", (".odd",)

                def load(self, path, options=None):
                    return {}["sheet"]

            @hookimpl
            def register_importers():
                return [Odd()]
            """
        )
    )
    source = tmp_path / "plan.odd"
    source.write_text("anything")
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-m", "tcdesk.cli", "check", str(source)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"tcdesk: error: {source}: the 'odd' importer failed (KeyError: 'sheet')"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.odd", "site"]
