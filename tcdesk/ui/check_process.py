"""Checking in a child process, so rules never compete with typing for the interpreter lock.

A check of a large submission is ~0.1 s of pure Python; in a thread of the editor's own process it
would take the interpreter lock from the UI thread again and again. The child loads the same plugins
(by module name) and answers one snapshot at a time; a thread here sends the newest snapshot and
waits for its findings, so older snapshots queued during a check are simply skipped.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pluggy

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


def _serve(conn, modules: list[tuple[str, str]]) -> None:
    """The child: rebuild the plugin manager, then check each submission received until EOF."""
    from tcdesk.hookspecs import hookimpl  # noqa: F401 - loads the hook specifications' module
    from tcdesk.pluginmanager import get_plugin_manager
    from tcdesk.session import Session

    pm = get_plugin_manager(load_entry_points=False)
    for name, module in modules:
        if pm.get_plugin(name) is None:
            pm.register(importlib.import_module(module), name=name)
    session = Session(pm=pm)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the editor has gone (closed or killed)
        if message is None:
            return
        seq, submission = message
        session.submission = submission
        try:
            conn.send((seq, session.check(), None))
        except Exception as exc:  # noqa: BLE001 - reported to the editor, never fatal here
            conn.send((seq, None, f"{type(exc).__name__}: {exc}"))


class CheckProcess:
    """A long-lived child process that checks the newest snapshot handed to :meth:`submit`.

    :param modules: the plugins to load, from :func:`plugin_modules`.
    :param deliver: called (in a background thread) with ``(seq, findings, error)``.
    """

    def __init__(self, modules: list[tuple[str, str]], deliver: Callable[[int, Any, Any], None]) -> None:
        ctx = multiprocessing.get_context("spawn")  # no fork of a process running Qt threads
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(child, modules), name="tcdesk-check", daemon=True)
        self._process.start()
        child.close()
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
            try:
                with self._send_lock:
                    self._conn.send(message)
                result = self._conn.recv()
            except (EOFError, OSError) as exc:
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
        try:
            with self._send_lock:
                self._conn.send(None)
        except (OSError, ValueError):
            pass
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout)
        self._thread.join(timeout)
        self._conn.close()


def process_supported() -> bool:
    """Spawning a checker needs a normal interpreter (a frozen bundle would start the editor again)."""
    return not getattr(sys, "frozen", False)
