"""Parsed files kept as JSON in the per-user cache folder, keyed by the SHA-256 of each file's bytes.

Importing PyYAML and parsing the rule packs and form data costs a command-line check ~40 ms every
time; reading back the same values from JSON costs ~1 ms. Documents a check reads from their text
are kept the same way (:mod:`tcdesk.import_cache`). The cache is content-addressed, so an
edited file simply has a new key, and it holds plain JSON with a version field, never pickled
objects: a corrupt, stale or hostile cache file is read like any untrusted input (bounded, every
shape checked) and then ignored, and the file is parsed again as if nothing were cached.
Only files that parsed cleanly are stored; a problem is reported by the parser every time.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

try:  # CPython's own SHA-256 (3.11): hashlib would load OpenSSL, ~2 % of a whole check, for one digest
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # other versions and interpreters: the same digest from hashlib
    from hashlib import sha256

__all__ = ["VERSION", "cache_dir", "cached_parse"]

VERSION = 1  # bump when the meaning of an entry changes; older entries are then ignored
MAX_SOURCE_BYTES = 1 << 20  # larger files are parsed every time (the parsers refuse them anyway)
MAX_ENTRY_BYTES = 16 << 20  # a cache file larger than this is not ours
DISABLE_VARIABLE = "TCDESK_NO_CACHE"

T = TypeVar("T")


class StaleEntryError(ValueError):
    """A cache entry that cannot be used: wrong version, wrong key or an unexpected shape."""


def cache_dir() -> Path:
    """Where parsed files are kept: ``TCDESK_CACHE_DIR`` or the platform's per-user cache folder."""
    from tcdesk.paths import user_cache_dir

    return user_cache_dir() / "parsed"


def cached_parse(
    path: Path,
    parse: Callable[[Path], T],
    kind: str,
    encode: Callable[[T], Any] = lambda value: value,
    decode: Callable[[Any], T] = lambda data: data,
    *,
    max_bytes: int = MAX_SOURCE_BYTES,
    folder: Path | None = None,
    after_write: Callable[[Path], None] | None = None,
) -> T:
    """``parse(path)``, or the same value read back from the cache when the file's bytes are unchanged.

    :param kind: names the parser and its output form; part of the key, so two parsers of one
        file never share an entry.
    :param encode: turns the parsed value into plain JSON data; raising ``TypeError`` or
        ``ValueError`` means "do not cache this one".
    :param decode: the inverse; it must raise ``StaleEntryError`` (or ``ValueError``, ``TypeError``,
        ``KeyError``) for any data it did not write.
    :param max_bytes: larger files are parsed every time.
    :param folder: where the entries go (default :func:`cache_dir`).
    :param after_write: called with the folder after a new entry is written (to keep it bounded).
    """
    path = Path(path)
    if os.environ.get(DISABLE_VARIABLE):
        return parse(path)
    try:
        status = path.stat()
        if status.st_size > max_bytes or not stat.S_ISREG(status.st_mode):
            return parse(path)  # the parser refuses it in its own words (a pipe would never end)
        digest = _digest(path, f"{kind}\0{VERSION}\0".encode(), max_bytes)
    except OSError:
        return parse(path)  # the parser reports an unreadable file in its own words
    if digest is None:  # grew past the bound while being read
        return parse(path)
    entry = (folder or cache_dir()) / f"{digest}.json"
    found = _read_entry(entry, digest, kind, decode)
    if found is not None:
        return found[0]
    value = parse(path)
    try:
        if _digest(path, f"{kind}\0{VERSION}\0".encode(), max_bytes) != digest:
            return value  # the file changed while it was parsed: which bytes this value is of is not known
    except OSError:
        return value
    with contextlib.suppress(TypeError, ValueError, RecursionError):
        if _write_entry(entry, {"version": VERSION, "kind": kind, "key": digest, "data": encode(value)}) and after_write:
            after_write(entry.parent)
    return value


def _digest(path: Path, prefix: bytes, max_bytes: int) -> str | None:
    """SHA-256 of ``prefix`` and the file's bytes, read a block at a time; ``None`` past ``max_bytes``."""
    h = sha256(prefix)
    seen = 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            seen += len(block)
            if seen > max_bytes:
                return None
            h.update(block)
    return h.hexdigest()


def _read_entry(entry: Path, digest: str, kind: str, decode: Callable[[Any], T]) -> tuple[T] | None:
    try:
        with entry.open("rb") as fh:
            raw = fh.read(MAX_ENTRY_BYTES + 1)
        if len(raw) > MAX_ENTRY_BYTES:
            return None
        doc = json.loads(raw)
        if not isinstance(doc, dict) or doc.get("version") != VERSION or doc.get("kind") != kind or doc.get("key") != digest:
            return None
        return (decode(doc["data"]),)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None


def _write_entry(entry: Path, doc: dict) -> bool:
    """Write by renaming a finished temporary file, so readers never see half an entry; False when
    the folder cannot be written.

    No fsync: after a crash an entry may be lost or truncated, and a truncated one is ignored.
    """
    import tempfile

    payload = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(payload) > MAX_ENTRY_BYTES:
        return False  # it would never be read back
    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".part", dir=entry.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, entry)
        return True
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False  # a read-only or full cache folder only costs speed
