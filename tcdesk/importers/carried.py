"""The submission data tcdesk carries inside its own DOCX and PDF exports, read back when the file
is still as tcdesk wrote it (see :mod:`tcdesk.export.embed`).

Everything here is untrusted input: a file can claim to be tcdesk's and carry anything. The data
goes through the interchange format's own validation, page contents and payloads are decoded
within fixed bounds, and whatever does not hold up only means the file is read from its text,
with the reason in the import report.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tcdesk import interchange
from tcdesk.errors import InvalidInputError
from tcdesk.export import embed
from tcdesk.export.base import ImportReport, ImportResult
from tcdesk.importers.safety import MAX_FILE_BYTES, MAX_PDF_PAGES
from tcdesk.model import Submission

READ_EXACTLY = "read exactly from the data tcdesk stored in the file when it exported it (its content is unchanged since)"
CHANGED = "the file was changed after tcdesk exported it, so it was read from its text"


@dataclass(frozen=True)
class Carried:
    """What a file carries: the submission, or why it cannot be used (``submission`` is then ``None``)."""

    submission: Submission | None
    why_not: str = ""


def import_with(carried: Carried | None, path: Path, read_text: Callable[[], ImportResult]) -> ImportResult:
    """The carried submission when it can be used, else ``read_text()`` with the reason it could not."""
    if carried is not None and carried.submission is not None:
        return ImportResult(carried.submission, ImportReport.of_whole(carried.submission, path, [READ_EXACTLY]))
    result = read_text()
    if carried is not None:
        result.report.warnings.append(carried.why_not)
    return result


def from_docx(path: Path) -> Carried | None:
    """The data carried in a DOCX tcdesk exported; ``None`` when it carries none.

    The caller has checked the package with :func:`tcdesk.importers.safety.check_office_package`.
    """
    own = embed.PART_NAME.lstrip("/")
    try:
        with zipfile.ZipFile(path) as zf:
            names = [i.filename for i in zf.infolist() if not i.is_dir()]
            if own not in names:
                return None
            if len(set(names)) != len(names):  # a member twice: not a package tcdesk wrote
                return Carried(None, CHANGED)
            return _use(zf.read(own), path, lambda: embed.package_fingerprint(names, zf.read), None)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        return Carried(None, f"the data tcdesk stored in the file cannot be read ({exc}), so it was read from its text")


def from_pdf(path: Path) -> Carried | None:
    """The data carried in a PDF tcdesk exported; ``None`` when it carries none.

    The caller has checked the file with :func:`tcdesk.importers.safety.check_pdf_header`.
    """
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, pikepdf.PasswordError, OSError, ValueError):
        return None  # the text reader says what is wrong with it
    with pdf:
        try:
            spec = pdf.attachments.get(embed.ATTACHMENT_NAME)
            if spec is None:
                return None
            stream = spec.get_file().obj
            if not isinstance(stream, pikepdf.Stream):
                return Carried(None, "tcdesk's data in the file is damaged, so it was read from its text")
            blob = embed.decoded(stream, MAX_FILE_BYTES)
        except (embed.NotDrawnByTcdeskError, pikepdf.PdfError, ValueError, KeyError, TypeError, AttributeError,
                RuntimeError) as exc:
            return Carried(None, f"tcdesk's data in the file cannot be read ({exc}), so it was read from its text")

        def fingerprint(pages: int) -> str:
            return embed.pdf_fingerprint(pdf, pages)

        return _use(blob, path, None, fingerprint, pages_in_file=len(pdf.pages))


def _use(blob: bytes, path: Path, package_fingerprint, pdf_fingerprint, pages_in_file: int = 0) -> Carried:
    """The carried submission if ``blob`` is a payload whose fingerprint matches the file now."""
    try:
        text = blob.decode("utf-8")
        data: Any = interchange.parse_json(text, path, decoded=True)
    except UnicodeDecodeError:
        return Carried(None, "tcdesk's data in the file is not UTF-8 text, so it was read from its text")
    except InvalidInputError as exc:
        return Carried(None, f"tcdesk's data in the file is damaged ({exc.message}), so it was read from its text")
    if not isinstance(data, dict) or data.get("format") != embed.FORMAT:
        return Carried(None, "the file carries data tcdesk does not know, so it was read from its text")
    if data.get("version") != embed.VERSION:
        return Carried(None, f"the file carries tcdesk data of version {data.get('version')!r}, which this tcdesk "
                             "does not read, so it was read from its text")
    stored, submission = data.get("fingerprint"), data.get("submission")
    if not isinstance(stored, str) or not isinstance(submission, str):
        return Carried(None, "tcdesk's data in the file is damaged, so it was read from its text")
    try:
        if pdf_fingerprint is not None:
            pages = data.get("pages")
            if type(pages) is not int or not 0 < pages <= min(pages_in_file, MAX_PDF_PAGES):
                return Carried(None, CHANGED)
            drawn = pdf_fingerprint(pages)
        else:
            drawn = package_fingerprint()
    except embed.NotDrawnByTcdeskError:
        return Carried(None, CHANGED)
    if embed.fingerprint(drawn, submission) != stored:
        return Carried(None, CHANGED)
    try:
        return Carried(interchange.loads(submission, path))
    except InvalidInputError as exc:
        where = f" at {exc.where}" if exc.where else ""
        return Carried(None, f"tcdesk's data in the file is damaged ({exc.message}{where}), so it was read from its text")
