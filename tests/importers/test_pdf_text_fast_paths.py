"""The PDF reader's fast paths give exactly what pypdfium2 and plain JSON would: PDFium's functions
called with plain addresses, and the child's packed answer read back by the importing process."""

from __future__ import annotations

import ctypes
import json
import math
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcdesk.errors import InvalidInputError
from tcdesk.importers import pdf_text
from tcdesk.importers.pdf_text import Fragment
from tcdesk.importers.safety import Deadline

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))
import generators as gen

finite = st.floats(allow_nan=False, allow_infinity=False)
rows = st.tuples(finite, finite, finite, st.booleans(), st.booleans(), st.text())


@given(st.lists(st.lists(rows, max_size=20), max_size=5))
def test_a_packed_answer_reads_back_as_the_same_fragments(pages):
    line = json.dumps({"pages": [pdf_text._pack(page) for page in pages]})
    answer = json.loads(line)
    assert [pdf_text._unpack(page) for page in answer["pages"]] == [[Fragment(*row) for row in page] for page in pages]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["at", "bold", "italic", "text"]), inner),
    max_leaves=12,
)


@given(json_values)
def test_anything_else_in_a_page_is_refused_as_a_value_type_or_key_error(page):
    try:
        fragments = pdf_text._unpack(page)
    except (KeyError, TypeError, ValueError):
        return
    assert all(isinstance(f.text, str) and math.isfinite(f.x) for f in fragments)


@pytest.mark.parametrize("page", [
    {"at": "!!", "bold": "", "italic": "", "text": []},  # not base64
    {"at": pdf_text._pack([(1.0, 2.0, 3.0, True, False, "a")])["at"], "bold": "1", "italic": "0", "text": []},
    {"at": pdf_text._pack([(math.nan, 2.0, 3.0, True, False, "a")])["at"], "bold": "1", "italic": "0", "text": ["a"]},
    {"at": pdf_text._pack([(1.0, 2.0, 3.0, True, False, "a")])["at"], "bold": "1", "italic": "0", "text": [7]},
])
def test_a_reader_answering_what_it_never_writes_is_one_error_and_the_next_file_is_read(tmp_path, page):
    pdf = gen.write(tmp_path / "ok.pdf", gen._simple_pdf(text="Read again"))
    child = pdf_text._reader()
    # The reader's next line, as if PDFium had misled it into writing this.
    child.answers.put(json.dumps({"pages": [page]}).encode() + b"\n")
    with pytest.raises(InvalidInputError, match=r"ok\.pdf: PDFium stopped reading this PDF \(signal 9\)"):
        pdf_text.read_pdf_text(pdf, Deadline(pdf))
    assert [f.text for f in pdf_text.read_pdf_text(pdf, Deadline(pdf))[0]] == ["Read again 1.1"]


def _pdf_of(path: Path, lines: list[tuple[str, str, float, float, float]]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.beginForm("box")
    c.setFont("Times-Italic", 9)
    c.drawString(0, 0, "shown through a form")
    c.endForm()
    for text, font, size, x, y in lines:
        c.setFont(font, size)
        c.drawString(x, y, text)
    c.saveState()
    c.translate(100, 100)
    c.scale(1.5, 1.5)
    c.doForm("box")
    c.restoreState()
    c.showPage()
    c.save()
    return path


line = st.tuples(
    st.text(st.characters(min_codepoint=32, max_codepoint=0x24F, exclude_categories=("Cs",)), min_size=1, max_size=30),
    st.sampled_from(["Helvetica", "Helvetica-Bold", "Times-Roman", "Courier-BoldOblique"]),
    st.floats(4, 30),
    st.floats(0, 500),
    st.floats(0, 800),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(line, min_size=1, max_size=12))
def test_pdfium_called_by_address_answers_as_pypdfium2_does(tmp_path, lines):
    import pypdfium2 as pdfium
    import pypdfium2.raw as c

    api = pdf_text._api()
    document = pdfium.PdfDocument(_pdf_of(tmp_path / "lines.pdf", lines))
    page = c.FPDF_LoadPage(document, 0)
    textpage = c.FPDFText_LoadPage(page)
    try:
        at_page, at_textpage = pdf_text._address(page), pdf_text._address(textpage)
        objects = [(c.FPDFPage_GetObject(page, k), api.page_object(at_page, k)) for k in range(c.FPDFPage_CountObjects(page))]
        assert api.count_objects(at_page) == len(objects)
        for form, at_form in list(objects):
            if c.FPDFPageObj_GetType(form) == c.FPDF_PAGEOBJ_FORM:
                assert api.count_form_objects(at_form) == c.FPDFFormObj_CountObjects(form)
                objects += [(c.FPDFFormObj_GetObject(form, j), api.form_object(at_form, j))
                            for j in range(c.FPDFFormObj_CountObjects(form))]
        for obj, at in objects:
            assert at == pdf_text._address(obj)
            assert api.kind(at) == c.FPDFPageObj_GetType(obj)
            matrix, at_matrix = c.FS_MATRIX(), c.FS_MATRIX()
            assert api.matrix(at, ctypes.addressof(at_matrix)) == c.FPDFPageObj_GetMatrix(obj, matrix)
            assert bytes(at_matrix) == bytes(matrix)
            box, at_box = [ctypes.c_float() for _ in range(4)], [ctypes.c_float() for _ in range(4)]
            assert api.bounds(at, *map(ctypes.addressof, at_box)) == c.FPDFPageObj_GetBounds(obj, *box)
            assert [b.value for b in at_box] == [b.value for b in box]
            if api.kind(at) != c.FPDF_PAGEOBJ_TEXT:
                continue
            buffer, at_buffer = (c.FPDF_WCHAR * 512)(), ctypes.create_string_buffer(1024)
            n = c.FPDFTextObj_GetText(obj, textpage, buffer, 1024)
            assert api.text(at, at_textpage, ctypes.addressof(at_buffer), 1024) == n
            assert at_buffer.raw[:n] == bytes(buffer)[:n]
            size, at_size = ctypes.c_float(), ctypes.c_float()
            assert api.font_size(at, ctypes.addressof(at_size)) == c.FPDFTextObj_GetFontSize(obj, size)
            assert at_size.value == size.value
            font = c.FPDFTextObj_GetFont(obj)
            assert api.font(at) == ctypes.addressof(font.contents)
            name, at_name = ctypes.create_string_buffer(64), ctypes.create_string_buffer(64)
            assert api.font_name(api.font(at), at_name, 64) == c.FPDFFont_GetBaseFontName(font, name, 64)
            assert at_name.value == name.value
    finally:
        c.FPDFText_ClosePage(textpage)
        c.FPDF_ClosePage(page)
        document.close()


def test_texts_longer_than_the_first_buffer_are_read_whole_inside_and_after_a_form(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    long_words = " ".join(f"word{n}" for n in range(600))  # ~4,800 bytes of UTF-16, more than the first buffer
    longer_words = " ".join(f"term{n}" for n in range(900))
    path = tmp_path / "long.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.beginForm("long")
    c.setFont("Helvetica", 1)
    c.drawString(0, 0, long_words)
    c.endForm()
    c.setFont("Helvetica", 10)
    c.drawString(72, 760, "Before the form")
    c.saveState()
    c.translate(72, 700)
    c.doForm("long")
    c.restoreState()
    c.setFont("Helvetica", 10)
    c.drawString(72, 650, "Just after the form")
    c.setFont("Helvetica", 1)
    c.drawString(72, 600, longer_words)
    c.setFont("Helvetica", 10)
    c.drawString(72, 500, "After the longer text")
    c.showPage()
    c.save()
    texts = [f.text for f in pdf_text.read_here(path, Deadline(path))[0]]
    assert texts == ["Before the form", long_words, "Just after the form", longer_words, "After the longer text"]
    assert pdf_text.read_pdf_text(path, Deadline(path)) == pdf_text.read_here(path, Deadline(path))
