"""Entry script of the frozen build: the ``tcdesk`` command line, which opens the editor by default.

tcdesk starts its helper processes (the editor's checking process, the PDF text reader) as
``python -P -m MODULE ARGS``; in the frozen build ``sys.executable`` is this program, so it runs
such a module itself.
"""

from __future__ import annotations

import runpy
import sys

from tcdesk.cli import main


def _module_asked() -> str | None:
    args = sys.argv[1:]
    if args[:1] == ["-P"]:
        args = args[1:]
    if len(args) >= 2 and args[0] == "-m" and args[1].startswith("tcdesk."):
        sys.argv = [sys.argv[0], *args[2:]]
        return args[1]
    return None


if __name__ == "__main__":
    module = _module_asked()
    if module is not None:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        sys.exit(0)
    sys.exit(main())
