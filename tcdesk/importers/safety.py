"""Bounded reading: refuse zip bombs, encrypted or fake Office files and huge PDFs before parsing."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

from tcdesk.errors import InvalidInputError
from tcdesk.fileio import MAX_SUBMISSION_BYTES as MAX_FILE_BYTES

MAX_MEMBERS = 5_000
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200  # real Office XML compresses 5–30×; a bomb compresses thousands of times
RATIO_FLOOR = 5 * 1024 * 1024  # small members may compress well without being a threat
# Any one part: python-docx loads and parses every part of the package (headers, footers, comments …),
# and an XML tree takes 10–40× its file size in memory.
MAX_XML_PART = 64 * 1024 * 1024
MAX_PDF_PAGES = 500
TIME_BUDGET_S = 60.0

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_KIND = {".docx": "Word document (.docx)", ".xlsx": "Excel workbook (.xlsx)", ".xlsm": "Excel workbook (.xlsm)"}


def _head(path: Path, n: int = 8) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(n)
    except OSError as exc:
        raise InvalidInputError(f"cannot read: {exc.strerror}", path) from exc


def check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidInputError(f"cannot read: {exc.strerror}", path) from exc
    if size == 0:
        raise InvalidInputError("the file is empty", path)
    if size > MAX_FILE_BYTES:
        raise InvalidInputError(f"the file is too large to import ({size // 2**20} MiB; limit {MAX_FILE_BYTES // 2**20} MiB)", path)


def check_office_package(path: Path) -> None:
    """Refuse what is not a sound, reasonably sized Office Open XML package, with the reason.

    :raises InvalidInputError: encrypted (password-protected), an old binary .doc/.xls, not a
        zip at all (a renamed text file), a corrupt zip, or a zip bomb (too many members, too
        much uncompressed data, or a suspicious compression ratio).
    """
    check_size(path)
    kind = _KIND.get(path.suffix.lower(), "Office document")
    head = _head(path)
    if head.startswith(_OLE):
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InvalidInputError(f"the {kind} is password-protected: remove the password in Word or Excel and import again", path)
        raise InvalidInputError(
            f"this is an old binary Office file (.doc/.xls), not a {kind}: save it as .docx or .xlsx first", path
        )
    if not head.startswith(_ZIP):
        what = "text" if _looks_textual(path) else "an unknown format"
        raise InvalidInputError(f"not a {kind}: the file holds {what}, not a zip package", path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InvalidInputError(f"the {kind} is damaged (corrupt zip: {exc})", path) from exc
    if len(infos) > MAX_MEMBERS:
        raise InvalidInputError(f"refused: the package has {len(infos)} parts (limit {MAX_MEMBERS})", path)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_XML_PART:
            raise InvalidInputError(
                f"refused: part {info.filename!r} is {info.file_size // 2**20} MiB of XML or data "
                f"(limit {MAX_XML_PART // 2**20} MiB per part)",
                path,
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InvalidInputError(
                f"refused: part {info.filename!r} would inflate {info.file_size // max(info.compress_size, 1)}× "
                f"to {info.file_size // 2**20} MiB (a zip bomb?)",
                path,
            )
    if total > MAX_UNCOMPRESSED:
        raise InvalidInputError(
            f"refused: the package would inflate to {total // 2**20} MiB (limit {MAX_UNCOMPRESSED // 2**20} MiB)", path
        )
    names = {i.filename for i in infos}
    if path.suffix.lower() == ".docx" and "word/document.xml" not in names:
        raise InvalidInputError(f"not a {kind}: the zip has no word/document.xml", path)


def _looks_textual(path: Path) -> bool:
    with path.open("rb") as fh:
        chunk = fh.read(4096)
    return b"\x00" not in chunk and sum(32 <= b < 127 or b in (9, 10, 13) or b >= 128 for b in chunk) > 0.95 * len(chunk)


class Deadline:
    """A time budget: :meth:`check` raises once it is spent, naming the file and the stage."""

    def __init__(self, path: Path, seconds: float = TIME_BUDGET_S) -> None:
        self.path = path
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, where: str) -> None:
        if time.monotonic() > self.end:
            raise InvalidInputError(f"gave up after {self.seconds:.0f} s: the file is too complex to import", self.path, where)


def check_pdf_header(path: Path) -> None:
    check_size(path)
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise InvalidInputError("not a PDF: the file does not start with %PDF-", path)
