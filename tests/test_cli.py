"""The ``tcdesk`` command as users run it: version, help, errors on stderr with exit code 2."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from tcdesk import __version__, cli

TCDESK = Path(sys.executable).with_name("tcdesk")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TCDESK), *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_version_prints_the_package_version():
    done = run("--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"tcdesk {__version__}")


def _command_names() -> list[str]:
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(subparsers.choices)


def test_help_lists_every_command():
    names = _command_names()
    assert {"open", "new", "convert"} <= set(names)
    done = run("--help")
    assert done.returncode == 0
    for name in names:
        assert f"    {name} " in done.stdout


def test_error_goes_to_stderr_with_exit_code_2_and_no_traceback(tmp_path):
    done = run("convert", "missing.tcdesk", "out.tcdesk.json", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "tcdesk: error: missing.tcdesk: no such file\n"


def test_debug_shows_the_traceback(tmp_path):
    done = run("--debug", "convert", "missing.tcdesk", "out.tcdesk.json", cwd=tmp_path)
    assert done.returncode != 0
    assert "Traceback (most recent call last)" in done.stderr
    assert "InvalidInputError: missing.tcdesk: no such file" in done.stderr


def test_unknown_command_is_a_usage_error(tmp_path):
    done = run("frobnicate", cwd=tmp_path)
    assert done.returncode == 2
    assert "invalid choice: 'frobnicate'" in done.stderr and "Traceback" not in done.stderr


def test_project_file_errors_are_reported_in_process(tmp_path, capsys):
    bad = tmp_path / "notes.tcdesk"
    bad.write_text("not a project")
    assert cli.main(["convert", str(bad), str(tmp_path / "out.tcdesk.json")]) == 2
    err = capsys.readouterr().err
    assert err == f"tcdesk: error: {bad}: not a tcdesk project (not an SQLite database)\n"


def test_debug_reraises_in_process(tmp_path):
    bad = tmp_path / "notes.tcdesk"
    bad.write_text("not a project")
    from tcdesk.errors import NotAProjectError

    with pytest.raises(NotAProjectError):
        cli.main(["--debug", "convert", str(bad), str(tmp_path / "out.tcdesk.json")])


def test_a_command_alone_parses_and_helps_as_in_the_whole_parser():
    whole = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, full in whole.choices.items():
        only = next(a for a in cli.build_parser(only=name)._actions if isinstance(a, argparse._SubParsersAction))
        assert list(only.choices) == [name]
        assert only.choices[name].format_help() == full.format_help()


def test_only_a_plain_command_line_gets_the_one_command_parser():
    def commands(argv):
        parser = cli._parser_for(argv)
        return list(next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices)

    assert commands(["check", "a.tcdesk"]) == ["check"]
    assert commands(["--debug", "import", "a.docx", "b.tcdesk"]) == ["import"]
    for argv in ([], ["--help"], ["-h", "check"], ["--vers"], ["chek", "a"], ["--debug"]):
        assert len(commands(argv)) == len(cli.COMMANDS), argv
