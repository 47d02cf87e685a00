"""Checking many files: one plain function per file, fanned out over worker processes in input order.

:func:`check_file` takes a path and plain options and returns plain, picklable data, so any batch
engine (``multiprocessing``, ``concurrent.futures``, a job queue, a cluster) can call it. It builds
the rule set once per process and keeps it, so a worker that checks thousands of files pays for
it once. :func:`check_files` is what ``tcdesk check --jobs N`` runs: ``N`` processes, results
yielded one file at a time in the order the paths were given, nothing kept once yielded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tcdesk.errors import TcdeskError
from tcdesk.model import Submission
from tcdesk.report import FileResult

__all__ = ["CheckOptions", "Outcome", "check_file", "check_files", "process_session"]


@dataclass(frozen=True)
class CheckOptions:
    """What ``tcdesk check`` is asked for besides the files: the same for every file of a batch."""

    today: date | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Outcome:
    """One file's result, or the one-line reason it could not be read (``result`` is then ``None``)."""

    path: str
    result: FileResult | None = None
    error: str | None = None


_session_of_this_process = None  # a forked worker inherits it, rule sets and all


def process_session():
    """The Session :func:`check_file` uses by default: one per process, built on first use."""
    global _session_of_this_process
    if _session_of_this_process is None:
        from tcdesk.session import Session

        _session_of_this_process = Session()
    return _session_of_this_process


def check_file(path: str | Path, options: CheckOptions = CheckOptions(), session=None) -> FileResult:
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
    submission = session.load(path)
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
    """Pool initializer: a forked worker uses the session (plugins, rule sets) its parent had loaded."""
    global _session_of_this_process
    if session is not None:
        _session_of_this_process = session


def check_files(
    paths: Iterable[str | Path], options: CheckOptions = CheckOptions(), jobs: int = 1, session=None,
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
    with context.Pool(jobs, initializer=_adopt, initargs=(session if inherit else None,)) as pool:
        yield from pool.imap(_outcome, tasks, chunksize=4)
