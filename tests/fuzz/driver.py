"""Runs many ``tcdesk`` command lines in one process, each with a time limit, and reports each outcome.

Used by the fuzz tests as ``python driver.py CASES.json RESULTS.jsonl`` under a 1 GiB address-space
limit. One JSON line per case is written (and flushed) as soon as the case ends, so a case that kills
the whole process is still named. ``["load", PATH]`` is the editor's Qt-free opening path.
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import sys
import time
import traceback

CASE_SECONDS = 10


class _Timeout(BaseException):
    """Raised in the main thread when a case runs out of time (BaseException: no handler swallows it)."""


def _alarm(signum, frame):
    raise _Timeout


def run_case(argv: list[str]) -> dict:
    from tcdesk.cli import main

    err, out = io.StringIO(), io.StringIO()
    started = time.monotonic()
    outcome: dict = {"argv": argv}
    signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            if argv[0] == "load":
                outcome["rc"] = _load(argv[1])
            else:
                outcome["rc"] = main(argv)
    except _Timeout:
        outcome["rc"] = "timeout"
    except SystemExit as exc:  # argparse
        outcome["rc"] = exc.code
    except BaseException:  # noqa: BLE001 - exactly what the test is looking for
        outcome["rc"] = "traceback"
        outcome["traceback"] = traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    outcome["seconds"] = round(time.monotonic() - started, 2)
    outcome["stderr"] = err.getvalue()[-4000:]
    outcome["stdout_tail"] = out.getvalue()[-500:]
    return outcome


def _load(path: str) -> int:
    """The editor's reading path without Qt: 0 when it opens, 2 with a one-line message when refused."""
    from tcdesk.errors import TcdeskError
    from tcdesk.session import Session

    try:
        Session().load(path)
    except TcdeskError as exc:
        print(f"tcdesk: error: {exc}", file=sys.stderr)
        return 2
    return 0


def _warm_up() -> None:
    """Import the readers and writers first: their import time is the same for every file, not the file's."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pypdf  # noqa: F401

    import tcdesk.cli
    import tcdesk.export.docx
    import tcdesk.export.pdf
    import tcdesk.importers.assemble
    import tcdesk.importers.pdf_reader
    import tcdesk.importers.sheet_reader  # noqa: F401
    from tcdesk.session import Session

    Session().rule_set()


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as fh:
        cases = json.loads(fh.read())
    _warm_up()
    signal.signal(signal.SIGALRM, _alarm)
    with open(sys.argv[2], "a", encoding="utf-8") as results:
        for argv in cases:
            results.write(json.dumps(run_case(argv)) + "\n")
            results.flush()


if __name__ == "__main__":
    main()
