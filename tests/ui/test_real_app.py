"""The real application under Xvfb, driven by xdotool as a user would: open, walk the parts, Ctrl+S, Ctrl+Q."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tcdesk import interchange
from tcdesk.storage.store import load_project, save_project

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _xdotool(display: str, *args: str, timeout: float = 30) -> str:
    done = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, capture_output=True, text=True, timeout=timeout)
    return done.stdout.strip()


@pytest.fixture
def xserver():
    """A private X server at 1440×900; its display name."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        pytest.fail("Xvfb and xdotool are needed (scripts/setup.sh installs them)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1440x900x24", "-nolisten", "tcp"], pass_fds=(write,))
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.slow
def test_open_walk_the_parts_save_and_quit_leaves_the_project_unchanged(xserver, tmp_path):
    project = tmp_path / "northmoor.tcdesk"
    save_project(interchange.read(EXAMPLES / "northmoor-draft.tcdesk.json"), project)
    before = interchange.dumps(load_project(project))
    env = {
        **os.environ,
        "DISPLAY": xserver,
        "QT_QPA_PLATFORM": "xcb",
        "TCDESK_CONFIG_DIR": str(tmp_path / "config"),
        "TCDESK_DATA_DIR": str(tmp_path / "data"),
        "TCDESK_CACHE_DIR": str(tmp_path / "cache"),
    }
    app = subprocess.Popen([sys.executable, "-m", "tcdesk.app", str(project)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        window = _xdotool(xserver, "search", "--sync", "--onlyvisible", "--name", "northmoor", timeout=60).splitlines()[0]
        _xdotool(xserver, "windowfocus", "--sync", window)
        time.sleep(1.5)  # the file opens just after the window shows
        # Click into the parts list, then walk down it with the arrow key, part by part.
        _xdotool(xserver, "mousemove", "--window", window, "60", "60", "click", "1")
        for _ in range(12):
            _xdotool(xserver, "key", "Down")
            time.sleep(0.25)
        _xdotool(xserver, "key", "ctrl+s")
        time.sleep(0.5)
        _xdotool(xserver, "key", "ctrl+q")
        output, _ = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0, output
    assert interchange.dumps(load_project(project)) == before
