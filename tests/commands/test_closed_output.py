"""A reader that stops reading (``tcdesk check *.pdf | head``) ends the command quietly, without a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tcdesk.cli import EXIT_OUTPUT_CLOSED


@pytest.mark.parametrize("args", [
    ["rules"],
    ["check", "examples/northmoor-draft.tcdesk.json", "examples/northmoor-clean.tcdesk.json"],
    ["check", "--format", "json", "examples/northmoor-draft.tcdesk.json"],
])
def test_a_closed_output_ends_the_command_quietly(args):
    with subprocess.Popen([sys.executable, "-m", "tcdesk", *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # before the command has written anything: its first write finds no reader
        errors = proc.stderr.read()
        status = proc.wait(timeout=60)
    assert "Traceback" not in errors and "Exception ignored" not in errors and "BrokenPipe" not in errors, errors
    assert errors == ""
    assert status == EXIT_OUTPUT_CLOSED
