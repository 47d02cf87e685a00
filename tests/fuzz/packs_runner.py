"""Runs ``tcdesk`` as a child process under the limits every hostile-input test asserts.

Each run gets 1 GiB of address space and 10 s; the caller states what the exit status may be, and
the run fails on a traceback, on a multi-line error, or on any file created or changed beside the
inputs.
"""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MEMORY = 1 << 30
TIMEOUT = 10.0


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _snapshot(folders: list[Path]) -> dict[Path, str]:
    return {
        p: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for folder in folders for p in sorted(folder.rglob("*"))
    }


def run_cli(*args: str | Path, watch: list[Path], env: dict[str, str] | None = None) -> Run:
    """``tcdesk ARGS`` under the limits; fails if anything in the ``watch`` folders is created or changed."""
    before = _snapshot(watch)
    child_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "tcdesk.cli", *map(str, args)],
        capture_output=True, timeout=TIMEOUT, preexec_fn=_limit, env=child_env, stdin=subprocess.DEVNULL,
    )
    run = Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
    assert _snapshot(watch) == before, f"files changed beside the input: {run.stderr}"
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr
    assert run.code in (0, 1, 2), (run.code, run.stderr[-2000:])
    return run


def assert_refused(run: Run, file: Path, place: str = "line ") -> None:
    """Exit 2 with one line on stderr naming ``file`` and the place in it."""
    assert run.code == 2, (run.code, run.stdout[-500:], run.stderr[-500:])
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("tcdesk: error: ") and str(file) in lines[0] and place in lines[0], lines[0]
