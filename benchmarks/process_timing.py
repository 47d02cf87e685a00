"""Times whole commands the way a user meets them: a fresh process each run, byte code compiled.

Wall-clock medians move with whatever else shares the machine; the CPU time of the child (user +
system, from ``getrusage``) moves less, so both are reported. No external tool is needed
(hyperfine gives the same figures when it is installed: ``hyperfine -N 'tcdesk check FILE'``).
Where valgrind is installed, :func:`count_instructions` gives the one figure a busy machine does not
change at all: the instructions a command executes.
"""

from __future__ import annotations

import compileall
import os
import resource
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Timing:
    """Median and best wall-clock time and median (and least) CPU time of some runs, in seconds."""

    wall: float
    best: float
    cpu: float
    runs: int
    cpu_best: float | None = None  # on a shared machine the least CPU time is the steadiest figure

    def __str__(self) -> str:
        least = f" (least {self.cpu_best:.3f} s)" if self.cpu_best is not None else ""
        return f"median {self.wall:.3f} s (best {self.best:.3f} s), CPU {self.cpu:.3f} s{least}, {self.runs} runs"


def compile_bytecode() -> None:
    """Write .pyc files for tcdesk and the installed packages, as an installed app has them.

    This machine may set ``PYTHONDONTWRITEBYTECODE``; timing without byte code would measure the
    compiler, not tcdesk.
    """
    import sysconfig

    for folder in {ROOT / "tcdesk", Path(sysconfig.get_paths()["purelib"]), Path(sysconfig.get_paths()["platlib"])}:
        if folder.is_dir():
            compileall.compile_dir(folder, quiet=2, workers=1)


def tcdesk_command(*args: str) -> list[str]:
    """``tcdesk ARGS`` run by this interpreter (the venv's ``tcdesk`` script does the same)."""
    return [sys.executable, "-m", "tcdesk.cli", *args]


def time_command(command: Sequence[str], runs: int = 7, env: dict[str, str] | None = None, ok=(0, 1), warm: int = 1) -> Timing:
    """Run ``command`` ``warm`` times untimed, then ``runs`` times timed; raise if it fails."""
    import time

    for _ in range(warm):
        subprocess.run(command, capture_output=True, env=env)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return Timing(statistics.median(walls), min(walls), statistics.median(cpus), runs, min(cpus))


def count_instructions(command: Sequence[str], env: dict[str, str] | None = None) -> int | None:
    """How many instructions ``command`` executes (valgrind's cachegrind "I refs"), or ``None`` without valgrind.

    The count is the same on a loaded machine as on a quiet one, so a change can be compared with
    the code before it while others use the machine. It runs the command ~50 times slower.
    """
    import re
    import shutil

    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    done = subprocess.run([valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command],
                          capture_output=True, text=True, env=env)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    return int(found.group(1).replace(",", "")) if found else None


def load_note() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
