"""A PDF's positioned text, read by PDFium in a child process bounded in time and memory.

PDFium (through pypdfium2) parses the pages and decodes their text in C. It is fast, but it is C
code run on a file from anyone: a page whose content stream inflates to gigabytes (a megabyte of
compressed data is enough) kept a check busy for minutes and took gigabytes of memory, and a
crash would end the editor. So the reading runs in a child process (``python -m
tcdesk.importers.pdf_text``, one request a line on its standard input) that limits its own address
space where the system can (not on Windows), is watched by this process, which stops it once its
resident memory passes the same limit (everywhere), and is stopped at the import's time budget; its
answer comes back as a line of JSON, which a child misled by the file cannot turn into code in this
process. Only text-based reading gets here: tcdesk's own PDFs are read from the
data they carry.
"""

from __future__ import annotations

import atexit
import base64
import codecs
import contextlib
import ctypes
import json
import math
import os
import queue
import re
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tcdesk.errors import InvalidInputError
from tcdesk.importers.safety import MAX_PDF_PAGES, Deadline
from tcdesk.paths import module_command

MARGIN_BAND = 45.0  # running headers and footers ("Page 3 of 24") live in this band
# How long past the import's time budget the child may take to give up by itself before it is killed
# (it checks the budget between pages and every 1,024 objects; a hang inside PDFium checks nothing).
GRACE_S = 5.0
# The child's address space, and its resident memory as this process watches it: reading a 500-page
# PDF's text takes well under 100 MiB.
MAX_MEMORY = 1024 * 1024 * 1024
# How often this process looks at the child's memory while it reads.
WATCH_S = 0.05
# The fragments of every page, as JSON: a Kent-size 68-page PDF's are ~0.5 MiB.
MAX_ANSWER = 64 * 1024 * 1024
_BULLETS = ("•", "◦", "▪", "-", "–", "·", "\uf0b7", "\uf0a7")
_NUMBER_MARKER = re.compile(r"\d{1,3}[.)]")


@dataclass(slots=True)
class Fragment:
    x: float
    y: float
    size: float
    bold: bool
    italic: bool
    text: str


def is_bullet(text: str) -> bool:
    return text in _BULLETS or bool(_NUMBER_MARKER.fullmatch(text))


def read_pdf_text(path: Path, deadline: Deadline) -> list[list[Fragment]]:
    """Positioned text fragments of every page, read in a bounded child process.

    The caller has checked the file with :func:`tcdesk.importers.safety.check_pdf_header`.

    :raises InvalidInputError: damaged, password-protected, too many pages, too slow, too much
        memory, or PDFium stopped on it.
    """
    with _READER_LOCK:
        answer = _reader().read(path, deadline)
    if "error" in answer:
        raise InvalidInputError(str(answer["error"]), path, answer.get("where") or None)
    return answer["pages"]


class _Child:
    """One reading process, kept for the next file (a reviewer's batch reads hundreds) until a
    file stops it; the process ends by itself when this one closes its end of the pipe."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            module_command(__name__),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.answers: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        threading.Thread(target=self._listen, name="tcdesk-pdf-text", daemon=True).start()

    def _listen(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout:
            while (line := self.process.stdout.readline(MAX_ANSWER + 2)).endswith(b"\n"):
                self.answers.put(line)
        self.answers.put(b"")  # the process has ended, or said more than it may

    def read(self, path: Path, deadline: Deadline) -> dict:
        budget = max(deadline.end - time.monotonic(), 0.0)
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps({"path": str(path), "seconds": budget}).encode() + b"\n")
            self.process.stdin.flush()
            line = self._answer(budget + GRACE_S)
        except MemoryError:
            self.stop()
            raise InvalidInputError(
                f"PDFium stopped reading this PDF: reading it needs more than {MAX_MEMORY // 2**20} MiB of memory", path
            ) from None
        except queue.Empty:
            self.stop()
            raise InvalidInputError(
                f"gave up after {deadline.seconds:.0f} s: the file is too complex to import", path, "reading its text"
            ) from None
        except OSError:
            line = b""
        try:
            answer = json.loads(line) if line else None
            if isinstance(answer, dict) and "pages" in answer:
                answer["pages"] = [_unpack(page) for page in answer["pages"]]
        except (KeyError, TypeError, ValueError):  # not what this module's child writes
            answer = None
        if not isinstance(answer, dict) or not ("pages" in answer or "error" in answer):
            self.stop()
            raise InvalidInputError(_stopped(self.process.returncode), path)
        return answer

    def _answer(self, seconds: float) -> bytes:
        """The child's next line, waiting at most ``seconds``; MemoryError once its resident memory
        passes :data:`MAX_MEMORY` (where the system does not limit its address space, the only bound)."""
        import psutil  # here: only a PDF read from its text pays for it

        end = time.monotonic() + seconds
        try:
            watched = psutil.Process(self.process.pid)
        except psutil.Error:  # already gone: its last words, if any, are queued
            return self.answers.get(timeout=seconds)
        while True:
            try:
                return self.answers.get(timeout=max(min(WATCH_S, end - time.monotonic()), 0.0))
            except queue.Empty:
                if time.monotonic() >= end:
                    raise
            try:
                resident = watched.memory_info().rss
            except psutil.Error:  # ended: what it said, or the end of its output, is on the queue
                continue
            if resident > MAX_MEMORY:
                raise MemoryError

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        assert self.process.stdin is not None
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        global _child
        _child = None

    def close(self) -> None:
        """Let the process end by itself (end of input), as at exit."""
        assert self.process.stdin is not None
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(2.0)
        except subprocess.TimeoutExpired:
            self.stop()


_child: _Child | None = None
# One file at a time per process: the editor may import while another import is still reading.
_READER_LOCK = threading.Lock()


def _reader() -> _Child:
    global _child
    if _child is None:
        try:
            _child = _Child()
        except OSError as exc:
            raise InvalidInputError(f"cannot start the PDF reader: {exc.strerror}") from exc
    return _child


def _forget_parents_child() -> None:
    # A forked batch worker must not use its parent's reader: it starts its own when needed. The
    # parent's pipes are left as they are (the parent's listening thread, not copied here, may hold
    # their locks), and the object is kept so that it is never finalised here.
    global _child, _READER_LOCK
    if _child is not None:
        _inherited.append(_child)
    _child, _READER_LOCK = None, threading.Lock()


_inherited: list[_Child] = []


if hasattr(os, "register_at_fork"):  # POSIX; elsewhere workers are spawned, not forked
    os.register_at_fork(after_in_child=_forget_parents_child)


@atexit.register
def close_reader() -> None:
    """End the reading process, if one was started, and wait for it (at exit; a batch worker's end)."""
    if _child is not None:
        _child.close()


def _stopped(code: int | None) -> str:
    why = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
    return (
        f"PDFium stopped reading this PDF ({why}): the file is damaged, or reading it needs more than "
        f"{MAX_MEMORY // 2**20} MiB of memory"
    )


def _serve() -> None:
    """The child: limit this process, then answer each request line with one line of JSON."""
    _limit_memory()
    try:
        import pypdfium2  # noqa: F401 - here, so that a broken install is not blamed on the file
    except ImportError as exc:
        broken: str | None = f"cannot read PDF text: PDFium (pypdfium2) does not load ({exc}); reinstall tcdesk"
    else:
        broken = None
    for request in sys.stdin:
        asked = json.loads(request)
        path = Path(asked["path"])
        try:
            if broken:
                raise InvalidInputError(broken)
            pages = _read_rows(path, Deadline(path, asked["seconds"]))
            answer: dict[str, object] = {"pages": [_pack(page) for page in pages]}
        except InvalidInputError as exc:
            answer = {"error": exc.message, "where": exc.where}
        except MemoryError:
            answer = {"error": f"reading the PDF needs more than {MAX_MEMORY // 2**20} MiB of memory"}
        text = json.dumps(answer)
        if len(text) > MAX_ANSWER:
            text = json.dumps({"error": f"the PDF holds more text than tcdesk imports (over {MAX_ANSWER // 2**20} MiB)"})
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


def _pack(page: list[Row]) -> dict[str, object]:
    """A page's fragments as JSON: their positions and sizes as one base64 string of doubles (exact,
    and several times quicker to write and read than as decimal numbers), their styles as strings
    of 0 and 1 (both processes are the same Python on the same machine: one byte order)."""
    return {
        "at": base64.b64encode(array("d", [v for row in page for v in row[:3]]).tobytes()).decode("ascii"),
        "bold": "".join("1" if row[3] else "0" for row in page),
        "italic": "".join("1" if row[4] else "0" for row in page),
        "text": [row[5] for row in page],
    }


def _unpack(page: dict) -> list[Fragment]:
    """The fragments :func:`_pack` wrote; ValueError, TypeError or KeyError for anything else."""
    texts, bold, italic = page["text"], page["bold"], page["italic"]
    numbers = array("d", base64.b64decode(page["at"], validate=True))
    n = len(texts)
    if not (isinstance(texts, list) and isinstance(bold, str) and isinstance(italic, str)
            and len(numbers) == 3 * n and len(bold) == n and len(italic) == n
            and all(type(t) is str for t in texts) and all(map(math.isfinite, numbers))):
        raise ValueError("not a page of fragments")
    return list(map(Fragment, numbers[0::3], numbers[1::3], numbers[2::3], [c == "1" for c in bold],
                    [c == "1" for c in italic], texts))


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the time limit still holds
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = MAX_MEMORY if hard == resource.RLIM_INFINITY else min(MAX_MEMORY, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def read_here(path: Path, deadline: Deadline) -> list[list[Fragment]]:
    """Positioned text fragments of every page, read in this process (the child's work).

    The layout logic (:mod:`tcdesk.importers.pdf_reader`) only sees these fragments.

    :raises InvalidInputError: damaged, password-protected, too many pages, or too slow.
    """
    return [[Fragment(*row) for row in page] for page in _read_rows(path, deadline)]


Row = tuple[float, float, float, bool, bool, str]  # a Fragment's fields, as the child sends them


def _read_rows(path: Path, deadline: Deadline) -> list[list[Row]]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise _refusal(exc.err_code, path) from exc
    try:
        n = len(document)
        if n > MAX_PDF_PAGES:
            raise InvalidInputError(f"the PDF has {n} pages; tcdesk imports at most {MAX_PDF_PAGES}", path)
        pages: list[list[Row]] = []
        for i in range(n):
            deadline.check(f"page {i + 1}")
            pages.append(_page_rows(document, i, path, deadline))
        return pages
    finally:
        document.close()


def _refusal(code: int | None, path: Path) -> InvalidInputError:
    import pypdfium2.raw as pdfium_c

    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return InvalidInputError("the PDF is password-protected: save an unprotected copy and import that", path)
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return InvalidInputError("the PDF is encrypted and cannot be read (unsupported security handler)", path)
    if code == pdfium_c.FPDF_ERR_FILE:
        return InvalidInputError("cannot read the file", path)
    if code == pdfium_c.FPDF_ERR_SUCCESS:  # opened, but not a single page
        return InvalidInputError("damaged PDF (no pages)", path)
    return InvalidInputError("damaged PDF (its cross-reference table and objects cannot be read)", path)


def _page_rows(document: object, index: int, path: Path, deadline: Deadline) -> list[Row]:
    import pypdfium2.raw as pdfium_c

    where = f"page {index + 1}"
    page = pdfium_c.FPDF_LoadPage(document, index)
    if not page:
        raise InvalidInputError("cannot read this page", path, where)
    textpage = None
    try:
        box = [ctypes.c_float() for _ in range(4)]
        if pdfium_c.FPDFPage_GetMediaBox(page, *box):
            left, bottom, right, top = (b.value for b in box)
            # PDFium reads a missing or non-numeric entry as 0: a box with no width or height.
            if not all(map(math.isfinite, (left, bottom, right, top))) or left == right or bottom == top:
                raise InvalidInputError("the page size (/MediaBox) is damaged (not four numbers)", path, where)
            height = top - bottom
        else:  # inherited from the page tree, which PDFium's page height is read from
            height = pdfium_c.FPDF_GetPageHeightF(page)
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise InvalidInputError("cannot read the text of this page", path, where)
        runs = _Runs(_address(textpage), lambda: deadline.check(where)).collect(_address(page))
        return [r for r in runs if r[5] and MARGIN_BAND <= r[1] <= height - MARGIN_BAND]
    finally:
        if textpage:
            pdfium_c.FPDFText_ClosePage(textpage)
        pdfium_c.FPDF_ClosePage(page)


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _by_address(function: Any) -> Callable:
    """A pypdfium2 function that takes and gives pointers as plain addresses (ints).

    Called for every object of every page (~40,000 calls for a long PDF), PDFium's own work is
    quick; ctypes making and checking a typed pointer object for each argument and result was as
    slow, and is skipped this way. The C function and its other types are pypdfium2's.
    """
    def plain(kind: Any) -> Any:
        return ctypes.c_void_p if kind is not None and hasattr(kind, "contents") else kind

    prototype = ctypes.CFUNCTYPE(plain(function.restype), *map(plain, function.argtypes))
    return prototype(_address(function))


class _Pdfium:
    """The PDFium functions a page's objects are read with, by address (see :func:`_by_address`)."""

    def __init__(self) -> None:
        import pypdfium2.raw as c

        self.FORM = c.FPDF_PAGEOBJ_FORM
        self.count_objects = _by_address(c.FPDFPage_CountObjects)
        self.page_object = _by_address(c.FPDFPage_GetObject)
        self.count_form_objects = _by_address(c.FPDFFormObj_CountObjects)
        self.form_object = _by_address(c.FPDFFormObj_GetObject)
        self.kind = _by_address(c.FPDFPageObj_GetType)
        self.text = _by_address(c.FPDFTextObj_GetText)
        self.matrix = _by_address(c.FPDFPageObj_GetMatrix)
        self.font_size = _by_address(c.FPDFTextObj_GetFontSize)
        self.font = _by_address(c.FPDFTextObj_GetFont)
        self.bounds = _by_address(c.FPDFPageObj_GetBounds)
        self.font_name = _by_address(c.FPDFFont_GetBaseFontName)
        self.FS_MATRIX = c.FS_MATRIX


_pdfium: _Pdfium | None = None


def _api() -> _Pdfium:
    global _pdfium
    if _pdfium is None:
        _pdfium = _Pdfium()
    return _pdfium


Piece = tuple[str, float, float, float, int | None, float]  # one text object: text, x, y, size, font, right edge


class _Runs:
    """A page's text objects as fragments, in content order (see :func:`_joined`); objects inside
    form XObjects are placed by the form's matrix."""

    MAX_FORM_DEPTH = 8

    def __init__(self, textpage: int, on_time: Callable[[], None]) -> None:
        self.api = _api()
        self.textpage = textpage
        self.on_time = on_time  # raises once the import's time is spent
        self.seen = 0
        self._buffer(4096)
        # What PDFium writes into, one of each per page (a failed call leaves the last values).
        self.matrix = self.api.FS_MATRIX()
        self.size = ctypes.c_float()
        self.bounds = (ctypes.c_float * 4)()
        self.fonts: dict[int | None, tuple[bool, bool]] = {}
        self.pieces: list[Piece | None] = []  # None where a form starts or ends

    def _buffer(self, capacity: int) -> None:
        self.buffer = ctypes.create_string_buffer(capacity)  # UTF-16 from PDFium
        self.capacity = capacity
        self.view = memoryview(self.buffer)

    def collect(self, page: int) -> list[Row]:
        api = self.api
        self._walk(api.page_object, page, api.count_objects(page), None, 0)
        return _joined(self.pieces, self.fonts)

    def _walk(self, get: Callable[[int, int], int | None], holder: int, count: int,
              outer: tuple[float, ...] | None, depth: int) -> None:
        # Runs for every object of every page: PDFium's calls are what it costs, so the Python
        # around them stays lean (PDFium's functions and buffers in local names).
        api = self.api
        kind_of, text_of, matrix_of, size_of, font_of, bounds_of = (
            api.kind, api.text, api.matrix, api.font_size, api.font, api.bounds)
        form_kind = api.FORM
        textpage, m, size_value, bounds = self.textpage, self.matrix, self.size, self.bounds
        m_at, size_at = ctypes.addressof(m), ctypes.addressof(size_value)
        b_at = ctypes.addressof(bounds)
        fonts, pieces = self.fonts, self.pieces
        buffer_at, capacity = ctypes.addressof(self.buffer), self.capacity
        for k in range(max(count, 0)):
            self.seen += 1
            if not self.seen % 1024:  # one page may hold millions of objects (forms shown in forms)
                self.on_time()
            obj = get(holder, k)
            if not obj:
                continue
            # Bytes of UTF-16 with the closing NUL (at least 2) for a text object, 0 for any other:
            # the text is asked for first, and the kind only of what is not text.
            n = text_of(obj, textpage, buffer_at, capacity)
            if not n:
                if depth < self.MAX_FORM_DEPTH and kind_of(obj) == form_kind:
                    pieces.append(None)
                    matrix_of(obj, m_at)
                    inner = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
                    self._walk(api.form_object, obj, api.count_form_objects(obj), inner, depth + 1)
                    pieces.append(None)
                    # The form's text may have needed a larger buffer (the old one is freed).
                    buffer_at, capacity = ctypes.addressof(self.buffer), self.capacity
                continue
            if n > capacity:
                self._buffer(n + 2)
                buffer_at, capacity = ctypes.addressof(self.buffer), self.capacity
                n = text_of(obj, textpage, buffer_at, capacity)
            text = codecs.utf_16_le_decode(self.view[: max(n - 2, 0)], "replace")[0]
            if "\x02" in text:  # PDFium marks a hyphen that ends a line as U+0002; it is the hyphen the file shows
                text = text.replace("\x02", "-")
            matrix_of(obj, m_at)
            if outer:
                a, _, _, _, x, y = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            else:
                a, x, y = m.a, m.e, m.f
            size_of(obj, size_at)
            size = size_value.value * (abs(a) or 1.0)
            font = font_of(obj)
            if font not in fonts:
                fonts[font] = self._style(font) if font else (False, False)
            bounds_of(obj, b_at, b_at + 4, b_at + 8, b_at + 12)
            right = bounds[2]
            if outer:
                right = right * outer[0] + outer[4]
            pieces.append((text, x, y, size, font, right))

    def _style(self, font: int) -> tuple[bool, bool]:
        """(bold, italic) as the font's PostScript name says (``DejaVuSans-BoldOblique``)."""
        name_of = self.api.font_name
        n = name_of(font, None, 0)
        buffer = ctypes.create_string_buffer(max(n, 1))
        if n:
            name_of(font, buffer, n)
        name = buffer.value.decode("utf-8", "replace")
        return "Bold" in name, "Oblique" in name or "Italic" in name


def _joined(pieces: list[Piece | None], styles: dict[int | None, tuple[bool, bool]]) -> list[Row]:
    """The pieces as fragments, with the pieces that continue one another on a line in the same font
    joined (a PDF writer may show a line in several pieces: a link, a kerned word); a run never
    continues across a form's start or end (None)."""
    out: list[Row] = []
    run: tuple[int | None, float, float, float, str] | None = None  # font, size, y, right, text so far
    start_x = start_y = 0.0  # where the open run's line starts
    for piece in [*pieces, None]:
        following, fresh = None, False
        if piece is not None:
            text, x, y, size, font, right = piece
            # Whether the piece continues the open run on its line, with at most a space between (a
            # list marker is always a fragment of its own).
            if (run is not None and abs(y - run[2]) <= 0.8 * min(size, run[1]) and run[3] - 0.6 * size <= x <= run[3] + 0.6 * size
                    and not is_bullet(run[4].strip())):
                ofont, osize, oy, oright, otext = run
                if font == ofont and abs(size - osize) < 0.01:
                    # One space between the pieces where either has one at the join or a gap
                    # separates them (PDFium adds a space of its own after a piece followed by a gap).
                    spaced = x - oright >= 0.2 * size or otext[-1:].isspace() or text[:1].isspace()
                    joined = otext.rstrip() + " " + text.lstrip() if spaced else otext + text
                    run = (font, size, oy, max(oright, right), joined)
                    continue
                # A run in another font continuing the line: its own fragment, placed where the line
                # starts, as the layout logic has always seen it (it joins runs into columns by their
                # starting points).
                following = (font, size, y, right, text)
            elif math.isfinite(x) and math.isfinite(y) and math.isfinite(size):  # else a NaN or infinite matrix places text nowhere
                following, fresh = (font, size, y, right, text), True
        if run is not None and run[4].strip():
            bold, italic = styles[run[0]]
            out.append((start_x, start_y, round(run[1], 1), bold, italic, run[4].strip()))
        run = following
        if fresh:
            start_x, start_y = x, y
    return out


def _compose(inner: tuple[float, ...], outer: tuple[float, ...] | None) -> tuple[float, ...]:
    """The matrix ``inner`` followed by ``outer`` (PDF's row-vector convention)."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    oa, ob, oc, od, oe, of = outer
    return (a * oa + b * oc, a * ob + b * od, c * oa + d * oc, c * ob + d * od, e * oa + f * oc + oe, e * ob + f * od + of)


if __name__ == "__main__":
    _serve()
