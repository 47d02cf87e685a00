"""Whether a rollback journal beside a project was left by a save of that very file.

A save cut short by a crash leaves ``name.tcdesk-journal``: the pages as they were before the save.
SQLite writes them back on the next open, which is right for the file the save was writing. But the
journal names no file: if the project was replaced meanwhile (a colleague's version brought in by a
sync client, a copy, a new project of the same name), SQLite writes the old file's pages into the new
one, and the user reads the old words where theirs were.

Page 1 of the database holds a change counter that SQLite raises by one in each write transaction,
and the journal holds page 1 as it was before the transaction began. So while the file is the one the
save was writing, its counter is the journal's or one more. A file whose counter is anything else (or
whose page size is not the journal's) is another file; the reverse does not hold, so a journal that
passes is treated as the file's own, as SQLite would. Layout: https://www.sqlite.org/fileformat.html
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

__all__ = ["is_foreign"]

_MAGIC = bytes.fromhex("d9d505f920a163d7")
_COUNTER = slice(24, 28)  # the file change counter, in page 1's 100-byte header
_MAX_RECORDS = 1 << 20  # a journal of more pages than any project has is not searched further


def is_foreign(database: Path, journal: Path) -> bool:
    """True when ``journal`` was certainly not left by a save of ``database`` as it is now.

    False when it may be the file's own, or cannot be read well enough to say (SQLite then decides).
    """
    try:
        with database.open("rb") as db:
            header = db.read(100)
        with journal.open("rb") as fh:
            head = fh.read(28)
            if len(head) < 28 or len(header) < 100 or head[:8] != _MAGIC:
                return False
            _records, _nonce, _pages, sector, page_size = struct.unpack(">IIIII", head[8:28])
            db_page_size = struct.unpack(">H", header[16:18])[0]
            db_page_size = 65536 if db_page_size == 1 else db_page_size
            if page_size not in _PAGE_SIZES or not 0 < sector <= 1 << 16:
                return False
            if page_size != db_page_size:
                return db_page_size in _PAGE_SIZES
            original = _page_one(fh, sector, page_size)
    except OSError:
        return False
    if original is None:
        return False
    before = int.from_bytes(original[_COUNTER], "big")
    now = int.from_bytes(header[_COUNTER], "big")
    return now not in (before, (before + 1) & 0xFFFFFFFF)


_PAGE_SIZES = {1 << n for n in range(9, 17)}


def _page_one(fh: BinaryIO, sector: int, page_size: int) -> bytes | None:
    """Page 1 as the journal keeps it, or None. A journal is segments, each a header (padded to a
    sector) and the records it counts; a cache spill mid-save starts a new segment."""
    segment, seen = 0, 0
    record = 4 + page_size + 4
    while seen < _MAX_RECORDS:
        fh.seek(segment)
        head = fh.read(12)
        if len(head) < 12 or head[:8] != _MAGIC:
            return None
        count = int.from_bytes(head[8:12], "big")
        if count == 0:  # nothing SQLite would write back
            return None
        if count == 0xFFFFFFFF:  # not counted (written without syncing): as many as the file holds
            count = _MAX_RECORDS
        offset = segment + sector
        for _ in range(min(count, _MAX_RECORDS - seen)):
            fh.seek(offset)
            number = fh.read(4)
            if len(number) < 4:
                return None
            if int.from_bytes(number, "big") == 1:
                page = fh.read(page_size)
                return page if len(page) == page_size else None
            offset += record
            seen += 1
        segment = -(-offset // sector) * sector  # the next segment starts on a sector boundary
    return None
