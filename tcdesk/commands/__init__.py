"""Sub-commands of the ``tcdesk`` command line, one module each."""

from __future__ import annotations

import argparse
import atexit
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def add_allow_large(parser: argparse.ArgumentParser) -> None:
    """``--allow-large``, the same on every command that reads projects (see docs/limits.md#size)."""
    parser.add_argument("--allow-large", action="store_true",
                        help="read a .tcdesk project larger than tcdesk's limits (200 MiB of text and attachments, "
                        "1,000,000 rows, an 800 MiB file), e.g. one from an older tcdesk, and let it be saved; "
                        "only for files you trust (see docs/limits.md)")


@contextmanager
def collector_off_while_loading() -> Iterator[Callable[[], None]]:
    """No cyclic garbage collection while a command imports its modules and builds what it keeps.

    Those objects live to the end of the run; the collector would only walk them again and again
    (~10% of a one-file check, a few % of an export). The ``loaded()`` it gives freezes them out of
    its sight and turns it back on for the real work, so memory stays flat however long that is.
    A caller's own choices (collector off, objects frozen) are left alone; on the way out the
    collector is as it was, and the frozen objects collectable again (for a test or a script).
    """
    ours = gc.isenabled() and gc.get_freeze_count() == 0
    if not ours:
        yield lambda: None
        return
    gc.disable()

    def loaded() -> None:
        gc.freeze()
        gc.enable()

    try:
        yield loaded
    finally:
        gc.unfreeze()
        gc.enable()


def no_collection_at_exit() -> None:
    """Let the process end without the collector walking every object it still holds.

    On the way out Python looks for reference cycles among all the modules and objects a command
    loaded, three times over (~6% of a one-file check), only to free memory the process is giving
    back anyway. Freezing them at exit hides them from those passes. For commands that only read
    files and print: nothing of theirs waits for a finaliser. Done at exit, not now, so that a test
    or script calling the command in-process keeps its collector as it was.
    """
    atexit.unregister(gc.freeze)  # once, however often a test runs the command
    atexit.register(gc.freeze)
