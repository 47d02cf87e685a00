"""Without a display the editor says so in one line and exits 2, before Qt can abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("command", [["-m", "tcdesk"], ["-m", "tcdesk", "open"], ["-m", "tcdesk.app"]])
def test_no_display_is_one_clear_line_and_exit_2(command):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, *command], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("tcdesk: error: no display")
