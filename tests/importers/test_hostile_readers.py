"""Each class of hostile input found by the audit, read in-process: the right answer, not just no crash."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tcdesk import interchange
from tcdesk.errors import InvalidInputError
from tcdesk.importers.docx_reader import MAX_GRID_COLUMNS, read_docx
from tcdesk.importers.sheet_reader import read_csv_rows
from tcdesk.plugins.import_pdf import PdfImporter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))
import generators as gen


def _tables(path: Path):
    return [b for b in read_docx(path) if type(b).__name__ == "Table"]


def test_huge_cell_spans_are_capped_at_words_own_maximum(tmp_path):
    for make in (gen.docx_gridspan_huge, gen.docx_gridbefore_huge):
        (table,) = _tables(make(tmp_path))
        assert all(len(row) <= MAX_GRID_COLUMNS + 1 for row in table.rows)
        assert table.rows[0][0].text == "Action" or table.rows[0][-1].text == "Action"


def test_non_numeric_spans_and_list_levels_read_as_defaults(tmp_path):
    (table,) = _tables(gen.docx_gridspan_text(tmp_path))
    assert [c.text for c in table.rows[0]] == ["Action"]
    paras = [b for b in read_docx(gen.docx_ilvl_text(tmp_path)) if type(b).__name__ == "Para"]
    assert [p.text for p in paras] == ["a list item", "a deep list item"]


def test_a_big_header_part_is_refused_before_parsing(tmp_path, monkeypatch):
    from tcdesk.importers import safety
    from tcdesk.plugins.import_docx import DocxImporter

    monkeypatch.setattr(safety, "MAX_XML_PART", 2**20)
    path = gen.docx_big_header_part(tmp_path, size=2 * 2**20)
    with pytest.raises(InvalidInputError, match=r"word/header1\.xml"):
        DocxImporter().load(path)


def test_csv_classes(tmp_path):
    rows = read_csv_rows(gen.csv_cr_only(tmp_path))
    assert [[c.text for c in r] for r in rows] == [["Ref", "Action", "Owner"], ["V01", "Survey technicians", "HR"],
                                                   ["V02", "Two\rlines", "HR"]]
    assert len(read_csv_rows(gen.csv_huge_field(tmp_path))[1][1].text) == 200_000
    (tmp_path / "giant.csv").write_bytes(b"a,b\n" + b"x" * 1_000_001 + b",y\n")
    with pytest.raises(InvalidInputError, match="line 2: a field is longer than 1,000,000"):
        read_csv_rows(tmp_path / "giant.csv")
    with pytest.raises(InvalidInputError, match="not valid UTF-16"):
        read_csv_rows(gen.csv_broken_utf16(tmp_path))


def test_pdf_classes(tmp_path):
    assert PdfImporter().load(gen.pdf_aes_owner_only(tmp_path)) is not None  # cryptography decrypts AES
    with pytest.raises(InvalidInputError, match="password-protected"):
        PdfImporter().load(gen.pdf_aes_user_password(tmp_path))
    with pytest.raises(InvalidInputError, match=r"page 1: the page size \(/MediaBox\) is damaged"):
        PdfImporter().load(gen.pdf_bad_mediabox(tmp_path))
    PdfImporter().load(gen.pdf_nan_matrix(tmp_path))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (gen.json_deep, "nested too deeply"),
        (gen.json_deep_object, "nested too deeply"),
        (gen.json_huge_int, "5,000 digits"),
        (gen.json_lone_surrogate, r"\$\.organisation: the text holds an unpaired surrogate"),
    ],
)
def test_json_classes(tmp_path, make, message):
    with pytest.raises(InvalidInputError, match=message):
        interchange.read(make(tmp_path))
