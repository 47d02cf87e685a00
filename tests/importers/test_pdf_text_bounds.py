"""PDFium reads a PDF's text in a child process: bounded in memory and time, and its failures are
one error naming the file, while this process (the editor, a batch) carries on."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tcdesk import batch
from tcdesk.errors import InvalidInputError
from tcdesk.export.base import READ_TEXT
from tcdesk.importers import pdf_text
from tcdesk.importers.safety import Deadline
from tcdesk.plugins.import_pdf import PdfImporter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))
import generators as gen

HERE = Path(__file__).resolve().parent


def _nested_forms(path: Path, fan: int) -> Path:
    """A page showing a form ``fan`` times, each showing a form ``fan`` times, each ``fan`` words:
    ``fan``³ text objects from a few kilobytes."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 6 0 R >> >> /Contents 5 0 R >>",
    ]
    shows = b" ".join([b"/X Do"] * fan)
    objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(shows), shows))
    objs.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X 7 0 R >> >> "
                b"/Length %d >>\nstream\n%s\nendstream" % (len(shows), shows))
    words = b" ".join([b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"] * fan)
    objs.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Length %d >>\nstream\n%s\nendstream" % (len(words), words))
    return gen.write(path, gen.pdf_of(objs))


def _folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.iterdir()}


def test_a_page_inflating_to_gigabytes_is_one_error_and_costs_this_process_nothing(tmp_path):
    bomb = gen.pdf_content_bomb(tmp_path)
    before = _folder(bomb)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InvalidInputError) as raised:
        PdfImporter().load(bomb)
    assert str(raised.value).startswith(f"{bomb}: PDFium stopped reading this PDF (signal")
    assert "needs more than 1024 MiB of memory" in str(raised.value)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak
    assert grown_kib < 100 * 1024, f"this process grew by {grown_kib} KiB"
    assert _folder(bomb) == before


def test_the_reader_is_stopped_once_its_memory_passes_the_limit_where_the_system_sets_none(tmp_path, monkeypatch):
    # Windows has no address-space limit for the child: this process watches its resident memory.
    # Here the watch is set below the child's own limit, so it is the watch that stops the bomb.
    bomb = gen.pdf_content_bomb(tmp_path)
    before = _folder(bomb)
    monkeypatch.setattr(pdf_text, "MAX_MEMORY", 200 * 2**20)
    start = time.monotonic()
    with pytest.raises(InvalidInputError) as raised:
        PdfImporter().load(bomb)
    assert str(raised.value) == f"{bomb}: PDFium stopped reading this PDF: reading it needs more than 200 MiB of memory"
    assert time.monotonic() - start < 30
    assert _folder(bomb) == before
    pdf = gen.pdf_nan_matrix(tmp_path)  # the next file is read by a new reader, within the limit
    assert pdf_text.read_pdf_text(pdf, Deadline(pdf)) is not None


def test_a_page_of_a_million_objects_gives_up_at_the_time_budget(tmp_path):
    pdf = _nested_forms(tmp_path / "forms.pdf", 100)
    start = time.monotonic()
    # The child gives up between objects ("page 1"), or is stopped if PDFium itself is still loading
    # the page when the grace time is over ("reading its text"): either way at the budget.
    with pytest.raises(InvalidInputError,
                       match=r"forms\.pdf: (page 1|reading its text): gave up after 1 s: the file is too complex"):
        pdf_text.read_pdf_text(pdf, Deadline(pdf, 1.0))
    assert time.monotonic() - start < 1.0 + pdf_text.GRACE_S + 5.0


def test_a_reader_that_hangs_is_stopped_and_the_next_file_is_read(tmp_path):
    pdf = gen.pdf_nan_matrix(tmp_path)
    pdf_text.read_pdf_text(pdf, Deadline(pdf))  # the reading process is running
    child = pdf_text._reader()
    os.kill(child.process.pid, signal.SIGSTOP)  # as if stuck inside PDFium
    start = time.monotonic()
    with pytest.raises(InvalidInputError, match=r"gave up after 0 s: the file is too complex to import"):
        pdf_text.read_pdf_text(pdf, Deadline(pdf, 0.2))
    assert time.monotonic() - start < 0.2 + pdf_text.GRACE_S + 2.0
    assert child.process.returncode == -signal.SIGKILL
    text = gen.write(tmp_path / "ok.pdf", gen._simple_pdf(text="Still read"))
    assert [f.text for f in pdf_text.read_pdf_text(text, Deadline(text))[0]] == ["Still read 1.1"]
    assert pdf_text._reader() is not child


def test_a_reader_that_dies_is_one_error_and_the_next_file_is_read(tmp_path):
    pdf = gen.write(tmp_path / "ok.pdf", gen._simple_pdf(text="Read again"))
    pdf_text.read_pdf_text(pdf, Deadline(pdf))
    child = pdf_text._reader()
    os.kill(child.process.pid, signal.SIGSEGV)  # what a crash inside PDFium looks like from here
    child.process.wait()
    with pytest.raises(InvalidInputError, match=r"ok\.pdf: PDFium stopped reading this PDF \(signal 11\)"):
        pdf_text.read_pdf_text(pdf, Deadline(pdf))
    assert [f.text for f in pdf_text.read_pdf_text(pdf, Deadline(pdf))[0]] == ["Read again 1.1"]


def test_forked_batch_workers_start_readers_of_their_own(tmp_path):
    files = [gen.write(tmp_path / f"p{n}.pdf", gen._simple_pdf(text=f"Answer {n}", pages=2)) for n in range(6)]
    pdf_text.read_pdf_text(files[0], Deadline(files[0]))  # this process's reader exists before the fork
    options = batch.CheckOptions(read_text=True)
    serial = [(o.path, o.error, o.result and o.result.findings) for o in batch.check_files(files, options)]
    forked = [(o.path, o.error, o.result and o.result.findings) for o in batch.check_files(files, options, jobs=2)]
    assert forked == serial
    assert all(error is None for _, error, _ in forked)
    parents = pdf_text._reader()
    assert parents.process.poll() is None  # the workers left this process's reader alone
    assert [f.text for f in pdf_text.read_pdf_text(files[1], Deadline(files[1]))[0]] == ["Answer 1 1.1"]


def test_a_folder_called_tcdesk_where_the_command_runs_is_not_imported(tmp_path):
    shadow = tmp_path / "tcdesk"
    shadow.mkdir()
    (shadow / "__init__.py").write_text("raise SystemExit('the wrong tcdesk was imported')\n")
    gen.write(tmp_path / "plan.pdf", gen._simple_pdf(text="Question 1"))
    done = subprocess.run([str(Path(sys.executable).with_name("tcdesk")), "check", "plan.pdf"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "wrong tcdesk" not in done.stderr + done.stdout
    assert done.returncode == 1, done.stderr  # read, and checked: the plan has findings
    assert "plan.pdf: Question 2: TC101 error" in done.stdout


def test_text_read_in_the_child_is_what_the_reader_reads_in_process(tmp_path):
    from tcdesk import interchange
    from tcdesk.session import Session

    pdf = tmp_path / "northmoor.pdf"
    Session(interchange.read(HERE.parent.parent / "examples" / "northmoor-draft.tcdesk.json")).export("pdf", pdf)
    assert pdf_text.read_pdf_text(pdf, Deadline(pdf)) == pdf_text.read_here(pdf, Deadline(pdf))
    assert PdfImporter().load(pdf, READ_TEXT).submission.answers


def test_a_reader_that_cannot_load_pdfium_says_so_instead_of_blaming_the_file(tmp_path, monkeypatch):
    # A broken install (PDFium's package missing or damaged) used to read as "the file is damaged".
    broken = tmp_path / "site"
    (broken / "pypdfium2").mkdir(parents=True)
    (broken / "pypdfium2" / "__init__.py").write_text("raise ImportError('libpdfium.so: cannot open shared object file')\n")
    monkeypatch.setenv("PYTHONPATH", str(broken))
    _fresh_reader()
    pdf = gen.write(tmp_path / "ok.pdf", gen._simple_pdf(text="Fine"))
    with pytest.raises(InvalidInputError) as raised:
        pdf_text.read_pdf_text(pdf, Deadline(pdf))
    assert str(raised.value) == (f"{pdf}: cannot read PDF text: PDFium (pypdfium2) does not load "
                                 "(libpdfium.so: cannot open shared object file); reinstall tcdesk")
    assert "damaged" not in str(raised.value)
    assert pdf_text._reader().process.poll() is None  # it answers the next file the same way, without dying
    monkeypatch.undo()
    _fresh_reader()  # the next test's reader loads the real PDFium


def _fresh_reader() -> None:
    pdf_text.close_reader()
    pdf_text._child = None
