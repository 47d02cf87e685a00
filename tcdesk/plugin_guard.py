"""Importers and exporters from installed plugins, called so that their failures stay one line.

A plugin is foreign code: it may raise anything, loop for ever, hand back something that is not a
submission, change the submission it was given to export, or leave half a file behind. The
built-in importers and exporters are held to bounded time and memory by their own tests (the fuzz
suite); a plugin's are not, so every call to one goes through here:

- whatever it raises becomes one :class:`~tcdesk.errors.TcdeskError` line naming the file and the plugin;
- it runs in a worker thread and is given up after ``TCDESK_PLUGIN_TIMEOUT`` seconds;
- what an importer returns is checked as an interchange file would be (schema and size limits),
  so nothing malformed reaches the editor, the rules or a project file;
- an exporter gets a copy of the submission, and writes into a private folder beside the target;
  only a complete file is moved into place, so a failure leaves the old file as it was.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tcdesk.errors import ExportError, InvalidInputError, TcdeskError
from tcdesk.fileio import write_through

if TYPE_CHECKING:
    from tcdesk.export.base import Exporter, Importer, ImportResult
    from tcdesk.model import Submission

__all__ = ["TIMEOUT_VARIABLE", "export", "is_builtin", "load"]

TIMEOUT_VARIABLE = "TCDESK_PLUGIN_TIMEOUT"
DEFAULT_TIMEOUT = 300.0  # seconds; the built-ins' own budgets for hostile files are far below this

T = TypeVar("T")


def is_builtin(plugin_object: object) -> bool:
    """True for tcdesk's own importers and exporters, which are bounded by their own tests."""
    return type(plugin_object).__module__.split(".")[0] == "tcdesk"


def load(importer: Importer, path: Path, options: Mapping[str, str] | None) -> ImportResult:
    """``importer.load(path, options)``; a plugin's result is checked before anyone sees it."""
    what = f"the {_name(importer)} importer"
    if is_builtin(importer):
        return _one_line(lambda: importer.load(path, options), what, path, InvalidInputError)
    result = _bounded(lambda: importer.load(path, options), what, path, InvalidInputError)
    return _checked(result, what, path)


def export(exporter: Exporter, submission: Submission, target: Path) -> None:
    """``exporter.export(submission, target)``, atomic and unable to change ``submission``."""
    what = f"the {_name(exporter)} exporter"
    if is_builtin(exporter):
        _one_line(lambda: exporter.export(submission, target), what, target, ExportError)
        return
    private = copy.deepcopy(submission)  # what the plugin does to its copy never reaches the user's
    real = write_through(target)
    try:
        folder = Path(tempfile.mkdtemp(prefix=".tcdesk-export-", dir=real.parent))
    except OSError as exc:
        raise ExportError(f"cannot write in this folder ({exc.strerror or exc})", target.parent) from exc
    try:
        written = folder / target.name
        _bounded(lambda: exporter.export(private, written), what, target, ExportError)
        if not written.is_file():
            raise ExportError(f"{what} wrote no file", target)
        os.replace(written, real)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _name(plugin_object: object) -> str:
    name = getattr(plugin_object, "name", None)
    return repr(name) if isinstance(name, str) else type(plugin_object).__name__


def _one_line(call: Callable[[], T], what: str, path: Path, error: type[TcdeskError]) -> T:
    try:
        return call()
    except TcdeskError:
        raise
    except Exception as exc:  # an unexpected failure is still one line, never a traceback
        raise error(f"{what} failed ({type(exc).__name__}: {exc})", path) from exc


def _bounded(call: Callable[[], T], what: str, path: Path, error: type[TcdeskError]) -> T:
    """``call()`` in a worker thread, given up after the timeout (Python cannot stop the thread; it
    is a daemon, so it neither holds the process open nor its result anyone's attention)."""
    outcome: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            outcome.append((True, call()))
        except BaseException as exc:  # noqa: BLE001 - reported in the caller's thread below
            outcome.append((False, exc))

    worker = threading.Thread(target=run, name=f"tcdesk {what}", daemon=True)
    worker.start()
    timeout = _timeout()
    worker.join(timeout)
    if not outcome:
        raise error(f"{what} took longer than {timeout:g} s and was stopped", path)
    ok, value = outcome[0]
    if ok:
        return value  # type: ignore[return-value]
    assert isinstance(value, BaseException)
    if isinstance(value, TcdeskError):
        raise value
    if not isinstance(value, Exception):  # SystemExit, KeyboardInterrupt from foreign code
        raise error(f"{what} tried to stop tcdesk ({type(value).__name__})", path)
    raise error(f"{what} failed ({type(value).__name__}: {value})", path) from value


def _timeout() -> float:
    try:
        value = float(os.environ.get(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def _checked(result: object, what: str, path: Path) -> ImportResult:
    """A plugin's import result, its submission rebuilt from checked interchange data."""
    from tcdesk import interchange
    from tcdesk.export.base import ImportReport, ImportResult
    from tcdesk.importers.safety import MAX_FILE_BYTES
    from tcdesk.model import Submission

    if not isinstance(result, ImportResult) or not isinstance(result.submission, Submission):
        raise InvalidInputError(f"{what} returned {type(result).__name__}, not an import result", path)
    if not isinstance(result.report, ImportReport):
        raise InvalidInputError(f"{what} returned no import report", path)
    try:
        text = interchange.dumps(result.submission)
    except Exception as exc:  # wrong types anywhere in the plugin's objects
        raise InvalidInputError(
            f"{what} returned a submission that cannot be stored ({type(exc).__name__}: {exc})", path
        ) from exc
    if len(text) > MAX_FILE_BYTES:
        raise InvalidInputError(
            f"{what} returned {len(text) // 2**20:,} MiB of submission (limit {MAX_FILE_BYTES // 2**20} MiB)", path
        )
    try:
        submission = interchange.loads(text, path)
    except InvalidInputError as exc:
        raise InvalidInputError(
            f"{what} returned a submission that is not valid: {exc.message}", path, exc.where
        ) from exc
    return ImportResult(submission, result.report)
