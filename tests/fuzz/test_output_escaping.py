"""Terminal injection: text from a submission or a pack never reaches the terminal as control characters.

``tcdesk check`` (text report), ``tcdesk rules`` (list and documentation) and the one-line errors
run as child processes under the hostile-input limits; their output must hold no C0/C1 control,
no ESC or BEL and no bidi override, only visible escapes of them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from packs_runner import run_cli

from synthetic import make_synthetic
from tcdesk import interchange
from tcdesk.terminal import printable

# Anything a terminal would obey or that reorders text; a line feed is allowed between lines only.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
HOSTILE = ["\x1b]0;pwned\x07", "\x1b[2J", "\x1b[31m", "\x9b1m", "\x07", "\r", "\b", "\u202e", "\u2066", "\u200b", "\x00", "\n"]


def assert_clean(output: str) -> None:
    assert not RAW.search(output), repr(RAW.search(output).group(0))


def hostile_submission(folder: Path, text: str) -> Path:
    sub = make_synthetic(8, answer_words=20)  # short answers: TC101 reports each, with its place
    sub.organisation = text
    sub.answers["2"] = f"TBC {text} TBC"
    sub.new_plan.actions[0].ref = text
    sub.new_plan.actions[0].owner = ""
    path = folder / "draft.tcdesk.json"
    interchange.write(sub, path)
    return path


def test_check_escapes_every_control_character_from_the_submission(tmp_path):
    text = "Org" + "".join(HOSTILE) + "end"
    path = hostile_submission(tmp_path, text)
    run = run_cli("check", "--today", "2026-11-23", path, watch=[tmp_path])
    assert run.code in (0, 1) and "TC502" in run.stdout
    assert_clean(run.stdout)
    assert "\\x1b]0;pwned\\x07" in run.stdout and "\\u202e" in run.stdout
    assert all(line.startswith(str(path)) for line in run.stdout.splitlines()[:-1])  # one finding per line


def test_json_output_keeps_the_text_exact(tmp_path):
    import json

    text = "Org\x1b]0;pwned\x07\u202e"
    path = hostile_submission(tmp_path, text)
    run = run_cli("check", "--today", "2026-11-23", "--format", "json", path, watch=[tmp_path])
    findings = json.loads(run.stdout)["findings"]
    assert any(text in f["message"] for f in findings)  # machine output is data, escaped by JSON itself


def test_rules_escapes_pack_text_in_the_list_and_the_documentation(tmp_path):
    pack = tmp_path / ("pack\x1b]0;x\x07")
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: odd\nprefix: OD\n")
    (pack / "odd-rule.yaml").write_text(
        'code: OD001\nname: odd-rule\nseverity: warning\ncheck: required-field\nparams: {field: organisation}\n'
        'message: "No organisation"\nsummary: "Sum\\e[2J\\u202e"\nwhy: "Why\\a\\e]0;t\\a"\n'
        'example: {fails: "F\\x9b1m", passes: "P\\x00"}\n')
    listed = run_cli("rules", "--rules", pack, watch=[tmp_path])
    assert listed.code == 0 and "OD001" in listed.stdout
    assert_clean(listed.stdout)
    shown = run_cli("rules", "--rules", pack, "OD001", watch=[tmp_path])
    assert shown.code == 0 and "Sum\\x1b[2J\\u202e" in shown.stdout
    assert_clean(shown.stdout)
    markdown = run_cli("rules", "--rules", pack, "--markdown", watch=[tmp_path])
    assert_clean(markdown.stdout)


def test_errors_naming_a_hostile_file_are_escaped_and_one_line(tmp_path):
    pack = tmp_path / "bad\x1b[2J\u202e"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: bad\nprefix: BD\nodd\x1b: 1\n")
    run = run_cli("rules", "--rules", pack, watch=[tmp_path])
    assert run.code == 2 and len(run.stderr.strip().splitlines()) == 1
    assert_clean(run.stderr)
    missing = run_cli("check", tmp_path / "no\x1b]0;x\x07such.tcdesk.json", watch=[tmp_path])
    assert missing.code == 2
    assert_clean(missing.stderr)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=["Cs"]), max_size=5)), min_size=1, max_size=8).map("".join))
def test_generated_text_never_reaches_the_terminal_raw(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("escape")
    path = hostile_submission(folder, "X" + text)
    run = run_cli("check", "--today", "2026-11-23", path, watch=[folder])
    assert run.code in (0, 1)
    assert_clean(run.stdout)
    assert_clean(run.stderr)


@given(st.text())
def test_printable_escapes_exactly_the_unsafe_characters(text):
    shown = printable(text)
    assert not RAW.search(shown.replace("\n", "")) and "\n" not in shown
    if not RAW.search(text) and "\n" not in text:
        assert shown == text
    assert "\n" not in printable(text) and printable(text, keep_newlines=True).count("\n") == text.count("\n")


@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b]0;t\x07", "\\x1b]0;t\\x07"), ("a\u202eb", "a\\u202eb"), ("\x9b", "\\x9b"), ("tab\there", "tab\\x09here"), ("é ok", "é ok"),
])
def test_printable_examples(text, shown):
    assert printable(text) == shown


def test_log_lines_are_escaped_too():
    import logging

    from tcdesk.cli import _PrintableFormatter

    record = logging.LogRecord("tcdesk.importers", logging.WARNING, __file__, 1, "odd name %s", ("x\x1b]0;t\x07\u202e",), None)
    assert_clean(_PrintableFormatter("tcdesk: %(message)s").format(record))
