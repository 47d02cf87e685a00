"""Checking in a child process, so rules never compete with typing for the interpreter lock.

A check of a large submission is ~0.1 s of pure Python; in a thread of the editor's own process it
would take the interpreter lock from the UI thread again and again. The child
(``python -m tcdesk.check_process``) loads the same plugins by module name and answers one pickled
snapshot at a time over its standard input and output; a thread here sends the newest snapshot and
waits for its findings, so older snapshots queued during a check are simply skipped. A plain
subprocess, not :mod:`multiprocessing`, so the child never re-runs the editor's ``__main__``; in
the frozen build the bundled program runs the module itself (``packaging/launcher.py``).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pluggy

from tcdesk.paths import module_command

__all__ = ["CheckProcess", "plugin_modules"]

log = logging.getLogger("tcdesk")


def plugin_modules(pm: pluggy.PluginManager) -> list[tuple[str, str]] | None:
    """``(registered name, module name)`` of every plugin, or None when one is not a module.

    A plugin object built at run time cannot be recreated in another process.
    """
    out = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        if not isinstance(plugin, ModuleType) or plugin.__name__ == "__main__":
            return None
        out.append((name, plugin.__name__))
    return out


def serve(modules: list[tuple[str, str]], source=None, sink=None) -> None:
    """The child: rebuild the plugin manager, then check each submission received until EOF."""
    from tcdesk.pluginmanager import get_plugin_manager
    from tcdesk.session import Session

    source = source or sys.stdin.buffer
    sink = sink or sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the result stream
    pm = get_plugin_manager(load_entry_points=False)
    for name, module in modules:
        if pm.get_plugin(name) is None:
            pm.register(importlib.import_module(module), name=name)
    session = Session(pm=pm)
    while True:
        try:
            message = pickle.load(source)
        except (EOFError, OSError, pickle.UnpicklingError):
            return  # the editor has gone (closed, or killed while it was sending a snapshot)
        if message is None:
            return
        seq, submission = message
        session.submission = submission
        reply: tuple[int, list[Any] | None, str | None]
        try:
            reply = (seq, session.check(), None)
        except Exception as exc:  # noqa: BLE001 - reported to the editor, never fatal here
            reply = (seq, None, f"{type(exc).__name__}: {exc}")
        pickle.dump(reply, sink, protocol=pickle.HIGHEST_PROTOCOL)
        sink.flush()


class CheckProcess:
    """A long-lived child process that checks the newest snapshot handed to :meth:`submit`.

    :param modules: the plugins to load, from :func:`plugin_modules`.
    :param deliver: called (in a background thread) with ``(seq, findings, error)``.
    """

    def __init__(self, modules: list[tuple[str, str]], deliver: Callable[[int, Any, Any], None]) -> None:
        self._process = subprocess.Popen(
            module_command(__name__, json.dumps(modules)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._stdin, self._stdout = self._process.stdin, self._process.stdout
        self._deliver = deliver
        self._lock = threading.Condition()
        self._send_lock = threading.Lock()  # close() may send while the client thread does
        self._pending: tuple[int, Any] | None = None
        self._busy = False
        self._closed = False
        self.failed: str | None = None
        self._thread = threading.Thread(target=self._run, name="tcdesk-check-client", daemon=True)
        self._thread.start()

    def submit(self, seq: int, submission: Any) -> None:
        with self._lock:
            self._pending = (seq, submission)  # replaces an older one not yet sent
            self._lock.notify()

    def idle(self) -> bool:
        with self._lock:
            return self._pending is None and not self._busy

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._pending is None and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                message, self._pending, self._busy = self._pending, None, True
            assert message is not None
            try:
                self._send(message)
                result = pickle.load(self._stdout)
            except (EOFError, OSError, pickle.UnpicklingError) as exc:
                if self._closed:
                    return
                self.failed = f"the checking process stopped ({exc or type(exc).__name__})"
                log.warning("%s", self.failed)
                with self._lock:
                    self._busy = False
                self._deliver(message[0], None, self.failed)
                return
            with self._lock:
                self._busy = False
                if self._closed:
                    return
            self._deliver(*result)

    def close(self, timeout: float = 2.0) -> None:
        """Stop the child (after the check it is running) and the client thread; no result is delivered."""
        with self._lock:
            self._closed = True
            self._lock.notify()
        with contextlib.suppress(OSError, ValueError):  # the child may already be gone
            self._send(None)
        with contextlib.suppress(OSError):
            self._stdin.close()
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout)
        self._thread.join(timeout)
        self._stdout.close()

    def is_alive(self) -> bool:
        return self._process.poll() is None

    def _send(self, message: object) -> None:
        with self._send_lock:
            pickle.dump(message, self._stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._stdin.flush()


if __name__ == "__main__":
    serve([tuple(pair) for pair in json.loads(sys.argv[1])])
