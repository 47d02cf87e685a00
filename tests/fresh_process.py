"""What a fresh interpreter loads: the tests that hold a command's or an export's start-up light."""

from __future__ import annotations

import subprocess
import sys


def packages_loaded(code: str, among: set[str]) -> set[str]:
    """The top-level packages of ``among`` that a new Python process running ``code`` has loaded
    by its end (``code`` runs to completion; a failure in it fails the test)."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(among)!r}))))\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())
