"""Hebrew and Arabic paragraphs in the web page and the Word document read right to left, as in the
PDF: a paragraph whose first strong character is right-to-left is laid out right to left, an English
paragraph holding a Hebrew name stays left to right, and every character comes through as typed."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tcdesk.session import Session

from .helpers import tool
from .test_html import axe_violations, browser  # noqa: F401 (browser is a fixture)

HEBREW_FIRST = "שלום לכולם, this paragraph starts in Hebrew."
ENGLISH_FIRST = "The survey was led by דוד כהן in 2025."
ARABIC_BOLD = "مرحبا بالعالم"
RTL_ITEM, LTR_ITEM = "פריט ראשון with English", "English item with עברית"
RTL_CELL, ACTION = "תא בטבלה", "פעולה חדשה (2027)"
SIGNER = "דוד כהן"
ANSWER = (f"{HEBREW_FIRST}\n\n{ENGLISH_FIRST}\n\n- {RTL_ITEM}\n- {LTR_ITEM}\n\n"
          f"| כותרת | Header |\n|---|---|\n| {RTL_CELL} | English cell |\n\n**{ARABIC_BOLD}** 2026")


@pytest.fixture
def rtl(make_submission):
    return make_submission(
        organisation="University of Northmoor",
        answers={"1": ANSWER},
        signoff={"lead": {"name": SIGNER, "role": "Head of Technical Services", "date": "2026-01-12"}},
        new=[{"ref": "V02", "pillar": "visibility", "action": ACTION, "owner": "Owner", "due": "2027-07"}],
    )


# For the element whose whole text is ``text``: its computed direction, and how far its text sits
# from the element's start edge and from its end edge (so which side the text is aligned to).
_LAYOUT = """
const [text] = arguments;
const el = [...document.querySelectorAll('main p, main li, main td, main th, main h3')]
  .find(e => e.textContent.trim() === text);
if (!el) return null;
const range = document.createRange(); range.selectNodeContents(el);
const box = el.getBoundingClientRect(), words = range.getBoundingClientRect();
return [getComputedStyle(el).direction, Math.round(words.left - box.left), Math.round(box.right - words.right)];
"""


@pytest.mark.slow
def test_the_web_page_lays_out_each_paragraph_in_its_own_direction(rtl, browser, tmp_path):  # noqa: F811
    path = Session(rtl).export("html", tmp_path / "rtl.html")
    assert axe_violations(browser, path) == []
    page = path.read_text(encoding="utf-8")
    assert re.search(r'<html lang="en-GB">', page) and "<body>" in page  # the page's own direction is untouched
    # Paragraphs and list items fill the line: their text sits against the side they start from.
    # (A cell is as wide as its words, so only its direction tells.)
    aligned = (HEBREW_FIRST, RTL_ITEM, f"{ARABIC_BOLD} 2026", ENGLISH_FIRST, LTR_ITEM)
    for text in (HEBREW_FIRST, RTL_ITEM, RTL_CELL, ACTION, SIGNER, f"{ARABIC_BOLD} 2026"):
        direction, start_gap, end_gap = browser.execute_script(_LAYOUT, text)
        assert direction == "rtl", (text, direction)
        assert text not in aligned or end_gap <= 2 < 100 < start_gap, (text, start_gap, end_gap)
    for text in (ENGLISH_FIRST, LTR_ITEM, "English cell", "Head of Technical Services"):
        direction, start_gap, end_gap = browser.execute_script(_LAYOUT, text)
        assert direction == "ltr", (text, direction)
        assert text not in aligned or start_gap <= 2 < 100 < end_gap, (text, start_gap, end_gap)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as docx:
        return etree.fromstring(docx.read("word/document.xml")).iter(W + "p")


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t"))


def test_the_docx_marks_exactly_the_right_to_left_paragraphs_and_runs(rtl, tmp_path):
    path = Session(rtl).export("docx", tmp_path / "rtl.docx")
    paragraphs = list(_paragraphs(path))
    bidi = [_text(p) for p in paragraphs if p.find(f"{W}pPr/{W}bidi") is not None]
    assert bidi == [HEBREW_FIRST, RTL_ITEM, "כותרת", RTL_CELL, f"{ARABIC_BOLD} 2026", ACTION, SIGNER]
    rtl_runs = [_text(r) for r in paragraphs[0].getroottree().iter(W + "r") if r.find(f"{W}rPr/{W}rtl") is not None]
    # A run is marked right to left only when it holds no left-to-right letter.
    assert rtl_runs == ["כותרת", RTL_CELL, ARABIC_BOLD, ACTION, SIGNER]
    arabic = next(r for r in paragraphs[0].getroottree().iter(W + "r") if _text(r) == ARABIC_BOLD)
    assert [child.tag[len(W):] for child in arabic.find(W + "rPr")] == ["b", "bCs", "rtl"]  # CT_RPr's order


def test_a_docx_without_right_to_left_text_has_no_direction_marks(rich, tmp_path):
    with zipfile.ZipFile(Session(rich).export("docx", tmp_path / "plain.docx")) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert "<w:bidi/>" not in document and "<w:rtl/>" not in document and "<w:bCs/>" not in document


@pytest.mark.slow
def test_libreoffice_reads_every_right_to_left_character_back(rtl, tmp_path):
    path = Session(rtl).export("docx", tmp_path / "rtl.docx")
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [tool("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "txt:Text (encoded):UTF8", "--outdir", str(tmp_path / "lo"), str(path)],
        capture_output=True, text=True, timeout=180,
    )
    out = tmp_path / "lo" / "rtl.txt"
    assert result.returncode == 0 and out.exists(), result.stdout + result.stderr
    lines = [line.strip() for line in out.read_text(encoding="utf-8-sig").splitlines()]
    for expected in (HEBREW_FIRST, ENGLISH_FIRST, f"{ARABIC_BOLD} 2026", SIGNER):
        assert expected in lines, expected
    text = "\n".join(lines)
    for expected in (RTL_ITEM, LTR_ITEM, RTL_CELL, ACTION):
        assert expected in text, expected
