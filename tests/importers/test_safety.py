"""Bad input gets a clear error naming the file and the problem, in bounded time and memory."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from tcdesk.errors import InvalidInputError
from tcdesk.plugins.import_docx import DocxImporter
from tcdesk.plugins.import_pdf import PdfImporter
from tcdesk.plugins.import_sheet import XlsxImporter


def refused(importer, path: Path, *words: str) -> str:
    start = time.perf_counter()
    with pytest.raises(InvalidInputError) as err:
        importer.load(path)
    assert time.perf_counter() - start < 10, "bad input must fail fast"
    message = str(err.value)
    assert str(path) in message
    for word in words:
        assert word in message
    return message


def test_a_renamed_text_file_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("Minutes of the working group\n", encoding="utf-8")
    refused(DocxImporter(), path, "not a Word document (.docx)", "text")


def test_a_corrupt_zip_is_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    refused(DocxImporter(), path, "damaged")


def test_an_empty_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    refused(XlsxImporter(), path, "empty")


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):
                fh.write(chunk)
    assert path.stat().st_size < 1 << 20  # a small file that would inflate to 64 MiB
    refused(DocxImporter(), path, "zip bomb")


def test_a_zip_with_too_many_members_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for n in range(5_001):
            zf.writestr(f"xl/p{n}.xml", "")
    refused(XlsxImporter(), path, "parts")


def test_a_password_protected_office_file_is_named_as_such(tmp_path: Path) -> None:
    # Word and Excel save an encrypted document as an OLE compound file holding "EncryptedPackage".
    path = tmp_path / "secret.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
    refused(DocxImporter(), path, "password-protected")


def test_an_old_binary_doc_is_told_to_be_saved_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    refused(DocxImporter(), path, "save it as .docx")


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "secret.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    refused(PdfImporter(), path, "password-protected")


def test_a_2000_page_pdf_is_refused_quickly(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(2_000):
        writer.add_blank_page(width=595, height=842)
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    refused(PdfImporter(), path, "2000 pages", "at most 500")


def test_a_text_file_named_pdf_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("hello", encoding="utf-8")
    refused(PdfImporter(), path, "not a PDF")


def test_the_time_budget_stops_a_slow_import(tmp_path: Path) -> None:
    from tcdesk.importers.safety import Deadline

    deadline = Deadline(tmp_path / "slow.pdf", seconds=0.0)
    time.sleep(0.01)
    with pytest.raises(InvalidInputError, match=r"slow\.pdf: page 3: gave up after"):
        deadline.check("page 3")


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked-for-editing.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    result = PdfImporter().load(path)
    assert result.submission.previous_plan.actions == []
    assert any("no question headings" in w for w in result.report.warnings)


def test_an_oversized_word_body_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tcdesk.importers import safety

    monkeypatch.setattr(safety, "MAX_XML_PART", 1024)
    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document>" + "x" * 4096 + "</w:document>")
    refused(DocxImporter(), path, "word/document.xml", "MiB of XML")
