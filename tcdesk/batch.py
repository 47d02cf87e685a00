"""Checking many files: one plain function per file, fanned out over worker processes in input order.

:func:`check_file` takes a path and plain options and returns plain, picklable data, so any batch
engine (``multiprocessing``, ``concurrent.futures``, a job queue, a cluster) can call it. It builds
the rule set once per process and keeps it, so a worker that checks thousands of files pays for
it once. :func:`check_files` is what ``tcdesk check --jobs N`` runs: ``N`` processes, results
yielded one file at a time in the order the paths were given, nothing kept once yielded.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from tcdesk.errors import TcdeskError
from tcdesk.model import Submission
from tcdesk.report import FileResult

__all__ = ["CheckOptions", "Outcome", "check_file", "check_files", "process_session"]


class CheckOptions(NamedTuple):
    """What ``tcdesk check`` is asked for besides the files: the same for every file of a batch."""

    today: date | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = ()
    read_text: bool = False  # DOCX and PDF exported by tcdesk: check their text, not the data they carry
    allow_large: bool = False  # projects larger than the limits are read all the same (--allow-large)


class Outcome(NamedTuple):
    """One file's result, or the one-line reason it could not be read (``result`` is then ``None``)."""

    path: str
    result: FileResult | None = None
    error: str | None = None


DEFAULTS = CheckOptions()

_session_of_this_process = None  # a forked worker inherits it, rule sets and all


def process_session():
    """The Session :func:`check_file` uses by default: one per process, built on first use."""
    global _session_of_this_process
    if _session_of_this_process is None:
        from tcdesk.session import Session

        _session_of_this_process = Session()
    return _session_of_this_process


def check_file(path: str | Path, options: CheckOptions = DEFAULTS, session=None) -> FileResult:
    """Check one file (any format tcdesk reads) and return its findings.

    The result holds only the answers that findings point into (to quote their words), not the
    whole submission, so it is small to send between processes.

    :param session: the :class:`tcdesk.session.Session` whose plugins and rules to use (default: one
        per process, built on first use).
    :raises TcdeskError: when the file cannot be read or is not a valid submission, or a rule pack
        in ``options.rule_dirs`` is broken.
    :raises OSError: when the file system refuses the read.
    """
    from tcdesk.rules.engine import parse_codes
    from tcdesk.rules.finding import Section

    session = session or process_session()
    if options.read_text:
        from tcdesk.export.base import READ_TEXT

        submission = session.load(path, READ_TEXT, reuse=True, allow_large=options.allow_large)
    else:
        submission = session.load(path, reuse=True, allow_large=options.allow_large)
    rule_set = session.rule_set(options.rule_dirs)
    findings = rule_set.check(submission, options.today, parse_codes(list(options.select)), parse_codes(list(options.ignore)))
    quoted = {f.location.question for f in findings
              if f.location.section is Section.QUESTION and f.location.question and f.location.start is not None}
    slim = Submission(answers={q: submission.answer(q) for q in sorted(quoted)})
    return FileResult(str(path), tuple(findings), slim)


def _outcome(task: tuple[str, CheckOptions], session=None) -> Outcome:
    path, options = task
    try:
        return Outcome(path, check_file(path, options, session))
    except TcdeskError as exc:
        return Outcome(path, error=str(exc))
    except OSError as exc:
        return Outcome(path, error=f"{path}: {exc.strerror or exc}")


def _adopt(session) -> None:
    """Pool initializer: a forked worker uses the session (plugins, rule sets) its parent had loaded,
    and ends the PDF text reader it may start before it exits itself (a worker leaves through
    ``os._exit``, which runs multiprocessing's finalizers but not ``atexit``)."""
    from multiprocessing import util

    global _session_of_this_process
    if session is not None:
        _session_of_this_process = session
    util.Finalize(None, _close_pdf_reader, exitpriority=0)


def _close_pdf_reader() -> None:
    reader = sys.modules.get("tcdesk.importers.pdf_text")
    if reader is not None:
        reader.close_reader()


def check_files(
    paths: Iterable[str | Path], options: CheckOptions = DEFAULTS, jobs: int = 1, session=None,
) -> Iterator[Outcome]:
    """Check every path, in ``jobs`` processes when ``jobs > 1``; outcomes come in the order of ``paths``.

    Workers are forked where the platform allows it (they start with ``session``'s plugins and
    rule set, loaded once here) and spawned elsewhere (each builds its own once). Each worker takes
    a few files at a time, and each outcome is handed on as soon as every earlier one has been.

    :param session: the Session to check with (default: :func:`process_session`).
    """
    session = session or process_session()
    tasks = ((str(p), options) for p in paths)
    if jobs <= 1:
        yield from (_outcome(task, session) for task in tasks)
        return
    import multiprocessing  # only here: a serial check does not pay for importing it

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    inherit = context.get_start_method() == "fork"
    if inherit:
        session.rule_set(options.rule_dirs)  # built once here, inherited by every worker
    yield from _in_workers(tasks, jobs, context, session if inherit else None)


#: Files handed to the workers ahead of the one whose outcome is awaited, per worker: enough to keep
#: every worker busy, few enough that memory stays flat however many files there are.
AHEAD = 4

CRASHED = ("the process checking this file stopped (a library reading it crashed, or the system "
           "ended it for want of memory); the other files were checked")


def _in_workers(tasks: Iterator[tuple[str, CheckOptions]], jobs: int, context: Any, session: Any) -> Iterator[Outcome]:
    """Outcomes in task order from ``jobs`` worker processes.

    A worker that dies (a C library crashing on a hostile file, the kernel's out-of-memory killer)
    breaks its pool: every file that pool had not finished is then checked again alone, in a pool
    of its own, so that only the file that kills its process is reported, and a fresh pool goes on
    with the rest. (``multiprocessing.Pool`` would wait for the lost file for ever.)
    """
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def new_pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_adopt, initargs=(session,))

    def alone(task: tuple[str, CheckOptions]) -> Outcome:
        with new_pool(1) as single:
            try:
                return single.submit(_outcome, task).result()
            except BrokenProcessPool:
                return Outcome(task[0], error=f"{task[0]}: {CRASHED}")

    def finished(future: Future[Outcome] | None) -> bool:
        return future is not None and future.done() and not future.cancelled() and future.exception() is None

    pending: deque[tuple[tuple[str, CheckOptions], Future[Outcome] | None]] = deque()  # None: never handed over
    pool = new_pool(jobs)
    try:
        while True:
            while len(pending) < jobs * AHEAD and (task := next(tasks, None)) is not None:
                try:
                    pending.append((task, pool.submit(_outcome, task)))
                except BrokenProcessPool:
                    pending.append((task, None))
            if not pending:
                return
            task, future = pending[0]
            try:
                if future is None:
                    raise BrokenProcessPool(task[0])
                outcome = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                for task, future in pending:
                    yield future.result() if future is not None and finished(future) else alone(task)
                pending.clear()
                pool = new_pool(jobs)
                continue
            pending.popleft()
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
