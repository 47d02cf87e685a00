"""Atomic export writing: the whole file is built in memory, then swapped in with one rename."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from tcdesk.errors import ExportError, TcdeskError
from tcdesk.fileio import atomic_write_bytes
from tcdesk.model import Submission


def write_export(path: Path, render: Callable[[], bytes]) -> None:
    """Write what ``render`` returns to ``path``; on any failure the old file stays as it was.

    :raises ExportError: naming ``path`` when rendering or writing fails.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError("the folder does not exist", path.parent)
    try:
        payload = render()
    except TcdeskError as exc:
        raise ExportError(exc.message, exc.path or path, exc.where) from exc
    except Exception as exc:
        raise ExportError(f"could not build the export ({type(exc).__name__}: {exc})", path) from exc
    _replace(path, payload)


def _replace(path: Path, payload: bytes) -> None:
    try:
        atomic_write_bytes(path, payload)
    except TcdeskError as exc:
        raise ExportError(exc.message, path) from exc


class RenderedExporter:
    """An exporter whose ``renderer`` module has ``render(submission) -> bytes``.

    The module is imported on first export, so heavy layout libraries (reportlab, python-docx)
    never load for ``tcdesk check`` or while the editor starts.
    """

    name: str
    label: str
    suffix: str
    renderer: str

    def export(self, submission: Submission, path: Path) -> None:
        render = importlib.import_module(self.renderer).render
        write_export(path, lambda: render(submission))
