"""The PDF export read back with poppler, qpdf and pypdf: text, fonts, outline, metadata, appendices."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from tcdesk.errors import ExportError
from tcdesk.model import Attachment, AttachmentKind
from tcdesk.session import Session

from .helpers import LONG_WORD, NASTY, example_files, expected_strings, pdftotext, squash, tool


def export_pdf(sub, tmp_path: Path, pm, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    Session(sub, pm=pm).export("pdf", path)
    return path


def synthetic_cases() -> list:
    from synthetic import make_synthetic

    cases = [pytest.param(lambda: make_synthetic(40, answer_words=300), id="synthetic-40")]
    for path in example_files():
        cases.append(pytest.param(lambda p=path: __import__("tcdesk.interchange").interchange.read(p), id=path.name))
    return cases


@pytest.mark.parametrize("load", synthetic_cases())
def test_pdf_passes_qpdf_and_shows_every_question_ref_name_and_date(load, tmp_path, pm):
    sub = load()
    path = export_pdf(sub, tmp_path, pm)
    check = subprocess.run([tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    text = squash(pdftotext(path))
    missing = [s for s in expected_strings(sub) if s not in text]
    assert missing == []


def test_pdf_embeds_the_unicode_font_and_renders_welsh_irish_and_polish_names(rich, tmp_path, pm):
    rich.attachments = [a for a in rich.attachments if a.kind is not AttachmentKind.APPENDIX]  # own fonts
    path = export_pdf(rich, tmp_path, pm)
    fonts = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    dejavu = [r for r in rows if "DejaVuSans" in r[0]]
    assert dejavu and all(r[-5] == "yes" for r in dejavu)  # the "emb" column
    assert not [r for r in rows if "DejaVuSans" not in r[0]], "only the bundled font is used"
    text = pdftotext(path)
    for name in ("Siân Ó Súilleabháin", "Łukasz Nowak", "“we were heard” – really"):
        assert name in squash(text)


def test_pdf_has_an_outline_entry_per_question_and_the_sign_off(rich, tmp_path, pm):
    reader = PdfReader(export_pdf(rich, tmp_path, pm))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for n in range(1, 9):
        assert any(t.startswith(f"{n}. ") for t in titles), titles
    assert "Sign-off" in titles
    assert titles[-2:] == ["Appendix 1: survey", "Appendix 2: minutes"]  # untitled PDFs: the file name


def test_pdf_metadata_names_title_author_subject_and_language(rich, tmp_path, pm):
    reader = PdfReader(export_pdf(rich, tmp_path, pm))
    meta = reader.metadata
    assert meta.title == "University of Northmoor January 2026"  # signed 20 January: the January window
    assert meta.author == "University of Northmoor"
    assert "University of Northmoor" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_appendices_are_merged_at_the_end_in_order(rich, tmp_path, pm):
    path = export_pdf(rich, tmp_path, pm)
    reader = PdfReader(path)
    last = [page.extract_text() for page in reader.pages[-3:]]
    assert "Survey appendix page 1" in last[0]
    assert "Survey appendix page 2" in last[1]
    assert "Minutes appendix page 1" in last[2]
    assert subprocess.run([tool("qpdf"), "--check", str(path)], capture_output=True).returncode == 0


def test_broken_appendix_is_named_and_nothing_is_written(rich, tmp_path, pm):
    rich.attachments.append(Attachment("broken.pdf", AttachmentKind.APPENDIX, "application/pdf", b"%PDF-1.4 junk"))
    target = tmp_path / "out.pdf"
    target.write_bytes(b"previous export")
    with pytest.raises(ExportError, match=r"broken\.pdf"):
        Session(rich, pm=pm).export("pdf", target)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_page_footer_says_page_x_of_y_and_the_organisation(rich, tmp_path, pm):
    path = export_pdf(rich, tmp_path, pm)
    pages = len(PdfReader(path).pages)  # the appendices count too
    text = pdftotext(path)
    assert f"Page 1 of {pages}" in text and f"Page {pages - 3} of {pages}" in text
    assert text.count("University of Northmoor") >= pages - 3


def test_rag_cells_are_labelled_and_the_summary_counts_come_from_the_model(rich, tmp_path, pm):
    text = squash(pdftotext(export_pdf(rich, tmp_path, pm)))
    for label in ("Green", "Amber", "Red"):
        assert label in text
    # Visibility: one green; Career Development: one red; total row 2 green, 1 amber, 1 red, 4 actions.
    assert "Visibility (V) 1 0 0 1" in text
    assert "Career Development (C) 0 0 1 1" in text
    assert "Total 2 1 1 4" in text


def test_answer_markdown_renders_links_lists_tables_and_figures(rich, tmp_path, pm):
    path = export_pdf(rich, tmp_path, pm)
    reader = PdfReader(path)
    uris = {a.get_object()["/A"].get("/URI") for page in reader.pages for a in page.get("/Annots") or ()
            if a.get_object().get("/A")}
    assert {"https://example.org/tc?a=1&b=2", "https://www.northmoor.ac.uk/technicians",
            "mailto:l.nowak@northmoor.ac.uk"} <= uris
    text = squash(pdftotext(path))
    assert "A heading inside the answer" in text and "# A heading" not in text
    assert "• first bullet" in text and "3. three 4. four" in text
    assert "Workshops <& co> 45" in text
    assert "Organisation chart" in text
    images = subprocess.run([tool("pdfimages"), "-list", str(path)], capture_output=True, text=True).stdout
    assert "120    60" in images or " 120 " in images


def test_user_text_with_markup_and_control_characters_comes_out_literally(make_submission, tmp_path, pm):
    sub = make_submission(
        organisation=NASTY + " " + LONG_WORD[:300],  # also far too long for the running header
        answers={"1": NASTY, "2": "<i>not italic</i> &amp; **<b>**"},
        prev=[{"ref": "V01", "pillar": "visibility", "action": NASTY, "explanation": "</td></tr>", "rag": "red"}],
        new=[{"ref": "V02", "pillar": "visibility", "owner": NASTY, "resourcing": "<2027>"}],
        signoff={"lead": {"name": NASTY, "role": "&", "date": None}, "leader": {"name": "", "role": "", "date": None}},
    )
    text = squash(pdftotext(export_pdf(sub, tmp_path, pm)))
    shown = "x<y & z </para> <b>unclosed \ufffdbell"
    assert text.count(shown) >= 5
    assert "<i>not italic</i> & <b>" in text  # CommonMark decodes &amp;; tags stay text
    assert "</td></tr>" in text and "<2027>" in text


@pytest.mark.slow
def test_a_20000_character_word_wraps_in_answers_and_cells(make_submission, tmp_path, pm):
    sub = make_submission(
        organisation="University of Northmoor",
        answers={"1": LONG_WORD},
        prev=[{"ref": "V01", "pillar": "visibility", "action": LONG_WORD, "rag": "green"}],
    )
    path = export_pdf(sub, tmp_path, pm)
    text = pdftotext(path)
    assert text.count("W") >= 2 * 20_000  # nothing dropped: every character is on some page
    longest = max(len(line) for line in text.splitlines())
    assert longest < 200  # split into lines that fit, not one overflowing line


def test_same_submission_gives_the_same_pdf_bytes(rich, tmp_path, pm, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = export_pdf(rich, tmp_path, pm, "a.pdf").read_bytes()
    again = export_pdf(rich, tmp_path, pm, "b.pdf").read_bytes()
    assert first == again  # appendices merged, still reproducible
    assert PdfReader(tmp_path / "a.pdf").metadata["/CreationDate"] == "D:20260101000000Z"


def test_pdf_dates_are_the_export_time(rich, tmp_path, pm):
    from datetime import UTC, datetime

    before = datetime.now(UTC).replace(microsecond=0)
    meta = PdfReader(export_pdf(rich, tmp_path, pm)).metadata
    assert before <= meta.creation_date.astimezone(UTC) <= datetime.now(UTC)
    assert meta.modification_date == meta.creation_date


@pytest.mark.slow
def test_exporting_never_loads_qt(tmp_path):
    code = (
        "import sys\n"
        "sys.path.insert(0, 'benchmarks')\n"
        "from synthetic import make_synthetic\n"
        "from tcdesk.session import Session\n"
        f"Session(make_synthetic(8, answer_words=50)).export('pdf', {str(tmp_path / 'a.pdf')!r})\n"
        f"Session(make_synthetic(8, answer_words=50)).export('docx', {str(tmp_path / 'a.docx')!r})\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_page_contents_are_flate_compressed_once_in_the_finished_file(rich, tmp_path, pm):
    # reportlab writes the pages plain and qpdf compresses them when the file is finished.
    import pikepdf

    with pikepdf.open(export_pdf(rich, tmp_path, pm)) as pdf:
        streams = []
        for page in pdf.pages:
            contents = page.obj.Contents
            streams += list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        assert streams
        assert all(stream.get("/Filter") == pikepdf.Name.FlateDecode for stream in streams)
        assert sum(len(s.read_raw_bytes()) for s in streams) < sum(len(s.read_bytes()) for s in streams) / 3


@given(st.text(st.characters(max_codepoint=0x17F), max_size=200))
def test_page_code_handed_over_as_ascii_is_what_reportlabs_pdfdoc_codec_writes(code):
    import reportlab.pdfbase.pdfdoc  # noqa: F401 - registers the codec

    from tcdesk.export.pdf_reportlab import NOT_PDFDOC

    if code.isascii() and not NOT_PDFDOC.search(code):
        assert code.encode("ascii") == code.encode("extpdfdoc")
    elif code.isascii():
        with pytest.raises(UnicodeEncodeError):
            code.encode("extpdfdoc")


def test_layout_runs_with_fewer_collections_and_gives_the_threshold_back(rich, monkeypatch):
    import gc

    import tcdesk.export.pdf as pdf_module

    seen = []
    finish = pdf_module.finish

    def watched(*args):
        seen.append(gc.get_threshold()[0])
        return finish(*args)

    monkeypatch.setattr(pdf_module, "finish", watched)
    before = gc.get_threshold()
    pdf_module.render(rich)
    assert seen == [pdf_module.LAYOUT_COLLECTION_THRESHOLD]
    assert gc.get_threshold() == before
    gc.set_threshold(100_000, *before[1:])  # a caller's own higher threshold is left alone
    try:
        pdf_module.render(rich)
        assert seen[-1] == 100_000
    finally:
        gc.set_threshold(*before)
