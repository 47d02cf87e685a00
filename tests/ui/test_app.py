"""The editor as a real process: it starts, and a SIGKILL mid-typing loses at most about a second."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tcdesk.model import Submission
from tcdesk.storage import load_project, save_project
from tcdesk.ui.autotype import TICK_MS, word

pytestmark = pytest.mark.slow


def _start(project: Path, env_extra: dict[str, str]) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env_extra}
    return subprocess.Popen(
        [sys.executable, "-m", "tcdesk", "open", str(project)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _logged(log: Path) -> int:
    lines = log.read_text(encoding="utf-8").split() if log.exists() else []
    return int(lines[-1]) if lines else 0


def test_sigkill_while_typing_loses_at_most_the_last_second(tmp_path):
    project = tmp_path / "crash.tcdesk"
    save_project(Submission(organisation="Northmoor"), project)
    log = tmp_path / "typed.log"
    with _start(project, {"TCDESK_AUTOTYPE": str(log)}) as proc:
        deadline = time.monotonic() + 30
        while _logged(log) < 25 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        running = proc.poll() is None
        typed = _logged(log)
        proc.send_signal(signal.SIGKILL)
        _out, err = proc.communicate(timeout=10)
    assert running, err
    assert typed >= 25, "the editor did not type"
    # Soft line breaks are the editor's CommonMark wrapping, not typing.
    text = " ".join(load_project(project).answers["1"].split())
    # One second of typing at one character per tick, in words of len(word(n)) characters.
    words_per_second = 1000 / TICK_MS / len(word(1))
    must_have = typed - int(words_per_second + 1)
    assert word(must_have).strip() in text, f"typed {typed} words, saved: ...{text[-80:]!r}"
    expected = "".join(word(n) for n in range(1, typed + 2))  # the word being typed may be partial
    assert expected.startswith(text), "saved text is not what was typed"
    assert load_project(project).organisation == "Northmoor"


def test_editor_starts_and_reports_the_window_shown_then_usable(tmp_path):
    project = tmp_path / "start.tcdesk"
    save_project(Submission(organisation="University of Northmoor"), project)
    with _start(project, {"TCDESK_REPORT_STARTUP": "1"}) as proc:
        lines = [proc.stdout.readline() for _ in range(3)]
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)
    assert lines[0].startswith("tcdesk: window shown after")
    assert lines[1].startswith("tcdesk: file open after")
    # Usable: the file's text painted in the first field of the part shown, which takes typing.
    assert lines[2].startswith("tcdesk: usable after")
    assert lines[2].rstrip().endswith("(cover, 'Organisation' shows 23 characters, editable)"), lines[2]
