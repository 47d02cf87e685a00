"""Documents a check read from their text, kept for the next check of the same bytes.

A reviewer checks the same submissions again and again: after editing a rule pack, with
``--select``, as one more arrives. Reading a 60-page PDF's text costs a quarter of a second of
CPU, three quarters of it in PDFium, and a Word file's text a tenth; reading the same submission
back from JSON costs a few milliseconds. So a check keeps what a built-in importer read, as
interchange JSON in the per-user cache folder (:mod:`tcdesk.parse_cache`), keyed by the SHA-256
of the file's bytes, the importer, its options and the version of tcdesk's own code. An edited
file, another tcdesk or other options simply have another key; an entry is read back through the
interchange format's validation like any untrusted file, and one that does not hold up is ignored.

Kept are the readings of tcdesk's own importers (a plugin's may depend on more than the file),
except where a file was read exactly from the data tcdesk stored in it when it exported it: that is
as quick as reading an entry back. At most :data:`MAX_ENTRIES` are kept; the oldest go first.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tcdesk import interchange
from tcdesk.importers.carried import READ_EXACTLY
from tcdesk.parse_cache import StaleEntryError, cache_dir, cached_parse, sha256

if TYPE_CHECKING:
    from tcdesk.export.base import Importer, ImportResult
    from tcdesk.model import Submission

__all__ = ["MAX_ENTRIES", "cached_import", "code_version"]

#: Entries kept (a Kent-size submission's is ~100 KB); past this the oldest quarter is removed.
MAX_ENTRIES = 2000
#: Documents larger than this are read every time (the importers refuse most of them anyway).
MAX_DOCUMENT_BYTES = 64 << 20


def cached_import(importer: Importer, path: Path, options: Mapping[str, str] | None,
                  read: Callable[[], ImportResult]) -> Submission:
    """What ``read()`` reads, or the submission an earlier check read from the same bytes the same way.

    :param read: reads the file afresh (:meth:`tcdesk.session.Session.import_file`).
    """
    exact = {"yes": False}

    def parse(_path: Path) -> Submission:
        result = read()
        exact["yes"] = READ_EXACTLY in result.report.notes
        return result.submission

    def encode(submission: Submission) -> dict[str, Any]:
        if exact["yes"]:
            raise ValueError("read from the data the file carries: as quick as reading it back")
        return interchange.to_dict(submission)

    kind = "\0".join(("tcdesk-import", importer.name, code_version(),
                      json.dumps(sorted((options or {}).items()))))
    return cached_parse(path, parse, kind, encode, _decode, max_bytes=MAX_DOCUMENT_BYTES,
                        folder=cache_dir() / "imports", after_write=_keep_bounded)


def _decode(data: Any) -> Submission:
    try:
        return interchange.from_dict(data)
    except Exception as exc:  # any problem with an entry means: read the file again
        raise StaleEntryError(str(exc)) from exc


@lru_cache(maxsize=1)
def code_version() -> str:
    """tcdesk's version and a signature of its source files (names, sizes, times), so that a
    changed importer never reads back what an older one read; a bundle without sources has its
    version alone."""
    import tcdesk

    root = Path(tcdesk.__file__).parent
    parts = [tcdesk.__version__]
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(f for f in files if f.endswith(".py")):
            with contextlib.suppress(OSError):
                status = os.stat(os.path.join(folder, name))
                parts.append(f"{os.path.relpath(os.path.join(folder, name), root)}:{status.st_size}:{status.st_mtime_ns}")
    return sha256("\n".join(parts).encode()).hexdigest()[:16]


def _keep_bounded(folder: Path) -> None:
    """Remove the oldest quarter of the entries once there are more than :data:`MAX_ENTRIES`."""
    try:
        entries = [e for e in os.scandir(folder) if e.name.endswith(".json")]
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda e: e.stat().st_mtime_ns)
        for old in entries[: len(entries) - MAX_ENTRIES * 3 // 4]:
            with contextlib.suppress(OSError):
                os.unlink(old.path)
    except OSError:
        return  # an unreadable cache folder only costs speed
