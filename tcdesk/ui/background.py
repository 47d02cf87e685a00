"""Background work for the editor: rechecking and autosaving snapshots off the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QRunnable, QThread, QThreadPool, QTimer, Signal

from tcdesk.session import Session
from tcdesk.ui.document import DocumentController

if TYPE_CHECKING:
    from tcdesk.check_process import CheckProcess
    from tcdesk.rules.finding import Finding

__all__ = ["Autosaver", "Checker"]

log = logging.getLogger("tcdesk")

CHECK_DELAY_MS = 300
SAVE_DELAY_MS = 500


class _Relay(QObject):
    """Carries a worker's result back to the UI thread (queued because it lives there)."""

    done = Signal(int, object, object)  # sequence, result, error message


class _Job(QRunnable):
    def __init__(self, seq: int, func: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._seq, self._func, self._relay = seq, func, relay

    def run(self) -> None:
        try:
            result, error = self._func(), None
        except Exception as exc:  # reported in the UI, never lost silently
            log.exception("background job failed")
            result, error = None, str(exc) or type(exc).__name__
        self._relay.done.emit(self._seq, result, error)


class _SerialWorker(QObject):
    """Runs jobs one at a time on a private thread, in the order given."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._seq = 0

    @property
    def relay(self) -> _Relay:
        return self._relay

    def submit(self, func: Callable[[], Any], seq: int | None = None) -> int:
        """Queue ``func``; its result arrives on ``relay.done`` with ``seq`` (default: a counter)."""
        self._seq = self._seq + 1 if seq is None else seq
        self._pool.start(_Job(self._seq, func, self._relay))
        return self._seq

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)


class Checker(QObject):
    """Rechecks the submission ~300 ms after the last change, on a snapshot, away from the UI thread.

    The rules run in a child process (:mod:`tcdesk.check_process`) when every plugin can be
    loaded there, else in a worker thread. Only the newest result is published, so a slow check
    never overwrites a fresher one.
    """

    findings_changed = Signal(list)

    def __init__(self, controller: DocumentController, parent: QObject | None = None, *, use_process: bool = True) -> None:
        super().__init__(parent)
        self._controller = controller
        # A session of its own: rules stay loaded between checks and the open one is never touched.
        self._session = Session(pm=controller.session.pm)
        #: Whose loaded rules the window shares (documentation, word minimums) instead of loading twice.
        self.rules_session = self._session
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._worker: _SerialWorker | None = None
        self._process: CheckProcess | None = None
        # The child starts with the first check, after the window has shown the file: starting a
        # second interpreter meanwhile would take a core from the editor's own start.
        self._process_wanted = use_process  # until the child is started (or found unsupported)

        self._seq = 0
        self._latest_shown = 0
        self.findings: list = []
        self.last_error: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        self._reset_pending = False
        controller.changed.connect(self._on_changed)
        controller.reset.connect(self._on_reset)

    @property
    def in_process(self) -> bool:
        """Checks run in the child process (started by the first check, or by asking this)."""
        self._start_process()
        return self._process is not None and self._process.failed is None

    def _start_process(self) -> None:
        if not self._process_wanted:
            return
        self._process_wanted = False
        from tcdesk.check_process import CheckProcess, plugin_modules

        modules = plugin_modules(self._controller.session.pm)
        if modules is not None:
            self._process = CheckProcess(modules, self._relay.done.emit)

    def _on_changed(self, _prefix: tuple) -> None:
        self._timer.start()  # restarts: wait for a pause in typing

    def _on_reset(self) -> None:
        # A new document: check it as soon as the window has shown it, not before. Taking the
        # snapshot and handing it over would otherwise hold up the first paint of a large plan.
        self._reset_pending = True
        QTimer.singleShot(0, self, self._check_reset)

    def _check_reset(self) -> None:
        if self._reset_pending:
            self.check_now()

    def check_now(self) -> None:
        self._timer.stop()
        self._reset_pending = False
        snap = self._controller.snapshot()
        if self.in_process:  # one child: if it dies, checks carry on in a thread
            self._seq += 1
            self._process.submit(self._seq, snap)  # type: ignore[union-attr]
            return
        if self._process is not None:  # the child process died: carry on in a thread
            self._process.close(0.1)
            self._process = None
        if self._worker is None:  # no child process, or it died: check in a thread
            self._worker = _SerialWorker(self)
            self._worker.relay.done.connect(self._on_done)
        session = self._session

        def run() -> list:
            session.submission = snap
            return session.check()

        self._seq += 1
        self._worker.submit(run, self._seq)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until queued checks finished and their results are published (tests, benchmarks)."""
        if self._reset_pending:
            self.check_now()
        timer = QElapsedTimer()
        timer.start()
        while timer.elapsed() < msecs:
            busy = (self._process is not None and not self._process.idle()) or (
                self._worker is not None and not self._worker.wait(10)
            )
            QCoreApplication.processEvents()
            if not busy and self._latest_shown >= self._seq:
                return True
            if busy:
                QThread.msleep(2)
        return False

    def close(self) -> None:
        """Stop background checking (the window is closing)."""
        self._timer.stop()
        self._reset_pending = False
        if self._process is not None:
            self._process.close()
        if self._worker is not None:
            self._worker.wait()

    def _on_done(self, seq: int, result: object, error: object) -> None:
        if seq <= self._latest_shown:
            return
        self._latest_shown = seq
        self.last_error = error  # type: ignore[assignment]
        if error is None:
            self.findings = list(cast("list[Finding]", result))
            self.findings_changed.emit(self.findings)
        elif self._process is not None and self._process.failed:
            self.check_now()  # the child died; the thread takes over


class Autosaver(QObject):
    """Saves a snapshot into the project file at most ~0.5 s after any change, in a worker thread.

    The delay counts from the first unsaved change, not the last, so continuous typing is still
    saved twice a second and a crash loses well under a second of work.
    """

    state_changed = Signal(str)  # "saved", "saving", "error"

    def __init__(self, controller: DocumentController, store: Any, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.store = store
        self.path = path
        self._worker = _SerialWorker(self)
        self._worker.relay.done.connect(self._on_done)
        self._saved_revision = controller.revision
        self._pending_revision = controller.revision
        self.state = "saved"
        self.error: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        controller.changed.connect(self._on_changed)
        controller.reset.connect(self._on_changed)

    def is_saved(self) -> bool:
        return self._saved_revision == self._controller.revision

    def _on_changed(self, *_args: object) -> None:
        self._set_state("saving")
        if not self._timer.isActive():
            self._timer.start()

    def save_now(self) -> None:
        self._timer.stop()
        revision = self._controller.revision
        if revision == self._pending_revision and revision == self._saved_revision:
            return
        snap, store = self._controller.snapshot(), self.store
        self._pending_revision = revision

        def run() -> int:
            store.save(snap)
            return revision

        self._worker.submit(run)

    def pause(self) -> None:
        """Let a save under way finish and hold the next one until :meth:`save_now` or :meth:`flush`."""
        self._timer.stop()
        self._worker.wait()

    def flush(self) -> None:
        """Write everything now and wait for it (closing, Save As); raises when the file cannot be written."""
        self._timer.stop()
        self._worker.wait()
        revision = self._controller.revision
        if revision != self._saved_revision or self.error is not None:
            self.store.save(self._controller.snapshot())
            self._saved_revision = self._pending_revision = revision
            self.error = None
        self._set_state("saved")

    def close(self) -> None:
        self.flush()
        self._controller.changed.disconnect(self._on_changed)
        self._controller.reset.disconnect(self._on_changed)
        self.store.close()

    def _on_done(self, seq: int, result: object, error: object) -> None:
        if error is not None:
            self.error = f"Could not save {self.path.name}: {error}"
            self._set_state("error")
            return
        self.error = None
        self._saved_revision = max(self._saved_revision, cast(int, result))
        self._set_state("saved" if self.is_saved() else "saving")

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
