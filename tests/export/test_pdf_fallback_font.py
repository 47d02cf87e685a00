"""Chinese, Japanese and Korean text in the PDF: set in the bundled fallback face wherever DejaVu lacks
a character, so every such character the user typed comes back from the PDF, in every place the PDF
draws text; TC110 pdf-cannot-draw names only what neither face draws."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcdesk import interchange
from tcdesk.export.pdf_glyphs import FALLBACK, can_draw, runs, undrawable
from tcdesk.model import Attachment, AttachmentKind, Submission
from tcdesk.session import Session

from .helpers import pdf_bytes, pdftotext, tool

ROOT = Path(__file__).resolve().parents[2]
CJK = "東京大学 技術者 한국어 ひらがな カタカナ"
DEVANAGARI = "अनीता"  # neither face has it: still lost, still reported


def _no_space(text: str) -> str:
    """Whitespace removed: a line may wrap anywhere in a run of CJK characters, which have no spaces."""
    return re.sub(r"\s+", "", text)


def _marked(n: int, text: str) -> str:
    return f"Q{n}x{text}xQ"


def _between(pdf_text: str, n: int) -> str | None:
    found = re.search(rf"Q{n}x(.*?)xQ", pdf_text, re.S)
    return None if found is None else found.group(1)


def _submission(prev: list[dict], new: list[dict], **top) -> Submission:
    data = interchange.to_dict(Submission())
    data.update(top)
    data["previous_plan"]["actions"], data["new_plan"]["actions"] = prev, new
    return interchange.from_dict(data)


# Every place the PDF draws user text, each with a marked piece of mixed Latin and CJK text.
ANSWER_PIECES = [
    ("", f"plain {CJK} text"),  # body text
    ("**", f"bold {CJK}"),  # strong
    ("*", f"italic {CJK}"),  # emphasis
    ("***", f"bold italic {CJK}"),
    ("`", f"code {CJK}"),
]


@pytest.fixture(scope="module")
def cjk_pdf(tmp_path_factory) -> tuple[Path, dict[int, str]]:
    pieces: dict[int, str] = {}

    def mark(text: str) -> str:
        n = len(pieces)
        pieces[n] = text
        return _marked(n, text)

    blocks = [f"{around}{mark(text)}{around}" for around, text in ANSWER_PIECES]
    blocks.append(f"## {mark('heading ' + CJK)}")
    blocks.append(f"| {mark('head ' + CJK)} | b |\n|---|---|\n| {mark('cell ' + CJK)} | c |")
    blocks.append(f"- {mark('item ' + CJK)}\n- second")
    blocks.append(f"![{mark('caption ' + CJK)}](attachment:none.png)")
    sub = _submission(
        organisation=mark("東京大学 University"),
        leads=[{"name": mark("山田 太郎 Taro"), "role": mark("技術者 lead"), "email": "t@example.ac.uk"}],
        answers={"1": "\n\n".join(blocks), "2": "x"},
        signoff={"lead": {"name": mark("김민준 Kim"), "role": mark("責任者 role"), "date": "2026-01-12"},
                 "leader": {"name": mark("佐藤 花子"), "role": "Vice-Chancellor", "date": "2026-01-20"}},
        prev=[{"ref": "V01", "pillar": "visibility", "action": mark("計画 action " + CJK), "rag": "red",
               "explanation": mark("説明 because")}],
        new=[{"ref": "V02", "pillar": "visibility", "action": mark("新しい 行動"), "owner": mark("担当 owner"),
              "due": "2027-07"}],
    )
    # An appendix without a title of its own is listed in the contents under its file name.
    sub.attachments.append(Attachment(mark("技術者 survey") + ".pdf", AttachmentKind.APPENDIX, "application/pdf",
                                      pdf_bytes("appendix")))
    path = tmp_path_factory.mktemp("cjk") / "cjk.pdf"
    Session(sub).export("pdf", path)
    return path, pieces


def test_every_cjk_character_typed_comes_back_from_the_pdf_in_order(cjk_pdf):
    tool("pdftotext")
    path, pieces = cjk_pdf
    text = pdftotext(path)
    for n, written in pieces.items():
        found = _between(text, n)
        assert found is not None, (n, written)
        assert _no_space(found) == _no_space(written), (n, written, found)
    # Where a piece fits on one line, its spaces come back too.
    assert "plain 東京大学 技術者 한국어 ひらがな カタカナ text" in text
    assert "東京大学 University" in text.split("\n")[0]  # the running header


def test_the_fallback_face_is_embedded_as_a_subset_with_a_character_map(cjk_pdf):
    path, _ = cjk_pdf
    with pikepdf.open(path) as pdf:
        fonts = {font.objgen: font for page in pdf.pages for _, font in page.obj.Resources.get("/Font", {}).items()}
        fallback = [font for font in fonts.values() if str(font.BaseFont).endswith("+DroidSansFallback")]
        assert fallback, sorted(str(font.BaseFont) for font in fonts.values())
        for font in fallback:
            assert re.fullmatch(r"/[A-Z]{6}\+DroidSansFallback", str(font.BaseFont))  # a subset
            assert "/ToUnicode" in font
            data = font.FontDescriptor.FontFile2.read_bytes()  # embedded TrueType outlines
            assert 1000 < len(data) < 200_000  # only the glyphs used, not the 3.4 MB face


def test_the_structure_tree_holds_the_cjk_text_in_its_elements(cjk_pdf):
    path, _ = cjk_pdf
    # (poppler prints an attribute such as the appendix section's title as the string's raw UTF-16 bytes)
    tree = subprocess.run([tool("pdfinfo"), "-struct-text", str(path)], capture_output=True, check=True
                          ).stdout.decode("utf-8", "replace")
    # Each element's text, read from its marked content (the ToUnicode maps), is what the user typed.
    for n, what in ((0, f"plain {CJK} text"), (1, f"bold {CJK}"), (2, f"italic {CJK}"), (6, f"head {CJK}"),
                    (7, f"cell {CJK}"), (8, f"item {CJK}")):
        assert f'"{_marked(n, what)}"' in tree, (n, what)


def test_an_ordinary_document_never_reads_the_fallback_face(tmp_path):
    # Accented Latin, Greek and curly quotes are not ASCII, so the faces' character maps are read;
    # the fallback face's is not, nor is the face itself registered, read or embedded.
    code = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from tcdesk.export import pdf_glyphs\n"
        "from tcdesk.model import Submission\n"
        "from tcdesk.session import Session\n"
        "read = pdf_glyphs.character_ranges\n"
        "pdf_glyphs.character_ranges = lambda path: (print('read', path.name), read(path))[1]\n"
        "sub = Submission(organisation='Prifysgol Siân Łódź')\n"
        "sub.answers['1'] = 'Curly “quotes” – Ω, **bold é** and *italic ŵ*.'\n"
        f"Session(sub).export('pdf', {str(tmp_path / 'plain.pdf')!r})\n"
        "print('registered', *sorted(pdfmetrics.getRegisteredFontNames()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    lines = done.stdout.splitlines()
    assert "read DejaVuSans.ttf" in lines  # (the check below would pass vacuously otherwise)
    assert not any("DroidSansFallback" in line for line in lines), lines
    assert "TcdeskSans-Fallback" not in lines[-1].split()
    fonts = subprocess.run([tool("pdffonts"), str(tmp_path / "plain.pdf")], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts and "DroidSansFallback" not in fonts


def test_the_fallback_face_covers_the_scripts_it_is_there_for():
    ranges = {
        "CJK Unified Ideographs": range(0x4E00, 0x9FA6),
        "Hiragana": range(0x3041, 0x3095),  # (not the small ka and ke, U+3095 and U+3096)
        "Katakana": range(0x30A1, 0x30F7),  # (not VA, VI, VE, VO, U+30F7 to U+30FA)
        "Hangul syllables": range(0xAC00, 0xD7A4),
        "CJK punctuation": [*range(0x3000, 0x3004), *range(0x300A, 0x301A)],
        "Fullwidth forms": range(0xFF01, 0xFF5F),
    }
    for script, codes in ranges.items():
        assert all(can_draw(chr(c), FALLBACK) for c in codes), script
        assert undrawable("".join(map(chr, codes))) == [], script


def test_runs_cut_text_where_the_face_changes():
    assert runs("plain é text") is None
    assert runs("Tokyo 東京 and 大学.") == [("regular", "Tokyo "), ("fallback", "東京"), ("regular", " and "),
                                           ("fallback", "大学"), ("regular", ".")]
    # A character neither face has stays in the face it is set in (it prints as a box; TC110 says so).
    assert runs(f"{DEVANAGARI} 東", "bold") == [("bold", f"{DEVANAGARI} "), ("fallback", "東")]


# Characters of the covered scripts, and Latin letters and digits, mixed at random.
_COVERED = st.sampled_from([chr(c) for c in (*range(0x4E00, 0x9FA6, 97), *range(0x3041, 0x3095), *range(0x30A1, 0x30F7),
                                             *range(0xAC00, 0xD7A4, 89), 0x3001, 0x3002, 0x300C, 0x300D, 0xFF01, 0xFF1F)])
_LATIN = st.sampled_from("abcdefghijklmnopqrstuvwyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789éŵ")  # (no "x" or "Q": the markers)
_WORDS = st.lists(st.text(st.one_of(_COVERED, _LATIN), min_size=1, max_size=30), min_size=1, max_size=12).map(" ".join)


# Where a text may sit: plain, strong, emphasis, a heading, a table's header and body cells, a plan cell.
_PLACES = {"body": "{}", "bold": "**{}**", "italic": "*{}*", "heading": "## {}", "head cell": "| {} |\n|---|\n| b |",
           "cell": "| a |\n|---|\n| {} |"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.tuples(_WORDS, st.sampled_from([*_PLACES, "plan"])), min_size=1, max_size=4))
def test_mixed_latin_and_cjk_text_survives_the_pdf_exactly(texts, tmp_path, make_submission):
    tool("pdftotext")
    answer = "\n\n".join(_PLACES[place].format(_marked(n, t)) for n, (t, place) in enumerate(texts) if place != "plan")
    plan = [{"ref": f"V{n:02}", "pillar": "visibility", "action": _marked(n, t), "owner": "o", "due": "2027-07"}
            for n, (t, place) in enumerate(texts) if place == "plan"]
    sub = make_submission(organisation="University of Example", answers={"1": answer}, new=plan)
    path = Session(sub).export("pdf", tmp_path / "mixed.pdf")
    # Without white space: a word wider than its line or cell wraps anywhere, its marker included.
    shown = _no_space(pdftotext(path))
    tree = _no_space(subprocess.run([tool("pdfinfo"), "-struct-text", str(path)], capture_output=True, check=True
                                    ).stdout.decode("utf-8", "replace"))
    for n, (written, place) in enumerate(texts):
        # Each element's text (its marked content, read through the fonts' character maps) is exactly
        # what was written; so is the page's text, except in a plan row, where poppler may read a
        # wrapped cell's last line together with the next cell's.
        for text in (tree,) if place == "plan" else (tree, shown):
            found = _between(text, n)
            assert found is not None, (n, written, place)
            assert found.replace("*", "") == _no_space(written), (n, written, place, found)


def test_tc110_is_quiet_about_what_the_fallback_face_draws_and_names_what_neither_face_draws(make_submission):
    sub = make_submission(
        organisation="東京大学",
        answers={"1": "Led by 王芳 and **김민준**, *ひらがな* and ***カタカナ***.", "2": f"Led by {DEVANAGARI} and 王芳.",
                 "3": f"**{DEVANAGARI}**"},
        prev=[{"ref": "V01", "pillar": "visibility", "action": "計画 東京", "rag": "green"}],
    )
    findings = Session(sub).check(select="TC110")
    where = sorted(f.location.question for f in findings)
    assert where == ["2", "3"], [f.message for f in findings]
    for finding in findings:
        assert f'"{DEVANAGARI[0]}" U+{ord(DEVANAGARI[0]):04X}' in finding.message
        assert "王" not in finding.message


def test_words_longer_than_a_line_or_cell_are_split_without_losing_a_character(make_submission, tmp_path):
    # A word wider than its line is split across lines, fragment by fragment and character by character.
    tool("pdftotext")
    word = "Tokyo東京大学ひらがな한국어" * 12
    sub = make_submission(organisation="University of Example", answers={"1": _marked(0, word)},
                          new=[{"ref": "V02", "pillar": "visibility", "action": _marked(1, word), "owner": "x",
                                "due": "2027-07"}])
    text = pdftotext(Session(sub).export("pdf", tmp_path / "long.pdf"))
    for n in (0, 1):
        found = _between(text, n)
        assert found is not None and _no_space(found) == word, (n, found)
        assert "\n" in found.strip()  # it did wrap
