"""Chinese, Japanese and Korean text in the Word document and the web page: kept character for
character, in fonts the reader's Word or browser chooses for those scripts."""

from __future__ import annotations

import re
import zipfile

import pytest

from tcdesk.session import Session

from .helpers import pdftotext, squash
from .test_docx import libreoffice_pdf

CJK = "東京大学 技術者 한국어 ひらがな カタカナ"
ANSWER = f"Plain {CJK} text, **bold {CJK}**, *italic {CJK}* and `code {CJK}`."
SHOWN = f"Plain {CJK} text, bold {CJK}, italic {CJK} and code {CJK}."


@pytest.fixture
def cjk(make_submission):
    return make_submission(
        organisation="東京大学 University",
        answers={"1": ANSWER},
        signoff={"lead": {"name": "김민준 Kim", "role": "技術者", "date": "2026-01-12"}},
        new=[{"ref": "V02", "pillar": "visibility", "action": f"行動 {CJK}", "owner": "担当", "due": "2027-07"}],
    )


@pytest.mark.slow
def test_the_docx_keeps_every_cjk_character_through_libreoffice(cjk, tmp_path):
    path = Session(cjk).export("docx", tmp_path / "cjk.docx")
    text = squash(pdftotext(libreoffice_pdf(path, tmp_path)))
    for expected in (SHOWN, "東京大学 University", "김민준 Kim", f"行動 {CJK}"):
        assert expected in text, expected


def test_no_docx_run_names_a_font_for_east_asian_text(cjk, tmp_path):
    # A run may name a Latin font (code in Consolas): Word sets East Asian characters in the run's
    # East Asian font, which no run names, so it is the theme's, chosen per script (MS Mincho,
    # Malgun Gothic, SimSun…), never a Latin font without those glyphs.
    path = Session(cjk).export("docx", tmp_path / "cjk.docx")
    with zipfile.ZipFile(path) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
        styles = docx.read("word/styles.xml").decode("utf-8")
    assert "<w:t>code 東京大学" in document
    assert re.findall(r"<w:rFonts[^>]*>", document) == ['<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>']
    assert 'w:eastAsiaTheme="minorEastAsia"' in styles  # the document default every style inherits
    assert not re.search(r'w:eastAsia="', re.sub(r"<w:lang [^>]*>", "", styles))


def test_the_web_page_keeps_every_cjk_character(cjk, tmp_path):
    page = Session(cjk).export("html", tmp_path / "cjk.html").read_text(encoding="utf-8")
    text = squash(re.sub(r"<[^>]+>", "", page))
    for expected in (SHOWN, "東京大学 University", "김민준 Kim", f"行動 {CJK}"):
        assert expected in text, expected
    assert '<meta charset="utf-8">' in page.lower() or "charset=utf-8" in page.lower()
